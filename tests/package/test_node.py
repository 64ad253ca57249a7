"""End to end in Node: `py2wasm build` -> `npm pack` -> offline `npm install`
into a fresh project -> import by name as ESM, from CommonJS, and through an
esbuild bundle; results checked against CPython. Also `tsc --strict --module
nodenext` on a typed consumer (accepted) and a mistyped one (rejected).

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import json
import shutil
import tarfile

import pytest

from py2wasm.package.entries import ENTRY_FILES

from .cases import all_cases, calls_json, check_results
from .conftest import HERE, MULTI_NAME, ROOT, node, run, tool, tsc


@pytest.fixture(scope="module")
def cases_file(app):
    cases = all_cases()
    path = app / "cases.json"
    path.write_text(calls_json(cases))
    return cases, path


def _check_all(cases, out, where):
    got = json.loads(out)
    assert set(got) == set(cases)
    for pkg in cases:
        check_results(cases[pkg], got[pkg], f"{where} {pkg}")


def test_tarball_holds_exactly_the_package_files(tarballs):
    with tarfile.open(tarballs["fma"]) as t:
        names = sorted(n.removeprefix("package/") for n in t.getnames())
    assert names == sorted(["README.md", "package.json", *ENTRY_FILES, "fma.wasm", "fma.wasm.d.ts", "fma.wasm.d.cts"])
    assert ".py2wasm-manifest.json" not in names  # the record of generated files is not published
    with tarfile.open(tarballs[MULTI_NAME]) as t:
        meta = json.load(t.extractfile("package/package.json"))
    assert (meta["name"], meta["version"]) == (MULTI_NAME, "1.2.3")
    assert "dependencies" not in meta


def test_node_esm_by_name_matches_cpython(app, cases_file):
    cases, path = cases_file
    shutil.copy(HERE / "run_cases.mjs", app / "run_cases.mjs")
    _check_all(cases, run([node(), "run_cases.mjs", path], cwd=app).stdout, "node esm")


def test_node_commonjs_through_dynamic_import(app, cases_file):
    cases, path = cases_file
    shutil.copy(HERE / "run_cases.cjs", app / "run_cases.cjs")
    _check_all(cases, run([node(), "run_cases.cjs", path], cwd=app).stdout, "node cjs")


def test_require_of_the_package_loads_synchronously(app):
    """`require` gets index.cjs, which reads the .wasm with fs and compiles
    it synchronously: the functions work as soon as require returns."""
    (app / "req.cjs").write_text('const m = require("fma");\nconsole.log(JSON.stringify([m.fma(3, -1, 2), m.loaded()]));\n')
    assert json.loads(run([node(), "req.cjs"], cwd=app).stdout) == [-1, "mvp"]


def test_esbuild_bundle_runs_with_the_wasm_beside_it(app, cases_file, packages, tmp_path):
    cases, path = cases_file
    shutil.copy(HERE / "run_cases.mjs", app / "run_cases.mjs")
    out = tmp_path / "bundle"
    run([tool(".bin/esbuild"), "run_cases.mjs", "--bundle", "--format=esm", "--platform=node",
         "--target=es2022", f"--outfile={out / 'main.mjs'}", "--log-level=warning"], cwd=app)
    for pkg in packages.values():  # the documented esbuild step: copy the .wasm files next to the bundle
        for w in pkg.glob("*.wasm"):
            shutil.copy(w, out / w.name)
    text = (out / "main.mjs").read_text()
    assert "fma(x, y, z)" in text or '"fma"' in text
    # Run it away from node_modules: the bundle needs nothing else.
    _check_all(cases, run([node(), out / "main.mjs", path], cwd=tmp_path).stdout, "esbuild bundle")


def test_esbuild_single_file_bundle_with_embedded_wasm_and_init(app, tmp_path):
    shutil.copy(HERE / "embed_wasm.mjs", app / "embed_wasm.mjs")
    out = tmp_path / "one.mjs"
    run([tool(".bin/esbuild"), "embed_wasm.mjs", "--bundle", "--format=esm", "--platform=node",
         "--target=es2022", "--loader:.wasm=binary", f"--outfile={out}", "--log-level=warning"], cwd=app)
    got = json.loads(run([node(), out], cwd=tmp_path).stdout)
    assert got["after"] == -1
    assert got["before"].startswith("fma: the WebAssembly module is not loaded: ")
    assert "init(source)" in got["before"]


GOOD_TS = """\
import { fma, init } from "fma";
import { floordiv, divmod_, is_pos, scale, nothing } from "@py2wasm-test/multi-fns";
const a: number = fma(1, 2, 3);
const q: number = floordiv(7, 2);
const [d, m]: readonly [number, number] = divmod_(7, 2);
const b: boolean = is_pos(1.5);
const s: readonly [number, readonly [number, boolean]] = scale([1.5, 2], true);
const n: void = nothing(1);
const ready: Promise<void> = init(new Uint8Array(0));
const fromUrl: Promise<void> = init(new URL("https://example.invalid/fma.wasm"));
console.log(a, q, d, m, b, s, n, ready, fromUrl);
"""

BAD_TS = [  # (code, TypeScript error it must produce)
    ('fma(1, 2);', "TS2554"),
    ('fma(1, "2", 3);', "TS2345"),
    ('const t: string = fma(1, 2, 3);', "TS2322"),
    ('scale([1.5], true);', "TS2345"),
    ('scale([1.5, 2], 1);', "TS2345"),
    ('const u: number = is_pos(1);', "TS2322"),
    ('divmod_(7, 2)[0] = 3;', "TS2540"),
    ('const w: [number, number] = divmod_(7, 2);', "TS4104"),
    ('const p: number = init();', "TS2322"),
    ('init(42);', "TS2345"),
    ('import { nope } from "fma";', "TS2305"),
]


def test_typed_consumer_is_accepted_by_tsc_strict_nodenext(app):
    (app / "good.ts").write_text(GOOD_TS)
    p = tsc(app, "good.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mistyped_consumer_is_rejected_line_by_line(app):
    header = 'import { fma, init } from "fma";\nimport { divmod_, is_pos, scale } from "@py2wasm-test/multi-fns";\n'
    lines = header.count("\n")
    (app / "bad.ts").write_text(header + "\n".join(code for code, _ in BAD_TS) + "\n")
    p = tsc(app, "bad.ts")
    assert p.returncode != 0
    for i, (code, err) in enumerate(BAD_TS):
        assert f"bad.ts({lines + i + 1}," in p.stdout and err in p.stdout.split(f"bad.ts({lines + i + 1},")[1].split("\n")[0], \
            f"expected {err} for {code!r}:\n{p.stdout}"


def test_declarations_compile_without_dom_or_node_types(app):
    """`lib: es2022` alone (no DOM, no @types/node): init's DOM types drop out."""
    (app / "nodom.ts").write_text('import { fma, init } from "fma";\n'
                                  'export const r: number = fma(1, 2, 3);\n'
                                  'export const p: Promise<void> = init(new Uint8Array(0));\n')
    p = tsc(app, "--lib", "es2022", "nodom.ts")
    assert p.returncode == 0, p.stdout


