"""Advanced-index results are laid out as NumPy lays them out
(frontend/fancy_layout.py): the broadcast index dimensions outermost in
memory, the other axes in the K order of the indexed view. The layout
decides the order of later whole-array sums, so `m[:, idx].var()` and
friends are NumPy's to the bit; the values and everything read through the
result (reshape, transposes, slices) are unchanged. Every target."""
import functools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm

TARGETS = ("mvp", "simd", "relaxed-simd")
GLOBAL_INDEX = np.array([0, 2, 1])


def cols(m, k):
    return m[:, np.array([0, 2, 1, k])]


def col_stats(m, k):
    x = m[:, np.array([0, 2, 1, k])]
    return x.sum(), x.mean(), x.var(), x.std()


def three_d(m, k):
    i = np.array([k, 0, 1, 1])
    return m[i].sum(), m[:, :, i].mean(), m[:, i, 1].var(), m[1, :, i].sum()


def index_grid(m, k):
    return m[:, np.array([[0, 1], [1, k]])].sum(), m[:, np.array([[0], [k]])].var()


def read_through(m, k):
    x = m[:, np.array([0, k, 1])]
    return x.reshape(-1), x.T.sum(), x[:, ::2].mean(), np.ascontiguousarray(x).sum()


def masked(m, k):
    return m[:, :3][:, np.array([True, k > 0, True])].var()


def global_index(m, k):
    return m[:, GLOBAL_INDEX].sum() + k


FUNCS = [cols, col_stats, three_d, index_grid, read_through, masked]


@functools.lru_cache(maxsize=None)
def _compiled(fn, target):
    return py2wasm.compile(fn, target=target)


def _same(got, want):
    if isinstance(want, tuple):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _same(g, w)
        return
    assert type(got) is type(want), (type(got), type(want))
    if isinstance(want, np.ndarray):
        assert got.dtype == want.dtype and got.shape == want.shape
    assert np.array_equal(got, want, equal_nan=True), (got, want)


def _layout(x, which):
    return {"C": x, "F": np.asfortranarray(x), "perm": x.transpose(1, 2, 0)[:, :, :],
            "rev": x[::-1, :, ::-1], "step": x[::2, :, ::2]}[which]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.tuples(st.integers(6, 14), st.integers(3, 14), st.integers(6, 14)),
       dtype=st.sampled_from(["float64", "float32", "uint16", "int32"]),
       layout=st.sampled_from(["C", "F", "perm", "rev", "step"]),
       fn=st.sampled_from(FUNCS), k=st.integers(0, 2), seed=st.integers(0, 2**32 - 1))
def test_fancy_results_match_numpy(shape, dtype, layout, fn, k, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape) * 10 ** rng.uniform(-3, 3, shape)
    x = (x * 100).astype(dtype) if dtype in ("uint16", "int32") else x.astype(dtype)
    a = _layout(x, layout)
    if fn is not three_d:
        a = a[:, :, 0] if layout != "F" else np.asfortranarray(a[:, :, 0])
    want = fn(a, k)
    for target in TARGETS:
        _same(_compiled(fn, target)(a, k), want)


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_73000_3607_var_of_column_fancy_result(target):
    """The long fuzz run's wrong answer (array 73000/3607): NumPy lays
    `p0[:, idx]` out with the index dimension outermost, and var sums it in
    memory order; a C-ordered result was 1 ulp off."""
    def f(p0):
        return p0[:, np.array([0, 2, 1])].var()
    p0 = np.array([[0, 2, 7, 20868], [17559, 9, 65534, 2], [0, 0, 0, 2], [1, 8, 0, 2],
                   [8, 5446, 5, 1], [7, 0, 65535, 0], [2, 25130, 4, 21033]], dtype=np.uint16)
    got = py2wasm.compile(f, target=target)(p0)
    assert got == f(p0) == np.float64(382328083.1882087)
    rng = np.random.default_rng(13)
    c = py2wasm.compile(f, target=target)
    for _ in range(40):
        x = rng.integers(0, 2**16, (7, 4)).astype(np.uint16)
        assert c(x) == f(x)


@pytest.mark.parametrize("target", TARGETS)
def test_global_index_array(target):
    """A module-level index array is a known index (it was an internal
    ValueError)."""
    m = np.arange(12.0).reshape(3, 4)
    assert _compiled(global_index, target)(m, 1) == global_index(m, 1)


def test_take_stays_c_ordered():
    def f(m):
        return np.take(m, np.array([0, 2, 1]), axis=1).sum()
    rng = np.random.default_rng(2)
    for _ in range(20):
        m = rng.standard_normal((9, 5)) * 1e3
        assert py2wasm.compile(f)(m) == f(m)
