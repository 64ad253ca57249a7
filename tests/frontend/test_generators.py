"""Generator expressions consumed where they are made (frontend/generators.py),
compiled vs CPython: sum/min/max/list/np.array take every item, any/all stop
at the deciding item (later items are never computed); other uses are a
located CompileError."""
from __future__ import annotations

import math

import pytest

import py2wasm
from py2wasm import CompileError
from tests.frontend import generator_functions as G
from tests.frontend.test_npscalars import outcome, same


@pytest.mark.parametrize("fn, arg_sets", [
    (G.consumers, [(3, 1.5), (0, 1.0), (6, 0.5), (4, -1.0)]),
    (G.short_circuit, [(0,), (2,), (3,), (6,)]),
    (G.short_circuit_all, [(0,), (3,), (5,)]),
    (G.nested_generator, [(0,), (5,), (9,)]),
    (G.generator_in_helper, [(0.5, 3), (-2.0, 5), (1.0, 0)]),
    (G.over_literal_rows, [(0,), (-4,)]),
    (G.next_of_literal_arg, [(3,), (-2,)]),
])
def test_generators_match_cpython(fn, arg_sets):
    cf = py2wasm.compile(fn)
    for args in arg_sets:
        want = outcome(fn, *args)
        got = outcome(cf, *args)
        assert same(got, want), (fn.__name__, args, got, want)


def test_loop_over_a_generator_expression():
    cf = py2wasm.compile(G.loop_over_generator)
    for n in (0, 1, 3, 50):
        assert cf(n) == G.loop_over_generator(n)


# A generator whose every path raises while it runs (py fuzz seed 600 index 5
# and 31: a P2W003 "'NoneType' object is not iterable" until 2026-12-07): the
# consumer's call raises CPython's exception; math.prod of a list display.
def _raising_min(n: int):
    return min((x for x in [n] if x > int("AbC")), default=10) + 1


def _raising_sum(n: int):
    return sum(x for x in [n, 2] if x > int("1.5")) + n


def _inner_empty_max(n: int):
    return min((x for x in [n, 2] if x < max((y * y for y in [] if y > n)) % 7), default=10)


def _prod_display(n: int):
    return math.prod([0.1, float(n - 2), -0.0, float(n)]), math.prod([n, 3, n])


@pytest.mark.parametrize("fn", [_raising_min, _raising_sum, _inner_empty_max, _prod_display])
def test_generators_that_always_raise(fn):
    c = py2wasm.compile(fn)
    for n in (0, 3, -2):
        assert outcome(c, n) == outcome(fn, n), (fn.__name__, n)
