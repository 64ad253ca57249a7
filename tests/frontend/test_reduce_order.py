"""Float sums over any axes of arrays that are not C-contiguous follow
NumPy's K order (frontend/reduce_order.py) and its reduction iterator's
buffers (frontend/reduce_iter.py): Fortran-ordered arguments, transposes,
reversed and stepped views, and expressions of them, for sum / mean / var /
std (and the mean of ints, a casting reduction; complex sum / mean / prod),
are NumPy's to the bit on every target, below and far above NumPy's
8192-element buffer. Compared with NumPy itself on random shapes, layouts
and values (hypothesis), on NumPy 2.4 (3.11) and 2.5 (3.12, 3.13)."""
import functools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm

TARGETS = ("mvp", "simd", "relaxed-simd")


def total(a):
    return a.sum()


def mean(a):
    return a.mean()


def var(a):
    return a.var()


def std_keep(a):
    return np.std(a, keepdims=True)


def expr(a):
    return (a * 2.0 - 1.0).sum()


def transposed(a):
    return a.T.sum() + a.T.mean()


def stepped(a):
    return a[::2, 1:].sum(), a[:, ::-1].mean()


FUNCS = [total, mean, var, std_keep, expr, transposed, stepped]


@functools.lru_cache(maxsize=None)
def _compiled(fn, target):
    return py2wasm.compile(fn, target=target)


def _layouts(x, which):
    """A few layouts of x's values: NumPy's order depends on them."""
    out = {"C": x, "F": np.asfortranarray(x), "T": x.T,
           "rev": x[::-1], "revF": np.asfortranarray(x)[:, ::-1],
           "step": x[:, ::2] if x.ndim == 2 else x[:, :, ::2]}
    if x.ndim == 3:
        out["perm"] = x.transpose(2, 0, 1)
    return out[which] if which in out else x


def _same(got, want):
    if isinstance(want, tuple):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _same(g, w)
        return
    assert type(got) is type(want), (type(got), type(want))
    assert np.array_equal(got, want, equal_nan=True), (got, want)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.lists(st.integers(1, 20), min_size=2, max_size=3),
       dtype=st.sampled_from(["float64", "float32", "int16", "uint8"]),
       layout=st.sampled_from(["C", "F", "T", "rev", "revF", "step", "perm"]),
       fn=st.sampled_from(FUNCS), seed=st.integers(0, 2**32 - 1))
def test_korder_sums_match_numpy(shape, dtype, layout, fn, seed):
    if fn in (expr, stepped) and dtype in ("int16", "uint8"):
        dtype = "float64"
    if fn is stepped and len(shape) != 2:
        shape = shape[:2]
    if fn is transposed and len(shape) != 2:
        shape = shape[:2]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape) * 10 ** rng.uniform(-3, 3, shape)
    x = (x * 100).astype(dtype) if dtype in ("int16", "uint8") else x.astype(dtype)
    a = _layouts(x, layout)
    want = fn(a)
    for target in TARGETS:
        _same(_compiled(fn, target)(a), want)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("shape", [(7, 4), (40, 131), (100, 90), (3, 50, 70)])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_fortran_argument_sum_is_one_pairwise_run(target, shape, dtype):
    """A dense permuted layout is one pairwise sum in memory order, also above
    NumPy's buffer size (GROWINNER: no buffering needed)."""
    rng = np.random.default_rng(sum(shape))
    x = (rng.standard_normal(shape) * 1e3).astype(dtype)
    for a in (np.asfortranarray(x), x.T, np.asfortranarray(x).T):
        for fn in (total, mean, var):
            _same(_compiled(fn, target)(a), fn(a))


@pytest.mark.parametrize("target", TARGETS)
def test_int_mean_of_fortran_argument_buffers_in_memory_order(target):
    """The mean of ints casts: NumPy buffers 8192 converted values at a time,
    in memory order."""
    rng = np.random.default_rng(3)
    x = np.asfortranarray(rng.integers(-10**9, 10**9, (150, 130)))
    _same(_compiled(mean, target)(x), mean(x))


