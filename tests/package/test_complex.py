"""Python complex numbers through the generated npm package: `py2wasm
build` of tests/package/complex_module.py -> `npm pack` -> offline install
-> Node (ESM by name) and headless Chromium (import map, no bundler);
results compared with CPython bit for bit (-0, inf and NaN parts included),
exceptions by name and message; argument checks; `tsc --strict` accepts
typed uses of `Complex` and rejects wrong ones.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import json
import math

import pytest

from .conftest import HERE, load_python, node, run, tsc, tsc_rejects_each_line
from .node_app import installed_app
from .test_browser import drive_page

NAME = "@py2wasm-test/complex"
INF, NAN = math.inf, math.nan
ZS = [1 + 2j, complex(-0.0, 0.0), complex(0.0, -0.0), complex(INF, 1.0), complex(NAN, -1.0),
      complex(1e308, 1e308), complex(-2.5, 1e-310), 0j, complex(-1.0, -0.0)]


def _cases():
    out = []
    for z in ZS:
        for w in ZS[:6]:
            out.append(("cmul", (z, w)))
            out.append(("cdiv", (z, w)))
        for n in (0, 2, 3, -1, -2, 5):
            out.append(("cpow", (z, n)))
        out.append(("root_and_modulus", (z,)))
        out.append(("parts", (z,)))
    for c in (0.25 + 0.5j, -0.75 + 0.1j, 1 + 1j, -2 + 0j):
        out.append(("mandel", (c, 200)))
    for t in (0.0, -0.0, 1.0, math.pi, 1e300, INF, NAN):
        out.append(("phasor", (t,)))
    return out


def _enc(v):
    if isinstance(v, complex):
        return {"re": repr(v.real).replace("inf", "Infinity").replace("nan", "NaN"),
                "im": repr(v.imag).replace("inf", "Infinity").replace("nan", "NaN")}
    if isinstance(v, float):
        return repr(v).replace("inf", "Infinity").replace("nan", "NaN")
    return v


def _dec(v):
    if isinstance(v, list):
        return tuple(_dec(x) for x in v)
    if isinstance(v, dict) and "re" in v:
        return complex(float(v["re"]), float(v["im"]))
    if isinstance(v, dict) and "int" in v:
        return v
    if isinstance(v, str):
        return float(v)
    return v


def _same(got, want) -> bool:
    if isinstance(want, tuple):
        return isinstance(got, tuple) and len(got) == len(want) and all(map(_same, got, want))
    if isinstance(want, complex):
        return isinstance(got, complex) and _same(got.real, want.real) and _same(got.imag, want.imag)
    if isinstance(want, bool):
        return got is want
    if isinstance(want, int):  # a JS number that is an integer
        return isinstance(got, dict) and got["int"] == want
    if isinstance(want, float):
        if isinstance(got, dict):  # an integral float (JS cannot tell): compare the value
            got = float(got["f"])
        return (math.isnan(got) and math.isnan(want)) or (
            got == want and math.copysign(1, got) == math.copysign(1, want))
    return got == want


def _check(outcomes, where):
    mod = load_python(HERE / "complex_module.py")
    assert len(outcomes) == len(_cases()), where
    bad = []
    for (fn, args), got in zip(_cases(), outcomes):
        try:
            want = ("ok", getattr(mod, fn)(*args))
        except Exception as e:  # noqa: BLE001
            want = (type(e).__name__, str(e))
        if want[0] == "ok":
            if "ok" not in got or not _same(_dec(got["ok"]), want[1]):
                bad.append((fn, args, got, want))
        elif got.get("error") != want[0] or not got.get("message", "").startswith(want[1]):
            bad.append((fn, args, got, want))
    assert not bad, f"{where}: {len(bad)} mismatches, e.g. {bad[:3]}"


@pytest.fixture(scope="module")
def capp(tmp_path_factory):
    return installed_app(tmp_path_factory, "complex_module.py", NAME,
                         ("complex_harness.mjs", "run_complex.mjs", "browser_complex.mjs"),
                         "complex_cases.json", [{"fn": fn, "args": [_enc(a) for a in args]} for fn, args in _cases()])


def test_node_complex_functions_match_cpython(capp):
    got = json.loads(run([node(), "run_complex.mjs", "complex_cases.json"], cwd=capp).stdout)
    _check(got, "node")


def test_chromium_complex_functions_match_cpython(capp):
    imports = {"imports": {NAME: f"./node_modules/{NAME}/index.js"}}
    got = drive_page(capp, "complex.html", "./browser_complex.mjs", imports)
    _check(got["result"]["outcomes"], "chromium")
    assert not got["errors"], got["errors"]


def test_argument_checks(capp):
    script = """
