"""frontend/ufuncs_extra.py, ufuncs_multi.py, npfuncs_ufunclike.py: np.fmod fix copysign
signbit heaviside logaddexp logaddexp2 exp2 cbrt float_power ldexp spacing
nextafter gcd lcm divmod modf frexp sinc ptp real imag, compiled vs NumPy on
every target: bit for bit (dtype, type, sign of zero, NaN) for the exact ones,
within NumPy's libm contract (1 ulp; sinc, a quotient of sin, 2) for the
transcendental ones; arrays of several dtypes, shapes and layouts, Python
and NumPy scalars, ufunc methods, and NumPy's exceptions."""
import warnings

warnings.filterwarnings("ignore", "overflow encountered in cast")

import numpy as np
import pytest

import py2wasm

R = np.random.default_rng(71)
TARGETS = ["mvp", "simd", "relaxed-simd"]
EDGE = [0.0, -0.0, np.inf, -np.inf, np.nan, -np.nan, 5e-324, -1e-310, 1e308, -1.7976931348623157e308,
        1e-40, -1e-45, 3.4028234663852886e38, 2.0, 0.5, -1.0, 1.0, 3.0, -8.0, 27.0]
EDGE2 = [1.0, 0.0, -np.inf, np.inf, 2.0, np.nan, -0.0, 0.0, -1.0, 1e308, 0.0, 1.0, np.inf, 2.0,
         -0.5, -1.0, 1.0, 3.0, -8.0, np.nan]


def _np(fn, *args):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*args)


def _ulps(g, w):
    g, w = np.asarray(g), np.asarray(w)
    if g.dtype.kind != "f":
        return np.where(g == w, 0, 99)
    it = np.int64 if g.dtype == np.float64 else np.int32
    gi, wi = g.view(it).astype(np.int64), w.view(it).astype(np.int64)
    same = (gi == wi) | (np.isnan(g) & np.isnan(w))
    return np.where(same, 0, np.where(np.signbit(g) == np.signbit(w), np.abs(gi - wi), 99))


def check(got, want, tol=0):
    assert type(got) is type(want), (type(got), type(want))
    if isinstance(want, tuple):
        for g, w in zip(got, want):
            check(g, w, tol)
        return
    assert np.asarray(got).dtype == np.asarray(want).dtype
    assert np.shape(got) == np.shape(want)
    assert np.all(_ulps(got, want) <= tol), (got, want)


EXACT = ("copysign", "signbit", "heaviside", "ldexp", "spacing", "nextafter", "modf", "frexp",
         "divmod")


def exact_funcs(a, b, i):
    fr, ip = np.modf(a)
    m, e = np.frexp(a)
    q, r = np.divmod(a, b)
    return (np.copysign(a, b), np.signbit(a), np.heaviside(a, b), np.ldexp(a, i),
            np.spacing(a), np.nextafter(a, b), fr, ip, m, e, q, r, np.cbrt(a), np.fmod(a, b),
            np.fmod(b, a), np.fix(a), np.fmod(a, 3))


def libm_funcs(a, b):
    return np.exp2(a), np.float_power(np.abs(a), b)


def logaddexps(a, b):
    return np.logaddexp(a, b), np.logaddexp2(a, b)


def check_logaddexp(got, want, a, b):
    """NumPy's formula adds log1p(exp(-|a - b|)) to the larger operand: an ulp of
    that libm result is an ulp of the operands, not of a result near zero."""
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape
        big = np.maximum(np.maximum(np.abs(a), np.abs(b)), np.abs(w)).astype(w.dtype)
        with np.errstate(all="ignore"):
            ok = (g == w) | (np.isnan(g) & np.isnan(w)) | (np.abs(g - w) <= 2 * np.spacing(big))
        assert ok.all(), (g[~ok], w[~ok])


def _data(dt, n):
    a = np.concatenate([R.normal(size=n) * 30, EDGE]).astype(dt, casting="unsafe") if np.dtype(dt).kind == "f" \
        else R.integers(-100, 100, size=n + len(EDGE)).astype(dt)
    b = np.concatenate([R.normal(size=n) * 4, EDGE2]).astype(dt) if np.dtype(dt).kind == "f" \
        else R.integers(-9, 9, size=n + len(EDGE)).astype(dt)
    i = R.integers(-1100, 1100, size=a.size).astype(np.int32)
    return a, b, i


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("dt", [np.float64, np.float32, np.int64, np.int32])
def test_arrays_like_numpy(dt, target):
    ex = py2wasm.compile(exact_funcs, target=target)
    lm = py2wasm.compile(libm_funcs, target=target)
    la = py2wasm.compile(logaddexps, target=target)
    for n in (0, 37):  # with the edge values, an odd size
        a, b, i = _data(dt, n)
        if np.dtype(dt).kind != "f":
            b[b == 0] = 3
        for x, y, k in ((a, b, i), (a[::3], b[::3], i[::3]), (a[:1], b[:1], i[:1]),
                        (a[:0], b[:0], i[:0])):
            check(ex(x, y, k), _np(exact_funcs, x, y, k))
            check(lm(x, y), _np(libm_funcs, x, y), tol=1)
            check_logaddexp(la(x, y), _np(logaddexps, x, y), x, y)


