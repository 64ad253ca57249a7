"""One lowering per IR primitive: `LOWERINGS[prim](L, eqn) -> [statements]`.

Place in the pipeline: backend, called by `lower_function` for every
equation. Each lowering computes exactly what `ir/interpret.py` computes
(the executable specification), raising the same exception with the same
message: i64 overflow checks, Python's floor division and modulo, CPython's
float_floor_div / float_rem / float_pow, exact int-float comparisons,
float -> int conversion checks. `L` is the `FunctionLowering` (locals,
exception codes, module context); statements are Binaryen expressions of
type none (or unreachable).
"""
from __future__ import annotations

import math

from .. import ir
from ..ir import messages
from ..ir.types import BOOL, F64, I64
from . import binaryen as bn
from .binaryen import Op
from .imports import call_math
from .exceptions import EXC_GLOBAL

I64_MIN = -2**63
TWO63 = 9223372036854775808.0
INF = math.inf

LOWERINGS = {}


def lowering(*names):
    def deco(f):
        for n in names:
            LOWERINGS[n] = f
        return f
    return deco


def _zero_i64(L, v):
    return L.m.unary(Op.EqZInt64, L.get(v))


def _zero_f64(L, v):
    return L.m.binary(Op.EqFloat64, L.get(v), L.m.f64(0.0))


# --- arithmetic -----------------------------------------------------------

@lowering("add", "sub")
def _add_sub(L, e):
    m = L.m
    a, b = e.ins
    out = e.outs[0]
    if a.type is F64:
        op = Op.AddFloat64 if e.prim == "add" else Op.SubFloat64
        return [L.set(out, m.binary(op, L.get(a), L.get(b)))]
    if e.prim == "add":  # overflow iff both operands' signs differ from the result's
        r = L.set(out, m.binary(Op.AddInt64, L.get(a), L.get(b)))
        ovf = m.binary(Op.AndInt64, m.binary(Op.XorInt64, L.get(a), L.get(out)),
                       m.binary(Op.XorInt64, L.get(b), L.get(out)))
    else:  # overflow iff operands' signs differ and the result's differs from a's
        r = L.set(out, m.binary(Op.SubInt64, L.get(a), L.get(b)))
        ovf = m.binary(Op.AndInt64, m.binary(Op.XorInt64, L.get(a), L.get(b)),
                       m.binary(Op.XorInt64, L.get(a), L.get(out)))
    return [r, L.raise_if(m.binary(Op.LtSInt64, ovf, m.i64(0)),
                          "OverflowError", messages.INT_OVERFLOW, e.loc)]


def _int32_range(L, v):
    """v fits in int32 (so a product of two such values fits in int64)."""
    m = L.m
    return m.binary(Op.LtUInt64, m.binary(Op.AddInt64, L.get(v), m.i64(2**31)), m.i64(2**32))


@lowering("mul")
def _mul(L, e):
    m = L.m
    a, b = e.ins
    out = e.outs[0]
    if a.type is F64:
        return [L.set(out, m.binary(Op.MulFloat64, L.get(a), L.get(b)))]
    slow = m.call(L.ctx.helper("mul_overflows"), [L.get(a), L.get(b)], bn.i32)
    fast = m.binary(Op.AndInt32, _int32_range(L, a), _int32_range(L, b))
    ovf = m.if_(fast, m.i32(0), slow)
    return [L.raise_if(ovf, "OverflowError", messages.INT_OVERFLOW, e.loc),
            L.set(out, m.binary(Op.MulInt64, L.get(a), L.get(b)))]


@lowering("truediv")
def _truediv(L, e):
    m = L.m
    a, b = e.ins
    out = e.outs[0]
    msg = messages.zero_division("truediv", a.type)
    if a.type is F64:
        return [L.raise_if(_zero_f64(L, b), "ZeroDivisionError", msg, e.loc),
                L.set(out, m.binary(Op.DivFloat64, L.get(a), L.get(b)))]
    return [L.raise_if(_zero_i64(L, b), "ZeroDivisionError", msg, e.loc),
            L.set(out, m.call(L.ctx.helper("int_truediv"), [L.get(a), L.get(b)], bn.f64))]


