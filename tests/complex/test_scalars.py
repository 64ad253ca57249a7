"""Python complex scalars compiled vs CPython: operators, builtins,
attributes, constructors, control flow, signatures (frontend/complexes.py)."""
import itertools
import math
import random

import pytest

import py2wasm

from .support import INF, NAN, SPECIAL, SPECIAL_COMPLEX, check_all, same_value

REALS = [0.0, -0.0, 1.0, -1.0, 2.0, 1e-300, 1e300, INF, -INF, NAN]
INTS = [0, 1, -1, 2, 3, -7, 2**53 + 1, -2**63]


def _rand_complex(rng, n):
    out = []
    for _ in range(n):
        e1, e2 = rng.randint(-30, 30), rng.randint(-30, 30)
        out.append(complex(rng.uniform(-1, 1) * 10.0**e1, rng.uniform(-1, 1) * 10.0**e2))
    return out


RANDOM = _rand_complex(random.Random(11), 60)
PAIRS = list(itertools.product(SPECIAL_COMPLEX[::3], SPECIAL_COMPLEX[::4])) + \
    list(zip(RANDOM, RANDOM[::-1]))


def add(z, w):
    return z + w


def sub(z, w):
    return z - w


def mul(z, w):
    return z * w


def div(z, w):
    return z / w


def neg_pos(z, w):
    return (-z, +w)


def eq_ne(z, w):
    return (z == w, z != w, w == z)


@pytest.mark.parametrize("fn", [add, sub, mul, div, neg_pos, eq_ne])
def test_complex_complex(fn):
    c = py2wasm.compile(fn)
    check_all(fn, c, PAIRS)


def test_division_grid_bit_exact():
    """_Py_c_quot on the full special-value grid (every branch, every zero)."""
    c = py2wasm.compile(div)
    check_all(div, c, list(itertools.product(SPECIAL_COMPLEX, SPECIAL_COMPLEX[::2])))


@pytest.mark.parametrize("op", ["+", "-", "*", "/", "==", "!="])
def test_mixed_with_float_and_int(op):
    ns = {}
    exec(f"def left(z, x):\n    return z {op} x\ndef right(z, x):\n    return x {op} z\n", ns)
    for fn in (ns["left"], ns["right"]):
        cf = py2wasm.compile(fn)
        check_all(fn, cf, list(itertools.product(SPECIAL_COMPLEX[::2], REALS)))
        ci = py2wasm.compile(fn)
        check_all(fn, ci, list(itertools.product(SPECIAL_COMPLEX[::2], INTS)))
        cb = py2wasm.compile(fn)
        check_all(fn, cb, list(itertools.product(SPECIAL_COMPLEX[::5], [True, False])))


def test_signed_zero_of_real_operand():
    """A float operand is complex(x, +0.0): -0.0 imaginary parts become +0.0."""
    def f(z, x):
        return (z + x, x - z, z * x, x * z)
    c = py2wasm.compile(f)
    check_all(f, c, [(complex(1, -0.0), 1.0), (complex(-0.0, -0.0), -0.0),
                     (complex(INF, -0.0), 2.0), (complex(1.0, NAN), -0.0)])


def pow_known(z):
    return (z ** 2, z ** 3, z ** -1, z ** -2, z ** 0, z ** 1, z ** 100, z ** -100, z ** 101,
            z ** 2.0, z ** 7.0)


def pow_general(z):
    return (z ** 0.5, z ** -1.5, z ** 1j, z ** (0.5 - 2j), z ** 101.0, 2 ** z, 0.5 ** z)


def test_pow_integer_exponents_bit_exact():
    c = py2wasm.compile(pow_known)
    args = [(z,) for z in SPECIAL_COMPLEX + RANDOM + [0j, complex(-0.0, 0.0), 1.5 + 0.5j,
                                                        1 + 1j, -1j]]
    # each power raises or not as a whole tuple: test one power at a time too
    check_all(pow_known, c, args)


@pytest.mark.parametrize("n", [0, 1, 2, 3, -1, -2, 5, 13, 64, 99, 100, -100, 101, -101, 2**40,
                               -2**63])
def test_pow_runtime_int_exponent(n):
    def p(z, n):
        return z ** n
    c = py2wasm.compile(p)
    zs = SPECIAL_COMPLEX[::3] + RANDOM[:20] + [0j, 1 + 1j, 0.5 - 0.5j, 1.0001 + 0j]
    exact = abs(n) <= 100
    check_all(p, c, [(z, n) for z in zs], ulps=0 if exact else 4)


@pytest.mark.parametrize("x", [0.0, -0.0, 1.0, 2.0, -3.0, 0.5, 100.0, -100.0, 100.5, 1e300,
                               INF, NAN])
