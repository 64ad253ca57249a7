"""Python lists through the generated npm package: `py2wasm build` of
tests/package/lists_module.py -> `npm pack` -> offline install -> Node and
headless Chromium (import map, no bundler).
Results and the caller's arrays after the call (also after an exception)
compared with CPython on a seeded random corpus of list contents (empty
lists, -0.0, infinities, NaN, out-of-range indices); argument checks; ints
beyond 2**53 in a list result; `tsc --strict` accepts typed uses of
`number[]` / `readonly number[]` / `boolean[]` and rejects wrong ones.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import math
import random

import pytest

from .conftest import tsc, tsc_rejects_each_line
from .node_app import check_outcomes, chromium_outcomes, installed_app, node_json

NAME = "@py2wasm-test/lists"
FLOATS = [0.0, -0.0, 1.5, -2.25, 1e300, -1e-310, math.inf, -math.inf, 3.0, 7.0]


def _floats(rng, n, nan=True):
    pool = FLOATS + ([math.nan] if nan else [])
    return [rng.choice(pool) if rng.random() < 0.5 else rng.uniform(-100, 100) for _ in range(n)]


def _ints(rng, n):
    return [rng.randint(-50, 50) if rng.random() < 0.8 else rng.randint(-2**51, 2**51)
            for _ in range(n)]


def _cases():
    rng = random.Random(18)
    out = [("grow", [[2**53 - 1, -(2**53 - 1)], 1])]  # the safe range's ends
    for n in list(range(6)) + [17, 40]:
        xs = _floats(rng, n)
        ks = _ints(rng, n)
        out.append(("scale", [xs, rng.choice([2.0, -0.5, 0.0])]))
        out.append(("total", [xs]))
        out.append(("grow", [[rng.randint(-9, 9)] + ks[:3], rng.randint(0, 20)]))
        out.append(("grow", [ks, 2]))
        out.append(("drain", [ks + [5], 5]))
        out.append(("drain", [ks + [1], 1000]))  # ValueError: list.remove(x): x not in list
        out.append(("drain", [[], 1]))  # IndexError: pop from empty list
        for i in (0, n - 1, n, -n, -n - 1, 7):
            out.append(("at", [xs, i]))
        out.append(("where", [xs, xs[n // 2] if n else 1.0]))
        out.append(("where", [xs, 12345.5]))  # ValueError: 12345.5 is not in list
        out.append(("order", [_floats(rng, n, nan=False)]))
        out.append(("flags", [[rng.random() < 0.5 for _ in range(n)]]))
        for k in (0, 1, 2, 3, n + 2):
            out.append(("fail_after", [xs[:3], k]))
        out.append(("pair", [ks[:2], ks]))
        rows = [_floats(rng, k % 4, nan=False) for k in range(n)]
        out.append(("row_sums", [rows]))
        out.append(("add_rows", [[[k] * (k % 3) for k in range(n + 1)], n]))
        out.append(("table", [n % 4, n % 5]))
    return out


def _enc(v):
    if isinstance(v, (list, tuple)):
        return [_enc(x) for x in v]
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return {"n": repr(float(v)).replace("inf", "Infinity").replace("nan", "NaN")
                if isinstance(v, float) else str(v)}
    return v


def _same(got, want) -> bool:
    if isinstance(want, (list, tuple)):
        return isinstance(got, list) and len(got) == len(want) and all(map(_same, got, want))
    if isinstance(want, bool):
        return got is want
    if not (isinstance(got, dict) and "n" in got):
        return False
    g = float(got["n"])
    if isinstance(want, int):
        return g == want
    return (math.isnan(g) and math.isnan(want)) or (
        g == want and math.copysign(1, g) == math.copysign(1, want))


def _check(outcomes):
    check_outcomes(outcomes, "lists_module.py", _cases(), _same,
                   returns_own=("order", "add_rows"))  # returns its argument: the caller's array


@pytest.fixture(scope="module")
def lapp(tmp_path_factory):
    return installed_app(tmp_path_factory, "lists_module.py", NAME,
                         ("run_lists.mjs", "lists_harness.mjs", "browser_lists.mjs"),
                         "cases.json", [{"fn": fn, "args": _enc(args)} for fn, args in _cases()])


def test_node_list_functions_match_cpython_with_the_callers_arrays_after(lapp):
    _check(node_json(lapp, "run_lists.mjs", None, "cases.json"))


def test_chromium_list_functions_match_cpython(lapp):
    _check(chromium_outcomes(lapp, "lists.html", "./browser_lists.mjs", NAME))


def test_argument_checks_and_wide_ints(lapp):
    script = """
