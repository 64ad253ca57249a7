"""Lists of NamedTuples (typing.NamedTuple and collections.namedtuple) in
frontend/lists_records.py: built by comprehensions and appends, indexed,
their fields read by name, unpacked in loops, sorted and compared as
tuples, searched (`in`, index, count), held in dicts, tuples and lists of
lists, and crossing py2wasm.compile's signature as arguments (changed in
place) and results, compiled vs CPython; a list holds one NamedTuple class
(a plain tuple or another class is a located P2W010)."""
from __future__ import annotations

from collections import namedtuple
from typing import NamedTuple

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend.test_list_args import check


class Point(NamedTuple):
    x: float
    y: float

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y


class Other(NamedTuple):  # Point's fields, another class
    x: float
    y: float


class Edge(NamedTuple):
    w: int
    u: int
    v: int


class Tagged(NamedTuple):
    name: str
    value: float


Pair = namedtuple("Pair", "a b")


def build_and_read(n: int):
    pts = [Point(float(i), float(i * i % 7)) for i in range(n)]
    pts.append(Point(-1.5, 2.5))
    s = 0.0
    for x, y in pts:
        s += x * y
    for p in pts:
        s += p.norm2() - p[1]
    return s, pts[-1], pts[0].y, len(pts), pts


def sort_and_pick(n: int):
    pts = [Point(float(i * 7 % 5), float(-i)) for i in range(n)]
    by_y = sorted(pts, key=lambda p: p.y)
    pts.sort(reverse=True)
    return pts, by_y, min(pts, default=Point(0.0, 0.0)), max(pts, key=lambda p: p.x - p.y)


def search(n: int, k: int):
    es = []
    for i in range(n):
        es.append(Edge(i % 3, i, i + 1))
    return (Edge(k % 3, k, k + 1) in es, (0, 0, 1) in es, es.count(Edge(1, 1, 2)),
            es.index(Edge(k % 3, k, k + 1)))


def kruskal(n: int):
    edges = [Edge((u * 7 + v * 3) % 5, u, v) for u in range(n) for v in range(u + 1, n)]
    edges.sort()
    parent = list(range(n))
    total = 0
    used = []
    for e in edges:
        u, v = e.u, e.v
        while parent[u] != u:
            u = parent[u]
        while parent[v] != v:
            v = parent[v]
        if u != v:
            parent[u] = v
            total += e.w
            used.append(e)
    return total, used


def collections_pairs(n: int):
    ps = [Pair(i, i * i) for i in range(n)]
    ps.reverse()
    ps.insert(1, Pair(9, -9))
    last = ps.pop() if ps else Pair(0, 0)
    return sum(p.a * p.b for p in ps), last, ps[::2], ps + ps[:1]


def in_containers(n: int):
    d = {}
    for i in range(n):
        d[i % 3] = Point(float(i), 1.0)
    t = ([Point(0.5, 0.5)], n)
    t[0].append(Point(float(n), 0.0))
    rows = [[Point(float(i), float(j)) for j in range(i)] for i in range(n)]
    rows[-1].append(Point(7.0, 7.0)) if rows else None
    return sum((p.x for p in d.values()), 0.0), t, rows


def tagged(n: int):
    ts = [Tagged("a" if i % 2 else "b", float(i)) for i in range(n)]
    ts.sort()
    return ts, Tagged("a", 1.0) in ts


class Flagged(NamedTuple):
    x: float
    y: float
    ok: bool = True


def replace_and_sort(n: int):
    ps = [Flagged(float(i % 3), float(-i), i % 2 == 0) for i in range(n)]
    qs = [p._replace(x=p.x + 1.0) for p in ps]
    qs.sort(key=lambda p: p)
    return qs, max(ps, key=lambda p: p), min(ps, key=lambda p: (p.ok, p.x)), \
        sorted(ps, reverse=True)


def repeat_assign_remove(n: int):
    ps = [Flagged(1.0, 2.0)] * n
    ps[0] = Flagged(3.0, 4.0)
    ps.remove(Flagged(1.0, 2.0))
    return ps, ps.count(Flagged(1.0, 2.0)), [p for p in ps if p == (1.0, 2.0, True)]


def grow_arg(pts, k: int):
    for i in range(k):
        pts.append(Point(float(i), float(-i)))
    pts.sort(key=lambda p: p.x)
    return pts[0], len(pts)


def raise_after_change(pts, i: int):
    pts.append(Point(1.0, 1.0))
    return pts[i]


def first_of(pts):
    return pts[0]


CASES = [(build_and_read, (0,)), (build_and_read, (6,)), (sort_and_pick, (0,)),
         (sort_and_pick, (7,)), (search, (6, 4)), (search, (6, 9)), (kruskal, (6,)),
         (collections_pairs, (0,)), (collections_pairs, (5,)), (in_containers, (0,)),
         (in_containers, (4,)), (tagged, (5,)),
         (grow_arg, ([Point(3.0, 1.0), Point(-2.0, 0.5)], 3)), (grow_arg, ([], 2)),
         (raise_after_change, ([Point(2.0, 3.0)], 1)), (raise_after_change, ([], 5)),
         (first_of, ([Pair(1, 2.5)],)), (first_of, ([Tagged("x", 2.0)],)),
         (replace_and_sort, (0,)), (replace_and_sort, (6,)), (repeat_assign_remove, (1,)),
         (repeat_assign_remove, (4,))]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_namedtuple_lists_match_cpython(fn, args):
    check(fn, *args)