def _fmod(L, a, b):
    return call_math(L.ctx, "fmod", [L.get(a), L.get(b)])


@lowering("floordiv")
def _floordiv(L, e):
    m = L.m
    a, b = e.ins
    out = e.outs[0]
    msg = messages.zero_division("floordiv", a.type)
    if a.type is I64:
        q = m.binary(Op.DivSInt64, L.get(a), L.get(b))
        adjust = m.binary(Op.AndInt32,
                          m.binary(Op.NeInt64, m.binary(Op.RemSInt64, L.get(a), L.get(b)), m.i64(0)),
                          m.binary(Op.LtSInt64, m.binary(Op.XorInt64, L.get(a), L.get(b)), m.i64(0)))
        return [
            L.raise_if(_zero_i64(L, b), "ZeroDivisionError", msg, e.loc),
            L.raise_if(m.binary(Op.AndInt32, m.binary(Op.EqInt64, L.get(a), m.i64(I64_MIN)),
                                m.binary(Op.EqInt64, L.get(b), m.i64(-1))),
                       "OverflowError", messages.INT_OVERFLOW, e.loc),
            L.set(out, m.binary(Op.SubInt64, q, m.unary(Op.ExtendUInt32, adjust))),
        ]
    # CPython's _float_div_mod
    mod, div = L.tmp(bn.f64), L.tmp(bn.f64)
    g = lambda i: m.local_get(i, bn.f64)  # noqa: E731
    return [
        L.raise_if(_zero_f64(L, b), "ZeroDivisionError", msg, e.loc),
        m.local_set(mod, _fmod(L, a, b)),
        m.local_set(div, m.binary(Op.DivFloat64, m.binary(Op.SubFloat64, L.get(a), g(mod)),
                                  L.get(b))),
        m.if_(m.binary(Op.AndInt32, m.binary(Op.NeFloat64, g(mod), m.f64(0.0)),
                       m.binary(Op.NeInt32, m.binary(Op.LtFloat64, L.get(b), m.f64(0.0)),
                                m.binary(Op.LtFloat64, g(mod), m.f64(0.0)))),
              m.local_set(div, m.binary(Op.SubFloat64, g(div), m.f64(1.0)))),
        m.if_(m.binary(Op.NeFloat64, g(div), m.f64(0.0)),
              m.block(None, [
                  L.set(out, m.unary(Op.FloorFloat64, g(div))),
                  m.if_(m.binary(Op.GtFloat64, m.binary(Op.SubFloat64, g(div), L.get(out)),
                                 m.f64(0.5)),
                        L.set(out, m.binary(Op.AddFloat64, L.get(out), m.f64(1.0)))),
              ], bn.none),
              L.set(out, m.binary(Op.CopySignFloat64, m.f64(0.0),
                                  m.binary(Op.DivFloat64, L.get(a), L.get(b))))),
    ]


@lowering("mod")
def _mod(L, e):
    m = L.m
    a, b = e.ins
    out = e.outs[0]
    msg = messages.zero_division("mod", a.type)
    if a.type is I64:
        r = L.get(out)
        fix = m.binary(Op.AndInt32, m.binary(Op.NeInt64, L.get(out), m.i64(0)),
                       m.binary(Op.LtSInt64, m.binary(Op.XorInt64, L.get(out), L.get(b)), m.i64(0)))
        return [
            L.raise_if(_zero_i64(L, b), "ZeroDivisionError", msg, e.loc),
            L.set(out, m.binary(Op.RemSInt64, L.get(a), L.get(b))),
            L.set(out, m.binary(Op.AddInt64, r, m.select(fix, L.get(b), m.i64(0), bn.i64))),
        ]
    # CPython's float_rem
    return [
        L.raise_if(_zero_f64(L, b), "ZeroDivisionError", msg, e.loc),
        L.set(out, _fmod(L, a, b)),
        m.if_(m.binary(Op.NeFloat64, L.get(out), m.f64(0.0)),
              m.if_(m.binary(Op.NeInt32, m.binary(Op.LtFloat64, L.get(b), m.f64(0.0)),
                             m.binary(Op.LtFloat64, L.get(out), m.f64(0.0))),
                    L.set(out, m.binary(Op.AddFloat64, L.get(out), L.get(b)))),
              L.set(out, m.binary(Op.CopySignFloat64, m.f64(0.0), L.get(b)))),
    ]


