"""`del xs[i]`, `del xs[a:b:c]` and slice assignment on lists
(frontend/lists_slices.py): compiled vs CPython (the list afterwards, the
result, CPython's IndexError/ValueError), fixed cases and hypothesis over
bounds and steps of either sign, known and run-time."""
from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from tests.frontend.test_npscalars import outcome, same

_compiled: dict = {}


def _check(src, *args):
    if src not in _compiled:
        ns = {}
        exec(src, ns)
        _compiled[src] = (ns["f"], py2wasm.compile(ns["f"]))
    f, cf = _compiled[src]
    a1, a2 = copy.deepcopy(list(args)), copy.deepcopy(list(args))
    want, got = outcome(f, *a1), outcome(cf, *a2)
    assert same(got, want) and a1 == a2, (src, args, got, want, a2, a1)


STMTS = ["del xs[n]", "del xs[-1]", "del xs[1:n]", "del xs[::2]", "del xs[::-2]", "del xs[n::n]",
         "del xs[::n]", "del xs[n:1:-1]", "del xs[:]", "xs[1:n] = ys", "xs[n:] = ys", "xs[:] = ys",
         "xs[::2] = ys", "xs[::-1] = ys", "xs[1:n] = xs", "xs[:n] = [n, n]", "xs[n:n] = ys",
         "xs[5:1] = ys", "xs[::3] = [0] * len(xs[::3])"]
ARGS = [([1, 2, 3, 4, 5], 1, [7, 8]), ([], -1, []), ([4, 5], 3, [9]),
        ([1, 2, 3, 4, 5, 6, 7], -2, [0, 0, 0]), ([3], 0, [])]


@pytest.mark.parametrize("stmt", STMTS)
def test_against_cpython(stmt):
    for args in ARGS:
        _check(f"def f(xs: list[int], n: int, ys: list[int]):\n    {stmt}\n    return len(xs)\n", *args)


def test_rows_floats_and_an_empty_list_learning_its_type():
    src = ("def f(n: int):\n    xs = []\n    xs[0:0] = [1.5, 2.5]\n    del xs[0]\n"
           "    t = [[1], [2, 3]]\n    del t[n]\n    t[0][1:] = [4, 5]\n    return xs, t\n")
    for n in (0, 1, 5, -3):
        _check(src, n)


BOUND = st.one_of(st.none(), st.integers(-8, 8))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=8), BOUND, BOUND,
       st.one_of(st.none(), st.integers(-3, 3).filter(bool)))
def test_hypothesis_del_slice_with_run_time_bounds(xs, a, b, c):
    # None bounds are passed as a flag so one compiled function serves all
    src = ("def f(xs: list[int], a: int, b: int, c: int, an: bool, bn: bool, cn: bool):\n"
           "    del xs[(None if an else a):(None if bn else b):(None if cn else c)]\n"
           "    return xs\n")
    _check(src, xs, a or 0, b or 0, c or 1, a is None, b is None, c is None)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=8), BOUND, BOUND, st.lists(st.integers(0, 9), max_size=5))
def test_hypothesis_slice_assignment(xs, a, b, ys):
    src = ("def f(xs: list[int], a: int, b: int, an: bool, bn: bool, ys: list[int]):\n"
           "    xs[(None if an else a):(None if bn else b)] = ys\n    return xs\n")
    _check(src, xs, a or 0, b or 0, a is None, b is None, ys)
    src2 = ("def f(xs: list[int], a: int, b: int, an: bool, bn: bool, ys: list[int]):\n"
            "    xs[(None if an else a):(None if bn else b):-2] = ys\n    return xs\n")
    _check(src2, xs, a or 0, b or 0, a is None, b is None, ys)