import { cmul, mandel } from "@py2wasm-test/complex";
const out = [];
for (const f of [() => cmul(1, {re: 0, im: 0}), () => cmul({re: 1}, {re: 0, im: 0}),
                 () => cmul({re: "1", im: 0}, {re: 0, im: 0}), () => cmul(null, {re: 0, im: 0}),
                 () => mandel({re: 0, im: 0}, 1.5), () => cmul({re: 1, im: 2})]) {
  try { f(); out.push("no error"); } catch (e) { out.push(`${e.name}: ${e.message}`); }
}
console.log(JSON.stringify(out));
"""
    (capp / "checks.mjs").write_text(script)
    got = json.loads(run([node(), "checks.mjs"], cwd=capp).stdout)
    assert got[0] == "TypeError: cmul(): argument 'z' must be a complex {re: number, im: number}, got 1"
    assert got[1].startswith("TypeError: cmul(): argument 'z' must be a complex") and "im is undefined" in got[1]
    assert "re is \"1\"" in got[2]
    assert got[3].endswith("got null")
    assert got[4].startswith("TypeError: mandel(): argument 'n'")
    assert got[5].startswith("TypeError: cmul(z, w) takes 2 arguments, got 1")


def test_declarations(capp):
    dts = (capp / "node_modules" / NAME / "index.d.ts").read_text()
    for line in ["export interface Complex {", "  readonly re: number;",
                 "export declare function cmul(z: Complex, w: Complex): Complex;",
                 "export declare function root_and_modulus(z: Complex): readonly [Complex, number];",
                 "export declare function mandel(c: Complex, n: number): number;",
                 "export declare function parts(z: Complex): readonly [number, number, Complex, boolean];"]:
        assert line in dts.splitlines(), line
    readme = (capp / "node_modules" / NAME / "README.md").read_text()
    assert "{ re: 1.5, im: -0.5 }" in readme


GOOD_TS = """\
import { cmul, cdiv, root_and_modulus, phasor, parts } from "@py2wasm-test/complex";
import type { Complex } from "@py2wasm-test/complex";
const z: Complex = { re: 1, im: 2 };
const p: Complex = cmul(z, { re: 0, im: -1 });
const q: number = cdiv(p, z).re;
const [r, m]: readonly [Complex, number] = root_and_modulus(z);
const e: number = phasor(0.5).im;
const [re, im, c, zero]: readonly [number, number, Complex, boolean] = parts(z);
console.log(p, q, r, m, e, re, im, c, zero);
"""

BAD_TS = [  # (code, TypeScript error it must produce)
    ("cmul(1, z);", "TS2345"),
    ("cmul({ re: 1 }, z);", "TS2345"),
    ("cmul([1, 2], z);", "TS2345"),
    ("const n: number = cmul(z, z);", "TS2322"),
    ("cmul(z, z).re = 3;", "TS2540"),
    ("phasor(z);", "TS2345"),
]


def test_typed_complex_consumer_is_accepted_by_tsc_strict(capp):
    (capp / "good_complex.ts").write_text(GOOD_TS)
    p = tsc(capp, "good_complex.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mistyped_complex_consumer_is_rejected_line_by_line(capp):
    header = ('import { cmul, phasor } from "@py2wasm-test/complex";\n'
              'import type { Complex } from "@py2wasm-test/complex";\n'
              'const z: Complex = { re: 1, im: 2 };\n')
    tsc_rejects_each_line(capp, "bad_complex.ts", header, BAD_TS)