@lowering("pow")
def _pow(L, e):
    m = L.m
    a, b = e.ins
    out = e.outs[0]
    soft = getattr(L, "catch_label", None) is not None or getattr(L.fn, "soft", False)
    zero = L.code("ZeroDivisionError", messages.zero_pow(), e.loc)
    if a.type is I64:
        neg = L.code("ValueError", messages.INT_POW_NEGATIVE, e.loc)
        ovf = L.code("OverflowError", messages.INT_OVERFLOW, e.loc)
        call = m.call(L.ctx.helper("ipow", soft), [L.get(a), L.get(b), m.i32(zero),
                                                   m.i32(neg), m.i32(ovf)], bn.i64)
    else:
        neg = L.code("ValueError", messages.COMPLEX_POW, e.loc)
        exc, msg = messages.cpython_message(lambda: 10.0 ** 400.0)
        ovf = L.code(exc, msg, e.loc)
        exc, msg = messages.cpython_message(lambda: (-1e-300) ** -1.5)
        codes = [zero, neg, ovf, L.code(exc, msg, e.loc)]
        call = m.call(L.ctx.helper("fpow", soft), [L.get(a), L.get(b)] +
                      [m.i32(c) for c in codes], bn.f64)
    if not soft:
        return [L.set(out, call)]
    from .lower_catch import after_call  # in a try region: the helper returns its raise
    return [L.set(out, call), after_call(L)]


@lowering("neg", "abs")
def _neg_abs(L, e):
    m = L.m
    (a,) = e.ins
    out = e.outs[0]
    if a.type is F64:
        return [L.set(out, m.unary(Op.NegFloat64 if e.prim == "neg" else Op.AbsFloat64, L.get(a)))]
    negated = m.binary(Op.SubInt64, m.i64(0), L.get(a))
    val = negated if e.prim == "neg" else m.select(
        m.binary(Op.LtSInt64, L.get(a), m.i64(0)), negated, L.get(a), bn.i64)
    return [L.raise_if(m.binary(Op.EqInt64, L.get(a), m.i64(I64_MIN)),
                       "OverflowError", messages.INT_OVERFLOW, e.loc),
            L.set(out, val)]


@lowering("invert")
def _invert(L, e):
    m = L.m
    return [L.set(e.outs[0], m.binary(Op.XorInt64, L.get(e.ins[0]), m.i64(-1)))]


# --- bitwise ----------------------------------------------------------------

_BITWISE = {("and", I64): Op.AndInt64, ("or", I64): Op.OrInt64, ("xor", I64): Op.XorInt64,
            ("and", BOOL): Op.AndInt32, ("or", BOOL): Op.OrInt32, ("xor", BOOL): Op.XorInt32}


@lowering("and", "or", "xor")
def _bitwise(L, e):
    a, b = e.ins
    return [L.set(e.outs[0], L.m.binary(_BITWISE[e.prim, a.type], L.get(a), L.get(b)))]


def _negative_shift(L, e, b):
    m = L.m
    exc, msg = messages.cpython_message(lambda: 1 << -1)
    return L.raise_if(m.binary(Op.LtSInt64, L.get(b), m.i64(0)), exc, msg, e.loc)


@lowering("shl")
def _shl(L, e):
    m = L.m
    a, b = e.ins
    out = e.outs[0]
    shifted = m.binary(Op.ShlInt64, L.get(a), L.get(b))  # count taken mod 64
    lost = m.binary(Op.OrInt32, m.binary(Op.GeUInt64, L.get(b), m.i64(64)),
                    m.binary(Op.NeInt64, m.binary(Op.ShrSInt64, L.get(out), L.get(b)), L.get(a)))
    return [
        _negative_shift(L, e, b),
        L.set(out, shifted),
        L.raise_if(m.binary(Op.AndInt32, m.binary(Op.NeInt64, L.get(a), m.i64(0)), lost),
                   "OverflowError", messages.INT_OVERFLOW, e.loc),
    ]


