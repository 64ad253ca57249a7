"""Dicts (frontend/dicts.py): compiled vs CPython on fixed functions and with
hypothesis over sequences of dict operations, on every target; what is
refused is a located CompileError."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend import dict_functions as D
from tests.frontend.test_npscalars import outcome, same


def _check(fn, arg_sets, target="simd"):
    cf = py2wasm.compile(fn, target=target)
    for args in arg_sets:
        want = outcome(fn, *args)
        got = outcome(cf, *args)
        if want[0] == "ok" and isinstance(want[1], tuple) and any(
                isinstance(x, list) for x in want[1]):  # lists come back as... lists
            assert repr(got) == repr(want), (fn.__name__, args, got, want)
            continue
        assert same(got, want) or repr(got) == repr(want), (fn.__name__, args, got, want)


CASES = [
    (D.counting, [(0, 3), (1, 3), (100, 7), (1000, 13)]),
    (D.memo_fib, [(1,), (2,), (50,), (90,)]),
    (D.key_error, [(2,), (1,), (-3,), (7,)]),
    (D.float_keys, [(0.0,), (-0.0,), (1.5,), (2.0,), (float("inf"),)]),
    (D.tuple_keys, [(1,), (10,), (100,)]),  # (0,): sum() of no floats, a documented deviation
    (D.tuple_key_error, [(1, 2), (2, 1), (-1, 0)]),
    (D.defaultdicts, [(0,), (10,), (33,)]),
    (D.counters, [(0,), (12,)]),
    (D.changed_size, [(0,), (1,)]),
    (D.pops, [(0,), (1,), (2,), (3,), (10,)]),
    (D.pop_missing, [(1,), (2,)]),
    (D.pop_missing_from_empty, [(1,), (-7,)]),
    (D.popitem_empty, [(0,), (1,)]),
    (D.get_none, [(1,), (2,)]),
    (D.views, [(0,), (1,), (2,), (9,)]),
    (D.copies_and_updates, [(1,), (5,)]),
    (D.delete_reinsert, [(0,), (7,), (40,)]),
    (D.grow_many, [(0,), (5,), (300,), (3000,)]),
    (D.bool_keys, [(True,), (False,)]),
    (D.dict_of_instances, [(0,), (10,)]),
    (D.dict_in_helper, [(0,), (9,)]),
]


@pytest.mark.parametrize("fn, arg_sets", CASES, ids=[c[0].__name__ for c in CASES])
def test_against_cpython(fn, arg_sets):
    _check(fn, arg_sets)


@pytest.mark.parametrize("target", ["mvp", "relaxed-simd"])
def test_other_targets(target):
    for fn, arg_sets in CASES[:5]:
        _check(fn, arg_sets, target)


def test_keyerror_is_cpythons():
    cf = py2wasm.compile(D.tuple_key_error)
    with pytest.raises(KeyError) as e:
        cf(2, 1)
    assert e.value.args == ((2, 1),)
    with pytest.raises(KeyError) as e:
        py2wasm.compile(D.key_error)(7)
    assert e.value.args == (7,)


def mixed_keys(x: float) -> int:
    d = {1: 1}
    d[x] = 2
    return len(d)


def array_value(a) -> int:
    d = {0: a}
    return len(d)


def test_refusals_are_located():
    with pytest.raises(CompileError, match="a dict with int keys cannot take a float key"):
        py2wasm.compile(mixed_keys)(1.5)
    with pytest.raises(CompileError, match="arrays cannot be stored in a dict"):
        py2wasm.compile(array_value)(np.zeros(2))


def test_memory_stays_flat():
    cf = py2wasm.compile(D.grow_many)
    want = D.grow_many(2000)
    for _ in range(300):
        assert cf(2000) == want


_RUN = {}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-20, 40), min_size=0, max_size=90))
def test_hypothesis_operation_sequences(xs):
    if "cf" not in _RUN:
        _RUN["cf"] = py2wasm.compile(D.run_ops)
    ops = np.array(xs + [0, 0, 0], dtype=np.int64)
    assert repr(outcome(_RUN["cf"], ops)) == repr(outcome(D.run_ops, ops))
