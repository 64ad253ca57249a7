"""Generator expressions consumed where they are made (frontend/generators.py),
compiled vs CPython: sum/min/max/list/np.array take every item, any/all stop
at the deciding item (later items are never computed), tuple() takes items
known in number when compiling; other uses are a located CompileError."""
from __future__ import annotations

import math

import numpy as np

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


# tuple() of a generator whose items are known in number when compiling:
# over a shape, a known tuple or a known range, with branches decided when
# compiling (frontend/generators.py, "tuple" mode).
AXES = (1, 0)


def _tuple_of_shape(m, k: int):
    half = tuple(s // 2 for s in m.shape)
    return half, tuple(m.shape[ax] for ax in AXES), tuple(s * k for s in m.shape)


def _tuple_decided(m, k: int):
    return (tuple((s if ax in AXES[:1] else 1) for ax, s in enumerate(m.shape)),
            tuple(i * k for i in range(3)), tuple(float(i) / k for i in range(1, 4) if i != 2))


def _tuple_shapes_arrays(m, k: int):
    z = np.zeros(tuple(s + k for s in m.shape))
    parts = tuple(m[i] * k for i in range(2))
    return z.shape, z.sum(), parts[0] + parts[1], tuple(x.sum() for x in parts)


def _gen_fn(shape, k):
    for s in shape:
        yield s + k
    yield -1


def _tuple_of_generator_function(m, k: int):
    return tuple(_gen_fn(m.shape, k))


@pytest.mark.parametrize("fn", [_tuple_of_shape, _tuple_decided, _tuple_shapes_arrays,
                                _tuple_of_generator_function])
def test_tuple_of_a_generator_of_known_length(fn):
    import numpy as np
    c = py2wasm.compile(fn)
    for m, k in ((np.arange(12.0).reshape(3, 4), 2), (np.ones((2, 5)), -3), (np.ones((2, 0)), 1)):
        want, got = outcome(fn, m, k), outcome(c, m, k)
        assert repr(got) == repr(want), (fn.__name__, got, want)


def _tuple_runtime_filter(m, k: int):
    return tuple(s for s in m.shape if s > k)


def _tuple_runtime_range(m, k: int):
    return tuple(i for i in range(k))


@pytest.mark.parametrize("fn", [_tuple_runtime_filter, _tuple_runtime_range])
def test_tuple_of_a_generator_of_run_time_length_is_refused(fn):
    import numpy as np
    with pytest.raises(CompileError, match="number of items is not known when compiling") as e:
        py2wasm.compile(fn)(np.ones((2, 3)), 2)
    assert e.value.code == "P2W007" and e.value.line is not None
