"""The vectorizer pass (passes/vectorize.py) on IR: which loops it
vectorizes and which it must leave scalar, that vectorized IR verifies and
interprets (ir.interpret) to exactly what the scalar IR computes, and the
fastmath contraction to vfma."""
import importlib

import numpy as np
import pytest

from py2wasm import ir
from py2wasm.frontend import trace, types_of_values
from py2wasm.passes import run_passes

V = importlib.import_module("py2wasm.passes.vectorize")


def module_for(fn, args, target="simd", fastmath=False):
    m = trace(fn, list(types_of_values(args)))
    return run_passes(m, level=1, target=target, fastmath=fastmath)


def prims(m) -> set:
    return {e.prim for f in m.functions.values() for b in f.blocks for e in b.eqns}


def vectorized_headers(m) -> list:
    return [b.meta["vectorized"] for f in m.functions.values() for b in f.blocks
            if "vectorized" in b.meta]


def axpy(a, b):
    return a * b + 1.0


def checked_int_loop(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


def user_dot(a, b):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    return s


def sines(a):
    return np.sin(a) * 2.0


def int_add_overflow(a, b):
    return a + b  # int64 arrays: NumPy wraps (wadd): vectorizable


X = np.arange(6.0)


def test_elementwise_loop_is_vectorized_and_marked():
    m = module_for(axpy, [X, X])
    # the operands' strides are run-time values (0 when a size-1 operand is
    # broadcast): a contiguous version and a strided (gathering) version
    assert vectorized_headers(m) == ["2 lanes, strided version"]
    assert {"vload", "vmul", "vadd", "vstore", "vbuild"} <= prims(m)
    text = ir.format_module(m)
    assert "loop: parallel, vectorized: 2 lanes" in text


def test_known_contiguous_loop_has_one_version():
    m = module_for(lambda a: a * 2.0, [X])
    assert vectorized_headers(m) == ["2 lanes"]
    assert "vbuild" not in prims(m)


def test_mvp_target_is_untouched():
    m = module_for(axpy, [X, X], target="mvp")
    assert vectorized_headers(m) == []
    assert not any(p.startswith("v") for p in prims(m))


def np_dot(a, b):
    return np.dot(a, b)  # the blocked order: 4 float64 partial sums (the lanes)


def test_loops_that_stay_scalar():
    # checked int arithmetic may raise OverflowError; not an array loop anyway
    assert vectorized_headers(module_for(checked_int_loop, [5])) == []
    # a user's float reduction keeps Python's order (and checks b's bounds)
    assert vectorized_headers(module_for(user_dot, [X, X])) == []
    # np.dot's partial sums (the blocked order) are lanes, not a reordering
    assert vectorized_headers(module_for(np_dot, [X, X])) == ["across 4 sums, 2 x f64x2"]
    # libm calls: the loop stays scalar
    assert vectorized_headers(module_for(sines, [X])) == []


def test_fastmath_vectorizes_float_reductions_with_fma():
    m = module_for(np_dot, [X, X], fastmath=True)
    # the blocked dot's partial sums as lanes, fused; its k-order tail reassociated
    assert vectorized_headers(m) == ["across 4 sums, 2 x f64x2",
                                     "2 lanes, 4 x f64x2 accumulators"]
    assert "vfma" in prims(m)
    # a user's loop with bounds checks on the index: vectorized under a run-time
    # guard that the checks cannot fire (else the scalar loop raises as Python does)
    m = module_for(user_dot, [X, X], fastmath=True)
    assert vectorized_headers(m) == ["2 lanes, 4 x f64x2 accumulators"]
    assert "raise_if_fmt" in prims(m)  # kept in the scalar loop


def test_fastmath_contracts_elementwise():
    m = module_for(axpy, [X, X], fastmath=True)
    assert "vfma" in prims(m) and "vmul" not in prims(m)


@pytest.mark.parametrize("fn,args", [
    (axpy, [np.linspace(-3, 3, 11), np.linspace(2, 5, 11)]),
    (int_add_overflow, [np.array([2**62, 2**62, -5, 7, 9], np.int64)] * 2),
    (lambda a: np.sum(a), [np.linspace(0.1, 7.3, 300)]),
    (lambda a: np.max(a), [np.array([1.0, 5.0, np.nan, 2.0, 9.0])]),
    (lambda a: np.min(a), [np.array([-0.0, 0.0, 3.0, 1.0])]),
    (lambda a: a.sum(), [np.arange(37, dtype=np.float32) / 7]),
])
def test_vectorized_ir_interprets_like_scalar_ir(fn, args):
    from tests.arrays.harness import run_ir
    from tests.arrays import harness
    scalar_mod = module_for(fn, args, target="mvp")
    vec_mod = module_for(fn, args, target="simd")
    assert vectorized_headers(vec_mod), "expected a vectorized loop"
    ir.verify_module(vec_mod)
    # run both modules with the reference interpreter on the same arguments
    out = []
    for mod in (scalar_mod, vec_mod):
        harness._CACHE.clear()
        key = (fn, tuple(types_of_values(args)), True)
        harness._CACHE[key] = mod
        out.append(repr(run_ir(fn, [a.copy() if hasattr(a, "copy") else a for a in args])[1]))
    harness._CACHE.clear()
    assert out[0] == out[1]


def test_match_loop_rejects_non_loops():
    from py2wasm.passes import shared_passes
    # the loops as the vectorizer sees them (rotate, the last pass, moves their test)
    m = shared_passes(trace(axpy, list(types_of_values([X, X]))))
    fn = m.functions["axpy"]
    loops = [b for b in fn.blocks if V.match_loop(fn, b) is not None]
    assert len(loops) == 1 and loops[0].meta.get("loop") == "parallel"
    assert V.match_loop(fn, fn.entry) is None


def test_no_vectorization_at_O0():
    import py2wasm
    f = py2wasm.compile(axpy, opt="O0", target="simd")
    assert np.array_equal(f(X, X), X * X + 1.0)
    assert f.specialize(X, X).build.manifest["features"] == []


def _prefix(a):
    out = np.zeros_like(a)
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
        out[i] = s
    return out


def _iir(a, c):
    out = np.zeros_like(a)
    s = 0.0
    for i in range(a.shape[0]):
        s = s * c + a[i]
        out[i] = s
    return out


@pytest.mark.parametrize("target", ["simd", "relaxed-simd"])
@pytest.mark.parametrize("fn,args", [(_prefix, (X,)), (_iir, (X, 0.5))], ids=["prefix", "iir"])
def test_scan_is_not_a_reduction(fn, args, target):
    """A carried value also stored each iteration (a scan) is no reduction:
    the loop stays scalar (it used to crash the pass with an IndexError)."""
    for fastmath in (False, True):
        m = module_for(fn, args, target=target, fastmath=fastmath)
        # only np.zeros_like's fill loop is vectorized: no accumulators, no vector arithmetic
        assert vectorized_headers(m) == ["2 lanes"]
        assert not prims(m) & {"vadd", "vmul", "vfma", "vextract"}
