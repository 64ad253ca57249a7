"""The vectorizer's vocabulary: lane shapes (`Lanes`: 2 x 64 bits, or 4 x
float32), the scalar -> vector operation tables, which equations may raise,
a recognised reduction (`_Reduction`) and the refusal that keeps a loop
scalar (`_Refuse`).

Place in the pipeline: part of the vectorizer pass (passes/vectorize.py
analyses a loop, vectorize_emit.py writes its vector form).
"""
from __future__ import annotations

from ..ir import Eqn
from ..ir.primitives import PRIMITIVES
from ..ir.types import BOOL, F32X4, F64, F64X2, I64, I64X2, M32X4, M64X2


class Lanes:
    """A vector shape: `width` lanes, the vector type of each scalar type and
    of each element dtype in memory (dtype -> (itemsize, vector type))."""

    def __init__(self, width, vtype, element):
        self.width, self.vtype, self.element = width, vtype, element


# 64-bit lanes: float64, int64, and float32 elements computed in f64 lanes
LANES64 = Lanes(2, {F64: F64X2, I64: I64X2, BOOL: M64X2},
                {"float64": (8, F64X2), "float32": (4, F64X2), "int64": (8, I64X2),
                 "int32": (4, I64X2), "uint8": (1, I64X2), "bool": (1, M64X2)})
# float32 lanes: loops whose every value is float32 (see _float32_exact)
LANES32 = Lanes(4, {F64: F32X4, BOOL: M32X4}, {"float32": (4, F32X4), "bool": (1, M32X4)})
ELEMENT = LANES64.element
UNROLL = 4  # vector accumulators per reduction (latency: independent chains)
_F32_ROUNDED = ("add", "sub", "mul", "fdiv", "sqrt")  # f32(op(x, y)) == float32 op
_F32_EXACT = ("neg", "abs", "fabs", "floor", "ceil", "trunc", "nearest", "select", "isnan",
              "isinf", "isfinite",
              "eq", "ne", "lt", "le", "gt", "ge", "not", "and", "or", "xor", "load")

_FLOAT_OPS = {"add": "vadd", "sub": "vsub", "mul": "vmul", "fdiv": "vdiv", "neg": "vneg",
              "abs": "vabs", "fabs": "vabs", "sqrt": "vsqrt", "floor": "vfloor",
              "ceil": "vceil", "trunc": "vtrunc", "nearest": "vnearest", "f32": "vf32",
              "isnan": "visnan"}
_INT_OPS = {"wadd": "vadd", "wsub": "vsub", "wmul": "vmul", "wneg": "vneg"}
_CMP = {"eq": "veq", "ne": "vne", "lt": "vlt", "le": "vle", "gt": "vgt", "ge": "vge"}
_BOOL_OPS = {"not": "vnot", "and": "vand", "or": "vor", "xor": "vxor"}
_INDEX_OPS = ("wadd", "wsub", "wmul")
_NEVER_RAISE_ON_FLOATS = ("add", "sub", "mul", "neg", "abs")


class _Refuse(Exception):
    """This loop stays scalar (the reason is the message)."""


def _can_raise(e: Eqn) -> bool:
    if e.prim in ("raise_if", "raise_if_fmt", "call", "alloc"):
        return True
    if e.prim == "convert" and e.params.get("to") is F64 and e.ins[0].type is I64:
        return False  # float(int): rounds, never raises
    if e.prim in _NEVER_RAISE_ON_FLOATS and all(v.type is F64 for v in e.ins):
        return False
    return bool(PRIMITIVES[e.prim].raises)


class _Reduction:
    """A carried value c and the chain of body equations computing c' from
    c and one other input x."""

    def __init__(self, c, new, chain, x, init_mode, identity, postcheck):
        self.c, self.new, self.chain, self.x = c, new, chain, x
        self.init_mode, self.identity, self.postcheck = init_mode, identity, postcheck
