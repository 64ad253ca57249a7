"""frontend/npfuncs_create.py: np.arange as NumPy's PyArray_ArangeObj builds
it (found by the widened fuzzer, gen_array_wide.py): the first two elements
converted by setitem (OverflowError for an out-of-range int, int() of a
float), the rest from the dtype's fill function `x0 + i * (x1 - x0)` in the
dtype's arithmetic (float32 rounding, float starts of integer dtypes), a
bool result longer than 2 raising NumPy's TypeError, and Python's
ZeroDivisionError messages for a zero step; compiled vs NumPy on every
target, bit for bit, with run-time and constant arguments."""
import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same

TARGETS = ["mvp", "simd", "relaxed-simd"]
DTYPES = ["float64", "float32", "int64", "int32", "int16", "int8", "uint64", "uint32",
          "uint16", "uint8", "bool"]


def _kernels():
    out = []
    for dt in DTYPES:
        src = (f"def arange_{dt}(x, y, z):\n"
               f"    return np.arange(x, y, z, dtype=np.{dt if dt != 'bool' else 'bool_'})\n")
        ns = {"np": np}
        exec(compile(src, f"<arange_{dt}>", "exec"), ns)
        out.append(ns[f"arange_{dt}"])
    return out


KERNELS = _kernels()
FLOAT_ARGS = [(0.1, 1.0, 0.3), (0.5, 5.0, 1.5), (-2.5, 3.3, 0.7), (1e10, 1e10 + 5, 1.1),
              (0.3, -2.0, -0.45), (1 / 3, 5.0, 1 / 7), (0.1, 30.0, 0.1), (2.5, 1e3, 1e2),
              (-0.5, 5.0, 1.5), (0.0, 1.0, 0.0), (0.0, 1.0, float("nan")), (1.0, 1.0, 0.5),
              (0.0, 0.5, 0.5), (0.0, 1.0, 0.5), (0.0, 1.5, 0.5), (float("nan"), 3.0, 1.0)]
INT_ARGS = [(200, 300, 50), (0, 300, 50), (120, 130, 1), (100, 300, 50), (-3, 3, 1), (5, 0, -2),
            (0, 0, 1), (0, 2, 1), (2, 0, -1), (0, 3, 1), (7, 8, 5), (0, 5, 0), (-1, 1, 1),
            (250, 260, 3), (2**31 - 2, 2**31 + 2, 1), (0, 40, 7)]


@pytest.mark.parametrize("target", TARGETS)
def test_arange_every_dtype(target):
    for fn in KERNELS:
        cf = py2wasm.compile(fn, target=target)
        for args in FLOAT_ARGS + INT_ARGS:
            want, got = outcome(fn, args), outcome(cf, args)
            if want[0] != "ok":
                assert got[:2] == want[:2], (fn.__name__, args, got, want)
            else:
                assert got[0] == "ok", (fn.__name__, args, got, want)
                assert same(got[1], want[1], 0, 0) is None, (fn.__name__, args, got[1], want[1])


def constant_aranges():
    return (np.arange(0.1, 1.0, 0.3, dtype=np.float32), np.arange(0.5, 5, 1.5, dtype=np.int8),
            np.arange(0.1, 1.0, 0.3), np.arange(2, dtype=np.bool_), np.arange(5, 0, -2, dtype=np.uint8))


def constant_overflow():
    return np.arange(100, 300, 50, dtype=np.int8)


def constant_bool():
    return np.arange(0, 3, dtype=np.bool_)


def empty_no_convert(n: int):
    return np.arange(200, 200 + n, 50, dtype=np.int8), np.arange(-1, n - 1, dtype=np.uint8)


@pytest.mark.parametrize("target", TARGETS)
def test_arange_known_arguments(target):
    for fn, argsets in [(constant_aranges, [()]), (constant_overflow, [()]), (constant_bool, [()]),
                        (empty_no_convert, [(0,), (1,), (-3,), (60,)])]:
        cf = py2wasm.compile(fn, target=target)
        for args in argsets:
            want, got = outcome(fn, args), outcome(cf, args)
            if want[0] != "ok":
                assert got[:2] == want[:2], (fn.__name__, args, got, want)
            else:
                assert got[0] == "ok" and same(got[1], want[1], 0, 0) is None, (fn.__name__, got, want)


def linspace_ints(n: int):
    return (np.linspace(-1.0, 2.5, n, endpoint=False, dtype=np.int8),
            np.linspace(5.0, -5.0, n, dtype=np.uint8), np.linspace(-3, 3, n, dtype=np.int64),
            np.linspace(-0.5, 0.5, n, dtype=np.int32), np.linspace(0.0, 1.0, n, dtype=np.bool_))


