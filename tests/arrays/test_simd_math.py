"""Vectorized math-library calls (passes/vectorize_math.py): np.exp, np.expm1,
np.log, np.log1p, np.log2, np.log10, np.sinh, np.cosh, np.tanh loops (float64;
float32: exp, log, log2, log10, sinh, cosh, tanh) compile to SIMD code
(checked in the wasm text) whose results equal the scalar (mvp) build and
py2wasm's scalar math library (py2wasm.libm, run by CPython) bit for bit: lengths 0..17, special values in
every lane position, random values over the whole float64 domain
(hypothesis), views and strides; softmax against NumPy; exceptions as
before (np.log of negatives: NaN, no exception; math.log in a user loop:
ValueError)."""
import math
import struct
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from py2wasm.libm import FUNCTIONS

from .simd_harness import Builds, bits

SET = settings(max_examples=40, deadline=None)


def k_exp(a):
    return np.exp(a)


def k_expm1(a):
    return np.expm1(a)


def k_log(a):
    return np.log(a)


def k_log1p(a):
    return np.log1p(a)


def k_sinh(a):
    return np.sinh(a)


def k_cosh(a):
    return np.cosh(a)


def k_tanh(a):
    return np.tanh(a)


def k_log2(a):
    return np.log2(a)


def k_log10(a):
    return np.log10(a)


def k_fused(a):  # a libm call inside a fused expression, two calls in one loop
    return np.exp(a * 0.5 - 1.0) + np.log(np.abs(a))


def k_softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


KERNELS = {"exp": k_exp, "expm1": k_expm1, "log": k_log, "log1p": k_log1p, "log2": k_log2,
           "log10": k_log10,
           "sinh": k_sinh, "cosh": k_cosh, "tanh": k_tanh}
_BUILDS = {}


def builds(fn):
    if fn not in _BUILDS:
        _BUILDS[fn] = Builds(fn)
    return _BUILDS[fn]


def _nan_bits(x):
    return "nan" if x != x else struct.pack("<d", x)


def _libm(name, a):
    """The scalar library's results (CPython running py2wasm.libm), as bits."""
    f = FUNCTIONS[name]
    return [_nan_bits(f(float(x))) for x in a.ravel()]


def check(name, a):
    """simd == relaxed == mvp builds bit for bit, and == the scalar library."""
    b = builds(KERNELS[name])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        b.check(a, numpy=False)
    got = b.simd(a)
    assert [_nan_bits(float(x)) for x in got.ravel()] == _libm(name, a), (name, a)


SPECIALS = [
    math.nan, -math.nan, math.inf, -math.inf, 0.0, -0.0, 5e-324, -5e-324, 1e-310, -1e-310,
    2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, -1e300, 1e300,
    709.782712893384, 709.7827128933841, 710.0, -745.1332191019411, -745.1332191019412,
    -746.0, -708.0, math.nextafter(-708.0, -1000.0), 709.0, math.nextafter(709.0, 1000.0),
    -708.4, -720.0, 5.551115123125783e-17, math.nextafter(5.551115123125783e-17, 0.0),
    -5.551115123125783e-17, 1e-20, -1e-300, 1.0, -1.0, 0.5, 2.0, 10.0, 1e-5, 0.1, -0.1,
    1.0000000000000002, 0.9999999999999999, 0.7071067811865476, 1.4142135623730951, 88.0,
    -88.0, 3.5, 1e-3, 9.5367431640625e-07, math.nextafter(9.5367431640625e-07, 0.0),
    -9.5367431640625e-07, 38.0, math.nextafter(38.0, 0.0), -38.0, 38.9, -38.9, 0.41421356,
    0.4142136573791504, math.nextafter(0.4142136573791504, 0.0), -0.292893648147583,
    math.nextafter(-0.292893648147583, 0.0), 1.862645149230957e-09, -1.862645149230957e-09,
    math.nextafter(1.862645149230957e-09, 0.0), -0.9999999999999999, 9007199254740992.0,
    math.nextafter(9007199254740992.0, 0.0), -0.5, 0.3, 41.0, math.nextafter(41.0, 0.0),
    -41.0, 22.0, math.nextafter(22.0, 0.0), -22.0, 3.725290298461914e-09,
    math.nextafter(3.725290298461914e-09, 0.0), 2.7755575615628914e-17, 710.4758600739439,
    710.4758600739440, math.nextafter(1.0, 0.0), -1.0000000000000002,
]


