"""Vectorized reductions (passes/vectorize.py, vectorize_pairwise.py): NumPy's
pairwise float sum (8 accumulators -> 4 f64x2 or 2 f32x4 vectors), min/max
(NaN-propagating, -0.0/+0.0 ties), integer sums, any/all: the SIMD builds
equal the scalar build and NumPy bit for bit. A user's explicit scalar loop
keeps its order (not vectorized without fastmath)."""
import numpy as np
import pytest

from .simd_harness import Builds, values

rng = np.random.default_rng(11)
LENGTHS = list(range(18)) + [31, 64, 127, 128, 129, 200, 1000, 1001]


def total(a):
    return np.sum(a)


def total_method(a):
    return a.sum()


def mean(a):
    return np.mean(a)


def biggest(a):
    return np.max(a)


def smallest(a):
    return a.min()


def rows(a):
    return a.sum(axis=1)


def any_big(a):
    return np.any(a > 0.5)


def all_big(a):
    return np.all(a > -0.5)


def expr_sum(a, b):
    return np.sum(a * b + 1.0)


def user_loop(a, b):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    return s


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("fn", [total, total_method, mean, expr_sum], ids=lambda f: f.__name__)
def test_pairwise_sums(fn, dtype):
    nargs = fn.__code__.co_argcount
    b = Builds(fn)
    for n in LENGTHS:
        b.check(*(values(rng, n, dtype, special=False) for _ in range(nargs)))
    x = values(rng, 300, dtype)  # with NaN and infinities
    b.check(*([x] * nargs))
    b.check(*([values(rng, 99, dtype)[::3]] * nargs))  # strided: the scalar fallback
    wat = b.assert_vectorized(*(values(rng, 16, dtype) for _ in range(nargs)))
    assert ("f32x4.add" if dtype == "float32" else "f64x2.add") in wat


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64"])
@pytest.mark.parametrize("fn", [biggest, smallest], ids=lambda f: f.__name__)
def test_min_max(fn, dtype):
    b = Builds(fn)
    for n in LENGTHS[1:]:
        b.check(values(rng, n, dtype))
        b.check(values(rng, n, dtype, special=False))
    if dtype != "int64":
        for case in ([1.0, np.nan, 2.0, -np.nan, 3.0], [np.inf, -np.inf, np.nan], [-np.inf] * 5):
            b.check(np.array(case, dtype=dtype))
        # ties of -0.0 and +0.0: the scalar build keeps the first (NumPy's SIMD
        # loops may not: a deviation of the scalar build, not of vectorization);
        # the vector build must equal the scalar one
        for case in ([-0.0, 0.0], [0.0, -0.0], [-0.0, 0.0, -0.0, 0.0, -1.0],
                     [-1.0, -0.0, -2.0, 0.0, -0.0], [0.0, -1.0, -0.0, -3.0] * 5):
            b.check(np.array(case, dtype=dtype), numpy=False)
    b.check(np.zeros(0, dtype))  # ValueError, same message
    b.assert_vectorized(values(rng, 16, dtype))


def test_integer_sum_and_rows():
    b = Builds(total)
    for n in LENGTHS:
        b.check(values(rng, n, "int64"))
    b.assert_vectorized(values(rng, 16, "int64"))
    r = Builds(rows)
    for shape in [(3, 0), (2, 5), (4, 17), (3, 130)]:
        r.check(values(rng, int(np.prod(shape)), "float64").reshape(shape))


@pytest.mark.parametrize("fn", [any_big, all_big], ids=lambda f: f.__name__)
def test_any_all(fn):
    b = Builds(fn)
    for n in LENGTHS:
        b.check(values(rng, n, "float64"))


def test_user_loop_keeps_python_order():
    b = Builds(user_loop)
    for n in LENGTHS:
        x, y = values(rng, n, "float64", special=False), values(rng, n, "float64", special=False)
        b.check(x, y)
    feats = b.features(values(rng, 8, "float64"), values(rng, 8, "float64"))
    assert feats["simd"] == [] and feats["relaxed"] == []