def test_init_with_bytes_from_a_data_url_module(packages, tmp_path):
    """index.js evaluated from a data: URL (as the playground's blob: URLs):
    `new URL("./x.wasm", import.meta.url)` cannot work there, so the load at
    import fails with that reason, and `init(bytes)` must not evaluate it."""
    from py2wasm.cli import _build
    from py2wasm.package import javascript_module
    pkg = packages["fma"]
    (tmp_path / "standalone.js").write_text(javascript_module(_build(str(ROOT / "examples" / "fma.py"), (), "3", "fma").manifest))
    (tmp_path / "data_url.mjs").write_text(
        'import { readFileSync } from "node:fs";\n'
        f'const js = readFileSync({json.dumps(str(tmp_path / "standalone.js"))});\n'
        'const m = await import("data:text/javascript;base64," + js.toString("base64"));\n'
        'const out = {};\n'
        'try { m.fma(1, 2, 3) } catch (e) { out.before = e.message }\n'
        f'await m.init(readFileSync({json.dumps(str(pkg / "fma.wasm"))}));\n'
        'out.after = m.fma(3, -1, 2);\n'
        'console.log(JSON.stringify(out));\n')
    got = json.loads(run([node(), "data_url.mjs"], cwd=tmp_path).stdout)
    assert got["after"] == -1
    assert got["before"].startswith("fma: the WebAssembly module is not loaded: ") and "URL" in got["before"], got
