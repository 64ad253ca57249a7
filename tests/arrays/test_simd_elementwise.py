"""Vectorized elementwise kernels (passes/vectorize.py): the simd and
relaxed-simd builds equal the mvp (scalar) build and NumPy bit for bit, for
lengths 0..17 around the vector width, odd strides, views, broadcast
operands, in-place overlapping updates, float32 and float64, int64; and the
simd build really contains vector instructions."""
import numpy as np
import pytest

from .simd_harness import Builds, values

LENGTHS = range(18)
rng = np.random.default_rng(7)


def axpy(a, b, c):
    return a * b + c


def hyp(a, b):
    return np.sqrt(a * a + b * b)


def many_ops(a, b):
    return np.maximum(np.abs(a) - b / 3.0, np.minimum(a, -b)) * np.floor(a) + np.ceil(b) - \
        np.trunc(a * 0.5) + np.negative(b)


def where_kernel(a, b):
    return np.where(a > b, a - b, b * 2.0)


def with_scalar(a, x):
    return (a + x) * 2.5 - x


def inplace(a, b):
    a += b * 2.0
    return a


def inplace_self(a):
    a *= a
    return a


def overlap_shift(a):
    a[1:] = a[:-1] + 1.0  # reads what it writes one element later: NumPy copies first
    return a


def overlap_back(a):
    a[:-1] = a[1:] * 2.0
    return a


def slice_assign(a, b):
    a[2:] = b[:-2] - 1.0
    return a


def strided(a):
    return a[::3] * 2.0 + 1.0


def strided_into(a, b):
    a[::2] = b[1::2] + b[::2]
    return a


def int_kernel(a, b):
    return a * b - (a + 7)


def float32_kernel(a, b):
    return a * b + a / b - np.sqrt(np.abs(a))


def astype_kernel(a):
    return (a * 3.0).astype(np.float32)


def fill_scalar(a):
    a[:] = 2.5
    return a


def creation(n):
    return np.ones(n) * 3.0


KERNELS2 = [axpy]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("fn", [hyp, many_ops, where_kernel], ids=lambda f: f.__name__)
def test_two_operand_kernels(fn, dtype):
    b = Builds(fn)
    for n in LENGTHS:
        x, y = values(rng, n, dtype), values(rng, n, dtype)
        b.check(x, y)
    x, y = values(rng, 16, dtype), values(rng, 16, dtype)
    b.assert_vectorized(x, y)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_axpy_all_lengths_and_views(dtype):
    b = Builds(axpy)
    for n in LENGTHS:
        b.check(*(values(rng, n, dtype) for _ in range(3)))
    big = values(rng, 40, dtype)
    b.check(big[3:20], big[1:18], big[5:22])  # unaligned views of one array
    b.check(big[::3][:9], big[1::3][:9], big[2::3][:9])  # odd strides
    b.assert_vectorized(*(values(rng, 9, dtype) for _ in range(3)))


def test_broadcast_operands():
    b = Builds(axpy)
    for n in LENGTHS:
        x = values(rng, n, "float64")
        b.check(x, values(rng, 1, "float64"), x)  # a size-1 operand (run-time broadcast)
    m = values(rng, 5 * 7, "float64").reshape(5, 7)
    row, col = values(rng, 7, "float64"), values(rng, 5, "float64").reshape(5, 1)
    b.check(m, row, col)
    b.check(m, m, row)
    b.check(m.T.copy(), col.reshape(1, 5), 2.0 * m.T)
    b2 = Builds(with_scalar)
    for n in LENGTHS:
        b2.check(values(rng, n, "float64"), 1.25)
    b2.assert_vectorized(values(rng, 4, "float64"), 1.25)


def test_two_dimensional():
    b = Builds(hyp)
    for shape in [(0, 3), (3, 0), (1, 1), (2, 3), (3, 5), (4, 17), (17, 2)]:
        b.check(values(rng, np.prod(shape), "float64").reshape(shape),
                values(rng, np.prod(shape), "float64").reshape(shape))
    x = values(rng, 6 * 8, "float64").reshape(6, 8)
    b.check(x[:, 1:6], x[::2, ::3])  # non-contiguous rows and columns
    b.assert_vectorized(x, x)


@pytest.mark.parametrize("fn", [inplace, slice_assign, strided_into], ids=lambda f: f.__name__)
def test_in_place_updates(fn):
    b = Builds(fn)
    for n in range(4, 18):
        b.check(values(rng, n, "float64"), values(rng, n, "float64"))


@pytest.mark.parametrize("fn", [inplace_self, overlap_shift, overlap_back, strided, fill_scalar,
                                astype_kernel], ids=lambda f: f.__name__)
def test_one_operand_updates_and_overlaps(fn):
    b = Builds(fn)
    for n in range(1, 18):
        b.check(values(rng, n, "float64"))
    b.assert_vectorized(values(rng, 8, "float64"))


def test_int64_kernel():
    b = Builds(int_kernel)
    for n in LENGTHS:
        b.check(values(rng, n, "int64"), values(rng, n, "int64"))
    b.assert_vectorized(values(rng, 8, "int64"), values(rng, 8, "int64"))


def test_float32_kernel():
    b = Builds(float32_kernel)
    for n in LENGTHS:
        b.check(values(rng, n, "float32"), values(rng, n, "float32"))
    b.assert_vectorized(values(rng, 8, "float32"), values(rng, 8, "float32"))