def test_pow_runtime_float_exponent(x):
    def p(z, x):
        return z ** x
    c = py2wasm.compile(p)
    zs = SPECIAL_COMPLEX[::3] + RANDOM[:20] + [0j, 1 + 1j, 0.5 - 0.5j]
    exact = x == math.floor(x) and abs(x) <= 100 if math.isfinite(x) else False
    check_all(p, c, [(z, x) for z in zs], ulps=0 if exact else 4)


def test_pow_general_within_ulps():
    def one(k):
        return lambda z: pow_general(z)[k]
    zs = [(z,) for z in RANDOM + [1 + 1j, -1 + 0j, 0j, complex(0.0, -0.0), 2 + 0j, 1e-5 + 3j]]
    for k in range(7):
        ns = {"pow_general": pow_general, "k": k}
        exec("def f(z):\n    return pow_general(z)[k]\n", ns)
        c = py2wasm.compile(ns["f"])
        check_all(ns["f"], c, zs, ulps=8)


def test_pow_runtime_complex_exponent():
    def p(z, w):
        return z ** w
    c = py2wasm.compile(p)
    ws = [0j, 2 + 0j, -1 + 0j, 0.5 + 0j, 1j, 1 - 1j, complex(3, -0.0), complex(1e300, 0)]
    zs = RANDOM[:15] + [0j, 1 + 1j, complex(-0.0, 0.0)]
    check_all(p, c, list(itertools.product(zs, ws)), ulps=8)


def builtins_(z):
    return (abs(z), bool(z), z.real, z.imag, z.conjugate(), pow(z, 2), complex(z),
            not z, -z.conjugate())


def test_builtins_and_attributes():
    c = py2wasm.compile(builtins_)
    check_all(builtins_, c, [(z,) for z in SPECIAL_COMPLEX + RANDOM +
                             [complex(1.7e308, 1.7e308), complex(1e308, 1e308)]], ulps=1)


def test_abs_is_hypot_correctly_rounded():
    """abs(z) is py2wasm's hypot: correctly rounded, so within 1 ulp of
    CPython's (C library hypot, which glibc does not round correctly)."""
    from decimal import Decimal, getcontext
    getcontext().prec = 60

    def f(z):
        return abs(z)
    c = py2wasm.compile(f)
    rng = random.Random(5)
    for _ in range(2000):
        z = complex(rng.uniform(-10, 10), rng.uniform(-10, 10))
        exact = float((Decimal(z.real) ** 2 + Decimal(z.imag) ** 2).sqrt())
        assert c(z) == exact
    check_all(f, c, [(z,) for z in RANDOM], ulps=1)


def test_abs_overflow_message():
    def f(z):
        return abs(z)
    c = py2wasm.compile(f)
    check_all(f, c, [(complex(1.7e308, 1.7e308),), (complex(INF, NAN),), (complex(NAN, 1e308),),
                     (complex(3, 4),), (complex(5e-324, 5e-324),)])


def constructors(x, y):
    return (complex(x, y), complex(x), complex(y, x), complex(), complex(x, 0.0),
            complex(real=x, imag=y), complex(x * 1j, y), complex(x, y * 1j),
            complex(x + 1j, y - 1j))


def test_constructors():
    c = py2wasm.compile(constructors)
    check_all(constructors, c, list(itertools.product(REALS, REALS)))
    ci = py2wasm.compile(constructors)
    check_all(constructors, ci, list(itertools.product(INTS, REALS[:4])))


def test_real_number_attributes():
    def f(x, n, b):
        return (x.real, x.imag, x.conjugate(), n.real, n.imag, n.conjugate(), b.real, b.imag)
    c = py2wasm.compile(f)
    check_all(f, c, [(x, n, b) for x in REALS for n in INTS[:4] for b in (True, False)])


def test_literals_and_folding():
    def f(x):
        z = 1j * x + (2 - 3j)
        k = (1 + 2j) * (3 - 1j) / (0.5 + 0.25j) + 1j ** 2
        return z * k, z / 2, 2 / z
    c = py2wasm.compile(f)
    check_all(f, c, [(x,) for x in REALS + [0.3, -7.5]])


def test_zero_division_messages():
    def f(z, w):
        return z / w
    c = py2wasm.compile(f)
    check_all(f, c, [(1j, 0j), (0j, complex(-0.0, -0.0)), (complex(NAN, 0), 0j)])
    g = py2wasm.compile(lambda z, x: z / x)
    check_all(lambda z, x: z / x, g, [(1j, 0.0), (1j, -0.0)])
    h = py2wasm.compile(lambda z, n: n / z)
    check_all(lambda z, n: n / z, h, [(0j, 1), (0j, 0)])


