"""`**` and np.power with complex values (arrays and NumPy complex
scalars), compiled vs NumPy 2: bit for bit for integer exponents
(-100 < n < 100: NumPy's repeated multiplication, the reciprocal loop for
`a ** -1`, np.square for `a ** 2`), 0 ** 0, zero bases and nan/inf
operands; within a few ulps where NumPy calls C's cpow (other exponents).

Module under test: py2wasm/frontend/complex_power.py."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm

from .test_complex_arrays import SPECIAL, check, rand, run, same

INF, NAN = math.inf, math.nan
INT_EXPONENTS = [0, 1, 2, 3, 4, 5, 7, -1, -2, -3, -5, 17, 64, 99, -99]


def grid(dtype=np.complex128):
    pts = SPECIAL + [2.0, -0.5]
    return np.array([complex(x, y) for x in pts for y in pts], dtype=dtype)


def _make(exponent):
    ns = {"np": np}
    exec(f"def p(a):\n    return a ** {exponent!r}\n", ns)
    return ns["p"]


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("n", INT_EXPONENTS)
def test_int_exponent_bit_exact(n, dtype):
    p = _make(n)
    check(p, rand(60, dtype, abs(n), scale=False))
    check(p, grid(dtype))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("x", [0.0, 1.0, 2.0, 3.0, -1.0, -4.0, 50.0])
def test_integral_float_exponent_bit_exact(x, dtype):
    p = _make(x)
    check(p, rand(60, dtype, 5, scale=False))
    check(p, grid(dtype))


def np_power(a, b):
    return np.power(a, b)


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_array_exponents_integral_bit_exact(dtype):
    rng = np.random.default_rng(3)
    a = rand(200, dtype, 7, scale=False)
    n = rng.integers(-99, 100, 200)
    check(np_power, a, n)  # an int64 array: the complex loop, per element
    check(np_power, a, n.astype(np.float64))
    check(np_power, a, (n + 0j).astype(dtype))


def runtime_exp(a, n):
    return a ** n


@pytest.mark.parametrize("n", [0, 1, 2, 3, -1, -7, 98, 99, -99])
def test_runtime_int_exponent(n):
    check(runtime_exp, rand(30, np.complex128, 2, scale=False), n)
    check(runtime_exp, grid(), n)


# NumPy's cpow (glibc cexp(b * clog(a))) vs py2wasm's cmath exp and log
ULPS = 200  # the phase b*log(a) amplifies an ulp of log(a) by |b*log(a)|


def _close(got, want, ulps=ULPS, base=None, exponent=None):
    """Within `ulps` (of the larger part) of NumPy; complex64 within the
    error of glibc's cpowf, whose float32 phase b*log(a) is amplified by
    exp: |phase| float32 ulps, relative (`base`, `exponent`: the operands)."""
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape
    phase = None
    if got.dtype == np.complex64 and base is not None:
        with np.errstate(all="ignore"):
            phase = np.abs(np.complex128(exponent) * np.log(np.asarray(base, np.complex128)))
        phase = np.broadcast_to(phase, got.shape).ravel().tolist()
    for k, (g, w) in enumerate(zip(got.ravel().tolist(), want.ravel().tolist())):
        for x, y in ((g.real, w.real), (g.imag, w.imag)):
            if math.isnan(y) or math.isinf(y):
                assert (math.isnan(x) and math.isnan(y)) or x == y, (g, w)
                continue
            tol = ulps * math.ulp(max(abs(w.real), abs(w.imag), abs(y)))
            if got.dtype == np.complex64:
                mag = max(abs(w.real), abs(w.imag))
                amp = 4 + (phase[k] if phase is not None else 0.0)
                tol = max(tol, amp * 2.0 ** -23 * mag * 2)
            assert abs(x - y) <= tol, (g, w)


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("b", [0.5j, 2.5, -0.3, 1 + 1j, -2.5 + 0.1j, 100, -100, 101.0, 1e-3])
def test_general_exponent_within_ulps(b, dtype):
    p = _make(b)
    a = rand(100, dtype, 9, scale=False)
    got, want = run(p, a)
    _close(got, want, base=a, exponent=b)


def real_base(x, z):
    return x ** z, np.power(2.0, z), 1j ** x, np.power(z, x)


def test_real_and_python_complex_bases():
    x = np.linspace(-2, 3, 12)
    z = rand(12, np.complex128, 4, scale=False)
    got, want = run(real_base, x, z)
    for g, w in zip(got, want):
        _close(g, w)


def zero_cases(a):
    return (a ** 0, a ** 0.0, a ** (0 + 0j), a ** -1, a ** -2, a ** 2.5, a ** 1j,
            a ** (1 + 1j), a ** (-1 + 1j), np.power(a, a))


def test_zero_bases_and_zero_exponents():
    a = np.array([0j, complex(-0.0, 0.0), complex(0.0, -0.0), 1 + 1j, complex(NAN, 0),
                  complex(INF, 0)])
    got, want = run(zero_cases, a)
    for g, w in zip(got[:3], want[:3]):
        same(g, w)
    # zero bases: 0 (real part of the exponent > 0) or nan+nanj
    for g, w in zip(got, want):
        same(g[:3], w[:3])


def scalar_pow(z, n, x):
    w = z[1]
    return (w ** 3, w ** n, w ** -2, w ** x, w ** 2, np.complex64(w) ** 5, w ** (1 + 1j),
            2 ** w, w ** 0, np.power(w, 4))


def test_numpy_complex_scalar_power():
    z = rand(4, np.complex128, 1, scale=False)
    got, want = run(scalar_pow, z, 7, 2.5)
    assert [type(g) for g in got] == [type(w) for w in want]
    for k in (0, 1, 2, 4, 5, 8, 9):
        same(got[k], want[k])
    for k in (3, 6, 7):
        _close(got[k], want[k])


def zero_scalar(z):
    w = z[0]
    return w ** -1, w ** 1j, w ** 2.5, w ** 0


def test_numpy_complex_scalar_zero_power():
    got, want = run(zero_scalar, np.zeros(2, complex))
    same(got, want)


def recip(a):
    return a ** -1, np.reciprocal(a), 1 / a


def test_reciprocal_fast_path():
    """`a ** -1` is NumPy's reciprocal loop, not Smith's 1/a."""
    a = rand(300, np.complex128, 12)
    check(recip, a)
    check(recip, grid())


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.complex_numbers(allow_nan=False, allow_infinity=False, max_magnitude=1e6),
                 st.sampled_from([complex(INF, 1), complex(NAN, 0), complex(0, -INF), 0j,
                                  complex(-0.0, 0.0)])),
       st.integers(-99, 99))
def test_hypothesis_integer_powers(z, n):
    a = np.array([z, z * 0.5, -z], dtype=np.complex128)
    check(runtime_exp, a, n)


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
def test_targets_agree(target):
    def f(a, n):
        return a ** n, a ** 3, np.power(a, a)
    a = rand(40, np.complex128, 3, scale=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = f(a, -5)
    got = py2wasm.compile(f, target=target)(a, -5)
    same(got[:2], want[:2])
    _close(got[2], want[2])
