"""Lowering of the vector primitives (ir/primitives.py, "SIMD") to wasm
SIMD128 and relaxed SIMD.

Place in the pipeline: backend, beside `lower_ops` and `lower_memory` (its
lowerings are registered into `lower_ops.LOWERINGS` when this module is
imported). Only the vectorizer pass (passes/vectorize.py) emits these
primitives, and only for a SIMD target.
"""
from __future__ import annotations

from ..ir.types import F32X4, F64X2, I32X4, I64X2, M32X4, M64X2
from .binaryen import Op
from .lower_f32 import as_f32
from .lower_memory import PROMOTE, _addr, ensure_memory
from .lower_ops import lowering

_SUFFIX = {F64X2: "VecF64x2", F32X4: "VecF32x4", I64X2: "VecI64x2", I32X4: "VecI32x4",
           M64X2: "VecI64x2", M32X4: "VecI32x4"}
# IR primitive -> Binaryen operator stem (+ the vector suffix); "S" marks the
# signed integer comparisons (LtSVecI64x2).
_BINARY = {"vadd": "Add", "vsub": "Sub", "vmul": "Mul", "vdiv": "Div",
           "veq": "Eq", "vne": "Ne", "vlt": "Lt", "vle": "Le", "vgt": "Gt", "vge": "Ge"}
_UNARY = {"vneg": "Neg", "vabs": "Abs", "vsqrt": "Sqrt", "vfloor": "Floor", "vceil": "Ceil",
          "vtrunc": "Trunc", "vnearest": "Nearest"}
# v128 logic: on masks (vand vor vxor) and on the bits of any vector (vband vbor vbxor,
# the widened math library cores): the same wasm instructions
_LOGIC = {"vand": Op.AndVec128, "vor": Op.OrVec128, "vxor": Op.XorVec128,
          "vband": Op.AndVec128, "vbor": Op.OrVec128, "vbxor": Op.XorVec128}


def _op(stem: str, t) -> int:
    if t in (I64X2, I32X4) and stem in ("Lt", "Le", "Gt", "Ge"):
        stem += "S"
    return getattr(Op, stem + _SUFFIX[t])


@lowering("vload")
def _vload(L, e):
    ensure_memory(L.ctx)
    m = L.m
    t, dt = e.params["vtype"], e.params["dtype"]
    if dt == "float32" and t == F64X2:  # two float32 elements, converted exactly
        x = m.unary(Op.PromoteLowVecF32x4ToVecF64x2,
                    m.simd_load(Op.Load64ZeroVec128, _addr(L, e.ins[0]), 4))
    elif dt == "int32" and t == I64X2:  # two int32, sign-extended
        x = m.simd_load(Op.Load32x2SVec128, _addr(L, e.ins[0]), 4)
    elif dt == "uint8":  # two bytes, zero-extended
        zero = m.unary(Op.SplatVecI64x2, m.i64(0))
        raw = m.simd_load_lane(Op.Load16LaneVec128, _addr(L, e.ins[0]), zero, 0, 1)
        x = m.simd_shuffle(raw, m.unary(Op.SplatVecI64x2, m.i64(0)),
                           [0] + [16] * 7 + [1] + [16] * 7)
    elif dt == "bool":  # one 0/1 byte per lane -> all-ones/all-zeros lanes
        def zero():  # a fresh node each time (Binaryen's IR is a tree)
            return m.unary(Op.SplatVecI64x2, m.i64(0))
        if t == M64X2:
            raw = m.simd_load_lane(Op.Load16LaneVec128, _addr(L, e.ins[0]), zero(), 0, 1)
            spread = [0] + [16] * 7 + [1] + [16] * 7
        else:
            raw = m.simd_load(Op.Load32ZeroVec128, _addr(L, e.ins[0]), 1)
            spread = [b for k in range(4) for b in (k, 16, 16, 16)]
        x = m.binary(_op("Ne", t), m.simd_shuffle(raw, zero(), spread), zero())
    else:
        x = m.v128_load(_addr(L, e.ins[0]), e.params.get("offset", 0))
    return [L.set(e.outs[0], x)]


@lowering("vstore")
def _vstore(L, e):
    ensure_memory(L.ctx)
    m = L.m
    addr, v = e.ins
    if e.params["dtype"] == "float32" and v.type == F64X2:  # two lanes rounded to float32
        return [m.simd_store_lane(Op.Store64LaneVec128, _addr(L, addr),
                                  m.unary(Op.DemoteZeroVecF64x2ToVecF32x4, L.get(v)), 0, 4)]
    if e.params["dtype"] == "int32" and v.type == I64X2:  # the low 32 bits of each lane
        packed = m.simd_shuffle(L.get(v), m.unary(Op.SplatVecI64x2, m.i64(0)),
                                [0, 1, 2, 3, 8, 9, 10, 11] + [0] * 8)
        return [m.simd_store_lane(Op.Store64LaneVec128, _addr(L, addr), packed, 0, 4)]
    if e.params["dtype"] == "uint8":  # the low byte of each lane
        packed = m.simd_shuffle(L.get(v), m.unary(Op.SplatVecI64x2, m.i64(0)),
                                [0, 8] + [0] * 14)
        return [m.simd_store_lane(Op.Store16LaneVec128, _addr(L, addr), packed, 0, 1)]
    if e.params["dtype"] == "bool":  # a 0/1 byte per mask lane
        ones = m.binary(Op.AndVec128, L.get(v), m.unary(Op.SplatVecI8x16, m.i32(1)))
        zero = m.unary(Op.SplatVecI64x2, m.i64(0))  # a second operand (a node is used once)
        if v.type == M64X2:
            packed = m.simd_shuffle(ones, zero, [0, 8] + [0] * 14)
            return [m.simd_store_lane(Op.Store16LaneVec128, _addr(L, addr), packed, 0, 1)]
        packed = m.simd_shuffle(ones, zero, [0, 4, 8, 12] + [0] * 12)
        return [m.simd_store_lane(Op.Store32LaneVec128, _addr(L, addr), packed, 0, 1)]
    return [m.v128_store(_addr(L, addr), L.get(v))]