def test_creation_functions():
    b = Builds(creation)
    for n in LENGTHS:
        b.check(n)


@pytest.mark.parametrize("fn", [axpy, hyp, float32_kernel, where_kernel, many_ops],
                         ids=lambda f: f.__name__)
def test_float32_kernels_use_f32x4_lanes(fn):
    """A loop whose every value is float32 runs 4 lanes of f32x4 arithmetic
    (f32x4 add/sub/mul/div/sqrt of float32 values equal f32(f64 op))."""
    nargs = fn.__code__.co_argcount
    b = Builds(fn)
    for n in LENGTHS:
        b.check(*(values(rng, n, "float32") for _ in range(nargs)))
    wat = b.assert_vectorized(*(values(rng, 8, "float32") for _ in range(nargs)))
    assert "f32x4." in wat and "f64x2." not in wat  # no f64 lanes


def test_float32_with_a_python_float_scalar():
    b = Builds(with_scalar)
    for n in LENGTHS:
        b.check(values(rng, n, "float32"), 1.1)  # 1.1 is not a float32: cast first (NumPy)
    assert "f32x4.mul" in b.assert_vectorized(values(rng, 8, "float32"), 1.1)


def compare(a, b):
    return a < b


def mask_logic(a, b):
    return (a > 0.5) & ~(b < a) | np.isnan(a)


def masked_where(m, a, b):
    return np.where(m, a, b)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_bool_results_and_operands(dtype):
    for fn in (compare, mask_logic):
        b = Builds(fn)
        for n in LENGTHS:
            b.check(values(rng, n, dtype), values(rng, n, dtype))
        b.assert_vectorized(values(rng, 8, dtype), values(rng, 8, dtype))
    b = Builds(masked_where)
    for n in LENGTHS:
        b.check(rng.random(n) < 0.5, values(rng, n, dtype), values(rng, n, dtype))
    b.assert_vectorized(rng.random(8) < 0.5, values(rng, 8, dtype), values(rng, 8, dtype))


def small_ints(a, b):
    return a * b + 3 - (a - b)


@pytest.mark.parametrize("da,db", [("int32", "int32"), ("int32", "uint8"), ("uint8", "uint8"),
                                   ("int64", "int32")])
def test_small_integer_kernels(da, db):
    """int32/uint8 elements in i64x2 lanes: sign-/zero-extended loads, wrapping
    like NumPy's C arithmetic, low bits stored."""
    b = Builds(small_ints)
    for n in LENGTHS:
        x = rng.integers(-2**31, 2**31, n).astype(da)
        y = rng.integers(-2**31, 2**31, n).astype(db)
        b.check(x, y)
    b.assert_vectorized(np.ones(8, da), np.ones(8, db))


def invert_strided(a):
    return ~a[::2]


def where_strided(m):
    return np.where(m[::3], 1.0, 2.0)


def test_strided_bool_operands_and_results():
    for fn in (invert_strided, where_strided):
        b = Builds(fn)
        for n in LENGTHS:
            b.check(rng.random(n) < 0.5)
    b = Builds(lambda a: a[::2] > 0.5)  # a strided float load, a contiguous bool store
    for n in LENGTHS:
        b.check(values(rng, n, "float64"), numpy=False)


def scale_to_float(a):
    return a * 0.5 + 1.0


def astype_f64(a):
    return a.astype(np.float64)


@pytest.mark.parametrize("dtype", ["uint8", "int32"])
def test_small_int_to_float(dtype):
    """int32/uint8 elements converted to float64 in lanes (f64x2.convert_low_i32x4_s)."""
    for fn in (scale_to_float, astype_f64):
        b = Builds(fn)
        for n in LENGTHS:
            info = np.iinfo(dtype)
            b.check(rng.integers(info.min, info.max, n, endpoint=True).astype(dtype))
        wat = b.assert_vectorized(np.ones(8, dtype))
        assert "f64x2.convert_low_i32x4_s" in wat


def test_int64_to_float_stays_scalar():
    b = Builds(scale_to_float)  # no SIMD int64 -> f64: the loop stays scalar
    for n in range(9):
        b.check(rng.integers(-2**62, 2**62, n))
    assert b.features(np.ones(8, np.int64))["simd"] == []


def finite_checks(a):
    return np.isfinite(a), np.isinf(a), np.where(np.isfinite(a), a, 0.0)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_isfinite_isinf(dtype):
    b = Builds(finite_checks)
    for n in LENGTHS:
        b.check(values(rng, n, dtype))
    b.assert_vectorized(values(rng, 8, dtype))


def ramp(a):
    out = np.empty(a.shape[0])
    for i in range(a.shape[0]):
        out[i] = a[i] * i
    return out


def aranges(n):
    return np.arange(n), np.arange(n) * 0.5


def test_the_index_as_a_value():
    """float(i) in lanes (vitof, guarded to int32 indices) and np.arange's
    int64 stores of the index: equal to the scalar build and NumPy."""
    b = Builds(ramp)
    for n in LENGTHS:
        b.check(values(rng, n, "float64"))
    b.assert_vectorized(values(rng, 8, "float64"))
    b = Builds(aranges)
    for n in LENGTHS:
        b.check(n)
    b.assert_vectorized(8)
