"""min()/max() with key= and default= (frontend/lists_minmax.py) of lists,
generators and ranges, and lambdas as keys; compiled vs CPython (its exact
ValueError when empty without a default), with hypothesis over the items."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend.test_lists_ofarrays import check


def dist3(v):
    return (v - 3) ** 2


def second_neg(t):
    return -t[1]


def gen_default(n: int):
    return max((i * i % 7 for i in range(n)), default=-1)


def gen_default_float(n: int):
    return min((i * 0.5 for i in range(n)), default=7.5), max((i * 0.5 for i in range(n)),
                                                               default=-1.0)


def gen_default_other_type(n: int):
    v = min((i * 0.5 for i in range(n)), default=-1)  # int default, float items
    return float(v * 2)  # int on one path, float on the other: a TypeFork until here


def gen_key(n: int):
    return min((i for i in range(n)), key=dist3)


def list_key_default(n: int):
    return min([i for i in range(n)], key=dist3, default=100)


def records_by_key(n: int):
    ps = [(i, (i * 37) % 11) for i in range(n)]
    return max(ps, key=second_neg), min(ps, key=lambda p: (p[1], -p[0]))


def nan_keys(n: int):
    xs = [float(i) for i in range(n)]
    xs.append(math.nan)
    xs.insert(1, math.nan)
    return max(xs, key=abs), min(xs, key=dist3, default=0.0), max(xs)


def rows_by_len(n: int):
    rows = [[1.0] * (i % 4) for i in range(n)]
    return max(rows, key=len)


def arrays_by_sum(n: int):
    xs = [np.ones(i % 3 + 1) * (i % 2) for i in range(n)]
    return max(xs, key=len).shape, min(xs, key=np.sum, default=np.zeros(2))


def range_key(n: int):
    return max(range(n), key=dist3), min(range(1, n, 2), key=lambda v: -v, default=0)


def closure_key(n: int, c: float):
    return min((i for i in range(n)), key=lambda v: abs(v - c))


def numpy_scalar_key(n: int):
    a = np.arange(n, dtype=np.float32)
    return max(range(n), key=lambda i: a[i] * np.float32(-1.5) + i % 3)


def key_not_called_when_empty(n: int):
    xs = [i * 1.5 for i in range(n)]
    return max(range(len(xs)), key=lambda i: xs[i], default=-1)


def empty_no_default(n: int):
    return max((i for i in range(n) if i > 100), key=dist3)


CASES = [(f, (n,)) for f in (gen_default, gen_default_float, gen_default_other_type, gen_key,
                            list_key_default, records_by_key, nan_keys, rows_by_len,
                            arrays_by_sum, range_key, numpy_scalar_key, empty_no_default,
                            key_not_called_when_empty)
         for n in (0, 1, 6)] + [(closure_key, (n, c)) for n in (0, 7) for c in (3.0, -1.5)]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_min_max_with_key_and_default_match_cpython(fn, args):
    check(fn, *args)


def keyed(xs, c):
    return (min(xs, key=lambda v: abs(v - c), default=c), max(xs, key=lambda v: v * v),
            max((x for x in xs if x > c), default=None) is None)


_KEYED = None


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=False, width=32), min_size=1,
                max_size=6), st.floats(-10, 10))
def test_keyed_min_max_match_cpython(xs, c):
    global _KEYED
    if _KEYED is None:
        _KEYED = py2wasm.compile(keyed)
    check(keyed, xs, c, cf=_KEYED)


def test_a_key_returning_a_list_is_refused():
    def f(n):
        rows = [[1.0] * i for i in range(n)]
        return max(rows, key=lambda r: r)
    with pytest.raises(CompileError) as e:
        py2wasm.compile(f)(3)
    assert e.value.code == "P2W002"


# --- lambdas: a captured variable's value -------------------------------------------------

def lambda_stored_once(n: int):
    c = n * 2
    f = lambda x: x + c  # noqa: E731
    return f(1) + f(2)


def lambda_in_a_loop_used_at_once(n: int, c: int):
    best = 0
    for k in range(n):
        best += max(range(5), key=lambda v: abs(v - k - c), default=c)
    return best


@pytest.mark.parametrize("fn, args", [(lambda_stored_once, (3,)),
                                      (lambda_in_a_loop_used_at_once, (4, 1)),
                                      (lambda_in_a_loop_used_at_once, (0, 1))])
def test_lambdas_see_the_captured_values_as_cpython(fn, args):
    check(fn, *args)


def lambda_late_binding(n: int):
    c = 1
    f = lambda x: x + c  # noqa: E731
    c = 2  # CPython's f sees 2
    return f(n)


def lambda_kept_across_iterations(n: int):
    f = abs
    for c in range(n):
        if c == 0:
            f = lambda x: x + c  # noqa: E731
    return f(0)


@pytest.mark.parametrize("fn", [lambda_late_binding, lambda_kept_across_iterations])
def test_a_lambda_whose_captured_variable_changes_is_refused(fn):
    with pytest.raises(CompileError) as e:
        py2wasm.compile(fn)(3)
    assert e.value.code == "P2W001" and "lambda capturing 'c'" in str(e.value)