def col_sum(a):
    return a.sum(axis=0)


def col_max(a):
    return np.max(a, axis=0)


def col_min_keep(a):
    return a.min(axis=0, keepdims=True)


def col_any(a):
    return np.any(a > 0.0, axis=0)


def prefix(a):
    out = np.zeros(a.shape[0])
    for i in range(1, a.shape[0]):
        out[i] = out[i - 1] + a[i]  # a loop-carried dependence through memory
    return out


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64"])
@pytest.mark.parametrize("fn", [col_sum, col_max, col_min_keep, col_any], ids=lambda f: f.__name__)
def test_reductions_along_an_outer_axis(fn, dtype):
    """acc[j] = op(acc[j], a[i, j]): stores only to a fresh accumulator at the
    element it reads, so the columns run in vector lanes (same order per column)."""
    b = Builds(fn)
    for shape in [(1, 1), (3, 1), (2, 5), (4, 17), (5, 2), (3, 0)]:
        x = values(rng, int(np.prod(shape)), dtype).reshape(shape)
        # NumPy itself: exact for int64 and float64 sums; float32 sums along axis 0
        # and +-0.0 ties of min/max are deviations of the scalar build (docs/arrays.md)
        b.check(x, numpy=dtype == "int64" or (dtype == "float64" and fn in (col_sum, col_any)))
    b.assert_vectorized(values(rng, 12, dtype).reshape(3, 4))


def test_memory_carried_dependence_stays_scalar():
    b = Builds(prefix)
    for n in range(0, 18):
        b.check(values(rng, n, "float64", special=False))
    module = b.simd.specialize(np.zeros(5)).module
    heads = [blk.meta for f in module.functions.values() for blk in f.blocks if blk.meta]
    # np.zeros' fill loop is vectorized, the prefix loop is not
    assert sum("vectorized" in m for m in heads) == 1, heads


def user_map(a):
    out = np.empty(a.shape[0])
    for i in range(a.shape[0]):
        out[i] = a[i] * 2.0 + 1.0
    return out


def user_inplace(a, b):
    for i in range(a.shape[0]):
        a[i] = a[i] * b[i]
    return a


def user_recurrence(a, b):
    for i in range(1, a.shape[0]):
        a[i] = a[i - 1] + b[i]
    return a


def _add_one(dst, src):
    for i in range(dst.shape[0]):
        dst[i] = src[i] + 1.0


def through_helper(a):
    _add_one(a[1:], a[:-1])  # overlapping views: element by element, a cumulative sum
    return a


@pytest.mark.parametrize("fn,vectorized", [(user_map, True), (user_inplace, True),
                                           (user_recurrence, False), (through_helper, False)],
                         ids=lambda x: getattr(x, "__name__", str(x)))
def test_user_loops_storing_to_arrays(fn, vectorized):
    """A user's element loop vectorizes when each iteration only touches its
    own element of a fresh array or of an argument (the host copies every
    argument: no two share memory); a dependence through memory, or pointers
    a helper function receives (they may overlap), keep it scalar."""
    b = Builds(fn)
    nargs = fn.__code__.co_argcount
    for n in range(0, 18):
        b.check(*(values(rng, n, "float64", special=False) for _ in range(nargs)))
    for na, nb in ((9, 5), (3, 2)):  # IndexError exactly as Python's
        if nargs == 2:
            b.check(np.ones(na), np.ones(nb))
    module = b.simd.specialize(*(np.zeros(4) for _ in range(nargs))).module
    heads = [blk.meta.get("vectorized") for f in module.functions.values() for blk in f.blocks]
    loops = [h for h in heads if h]
    if fn is user_map:
        assert len(loops) == 1  # np.empty has no fill loop
    else:
        assert bool(loops) == vectorized, loops
