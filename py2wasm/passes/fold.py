"""Constant folding on the IR.

Place in the pipeline: a pass (IR -> IR), run before dead-code elimination.
The frontend already evaluates everything known at trace time; what is left
for this pass are constants that meet only in the IR (a `const` operand
materialized by one helper and combined by another, a condition decided by
two constants). An equation whose operands are all constants is evaluated
with the IR's own semantics (`ir.interpret.evaluate`, the executable
specification the backend follows) and replaced by `const` equations.

What is *not* folded, on purpose:
- an equation whose evaluation raises (`1 // 0` stays, so the program still
  raises ZeroDivisionError at run time, at the right line);
- `math[fn=...]` (its value comes from the module's math library, which may
  differ from the host's by an ulp: folding would make -O0 and -O1 differ);
- `call` and anything impure.

`raise_if` on a known False condition disappears; `cond_br` on a known
condition becomes `br`, and blocks no longer reachable are dropped.
"""
from __future__ import annotations

from ..ir import Br, CondBr, Eqn, Function, Module
from ..ir.types import PY_TYPE
from ..ir.interpret import evaluate
from ..ir.primitives import PRIMITIVES

_NOT_FOLDED = {"const", "call", "math", "raise_if"}


def _foldable(e: Eqn) -> bool:
    return e.prim not in _NOT_FOLDED and PRIMITIVES[e.prim].pure


def _const(out, value, loc) -> Eqn:
    return Eqn("const", [], [out], {"value": PY_TYPE[out.type](value), "type": out.type}, loc)


def fold_function(fn: Function) -> int:
    """Fold `fn` in place to a fixed point; returns the number of equations
    folded or dropped and branches decided."""
    known: dict[int, object] = {}
    changes = 0
    while True:
        before = changes
        for b in fn.blocks:
            kept = []
            for e in b.eqns:
                if e.prim == "const":
                    known[e.outs[0].id] = e.params["value"]
                elif e.prim == "raise_if" and known.get(e.ins[0].id, True) is False:
                    changes += 1
                    continue
                elif _foldable(e) and all(v.id in known for v in e.ins):
                    try:
                        outs = evaluate(e, [known[v.id] for v in e.ins])
                    except (ArithmeticError, ValueError):
                        kept.append(e)
                        continue
                    new = [_const(o, val, e.loc) for o, val in zip(e.outs, outs)]
                    for n in new:
                        known[n.outs[0].id] = n.params["value"]
                    kept.extend(new)
                    changes += 1
                    continue
                kept.append(e)
            b.eqns = kept
            t = b.term
            if isinstance(t, CondBr) and t.cond.id in known:
                take = bool(known[t.cond.id])
                b.term = Br(t.then, t.then_args) if take else Br(t.else_, t.else_args)
                changes += 1
        if changes == before:
            break
    live = {id(b) for b in fn.reachable_blocks()}
    fn.blocks = [b for b in fn.blocks if id(b) in live]
    return changes


def fold(module: Module) -> Module:
    for fn in module.functions.values():
        fold_function(fn)
    return module


__all__ = ["fold", "fold_function"]