def test_type_errors_at_compile_time():
    def ordered(z, w):
        return z < w
    with pytest.raises(py2wasm.CompileError, match="'<' not supported between instances of "
                       "'complex' and 'complex'"):
        py2wasm.compile(ordered)(1j, 2j)

    def floor(z, w):
        return z // w
    with pytest.raises(py2wasm.CompileError, match="unsupported operand type"):
        py2wasm.compile(floor)(1j, 2.0)

    def to_float(z):
        return float(z)
    with pytest.raises(py2wasm.CompileError, match="float\\(\\) argument must be"):
        py2wasm.compile(to_float)(1j)

    def attr(z):
        return z.foo
    with pytest.raises(py2wasm.CompileError, match="attribute 'foo' of a complex"):
        py2wasm.compile(attr)(1j)

    def mixed(z, c):
        return z if c else 1.0
    with pytest.raises(py2wasm.CompileError, match="returns complex here but float"):
        py2wasm.compile(mixed)(1j, True)


def test_control_flow_loops_and_joins():
    def f(z, n):
        acc = 0j
        w = z
        for i in range(n):
            if w.real > 0:
                acc = acc + w
            else:
                acc = acc - w * 1j
            w = w * z / (1 + abs(w))
        return acc, w
    c = py2wasm.compile(f)
    # abs is within 1 ulp of CPython's (correctly rounded): errors propagate a little
    check_all(f, c, [(z, n) for z in RANDOM[:10] + [0.5 + 0.5j, -1 + 2j] for n in (0, 1, 5, 20)],
              ulps=64)


def test_calls_between_functions_pass_complex():
    def inner(z, w):
        return z * w.conjugate(), abs(z - w)

    def outer(a, b):
        p, d = inner(a, b)
        q, e = inner(p, complex(d, 1.0))
        return q + p, e

    c = py2wasm.compile(outer)
    check_all(outer, c, PAIRS[:200], ulps=64)


def test_complex_in_tuples_arguments_and_results():
    def f(t, z):
        a, b = t
        return (a * z, (b, z.imag)), z

    c = py2wasm.compile(f)
    check_all(f, c, [((1 + 2j, 3.0), 2 - 1j), ((0j, -1.0), complex(NAN, 1))])


def test_specializes_on_python_complex_argument():
    def f(z):
        return z * z
    c = py2wasm.compile(f)
    assert c(1 + 2j) == (1 + 2j) ** 2 and type(c(1 + 2j)) is complex


def test_annotated_complex_accepts_real_arguments():
    def f(z: complex) -> complex:
        return z * 2
    c = py2wasm.compile(f)
    assert c(3) == 6 + 0j and c(1.5) == 3 + 0j and c(True) == 2 + 0j
    with pytest.raises(OverflowError):
        c(10**400)


def test_returning_real_where_complex_annotated():
    def f(x: float) -> complex:
        if x > 0:
            return x
        return 1j
    c = py2wasm.compile(f)
    assert c(2.0) == 2 + 0j and c(-1.0) == 1j


def mandelbrot(c, n):
    z = 0j
    for i in range(n):
        z = z * z + c
        if abs(z) > 2.0:
            return i
    return n


def test_mandelbrot_kernel():
    c = py2wasm.compile(mandelbrot)
    pts = [(complex(x / 20.0, y / 20.0), 200) for x in range(-45, 15, 3) for y in range(-25, 25, 3)]
    check_all(mandelbrot, c, pts)


def dft(xr, n):
    """A DFT of a real sequence generated from a seed (scalars only)."""
    out = 0j
    tot = 0.0
    for k in range(n):
        acc = 0j
        for t in range(n):
            x = math.sin(xr * t + 0.5)
            w = complex(math.cos(2 * math.pi * k * t / n), -math.sin(2 * math.pi * k * t / n))
            acc += x * w
        out += acc * acc.conjugate()
        tot += abs(acc)
    return out, tot


def test_dft_kernel_within_ulps():
    c = py2wasm.compile(dft)
    check_all(dft, c, [(0.3, 8), (1.7, 16), (-2.0, 5)], ulps=64)


def test_complex_with_arrays_and_numpy_follows_numpy():
    """Python complex numbers meet NumPy (functions, arrays) with NumPy's
    results (complex arrays: tests/arrays/test_complex_arrays.py); what is
    still refused is a located CompileError."""
    import numpy as np

    def exp_scalar(z):
        return np.exp(z)

    def store(a, z):
        a[0] = z
        return a

    def scale(a):
        return a * 1j

    def rng(z):
        return range(z)

    r = py2wasm.compile(exp_scalar)(0.5 + 1j)
    assert type(r) is np.complex128 and r == np.exp(0.5 + 1j)
    with pytest.raises(TypeError, match="not 'complex'"):  # NumPy's setitem raises too
        py2wasm.compile(store)(np.ones(3), 1j)
    r = py2wasm.compile(scale)(np.ones(3))
    assert r.dtype == np.complex128 and np.array_equal(r, np.ones(3) * 1j)
    r = py2wasm.compile(scale)(np.ones(3, dtype=complex))
    assert r.dtype == np.complex128 and np.array_equal(r, np.ones(3, dtype=complex) * 1j)
    with pytest.raises(py2wasm.CompileError, match="must be an int, got complex") as ei:
        py2wasm.compile(rng)(1j)
    assert ei.value.line is not None


