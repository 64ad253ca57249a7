"""Constant address offsets (passes/offsets.py): neighbouring accesses of a
run that cannot raise share the lowest one's address (the 2-D Jacobi
sweep's vector loop: a[i, j-1], a[i, j], a[i, j+1] are one address with
offsets 0, 8, 16); accesses with a check between them are left alone; and
stencils of every shape (neighbours on both sides, several arrays, float32
and int64 elements, stores next to each other, odd and empty sizes, indices
out of range) compiled on every target equal CPython / NumPy, IndexError at
the same point with the same memory effects."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import py2wasm
from py2wasm.frontend import trace
from py2wasm.ir import I64, verify_module
from py2wasm.ir.types import ArrayType
from py2wasm.passes import run_passes

from benchmarks.kernels.jacobi2d import jacobi2d as jacobi  # the suite's kernel

TARGETS = ("mvp", "simd", "relaxed-simd")


def wide(x: py2wasm.f64[:], y: py2wasm.f64[:], out: py2wasm.f64[:]) -> None:
    for i in range(2, len(x) - 2):
        out[i] = (x[i + 2] - x[i - 2]) * 0.25 + (x[i + 1] - x[i - 1]) * y[i] + y[i - 1] * x[i]


def pairs(x: py2wasm.f64[:], m: int) -> None:
    # stores next to each other, and m may run past the end (IndexError)
    for i in range(0, m, 2):
        t = x[i] + x[i + 1]
        x[i + 1] = x[i] - x[i + 1]
        x[i] = t


def smooth32(x: py2wasm.f32[:]) -> py2wasm.f32[:]:
    out = np.zeros_like(x)
    for i in range(1, len(x) - 1):
        out[i] = x[i - 1] * np.float32(0.25) + x[i] * np.float32(0.5) + x[i + 1] * np.float32(0.25)
    return out


def ints(x: py2wasm.i64[:], k: int) -> int:
    s = 0
    for i in range(len(x) - 3):
        s += x[i + 3] * 7 - x[i + 1] + (x[i] ^ k)
    return s


def checked(a: py2wasm.f64[:], i: int) -> float:
    return a[i + 1] * 2.0 + a[i]  # a bounds check between the two loads


def _ir(fn, types, target):
    mod = run_passes(trace(fn, types), target=target)
    verify_module(mod)
    return mod.functions[fn.__name__]


def test_jacobi_vector_loop_shares_one_address_per_row():
    fn = _ir(jacobi, [I64, ArrayType("float64", 2), ArrayType("float64", 2)], "simd")
    vloads = [e for b in fn.blocks for e in b.eqns if e.prim == "vload"]
    with_offset = [e for e in vloads if e.params.get("offset")]
    assert sorted(e.params["offset"] for e in with_offset) == [8, 8, 16, 16]  # two sweeps
    for e in with_offset:  # j-1, j, j+1 of one row: one address
        same = [x for x in vloads if x.ins[0] is e.ins[0]]
        assert sorted(x.params.get("offset", 0) for x in same) == [0, 8, 16]


def test_accesses_with_a_check_between_keep_their_addresses():
    fn = _ir(checked, [ArrayType("float64", 1), I64], "mvp")
    loads = [e for b in fn.blocks for e in b.eqns if e.prim == "load"]
    assert len(loads) == 2 and not any(e.params.get("offset") for e in loads)
    a = np.arange(5.0)
    f = py2wasm.compile(checked, target="mvp")
    assert f(a, 3) == checked(a, 3) and f(a, -2) == checked(a, -2)
    for i in (4, -6, 2**40):
        with pytest.raises(IndexError) as want:
            checked(a, i)
        with pytest.raises(IndexError) as got:
            f(a, i)
        assert str(got.value) == str(want.value)


def _outcome(f, *args):
    try:
        return ("ok", f(*args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


def _same(w, g):
    if w[0] != g[0] or w[0] != "ok":
        return w == g
    if isinstance(w[1], np.ndarray):
        return w[1].dtype == g[1].dtype and np.array_equal(w[1], g[1])
    if w[1] is None:
        return g[1] is None
    if isinstance(w[1], (float, np.floating)):  # bit for bit
        return isinstance(g[1], float) and np.float64(w[1]).tobytes() == np.float64(g[1]).tobytes()
    return isinstance(g[1], int) and int(w[1]) == g[1]


_compiled = {}


def compiled(fn, target):
    if (fn, target) not in _compiled:
        _compiled[fn, target] = py2wasm.compile(fn, target=target)
    return _compiled[fn, target]


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=25, deadline=None)
@given(st.integers(0, 11), st.integers(0, 3), st.integers(0, 2**32 - 1))
def test_jacobi_equals_cpython(target, n, steps, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.uniform(-1, 1, (n, n)), rng.uniform(-1, 1, (n, n))
    a1, b1, a2, b2 = a.copy(), b.copy(), a.copy(), b.copy()
    jacobi(steps, a1, b1)
    compiled(jacobi, target)(steps, a2, b2)
    assert np.array_equal(a1, a2) and np.array_equal(b1, b2)


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=30, deadline=None)
@given(st.integers(0, 13), st.integers(-3, 16), st.integers(-5, 5), st.integers(0, 2**32 - 1))
def test_stencils_equal_cpython(target, n, m, k, seed):
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(-9, 9, n), rng.uniform(-9, 9, n)
    o1, o2 = np.zeros(n), np.zeros(n)
    assert _same(_outcome(wide, x, y, o1), _outcome(compiled(wide, target), x, y, o2))
    assert np.array_equal(o1, o2)
    p1, p2 = x.copy(), x.copy()
    want, got = _outcome(pairs, p1, m), _outcome(compiled(pairs, target), p2, m)
    assert _same(want, got), (want, got)
    assert np.array_equal(p1, p2)  # the same stores before the IndexError
    x32 = x.astype(np.float32)
    assert _same(_outcome(smooth32, x32), _outcome(compiled(smooth32, target), x32))
    xi = rng.integers(-2**40, 2**40, n)
    assert _same(_outcome(ints, xi, k), _outcome(compiled(ints, target), xi, k))
