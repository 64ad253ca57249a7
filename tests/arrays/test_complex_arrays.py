"""complex128 / complex64 arrays and NumPy complex scalars, compiled to wasm
(py2wasm.compile) and compared with NumPy 2: bit for bit for arithmetic,
division, abs, casts, sums and NumPy scalar math; within a few ulps per part
for the transcendental functions and for dot/@ (NumPy calls BLAS there).

Module under test: py2wasm/frontend/complex_arrays.py, complex_scalars.py,
complex_calls.py (and their hooks)."""
from __future__ import annotations

import math
import struct
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm
from py2wasm import CompileError

INF, NAN = math.inf, math.nan
SPECIAL = [0.0, -0.0, 1.0, -1.5, 1e-310, 3e300, -7e307, INF, -INF, NAN]


def _ulps(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return 0 if math.isnan(a) and math.isnan(b) else math.inf
    if math.isinf(a) or math.isinf(b):
        return 0 if a == b else math.inf
    if a == b:
        return 0 if math.copysign(1, a) == math.copysign(1, b) else math.inf
    ia = struct.unpack("<q", struct.pack("<d", a))[0]
    ib = struct.unpack("<q", struct.pack("<d", b))[0]
    if (ia < 0) != (ib < 0):
        return math.inf
    return abs(ia - ib)


def _ulps32(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or math.isinf(b) or a == b:
        return _ulps(a, b)
    ia = int(np.float32(a).view(np.int32))
    ib = int(np.float32(b).view(np.int32))
    if (ia < 0) != (ib < 0):
        return math.inf
    return abs(ia - ib)


def _parts(x):
    x = np.asarray(x)
    if x.dtype.kind == "c":
        return np.concatenate([x.real.ravel(), x.imag.ravel()]), x.dtype
    return x.ravel(), x.dtype


def same(got, want, ulps=0):
    """Same type/dtype/shape and values (bits; NaN equals NaN; `ulps` per part)."""
    assert type(got) is type(want), (type(got), type(want))
    if isinstance(want, np.ndarray):
        assert got.dtype == want.dtype and got.shape == want.shape, (got.dtype, want.dtype,
                                                                     got.shape, want.shape)
    if isinstance(want, tuple):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            same(g, w, ulps)
        return
    if isinstance(want, (bool, np.bool_)):
        assert got == want
        return
    g, dt = _parts(got)
    w, _ = _parts(want)
    single = dt in (np.float32, np.complex64)
    for x, y in zip(g.tolist(), w.tolist()):
        d = (_ulps32 if single else _ulps)(float(x), float(y))
        assert d <= ulps, (got, want, x, y, d)


def run(fn, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = fn(*args)
    got = py2wasm.compile(fn)(*args)
    return got, want


def check(fn, *args, ulps=0):
    got, want = run(fn, *args)
    same(got, want, ulps)


def rand(n, dtype=np.complex128, seed=0, scale=True):
    rng = np.random.default_rng(seed)
    if scale:
        re = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)
        im = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)
    else:
        re, im = rng.standard_normal(n), rng.standard_normal(n)
    return (re + 1j * im).astype(dtype)


def special_grid(dtype=np.complex128):
    a = np.array([complex(x, y) for x in SPECIAL for y in SPECIAL], dtype=dtype)
    return a, np.roll(a, 7)


# --- elementwise arithmetic (bit for bit) --------------------------------------------------

def k_add(a, b):
    return a + b


def k_sub(a, b):
    return a - b


def k_mul(a, b):
    return a * b


def k_div(a, b):
    return a / b


def k_mix(a, b):
    return (a * b - a / b) * 0.5 + 2j


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("fn", [k_add, k_sub, k_mul, k_div, k_mix])
def test_arithmetic_random(fn, dtype):
    check(fn, rand(37, dtype, 1), rand(37, dtype, 2))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("fn", [k_add, k_mul, k_div])
def test_arithmetic_special_values(fn, dtype):
    a, b = special_grid(dtype)
    check(fn, a, b)


def test_division_by_zero_gives_inf_nan():
    a = np.array([1 + 1j, -2 + 0j, 0j, complex(NAN, 1)])
    check(k_div, a, np.zeros(4, dtype=complex))
    check(k_div, a, np.array([-0.0 + 0j, 0j, -0.0 - 0j, 0j]))


def k_abs(a):
    return np.abs(a)


def k_unary(a):
    return -a, np.conj(a), a.conjugate(), np.square(a), a ** 2, +a, a ** 2.0, a ** 1.0


def k_half(a):
    return a ** 0.5


def test_power_one_half_is_sqrt():
    check(k_half, rand(30, np.complex128, 5, scale=False))  # glibc's csqrt, to the bit here


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_abs_and_unary(dtype):
    check(k_abs, rand(50, dtype, 3))
    check(k_abs, special_grid(dtype)[0])
    check(k_unary, rand(20, dtype, 4))


def k_cmp(a, b):
    return a == b, a != b, np.isnan(a), np.isinf(a), np.isfinite(a)


def test_comparisons():
    a, b = special_grid()
    b = b.copy()
    b[::3] = a[::3]
    check(k_cmp, a, b)


# --- NEP 50 promotion -----------------------------------------------------------------------

def p_f32_1j(x):
    return x * 1j


def p_f32_c128(x, z):
    return x + z


def p_int_c(n):
    return n * (1 + 2j)


def p_c64_f64(z, y):
    return z * y


def p_c64_py(z):
    return z * 2.5 + 1


def p_c64_npf64(z):
    return z * np.float64(2.5)


def test_promotion():
    x32 = np.linspace(-2, 3, 9, dtype=np.float32)
    check(p_f32_1j, x32)
    check(p_f32_c128, x32, rand(9))
    check(p_int_c, np.arange(-4, 5))
    check(p_c64_f64, rand(9, np.complex64), np.linspace(0, 1, 9))
    check(p_c64_py, rand(9, np.complex64))
    check(p_c64_npf64, rand(9, np.complex64))


# --- creation, casts, views -----------------------------------------------------------------

def c_create(n, x):
    a = np.zeros(n, dtype=np.complex128)
    b = np.ones((2, n), dtype=complex)
    c = np.full(n, 1.5 - 2j)
    d = np.empty(n, dtype=np.complex64)
    d[:] = x
    e = np.zeros_like(a) + 1j
    f = np.array([1j, x, 2.0])
    g = np.asarray([[1, 2], [3, 4j]])
    return a, b, c, d, e, f, g


def c_casts(a, x):
    return (a.astype(np.complex64), a.astype(np.float64), a.astype(np.int64),
            a.astype(bool), x.astype(np.complex128), x.astype(np.complex64),
            np.complex64(a), a.astype(np.float32))


def c_views(a):
    b = a.copy()
    b.real[1:3] = 7.0
    b.imag[0] = -1.0
    r = b.real
    r[4] = 9.0
    return b, a.real * 2, np.imag(a), np.real(a + 1), a.imag.copy(), (a * a).imag


def test_creation():
    check(c_create, 4, 2.5)


def test_casts():
    check(c_casts, rand(8, np.complex128, 5), np.linspace(-3, 3, 8))
    check(c_casts, np.array([complex(1e10, 1), complex(-0.0, 0.0), complex(NAN, 0), 0j]),
          np.zeros(4))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_real_imag_views(dtype):
    check(c_views, rand(6, dtype, 6))


def c_setitem(a, i, z):
    a[i] = z
    a[0] = 3.0
    a[1] = np.float32(2.5)
    a[-1] = a[2] * 2
    return a


def test_element_writes():
    check(c_setitem, rand(5), 3, 1 - 1j)
    check(c_setitem, rand(5, np.complex64), 2, 0.5 + 0.25j)


def c_2d(a):
    return a[1], a[:, 1], a.T, a[::-1, ::2] * 1j, a.reshape(-1), a.ravel()


def test_2d_views_and_slices():
    check(c_2d, rand(12).reshape(3, 4))


# --- elements are NumPy complex scalars -----------------------------------------------------

def s_elems(a, i):
    x = a[i]
    y = a[i + 1]
    return x, x * y, x / y, x + 1.5, 2 - x, -x, x.real, x.imag, x.conjugate(), x == y, \
        x != x, abs(x), complex(x)


def test_elements_are_numpy_scalars():
    check(s_elems, rand(6), 1, ulps=0)
    check(s_elems, rand(6, np.complex64), 2, ulps=0)


def s_scalar_div_zero(a):
    return a[0] / a[1]


def test_scalar_division_by_zero():
    check(s_scalar_div_zero, np.array([1 + 1j, 0j]))


def s_args(z, w):
    return z * w + np.complex128(1.0, -2.0), np.complex64(z), w / z


def test_numpy_complex_arguments_and_results():
    check(s_args, np.complex128(1.5 - 2j), np.complex128(-0.25 + 3j))


def s_loop(a):
    s = np.complex128(0)
    for v in a:
        s = s + v * v
    return s


def test_loop_carried_numpy_complex():
    check(s_loop, rand(17))


# --- reductions -----------------------------------------------------------------------------

def r_all(a):
    return a.sum(), np.sum(a), np.mean(a), a.prod(), a.mean()


@pytest.mark.parametrize("n", [0, 1, 3, 4, 5, 8, 63, 64, 65, 129, 1000])
@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_reductions(n, dtype):
    a = rand(n, dtype, n, scale=False)
    if n == 0:
        got, want = run(r_all, a)
        same(got[:2], want[:2])
        same(got[3], want[3])
        assert all(math.isnan(x.real) for x in (got[2], got[4]))
        return
    check(r_all, a)


def r_2d(a):
    return a.sum(), np.mean(a), (a * 2).sum(), a[3].sum(), a[:, 2].sum(), a.prod()


def test_reductions_2d_and_1d_views():
    check(r_2d, rand(70).reshape(7, 10))


def r_view(a):
    return a.T.sum()


def test_sum_of_nd_view():
    """NumPy sums an N-d view in memory order through buffers: so do we
    (frontend/reduce_iter.py; refused until 2026-12-07)."""
    check(r_view, rand(6).reshape(2, 3))
    check(e_view_axis, rand(4).reshape(2, 2))


# --- transcendental functions (within ulps) -------------------------------------------------

# NumPy calls glibc (cexp, clog...); py2wasm's cmath library has CPython's
# results (tests/complex/test_cmath.py): measured distances to NumPy per part
TRANSCENDENTAL = {"exp": 2, "sqrt": 1, "sin": 2, "cos": 2, "tan": 6, "sinh": 2, "cosh": 2,
                  "tanh": 6, "arcsin": 3, "arccos": 3, "arctan": 4, "arcsinh": 3,
                  "arccosh": 3, "arctanh": 4, "log": None, "log10": None}


def _unary(name):
    src = f"def t_{name}(a):\n    return np.{name}(a)\n"
    ns = {"np": np}
    exec(compile(src, __file__, "exec"), ns)  # noqa: S102 - one small kernel per function
    return ns[f"t_{name}"]


@pytest.mark.parametrize("name", sorted(TRANSCENDENTAL))
@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_transcendental(name, dtype):
    fn = _unary(name)
    a = rand(60, dtype, 7, scale=False)
    got, want = run(fn, a)
    assert got.dtype == want.dtype
    ulps = TRANSCENDENTAL[name]
    if ulps is None or dtype == np.complex64:
        # log near |z| = 1: glibc's clog is more accurate than CPython's
        # log(hypot) (up to ~12 ulps of a tiny real part)
        np.testing.assert_allclose(got, want, rtol=4e-7 if dtype == np.complex64 else 1e-14,
                                   atol=1e-7 if dtype == np.complex64 else 1e-16)
    else:
        same(got, want, ulps)


@pytest.mark.parametrize("name", ["exp", "log", "sqrt", "sin", "cos", "tanh", "arcsinh"])
def test_transcendental_complex128_is_cpython_cmath(name):
    """complex128 elements are CPython's cmath algorithms (py2wasm's libm:
    within a couple of ulps of CPython's results)."""
    import cmath
    fn = _unary(name)
    a = rand(40, np.complex128, 9, scale=False)
    got = py2wasm.compile(fn)(a)
    cm = {"arcsinh": "asinh"}.get(name, name)
    want = np.array([getattr(cmath, cm)(complex(z)) for z in a])
    same(got, want, ulps=2)


def t_special(a):
    return np.exp(a), np.sqrt(a), np.log(a)


def test_transcendental_special_values_do_not_raise():
    """NumPy gives C99's special values where cmath raises (log(0) is -inf)."""
    a = np.array([0j, -0.0 + 0j, complex(INF, 0), complex(-INF, INF), complex(NAN, 1),
                  complex(1, INF), complex(0, NAN)])
    check(t_special, a, ulps=1)


def t_angle(a):
    return np.angle(a), np.angle(a, deg=True)


def test_angle():
    check(t_angle, rand(30, np.complex128, 9), ulps=1)


# --- dot / matmul ----------------------------------------------------------------------------

def d_dot(a, b, m):
    return np.dot(a, b), a @ b, m @ a, m @ m, np.vdot(a, b), a.dot(b)


def test_dot_matmul():
    a, b = rand(4, seed=10, scale=False), rand(4, seed=11, scale=False)
    m = rand(16, seed=12, scale=False).reshape(4, 4)
    got, want = run(d_dot, a, b, m)
    for g, w in zip(got, want):
        assert type(g) is type(w) and getattr(g, "dtype", None) == getattr(w, "dtype", None)
        np.testing.assert_allclose(g, w, rtol=1e-13, atol=1e-14)


def test_dot_mixed_real_complex():
    def f(x, m):
        return m @ x, x @ m
    got, want = run(f, np.linspace(0, 1, 3), rand(9, seed=13, scale=False).reshape(3, 3))
    for g, w in zip(got, want):
        assert g.dtype == w.dtype
        np.testing.assert_allclose(g, w, rtol=1e-13, atol=1e-14)


# --- kernels ------------------------------------------------------------------------------------

def dft(x):
    n = x.shape[0]
    out = np.zeros(n, dtype=np.complex128)
    for k in range(n):
        s = 0j
        for t in range(n):
            s += x[t] * np.exp(-2j * np.pi * k * t / n)
        out[k] = s
    return out


def dft_vectorized(x):
    n = x.shape[0]
    t = np.arange(n)
    out = np.empty(n, dtype=np.complex128)
    for k in range(n):
        out[k] = np.sum(x * np.exp(-2j * np.pi * k * t / n))
    return out


def mandelbrot(c, iters):
    z = np.zeros_like(c)
    count = np.zeros(c.shape, dtype=np.int64)
    for _ in range(iters):
        z = z * z + c
        count += np.abs(z) <= 2.0
    return count


def mandelbrot_scalar(re, im, iters):
    out = np.zeros((im.shape[0], re.shape[0]), dtype=np.int64)
    for i in range(im.shape[0]):
        for j in range(re.shape[0]):
            c = np.complex128(re[j], im[i])
            z = np.complex128(0)
            k = 0
            while k < iters and abs(z) <= 2.0:
                z = z * z + c
                k += 1
            out[i, j] = k
    return out


def phasor_sum(amp, phase, freq, t):
    total = np.zeros(t.shape[0], dtype=np.complex128)
    for k in range(amp.shape[0]):
        total += amp[k] * np.exp(1j * (freq[k] * t + phase[k]))
    return np.abs(total), np.angle(total)


def signal(theta):
    s = np.exp(1j * theta)
    return s, s.real, s.imag, np.abs(s) - 1.0


def scattering(k, xs, ys, angles):
    out = np.empty(angles.shape[0], dtype=np.float64)
    for i in range(angles.shape[0]):
        kx = k * np.cos(angles[i])
        ky = k * np.sin(angles[i])
        f = np.sum(np.exp(-1j * (kx * xs + ky * ys)))
        out[i] = abs(f) ** 2
    return out


def test_kernel_dft():
    x = rand(16, seed=20, scale=False)
    got, want = run(dft, x)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    assert got.dtype == want.dtype
    got, want = run(dft_vectorized, x)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_kernel_mandelbrot():
    re = np.linspace(-2.0, 0.6, 24)
    im = np.linspace(-1.2, 1.2, 17)
    check(mandelbrot, re[None, :] + 1j * im[:, None], 30)
    check(mandelbrot_scalar, re, im, 30)


def test_kernel_phasors_and_signals():
    rng = np.random.default_rng(21)
    t = np.linspace(0, 1, 50)
    got, want = run(phasor_sum, rng.random(5), rng.random(5) * 6, rng.random(5) * 40, t)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-11, atol=1e-12)
    check(signal, np.linspace(-10, 10, 41), ulps=2)
    got, want = run(scattering, 3.0, rng.random(20), rng.random(20), np.linspace(0, 3, 12))
    np.testing.assert_allclose(got, want, rtol=1e-11)