def _near_modulus(c, rng, n):
    """Complex numbers whose modulus is within a few ulps of c (and exactly c)."""
    out = [complex(c, 0.0), complex(0.0, -c), complex(c * 0.6, c * 0.8), complex(-c * 0.8, c * 0.6)]
    for _ in range(n):
        t = rng.uniform(0, 2 * math.pi)
        r = c * (1 + rng.randint(-8, 8) * 2.0 ** -53)
        out.append(complex(r * math.cos(t), r * math.sin(t)))
        out.append(complex(math.nextafter(c, 0.0) if rng.random() < 0.5 else c, rng.choice([0.0, -0.0, 5e-324, 1e-160])))
    return out


@pytest.mark.parametrize("op", ["<", "<=", ">", ">=", "==", "!="])
def test_abs_compared_with_a_constant_fast_path(op):
    """`abs(z) op C` is decided without the hypot when x*x + y*y is clearly
    on one side of C*C: the same answers (and OverflowError) as CPython,
    also within an ulp of the boundary, with NaN and infinite parts."""
    ns = {}
    exec(f"def f(z):\n    return abs(z) {op} 2.0, 0.5 {op} abs(z), abs(z) {op} 1e300, abs(z) {op} 2\n", ns)
    fn = ns["f"]
    rng = random.Random(13)
    zs = _near_modulus(2.0, rng, 150) + _near_modulus(0.5, rng, 50) + [
        complex(NAN, 1.0), complex(INF, NAN), complex(NAN, NAN), complex(1.7e308, 1.7e308),
        complex(1e300, 1e300), complex(1e200, 0.0), complex(-INF, 0.0), 0j, complex(5e-324, 0.0),
        complex(1e-200, 1e-200)] + SPECIAL_COMPLEX[::2]
    # abs(z) is within 1 ulp of CPython's (correctly rounded), so near the
    # boundary compare with the correctly rounded modulus instead of CPython's
    from decimal import Decimal, getcontext
    getcontext().prec = 80

    def exact_abs_fn(z):
        if not (math.isfinite(z.real) and math.isfinite(z.imag)):
            return fn(z)
        m = float((Decimal(z.real) ** 2 + Decimal(z.imag) ** 2).sqrt())
        if math.isinf(m):
            raise OverflowError("absolute value too large")
        return eval(f"(m {op} 2.0, 0.5 {op} m, m {op} 1e300, m {op} 2)", {"m": m})
    c = py2wasm.compile(fn)
    check_all(exact_abs_fn, c, [(z,) for z in zs])


def test_abs_fast_path_only_when_the_modulus_is_not_used_elsewhere():
    def kept(z):
        r = abs(z)
        if r > 2.0:
            return r
        return -r

    def escape(c, n):
        z = 0j
        k = 0
        while k < n and abs(z) <= 2.0:
            z = z * z + c
            k += 1
        return k, z

    check_all(kept, py2wasm.compile(kept), [(3 + 4j,), (1 + 1j,), (complex(NAN, 0),)], ulps=1)
    ce = py2wasm.compile(escape)
    check_all(escape, ce, [(complex(x / 7, y / 7), 100) for x in range(-14, 5) for y in range(-9, 10)])
    assert "hypot" in ce.ir  # still there, on the slow path


def test_numpy_real_scalars_with_complex_follow_cpython():
    """A NumPy real scalar combined with a Python complex: NumPy's scalar math
    (a numpy.complex128, complex64 from a float32) except `complex op
    np.float64`, where complex's own method takes the float subclass and
    gives a Python complex (frontend/operators.py _numpy_complex_result)."""
    import numpy as np
    k = np.float64(2.5)
    s = np.float32(0.1)

    def f(z):
        return z * k + 1, k - z, z == k, k != z, z * s, s / z, z - np.int32(3)

    c = py2wasm.compile(f)
    for z in (1 + 2j, 2.5 + 0j, complex(2.5, -0.0), complex(NAN, 0), 0.1 + 0.3j):
        got, want = c(z), f(z)
        assert [type(g) for g in got] == [type(w) for w in want]
        assert same_value(tuple(complex(g) for g in got[:2] + got[4:]),
                          tuple(complex(w) for w in want[:2] + want[4:]))
        assert got[2:4] == tuple(bool(w) for w in want[2:4])
