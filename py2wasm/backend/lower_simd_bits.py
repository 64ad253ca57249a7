"""Lowering of the SIMD bit and conversion lane ops (ir/primitives.py, "SIMD
bit and conversion lane ops": vbitcast vftoi vitof vshl vshr vcopysign vall)
to wasm SIMD128; vband vbor vbxor are v128 and/or/xor, lowered with the mask
logic in `lower_simd`.

Place in the pipeline: backend, beside `lower_simd` (imported by
`backend/__init__.py`, which registers its lowerings into
`lower_ops.LOWERINGS`). Only
passes/vectorize_math.py emits these primitives (widened math-library cores).
"""
from __future__ import annotations

from ..ir.types import F64X2
from .binaryen import Op
from .lower_ops import lowering

_SIGN = -0x8000000000000000  # the f64 sign bit as an i64


@lowering("vbitcast")
def _vbitcast(L, e):  # v128 has no lane type in wasm: nothing to do
    return [L.set(e.outs[0], L.get(e.ins[0]))]


@lowering("vftoi")
def _vftoi(L, e):
    """i32x4.trunc_sat_f64x2_s_zero, then the two i32 lanes sign-extended."""
    m = L.m
    x = m.unary(Op.TruncSatZeroSVecF64x2ToVecI32x4, L.get(e.ins[0]))
    return [L.set(e.outs[0], m.unary(Op.ExtendLowSVecI32x4ToVecI64x2, x))]


@lowering("vitof")
def _vitof(L, e):
    """The low 32 bits of each i64 lane into i32 lanes 0 and 1, then
    f64x2.convert_low_i32x4_s (exact)."""
    m = L.m
    low = m.simd_shuffle(L.get(e.ins[0]), m.unary(Op.SplatVecI64x2, m.i64(0)),
                         [0, 1, 2, 3, 8, 9, 10, 11] + [16] * 8)
    return [L.set(e.outs[0], m.unary(Op.ConvertLowSVecI32x4ToVecF64x2, low))]


@lowering("vshl", "vshr")
def _vshift(L, e):
    m = L.m
    v, n = e.ins
    op = Op.ShlVecI64x2 if e.prim == "vshl" else Op.ShrSVecI64x2
    return [L.set(e.outs[0], m.simd_shift(op, L.get(v), m.unary(Op.WrapInt64, L.get(n))))]


@lowering("vcopysign")
def _vcopysign(L, e):
    """bitselect(b, a, sign mask): the sign bit of b, the other bits of a."""
    m = L.m
    a, b = e.ins
    assert a.type == F64X2
    sign = m.unary(Op.SplatVecI64x2, m.i64(_SIGN))
    return [L.set(e.outs[0], m.simd_ternary(Op.BitselectVec128, L.get(b), L.get(a), sign))]


@lowering("vall")
def _vall(L, e):
    (v,) = e.ins
    op = Op.AllTrueVecI64x2 if v.type.lanes == 2 else Op.AllTrueVecI32x4
    return [L.set(e.outs[0], L.m.unary(op, L.get(v)))]
