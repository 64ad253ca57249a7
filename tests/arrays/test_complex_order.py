"""NumPy's order on complex arrays, compiled vs NumPy 2 bit for bit:
comparisons (lexicographic, with NumPy's NaN rules), maximum/minimum/fmax/
fmin, max/min/argmax/argmin (axis=, keepdims=), sort/argsort (NaNs last,
stable), where, nonzero, any/all, logical ufuncs, isnan/isinf/isfinite.

Module under test: py2wasm/frontend/complex_order.py and
complex_kernels.py."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm

from .test_complex_arrays import check, rand, run, same

INF, NAN = math.inf, math.nan
PTS = [0.0, -0.0, 1.0, -1.5, INF, -INF, NAN]


def pairs(dtype=np.complex128):
    g = [complex(x, y) for x in PTS for y in PTS]
    a = np.array([x for x in g for _ in g], dtype=dtype)
    b = np.array([y for _ in g for y in g], dtype=dtype)
    return a, b


def cmp_all(a, b):
    return (a < b, a <= b, a > b, a >= b, a == b, a != b, np.less(a, b),
            np.greater_equal(b, a))


def mm_all(a, b):
    return np.maximum(a, b), np.minimum(a, b), np.fmax(a, b), np.fmin(a, b)


def logic(a, b):
    return (np.logical_and(a, b), np.logical_or(a, b), np.logical_xor(a, b),
            np.logical_not(a), np.isnan(a), np.isinf(a), np.isfinite(a))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("fn", [cmp_all, mm_all, logic])
def test_elementwise_special_grid(fn, dtype):
    check(fn, *pairs(dtype))


def mixed(a, x):
    return a < x, a >= 1.0, 0.5 > a, np.maximum(a, x), np.minimum(2.0, a), a < 1 + 1j


def test_mixed_with_real():
    a, _ = pairs()
    x = np.resize(np.array([0.0, -0.0, 1.0, NAN, INF]), a.shape)
    check(mixed, a, x)


def red_all(a):
    return a.max(), a.min(), np.argmax(a), np.argmin(a), np.max(a), np.amin(a)


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_max_min_arg_random(dtype):
    check(red_all, rand(50, dtype, 3))
    check(red_all, np.array([1 + 1j, 1 + 2j, 1 + 2j, 0.5 + 9j], dtype=dtype))


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from([complex(x, y) for x in PTS for y in PTS]), min_size=1,
                max_size=7))
def test_hypothesis_max_min_nan_rules(vals):
    check(red_all, np.array(vals))


def red_axis(a):
    return (a.max(axis=0), np.min(a, axis=1), np.argmax(a, axis=0), a.argmin(axis=-1),
            np.max(a, axis=1, keepdims=True), np.argmax(a), a.argmin(), np.max(a))


def test_axis_max_min():
    a = rand(30, np.complex128, 5).reshape(5, 6)
    a[1, 2] = complex(NAN, 0)
    a[3, 0] = complex(1, NAN)
    check(red_axis, a)
    check(red_axis, rand(30, np.complex128, 6).reshape(5, 6))


def empty_max(a):
    return a.max()


def test_empty_max_raises_numpys_error():
    with pytest.raises(ValueError) as want:
        empty_max(np.zeros(0, complex))
    with pytest.raises(ValueError) as got:
        py2wasm.compile(empty_max)(np.zeros(0, complex))
    assert str(got.value).split("\n")[0] == str(want.value)


def sorts(a):
    b = a.copy()
    b.sort()
    return np.sort(a), np.argsort(a, kind="stable"), b, np.sort(a * 2 - 1j)


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_sort_random_and_ties(dtype):
    check(sorts, rand(100, dtype, 8))
    z = np.array([1 + 2j, 1 + 1j, 1 + 2j, 0j, 1 + 1j, -1 + 5j, 1 + 2j] * 5, dtype=dtype)
    check(sorts, z)


def test_sort_nan_order():
    # NumPy's order: R+Rj < R+nanj < nan+Rj < nan+nanj
    z = np.array([complex(NAN, NAN), complex(NAN, 1), complex(2, NAN), 3 + 0j,
                  complex(NAN, -1), complex(-1, NAN), complex(-INF, 0), complex(INF, -INF)])
    got, want = run(sorts, z)
    same(got[1], want[1])
    same(got[0], want[0])


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from([complex(x, y) for x in PTS[2:] + [2.0] for y in
                                 PTS[2:] + [2.0]]), min_size=0, max_size=40))
def test_hypothesis_argsort_stable(vals):
    a = np.array(vals, dtype=np.complex128)
    got = py2wasm.compile(stable)(a)
    same(got, np.argsort(a, kind="stable"))


def stable(a):
    return np.argsort(a)


def sort2d(a):
    return np.sort(a, axis=0), np.sort(a), np.argsort(a, axis=0, kind="stable"), \
        np.sort(a, axis=None)


def test_sort_2d():
    check(sort2d, rand(24, np.complex128, 2).reshape(4, 6))


def wh(a, b):
    return (np.where(a.real > 0, a, b), np.where(a.imag < 0, a, 0), np.where(a == b, 1j, b),
            np.where(a.real > b.real, 2.0, a), np.nonzero(a)[0], np.count_nonzero(a),
            np.any(a), np.all(a), a.any(), np.all(a, axis=0) if a.ndim > 1 else np.all(a))


def test_where_nonzero_any_all():
    a = rand(20, np.complex128, 1)
    a[[2, 5, 9]] = 0
    a[7] = complex(-0.0, 0.0)
    check(wh, a, rand(20, np.complex128, 2))
    check(wh, np.zeros(3, complex), np.ones(3, complex))


def wh_real(z, x):
    return np.where(z, x, 2.0), np.where(z, 1, 0)


def test_where_complex_condition_real_alternatives():
    check(wh_real, np.array([0j, 1j, complex(-0.0, 0.0), complex(NAN, 0), 2 + 0j]),
          np.arange(5.0))


def wh64(a, b):
    return np.where(a.real > 0, a, b), np.where(a.real > 0, a, 1.5)


def test_where_dtypes():
    a64 = rand(10, np.complex64, 1)
    check(wh64, a64, rand(10, np.complex64, 2))
    check(wh64, a64, rand(10, np.complex128, 2))
    check(wh64, a64, np.arange(10.0))


def scalar_cmp(a):
    z = a[0]
    w = a[1]
    return z < w, z >= w, z > 1.0, z <= 2 + 0j


def test_numpy_complex_scalar_comparisons():
    check(scalar_cmp, np.array([1 + 2j, 1 + 3j]))
    check(scalar_cmp, np.array([complex(1, NAN), 1 + 3j]))
    check(scalar_cmp, np.array([2 + 0j, 2 + 0j]))


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
def test_targets_agree(target):
    a, b = pairs()
    f = py2wasm.compile(mm_all, target=target)
    same(f(a, b), mm_all(a, b))
    g = py2wasm.compile(sorts, target=target)
    z = rand(50, np.complex128, 4)
    same(g(z), sorts(z))