@pytest.mark.parametrize("target", TARGETS)
def test_two_d_fortran_and_broadcast(target):
    def f(a, b, i):
        return (np.copysign(a, b), np.nextafter(a, b[0]), np.ldexp(a, i), np.divmod(a, b)[1],
                np.modf(a.T)[0], np.frexp(a[:, ::2])[1], np.heaviside(a, 0.5), np.spacing(a.T))
    a = np.asfortranarray((R.normal(size=(5, 7)) * 10))
    b = R.normal(size=(5, 7))
    i = R.integers(-60, 60, size=7)  # int64 exponents, broadcast along rows
    check(py2wasm.compile(f, target=target)(a, b, i), _np(f, a, b, i))


def int_funcs(x, y):
    q, r = np.divmod(x, y)
    return np.gcd(x, y), np.lcm(x, y), q, r, np.fmod(x, y), np.fmod(y, x), np.fix(x)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("dt", [np.int64, np.int32, np.uint8, np.int8, np.uint64, np.int16])
def test_ints_like_numpy(dt, target):
    info = np.iinfo(dt)
    x = np.array([0, 1, 6, 12, info.min, info.max, 35, 0, info.min, info.max, 7, 100], dtype=dt)
    y = np.array([0, 0, 4, 18, 3, info.max, 14, info.min, info.min, 2, -1 if info.min else 1, 75],
                 dtype=dt)
    f = py2wasm.compile(int_funcs, target=target)
    check(f(x, y), _np(int_funcs, x, y))
    check(f(x[::-2], y[1::2]), _np(int_funcs, x[::-2], y[1::2]))


def test_bool_divmod_and_gcd():
    def f(x, y):
        return np.divmod(x, y), np.divmod(x, True), np.fmod(x, y), np.fmod(y, x), np.fix(x)

    def g(x, y):
        return np.gcd(x, y)  # NumPy has no bool loop: TypeError
    x, y = np.array([True, False, True]), np.array([True, True, True])
    check(py2wasm.compile(f)(x, y), _np(f, x, y))
    want, got = _exc(g, x, y), _exc(py2wasm.compile(g), x, y)
    assert isinstance(got, TypeError) and str(got) == str(want)


def scalars(x: float, y: float, n: int):
    return (np.copysign(x, y), np.signbit(x), np.heaviside(x, 0.5), np.logaddexp(x, 3.0),
            np.exp2(x), np.cbrt(y), np.ldexp(x, n), np.spacing(x), np.nextafter(x, y),
            np.gcd(n, 12), np.lcm(n, 4), np.divmod(x, y), np.divmod(n, 5), np.modf(x),
            np.frexp(y), np.float_power(n, 2), np.copysign(np.float32(x), np.float32(y)),
            np.fmod(x, y), np.fmod(n, 7), np.fix(x), np.fix(n), np.fmod(np.float32(x), 0.3),
            np.ldexp(np.float32(x), 3), np.frexp(np.float32(y)), np.gcd(np.int32(n), 6),
            np.copysign(2.0, -1.0), np.divmod(7, -2), np.frexp(8.0))


@pytest.mark.parametrize("target", ["mvp", "simd"])
def test_scalars_are_numpy_scalars(target):
    f = py2wasm.compile(scalars, target=target)
    for x, y, n in ((2.5, -3.0, 18), (-0.0, 0.0, -9), (np.nan, np.inf, 0), (1e-310, -27.0, 7)):
        check(f(x, y, n), _np(scalars, x, y, n), tol=1)


def methods(a, b, v):
    return (np.gcd.reduce(a), np.lcm.reduce(a), np.gcd.reduce(b, axis=0), np.copysign.outer(v, v),
            np.logaddexp.reduce(v), np.heaviside.outer(v, v[:2]))


def test_ufunc_methods():
    a = np.array([12, 18, -30, 42])
    b = np.array([[4, 6], [10, 15], [8, 9]], dtype=np.int32)
    v = np.array([-1.5, 0.0, -0.0, 2.0, np.nan])
    check(py2wasm.compile(methods)(a, b, v), _np(methods, a, b, v), tol=1)


def ufunclike(a, x: float, m):
    return (np.sinc(a), np.sinc(x), np.ptp(a), np.ptp(m, axis=0), np.ptp(m, axis=1, keepdims=True),
            np.ptp(m), np.real(a), np.imag(a), np.real(x), np.imag(x), np.real(m.T))


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("dt", [np.float64, np.float32, np.int64, np.int8, np.uint8])
def test_sinc_ptp_real_imag(dt, target):
    a = np.concatenate([R.normal(size=21) * 3, [0.0, -0.0, 1.0, -2.0, 0.5, 100.0]]).astype(dt) \
        if np.dtype(dt).kind == "f" else np.array([0, 1, -2, 5, 127, -128, 3]).astype(dt)
    m = a[:6].reshape(2, 3)
    f = py2wasm.compile(ufunclike, target=target)
    check(f(a, -0.3, m), _np(ufunclike, a, -0.3, m), tol=2)  # sinc: sin(y) / y
    check(f(a, 0.0, m), _np(ufunclike, a, 0.0, m), tol=2)


