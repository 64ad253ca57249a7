"""Python strs through the generated npm package: `py2wasm build` of
tests/package/strvalues_module.py -> `npm pack` -> offline install -> Node
and headless Chromium. JS strings (UTF-16) in and out: non-ASCII, astral
characters (one Python code point each: `len` and indexing count code
points) and lone surrogates (kept: they round-trip); results and exceptions
(name, and CPython's message before the source line, run-time strings
formatted with !r, !a and specs) compared with CPython; `tsc --strict`
accepts `string` parameters and results and rejects other types.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import json
import math
import random

import pytest

from .conftest import HERE, load_python, node, run, tsc, tsc_rejects_each_line
from .node_app import installed_app

NAME = "@py2wasm-test/strvalues"
CHARS = "ab zé,\t\n9-1_\u00a0\u3000日\U0001F600\U00010400'\"\\\x07\u200b\ud800\udfff"


def _text(rng, n):
    s = "".join(rng.choice(CHARS) for _ in range(n))
    # no high surrogate right before a low one: JavaScript would read the two as one character
    return s.replace("\ud800\udfff", "\ud800x")


def _cases():
    rng = random.Random(18)
    out = [("greet", ["wörld \U0001F600", 3]), ("greet", []), ("greet", ["\ud800"]), ("parse", [" -1_234 "]), ("parse", ["12x\U0001F600"]),
           ("csv_total", ["1, 2,3"]), ("csv_total", ["1,,2"]), ("char", [0x1F600]), ("char", [0xD800]),
           ("char", [0x110000]), ("code", ["\U0001F600"]), ("code", ["ab"]), ("shout", ["abc"]),
           ("shout", ["é"]), ("digits_only", ["12"]), ("at", ["abc", 3]),
           ("mean", ["0.1, 0.2,0.30000000000000004"]), ("mean", ["1e400,-1e400"]), ("mean", ["1,x"]),
           ("mean", ["2.2250738585072011e-308, 4.9e-324"])]
    for t in ["1_0.5", "1_.5", " -iNfInity ", "+nan", ".5e-3_0", "123456789012345678901234567890e-10",
              "9" * 330, "1e", "\u30001.5\u2003", "1.7976931348623159e308",
              "\u0661.\u0665e\u0662", "\U0001D7D7\U0001D7CE", "\u00bd", "\u0663\ud800"]:
        out.append(("to_float", [t]))
    for t in ["\u0661\u0662\u0663", " \u3000-\u09e7_\u09e8\u2003", "\u00b2", "\U0001D7D7\ud800"]:
        out.append(("parse", [t]))
    for t in ["straße ǆemal ΟΔΟΣ σοφός", "ﬁne İstanbul", "Ǆ", "ΣΑΣ.", "Äbc_\u0661", "", "\U00010428x\ud800"]:
        out.append(("shout", [t]))  # Unicode case and letters (frontend/strcase.py)
        out.append(("headline", [t]))
        out.append(("letters", [t]))
    for n in list(range(6)) + [17, 40]:
        s = _text(rng, n)
        out.append(("length", [s]))
        out.append(("reverse", [s]))
        out.append(("at", [s, rng.randint(-n - 1, n)]))
        out.append(("greet", [s, rng.randint(-9, 9)]))
        out.append(("count_words", [s + " ab ab", "ab"]))
        out.append(("pieces", [s, rng.choice([",", " ", "\U0001F600", "é"])]))
        out.append(("replace_all", [s, rng.choice(["a", "\U0001F600", " ", "\ud800"]), "<\U00010400>"]))
        out.append(("digits_only", [s]))
        out.append(("headline", [s]))
    return out


def _js_view(v):
    """A Python result as JavaScript sees it (UTF-16: adjacent surrogates pair up)."""
    if isinstance(v, str):
        return v.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    if isinstance(v, tuple):
        return [_js_view(x) for x in v]
    return v


def _check(outcomes):
    mod = load_python(HERE / "strvalues_module.py")
    cases = _cases()
    assert len(outcomes) == len(cases)
    bad = []
    for (fn, args), got in zip(cases, outcomes):
        try:
            want = ("ok", _js_view(getattr(mod, fn)(*args)))
        except Exception as e:  # noqa: BLE001
            want = (type(e).__name__, str(e))
        if want[0] == "ok":
            w = want[1]
            if isinstance(w, float) and (w != w or w in (math.inf, -math.inf)):
                w = "NaN" if w != w else "Infinity" if w > 0 else "-Infinity"  # run_strvalues.mjs
            g = got.get("ok")
            if type(w) is float and type(g) is int:  # JSON writes 6.0 as 6, 1e19 as digits
                g = float(g)
            ok = "ok" in got and g == w and type(g) is type(w)
        else:
            ok = got.get("error") == want[0] and got.get("message", "").startswith(want[1] + " (")
        if not ok:
            bad.append((fn, args, got, want))
    assert not bad, f"{len(bad)} mismatches, e.g. {bad[:3]}"


@pytest.fixture(scope="module")
def sapp(tmp_path_factory):
    return installed_app(tmp_path_factory, "strvalues_module.py", NAME,
                         ("run_strvalues.mjs", "strvalues_harness.mjs", "browser_strvalues.mjs"),
                         "cases.json", [{"fn": fn, "args": args} for fn, args in _cases()])


def test_node_str_functions_match_cpython(sapp):
    got = json.loads(run([node(), "run_strvalues.mjs", "cases.json"], cwd=sapp).stdout)
    _check(got)


def test_chromium_str_functions_match_cpython(sapp):
    from .test_browser import drive_page
    imports = {"imports": {NAME: f"./node_modules/{NAME}/index.js"}}
    got = drive_page(sapp, "strvalues.html", "./browser_strvalues.mjs", imports)
    _check(got["result"]["outcomes"])
    assert not got["errors"], got["errors"]


def test_argument_checks_and_flat_memory(sapp):
    script = """
