"""Argument arrays that share memory (runner/aliasing.py through
py2wasm.compile): the same array or overlapping views of one array passed
for two parameters behave as in NumPy (one memory: a write through one
parameter is seen through the other, copied back once), on the general and
the fast call paths, in either order with non-aliased calls; differential
against NumPy with hypothesis over pairs of views (slices with steps,
reversed, transposed)."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm.runner.aliasing import overlap, overlap_groups


def two(a, b):
    a[0] = 1
    b[1] = 2


def write_read(a, b):
    a[0] = 5.0
    return b[0]


def shifted(a, b):
    a[:] = b + 1.0


def loop_rw(a, b):
    s = 0.0
    for i in range(a.shape[0]):
        a[i] = a[i] + 2.0 * b[i]
        s += b[i]
    return s


def write_then_sum(a, b):
    a[0] = a[0] * 3.0 + 1.0
    return b.sum()


def three(a, b, c):
    a[:] = b * c + 1.0
    return c.max()


def add2(a, b):
    a += b


def rows(m, n):
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            m[i, j] = m[i, j] + n[i, j] * 0.5


def _diff(fn, make, base):
    want_base = base.copy()
    want = fn(*make(want_base))
    got = py2wasm.compile(fn)(*make(base))
    np.testing.assert_array_equal(base, want_base)
    if want is not None:
        assert got == want or (np.isnan(got) and np.isnan(want))


def test_the_issue_examples():
    x = np.zeros(3)
    py2wasm.compile(two)(x, x)
    assert x.tolist() == [1.0, 2.0, 0.0]
    x = np.zeros(3)
    assert py2wasm.compile(write_read)(x, x) == 5.0
    assert x[0] == 5.0


@pytest.mark.parametrize("make", [
    lambda x: (x[1:], x[:-1]), lambda x: (x[:-1], x[1:]), lambda x: (x[::-1], x),
    lambda x: (x[:5], x[::2]), lambda x: (x[2:7], x[::-2][:5]), lambda x: (x, x)])
@pytest.mark.parametrize("fn", [shifted, loop_rw, add2, write_then_sum])
def test_views_1d(fn, make):
    _diff(fn, make, np.arange(10.0))


def test_transpose_and_2d_views():
    m = np.arange(16.0).reshape(4, 4)
    _diff(add2, lambda a: (a, a.T), m)
    _diff(rows, lambda a: (a, a.T), m)
    _diff(rows, lambda a: (a[1:, :], a[:-1, ::-1]), np.arange(20.0).reshape(5, 4))
    _diff(add2, lambda a: (a[:, :2], a[:, 2:]), m)  # same base, disjoint columns


def test_three_parameters_one_group():
    _diff(three, lambda x: (x[1:], x[:-1], x[::-1][:9]), np.arange(10.0))
    # two groups: (a, c) share, b is its own
    y = np.arange(5.0)
    _diff(three, lambda x: (x[:5], y[::-1].copy(), x[::2]), np.arange(10.0))


def test_fast_path_then_aliased_then_fast_again():
    f = py2wasm.compile(loop_rw)
    x, y = np.arange(6.0), np.ones(6)
    for _ in range(3):  # the fast class is installed for separate arrays
        assert f(x, y) == 6.0
    assert x.tolist() == [6.0, 7.0, 8.0, 9.0, 10.0, 11.0]
    z = np.arange(6.0)
    want = z.copy()
    r = loop_rw(want, want)
    assert f(z, z) == r  # the same array: the aliased version
    np.testing.assert_array_equal(z, want)
    z = np.arange(7.0)
    want = z.copy()
    r = loop_rw(want[1:], want[:-1])
    assert f(z[1:], z[:-1]) == r  # overlapping views (not C-contiguous? they are: fast key)
    np.testing.assert_array_equal(z, want)
    x2 = np.arange(6.0)
    assert f(x2, np.ones(6)) == 6.0  # separate again
    assert x2.tolist() == [2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    assert len(f.specializations) == 2


def test_readonly_member_and_disjoint_views_of_one_base():
    x = np.arange(8.0)
    ro = x.view()
    ro.flags.writeable = False
    want = x.copy()
    loop_rw(want[1:], want[:-1])
    py2wasm.compile(loop_rw)(x[1:], ro[:-1])
    np.testing.assert_array_equal(x, want)
    # views of one base that do not overlap stay separate arguments
    assert overlap_groups((x[:4], x[4:])) is None
    assert overlap_groups((x, 1.0, x[::2])) == (0, None, 0)
    assert not overlap(np.zeros(3), np.zeros(3))
    assert overlap(x, x) and not overlap(x[:0], x)


def test_tuple_member_sharing_memory_is_refused():
    def f(t, b):
        return t[0][0] + b[0]
    x = np.arange(3.0)
    with pytest.raises(ValueError, match="shares memory"):
        py2wasm.compile(f)((x,), x)


def test_instance_of_a_non_aliased_version_refuses_aliased_arguments():
    f = py2wasm.compile(two)
    f(np.zeros(3), np.zeros(3))
    spec = next(iter(f.specializations.values()))
    x = np.zeros(3)
    with pytest.raises(ValueError, match="share memory"):
        spec.instance.call("two", (x, x))


_VIEWS = [lambda x: x, lambda x: x[1:], lambda x: x[:-1], lambda x: x[::2], lambda x: x[1::2],
          lambda x: x[::-1], lambda x: x[::-2], lambda x: x[2:9:3]]



@settings(max_examples=40, deadline=None)
@given(st.tuples(st.integers(0, len(_VIEWS) - 1), st.integers(0, len(_VIEWS) - 1),
                 st.integers(9, 14)), st.sampled_from([shifted, loop_rw, add2, write_then_sum]))
def test_hypothesis_1d_view_pairs(pair, fn):
    i, j, n = pair

    def make(x):
        a, b = _VIEWS[i](x), _VIEWS[j](x)
        m = min(len(a), len(b))
        return a[:m], b[:m]
    _diff(fn, make, np.arange(float(n)) * 1.5 - 3.0)


_VIEWS2 = [lambda m: m, lambda m: m.T, lambda m: m[::-1], lambda m: m[:, ::-1],
           lambda m: m.T[::-1, ::-1]]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, len(_VIEWS2) - 1), st.integers(0, len(_VIEWS2) - 1),
       st.sampled_from([add2, rows]))
def test_hypothesis_2d_view_pairs(i, j, fn):
    _diff(fn, lambda m: (_VIEWS2[i](m), _VIEWS2[j](m)), np.arange(25.0).reshape(5, 5) - 7.0)


_SLICES = st.builds(slice, st.integers(-12, 12) | st.none(), st.integers(-12, 12) | st.none(),
                    st.sampled_from([1, 2, 3, -1, -2, -3]))


@settings(max_examples=40, deadline=None)
@given(_SLICES, _SLICES, st.sampled_from([shifted, loop_rw, add2, write_then_sum, write_read]))
def test_hypothesis_random_slices(s1, s2, fn):
    x = np.arange(12.0) * 0.5 - 2.0
    m = min(len(x[s1]), len(x[s2]))
    if m == 0:
        return

    def make(y):
        return y[s1][:m], y[s2][:m]
    _diff(fn, make, x)


def scaled_into(a, b, k):
    a[:] = b[::-1] * k.real
    return a[0]


def test_dispatch_without_a_runner_method():
    """A complex parameter beside arrays: the dispatch class tests the types
    inline (api.py), and must still send overlapping arrays elsewhere."""
    f = py2wasm.compile(scaled_into)
    a, b = np.zeros(4), np.arange(4.0)
    for _ in range(3):
        assert f(a, b, 2 + 0j) == 6.0
    x = np.arange(4.0)
    want = x.copy()
    r = scaled_into(want, want, 2 + 0j)
    assert f(x, x, 2 + 0j) == r
    np.testing.assert_array_equal(x, want)
    assert f(np.zeros(4), b, 1 + 0j) == 3.0


def test_tuple_members_that_do_not_share_memory_are_fine():
    def f(t, b):
        return t[0][0] + t[1][0] + b[0]
    x, y, z = np.arange(3.0), np.arange(3.0) + 1, np.arange(3.0) + 2
    assert py2wasm.compile(f)((x, y), z) == 3.0
    with pytest.raises(ValueError, match="shares memory"):
        py2wasm.compile(f)((x, x), z)  # the same array twice inside the tuple
