"""Float32 values in f32 locals, and float32 arithmetic as wasm's f32 operators.

Place in the pipeline: backend, used by `lower_function.FunctionLowering`
before it lowers a function's equations. The IR has one float type, f64: a
float32 value is an f64 that the frontend rounds with the `f32` primitive
after each operation (`f32(add(a, b))`), so a literal lowering spends an
`f32.demote_f64`/`f64.promote_f32` pair on every float32 operation. Here:

- *float32-exact* values are found: the results of `f32`, float32 `load`s,
  lanes extracted from f32x4 vectors (`vextract`: the vectorizer's
  float32 sums leaving their lanes, e.g. for the tree of a dot product),
  f64 constants that a float32 holds exactly (not NaN), and block parameters
  all of whose incoming arguments are float32-exact (the greatest fixpoint,
  so loop-carried accumulators qualify);
- such values (besides constants and the function's parameters, whose wasm
  types the signature fixes) that are read as f32 (below) at least as often
  as as f64 live in f32 locals: `get` promotes (exact),
  `set` demotes (exact for a float32-exact value; a `promote` at the root of
  the stored expression is peeled instead), `get32` reads the f32 directly;
- `r = f32(t)` where `t = add|sub|mul|fdiv(a, b)` or `sqrt|neg|fabs|abs(a)` on f64, `t`
  is used by nothing else and the operands are float32-exact is lowered as
  one `f32.add|sub|mul|div|sqrt|neg|abs` on the f32 operands, at `t`'s place (its
  operands are live there; `r`'s local is then written before the `f32`
  equation, which emits nothing, and nothing reads `r` in between: SSA);
- a comparison of two float32-exact values (one at least not a constant)
  compares the f32 values (promotion is exact and monotone).

Exactness: neg and abs are exact; for the other five operations on float32
operands, the float64 result rounded to float32 equals the float32 operation's result (double
rounding is innocuous since 53 >= 2*24 + 2; overflow, underflow and
subnormals included: the f64 intermediate never over- or underflows), so the
values are bit for bit those of the literal lowering, signed zeros and
infinities included. NaNs stay NaNs; their payload and sign follow wasm's
NaN propagation either way (nondeterministic in the spec in both lowerings;
docs/arrays.md: the sign of a NaN). A compound expression rounded once (say
`f32(a * b + c)`, one rounding of an f64 sum of an unrounded product) is not
of this shape and stays in f64.
"""
from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field

import cffi

from .. import ir
from ..ir.types import F32X4, F64
from . import binaryen as bn

_ffi = cffi.FFI()
_ffi.include(bn.ffi)
_ffi.cdef("""
BinaryenType BinaryenTypeFloat32(void);
BinaryenExpressionRef BinaryenConst(BinaryenModuleRef module, struct BinaryenLiteral value);
BinaryenOp BinaryenAddFloat32(void);
BinaryenOp BinaryenSubFloat32(void);
BinaryenOp BinaryenMulFloat32(void);
BinaryenOp BinaryenDivFloat32(void);
BinaryenOp BinaryenSqrtFloat32(void);
BinaryenOp BinaryenNegFloat32(void);
BinaryenOp BinaryenAbsFloat32(void);
BinaryenOp BinaryenEqFloat32(void);
BinaryenOp BinaryenNeFloat32(void);
BinaryenOp BinaryenLtFloat32(void);
BinaryenOp BinaryenLeFloat32(void);
BinaryenOp BinaryenGtFloat32(void);
BinaryenOp BinaryenGeFloat32(void);
BinaryenOp BinaryenDemoteFloat64(void);
BinaryenOp BinaryenPromoteFloat32(void);
struct BinaryenLiteral BinaryenLiteralFloat32Bits(int32_t x);
uint32_t BinaryenExpressionGetId(BinaryenExpressionRef expr);
uint32_t BinaryenUnaryId(void);
BinaryenOp BinaryenUnaryGetOp(BinaryenExpressionRef expr);
BinaryenExpressionRef BinaryenUnaryGetValue(BinaryenExpressionRef expr);
""")
_lib = _ffi.dlopen(bn._library_path())  # noqa: SLF001 - the same library binaryen.py opens
F32 = _lib.BinaryenTypeFloat32()
DEMOTE = _lib.BinaryenDemoteFloat64()
PROMOTE = _lib.BinaryenPromoteFloat32()
_UNARY_ID = _lib.BinaryenUnaryId()
BINARY32 = {"add": _lib.BinaryenAddFloat32(), "sub": _lib.BinaryenSubFloat32(),
            "mul": _lib.BinaryenMulFloat32(), "fdiv": _lib.BinaryenDivFloat32()}
