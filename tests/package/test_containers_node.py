"""Python dicts, sets, lists of tuples and dataclass instances through the
generated npm package: `py2wasm build` of tests/package/containers_module.py
-> `npm pack` -> offline install -> Node and headless Chromium (import map,
no bundler). Results and the caller's Maps, Sets, arrays of tuples and
dataclass objects after the call (also after an exception) compared with
CPython item for item, in order, on a seeded random corpus; argument
checks; `tsc --strict` accepts typed uses of `Map<K, V>` / `Set<E>` /
arrays of tuples and rejects wrong ones.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import copy
import math
import random

import pytest

from .conftest import HERE, load_python, tsc, tsc_rejects_each_line
from .node_app import check_outcomes, chromium_outcomes, installed_app, node_json

NAME = "@py2wasm-test/containers"
Body = load_python(HERE / "containers_module.py").Body


def _cases():
    rng = random.Random(1818)
    ints = lambda n, lo=-20, hi=20: [rng.randint(lo, hi) for _ in range(n)]  # noqa: E731
    fl = lambda: rng.choice([0.0, -0.0, 1.5, math.inf, -2.25]) if rng.random() < 0.3 \
        else round(rng.uniform(-10, 10), 3)  # noqa: E731
    out = []
    for n in list(range(5)) + [9, 30]:
        out.append(("histogram", [ints(n, -3, 3)]))
        out.append(("merge_counts", [dict(zip(ints(n), ints(n))), dict(zip(ints(n), ints(n)))]))
        d = {k: fl() for k in ints(n)}
        out.append(("normalize", [d]))
        out.append(("normalize", [{k: abs(v) + 1.0 for k, v in d.items()}]))
        out.append(("drop_small", [d, rng.choice([0.0, 1.0, 5.0])]))
        out.append(("lookup", [d, rng.choice(list(d) + [99]) if d else 3]))
        s = set(ints(n, -40, 40))
        out.append(("seen", [s, ints(n + 2, -40, 40)]))
        out.append(("common", [s, set(ints(2 * n, -40, 40))]))
        out.append(("take", [set(ints(n, -100, 100))]))
        out.append(("spans", [{k: (fl(), fl()) for k in ints(n, 0, 50)}]))
        out.append(("flags", [{rng.random() < 0.5: k for k in ints(n)}, rng.random() < 0.5]))
        out.append(("floats", [{fl() for _ in range(n)}, 1.5]))
        out.append(("sort_edges", [[(fl(), k, -k) for k in ints(n)]]))
        out.append(("pairs_of", [n]))
        out.append(("weighted", [[(fl(), fl()) for _ in range(n)]]))
        out.append(("advance", [Body(fl(), fl() * 30, n), rng.choice([0.5, 2.0, 10.0])]))
        out.append(("spawn", [fl()]))
        out.append(("bounce", [Body(fl(), fl(), -n)]))
        g = {(a, b): fl() for a, b in zip(ints(n, 0, 3), ints(n, 0, 3))}
        out.append(("grid_add", [g, *ints(2, 0, 3), fl()]))
        out.append(("pair_counts", [ints(n, 0, 2)]))
        out.append(("mirror", [set(zip(ints(n, 0, 2), ints(n, 0, 2))), n % 3]))
    return out


def _enc(v):
    if hasattr(v, "__dataclass_fields__"):
        return {"obj": [[k, _enc(x)] for k, x in vars(v).items()]}
    if isinstance(v, dict):
        return {"map": [[_enc(k), _enc(x)] for k, x in v.items()]}
    if isinstance(v, set):
        return {"set": [_enc(x) for x in v]}
    if isinstance(v, (list, tuple)):
        return [_enc(x) for x in v]
    if isinstance(v, bool):
        return v
    return {"n": repr(float(v)).replace("inf", "Infinity").replace("nan", "NaN")
            if isinstance(v, float) else str(v)}


class JSMap(list):
    """A Map's items in order (a Python dict as JavaScript holds it)."""


class JSSet(list):
    """A Set's elements in order."""


def _same(got, want) -> bool:
    if hasattr(want, "__dataclass_fields__"):
        return isinstance(got, dict) and "obj" in got and _same(got["obj"], [[k, x] for k, x in vars(want).items()])
    if isinstance(want, str):
        return got == want
    if isinstance(want, JSMap):
        return isinstance(got, dict) and "map" in got and _same(got["map"], list(want))
    if isinstance(want, JSSet):
        return isinstance(got, dict) and "set" in got and _same(got["set"], list(want))
    if isinstance(want, dict):
        return isinstance(got, dict) and "map" in got and _same(got["map"],
                                                                [list(i) for i in want.items()])
    if isinstance(want, set):
        return isinstance(got, dict) and "set" in got and _same(got["set"], list(want))
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


