"""Float sums over every axis of arrays that are not C-contiguous follow
NumPy's K order (frontend/reduce_order.py): Fortran-ordered arguments,
transposes, reversed and stepped views, and expressions of them, for
sum / mean / var / std (and the mean of ints, a casting reduction), are
NumPy's to the bit on every target. Compared with NumPy itself on random
shapes, layouts and values (hypothesis)."""
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