# --- hypothesis: mixed expressions ----------------------------------------------------------

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
anyf = st.floats(allow_nan=True, allow_infinity=True)


def h_expr(a, b, x, s):
    return (a * b + x) / (b - s) - a * s, (a - x * 1j) * (b + a)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(anyf, anyf, anyf, anyf, finite), min_size=1, max_size=12),
       st.complex_numbers(allow_nan=True, allow_infinity=True),
       st.sampled_from([np.complex128, np.complex64]))
def test_hypothesis_expressions(rows, s, dtype):
    a = np.array([complex(r[0], r[1]) for r in rows], dtype=dtype)
    b = np.array([complex(r[2], r[3]) for r in rows], dtype=dtype)
    x = np.array([r[4] for r in rows])
    check(h_expr, a, b, x, s)


# --- refused: located CompileErrors ---------------------------------------------------------

def e_sign(a):
    return np.sign(a)


def e_median(a):
    return np.median(a)


def e_log2(a):
    return np.log2(a)


def e_view_axis(a):
    return a.T.sum(axis=0)


def e_unique(a):
    return np.unique(a)


def e_fft(a):
    return np.fft.hfft(a)  # np.fft.fft is supported (tests/linalg/test_fft.py)


@pytest.mark.parametrize("fn,nargs", [(e_sign, 1), (e_median, 1), (e_log2, 1),
                                      (e_unique, 1), (e_fft, 1)])
