"""Elementwise results, `np.copy`, `np.array`, `astype` and `np.zeros_like` (...) are laid out as
NumPy lays them out (order 'K', frontend/korder_layout.py): in the memory
order of their operands. So later sums over a stored result (`x = f * 2.0;
x.sum()` of a Fortran-ordered f), its axis sums, further expressions of
it, and what a traced helper or a loop does with it, are NumPy's to the
bit. Compared with NumPy on Fortran-ordered, transposed, reversed, stepped
and permuted (3-D) arguments, float64 and float32, values of a wide range
(so the order of a sum shows in its last bits)."""
import functools

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm

TARGETS = ("simd",)  # the layout is decided by the frontend, the same on every target


def stored(a):
    x = a * 2.0
    return x.sum(), x.mean(), x.var(), x.std(), x.sum(axis=0), np.mean(x, axis=-1)


def chain(a, b):
    x = a * b - 1.0
    y = np.sqrt(np.abs(x)) + x
    z = np.where(y > 0.5, y, -y)
    w = z * 3.0
    return y.sum(), z.mean(), w.sum(axis=0), w.var(), (w + b).sum(axis=1)


def copies(a):
    c = np.copy(a)
    d = a.astype(np.float32)
    e = np.array(a + 1.0)
    f = a.copy()  # ndarray.copy: C order
    g = np.asarray(a - 1.0)
    return c.sum(), d.sum(), e.var(), f.sum(), g.mean(), (d * 2).sum(axis=0)


def _half_sum(x):
    return x.sum() + (x * x).mean()


def _scaled(a):
    return a * 3.0


def helpers(a):
    x = a.T * 0.5
    y = _scaled(a)
    return _half_sum(x), y.sum(), y.var(), x, y


def looped(a):
    x = a * 1.0
    xs = [a * 2.0]  # arrays in a list keep their layout
    for _ in range(3):
        x = x * 0.75 + a
        xs.append(x - 1.0)
    s = 0.0
    for m in xs:
        s += float(m.sum())
    return x.sum(), x.mean(axis=0), x, s


def likes(a):
    z = np.zeros_like(a)  # order='K': laid out as a
    z += a * 3.0
    e = np.empty_like(a)
    e[...] = a
    d = np.diff(a, 2, axis=0)  # NumPy's temporary a[1:] - a[:-1]: K order
    return z.sum(), e.var(), z.sum(axis=0), d.sum()


FUNCS = [stored, chain, copies, helpers, looped, likes]


@functools.lru_cache(maxsize=None)
def _compiled(fn, target):
    return py2wasm.compile(fn, target=target)


def _layout(x, which):
    if which == "F":
        return np.asfortranarray(x)
    if which == "T":
        return x.T
    if which == "rev":
        return x[::-1, ::-1] if x.ndim == 2 else x[::-1, :, ::-1]
    if which == "step":
        return x[:, ::2] if x.ndim == 2 else x[::2, :, 1:]
    if which == "perm":  # 3-D: a permuted, reversed view
        return x.transpose(2, 0, 1)[:, ::-1] if x.ndim == 3 else x.T[::-1]
    return x


def _same(got, want):
    if isinstance(want, tuple):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _same(g, w)
        return
    assert np.array_equal(np.asarray(got), np.asarray(want), equal_nan=True), (got, want)
    if isinstance(want, np.ndarray):
        assert np.asarray(got).dtype == want.dtype


def _other(rng, shape, which):
    """A float64 array of `shape` laid out as `which`."""
    if which == "T":
        return _values(rng, shape[::-1], "float64").T
    if which == "rev":
        return _values(rng, shape, "float64")[::-1]
    x = _values(rng, shape, "float64")
    return np.asfortranarray(x) if which == "F" else x


def _values(rng, shape, dtype):
    x = rng.standard_normal(shape) * 10 ** rng.uniform(-4, 4, shape)
    return x.astype(dtype)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.lists(st.integers(1, 24), min_size=2, max_size=3),
       dtype=st.sampled_from(["float64", "float32"]),
       layout=st.sampled_from(["C", "F", "T", "rev", "step", "perm"]),
       other=st.sampled_from(["C", "F", "T", "rev"]),
       fn=st.sampled_from(FUNCS), seed=st.integers(0, 2**32 - 1))
def test_stored_results_sum_as_numpy(shape, dtype, layout, other, fn, seed):
    rng = np.random.default_rng(seed)
    a = _layout(_values(rng, shape, dtype), layout)
    args = (a,)
    if fn is chain:  # a second operand of another layout (the first one decides ties)
        args = (a, _other(rng, a.shape, other))
    want = fn(*args)
    for target in TARGETS:
        _same(_compiled(fn, target)(*args), want)


def test_large_fortran_and_transposed_results():
    """Above NumPy's buffer size and over 128-element pairwise blocks: a
    stored result of a Fortran-ordered or transposed argument is one
    pairwise run in memory order, as NumPy's."""
    rng = np.random.default_rng(7)
    for shape, dtype in [((150, 97), "float64"), ((150, 97), "float32"), ((3, 40, 90), "float64")]:
        x = _values(rng, shape, dtype)
        for a in (np.asfortranarray(x), x.T, _layout(x, "perm")):
            for fn in (stored, looped, likes):
                _same(_compiled(fn, "simd")(a), fn(a))


def int_means(a):
    x = a + 1
    return x.mean(axis=1), a[1:3].mean(axis=-1), x.mean()


def test_int_mean_of_views_contiguous_at_run_time():
    """The mean of ints along the last axis: NumPy's buffered pairwise sum
    when the array is C-contiguous at run time (a K-ordered result of a
    reversed argument, rows of a C-ordered one), here as in NumPy."""
    rng = np.random.default_rng(11)
    for shape in [(4, 300), (3, 9000)]:
        x = rng.integers(-2**60, 2**60, shape)
        for a in (x, x[::-1], np.asfortranarray(x)):
            want = int_means(a)
            got = _compiled(int_means, "simd")(a)
            # along an axis of an array that is not C-contiguous: sequential
            # (docs/arrays.md); a + 1 is C-contiguous for x and x[::-1]
            c = ((a + 1).flags.c_contiguous, a[1:3].flags.c_contiguous, True)
            assert c[0] != (a.flags.f_contiguous and not a.flags.c_contiguous)
            for g, w, ok in zip(got, want, c):
                if ok:
                    _same(g, w)