import { length, reverse } from "@py2wasm-test/strvalues";
import * as pkg from "@py2wasm-test/strvalues";
const out = [];
for (const f of [() => length(3), () => length(["a"]), () => reverse(null)]) {
  try { out.push(JSON.stringify(f())); } catch (e) { out.push(`${e.name}: ${e.message}`); }
}
const big = "x\\u{1F600}".repeat(5000);
const mem = () => { const a = pkg.alloc(Float64Array, 1), n = a.data.buffer.byteLength; a.free(); return n; };
reverse(big);
const before = mem();
let ok = true;
for (let i = 0; i < 10000; i++) ok = ok && reverse(big).length === big.length;
out.push(JSON.stringify([ok, before === mem(), length(big)]));
console.log(JSON.stringify(out));
"""
    (sapp / "checks.mjs").write_text(script)
    got = json.loads(run([node(), "checks.mjs"], cwd=sapp).stdout)
    assert got[0] == "TypeError: length(): argument 's' must be a string (Python str), got 3"
    assert got[1].startswith("TypeError: length(): argument 's' must be a string")
    assert got[2] == "TypeError: reverse(): argument 's' must be a string (Python str), got null"
    assert json.loads(got[3]) == [True, True, 10000]


def test_declarations(sapp):
    dts = (sapp / "node_modules" / NAME / "index.d.ts").read_text()
    for line in ["export declare function length(s: string): number;",
                 "export declare function at(s: string, i: number): string;",
                 "export declare function greet(name?: string, n?: number): string;",
                 "export declare function pieces(s: string, sep: string): readonly [number, string];"]:
        assert line in dts.splitlines(), line


GOOD_TS = """\
import { length, at, greet, pieces, reverse } from "@py2wasm-test/strvalues";
const n: number = length("héllo");
const c: string = at("abc", 1);
const g: string = greet(c, n);
const [k, joined]: readonly [number, string] = pieces("a,b", ",");
const r: string = reverse(joined);
console.log(n, c, g, k, r);
"""

BAD_TS = [
    ("length(3);", "TS2345"),
    ("const x: number = reverse('a');", "TS2322"),
    ("at(['a'], 0);", "TS2345"),
    ("greet('a', 'b');", "TS2345"),
]


def test_typed_str_consumer_is_accepted_by_tsc_strict(sapp):
    (sapp / "good_strs.ts").write_text(GOOD_TS)
    p = tsc(sapp, "good_strs.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mistyped_str_consumer_is_rejected_line_by_line(sapp):
    header = 'import { length, reverse, at, greet } from "@py2wasm-test/strvalues";\n'
    tsc_rejects_each_line(sapp, "bad_strs.ts", header, BAD_TS)