def test_sinc_nan_inf_and_scalars():
    def f(a, x: float, n: int):
        return np.sinc(a), np.sinc(x), np.sinc(n), np.sinc(np.float32(x)), np.sinc(np.float32(0.0))
    a = np.array([np.nan, np.inf, -np.inf, 0.0])
    check(py2wasm.compile(f)(a, 0.25, 3), _np(f, a, 0.25, 3), tol=2)


def _exc(fn, *args):
    try:
        fn(*args)
    except Exception as e:  # noqa: BLE001 - compared
        return e
    raise AssertionError("no exception")


def test_exceptions_like_numpy():
    def ptp_bool(a):
        return np.ptp(a)

    def ptp_empty(a):
        return np.ptp(a)

    def gcd_float(a):
        return np.gcd(a, 2.0)

    def ldexp_float(a):
        return np.ldexp(a, 1.5)
    for fn, arg in ((ptp_bool, np.array([True, False])), (ptp_empty, np.zeros(0)),
                    (gcd_float, np.arange(3)), (ldexp_float, np.ones(3))):
        want = _exc(fn, arg)
        got = _exc(py2wasm.compile(fn), arg)
        # NumPy's _UFuncNoLoopError is a TypeError (what `except` clauses name)
        assert type(got) is (TypeError if isinstance(want, TypeError) else type(want))
        assert str(got) == str(want)


def test_refused_with_location():
    def f(a):
        return np.divmod(a, 2.0, out=(a, a))

    def g(a):
        return np.cbrt(a)  # uint8: NumPy computes in float16
    with pytest.raises(py2wasm.CompileError, match="divmod"):
        py2wasm.compile(f)(np.ones(3))
    with pytest.raises(py2wasm.CompileError, match="float16"):
        py2wasm.compile(g)(np.ones(3, dtype=np.uint8))


def keywords(a, b, o, n):
    np.copysign(a, b, out=o)
    c = np.gcd.accumulate(n)
    np.nextafter(a, b, out=o, where=a > 0)
    m = n.copy()
    np.lcm.at(m, [0, 1, 3], 6)
    return o, c, m, np.ldexp(a, 2, dtype=np.float64), np.spacing(a, out=np.empty_like(a))


def test_out_where_accumulate_at():
    a, b = np.array([1.5, -2.0, 0.0, 3.0]), np.array([-1.0, 1.0, -1.0, np.inf])
    n = np.array([12, 18, 8, 5])
    check(py2wasm.compile(keywords)(a, b, np.zeros(4), n.copy()),
          _np(keywords, a, b, np.zeros(4), n.copy()))


def test_sinc_of_expressions():
    """fuzz seed 7200 #75: the traced kernel takes a computed array, not the
    caller's lazy expression (whose shape lives in the caller)."""
    def f(p0):
        return np.sinc(p0 != p0), np.sinc(p0 * 2), np.ptp(p0 * 3, axis=0)
    a = np.arange(5, dtype=np.int16)
    check(py2wasm.compile(f)(a), _np(f, a), tol=2)


@pytest.mark.parametrize("dt", [np.int8, np.uint8, np.bool_])
def test_signbit_of_small_ints(dt):
    """NumPy computes these in float16 (fuzz seeds 7300, 7400): exact as float32."""
    def f(a):
        return np.signbit(a), np.signbit(a[::-1] * 1)
    a = np.array([0, 1, -1, 127, -128, 5]).astype(dt)
    check(py2wasm.compile(f)(a), _np(f, a))


def test_reduce_identities_and_zero_d():
    def gcd_r(a):
        return np.gcd.reduce(a), np.logaddexp.reduce(a.astype(np.float64))

    def lcm_r(a):
        return np.lcm.reduce(a)

    def zero_d(a):
        return np.modf(a.reshape(())), np.copysign.reduce(a), np.frexp(a[0])
    e = np.zeros(0, dtype=np.int64)
    check(py2wasm.compile(gcd_r)(e), _np(gcd_r, e))
    want, got = _exc(lcm_r, e), _exc(py2wasm.compile(lcm_r), e)
    assert type(got) is type(want) and str(got) == str(want)  # lcm has no identity
    i32 = np.array([4, 6, 10], dtype=np.int32)
    check(py2wasm.compile(lcm_r)(i32), _np(lcm_r, i32))
    one = np.array([-2.5])
    check(py2wasm.compile(zero_d)(one), _np(zero_d, one))