def test_unsupported_is_located_compile_error(fn, nargs):
    args = [rand(4)] * nargs
    with pytest.raises(CompileError) as ei:
        py2wasm.compile(fn)(*args)
    assert ei.value.line is not None and "test_complex_arrays.py" in (ei.value.file or "")


def e_mask(a):
    return a[a.real > 0]


def e_fancy(a, i):
    a[i] = 0
    return a


def test_fancy_and_mask_indexing_as_numpy():
    """(tests/arrays/test_complex_fancy.py has the rest)"""
    a = rand(4)
    assert np.array_equal(py2wasm.compile(e_mask)(a.copy()), e_mask(a.copy()))
    want = e_fancy(a.copy(), np.array([0, 2]))
    assert np.array_equal(py2wasm.compile(e_fancy)(a.copy(), np.array([0, 2])), want)


def d_mm(a, b):
    return a @ b


@pytest.mark.parametrize("fn", [d_dot, d_mm])
def test_dot_shape_mismatch_raises_numpys_error(fn):
    args = (rand(3), rand(4), rand(9).reshape(3, 3)) if fn is d_dot else (rand(3), rand(4))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError) as want:
            fn(*args)
    with pytest.raises(ValueError) as got:
        py2wasm.compile(fn)(*args)
    assert str(got.value).split("\n")[0] == str(want.value)