@lowering("shr")
def _shr(L, e):
    m = L.m
    a, b = e.ins
    count = m.select(m.binary(Op.GtUInt64, L.get(b), m.i64(63)), m.i64(63), L.get(b), bn.i64)
    return [_negative_shift(L, e, b),
            L.set(e.outs[0], m.binary(Op.ShrSInt64, L.get(a), count))]


# --- comparisons --------------------------------------------------------------

_CMP = {
    I64: {"eq": Op.EqInt64, "ne": Op.NeInt64, "lt": Op.LtSInt64, "le": Op.LeSInt64,
          "gt": Op.GtSInt64, "ge": Op.GeSInt64},
    F64: {"eq": Op.EqFloat64, "ne": Op.NeFloat64, "lt": Op.LtFloat64, "le": Op.LeFloat64,
          "gt": Op.GtFloat64, "ge": Op.GeFloat64},
    BOOL: {"eq": Op.EqInt32, "ne": Op.NeInt32, "lt": Op.LtUInt32, "le": Op.LeUInt32,
           "gt": Op.GtUInt32, "ge": Op.GeUInt32},
}
_SWAP = {"eq": "eq", "ne": "ne", "lt": "gt", "le": "ge", "gt": "lt", "ge": "le"}


@lowering("eq", "ne", "lt", "le", "gt", "ge")
def _compare(L, e):
    m = L.m
    a, b = e.ins
    out = e.outs[0]
    if a.type is b.type:
        return [L.set(out, m.binary(_CMP[a.type][e.prim], L.get(a), L.get(b)))]
    # int vs float, exactly: c = cmp(i, x) in {-1, 0, 1}, 2 when x is NaN
    op = e.prim
    if a.type is F64:
        a, b, op = b, a, _SWAP[op]
    c = m.call(L.ctx.helper("cmp_int_float"), [L.get(a), L.get(b)], bn.i32)
    test = {"eq": lambda: m.unary(Op.EqZInt32, c),
            "ne": lambda: m.binary(Op.NeInt32, c, m.i32(0)),
            "lt": lambda: m.binary(Op.EqInt32, c, m.i32(-1)),
            "le": lambda: m.binary(Op.LeSInt32, c, m.i32(0)),
            "gt": lambda: m.binary(Op.EqInt32, c, m.i32(1)),
            "ge": lambda: m.binary(Op.LeUInt32, c, m.i32(1))}[op]()
    return [L.set(out, test)]


@lowering("not")
def _not(L, e):
    return [L.set(e.outs[0], L.m.unary(Op.EqZInt32, L.get(e.ins[0])))]


# --- conversions --------------------------------------------------------------

@lowering("convert")
def _convert(L, e):
    m = L.m
    (a,) = e.ins
    out = e.outs[0]
    src, to = a.type, e.params["to"]
    if src is to:
        return [L.set(out, L.get(a))]
    if to is BOOL:
        if src is I64:
            return [L.set(out, m.binary(Op.NeInt64, L.get(a), m.i64(0)))]
        return [L.set(out, m.binary(Op.NeFloat64, L.get(a), m.f64(0.0)))]
    if src is BOOL:
        if to is I64:
            return [L.set(out, m.unary(Op.ExtendUInt32, L.get(a)))]
        return [L.set(out, m.unary(Op.ConvertUInt32ToFloat64, L.get(a)))]
    if to is F64:  # i64 -> f64, round half to even
        return [L.set(out, m.unary(Op.ConvertSInt64ToFloat64, L.get(a)))]
    # f64 -> i64: int(x)
    nan_exc, nan_msg = messages.convert_to_int(math.nan)
    inf_exc, inf_msg = messages.convert_to_int(INF)
    ninf_exc, ninf_msg = messages.convert_to_int(-INF)
    return [
        L.raise_if(m.binary(Op.NeFloat64, L.get(a), L.get(a)), nan_exc, nan_msg, e.loc),
        L.raise_if(m.binary(Op.EqFloat64, L.get(a), m.f64(INF)), inf_exc, inf_msg, e.loc),
        L.raise_if(m.binary(Op.EqFloat64, L.get(a), m.f64(-INF)), ninf_exc, ninf_msg, e.loc),
        L.raise_if(m.binary(Op.OrInt32, m.binary(Op.GeFloat64, L.get(a), m.f64(TWO63)),
                            m.binary(Op.LtFloat64, L.get(a), m.f64(-TWO63))),
                   "OverflowError", messages.INT_OVERFLOW, e.loc),
        L.set(out, m.unary(Op.TruncSFloat64ToInt64, L.get(a))),
    ]