import { grow, scale, flags, wide } from "@py2wasm-test/lists";
const out = [];
for (const f of [() => grow([1.5], 1), () => grow([2 ** 60], 1), () => scale("x", 1),
                 () => scale([1, "2"], 1), () => flags([1]), () => scale(new Float64Array(2), 1),
                 () => wide(2 ** 40)]) {
  try { out.push(JSON.stringify(f())); } catch (e) { out.push(`${e.name}: ${e.message} ${typeof e.value === "bigint" ? e.value : ""}`); }
}
out.push(JSON.stringify(wide(3)));
const a = [1, 2];
out.push(String(grow(a, 1)), JSON.stringify(a), JSON.stringify(grow.length));
console.log(JSON.stringify(out));
"""
    got = node_json(lapp, "checks.mjs", script)
    assert got[0] == ("TypeError: grow(): argument 'xs'[0] must be an integer number (Python int), "
                      "got 1.5 ")
    assert got[1].startswith("RangeError: grow(): argument 'xs'[0] = 1152921504606847000 is not a "
                             "safe integer")
    assert got[2] == ("TypeError: scale(): argument 'xs' must be an array (number[], Python "
                      "list[float]), got \"x\" ")
    assert got[3].startswith("TypeError: scale(): argument 'xs'[1] must be a number")
    assert got[4].startswith("TypeError: flags(): argument 'xs'[0] must be a boolean")
    assert got[5].startswith("TypeError: scale(): argument 'xs' must be an array")
    assert got[6] == (f"RangeError: wide(): the int {2**60} in a list is outside JavaScript's safe "
                      f"integer range (see the error's `value` for the exact BigInt) {2**60}")
    assert got[7] == "[3,3145728]"
    assert got[8:10] == ["3", "[-1,2,-1]"]


def test_many_calls_keep_memory_flat(lapp):
    script = """
import { grow, scale } from "@py2wasm-test/lists";
import * as pkg from "@py2wasm-test/lists";
const xs = Array.from({ length: 1000 }, (_, i) => i * 0.5);
scale(xs, 2); grow([1, 2], 100);
const mem = () => { const a = pkg.alloc(Float64Array, 1), n = a.data.buffer.byteLength; a.free(); return n; };
const before = mem();
for (let i = 0; i < 10000; i++) { scale(xs, 2); grow([1, 2], 100); }
console.log(JSON.stringify([before, mem()]));
"""
    before, after = node_json(lapp, "flat.mjs", script)
    assert after == before


def test_declarations(lapp):
    dts = (lapp / "node_modules" / NAME / "index.d.ts").read_text()
    for line in ["export declare function scale(xs: readonly number[], k: number): number[];",
                 "export declare function total(xs: readonly number[]): number;",
                 "export declare function grow(xs: number[], n: number): number;",
                 "export declare function flags(xs: boolean[]): boolean[];",
                 "export declare function order(xs: number[]): number[];",
                 "export declare function pair(xs: number[], ys: readonly number[]): "
                 "readonly [number, number[]];",
                 "export declare function row_sums(g: number[][]): number[];",
                 "export declare function table(n: number, m: number): number[][];"]:
        assert line in dts.splitlines(), line


GOOD_TS = """\
import { scale, total, grow, flags, order, pair, table, row_sums } from "@py2wasm-test/lists";
const ro: readonly number[] = [1, 2];
const t: number = total(ro);
const s: number[] = scale(ro, 2);
const xs: number[] = [1, 2];
const n: number = grow(xs, 3);
const f: boolean[] = flags([true, false]);
const o: number[] = order([3, 1]);
const [k, ys]: readonly [number, number[]] = pair(xs, ro);
const g: number[][] = table(2, 3);
const rs: number[] = row_sums(g);
console.log(t, s, n, f, o, k, ys, rs);
"""

BAD_TS = [  # (code, TypeScript error it must produce)
    ("grow(ro, 1);", "TS2345"),
    ("scale(['a'], 2);", "TS2322"),
    ("const b: boolean[] = scale(ro, 2);", "TS2322"),
    ("flags([1]);", "TS2322"),
    ("total(3);", "TS2345"),
    ("total(new Float64Array(2));", "TS2345"),
    ("row_sums([1, 2]);", "TS2322"),
]


def test_typed_list_consumer_is_accepted_by_tsc_strict(lapp):
    (lapp / "good_lists.ts").write_text(GOOD_TS)
    p = tsc(lapp, "good_lists.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mistyped_list_consumer_is_rejected_line_by_line(lapp):
    header = ('import { scale, total, grow, flags, row_sums } from "@py2wasm-test/lists";\n'
              'const ro: readonly number[] = [1, 2];\n')
    tsc_rejects_each_line(lapp, "bad_lists.ts", header, BAD_TS)


def test_rows_stay_the_callers_arrays(lapp):
    script = """
import { add_rows } from "@py2wasm-test/lists";
const r0 = [1], r1 = [2, 3], g = [r0, r1, []];
const out = add_rows(g, 5);
console.log(JSON.stringify([out === g, g[0] === r0, r0, r1, g]));
"""
    got = node_json(lapp, "rows.mjs", script)
    assert got == [True, True, [1, 5], [2, 3, -1], [[1, 5], [], [5, 6]]]


def test_lists_of_lists_of_tuples_are_refused_by_the_generator(tmp_path):
    """Lists of tuples cross (js/src/containers.ts, test_containers_node.py);
    lists of lists of tuples not yet."""
    from py2wasm.package.signature import UnsupportedSignature, check_manifest

    def man(t):
        return {"format": 1, "abi": "js", "functions": [
            {"name": "f", "params": [{"name": "g", "type": {"array": "uint8", "ndim": 0,
                                                             "list": t}}], "result": "float"}]}
    check_manifest(man({"tuple": ["int", "float"]}))
    with pytest.raises(UnsupportedSignature, match="lists of"):
        check_manifest(man({"list": {"tuple": ["int", "float"]}}))
