"""A module that really uses relaxed SIMD, for the two-builds package tests,
built through the real backend for each target.

Place in the pipeline: test fixture of the last stage (`package`). Until the
vectorizer produces vector IR from Python source, the vector function is
written in IR: `madd(x0..x5)` is the lane-wise `vfma` of (x0, x1) * (x2, x3)
+ (x4, x5), which the backend lowers to `f64x2.relaxed_madd` on the
relaxed-simd target and to `f64x2.mul` + `f64x2.add` on the simd target.
`div(a, b)` is traced from Python (its ZeroDivisionError gives the exception
table an entry) and `plain(x)` uses no vector instruction.
"""
from __future__ import annotations

from py2wasm import ir
from py2wasm.api import build_module
from py2wasm.frontend import trace_many
from py2wasm.ir.types import F64X2

LOC = ir.Loc("vecdemo.py", 3, 1, "return x * y + z")
NAME = "vecdemo"


def div(a: float, b: float) -> float:
    return a / b


def plain(x: float) -> float:
    return x * 2.0 + 1.0


def _madd() -> ir.Function:
    fb = ir.FunctionBuilder("madd", [ir.F64] * 6, [], loc=LOC)
    p = fb.params
    a, b, c = (fb.emit("vbuild", [p[i], p[i + 1]], {"vtype": F64X2}) for i in (0, 2, 4))
    (r,) = fb.emit_multi("vfma", [a, b, c], {}, loc=LOC)
    outs = [fb.emit("vextract", [r], {"lane": k}) for k in range(2)]
    fb.fn.result_types = [ir.F64, ir.F64]
    fb.ret(outs)
    fn = fb.finish()
    fn.sig = ir.PySignature(tuple((f"x{i}", ir.F64) for i in range(6)), ir.TupleType((ir.F64, ir.F64)))
    return fn


def module(with_vector: bool = True) -> ir.Module:
    m = trace_many([(div, None), (plain, None)])
    m.source_file = "vecdemo.py"
    if with_vector:
        m.add(_madd())
        m.exports = [*m.exports, "madd"]
    ir.verify_module(m)
    return m


def build(target: str, *, with_vector: bool = True):
    """The backend Build of the module for `target` ("mvp" needs
    with_vector=False: an mvp build cannot hold vector instructions)."""
    return build_module(module(with_vector), name=NAME, target=target, abi="js")


# (function, args, expected): exact in every build (the products are exact,
# so the fused and the unfused multiply-add agree).
CALLS = [
    ("madd", [1.5, 2.0, 0.25, -3.0, 4.0, 1.0], [4.375, -5.0]),
    ("plain", [3.0], 7.0),
    ("div", [1.0, 4.0], 0.25),
]