@pytest.mark.parametrize("name", list(KERNELS))
def test_vector_code_in_the_wasm(name):
    """The simd build of each kernel is vector code: the widened core (f64x2
    arithmetic, the lane bit ops) and the range test (i64x2.all_true)."""
    a = np.linspace(0.5, 2.0, 16)
    wat = builds(KERNELS[name]).assert_vectorized(a)
    assert "i64x2.all_true" in wat and "f64x2.mul" in wat and "f64x2.add" in wat
    if name in ("exp", "expm1"):
        assert "i32x4.trunc_sat_f64x2_s_zero" in wat and "i64x2.shl" in wat
    elif name in ("sinh", "cosh", "tanh"):  # two cores, the second on exp_dd
        assert wat.count("i64x2.all_true") >= 2 and "i32x4.trunc_sat_f64x2_s_zero" in wat
    elif name == "log1p":  # two cores: two range tests
        assert wat.count("i64x2.all_true") >= 2 and "f64x2.div" in wat
    else:
        assert "f64x2.div" in wat and "f64x2.convert_low_i32x4_s" in wat


@pytest.mark.parametrize("name", list(KERNELS))
def test_lengths_and_special_values_in_every_lane(name):
    rng = np.random.default_rng(1)
    normal = {"exp": rng.uniform(-700, 700, 40), "expm1": rng.uniform(-30, 30, 40),
              "log1p": rng.uniform(-0.25, 0.4, 40), "sinh": rng.uniform(-40, 40, 40),
              "cosh": rng.uniform(-40, 40, 40), "tanh": rng.uniform(-5, 5, 40)}.get(
                  name, rng.uniform(1e-3, 1e3, 40))
    for n in range(18):
        check(name, normal[:n].copy())
    for shift in range(3):  # each special value at each lane position and in the remainder
        for n in (1, 2, 3, 5, 17):
            vals = SPECIALS[shift:] + SPECIALS[:shift]
            for k in range(0, len(vals), n):
                block = np.array(vals[k:k + n])
                check(name, block)
                mixed = normal[:2 * len(block)].copy()
                mixed[::2] = block  # one special lane, one core-range lane
                check(name, mixed)


@st.composite
def operand(draw, n):
    """Any float64 (random bit patterns cover the whole domain: huge, tiny,
    subnormal, NaN payloads), or values around the functions' interesting
    ranges; a contiguous array or a strided/reversed view."""
    anything = st.integers(0, 2**64 - 1).map(
        lambda i: struct.unpack("<d", struct.pack("<Q", i))[0])
    floats = anything | st.floats(allow_nan=True, allow_infinity=True) | \
        st.floats(-750.0, 750.0) | st.floats(0.0, 4.0) | st.sampled_from(SPECIALS)
    step = draw(st.sampled_from([1, 1, 2, 3, -1]))
    start = draw(st.integers(0, 3))
    total = start + abs(step) * max(n - 1, 0) + 1
    base = np.array(draw(st.lists(floats, min_size=total, max_size=total)), dtype=np.float64)
    return base[start::step][:n] if step > 0 else base[::-1][start:][:n]


@SET
@given(st.integers(0, 19), st.sampled_from(list(KERNELS)), st.data())
def test_random_values_views_and_strides(n, name, data):
    check(name, data.draw(operand(n)))


@SET
@given(st.integers(0, 12), st.data())
def test_fused_expression_and_two_calls_in_one_loop(n, data):
    a = data.draw(operand(n))
    b = builds(k_fused)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        b.check(a, numpy=False)
        want = [_nan_bits(FUNCTIONS["exp"](float(x) * 0.5 - 1.0) + FUNCTIONS["log"](abs(float(x))))
                for x in a]
    assert [_nan_bits(float(x)) for x in b.simd(a)] == want


def test_two_dimensional_views():
    a = np.linspace(-5.0, 5.0, 77).reshape(7, 11)
    for view in (a, a[1:, 2:], a[::2, ::3], a.T, a[::-1, ::-1]):
        b = builds(k_exp)
        b.check(view, numpy=False)
        assert [_nan_bits(float(x)) for x in b.simd(view).ravel()] == \
            [_nan_bits(FUNCTIONS["exp"](float(x))) for x in view.ravel()]


def test_softmax_vectorized_and_within_numpy_accuracy():
    rng = np.random.default_rng(3)
    b = builds(k_softmax)
    for n in (1, 2, 3, 16, 17, 1000):
        x = rng.normal(0, 10, n)
        b.check(x, numpy=False)  # simd == relaxed == mvp, bit for bit
        got = b.simd(x)
        np.testing.assert_allclose(got, k_softmax(x), rtol=2e-15, atol=0)
    wat = b.assert_vectorized(np.ones(16))
    assert "i64x2.all_true" in wat


def test_log_of_negatives_is_nan_without_exception():
    a = np.array([-1.0, 2.0, -0.5, -math.inf, 0.0, -0.0, 4.0, -1e-310])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("log", "log2", "log10"):
            check(name, a)
            r = builds(KERNELS[name]).simd(a)
            assert np.isnan(r[[0, 2, 3, 7]]).all() and (r[[4, 5]] == -np.inf).all()
        check("log1p", a - 1.0)  # log1p(-1) = -inf, below -1: NaN
        r = builds(k_log1p).simd(a - 1.0)
        assert np.isnan(r[[0, 2, 3]]).all() and r[4] == -np.inf


