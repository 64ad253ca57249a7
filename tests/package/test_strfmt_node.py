"""Formatted values as strs through the generated npm package (`py2wasm build`
of tests/frontend/strfmt_functions.py's supported functions -> `npm pack` -> offline install -> Node
and headless Chromium): str/repr/f-string fields with format specs,
%-formatting and str.format of doubles drawn over all bit patterns
(subnormals, +-0, inf, nan, integers, the 1e16 boundary), int64s and texts,
formatted by js/src/format.ts's `sformat`, compared with CPython's text;
exception messages built the same ways.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import json
import random
import shutil
import struct

import pytest

from tests.frontend.test_strfmt import SPECIAL

from .conftest import HERE, load_python, node, npm, py2wasm_build, run

NAME = "@py2wasm-test/strfmt"
TEXTS = ["", "ab", "it's", "é\U0001F600", "a\"b\\c\n", "\u200b\x07"]

HARNESS = """
// The cases through the package: floats arrive as their bits, numbers leave as String(r).
export function runCases(pkg, cases) {
  const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
  const arg = (a) => { if (typeof a === "object") { u64[0] = BigInt(a.bits); return f64[0]; } return a; };
  const out = [];
  for (const { fn, args } of cases) {
    try { const r = pkg[fn](...args.map(arg)); out.push({ ok: typeof r === "number" ? String(r) : r }); }
    catch (e) { out.push({ error: e.name, message: e.message }); }
  }
  return out;
}
"""

SCRIPT = """
import { readFileSync } from "node:fs";
import * as pkg from "@py2wasm-test/strfmt";
import { runCases } from "./harness.mjs";
console.log(JSON.stringify(runCases(pkg, JSON.parse(readFileSync(process.argv[2], "utf8")))));
"""

BROWSER = """
import * as pkg from "@py2wasm-test/strfmt";
import { runCases } from "./harness.mjs";
try {
  const cases = await (await fetch(new URL("cases.json", document.baseURI))).json();
  window.__result = { outcomes: runCases(pkg, cases) };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
"""



def _bits(x: float) -> dict:
    return {"bits": str(struct.unpack("<Q", struct.pack("<d", x))[0])}


def _doubles(n: int) -> list:
    rng = random.Random(1812)
    xs = list(SPECIAL)
    for _ in range(n):
        r = rng.random()
        if r < 0.5:
            xs.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0])
        elif r < 0.7:
            xs.append(float(rng.randint(-2 ** 60, 2 ** 60)))
        elif r < 0.85:
            xs.append(float(f"{rng.randint(1, 99999)}e{rng.randint(-330, 308)}"))
        else:
            xs.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(52)))[0])  # subnormal
    return xs


def _cases() -> list:
    rng = random.Random(7)
    ints = [0, -1, 255, -255, 10 ** 12, 2 ** 53 - 1, -2 ** 53 + 1] + [rng.randint(-2 ** 40, 2 ** 40)
                                                                    for _ in range(20)]
    out = []
    for x in _doubles(3000):
        out.append(("float_forms", [x]))
    for x in _doubles(300):
        out.append(("percent_forms", [x, rng.choice(ints), rng.choice(TEXTS)]))
        out.append(("format_method", [x, rng.choice(ints), rng.choice(TEXTS)]))
        out.append(("messages", [x, rng.randint(0, 5)]))
    for x in _doubles(60):
        out.append(("float_wide", [x]))
    out += [("int_forms", [n]) for n in ints] + [("str_forms", [s]) for s in TEXTS]
    for x in _doubles(200):
        out.append(("runtime_specs", [x, rng.randint(-3, 30), rng.randint(-2, 20)]))
    out += [("runtime_str_specs", [s, rng.randint(-3, 12), rng.choice(ints)]) for s in TEXTS]
    out += [("table", [12])]
    return out


def _encode(args) -> list:
    return [_bits(a) if isinstance(a, float) else a for a in args]


# the package's functions: tests/frontend/strfmt_functions.py's supported ones
FUNCTIONS = ("float_forms", "float_wide", "int_forms", "str_forms", "percent_forms",
             "format_method", "messages", "table", "runtime_specs", "runtime_str_specs")


def _write_module(path) -> None:
    """The package's source: FUNCTIONS taken whole from the frontend's test module."""
    import inspect

    from tests.frontend import strfmt_functions as src
    path.write_text('"""Functions formatting run-time values into strs (from '
                    'tests/frontend/strfmt_functions.py)."""\nfrom __future__ import annotations\n\n\n'
                    + "\n\n".join(inspect.getsource(getattr(src, f)) for f in FUNCTIONS))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    d = tmp_path_factory.mktemp("strfmt")
    _write_module(d / "strfmt_module.py")
    pkg = py2wasm_build(d / "strfmt_module.py", d / "pkg", "--name", NAME)
    info = json.loads(run([npm(), "pack", "--json", "--pack-destination", d, pkg]).stdout)[0]
    app = d / "app"
    app.mkdir()
    (app / "package.json").write_text(json.dumps({"name": "app", "private": True,
                                                  "type": "module"}))
    run([npm(), "install", "--offline", "--no-audit", "--no-fund", d / info["filename"]], cwd=app)
    (app / "run.mjs").write_text(SCRIPT)
    (app / "harness.mjs").write_text(HARNESS)
    (app / "browser.mjs").write_text(BROWSER)
    (app / "cases.json").write_text(json.dumps([{"fn": fn, "args": _encode(a)}
                                                for fn, a in _cases()]))
    return app


def test_node_formatting_matches_cpython(app):
    _check(app, json.loads(run([node(), "run.mjs", "cases.json"], cwd=app).stdout))


def test_chromium_formatting_matches_cpython(app):
    from .test_browser import drive_page
    imports = {"imports": {NAME: f"./node_modules/{NAME}/index.js"}}
    got = drive_page(app, "strfmt.html", "./browser.mjs", imports)
    _check(app, got["result"]["outcomes"])
    assert not got["errors"], got["errors"]


def _check(app, got):
    mod = load_python(app.parent / "strfmt_module.py")
    cases = _cases()
    assert len(got) == len(cases)
    bad = []
    for (fn, args), g in zip(cases, got):
        try:
            r = getattr(mod, fn)(*args)
            if isinstance(r, float):  # String(number) in run.mjs
                ok = isinstance(g.get("ok"), str) and repr(float(g["ok"])) == repr(r)
            else:
                ok = g.get("ok") == r
        except Exception as e:  # noqa: BLE001
            ok = g.get("error") == type(e).__name__ and \
                g.get("message", "").startswith(str(e) + " (")
            r = (type(e).__name__, str(e))
        if not ok:
            bad.append((fn, args, g, r))
    assert not bad, f"{len(bad)} mismatches, e.g. {bad[:3]}"


def test_formatting_declarations(app):
    dts = (app / "node_modules" / NAME / "index.d.ts").read_text()
    assert "export declare function float_forms(x: number): string;" in dts.splitlines()
    assert "export declare function percent_forms(x: number, n: number, s: string): string;" in \
        dts.splitlines()