# --- layouts, joins, iteration, in-place ------------------------------------------------------

def l_strided(a):
    return a * 2 + a.conj()


def test_strided_arguments():
    a = rand(24, seed=30).reshape(4, 6)
    check(l_strided, a[:, ::2])
    check(l_strided, a.T)


def l_c64(z, a):
    return z * a, z * 2.0, z + np.float32(1), abs(z), z.real


def test_complex64_scalar_arguments():
    check(l_c64, np.complex64(1.5 - 2j), rand(6, np.complex64, 31))


def l_broadcast(a, b, x):
    return a[:, None, :] * b[None, :, :], a * x[:, None]


def test_broadcasting_mixed_dtypes():
    a = rand(12, seed=32).reshape(3, 4)
    check(l_broadcast, a, a.astype(np.complex64), np.linspace(0, 1, 3))


def l_join(a, t):
    z = a[0, 0]
    if t > 0:
        z = z * 2
    else:
        z = z + 1j
    return z


def l_iter(a):
    s = 0.0
    for row in a:
        for v in row:
            s += abs(v)
    return s


def test_joins_and_iteration():
    a = rand(12, seed=33).reshape(3, 4)
    check(l_join, a, 1.0)
    check(l_join, a, -1.0)
    check(l_iter, a)


def l_inplace(a, b):
    a += b
    a *= 1j
    a -= 2.0
    a /= b
    return a


