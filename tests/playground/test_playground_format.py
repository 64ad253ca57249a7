"""The page shows results in Python's notation: playground/src/format.js's
pyFloat must print every float exactly as CPython's repr does, and the form
parsers must accept and refuse what the issue's forms promise. Runs format.js
under Node against CPython."""
from __future__ import annotations

import json
import math
import random
import shutil
import struct
import subprocess

import pytest

from playground_helpers import ROOT

FORMAT_JS = ROOT / "playground" / "src" / "format.js"


def node_eval(script: str, data) -> object:
    if shutil.which("node") is None:
        pytest.fail("node is needed: run scripts/setup.sh")
    code = (f"import * as F from {json.dumps(FORMAT_JS.as_uri())};\n"
            "const data = JSON.parse(process.argv[1]);\n"
            f"{script}\n")
    r = subprocess.run(["node", "--input-type=module", "-e", code, json.dumps(data)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_pyfloat_is_cpython_repr():
    rng = random.Random(7)
    values = [0.0, -0.0, 1.0, -1.0, 2.5, 0.1, 1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5,
              0.00012345, 1.5e-05, 1e22, 1e21, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308,
              123456789012345678.0, -3.75e-7, 1 / 3, 2.0 ** 53, 2.0 ** 60, math.pi * 1e100]
    values += [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(3000)]
    values += [rng.uniform(-1e6, 1e6) for _ in range(1000)]
    values = [v for v in values if math.isfinite(v)]
    reprs = [repr(v) for v in values]
    got = node_eval("process.stdout.write(JSON.stringify(data.map((s) => F.pyFloat(Number(s)))));",
                    reprs)
    bad = [(w, g) for w, g in zip(reprs, got) if w != g]
    assert bad == [], bad[:10]
    specials = node_eval("process.stdout.write(JSON.stringify([F.pyFloat(NaN), F.pyFloat(Infinity), "
                         "F.pyFloat(-Infinity), F.pyFloat(-0)]));", None)
    assert specials == [repr(math.nan), repr(math.inf), repr(-math.inf), repr(-0.0)]


def test_pyrepr_of_results():
    got = node_eval("""process.stdout.write(JSON.stringify([
      F.pyRepr(3, "int"), F.pyRepr(3, "float"), F.pyRepr(true, "bool"), F.pyRepr(undefined, "None"),
      F.pyRepr([1, 2.5, false], {tuple: ["int", "float", "bool"]}),
      F.pyRepr([7], {tuple: ["int"]}),
      F.pyRepr(new Float64Array([0.5, 1, 2]), {array: "float64", ndim: 1}),
    ]));""", None)
    assert got == ["3", "3.0", "True", "None", "(1, 2.5, False)", "(7,)", "array([0.5, 1, 2])"]


def test_form_parsing_accepts_and_refuses():
    got = node_eval("""
    const out = [];
    const tryit = (f) => { try { out.push(["ok", f()]); } catch (e) { out.push(["err", e.message]); } };
    tryit(() => F.parseValue(" 42 ", "int", "n"));
    tryit(() => F.parseValue("4.5", "int", "n"));
    tryit(() => F.parseValue("9007199254740993", "int", "n"));
    tryit(() => F.parseValue("-1.5e3", "float", "x"));
    tryit(() => F.parseValue("inf", "float", "x"));
    tryit(() => F.parseValue("abc", "float", "x"));
    tryit(() => F.parseValue("(1, 2.5)", {tuple: ["int", "float"]}, "t"));
    tryit(() => F.parseValue("1", {tuple: ["int", "float"]}, "t"));
    tryit(() => Array.from(F.parseValue("1, 2,3  4", {array: "float64", ndim: 1}, "a")));
    tryit(() => F.parseValue("1, 2", {array: "int32", ndim: 1}, "a").constructor.name);
    tryit(() => F.parseValue("True", "bool", "b"));
    process.stdout.write(JSON.stringify(out, (k, v) => (v === Infinity ? "Infinity" : v)));
    """, None)
    assert got[0] == ["ok", 42]
    assert got[1][0] == "err" and "expected an int" in got[1][1]
    assert got[2][0] == "err" and "safe integers" in got[2][1]
    assert got[3] == ["ok", -1500]
    assert got[4] == ["ok", "Infinity"]
    assert got[5][0] == "err"
    assert got[6] == ["ok", [1, 2.5]]
    assert got[7][0] == "err" and "2 comma-separated" in got[7][1]
    assert got[8] == ["ok", [1, 2, 3, 4]]
    assert got[9] == ["ok", "Int32Array"]
    assert got[10] == ["ok", True]


def test_twin_results_agree_to_twelve_digits():
    """The plain-JS twin's result is flagged only when it really differs."""
    got = node_eval("""process.stdout.write(JSON.stringify([
      F.agrees(new Float64Array([0.1, 0.2]), new Float64Array([0.1 * (1 + 1e-15), 0.2])),
      F.agrees(new Float64Array([0.1, 0.2]), new Float64Array([0.1, 0.2001])),
      F.agrees(new Float64Array([1, 2]), new Float64Array([1, 2, 3])),
      F.agrees({data: new Int32Array([1, 2]), shape: [2, 1]}, {data: new Int32Array([1, 2]), shape: [2, 1]}),
      F.agrees({data: new Int32Array([1, 2]), shape: [2, 1]}, {data: new Int32Array([1, 2]), shape: [1, 2]}),
      F.agrees([3, [NaN, true]], [3, [NaN, true]]),
      F.agrees(5, 6), F.agrees(-0, 0), F.agrees(1n, 1n),
    ]));""", None)
    assert got == [True, False, False, True, False, True, False, True, True]
