"""Reductions and scans of complex arrays along axes (sum mean prod with
axis=/keepdims=, cumsum cumprod), compiled vs NumPy 2, bit for bit: NumPy's
pairwise sum on the trailing reduced axes, its elementwise loops (fused
product) when the last axis is kept, the identity as the start.

Module under test: py2wasm/frontend/complex_reduce.py (through
complex_calls)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm
from py2wasm import CompileError

from .test_complex_arrays import check, rand, run, same

INF, NAN = math.inf, math.nan


def shaped(shape, dtype=np.complex128, seed=0):
    n = int(np.prod(shape))
    return rand(n, dtype, seed).reshape(shape)


def s_axis0(a):
    return a.sum(axis=0), np.sum(a, axis=-1), a.sum(axis=(0, 1))


def s_3d(a):
    return (a.sum(axis=0), a.sum(axis=1), a.sum(axis=2), a.sum(axis=(0, 2)),
            a.sum(axis=(1, 2)), a.sum(axis=(0, 1)), np.sum(a, axis=(-1, 0), keepdims=True),
            a.sum(axis=None, keepdims=True))


def m_all(a):
    return (a.mean(axis=0), np.mean(a, axis=1), a.mean(axis=-1, keepdims=True),
            np.mean(a, axis=(0, 1)))


def p_all(a):
    return (a.prod(axis=0), np.prod(a, axis=1), np.prod(a, axis=-1, keepdims=True),
            a.prod(), np.prod(a, axis=(0, 1)))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("shape", [(3, 4), (1, 7), (9, 1), (5, 130), (130, 3), (0, 3), (3, 0)])
def test_axis_reductions_2d(shape, dtype):
    a = shaped(shape, dtype, seed=sum(shape))
    check(s_axis0, a)
    check(m_all, a) if 0 not in shape else None
    small = (rand(int(np.prod(shape)), dtype, 1, scale=False) * 0.9).reshape(shape)
    check(p_all, small)


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("shape", [(2, 3, 4), (3, 1, 70), (4, 20, 9)])
def test_axis_reductions_3d(shape, dtype):
    check(s_3d, shaped(shape, dtype, seed=7))


def s_expr(a, b):
    return (a * b + 1j).sum(axis=0), (a - b).mean(axis=1), np.sum(a.conj() * b, axis=-1)


def test_reduction_of_expressions():
    check(s_expr, shaped((6, 5)), shaped((6, 5), seed=3))


def test_identity_start_and_special_values():
    z = np.array([[complex(INF, 0), complex(-0.0, -0.0)], [1 + 0j, complex(-0.0, -0.0)]])
    check(p_all, z)
    check(s_axis0, z)
    check(m_all, z)
    nz = np.array([complex(-0.0, -0.0)] * 8).reshape(2, 4)
    check(s_axis0, nz)
    check(p_all, np.array([[complex(NAN, 1), 2j], [complex(1, INF), 3]]))


def runtime_axis(a, k):
    return a.sum(axis=k), a.mean(axis=k)


def test_non_constant_axis_is_refused_or_works():
    # an axis must be known at compile time (as for real arrays)
    f = py2wasm.compile(lambda a: (a.sum(axis=1), a.prod(axis=0)))
    same(f(shaped((3, 3))), (shaped((3, 3)).sum(axis=1), shaped((3, 3)).prod(axis=0)))


def bad_axis(a):
    return a.sum(axis=2)


def test_bad_axis_is_located_error_as_for_real_arrays():
    # a known out-of-bounds axis is found at compile time (NumPy's AxisError
    # text, as for real arrays)
    with pytest.raises(CompileError, match="axis 2 is out of bounds for array of dimension 2"):
        py2wasm.compile(bad_axis)(shaped((2, 2)))


def view_axis(a):
    return a[:, ::2].sum(axis=0)


def test_nd_view_axis_reduction_is_numpys():
    # refused until 2026-12-07; now NumPy's reduction iterator (reduce_iter),
    # tested at length in tests/frontend/test_reduce_order.py
    for shape in ((3, 4), (40, 30)):
        check(view_axis, shaped(shape))


def rows_of_view(a):
    return a[1].sum(), a[:, 1].sum(), a[::2, 1].prod()


def test_1d_views():
    check(rows_of_view, shaped((5, 6)))


def c_scan(a):
    return (np.cumsum(a), a.cumprod(), np.cumsum(a, axis=0), np.cumprod(a, axis=-1),
            a.cumsum(axis=1), np.cumsum(a * 2 - 1j, axis=0))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("shape", [(3, 4), (1, 5), (6, 1), (0, 2)])
def test_cumulative(shape, dtype):
    a = (rand(int(np.prod(shape)), dtype, 2, scale=False)).reshape(shape)
    check(c_scan, a)


def c_scan_1d(a):
    return np.cumsum(a), np.cumprod(a), a[::-1].cumsum()


def test_cumulative_special_values():
    z = np.array([complex(-0.0, -0.0), complex(INF, 0), 1 + 0j, complex(NAN, 0), 2j])
    check(c_scan_1d, z)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(1, 5), st.integers(1, 40), st.integers(0, 2**32 - 1),
       st.sampled_from([np.complex128, np.complex64]))
def test_hypothesis_axis_sums(r, c, seed, dtype):
    a = shaped((r, c), dtype, seed)
    check(_hyp, a)


def _hyp(a):
    return a.sum(axis=0), a.sum(axis=1), a.mean(axis=0), a.prod(axis=1), np.cumsum(a, axis=0)


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
def test_targets_agree(target):
    a = shaped((7, 33), seed=11)
    with np.errstate(all="ignore"):
        want = _hyp(a)
    got = py2wasm.compile(_hyp, target=target)(a)
    same(got, want)
