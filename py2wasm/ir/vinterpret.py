"""Reference semantics of the SIMD primitives, for `ir.interpret`.

Place in the pipeline: beside the backend, part of the executable
specification (ir/interpret.py). A vector is a tuple of lane values: floats
for f64x2 and f32x4 (float32-exact), ints for i64x2 and i32x4 (in range),
bools for masks. Each lane computes exactly what the scalar array primitive
computes (`fdiv`, `wadd`, `f32`...), so a vectorized loop interprets to the
same values as its scalar original.
"""
from __future__ import annotations

import math

from . import memory as _memory
from .types import VectorType


def _round(t: VectorType, x):
    """A scalar as a lane of `t` (what vsplat and vbuild do)."""
    if t.lane == "float32":
        return _memory.f32(x)
    if t.lane in ("int64", "int32"):
        return _memory.wrap(t.lane, x)
    return x


def _lanes_of(t: VectorType, f, *vs):
    return tuple(_round(t, f(*xs)) for xs in zip(*vs))


def _fdiv(a, b):
    from .interpret import _fdiv as fdiv
    return fdiv(a, b)


def _ieee(f):
    def g(x):
        return math.copysign(float(f(x)), x) if math.isfinite(x) else x
    return g


def _fma(a, b, c):
    from .interpret import _math
    return _math("fma", a, b, c)


def _f32_of_exact(q) -> float:
    """The float32 nearest to the exact rational q (ties to even)."""
    import struct
    from fractions import Fraction
    x = _memory.f32(float(q))
    if not math.isfinite(x):
        return x
    bits = struct.unpack("<i", struct.pack("<f", x))[0]
    cands = [x]
    for d in (-1, 1):
        try:
            cands.append(struct.unpack("<f", struct.pack("<i", bits + d))[0])
        except struct.error:
            pass
    cands = [c for c in cands if math.isfinite(c)]
    return min(cands, key=lambda c: (abs(Fraction(c) - q),
                                     struct.unpack("<i", struct.pack("<f", c))[0] & 1))


def _fma32(a, b, c):
    """float32 fused multiply-add: a * b + c rounded once."""
    from fractions import Fraction
    if not all(map(math.isfinite, (a, b, c))):
        return _memory.f32(a * b + c)
    return _f32_of_exact(Fraction(a) * Fraction(b) + Fraction(c))


_BINARY = {
    "vadd": lambda a, b: a + b, "vsub": lambda a, b: a - b, "vmul": lambda a, b: a * b,
    "vdiv": _fdiv,
}
_UNARY = {
    "vneg": lambda a: -a, "vabs": abs, "vsqrt": lambda x: math.sqrt(x) if not x < 0 else math.nan,
    "vfloor": _ieee(math.floor), "vceil": _ieee(math.ceil), "vtrunc": _ieee(math.trunc),
    "vnearest": _ieee(round),
}
_CMP = {"veq": lambda a, b: a == b, "vne": lambda a, b: a != b, "vlt": lambda a, b: a < b,
        "vle": lambda a, b: a <= b, "vgt": lambda a, b: a > b, "vge": lambda a, b: a >= b}
_MASK = {"vand": lambda a, b: a and b, "vor": lambda a, b: a or b,
         "vxor": lambda a, b: a != b}


_SIZE = {"float64": 8, "int64": 8, "float32": 4, "int32": 4, "uint8": 1, "bool": 1}


def eval_simd(e, ins: list, mem):
    """The results of SIMD equation `e` on `ins` (memory: an ir.memory.Memory)."""
    p = e.prim
    if p == "vload":
        t, dt = e.params["vtype"], e.params["dtype"]
        size, at = _SIZE[dt], ins[0] + e.params.get("offset", 0)
        return [tuple(mem.load(dt, at + k * size) for k in range(t.lanes))]
    if p == "vstore":
        dt = e.params["dtype"]
        size = _SIZE[dt]
        for k, x in enumerate(ins[1]):
            mem.store(dt, ins[0] + k * size, x)
        return []
    if p == "vsplat":
        t = e.params["vtype"]
        return [tuple(_round(t, ins[0]) for _ in range(t.lanes))]
    if p == "vbuild":
        t = e.params["vtype"]
        return [tuple(_round(t, x) for x in ins)]
    if p == "vextract":
        return [ins[0][e.params["lane"]]]
    t = e.outs[0].type if e.outs else None
    if p in _BINARY:
        return [_lanes_of(t, _BINARY[p], *ins)]
    if p in _UNARY:
        return [_lanes_of(t, _UNARY[p], *ins)]
    if p in _CMP:
        return [tuple(_CMP[p](a, b) for a, b in zip(*ins))]
    if p == "visnan":
        return [tuple(math.isnan(a) for a in ins[0])]
    if p in _MASK:
        return [tuple(_MASK[p](a, b) for a, b in zip(*ins))]
    if p == "vnot":
        return [tuple(not a for a in ins[0])]
    if p == "vselect":
        m, a, b = ins
        return [tuple(x if c else y for c, x, y in zip(m, a, b))]
    if p == "vwrap":
        return [tuple(_memory.wrap(e.params["dtype"], x) for x in ins[0])]
    if p == "vf32":
        return [tuple(_memory.f32(x) for x in ins[0])]
    if p == "vfma":  # the reference is the fused result (relaxed_madd may also not fuse)
        return [_lanes_of(t, _fma32 if t.lane == "float32" else _fma, *ins)]
    if p in _BITS:  # bit and conversion lane ops (section below)
        return [_BITS[p](e, ins)]
    raise RuntimeError(f"no reference semantics for SIMD primitive {p!r}")


# --- bit and conversion lane ops (vbitcast vftoi vitof vshl vshr vband vbor vbxor
# vcopysign vall; passes/vectorize_math.py) --------------------------------------
def _bits_of(x: float) -> int:
    import struct
    return struct.unpack("<q", struct.pack("<d", x))[0]


def _float_of(i: int) -> float:
    import struct
    return struct.unpack("<d", struct.pack("<q", i))[0]


def _ftoi_sat32(x: float) -> int:
    if x != x:
        return 0
    if x >= 2.0**31:
        return 2**31 - 1
    if x <= -2.0**31:
        return -2**31
    return int(x)


def _vbitcast(e, ins):
    if e.params["vtype"].lane == "float64":
        return tuple(_float_of(i) for i in ins[0])
    return tuple(_bits_of(x) for x in ins[0])


_BITS = {
    "vbitcast": _vbitcast,
    "vftoi": lambda e, ins: tuple(_ftoi_sat32(x) for x in ins[0]),
    "vitof": lambda e, ins: tuple(float(_memory.wrap("int32", i)) for i in ins[0]),
    "vshl": lambda e, ins: tuple(_memory.wrap("int64", i << (ins[1] % 64)) for i in ins[0]),
    "vshr": lambda e, ins: tuple(i >> (ins[1] % 64) for i in ins[0]),
    "vband": lambda e, ins: tuple(a & b for a, b in zip(*ins)),
    "vbor": lambda e, ins: tuple(a | b for a, b in zip(*ins)),
    "vbxor": lambda e, ins: tuple(a ^ b for a, b in zip(*ins)),
    "vcopysign": lambda e, ins: tuple(math.copysign(a, b) for a, b in zip(*ins)),
    "vall": lambda e, ins: all(ins[0]),
}