@pytest.mark.parametrize("target", TARGETS)
def test_linspace_integer_dtype_floors(target):
    """NumPy floors linspace's values for an integer dtype (not C's truncation)."""
    cf = py2wasm.compile(linspace_ints, target=target)
    for n in range(8):
        want, got = outcome(linspace_ints, (n,)), outcome(cf, (n,))
        assert got[0] == want[0] == "ok" and same(got[1], want[1], 0, 0) is None, (n, got, want)


def np_scalar_sizes(a):
    return (np.identity(a.argmin(), dtype=np.uint16), np.eye(2, a.argmax(), k=a.argmin()),
            np.linspace(0, 1, a.argmax()), np.linspace(a[0], a[-1], 3), np.arange(a.argmax()),
            np.arange(a.argmax() * 0.5, 4.0, 0.75))


def np_scalar_zero_step(a, k: int):
    return np.arange(a.argmin() + k, 5, a.argmax())


def np_float_zero_step(a):
    return np.arange(a[0], a[-1], a[0] * 0)


def py_zero_step(a, k: int):
    return np.arange(0.0, 2.0, k * 0.0), np.arange(0, 2, k * 0)


@pytest.mark.parametrize("target", TARGETS)
def test_numpy_scalar_arguments(target):
    """NumPy integer (and float64) scalars are sizes, counts and bounds (was an
    internal TypeError for eye/identity/linspace); with one, a zero step is
    NumPy's division: ValueError, not Python's ZeroDivisionError."""
    vals = [np.array([1.5, -0.0, 2.0, 0.5]), np.array([3, 1, 2], dtype=np.uint8),
            np.array([0.0, 1.0]), np.array([2.0, 2.0]), np.array([0.0, 7.0, 0.0])]
    for fn, argsets in [(np_scalar_sizes, [(v,) for v in vals]),
                        (np_scalar_zero_step, [(v, k) for v in vals for k in (0, 1, 4)]),
                        (np_float_zero_step, [(v,) for v in vals]),
                        (py_zero_step, [(vals[0], 0)])]:
        cf = py2wasm.compile(fn, target=target)
        for args in argsets:
            want, got = outcome(fn, args), outcome(cf, args)
            if want[0] != "ok":
                assert got[:2] == want[:2], (fn.__name__, args, got, want)
            else:
                assert got[0] == "ok" and same(got[1], want[1], 0, 0) is None, (fn.__name__, got, want)


# --- sizes: NumPy's PyArray_NewFromDescr checks, dimension by dimension ----------------------

def zeros_2d(m, n):
    return np.zeros((m, n))


def ones_3d_int8(m, n, k):
    return np.ones((m, n, k), dtype=np.int8)


def diag_of_vector(v, k):
    return np.diag(v, k)


SIZES = [(0, 0), (3, 4), (-1, 2), (2, -1), (2**31 + 2, 2**31 + 2), (0, 2**62),
         (2**62, 0), (2**62, -1), (-1, 2**62), (2**61, 4), (2**60, 8)]


@pytest.mark.parametrize("target", TARGETS)
def test_too_big_and_negative_dimensions(target):
    """ValueError "negative dimensions are not allowed" and "array is too
    big; ..." in NumPy's order (a dimension 0 leaves the product of the
    others checked), with run-time and known sizes."""
    z, o = py2wasm.compile(zeros_2d, target=target), py2wasm.compile(ones_3d_int8, target=target)
    for m, n in SIZES:
        want = outcome(zeros_2d, (m, n))
        if want[0] != "ok":
            assert outcome(z, (m, n))[:2] == want[:2], (m, n)
        for args in [(m, n, 2), (0, m, n), (m, 2**40, n)]:
            want = outcome(ones_3d_int8, args)
            if want[0] == "MemoryError":  # the wording differs (README, deviations)
                assert outcome(o, args)[0] == "MemoryError", args
            elif want[0] != "ok":
                assert outcome(o, args)[:2] == want[:2], args

    def known():
        return np.zeros((0, 2**62, 4))
    assert outcome(py2wasm.compile(known, target=target), ())[:2] == outcome(known, ())[:2]
    d = py2wasm.compile(diag_of_vector, target=target)
    for k in [2, -3, 2**31, -2**40]:
        want, got = outcome(diag_of_vector, (np.arange(2.0), k)), outcome(d, (np.arange(2.0), k))
        assert got[0] == want[0], k
        assert np.array_equal(got[1], want[1]) if want[0] == "ok" else got[1] == want[1], k
