"""The fast call paths of py2wasm.compile (runner/thunks.py,
runner/callgen.py's guarded methods, runner/arraygen.py): every scalar type,
NumPy scalars, arrays of every dtype and ndim, views, errors and memory
growth give CPython's/NumPy's results through the fast path, with and
without thunks, and the fast path is the one taken."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm
from py2wasm.ir.types import DTYPES
from py2wasm.runner import thunks

NP_SCALARS = [np.dtype(d).type for d in DTYPES]


@pytest.fixture(params=["thunks", "ctypes"])
def mode(request, monkeypatch):
    """Run each test with thunks (where the platform has them) and with the
    plain ctypes call (PY2WASM_NO_THUNKS's path)."""
    if request.param == "ctypes":
        monkeypatch.setitem(thunks._state, "ok", False)  # noqa: SLF001
    elif not thunks.available():
        pytest.skip("no thunks on this platform (the ctypes run covers it)")
    return request.param


def _fast(c) -> bool:
    """Does compiled function `c` serve its last argument types through the
    runner's generated method (not the general path)?"""
    return hasattr(type(c).__call__, "source")


def same(got, want):
    assert type(got) is type(want), (got, want)
    if isinstance(want, np.ndarray):
        assert got.dtype == want.dtype and got.shape == want.shape
        assert np.array_equal(got, want, equal_nan=want.dtype.kind == "f")
    elif isinstance(want, float) and want != want:
        assert got != got
    else:
        assert got == want


def add(x, y):
    return x + y


def mix(x, y, p):
    return x * 2 + y if p else x - y


def neg(z):
    return -z


@pytest.mark.parametrize("args", [(1.5, -2.25), (3, 4), (True, False), (2**62, 2**62 - 1),
                                  (-2**63, 0), (float("inf"), 1.0), (1e308, 1e308)])
def test_scalar_calls(mode, args):
    c = py2wasm.compile(add)
    for _ in range(3):  # the first call compiles, then the fast class serves
        same(c(*args), add(*args))
    assert _fast(c)


def test_mixed_scalars_and_overflow(mode):
    c = py2wasm.compile(mix)
    same(c(3, 4, True), 10)
    same(c(3, 4, False), -1)
    assert _fast(c)
    with pytest.raises(OverflowError):
        c(2**63, 1, True)  # does not fit in int64: the exact type passes, the range check stops it
    with pytest.raises(OverflowError) as e:
        c(2**62, 2**62, True)  # int64 overflow inside the wasm, with its note
    assert any("py2wasm" in n for n in getattr(e.value, "__notes__", []))
    same(c(3.0, 4, True), 10.0)  # another type: the general path, another version
    same(c(x=3, y=4, p=True), 10)  # keywords
    same(c(3, 4, True), 10)
    with pytest.raises(TypeError):
        c(3, 4)


def test_complex(mode):
    c = py2wasm.compile(neg)
    for z in (1 + 2j, -0.5j, complex(float("inf"), 0)):
        same(c(z), neg(z))
        same(c(z), neg(z))
    assert _fast(c)


@pytest.mark.parametrize("t", NP_SCALARS, ids=lambda t: t.__name__)
def test_numpy_scalars(mode, t):
    vals = [t(1), t(0)] if t is np.bool_ else [t(5), t(3)]
    if np.dtype(t).kind == "u" and t is not np.bool_:
        vals = [t(np.iinfo(t).max), t(3)]  # wraps like NumPy
    with np.errstate(all="ignore"):
        want = add(*vals)
        c = py2wasm.compile(add)
        for _ in range(3):
            same(c(*vals), want)
    assert _fast(c)
    same(c(5, 3), 8)  # a Python int afterwards: the general path, the int version


def first_last(a):
    return a[0], a[-1]


def ident(a):
    return a.copy()


def swap_ends(a):
    t = a[0]
    a[0] = a[-1]
    a[-1] = t


def _sample(dtype, shape):
    n = int(np.prod(shape))
    if dtype == "bool":
        return (np.arange(n) % 3 == 0).reshape(shape)
    return (np.arange(n) * 7 % 11 + 1).astype(dtype).reshape(shape)


@pytest.mark.parametrize("dtype", list(DTYPES))
@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 2)])
def test_arrays_every_dtype(mode, dtype, shape):
    a = _sample(dtype, shape)
    c = py2wasm.compile(ident)
    for _ in range(3):
        r = c(a)
        same(r, ident(a))
        assert not np.shares_memory(r, a) and r.flags.owndata
    assert _fast(c)
    s = py2wasm.compile(swap_ends)
    b, b2 = a.copy(), a.copy()
    swap_ends(b2)
    assert s(b) is None and s(b) is None  # twice: back to the start
    swap_ends(b2)
    same(b, b2)
    assert _fast(s)