def _js_keys(v):
    """`v` as JavaScript holds it: a Map key or Set element -0 is +0
    (Map.prototype.set and Set.prototype.add store -0 as +0)."""
    z = lambda x: 0.0 if type(x) is float and x == 0 else x  # noqa: E731
    if isinstance(v, dict):
        return JSMap([z(k), _js_keys(x)] for k, x in v.items())
    if isinstance(v, set):
        return JSSet(z(x) for x in v)  # (in the set's order: a new set could reorder)
    if isinstance(v, (list, tuple)):
        return type(v)(_js_keys(x) for x in v)
    return v


def _entry(args):
    """What the compiled function starts from: a set argument is the JS
    Set's elements added in its order (README: set(list(s)))."""
    return [set(list(a)) if isinstance(a, set) else copy.deepcopy(a) for a in args]  # noqa


def _check(outcomes):
    check_outcomes(outcomes, "containers_module.py", _cases(), _same,
                   returns_own=("merge_counts", "flags", "sort_edges", "bounce", "grid_add"),  # the caller's
                   entry=_entry, as_js=_js_keys)


@pytest.fixture(scope="module")
def capp(tmp_path_factory):
    return installed_app(tmp_path_factory, "containers_module.py", NAME,
                         ("run_containers.mjs", "containers_harness.mjs", "browser_containers.mjs"),
                         "cases.json", [{"fn": fn, "args": _enc(args)} for fn, args in _cases()])


def test_node_dict_and_set_functions_match_cpython_with_the_callers_objects_after(capp):
    _check(node_json(capp, "run_containers.mjs", None, "cases.json"))


def test_chromium_dict_and_set_functions_match_cpython(capp):
    _check(chromium_outcomes(capp, "containers.html", "./browser_containers.mjs", NAME))


def test_argument_checks(capp):
    script = """
import { lookup, seen, spans, flags, grid_add } from "@py2wasm-test/containers";
const out = [];
for (const f of [() => lookup({1: 2}, 1), () => lookup(new Map([[1.5, 2]]), 1),
                 () => lookup(new Map([[1, "x"]]), 1), () => seen([1, 2], []),
                 () => seen(new Set([2 ** 60]), []), () => spans(new Map([[1, [1]]])),
                 () => flags(new Map([[1, 1]]), true)]) {
  try { out.push(JSON.stringify(f())); } catch (e) { out.push(`${e.name}: ${e.message}`); }
}
const d = new Map([[1, 2.5]]), e = d;
out.push(String(lookup(d, 1)), JSON.stringify([...e]), String(d === e));
// tuple keys by value: equal arrays collapse as Python's keys do, and the
// caller's own key arrays stay the keys of its Map
const k = [1, 2], g = new Map([[k, 1.0], [[1, 2], 5.0], [[2, 1], 0.5]]);
grid_add(g, 1, 2, 1.5);
out.push(JSON.stringify([...g]), String(g.get(k)), String([...g.keys()][0] === k));
try { grid_add(new Map([[[1], 1.0]]), 0, 0, 1); } catch (e) { out.push(`${e.name}: ${e.message}`); }
console.log(JSON.stringify(out));
"""
    got = node_json(capp, "checks.mjs", script)
    assert got[0] == ("TypeError: lookup(): argument 'd' must be a Map (Python dict[int, float]), "
                      "got an object")
    assert got[1] == ("TypeError: lookup(): a key of 'd' must be an integer number (Python int), "
                      "got 1.5")
    assert got[2] == "TypeError: lookup(): 'd'.get(1) must be a number (Python float), got \"x\""
    assert got[3].startswith("TypeError: seen(): argument 's' must be a Set (Python set[int])")
    assert got[4].startswith("RangeError: seen(): an element of 's' = 1152921504606847000 is not "
                             "a safe integer")
    assert got[5].startswith("TypeError: spans(): 'd'.get(1) must be an array of 2 items")
    assert got[6].startswith("TypeError: flags(): a key of 'd' must be a boolean")
    assert got[7:10] == ["2.5", "[[1,2.5],[1001,0.5]]", "true"]
    assert got[10:13] == ["[[[1,2],6.5]]", "6.5", "true"]  # {(1, 2): 5.0} + 1.5, (2, 1) deleted
    assert got[13].startswith("TypeError: grid_add(): a key of 'g' must be an array of 2 items "
                              "(Python tuple[int, int])")


