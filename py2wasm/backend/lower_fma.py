"""C's fma (`math.fma`) through relaxed SIMD, where the engine's
`f64x2.relaxed_madd` is known to be fused.

Place in the pipeline: backend, used by `imports.math_function` for
`math[fn=fma]` on a relaxed-SIMD target (`ctx.target.relaxed`; elsewhere fma
is the correctly rounded software fma of `py2wasm.libm`). `relaxed_madd`
may compute `a * b + c` with one rounding or with two (relaxed-SIMD spec:
the engine fixes one behaviour); only the fused one is C's fma. So the
module probes its engine once per instance, lazily, and then always takes
the same path:

    $py2wasm.fma_relaxed(x, y, z):
      if py2wasm_fma_fused == 0: $py2wasm.fma_probe()   ;; first call only
      if py2wasm_fma_fused == 1: return lane 0 of relaxed_madd(splat x, splat y, splat z)
      return fallback(x, y, z)                          ;; exact software fma

The probe computes relaxed_madd(p, p, -(p * p)) with p = 1 + 2**-52: fused,
that is the rounding error of p * p, 2**-104; unfused, it is 0. It reads p
from the mutable global `$py2wasm.fma_probe` and writes its result back, so
Binaryen's optimizer cannot treat the global as a constant and fold the
probe: it runs on the engine. The state is the exported mutable i32 global
`py2wasm_fma_fused` (0: not probed yet, 1: relaxed_madd is fused and used,
2: it is not, the software fma is used), which lets a host see (and a test
force) the path; hosts should only read it.
"""
from __future__ import annotations

from . import binaryen as bn
from .binaryen import Op

STATE_GLOBAL = "py2wasm_fma_fused"
PROBE_GLOBAL = "py2wasm.fma_probe"
PROBE_NAME = "py2wasm.fma_probe_run"
UNKNOWN, FUSED, UNFUSED = 0, 1, 2
P = 1.0 + 2.0**-52  # p * p = 1 + 2**-51 + 2**-104: its rounding error is 2**-104


def _relaxed_madd(m, a, b, c):
    """Lane 0 of f64x2.relaxed_madd of three splatted f64 expressions."""
    splat = lambda v: m.unary(Op.SplatVecF64x2, v)  # noqa: E731
    return m.simd_extract(Op.ExtractLaneVecF64x2,
                          m.simd_ternary(Op.RelaxedFmaVecF64x2, splat(a), splat(b), splat(c)), 0)


def _probe(ctx) -> None:
    """$py2wasm.fma_probe_run: sets the state global from one relaxed_madd."""
    m = ctx.m
    p, r = 0, 1  # locals
    get = lambda i: m.local_get(i, bn.f64)  # noqa: E731
    m.add_global(PROBE_GLOBAL, bn.f64, True, m.f64(P))
    body = m.block(None, [
        m.local_set(p, m.global_get(PROBE_GLOBAL, bn.f64)),
        m.local_set(r, _relaxed_madd(m, get(p), get(p),
                                     m.unary(Op.NegFloat64, m.binary(Op.MulFloat64, get(p), get(p))))),
        m.global_set(STATE_GLOBAL, m.select(m.binary(Op.NeFloat64, get(r), m.f64(0.0)),
                                            m.i32(FUSED), m.i32(UNFUSED), bn.i32)),
        m.global_set(PROBE_GLOBAL, get(r)),  # a run-time value: the global is not a constant
    ], bn.none)
    m.add_function(PROBE_NAME, [], [], [bn.f64, bn.f64], body)


def fma_relaxed(ctx, name: str) -> None:
    """Runtime helper `name`: (x, y, z: f64) -> f64, C's fma (see above)."""
    from .imports import software_math_function
    if not ctx.target.relaxed:
        raise ValueError("fma through relaxed_madd needs a relaxed-SIMD target")
    m = ctx.m
    fallback = software_math_function(ctx, "fma")
    m.add_global(STATE_GLOBAL, bn.i32, True, m.i32(UNKNOWN))
    m.add_global_export(STATE_GLOBAL, STATE_GLOBAL)
    _probe(ctx)
    x, y, z = (m.local_get(i, bn.f64) for i in range(3))
    state = lambda: m.global_get(STATE_GLOBAL, bn.i32)  # noqa: E731
    args = lambda: [m.local_get(i, bn.f64) for i in range(3)]  # noqa: E731
    body = m.block(None, [
        m.if_(m.unary(Op.EqZInt32, state()), m.call(PROBE_NAME, [], bn.none)),
        m.if_(m.binary(Op.EqInt32, state(), m.i32(FUSED)), m.return_(_relaxed_madd(m, x, y, z))),
        m.return_(m.call(fallback, args(), bn.f64)),
    ], bn.unreachable_type)
    m.add_function(name, [bn.f64, bn.f64, bn.f64], [bn.f64], [], body)


__all__ = ["fma_relaxed", "STATE_GLOBAL", "UNKNOWN", "FUSED", "UNFUSED"]