def user_log_loop(a, out):
    for i in range(a.shape[0]):
        out[i] = math.log(a[i])
    return out


def user_exp_loop(a, out):
    for i in range(a.shape[0]):
        out[i] = math.exp(a[i])
    return out


@pytest.mark.parametrize("fn,bad,exc", [(user_log_loop, -1.0, "ValueError"),
                                        (user_exp_loop, 1000.0, "OverflowError")])
def test_math_in_a_user_loop_raises_as_before(fn, bad, exc):
    """math.log/math.exp keep CPython's checks (ValueError, OverflowError,
    at the element where Python raises): every build raises alike and the
    elements before it are written."""
    b = Builds(fn)
    for pos in (0, 1, 2, 5):
        a = np.ones(6)
        a[pos] = bad
        b.check(a, np.zeros(6))  # == CPython (exp(1.0)/log(1.0): the same results)
        try:
            b.simd(a, np.zeros(6))
        except Exception as e:  # noqa: BLE001
            assert type(e).__name__ == exc
        else:
            raise AssertionError("no exception")
    assert bits(b.simd(np.full(5, 1.0), np.zeros(5))) == bits(np.full(5, fn(
        np.full(5, 1.0), np.zeros(5))[0]))


# --- float32 arrays: libm/f32's expf, logf, log2f, log10f in f64x2 lanes ----------------
F32_KERNELS = {"exp": k_exp, "log": k_log, "log2": k_log2, "log10": k_log10,
               "sinh": k_sinh, "cosh": k_cosh, "tanh": k_tanh}


def check32(name, a):
    """float32: simd == relaxed == mvp bit for bit, == libm.f32 rounded to float32."""
    from py2wasm.libm.f32 import FUNCTIONS as F32
    b = builds(F32_KERNELS[name])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        b.check(a, numpy=False)
        got = b.simd(a)
        want = np.array([F32[name](float(x)) for x in a.ravel()]).astype(np.float32)
    assert got.dtype == np.float32
    assert [_nan_bits(float(x)) for x in got.ravel()] == [_nan_bits(float(x)) for x in want]


SPECIALS32 = [x for x in SPECIALS if abs(x) < 3e38 or not math.isfinite(x)] + [
    -104.0, float(np.nextafter(np.float32(-104.0), np.float32(-200))), 89.0,
    float(np.nextafter(np.float32(89.0), np.float32(100))), 88.72283935546875, 1.4e-45,
    float(np.finfo(np.float32).max), float(np.finfo(np.float32).tiny), 90.0, -90.0, 9.1,
    float(np.nextafter(np.float32(9.1), np.float32(10))), 0.17328679513998632,
    float(np.float32(0.34657359027997264)), float(np.float32(0.17328679)), 0.5, -0.25]


@pytest.mark.parametrize("name", list(F32_KERNELS))
def test_float32_vector_code_lengths_and_specials(name):
    a = np.linspace(0.5, 2.0, 16, dtype=np.float32)
    wat = builds(F32_KERNELS[name]).assert_vectorized(a)
    assert "i64x2.all_true" in wat and "f32x4.demote_f64x2_zero" in wat
    rng = np.random.default_rng(2)
    normal = {"exp": rng.uniform(-100, 88, 40), "sinh": rng.uniform(-10, 10, 40),
              "cosh": rng.uniform(-10, 10, 40), "tanh": rng.uniform(-3, 3, 40)}.get(
                  name, rng.uniform(1e-3, 1e3, 40))
    for n in range(18):
        check32(name, normal[:n].astype(np.float32))
    vals = np.array(SPECIALS32, dtype=np.float32)
    for shift in range(3):
        v = np.roll(vals, shift)
        for n in (1, 2, 3, 5):
            for k in range(0, len(v), n):
                check32(name, v[k:k + n].copy())


@SET
@given(st.integers(0, 19), st.sampled_from(list(F32_KERNELS)), st.data())
def test_float32_random_values_and_views(n, name, data):
    bits32 = st.integers(0, 2**32 - 1).map(lambda i: struct.unpack("<f", struct.pack("<I", i))[0])
    floats = bits32 | st.floats(-110.0, 95.0, width=32) | st.floats(0.0, 4.0, width=32)
    step = data.draw(st.sampled_from([1, 1, 2, -1]))
    base = np.array(data.draw(st.lists(floats, min_size=2 * n + 1, max_size=2 * n + 1)),
                    dtype=np.float32)
    check32(name, base[::step][:n])