# --- float functions ------------------------------------------------------------

_FUNARY = {"sqrt": Op.SqrtFloat64, "floor": Op.FloorFloat64, "ceil": Op.CeilFloat64,
           "trunc": Op.TruncFloat64, "nearest": Op.NearestFloat64, "fabs": Op.AbsFloat64}


@lowering(*_FUNARY)
def _float_unary(L, e):
    return [L.set(e.outs[0], L.m.unary(_FUNARY[e.prim], L.get(e.ins[0])))]


@lowering("copysign")
def _copysign(L, e):
    a, b = e.ins
    return [L.set(e.outs[0], L.m.binary(Op.CopySignFloat64, L.get(a), L.get(b)))]


@lowering("isnan", "isinf", "isfinite")
def _float_class(L, e):
    m = L.m
    (a,) = e.ins
    if e.prim == "isnan":
        v = m.binary(Op.NeFloat64, L.get(a), L.get(a))
    elif e.prim == "isinf":
        v = m.binary(Op.EqFloat64, m.unary(Op.AbsFloat64, L.get(a)), m.f64(INF))
    else:
        v = m.binary(Op.LtFloat64, m.unary(Op.AbsFloat64, L.get(a)), m.f64(INF))
    return [L.set(e.outs[0], v)]


@lowering("math")
def _math(L, e):
    return [L.set(e.outs[0], call_math(L.ctx, e.params["fn"], [L.get(v) for v in e.ins]))]


# --- misc -----------------------------------------------------------------------

@lowering("select")
def _select(L, e):
    c, a, b = e.ins
    return [L.set(e.outs[0], L.m.select(L.get(c), L.get(a), L.get(b), L.wtype(a.type)))]


@lowering("const")
def _const(L, e):
    if e.outs[0].id in getattr(L, "consts", ()):
        return []  # a literal at each use (FunctionLowering.get)
    m = L.m
    t, v = e.params["type"], e.params["value"]
    if t is I64:
        c = m.i64(v)
    elif t is F64:
        c = m.f64(v)
    else:
        c = m.i32(int(v))
    return [L.set(e.outs[0], c)]


@lowering("raise_if")
def _raise_if(L, e):
    if len(e.ins) == 1:
        return [L.raise_if(L.get(e.ins[0]), e.params["exc"], e.params["msg"], e.loc)]
    # the second operand tested only when the first holds: one compare-and-
    # branch, predicted not taken, on the common path. The inner `if` gets an
    # `else` (storing the exception global's value when nothing is raised:
    # 0, run only when the first operand holds) so that Binaryen does not
    # merge the two ifs back into one on `i32.and` of both flags, which V8
    # computes as two flags in registers on every iteration (collatz: 1.5x
    # slower than the nested form)
    m = L.m
    inner = m.if_(L.get(e.ins[1]), L.raise_stmt(e.params["exc"], e.params["msg"], e.loc),
                  m.global_set(EXC_GLOBAL, m.i32(0)))
    return [m.if_(L.get(e.ins[0]), inner)]


@lowering("call")
def _call(L, e):
    m = L.m
    callee = L.ctx.function_name(e.params["fn"])
    results = [L.wtype(t) for t in e.params["results"]]
    call = m.call(callee, [L.get(v) for v in e.ins], bn.tuple_type(results))
    if not e.outs:
        return [call]
    if len(e.outs) == 1:
        return [L.set(e.outs[0], call)]
    tup = L.tmp(bn.tuple_type(results))
    stmts = [m.local_set(tup, call)]
    for i, o in enumerate(e.outs):
        stmts.append(L.set(o, m.tuple_extract(m.local_get(tup, bn.tuple_type(results)), i)))
    return stmts


def lower_eqn(L, e: ir.Eqn) -> list:
    f = LOWERINGS.get(e.prim)
    if f is None:
        raise NotImplementedError(f"backend: no lowering for primitive {e.prim!r}")
    return f(L, e)
