"""`<` `<=` `>` `>=` of two lists of class instances (lists_order.py
`_order_instances`): the first index whose items differ (identity, then the
class's `==`) decides by the class's own order (`@dataclass(order=True)`,
`__lt__` and its reflection), CPython's TypeError without one; compiled vs
CPython, with hypothesis over the items."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from tests.frontend.test_list_args import check


@dataclass(order=True)
class Job:
    p: int
    d: float


class Lt:
    def __init__(self, x):
        self.x = x

    def __lt__(self, o):
        return self.x < o.x

    def __eq__(self, o):
        return self.x == o.x


class Plain:
    def __init__(self, x):
        self.x = x


def jobs(a, b, share: bool):
    xs = [Job(i % 3, float(i)) for i in a]
    ys = [Job(i % 3, float(i)) for i in b]
    if share and xs:
        ys.append(xs[0])
    return xs < ys, xs <= ys, xs > ys, xs >= ys, xs == ys


def only_lt(a, b):
    xs = [Lt(i) for i in a]
    ys = [Lt(i) for i in b]
    return xs < ys, xs > ys  # > is the reflected __lt__


def only_lt_le(a, b):
    return [Lt(i) for i in a] <= [Lt(i) for i in b]  # no __le__ nor __ge__: TypeError


def unordered(a):
    xs = [Plain(i) for i in a]
    same = xs[:]
    return xs <= same, xs < [Plain(i) for i in a]  # identical items never compare


CASES = [(jobs, ([1, 2], [1, 2], False)), (jobs, ([1, 2], [1, 3], False)),
         (jobs, ([], [], False)), (jobs, ([1], [1, 2], True)), (jobs, ([5, 2], [1, 2], True)),
         (only_lt, ([1, 2], [1, 3])), (only_lt, ([2], [1, 3])), (only_lt, ([], [1])),
         (only_lt_le, ([1, 2], [1, 3])), (only_lt_le, ([1], [1])), (only_lt_le, ([], [1])),
         (unordered, ([1, 2],)), (unordered, ([],))]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_instance_lists_order_as_cpython(fn, args):
    check(fn, *args)


_C: dict = {}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 4), max_size=5), st.lists(st.integers(0, 4), max_size=5),
       st.booleans())
def test_hypothesis_dataclass_lists_order(a, b, share):
    if "f" not in _C:
        _C["f"] = py2wasm.compile(jobs)
    check(jobs, a, b, share, cf=_C["f"])
