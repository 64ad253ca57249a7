"""Lists of tuples of numbers (frontend/lists_records.py): edge lists,
point lists, sorting records lexicographically, `in`/`index`/`count` by
field equality, as locals and as arguments/results, compiled vs CPython."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend.test_list_args import check


def kruskal_weight(n: int):
    edges = []
    for u in range(n):
        for v in range(u + 1, n):
            edges.append(((u * 7 + v * 3) % 5 * 0.5, u, v))
    edges.sort()
    parent = list(range(n))
    total = 0.0
    for w, u, v in edges:
        while parent[u] != u:
            u = parent[u]
        while parent[v] != v:
            v = parent[v]
        if u != v:
            parent[u] = v
            total += w
    return total, len(edges), edges[:2]


def points(n: int):
    pts = [(k, k * 0.5) for k in range(n)]
    pts.reverse()
    first = pts.pop() if pts else (0, 0.0)
    return pts, first, (1, 0.5) in pts, pts.count((2, 1.0)), sorted(pts, reverse=True)


def find(n: int, k: int):
    pts = [(i % 3, i * 1.5, i % 2 == 0) for i in range(n)]
    return pts.index((k % 3, k * 1.5, k % 2 == 0))


def records_arg(pts):
    pts.append((9, 0.5))
    pts.sort()
    return pts[0], len(pts)


def swap_fields(pts):
    return [(b, a) for a, b in pts]


CASES = [(kruskal_weight, (0,)), (kruskal_weight, (1,)), (kruskal_weight, (6,)),
         (points, (0,)), (points, (5,)), (find, (6, 4)), (find, (6, 7)),
         (records_arg, ([(3, 1.5), (1, 2.0)],)), (records_arg, ([],)),
         (swap_fields, ([(1, True), (2, False)],)), (swap_fields, ([],))]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_records_match_cpython(fn, args):
    check(fn, *args)


def test_mixed_records_are_a_located_error():
    with pytest.raises(CompileError, match="tuples of different field types") as e:
        py2wasm.compile(records_arg)([(1, 2.0), (1, 2)])
    assert e.value.line is not None


_C: dict = {}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.floats(allow_nan=False, width=16)), max_size=8))
def test_hypothesis_sorting_records(pts):
    if "f" not in _C:
        _C["f"] = py2wasm.compile(records_arg)
    check(records_arg, pts, cf=_C["f"])


def test_one_version_per_record_type():
    def first(ps):
        return ps[0]
    cf = py2wasm.compile(first)
    assert cf([(1, 2.0)]) == (1, 2.0) and type(cf([(1.0, 2.0)])[0]) is float
    assert cf([(True,)]) == (True,) and len(cf.specializations) == 3
