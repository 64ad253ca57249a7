"""Sets (frontend/sets.py): compiled vs CPython, results in CPython's
iteration order (CPython's hash table and hashes), fixed cases and
hypothesis over operation sequences; what is refused is located."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend import set_functions as S
from tests.frontend.test_npscalars import outcome

EDGES = np.array([5, 5, -1, -2, 2**61 - 1, -(2**61 - 1), 2**61, 2**62 + 7, -2**63, 2**63 - 1,
                  0, 8, 16, 24, -8], dtype=np.int64)
RNG = np.random.default_rng(7)

CASES = [
    (S.basics, [(0,), (5,), (100,)]),
    (S.dedup, [(EDGES,), (RNG.integers(-2**63, 2**63 - 1, 300, dtype=np.int64),),
               (RNG.integers(-1000, 1000, 500),)]),
    (S.ops, [(0,), (1,), (3,), (20,)]),
    (S.big, [(10,), (1000,), (5000,)]),
    (S.tup, [(0,), (12,), (100,)]),
    (S.const_in, [(5,), (6,)]),
    (S.literal, [(1,), (3,), (-7,), (2**40,)]),
    (S.remove_missing, [(1,), (5,)]),
    (S.remove_from_empty, [(1,), (-5,)]),
    (S.pop_empty, [(0,), (1,)]),
    (S.changed_size, [(0,), (1,)]),
    (S.inplace, [(0,), (5,), (40,)]),
    (S.copies, [(0,), (1,), (30,), (500,)]),
]


@pytest.mark.parametrize("fn, arg_sets", CASES, ids=[c[0].__name__ for c in CASES])
@pytest.mark.parametrize("target", ["mvp", "simd"])
def test_against_cpython(fn, arg_sets, target):
    cf = py2wasm.compile(fn, target=target)
    for args in arg_sets:
        assert repr(outcome(cf, *args)) == repr(outcome(fn, *args)), (fn.__name__, args)


def complexes(x: complex) -> int:
    s = {x}
    return len(s)


def test_refusals_are_located():
    with pytest.raises(CompileError, match="a set of complex is not supported"):
        py2wasm.compile(complexes)(1.5j)


_FLOATS = {}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(allow_nan=False) | st.sampled_from([0.0, -0.0, 0.5, 1.5, 2.0**61,
                                                                 5e-324, -1e-310]), max_size=60))
def test_hypothesis_float_sets_in_cpythons_order(xs):
    if "cf" not in _FLOATS:
        _FLOATS["cf"] = py2wasm.compile(S.float_set)
    a = np.array(xs, dtype=np.float64)
    assert repr(outcome(_FLOATS["cf"], a)) == repr(outcome(S.float_set, a))


_RUN = {}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-2**63, 2**63 - 1) | st.integers(-40, 40), max_size=120))
def test_hypothesis_operation_sequences(xs):
    if "cf" not in _RUN:
        _RUN["cf"] = py2wasm.compile(S.run_ops)
    ops = np.array(xs + [0, 0], dtype=np.int64)
    assert repr(outcome(_RUN["cf"], ops)) == repr(outcome(S.run_ops, ops))
