"""Trivial block parameters: a block parameter that receives the same value on
every incoming edge (or itself, around a loop) is that value.

Place in the pipeline: a helper of the `ranges` pass (IR -> IR, in place).
The frontend threads every live Python variable through every loop header
as a block parameter, so `n = len(u)` used as a loop bound and `u`'s size
used by an index check become different SSA values that are always equal.
Replacing such parameters by the one value they carry (Braun et al.'s
trivial-phi removal, iterated to a fixed point) lets the range analysis see
that `j < n` is the bounds check's `j < size`. It changes no computation:
only the names through which a value reaches its uses.
"""
from __future__ import annotations

from ..ir import Br, CondBr, Function, Return, Var


def _edges(fn: Function):
    """(pred, target, args) for every branch edge of the reachable blocks."""
    for b in fn.reachable_blocks():
        t = b.term
        if isinstance(t, Br):
            yield b, t.target, t.args
        elif isinstance(t, CondBr):
            yield b, t.then, t.then_args
            yield b, t.else_, t.else_args


def substitute(fn: Function, subst: dict[int, Var]) -> None:
    """Rewrite every use of a var whose id is in `subst` (chains resolved)."""
    if not subst:
        return

    def r(v: Var) -> Var:
        while v.id in subst:
            v = subst[v.id]
        return v

    for b in fn.blocks:
        for e in b.eqns:
            e.ins = [r(v) for v in e.ins]
        t = b.term
        if isinstance(t, Br):
            t.args = [r(v) for v in t.args]
        elif isinstance(t, CondBr):
            t.cond = r(t.cond)
            t.then_args = [r(v) for v in t.then_args]
            t.else_args = [r(v) for v in t.else_args]
        elif isinstance(t, Return):
            t.values = [r(v) for v in t.values]


def remove_trivial_params(fn: Function) -> int:
    """Remove every trivial parameter of the non-entry blocks of `fn`;
    returns how many were removed."""
    removed = 0
    entry = fn.entry
    while True:
        incoming: dict[int, list[list[Var]]] = {}
        for _pred, target, args in _edges(fn):
            incoming.setdefault(id(target), []).append(args)
        subst: dict[int, Var] = {}
        drop: dict[int, set[int]] = {}
        for b in fn.reachable_blocks():
            if b is entry or id(b) not in incoming:
                continue
            for i, p in enumerate(b.params):
                vals = {a[i].id: a[i] for a in incoming[id(b)]}
                vals.pop(p.id, None)
                if len(vals) == 1:
                    (v,) = vals.values()
                    w = v
                    while w.id in subst:
                        w = subst[w.id]
                    if w is p:  # only reachable through itself: not valid SSA, leave it
                        continue
                    subst[p.id] = v
                    drop.setdefault(id(b), set()).add(i)
        if not subst:
            return removed
        # drop the parameters and the matching branch arguments (of every
        # block: an unreachable one may branch here too), then rename
        for b in fn.blocks:
            t = b.term
            if isinstance(t, Br) and id(t.target) in drop:
                t.args = [a for i, a in enumerate(t.args) if i not in drop[id(t.target)]]
            elif isinstance(t, CondBr):
                if id(t.then) in drop:
                    t.then_args = [a for i, a in enumerate(t.then_args)
                                   if i not in drop[id(t.then)]]
                if id(t.else_) in drop:
                    t.else_args = [a for i, a in enumerate(t.else_args)
                                   if i not in drop[id(t.else_)]]
        for b in fn.reachable_blocks():
            if id(b) in drop:
                b.params = [p for i, p in enumerate(b.params) if i not in drop[id(b)]]
        # a substituted value may itself be a removed parameter: chains resolve
        substitute(fn, subst)
        removed += len(subst)


__all__ = ["remove_trivial_params", "substitute"]