@pytest.mark.parametrize("dtype", ["float64", "int32", "uint8", "bool"])
def test_numpy_scalar_results_from_arrays(mode, dtype):
    a = _sample(dtype, (6,))
    c = py2wasm.compile(first_last)
    for _ in range(2):
        same(c(a), first_last(a))
    assert _fast(c)


def test_views_and_aliasing(mode):
    s = py2wasm.compile(swap_ends)
    base = np.arange(10.0)
    s(base[2:7])  # a C-contiguous view: the fast path, writes land in `base`
    assert _fast(s)
    assert np.array_equal(base, [0, 1, 6, 3, 4, 5, 2, 7, 8, 9])
    s(base[::3])  # strided: its own specialization, the general path
    assert np.array_equal(base, [9, 1, 6, 3, 4, 5, 2, 7, 8, 0])
    s(base[2:7])
    assert np.array_equal(base, [9, 1, 2, 3, 4, 5, 6, 7, 8, 0])
    ro = np.arange(4.0)
    ro.flags.writeable = False
    c = py2wasm.compile(ident)
    same(c(ro), ro.copy())
    same(c(ro), ro.copy())
    empty = np.zeros(0)
    same(c(empty), empty.copy())


def touch_then_fail(a, i):
    a[0] = 42.0
    return a[i]


def test_errors_keep_writes_and_name_the_line(mode):
    c = py2wasm.compile(touch_then_fail)
    a = np.zeros(4)
    assert c(a, 1) == 0.0 and _fast(c)
    b = np.zeros(4)
    with pytest.raises(IndexError) as e:
        c(b, 9)
    assert str(e.value) == "index 9 is out of bounds for axis 0 with size 4"
    assert any("return a[i]" in n for n in e.value.__notes__)
    assert b[0] == 42.0  # written before the raise: copied back
    with pytest.raises(TypeError):
        c(b)
    same(c(b, -1), touch_then_fail(b.copy(), -1))


def grow(a, n):
    z = np.zeros(n)
    z[: len(a)] = a
    return z


def test_calls_after_memory_growth(mode):
    c = py2wasm.compile(grow)
    small = np.arange(3.0)
    same(c(small, 3), small.copy())
    assert _fast(c)
    inst = c._last.instance  # noqa: SLF001
    mem = inst._exports["memory"]  # noqa: SLF001
    before = mem.data_len(inst.store)
    r = c(small, 3_000_000)  # grows memory inside the call (and may move it)
    assert mem.data_len(inst.store) > before and r.shape == (3_000_000,)
    assert np.array_equal(r[:3], small) and not r[3:].any()
    same(c(small, 4), np.array([0.0, 1.0, 2.0, 0.0]))  # the fast path on the grown memory
    big = np.arange(5_000_000.0)  # more than memory holds: grown by the host first
    r = c(big, 5_000_001)
    assert r[-2] == big[-1] and r[-1] == 0.0
    size = mem.data_len(inst.store)
    for _ in range(50):  # repeated calls keep memory flat
        same(c(small, 3), small.copy())
        c(big, 5_000_000)
    assert mem.data_len(inst.store) == size