def axis0(a):
    return a.sum(axis=0), np.mean(a, axis=-1, keepdims=True)


def axis1(a):
    return np.sum(a, axis=1), a.mean(axis=1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.lists(st.integers(1, 40), min_size=2, max_size=3),
       dtype=st.sampled_from(["float64", "float32"]),
       layout=st.sampled_from(["C", "F", "T", "rev", "revF", "step", "perm"]),
       fn=st.sampled_from([axis0, axis1]), seed=st.integers(0, 2**32 - 1))
def test_axis_sums_of_views_match_numpy(shape, dtype, layout, fn, seed):
    """Along one axis of a view: a pairwise sum per output when the axis is
    innermost in memory (axis 0 of a Fortran-ordered array), else each output
    adds its elements one at a time."""
    rng = np.random.default_rng(seed)
    x = (rng.standard_normal(shape) * 10 ** rng.uniform(-3, 3, shape)).astype(dtype)
    a = _layouts(x, layout)
    want = fn(a)
    for target in TARGETS:
        _same(_compiled(fn, target)(a), want)


def zeros(a):
    return np.sum(a), a.sum(axis=1), a.sum(axis=0), a.mean(), a.T.sum(), a[0].sum()


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("shape", [(2, 9), (9, 1), (3, 200), (130, 2)])
def test_sums_of_negative_zeros_are_positive(target, shape):
    """NumPy adds each pairwise run to an output that starts at 0.0: a sum
    of 8 or more -0.0 is 0.0 (the pairwise sum alone is -0.0)."""
    for a in (np.full(shape, -0.0), np.asfortranarray(np.full(shape, -0.0, np.float32))):
        got, want = _compiled(zeros, target)(a), zeros(a)
        _same(got, want)
        for g, w in zip(got, want):
            assert np.array_equal(np.signbit(g), np.signbit(w))


# --- NumPy's buffers: views that do not coalesce, tuples of axes, casts -----------------------
# (frontend/reduce_iter.py: npyiter_find_buffering_setup's core and buffer sizes, around and far
# above NumPy's 8192-element buffer; the element counts below are 8191, 8193, 20000, 100000 and
# inner runs across the thresholds 2730/4096/5461/8192 of its cost rule)

def every_axis(a):
    return a.sum(), a.mean(), np.var(a), a.std(), np.sum(a, keepdims=True)


def along_axes_2d(a):
    return a.sum(axis=0), a.mean(axis=1), np.sum(a, axis=(0, 1)), np.var(a, axis=0)


def along_axes_3d(a):
    return (a.sum(axis=(0, 1)), a.mean(axis=(1, 2)), np.sum(a, axis=(0, 2), keepdims=True),
            a.sum(axis=1), a.std(axis=(0, 1)))


def int_means(a):
    return a.mean(), a.mean(axis=0), np.mean(a, axis=-1)


def int_means_3d(a):
    return a.mean(), a.mean(axis=(0, 1)), a.mean(axis=(1, 2)), a.mean(axis=(0, 2))


def _views(x):
    """Layouts whose axes coalesce or not, in both memory orders."""
    f = np.asfortranarray(x)
    out = [x, f, x.T, x[::-1], f[..., ::-1], x[::2], x[..., 1:], f[1:], x[..., ::2], f[..., ::3]]
    if x.ndim == 2:
        out += [x[::2, 1:], x[1:, ::-1].T, f[::2, 1:]]
    else:
        out += [x.transpose(2, 0, 1)[:, ::2], x[:, 1:, ::2], f.transpose(1, 0, 2)[:, :, 1:]]
    return out


SHAPES_2D = [(8191, 1), (1, 8193), (2, 8193), (8193, 2), (100, 200), (200, 100), (3, 2731),
             (2, 4097), (4, 4095), (3, 5462), (2, 10000), (10000, 2), (50, 2000), (1000, 100),
             (317, 316)]
