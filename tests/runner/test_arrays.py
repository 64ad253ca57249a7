"""The runner's array call path (runner/arrays.py ArrayCaller through
py2wasm.compile): arguments in and back (also on exceptions), results copied
out of linear memory, memory growth during a call, views and read-only
arguments, modules without memory, and the flat caller that does not reset
the arena (`Instance._make_caller(..., reset_heap=False)`)."""
import numpy as np
import pytest

import py2wasm


def saxpy(a, x, y):
    out = np.empty(len(x))
    for i in range(len(x)):
        out[i] = a * x[i] + y[i]
    return out


def bump(x):
    for i in range(len(x)):
        x[i] = x[i] + 1.0
    return x[0]


def bump_then_fail(x, k):
    x[0] = 7.0
    return x[k]


def grow_then_write(x, n):
    big = np.zeros(n)
    big[n - 1] = 3.0
    x[0] = big[n - 1]
    return big


def total2(m):
    s = 0.0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            s += m[i, j] * (i + 1)
    return s


def ident(x):
    return x


def _instance(c):
    return c._last.instance  # noqa: SLF001 - the runner behind the compiled function


def test_saxpy_matches_numpy_and_results_do_not_alias_memory():
    c = py2wasm.compile(saxpy)
    x, y = np.arange(1000.0), np.ones(1000)
    r1 = c(2.0, x, y)
    assert np.array_equal(r1, 2.0 * x + y) and r1.dtype == np.float64
    keep = r1.copy()
    r2 = c(-1.5, y, x)  # the next call reuses the same arena addresses
    assert np.array_equal(r1, keep)
    assert np.array_equal(r2, -1.5 * y + x)
    assert r1.flags.owndata and r2.flags.owndata and not np.shares_memory(r1, r2)
    assert np.array_equal(x, np.arange(1000.0)) and np.array_equal(y, np.ones(1000))
    assert c(2.0, x[:0], y[:0]).shape == (0,)


def test_no_caller_resets_the_arena_from_python():
    """The arena reset is inside wasm (backend/abi.py, host ABI): neither the
    array path nor the scalar path spends a wasmtime call on it."""
    c = py2wasm.compile(saxpy)
    c(1.0, np.ones(3), np.ones(3))
    inst = _instance(c)
    caller = inst.function("saxpy")
    assert "_reset" not in caller.fast.source
    flat = {"name": "saxpy", "params": [{"name": "a", "type": "float"}] +
            [{"name": f"p{i}", "type": "int"} for i in range(4)],
            "result": {"tuple": ["int", "int"]}}
    func = inst._exports["saxpy"]  # noqa: SLF001
    assert "_reset" not in inst._make_caller(flat, func).source  # noqa: SLF001


def test_writes_are_copied_back_into_views():
    c = py2wasm.compile(bump)
    base = np.arange(10.0)
    assert c(base[::2]) == 1.0  # a non-contiguous view
    assert np.array_equal(base, [1, 1, 3, 3, 5, 5, 7, 7, 9, 9])
    rev = base[::-1]
    c(rev)
    assert np.array_equal(base, [2, 2, 4, 4, 6, 6, 8, 8, 10, 10])


def test_read_only_arguments_are_read_and_never_written():
    c = py2wasm.compile(bump)
    x = np.arange(4.0)
    x.flags.writeable = False
    assert c(x) == 1.0
    assert np.array_equal(x, np.arange(4.0))
    b = np.broadcast_to(np.array([2.0]), (3,))  # read-only, stride 0
    assert c(b) == 3.0 and np.array_equal(b, [2.0, 2.0, 2.0])


def test_two_dimensional_non_contiguous_argument():
    c = py2wasm.compile(total2)
    m = np.arange(12.0).reshape(3, 4)
    t = m.T  # Fortran-ordered view
    want = sum(t[i, j] * (i + 1) for i in range(4) for j in range(3))
    assert c(t) == want
    assert c(m[:, ::2]) == sum(m[i, j] * (i + 1) for i in range(3) for j in (0, 2))


