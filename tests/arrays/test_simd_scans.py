"""Loops whose carried value is also observed in every iteration (scans):
prefix and suffix sums, running max/min stored each step, first-order
recurrences (`s = s * c + a[i]`: an IIR filter, a logistic map), 2-D row
prefix sums, exclusive scans. The vectorizer (passes/vectorize.py) must not
treat them as reductions: a lane cannot see the running value of the lanes
before it, and a float scan in SIMD form would change the rounding order.
They stay scalar; every SIMD build equals the mvp build and NumPy bit for
bit, for every length 0..17 and every dtype. (With float32 elements the
carried scalar is a NumPy float32 scalar, whose arithmetic is the
frontend's business: there the SIMD builds are compared with the mvp build
only.)"""
import numpy as np
import pytest

from .simd_harness import Builds, values

rng = np.random.default_rng(13)
LENGTHS = list(range(18)) + [31, 64, 65]
DTYPES = ["float64", "float32", "int64", "int32"]


def prefix_sum(a):
    out = np.zeros_like(a)
    s = a[0] * 0
    for i in range(a.shape[0]):
        s += a[i]
        out[i] = s
    return out


def prefix_sum_into(a, out):
    s = 0.0
    for i in range(a.shape[0]):
        s = s + a[i]
        out[i] = s
    return s


def exclusive_scan(a):
    out = np.zeros_like(a)
    s = a[0] * 0
    for i in range(a.shape[0]):
        out[i] = s
        s = s + a[i]
    return out


def suffix_sum(a):
    n = a.shape[0]
    out = np.zeros_like(a)
    s = a[0] * 0
    for i in range(n):
        s = s + a[n - 1 - i]
        out[n - 1 - i] = s
    return out


def running_max(a):
    out = np.zeros_like(a)
    m = a[0]
    for i in range(a.shape[0]):
        m = np.maximum(m, a[i])
        out[i] = m
    return out


def running_min_where(a):
    out = np.zeros_like(a)
    m = a[0]
    for i in range(a.shape[0]):
        x = a[i]
        m = x if x < m else m
        out[i] = m
    return out


def iir(a, c):
    out = np.zeros_like(a)
    s = a[0] * 0
    for i in range(a.shape[0]):
        s = s * c + a[i]
        out[i] = s
    return out


def logistic(a, r):
    out = np.zeros_like(a)
    x = a[0]
    for i in range(a.shape[0]):
        x = r * x * (1.0 - x) + a[i] * 0.0
        out[i] = x
    return out


def scaled_store(a):
    out = np.zeros_like(a)
    s = a[0] * 0
    for i in range(a.shape[0]):
        s = s + a[i]
        out[i] = s * 2
    return out


def two_outputs(a):
    out = np.zeros_like(a)
    s = a[0] * 0
    t = a[0] * 0
    for i in range(a.shape[0]):
        s = s + a[i]
        t = t + s
        out[i] = t
    return out


def row_prefix(m):
    out = np.zeros_like(m)
    for i in range(m.shape[0]):
        s = m[0, 0] * 0
        for j in range(m.shape[1]):
            s = s + m[i, j]
            out[i, j] = s
    return out


ONE_D = [prefix_sum, exclusive_scan, suffix_sum, running_max, running_min_where, scaled_store,
         two_outputs]


def _numpy(dtype):
    return dtype != "float32"


def _arg(n, dtype):
    x = values(rng, max(n, 1), dtype, special=False)
    if np.dtype(dtype).kind == "i":
        x = (x % 1000).astype(dtype)
    return x[:n] if n else x[:1]  # a[0] is read before the loop: at least one element


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("fn", ONE_D, ids=lambda f: f.__name__)
def test_scans_stay_exact(fn, dtype):
    b = Builds(fn)
    for n in LENGTHS:
        b.check(_arg(max(n, 1), dtype), numpy=_numpy(dtype))
    if np.dtype(dtype).kind == "f":
        b.check(values(rng, 40, dtype), numpy=_numpy(dtype))  # NaN, infinities, signed zeros
        b.check(values(rng, 99, dtype)[::3], numpy=_numpy(dtype))  # a strided view


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_prefix_sum_into_argument(dtype):
    b = Builds(prefix_sum_into)
    for n in LENGTHS:
        a = values(rng, n, dtype, special=n % 3 == 0)
        b.check(a, np.zeros(n, dtype), numpy=_numpy(dtype))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("fn,c", [(iir, 0.9), (iir, -1.5), (logistic, 3.7)],
                         ids=["iir", "iir-unstable", "logistic"])
def test_recurrences(fn, c, dtype):
    b = Builds(fn)
    for n in LENGTHS[1:]:
        a = (rng.random(n) * 0.5).astype(dtype) if fn is logistic else values(rng, n, dtype)
        b.check(a, c, numpy=_numpy(dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_row_prefix_sums(dtype):
    b = Builds(row_prefix)
    for rows, cols in [(1, 1), (1, 17), (3, 5), (4, 16), (2, 9), (17, 3)]:
        b.check(_arg(rows * cols, dtype).reshape(rows, cols), numpy=_numpy(dtype))
    b.check(_arg(30, dtype).reshape(5, 6)[:, ::2], numpy=_numpy(dtype))  # a non-contiguous view
