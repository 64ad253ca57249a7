"""Complex arrays through the memory API (js/src/heap.ts, js/src/cxarrays.ts):
`py2wasm build` of cx_memory_mod.py, then the cases of cx_memory_cases.mjs
under `node --test` (cx_memory_api.mjs) and in headless Chromium
(browser_cx_memory.mjs, through test_browser.py's page, server and driver),
and the declarations (WasmComplexArray, the complex overloads of alloc and
array, Kept of complex results) under tsc --strict, accepted and rejected
uses."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from .conftest import HERE, node, py2wasm_build, run, tsc, tsc_rejects_each_line


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    d = tmp_path_factory.mktemp("cxmemory")
    (d / "package.json").write_text(json.dumps({"name": "cxmemtest", "private": True,
                                                "type": "module"}))
    py2wasm_build(HERE / "cx_memory_mod.py", d / "cx_memory_mod")
    return d


def test_complex_memory_api_in_node(project):
    p = run([node(), "--test", HERE / "cx_memory_api.mjs"], cwd=project, check=False,
            env={**os.environ, "PKG": str(project / "cx_memory_mod")})
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-2000:]
    assert "# fail 0" in p.stdout and "# pass 5" in p.stdout


def test_complex_memory_api_in_chromium(project):
    from .test_browser import drive_page

    for f in ("cx_memory_cases.mjs", "mini_assert.mjs", "browser_cx_memory.mjs"):
        shutil.copy(HERE / f, project / f)
    imports = {"imports": {"cxmem-pkg": "./cx_memory_mod/index.js"}}
    got = drive_page(project, "cxmemory.html", "./browser_cx_memory.mjs", imports)
    outcomes = got["result"]["outcomes"]
    assert len(outcomes) == 5, got
    bad = [(name, why) for name, why in outcomes if why != "ok"]
    assert not bad, "\n\n".join(f"{n}:\n{w}" for n, w in bad)
    assert not got["errors"], got["errors"]


GOOD_TS = """\
import { alloc, array, keep, cscale, cdot, csolve, cgrid64, split } from "./cx_memory_mod/index.js";
import type { WasmComplexArray, WasmArray, Complex128Array, ComplexDType, Kept } from "./cx_memory_mod/index.js";
const z: WasmComplexArray<"complex128"> = alloc("complex128", 3);
const parts: Float64Array = z.data;
const dt: "complex128" = z.dtype;
const n: number = z.length + z.byteOffset;
const a = array({ dtype: "complex128", shape: [2, 2] });
const b: WasmComplexArray<"complex128"> = array({ dtype: "complex128", shape: 2, data: new Float64Array(4) });
const g: WasmComplexArray<"complex64"> = array({ dtype: "complex64", shape: [2, 3] });
const g32: Float32Array = g.data;
cscale(z, { re: 0, im: 1 });
cscale({ dtype: "complex128", data: new Float64Array(2), shape: [1] }, { re: 1, im: 0 });
const d: number = cdot(z, b).re;
const x: Complex128Array<1> = csolve(a, b);
const kx: WasmComplexArray<"complex128"> = keep(csolve, a, b);
const kg: WasmComplexArray<"complex64"> = keep(cgrid64, g);
const [t, m]: readonly [WasmComplexArray<"complex128">, WasmArray<Float64Array>] = keep(split, z);
const kt: Kept<Complex128Array<2>> = kx;
const c: ComplexDType = "complex64";
const any: WasmArray = z;
z.free();
export const all = [parts, dt, n, g32, d, x, kg, t, m, kt, c, any];
"""

BAD_TS = [  # (code, TypeScript error it must produce)
    ('alloc("complex32", 2);', "TS2345"),
    ('const w: WasmComplexArray<"complex64"> = alloc("complex128", 2);', "TS2322"),
    ("cscale(g, { re: 1, im: 0 });", "TS2345"),
    ("cscale(z.data, { re: 1, im: 0 });", "TS2345"),
    ('array({ dtype: "complex64", shape: [2], data: new Float64Array(4) });', "TS2769"),
    ("const f: Float32Array = z.data;", "TS2322"),
    ('z.dtype = "complex64";', "TS2540"),
    ("const k: Complex128Array<1> = keep(csolve, z, z);", "TS2322"),
]


def test_complex_memory_types_are_accepted_by_tsc_strict(project):
    (project / "good_cx_memory.ts").write_text(GOOD_TS)
    p = tsc(project, "--lib", "es2020", "good_cx_memory.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_misused_complex_memory_api_is_rejected_line_by_line(project):
    header = ('import { alloc, array, keep, cscale, csolve } from "./cx_memory_mod/index.js";\n'
              'import type { WasmComplexArray, Complex128Array } from "./cx_memory_mod/index.js";\n'
              'const z = alloc("complex128", 3);\n'
              'const g = alloc("complex64", 3);\n')
    tsc_rejects_each_line(project, "bad_cx_memory.ts", header, BAD_TS)