UNARY32 = {"sqrt": _lib.BinaryenSqrtFloat32(), "neg": _lib.BinaryenNegFloat32(),
           "fabs": _lib.BinaryenAbsFloat32(), "abs": _lib.BinaryenAbsFloat32()}
FUSABLE = (*BINARY32, *UNARY32)
COMPARE32 = {"eq": _lib.BinaryenEqFloat32(), "ne": _lib.BinaryenNeFloat32(),
             "lt": _lib.BinaryenLtFloat32(), "le": _lib.BinaryenLeFloat32(),
             "gt": _lib.BinaryenGtFloat32(), "ge": _lib.BinaryenGeFloat32()}


def float32_exact(x: float) -> bool:
    """Does a float32 hold x exactly? (NaN: no, its payload may not fit.)"""
    if math.isnan(x):
        return False
    if math.isinf(x):
        return True
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0] == x
    except OverflowError:  # beyond float32's range
        return False


def literal32(m, x: float):
    """An f32.const holding the float32-exact value x."""
    bits = struct.unpack("<i", struct.pack("<f", x))[0]
    return _lib.BinaryenConst(m.ref, _lib.BinaryenLiteralFloat32Bits(bits))


def as_f32(m, expr):
    """The f32 expression of an f64 expression whose value is float32-exact:
    `promote(y)` -> y, anything else -> `demote(expr)`."""
    if (_lib.BinaryenExpressionGetId(expr) == _UNARY_ID
            and _lib.BinaryenUnaryGetOp(expr) == PROMOTE):
        return _lib.BinaryenUnaryGetValue(expr)
    return m.unary(DEMOTE, expr)


def promote(m, expr):
    return m.unary(PROMOTE, expr)


def demote(m, expr):
    return m.unary(DEMOTE, expr)


@dataclass
class Plan:
    """What `plan` found in one function."""
    locals: set = field(default_factory=set)  # var ids kept in f32 locals
    fused: dict = field(default_factory=dict)  # id(op eqn) -> its `f32` eqn
    skip: set = field(default_factory=set)  # ids of `f32` eqns lowered with their op
    compares: set = field(default_factory=set)  # ids of comparisons made in f32


def _term_uses(t):
    if isinstance(t, ir.Br):
        return t.args
    if isinstance(t, ir.CondBr):
        return [t.cond, *t.then_args, *t.else_args]
    if isinstance(t, ir.Return):
        return t.values
    return []