def test_many_calls_keep_memory_flat(capp):
    script = """
import { histogram, seen } from "@py2wasm-test/containers";
import * as pkg from "@py2wasm-test/containers";
const xs = Array.from({ length: 1000 }, (_, i) => i % 37);
const mem = () => { const a = pkg.alloc(Float64Array, 1), n = a.data.buffer.byteLength; a.free(); return n; };
histogram(xs); seen(new Set(xs), xs);
const before = mem();
for (let i = 0; i < 10000; i++) { histogram(xs); seen(new Set([1, 2]), xs); }
console.log(JSON.stringify([before, mem()]));
"""
    before, after = node_json(capp, "flat.mjs", script)
    assert after == before


def test_declarations(capp):
    dts = (capp / "node_modules" / NAME / "index.d.ts").read_text()
    for line in ["export declare function histogram(xs: readonly number[]): Map<number, number>;",
                 "export declare function merge_counts(a: Map<number, number>, "
                 "b: Map<number, number>): Map<number, number>;",
                 "export declare function seen(s: Set<number>, xs: readonly number[]): number[];",
                 "export declare function common(a: Set<number>, b: Set<number>): Set<number>;",
                 "export declare function spans(d: Map<number, readonly [number, number]>): number;",
                 "export declare function flags(d: Map<boolean, number>, on: boolean): "
                 "Map<boolean, number>;",
                 "export declare function sort_edges(edges: (readonly [number, number, number])[]): "
                 "(readonly [number, number, number])[];",
                 "export declare function weighted(pts: readonly (readonly [number, number])[]): "
                 "number;",
                 "export declare function grid_add(g: Map<readonly [number, number], number>, "
                 "i: number, j: number, x: number): Map<readonly [number, number], number>;",
                 "export declare function mirror(cells: Set<readonly [number, number]>, i: number): "
                 "Set<readonly [number, number]>;"]:
        assert line in dts.splitlines(), line


GOOD_TS = """\
import { histogram, merge_counts, seen, common, spans, flags, sort_edges, weighted, grid_add, mirror } from "@py2wasm-test/containers";
const h: Map<number, number> = histogram([1, 2, 2]);
const m: Map<number, number> = merge_counts(h, new Map([[3, 1]]));
const s = new Set<number>([1]);
const n: number[] = seen(s, [2, 3]);
const c: Set<number> = common(s, new Set([2]));
const w: number = spans(new Map([[1, [0.5, 2] as const]]));
const f: Map<boolean, number> = flags(new Map([[true, 1]]), false);
const es: (readonly [number, number, number])[] = sort_edges([[1.5, 0, 1]]);
const t: number = weighted([[1, 2]] as const);
const g: Map<readonly [number, number], number> = grid_add(new Map([[[0, 1] as const, 1.5]]), 1, 0, 2);
const ms: Set<readonly [number, number]> = mirror(new Set([[0, 1] as const]), 2);
console.log(m, n, c, w, f, es, t, g, ms);
"""

BAD_TS = [  # (code, TypeScript error it must produce)
    ("merge_counts({1: 2}, new Map());", "TS2353"),
    ("seen([1, 2], []);", "TS2345"),
    ("const x: number[] = histogram([1]);", "TS2740"),
    ("flags(new Map([[1, 1]]), true);", "TS2345"),
    ("common(new Set(['a']), new Set([1]));", "TS2345"),
    ("sort_edges([[1, 2]]);", "TS2322"),
    ("grid_add(new Map([[1, 1.5]]), 0, 0, 1);", "TS2345"),
    ("const y: Map<number, number> = pair_counts([1, 2]);", "TS2322"),
]


def test_typed_container_consumer_is_accepted_by_tsc_strict(capp):
    (capp / "good_containers.ts").write_text(GOOD_TS)
    p = tsc(capp, "good_containers.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mistyped_container_consumer_is_rejected_line_by_line(capp):
    header = ('import { histogram, merge_counts, seen, common, flags, sort_edges, grid_add, '
              'pair_counts } from '
              '"@py2wasm-test/containers";\n')
    tsc_rejects_each_line(capp, "bad_containers.ts", header, BAD_TS)
