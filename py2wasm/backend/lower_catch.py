"""Lowering of caught exceptions (try/except in compiled code).

Place in the pipeline: backend, called by `lower_function` (raises inside an
equation marked catch=True, soft functions, calls) and `compile_module`
(`finish`: the class tests). An exception is the i32 code of its entry in
the module's exception table (`exceptions.py`), kept in the exported global
`py2wasm_exc` while pending:

- an equation with params catch=True is lowered inside a named block; a raise
  in it stores its code and leaves the block (`br`) instead of trapping, and
  the frontend's `exc_take` that follows reads and clears the code;
- a function marked `soft` (a callee traced for a call inside a try region)
  returns zeros with its code stored instead of trapping, and returns
  likewise after a call that left an exception pending;
- `exc_is(code)[cls=C]` calls `py2wasm.exc_is.C`, made once every function is
  lowered (the table is complete then): is the code's entry a C?
"""
from __future__ import annotations

from . import binaryen as bn
from .binaryen import Op
from .exceptions import EXC_GLOBAL
from .lower_ops import lowering

EXC_IS = "py2wasm.exc_is."


def soft(fn) -> bool:
    return getattr(fn, "soft", False)


def raise_expr(L, code_expr):
    """Raise the exception of i32 `code_expr` from where L is lowering."""
    m = L.m
    label = getattr(L, "catch_label", None)
    if label is not None:
        leave = m.br(label)
    elif soft(L.fn):
        leave = soft_return(L)
    else:
        return L.ctx.raise_code(code_expr)
    return m.block(None, [m.global_set(EXC_GLOBAL, code_expr), leave], bn.unreachable_type)


def soft_return(L):
    """`return` with zero results (the caller looks at the pending code first)."""
    m = L.m
    zeros = [_zero(m, L.wtype(t)) for t in L.fn.result_types]
    return m.return_(zeros[0] if len(zeros) == 1 else m.tuple_make(zeros) if zeros else None)


def _zero(m, t):
    return m.i64(0) if t == bn.i64 else m.f64(0.0) if t == bn.f64 else m.i32(0)


def after_call(L):
    """After a call in a soft function or a catching equation: leave if the
    callee left an exception pending."""
    m = L.m
    pending = m.global_get(EXC_GLOBAL, bn.i32)
    if getattr(L, "catch_label", None) is not None:
        return m.br(L.catch_label, pending)
    return m.if_(pending, soft_return(L))


def wrap(L, e, lower_eqn) -> list:
    """Lower equation `e` (params catch=True) so that a raise leaves it."""
    L.catches = getattr(L, "catches", 0) + 1
    label = f"catch{L.catches}"
    L.catch_label = label
    try:
        stmts = lower_eqn(L, e)
    finally:
        L.catch_label = None
    return [L.m.block(label, stmts, bn.none)]


@lowering("exc_take")
def _exc_take(L, e):
    m = L.m
    return [L.set(e.outs[0], m.unary(Op.ExtendUInt32, m.global_get(EXC_GLOBAL, bn.i32))),
            m.global_set(EXC_GLOBAL, m.i32(0))]


@lowering("exc_code")
def _exc_code(L, e):
    c = L.code(e.params["exc"], e.params["msg"], e.loc)
    return [L.set(e.outs[0], L.m.i64(c))]


@lowering("exc_throw")
def _exc_throw(L, e):
    m = L.m
    return [raise_expr(L, m.unary(Op.WrapInt64, L.get(e.ins[0])))]


@lowering("exc_is")
def _exc_is(L, e):
    m = L.m
    cls = e.params["cls"]
    classes = getattr(L.ctx, "exc_classes", None)
    if classes is None:
        classes = L.ctx.exc_classes = set()
    classes.add(cls)
    return [L.set(e.outs[0], m.call(EXC_IS + cls, [m.unary(Op.WrapInt64, L.get(e.ins[0]))],
                                    bn.i32))]


def finish(ctx) -> None:
    """The class tests `exc_is` calls, over the now complete exception table:
    (code in run a..b) or ... for the runs of codes whose type is a `cls`."""
    from ..errors import exception_class
    m = ctx.m
    for cls in sorted(getattr(ctx, "exc_classes", ())):
        want = exception_class(cls)
        yes = [i + 1 for i, ent in enumerate(ctx.exceptions.entries)
               if want is not None and _is_a(exception_class(ent["type"]), want)]
        runs: list[list[int]] = []
        for c in yes:
            if runs and runs[-1][1] == c - 1:
                runs[-1][1] = c
            else:
                runs.append([c, c])
        code = m.local_get(0, bn.i32)
        test = m.i32(0)
        for a, b in runs:
            t = (m.binary(Op.EqInt32, m.local_get(0, bn.i32), m.i32(a)) if a == b else
                 m.binary(Op.LeUInt32, m.binary(Op.SubInt32, m.local_get(0, bn.i32), m.i32(a)),
                          m.i32(b - a)))
            test = m.binary(Op.OrInt32, test, t)
        del code
        m.add_function(EXC_IS + cls, [bn.i32], [bn.i32], [], test)


def _is_a(t, want) -> bool:
    return isinstance(t, type) and issubclass(t, want)
