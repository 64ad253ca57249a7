"""The memory API of packages with array functions (`alloc`, `array`,
`keep`, `release`; js/src/heap.ts) and the "js" ABI's int results, end to
end: `py2wasm build` of memory_mod.py, then the cases of memory_cases.mjs
under `node --test` (memory_api.mjs) and in headless Chromium
(browser_memory.mjs, through test_browser.py's page, server and driver),
and the declarations under tsc --strict (accepted and rejected uses)."""
from __future__ import annotations

import json
import os

import pytest

from .conftest import HERE, node, py2wasm_build, run, tsc


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    d = tmp_path_factory.mktemp("memory")
    (d / "package.json").write_text(json.dumps({"name": "memtest", "private": True, "type": "module"}))
    py2wasm_build(HERE / "memory_mod.py", d / "memory_mod")
    return d


def test_memory_api_in_node(project):
    p = run([node(), "--test", HERE / "memory_api.mjs"], cwd=project, check=False,
            env={**os.environ, "PKG": str(project / "memory_mod")})
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-2000:]
    assert "# fail 0" in p.stdout


def test_memory_api_in_chromium(project):
    """The same cases in headless Chromium: a page importing the package
    through an import map (no bundler)."""
    import shutil

    from .test_browser import drive_page

    for f in ("memory_cases.mjs", "mini_assert.mjs", "browser_memory.mjs"):
        shutil.copy(HERE / f, project / f)
    imports = {"imports": {"memtest-pkg": "./memory_mod/index.js"}}
    got = drive_page(project, "memory.html", "./browser_memory.mjs", imports)
    outcomes = got["result"]["outcomes"]
    assert len(outcomes) >= 10, outcomes
    bad = [(name, why) for name, why in outcomes if why != "ok"]
    assert not bad, "\n\n".join(f"{n}:\n{w}" for n, w in bad)
    assert not got["errors"], got["errors"]


def test_generated_code_places_read_only_arrays_without_copy_back(project):
    """ir/writes.py proves which array parameters a function never writes:
    their copies are not copied back (`$put(..., 1)`)."""
    js = next(t for t in ((project / "memory_mod" / f).read_text() for f in ("core.js", "index.js")
                          if (project / "memory_mod" / f).exists()) if "export function total(" in t)
    total = next(line for line in js.splitlines() if line.startswith("export function total("))
    assert "$put($s,$0,0,1)" in total
    add_into = next(line for line in js.splitlines() if line.startswith("export function add_into("))
    assert "$put($s,$2,0)" in add_into and "$put($s,$0,0,1)" in add_into
    assert "py2wasm_heap" not in js and "BigInt(" not in js.split("export const{alloc")[1]


GOOD_TS = """\
import { alloc, array, keep, release, add_into, total, scaled, split, rowsum } from "./memory_mod/index.js";
import type { WasmArray, Kept, DType } from "./memory_mod/index.js";
const x: WasmArray<Float64Array> = alloc(Float64Array, 3);
const i: WasmArray<Int32Array> = alloc(Int32Array, 2);
const m: WasmArray<Float64Array> = array({ shape: [2, 3], dtype: "float64" });
const u: WasmArray<Uint8Array> = array({ shape: 4, dtype: "bool" });
const c: WasmArray<Float64Array> = array(new Float64Array([1, 2]));
add_into(x, x.data, alloc(Float64Array, 3));
const t: number = total(x) + total(new Float64Array(1));
const r: Float64Array = scaled(x, 2);
const k: WasmArray<Float64Array> = keep(scaled, x, 2);
const [a, s, b]: readonly [WasmArray<Float64Array>, number, WasmArray<Float64Array>] = keep(split, x);
const rs: Float64Array = rowsum(m);
const kt: Kept<readonly [Float64Array, number]> = [k, 1];
const d: DType = "uint8";
const gone: boolean = x.freed;
x.free();
const done: Promise<void> = release();
export const all = [i, u, c, t, r, a, s, b, rs, kt, d, gone, done];
"""

BAD_TS = [  # (code, TypeScript error it must produce)
    ("alloc(Array, 3);", "TS2345"),
    ("alloc(Float64Array);", "TS2554"),
    ('array({ shape: [2], dtype: "float16" });', "TS2769"),
    ("total(alloc(Int32Array, 2));", "TS2345"),
    ("const y: WasmArray<Int32Array> = alloc(Float64Array, 2);", "TS2322"),
    ("keep(scaled, x);", "TS2554"),
    ("keep(scaled, x, \"2\");", "TS2345"),
    ("const z: Float64Array = keep(scaled, x, 2);", "TS2740"),
    ("x.byteOffset = 4;", "TS2540"),
    ("const n: number = release();", "TS2322"),
]


def test_memory_api_types_are_accepted_by_tsc_strict(project):
    (project / "good_memory.ts").write_text(GOOD_TS)
    p = tsc(project, "--lib", "es2020", "good_memory.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_misused_memory_api_is_rejected_line_by_line(project):
    header = ('import { alloc, array, keep, release, total, scaled } from "./memory_mod/index.js";\n'
              'import type { WasmArray } from "./memory_mod/index.js";\n'
              'const x = alloc(Float64Array, 3);\n')
    lines = header.count("\n")
    (project / "bad_memory.ts").write_text(header + "\n".join(code for code, _ in BAD_TS) + "\n")
    p = tsc(project, "--lib", "es2020", "bad_memory.ts")
    assert p.returncode != 0
    for i, (code, err) in enumerate(BAD_TS):
        at = f"bad_memory.ts({lines + i + 1},"
        assert at in p.stdout and err in p.stdout.split(at)[1].split("\n")[0], \
            f"expected {err} for {code!r}:\n{p.stdout}"