def test_not_found_message_shows_the_namedtuple():
    check(search, 3, 7)  # ValueError: Edge(w=1, u=7, v=8) is not in list


def append_plain(n: int):
    pts = [Point(1.0, 2.0)]
    pts.append((float(n), 2.0))
    return len(pts)


def append_other(n: int):
    pts = [Point(1.0, 2.0)]
    pts.append(Other(float(n), 2.0))
    return len(pts)


def literal_mix(n: int):
    pts = [(1.0, 2.0), Point(float(n), 2.0)]
    return len(pts)


def rows_mix(n: int):
    rows = [[Point(1.0, 2.0)]]
    rows.append([Other(float(n), 2.0)])
    return len(rows)


def extend_mix(n: int):
    pts = [Point(1.0, 2.0)]
    pts.extend([Other(float(n), 2.0)])
    return len(pts)


@pytest.mark.parametrize("fn", [append_plain, append_other, literal_mix, rows_mix, extend_mix])
def test_one_class_per_list_is_a_located_refusal(fn):
    # legal in CPython (lists are heterogeneous); compiled: refused, never converted
    with pytest.raises(CompileError) as e:
        py2wasm.compile(fn)(3)
    assert e.value.code == "P2W010" and e.value.line is not None
    assert "NamedTuple" in str(e.value)


def test_argument_lists_mixing_classes_are_refused():
    with pytest.raises(CompileError) as e:
        py2wasm.compile(first_of)([Point(1.0, 2.0), (1.0, 2.0)])
    assert e.value.code == "P2W010"
    with pytest.raises(CompileError):
        py2wasm.compile(first_of)([Point(1.0, 2.0), Other(1.0, 2.0)])


def test_one_version_per_namedtuple_class():
    cf = py2wasm.compile(first_of)
    assert type(cf([Point(1.0, 2.0)])) is Point
    assert type(cf([Other(1.0, 2.0)])) is Other
    assert type(cf([(1.0, 2.0)])) is tuple
    assert cf([Point(1, 2)]) == Point(1, 2) and type(cf([Point(1, 2)]).x) is int


def annotated(pts: list[Point]) -> list[Point]:
    return [Point(p.y, p.x) for p in pts if p.x < p.y]


def test_annotated_list_of_namedtuples():
    cf = py2wasm.compile(annotated)
    got = cf([Point(1.0, 2.0), Point(3.0, 0.0)])
    assert got == [Point(2.0, 1.0)] and type(got[0]) is Point


_C: dict = {}
coords = st.floats(allow_nan=False, width=16)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.builds(Point, coords, coords), max_size=8), st.integers(0, 3))
def test_hypothesis_namedtuple_list_operations(pts, k):
    if "f" not in _C:
        _C["f"] = py2wasm.compile(grow_arg)
    check(grow_arg, pts, k, cf=_C["f"])


def order_ops(pts, q):
    s = sorted(pts)
    return s, q in pts, pts.count(q), max(pts) if pts else q, min(pts, key=lambda p: p.y) \
        if pts else q, pts < s, pts == s


@settings(max_examples=40, deadline=None)
@given(st.lists(st.builds(Point, coords, coords), max_size=8), st.builds(Point, coords, coords))
def test_hypothesis_namedtuples_order_as_tuples(pts, q):
    if "o" not in _C:
        _C["o"] = py2wasm.compile(order_ops)
    check(order_ops, pts, q, cf=_C["o"])


class Seg(NamedTuple):
    ends: tuple
    w: float


def nested_fields(n: int):
    segs = [Seg((0.0, float(i)), 1.0) for i in range(n)]
    return len(segs)


def test_namedtuples_with_nested_fields_are_a_located_refusal():
    with pytest.raises(CompileError, match="a Seg whose fields are not all numbers") as e:
        py2wasm.compile(nested_fields)(3)
    assert e.value.code == "P2W010" and e.value.line is not None


class Reversed(NamedTuple):
    x: float

    def __lt__(self, other):
        return self.x > other.x


def own_order(n: int):
    rs = [Reversed(float(i)) for i in range(n)]
    rs.sort()
    return rs


def test_namedtuples_with_their_own_order_are_a_located_refusal():
    assert own_order(3) == [Reversed(2.0), Reversed(1.0), Reversed(0.0)]  # not as tuples
    with pytest.raises(CompileError, match="defines its own == or order") as e:
        py2wasm.compile(own_order)(3)
    assert e.value.code == "P2W010" and e.value.line is not None
    with pytest.raises(CompileError) as e:
        py2wasm.compile(first_of)([Reversed(1.0)])
    assert e.value.code == "P2W010"