SHAPES_3D = [(3, 50, 70), (2, 3, 5000), (5000, 2, 3), (20, 30, 40), (47, 43, 50), (3, 2731, 2),
             (9, 1, 1000)]


def _values(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape) * 10 ** rng.uniform(-3, 3, shape)
    if dtype.startswith("int"):
        return (x * 1e4).astype(dtype)
    return x.astype(dtype)


def _check_all(fn, target, shapes, dtype):
    f = _compiled(fn, target)
    for k, shape in enumerate(shapes):
        x = _values(shape, dtype, k)
        for a in _views(x):
            _same(f(a), fn(a))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_buffered_sums_of_views_match_numpy(dtype):
    """Every axis, single axes and tuples of axes of strided 2-D and 3-D
    views of every size: NumPy's chunks to the bit."""
    _check_all(every_axis, "simd", SHAPES_2D + SHAPES_3D, dtype)
    _check_all(along_axes_2d, "simd", SHAPES_2D, dtype)
    _check_all(along_axes_3d, "simd", SHAPES_3D, dtype)


def test_buffered_int_means_of_views_match_numpy():
    """The mean of ints casts: every operand is buffered (its own cost rule)."""
    _check_all(int_means, "simd", SHAPES_2D, "int64")
    _check_all(int_means_3d, "simd", SHAPES_3D, "int32")


@pytest.mark.parametrize("target", ["mvp", "relaxed-simd"])
def test_buffered_sums_on_other_targets(target):
    _check_all(every_axis, target, [(2, 8193), (100, 200), (3, 5462), (20, 30, 40)], "float64")
    _check_all(along_axes_3d, target, [(47, 43, 50), (3, 2731, 2)], "float32")
    _check_all(int_means, target, [(3, 5462), (100, 200)], "int64")


def test_far_above_the_buffer():
    """100,000 elements and more in strided views."""
    f = _compiled(every_axis, "simd")
    g = _compiled(along_axes_2d, "simd")
    for shape in [(400, 251), (251, 400), (4, 50001)]:
        x = _values(shape, "float64", 1)
        for a in (x[::2], np.asfortranarray(x)[:, ::-1], x[:, 1:], x.T[::-1]):
            _same(f(a), every_axis(a))
            _same(g(a), along_axes_2d(a))


def complex_2d(a):
    return a.sum(), a.mean(axis=0), np.sum(a, axis=1), np.sum(a, axis=(0, 1), keepdims=True)


def complex_3d(a):
    return a.sum(axis=(0, 1)), a.mean(axis=(1, 2)), np.sum(a, axis=(0, 2)), a.mean()


def complex_prod(a):
    return a.prod(), a.prod(axis=0), np.prod(a, axis=-1)


@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_complex_sums_of_views_match_numpy(dtype):
    """sum/mean/prod of N-d strided views of complex arrays (refused until
    2026-12-07): NumPy's order and chunks, the complex pairwise sum."""
    def values(shape, seed):
        rng = np.random.default_rng(seed)
        z = rng.standard_normal(shape) + 1j * rng.standard_normal(shape)
        return (1 + 0.05 * z).astype(dtype)
    for fn, shapes in [(complex_2d, [(2, 8193), (100, 200), (3, 5462), (10000, 2)]),
                       (complex_3d, [(20, 30, 40), (3, 2731, 2), (2, 3, 5000)])]:
        f = _compiled(fn, "simd")
        for k, shape in enumerate(shapes):
            for a in _views(values(shape, k)):
                _same(f(a), fn(a))
    if dtype == "complex128":  # (complex64: see docs/arrays.md)
        f = _compiled(complex_prod, "simd")
        for k, shape in enumerate([(100, 200), (3, 5462), (20, 30, 40)]):
            for a in _views(values(shape, k)):
                _same(f(a), complex_prod(a))