def test_thunks_self_test():
    if not thunks.available():
        pytest.skip("no thunks on this platform")
    import ctypes
    libc = ctypes.CDLL(None)
    f, = thunks.thunks([(ctypes.cast(libc.labs, ctypes.c_void_p).value, (-7,))])
    assert f() == 7
    # with a load address: a non-zero result as is; on 0 the value stored there
    cell = ctypes.c_void_p(0)
    labs = ctypes.cast(libc.labs, ctypes.c_void_p).value
    g, h = thunks.thunks([(labs, (-7,), ctypes.addressof(cell)), (labs, (0,), ctypes.addressof(cell))])
    assert g() == 7 and h() is None
    cell.value = 0xDEAD_BEEF_0123
    assert g() == 7 and h() == 0xDEAD_BEEF_0123


def trap_after(a, i):
    a[0] = 1.0
    return 1.0 / i


def test_trap_after_normal_calls(mode):
    # the error-or-trap result of the thunk: traps, normal calls and traps again
    c = py2wasm.compile(trap_after)
    for _ in range(3):
        assert c(np.zeros(2), 2.0) == 0.5 and _fast(c)
        a = np.zeros(2)
        with pytest.raises(ZeroDivisionError):
            c(a, 0.0)
        assert a[0] == 1.0
    f = py2wasm.compile(lambda x, y: x // y)
    for _ in range(3):
        assert f(7, 2) == 3
        with pytest.raises(ZeroDivisionError):
            f(7, 0)


def bump_rows(a):
    a[0] += 1.0
    return a[-1] * 2.0


def _layouts():
    v = np.arange(24.0)
    m = np.arange(24.0).reshape(4, 6)
    return [lambda: v.copy()[::2], lambda: v.copy()[::-1], lambda: v.copy()[::-5],
            lambda: v.copy()[3:20:4], lambda: m.copy().T, lambda: m.copy()[:, ::2],
            lambda: m.copy()[::-1, 1:5], lambda: np.asfortranarray(m.copy()),
            lambda: m.copy()[::2, ::-3]]


@pytest.mark.parametrize("k", range(9))
def test_strided_views(mode, k):
    """Strided arguments (their own specialization) through the fast path:
    results and writes through the view equal NumPy's, call after call."""
    make = _layouts()[k]
    c = py2wasm.compile(bump_rows)
    mine, ref = make(), make()
    for _ in range(3):
        same(c(mine), bump_rows(ref))
        same(mine.base if mine.base is not None else mine, ref.base if ref.base is not None else ref)
    assert _fast(c)
    same(c(make()), bump_rows(make()))  # another array of the same layout (the cached one)


def zeros_of(n, k):
    return np.zeros(n) + k


def test_array_result_without_array_arguments(mode):
    c = py2wasm.compile(zeros_of)
    for n in (0, 3, 100_000, 5):
        same(c(n, 1.5), zeros_of(n, 1.5))
    assert _fast(c)
    with pytest.raises(ValueError) as e:
        c(-1, 1.0)
    with pytest.raises(ValueError) as want:
        zeros_of(-1, 1.0)
    assert str(e.value) == str(want.value)


def axpy_grow(x, y, n):
    y[0] += x[0]
    z = np.zeros(n)
    return y[-1] + z[-1] + x[-1]


def test_strided_views_move_and_memory_grows(mode):
    """Two strided arguments: the second's address moves with the first's
    size, and memory grows inside some calls; the cached strided views of
    memory must follow (results and write-backs equal NumPy's)."""
    c = py2wasm.compile(axpy_grow)
    for nx, n in [(4, 1), (40, 1), (4, 2_000_000), (400, 1), (4, 1), (400, 3_000_000), (40, 5)]:
        xb, yb = np.arange(2.0 * nx), np.arange(60.0)
        xr, yr = xb.copy(), yb.copy()
        same(c(xb[::2], yb[::-3], n), axpy_grow(xr[::2], yr[::-3], n))
        same(yb, yr)
    assert _fast(c)


def scale_by(a, k):
    return a * k


@pytest.mark.parametrize("k", [np.float64(2.5), np.float32(0.5), np.int64(-3), np.int8(7),
                               np.uint64(2**64 - 1), np.uint8(200), np.bool_(True)],
                         ids=lambda k: type(k).__name__)
def test_arrays_with_numpy_scalar_arguments(mode, k):
    a = np.arange(5.0)
    c = py2wasm.compile(scale_by)
    with np.errstate(all="ignore"):
        for _ in range(2):
            same(c(a, k), scale_by(a, k))
        ai = np.arange(5, dtype=np.int32)
        for _ in range(2):
            same(c(ai, k), scale_by(ai, k))
    assert _fast(c)


def test_no_thunks_environment_variable():
    import os
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    code = "from py2wasm.runner import thunks; print(thunks.available())"
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "PY2WASM_NO_THUNKS": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def dot_scaled(a, b, k):
    return a * k + b


def test_read_only_strides_test_and_result_edges(mode):
    """The fast path's tests of read-only 1-D arguments (strides == (itemsize,))
    and its one-test array result: arrays of one element with another stride
    (C-contiguous for NumPy: the general path), empty arguments and results,
    a second argument after a first of any size (its address is not a
    constant), results equal NumPy's and own their data."""
    c = py2wasm.compile(dot_scaled)
    for n, m in [(4, 4), (0, 0), (1, 1), (1000, 1000), (3, 1), (1, 3), (0, 1), (17, 17)]:
        a, b = np.arange(float(n)), np.ones(m) * 0.5
        if n != m and min(n, m) != 1:
            continue
        r = c(a, b, 2.0)
        same(r, dot_scaled(a, b, 2.0))
        assert r.flags.owndata and not np.shares_memory(r, a)
    assert _fast(c)
    one = np.arange(5.0)[::10]  # one element, stride 80: flags say C-contiguous
    assert one.flags.c_contiguous and one.strides == (80,)
    same(c(one, np.ones(1), 3.0), dot_scaled(one, np.ones(1), 3.0))
    same(c(np.ones(1), one, 3.0), dot_scaled(np.ones(1), one, 3.0))
    ro = np.arange(6.0)
    ro.flags.writeable = False  # read-only arrays are fine for parameters the function never writes
    same(c(ro, ro, -1.0), dot_scaled(ro, ro, -1.0))
    e = c(np.zeros(0), np.zeros(0), 1.0)
    assert e.shape == (0,) and e.dtype == np.float64
    t = py2wasm.compile(total_of)
    for a in (np.arange(5.0), np.arange(5.0)[::10], np.zeros(0), np.arange(12.0).reshape(3, 4)[1]):
        same(t(a), total_of(a))


def total_of(a):
    return np.sum(a)


def grow_then_scale(a, n):
    z = np.zeros(n)
    a[0] += z[-1] + 1.0
    return a * 2.0 + z[0]


def test_views_made_before_growth_and_results_past_them(mode):
    """The fast path asks the memory's size only when the arguments or an array
    result reach past the size its views were made for (the memory never
    moves): calls whose result lies past it (the call grew the memory), calls
    right after, arguments that need a larger memory, all equal NumPy's,
    writes included."""
    c = py2wasm.compile(grow_then_scale)
    for m, n in [(4, 1), (4, 3_000_000), (4, 1), (5, 6_000_000), (200_000, 1), (200_000, 1), (3, 9_000_000),
                 (3, 1), (400_000, 2)]:
        a, b = np.arange(float(m)), np.arange(float(m))
        same(c(a, n), grow_then_scale(b, n))
        same(a, b)
    assert _fast(c)