def test_writes_are_copied_back_when_the_call_raises():
    c = py2wasm.compile(bump_then_fail)
    x = np.zeros(3)
    assert c(x, 1) == 0.0 and x[0] == 7.0
    x = np.zeros(3)
    with pytest.raises(IndexError, match="index 5 is out of bounds"):
        c(x, 5)
    assert x[0] == 7.0
    y = np.zeros(3)
    assert c(y, 2) == 0.0 and y[0] == 7.0  # the instance stays usable


def test_memory_growth_during_the_call():
    c = py2wasm.compile(grow_then_write)
    x = np.zeros(2)
    c(x, 4)
    inst = _instance(c)
    mem = inst._exports["memory"]  # noqa: SLF001
    before = mem.data_len(inst.store)
    n = before // 8 + 50_000  # more than all of memory: the call must grow it
    big = c(x, n)
    assert mem.data_len(inst.store) > before
    assert big.shape == (n,) and big[-1] == 3.0 and not big[:-1].any()
    assert x[0] == 3.0
    x2 = np.zeros(2)
    small = c(x2, 3)  # the next call after growth
    assert np.array_equal(small, [0.0, 0.0, 3.0]) and x2[0] == 3.0
    assert big[-1] == 3.0 and big.flags.owndata


def test_arguments_past_4_gib_are_memory_error():
    c = py2wasm.compile(bump)
    c(np.zeros(1))
    huge = np.broadcast_to(np.zeros(1), (2**29 + 1,))  # 4 GiB + 8 bytes, no real memory
    with pytest.raises(MemoryError, match="4 GiB"):
        c(huge)
    assert c(np.zeros(2)) == 1.0


def test_argument_type_errors_are_unchanged():
    c = py2wasm.compile(saxpy)
    x = np.ones(3)
    c(1.0, x, x)
    inst = _instance(c)
    with pytest.raises(TypeError, match="expected a float64 1-D array, got int64 1-D array"):
        inst.call("saxpy", (1.0, x, np.ones(3, dtype=np.int64)))
    with pytest.raises(TypeError, match="expected a float64 1-D array, got list"):
        inst.call("saxpy", (1.0, [1.0], x))
    with pytest.raises(TypeError, match="an argument must be float, not str"):
        inst.call("saxpy", ("a", x, x))
    with pytest.raises(TypeError, match="takes 3 positional argument"):
        inst.call("saxpy", (1.0, x))
    assert np.array_equal(inst.call("saxpy", (np.float32(2.0), x, x)), [3.0, 3.0, 3.0])
    assert np.array_equal(inst.call("saxpy", (2, x, x)), [3.0, 3.0, 3.0])


def test_big_endian_arguments_are_converted_both_ways():
    c = py2wasm.compile(bump)
    c(np.zeros(2))
    inst = _instance(c)
    x = np.arange(3.0).astype(">f8")
    assert inst.call("bump", (x,)) == 1.0
    assert x.dtype == np.dtype(">f8") and np.array_equal(x, [1.0, 2.0, 3.0])


def test_module_without_memory_keeps_arguments_on_the_host():
    from py2wasm.runner.arrays import ArrayCaller
    c = py2wasm.compile(ident)
    x = np.arange(5.0)
    c(x)
    inst = _instance(c)
    exports = {"py2wasm_exc": inst._exports["py2wasm_exc"]}  # noqa: SLF001 - no memory export
    entry = inst.manifest["functions"][0]
    caller = ArrayCaller(inst.store, exports, inst._exports["ident"], entry,  # noqa: SLF001
                         inst._exception)  # noqa: SLF001
    r = caller((x,))
    assert np.array_equal(r, x) and not np.shares_memory(r, x)
    big = np.arange(20_000.0)  # the host buffer grows
    assert np.array_equal(caller((big,)), big)
    assert np.array_equal(r, x) and caller.memory.data_len(inst.store) >= big.nbytes
    with pytest.raises(TypeError, match="expected a float64 1-D array, got float32"):
        caller((x.astype(np.float32),))