def _lane_value(L, t, x):
    """A scalar expression as the lane value of vector type t."""
    m = L.m
    if t == F32X4:  # a value kept in an f32 local (lower_f32) is taken as it is
        return as_f32(m, x)
    if t == I32X4:
        return m.unary(Op.WrapInt64, x)
    if t == M64X2:  # bool -> all ones or zeros
        return m.binary(Op.SubInt64, m.i64(0), m.unary(Op.ExtendUInt32, x))
    if t == M32X4:
        return m.binary(Op.SubInt32, m.i32(0), x)
    return x


@lowering("vsplat")
def _vsplat(L, e):
    t = e.params["vtype"]
    x = _lane_value(L, t, L.get(e.ins[0]))
    return [L.set(e.outs[0], L.m.unary(getattr(Op, "Splat" + _SUFFIX[t]), x))]


@lowering("vbuild")
def _vbuild(L, e):
    m = L.m
    t = e.params["vtype"]
    v = m.unary(getattr(Op, "Splat" + _SUFFIX[t]), _lane_value(L, t, L.get(e.ins[0])))
    rep = getattr(Op, "ReplaceLane" + _SUFFIX[t])
    for k, x in enumerate(e.ins[1:], 1):
        v = m.simd_replace(rep, v, k, _lane_value(L, t, L.get(x)))
    return [L.set(e.outs[0], v)]


@lowering("vextract")
def _vextract(L, e):
    m = L.m
    (v,) = e.ins
    t, k = v.type, e.params["lane"]
    x = m.simd_extract(getattr(Op, "ExtractLane" + _SUFFIX[t]), L.get(v), k)
    if t == F32X4:
        x = m.unary(PROMOTE, x)
    elif t == I32X4:
        x = m.unary(Op.ExtendSInt32, x)
    elif t == M64X2:
        x = m.binary(Op.NeInt64, x, m.i64(0))
    elif t == M32X4:
        x = m.binary(Op.NeInt32, x, m.i32(0))
    return [L.set(e.outs[0], x)]


@lowering(*_BINARY)
def _vbinary(L, e):
    a, b = e.ins
    return [L.set(e.outs[0], L.m.binary(_op(_BINARY[e.prim], a.type), L.get(a), L.get(b)))]


@lowering(*_UNARY)
def _vunary(L, e):
    (a,) = e.ins
    if e.prim == "vneg" and a.type in (I64X2, I32X4):
        return [L.set(e.outs[0], L.m.unary(_op("Neg", a.type), L.get(a)))]
    return [L.set(e.outs[0], L.m.unary(_op(_UNARY[e.prim], a.type), L.get(a)))]


@lowering("visnan")
def _visnan(L, e):
    (a,) = e.ins
    return [L.set(e.outs[0], L.m.binary(_op("Ne", a.type), L.get(a), L.get(a)))]


@lowering(*_LOGIC)
def _vlogic(L, e):
    a, b = e.ins
    return [L.set(e.outs[0], L.m.binary(_LOGIC[e.prim], L.get(a), L.get(b)))]


@lowering("vnot")
def _vnot(L, e):
    return [L.set(e.outs[0], L.m.unary(Op.NotVec128, L.get(e.ins[0])))]


@lowering("vselect")
def _vselect(L, e):
    c, a, b = e.ins
    return [L.set(e.outs[0], L.m.simd_ternary(Op.BitselectVec128, L.get(a), L.get(b), L.get(c)))]


@lowering("vf32")
def _vf32(L, e):
    m = L.m
    return [L.set(e.outs[0], m.unary(Op.PromoteLowVecF32x4ToVecF64x2,
                                     m.unary(Op.DemoteZeroVecF64x2ToVecF32x4, L.get(e.ins[0]))))]


@lowering("vwrap")
def _vwrap(L, e):
    m = L.m
    x = L.get(e.ins[0])
    dt = e.params["dtype"]
    if dt == "int32":  # sign-extend the low 32 bits
        x = m.simd_shift(Op.ShrSVecI64x2, m.simd_shift(Op.ShlVecI64x2, x, m.i32(32)), m.i32(32))
    elif dt == "uint8":
        x = m.binary(Op.AndVec128, x, m.unary(Op.SplatVecI64x2, m.i64(255)))
    return [L.set(e.outs[0], x)]


@lowering("vfma")
def _vfma(L, e):
    """relaxed_madd on a relaxed-SIMD target; a separate mul and add (the
    unfused choice relaxed_madd also allows) on plain SIMD."""
    m = L.m
    a, b, c = e.ins
    t = a.type
    if L.ctx.target.relaxed:
        op = Op.RelaxedFmaVecF64x2 if t == F64X2 else Op.RelaxedFmaVecF32x4
        return [L.set(e.outs[0], m.simd_ternary(op, L.get(a), L.get(b), L.get(c)))]
    return [L.set(e.outs[0], m.binary(_op("Add", t), m.binary(_op("Mul", t), L.get(a), L.get(b)),
                                      L.get(c)))]
