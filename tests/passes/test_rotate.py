"""Loop rotation (passes/rotate.py): after the pipeline every loop of the
2-D Jacobi stencil tests at its bottom (the back edge is a conditional
branch), and loops of every shape (for, while, break/continue, for-else,
triangular, zero trips, a header that loads and raises IndexError, integer
loops) compiled on every target equal CPython, exceptions included."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import py2wasm
from py2wasm.frontend import trace
from py2wasm.ir import F64, Br, CondBr, verify_module
from py2wasm.ir.dominators import Dominators
from py2wasm.ir.types import I64, ArrayType
from py2wasm.passes import run_passes, shared_passes
from py2wasm.passes.rotate import rotate_function

from benchmarks.kernels.jacobi2d import jacobi2d as jacobi  # the suite's kernel

TARGETS = ("mvp", "simd", "relaxed-simd")


def while_scan(a: py2wasm.f64[:], t: float, k: int) -> int:
    i = 0
    while a[i] < t:  # the header loads: IndexError past the end
        i += k
    return i


def break_continue(a: py2wasm.f64[:], m: int) -> float:
    s = 0.0
    for i in range(m):  # m may pass len(a): IndexError at a[i]
        if a[i] < 0:
            continue
        if a[i] > 30:
            break
        s += a[i]
    else:
        s = -s
    return s


def triangular(a: py2wasm.f64[:, :]) -> float:
    s = 0.0
    n = a.shape[0]
    for i in range(n):
        for j in range(i):
            s += a[i, j] * (j + 1)
        k = n - i
        while k > 0:
            k -= 2
            s -= k
    return s


def collatz(n: int) -> int:
    c = 0
    while n != 1 and n > 0:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        c += 1
    return c


def conv(x: py2wasm.f64[:], w: py2wasm.f64[:]) -> py2wasm.f64[:]:
    n = len(x) - len(w) + 1
    out = np.empty(max(n, 0))
    for i in range(n):
        s = 0.0
        for k in range(len(w)):
            s += x[i + k] * w[k]
        out[i] = s
    return out


def _loops(fn):
    dom = Dominators(fn)
    out = []
    for b in dom.rpo:
        for s in b.successors():
            if dom.dominates(s, b):
                out.append((s, b))  # (header, latch)
    return out


@pytest.mark.parametrize("target", TARGETS)
def test_jacobi_loops_test_at_the_bottom(target):
    mod = run_passes(trace(jacobi, [I64, ArrayType("float64", 2), ArrayType("float64", 2)]),
                     target=target)
    verify_module(mod)
    loops = _loops(mod.functions[jacobi.__name__])
    assert len(loops) >= 5
    # every back edge is the bottom test of a rotated loop
    assert all(isinstance(latch.term, CondBr) for _h, latch in loops)


def test_rotation_counts_and_leaves_loopless_code():
    mod = shared_passes(trace(jacobi, [I64, ArrayType("float64", 2), ArrayType("float64", 2)]))
    fn = mod.functions[jacobi.__name__]
    before = _loops(fn)
    assert all(isinstance(latch.term, Br) for _h, latch in before)
    assert rotate_function(fn) == len(before)
    verify_module(mod)
    assert rotate_function(fn) == 0  # rotated loops stay as they are

    def f(x: float) -> float:
        return x * 2.0 + 1.0
    m2 = trace(f, [F64])
    assert rotate_function(m2.functions["f"]) == 0


def _outcome(f, *a):
    try:
        return ("ok", f(*a))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


def _same(want, got):
    if want[0] != got[0]:
        return False
    if want[0] != "ok":
        return want == got
    w, g = want[1], got[1]
    if isinstance(w, np.ndarray):
        return w.dtype == g.dtype and w.shape == g.shape and np.array_equal(w, g)
    if isinstance(w, (int, np.integer)) and not isinstance(w, bool):
        return isinstance(g, int) and w == g
    return isinstance(g, float) and np.float64(w).tobytes() == np.float64(g).tobytes()  # bit for bit


_compiled = {}


def compiled(fn, target):
    key = (fn, target)
    if key not in _compiled:
        _compiled[key] = py2wasm.compile(fn, target=target)
    return _compiled[key]


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=25, deadline=None)
@given(st.integers(0, 9), st.integers(0, 3), st.integers(0, 2**32 - 1))
def test_jacobi_equals_cpython(target, n, steps, seed):
    rng = np.random.default_rng(seed)
    a = rng.uniform(-1, 1, (n, n))
    b = rng.uniform(-1, 1, (n, n))
    a1, b1, a2, b2 = a.copy(), b.copy(), a.copy(), b.copy()
    jacobi(steps, a1, b1)
    compiled(jacobi, target)(steps, a2, b2)
    assert np.array_equal(a1, a2) and np.array_equal(b1, b2)


@pytest.mark.parametrize("target", TARGETS)
def test_jacobi_non_square_raises_like_cpython(target):
    # n from a.shape[0] but b (and a's rows) too short: IndexError at the same point
    for shape_a, shape_b in (((5, 3), (5, 5)), ((5, 5), (3, 5)), ((4, 4), (4, 2))):
        a = np.arange(np.prod(shape_a), dtype=float).reshape(shape_a)
        b = np.ones(shape_b)
        a1, b1, a2, b2 = a.copy(), b.copy(), a.copy(), b.copy()
        want = _outcome(jacobi, 2, a1, b1)
        got = _outcome(compiled(jacobi, target), 2, a2, b2)
        assert want[0] == "IndexError" and got == want
        assert np.array_equal(a1, a2) and np.array_equal(b1, b2)


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=30, deadline=None)
@given(st.integers(0, 9), st.floats(-2, 2), st.integers(1, 3), st.integers(-3, 12),
       st.integers(0, 2**32 - 1))
def test_loop_shapes_equal_cpython(target, n, t, k, m, seed):
    rng = np.random.default_rng(seed)
    a = rng.uniform(-40, 40, n)
    a2 = rng.uniform(-3, 3, (n, n))
    for fn, args in ((while_scan, (a, t, k)), (break_continue, (a, m)), (triangular, (a2,))):
        want = _outcome(fn, *args)
        got = _outcome(compiled(fn, target), *args)
        assert _same(want, got), (fn.__name__, want, got)


@pytest.mark.parametrize("target", TARGETS)
def test_integer_and_nested_loops_equal_cpython(target):
    for n in (-5, 0, 1, 2, 3, 7, 27, 97, 871):
        assert compiled(collatz, target)(n) == collatz(n)
    rng = np.random.default_rng(3)
    for nx, nw in ((0, 0), (0, 3), (3, 0), (1, 1), (5, 5), (5, 6), (17, 4), (40, 16), (41, 3)):
        x, w = rng.uniform(-1, 1, nx), rng.uniform(-1, 1, nw)
        want = _outcome(conv, x, w)
        got = _outcome(compiled(conv, target), x, w)
        assert _same(want, got), (nx, nw, want, got)
