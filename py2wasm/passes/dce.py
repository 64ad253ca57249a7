"""Dead-code elimination on the IR.

Place in the pipeline: a pass (IR -> IR). Removes equations whose results are
never used, but only those that can neither raise nor have effects: an unused
`add` on i64 still runs, because Python would raise OverflowError there.
Iterates to a fixed point, so chains of dead values disappear.
"""
from __future__ import annotations

from ..ir import Br, CondBr, Function, Module, Return
from ..ir.primitives import PRIMITIVES


def _removable(prim: str) -> bool:
    p = PRIMITIVES[prim]
    return p.pure and not p.raises


def dce_function(fn: Function) -> int:
    removed = 0
    while True:
        used: set[int] = set()
        for b in fn.blocks:
            for e in b.eqns:
                used.update(v.id for v in e.ins)
            t = b.term
            if isinstance(t, Br):
                used.update(v.id for v in t.args)
            elif isinstance(t, CondBr):
                used.add(t.cond.id)
                used.update(v.id for v in t.then_args + t.else_args)
            elif isinstance(t, Return):
                used.update(v.id for v in t.values)
        before = sum(len(b.eqns) for b in fn.blocks)
        for b in fn.blocks:
            b.eqns = [e for e in b.eqns
                      if not (_removable(e.prim) and not any(o.id in used for o in e.outs))]
        after = sum(len(b.eqns) for b in fn.blocks)
        if after == before:
            return removed
        removed += before - after


def dce(module: Module) -> Module:
    for fn in module.functions.values():
        dce_function(fn)
    return module