def test_inplace_operators():
    a, b = rand(8, seed=34), rand(8, seed=35)
    got = py2wasm.compile(l_inplace)(a.copy(), b)
    want = l_inplace(a.copy(), b)
    same(got, want)


# --- hypothesis: NEP 50 promotion across scalar and array kinds ------------------------------

def _make(kind, vals):
    z = [complex(a, b) for a, b in vals]
    if kind == "c128":
        return np.array(z, dtype=np.complex128)
    if kind == "c64":
        return np.array(z, dtype=np.complex64)
    if kind == "f32":
        return np.array([a for a, _ in vals], dtype=np.float32)
    if kind == "f64":
        return np.array([a for a, _ in vals])
    if kind == "i64":
        return np.array([int(a) for a, _ in vals], dtype=np.int64)
    if kind == "np128":
        return np.complex128(z[0])
    if kind == "np64":
        return np.complex64(z[0])
    if kind == "npf32":
        return np.float32(vals[0][0])
    return z[0]  # a Python complex


def m_ops(x, y):
    return x + y, x - y, x * y, x / y, x == y, y * x


KIND_PAIRS = [("c128", "c64"), ("c64", "f32"), ("c64", "py"), ("f32", "py"), ("i64", "py"),
              ("c64", "np128"), ("f64", "np64"), ("c128", "npf32"), ("np64", "npf32"),
              ("np128", "py"), ("np64", "np128"), ("c64", "i64")]

small = st.floats(-1e3, 1e3, allow_nan=False).map(lambda v: float(round(v, 3)))


@pytest.mark.parametrize("kx,ky", KIND_PAIRS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                               HealthCheck.function_scoped_fixture])
@given(vals=st.lists(st.tuples(small, small), min_size=3, max_size=3))
def test_hypothesis_promotion(kx, ky, vals):
    x, y = _make(kx, vals), _make(ky, vals[::-1])
    check(m_ops, x, y)