def plan(fn: ir.Function, blocks: list, consts: dict) -> Plan:
    """The float32-exact values of `fn` (reachable `blocks`; `consts`: var id
    -> (type, value) of its scalar constants) and the fusable operations."""
    base: set = set()
    for b in blocks:
        for e in b.eqns:
            if (e.prim == "f32" or (e.prim == "load" and e.params.get("dtype") == "float32")
                    or (e.prim == "vextract" and e.ins[0].type is F32X4)):
                base.add(e.outs[0].id)

    def const_exact(v) -> bool:
        c = consts.get(v.id)
        return c is not None and c[0] is F64 and float32_exact(float(c[1]))

    entry = fn.entry
    cand = {p.id for b in blocks if b is not entry for p in b.params if p.type is F64}
    incoming: dict = {}  # param id -> its arguments on every edge
    for b in blocks:
        for target, args in b.edges():
            for p, a in zip(target.params, args):
                if p.id in cand:
                    incoming.setdefault(p.id, []).append(a)
    changed = True
    while changed:  # greatest fixpoint: drop a parameter with an inexact argument
        changed = False
        for pid in list(cand):
            if any(not (a.id in base or a.id in cand or const_exact(a))
                   for a in incoming.get(pid, ())):
                cand.discard(pid)
                changed = True
    exact = base | cand
    out = Plan()

    uses: dict = {}
    for b in blocks:
        for e in b.eqns:
            for v in e.ins:
                uses[v.id] = uses.get(v.id, 0) + 1
        for v in _term_uses(b.term):
            uses[v.id] = uses.get(v.id, 0) + 1
    for b in blocks:
        rounding: dict = {}  # var id -> the `f32` eqn of this block rounding it
        for e in b.eqns:
            if e.prim == "f32":
                rounding[e.ins[0].id] = e
        for e in b.eqns:
            if e.prim not in FUSABLE or not e.outs or e.outs[0].type is not F64:
                continue
            t = e.outs[0]
            r = rounding.get(t.id)
            if r is None or uses.get(t.id) != 1:
                continue
            if all(v.type is F64 and (v.id in exact or const_exact(v)) for v in e.ins):
                out.fused[id(e)] = r
                out.skip.add(id(r))
        for e in b.eqns:  # a comparison of float32 values is the same in f32
            if (e.prim in COMPARE32 and all(v.type is F64 for v in e.ins)
                    and all(v.id in exact or const_exact(v) for v in e.ins)
                    and any(v.id in exact for v in e.ins)):
                out.compares.add(id(e))
    out.locals = _f32_locals(blocks, exact, out)
    return out


def _f32_locals(blocks, exact: set, p: Plan) -> set:
    """The float32-exact values read as f32 (operands of the f32 operations
    and comparisons, float32 stores, `f32`, arguments of float32-exact block
    parameters) at least as often as as f64 (everything else, which
    promotes): those live in f32 locals, the others stay in f64 locals."""
    as32: dict = {}
    as64: dict = {}

    def count(v, f32_use: bool):
        if v.id in exact:
            d = as32 if f32_use else as64
            d[v.id] = d.get(v.id, 0) + 1
    for b in blocks:
        for e in b.eqns:
            f32_op = id(e) in p.fused or id(e) in p.compares or e.prim == "f32"
            store32 = e.prim == "store" and e.params.get("dtype") == "float32"
            for k, v in enumerate(e.ins):
                count(v, f32_op or (store32 and k == 1))
        t = b.term
        for target, args in b.edges():
            for q, a in zip(target.params, args):
                count(a, q.id in exact)
        for v in t.values if isinstance(t, ir.Return) else ():
            count(v, False)
    return {v for v in exact if as32.get(v, 0) >= as64.get(v, 0)}


def lower_fused(L, e, r) -> list:
    """`r = f32(e)` with e an f64 add/sub/mul/fdiv/sqrt of float32-exact
    operands, as the f32 operation (see the module docstring)."""
    m = L.m
    if e.prim in UNARY32:
        x = m.unary(UNARY32[e.prim], L.get32(e.ins[0]))
    else:
        a, b = e.ins
        x = m.binary(BINARY32[e.prim], L.get32(a), L.get32(b))
    return [L.set32(r.outs[0], x)]


def lower_compare(L, e) -> list:
    """A comparison of two float32-exact values, in f32 (promotion is exact
    and monotone; NaN compares unordered in both)."""
    a, b = e.ins
    return [L.set(e.outs[0], L.m.binary(COMPARE32[e.prim], L.get32(a), L.get32(b)))]


__all__ = ["Plan", "plan", "lower_fused", "lower_compare", "as_f32", "literal32", "float32_exact", "F32"]
