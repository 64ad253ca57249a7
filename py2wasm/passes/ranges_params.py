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

from ..ir import Br, CondBr, Function, Var


def _edges_of(blocks):
    """(pred, target, args) for every branch edge out of `blocks`."""
    for b in blocks:
        t = b.term
        if isinstance(t, Br):
            yield b, t.target, t.args
        elif isinstance(t, CondBr):
            yield b, t.then, t.then_args
            yield b, t.else_, t.else_args


def _resolver(subst: dict[int, Var]):
    """v -> the value its chain of substitutions ends at, compressing every
    path it walks (a chain of n renamings costs O(n) once, not per use)."""
    def r(v: Var) -> Var:
        w = subst.get(v.id)
        if w is None:
            return v
        path = [v]
        while w.id in subst:
            path.append(w)
            w = subst[w.id]
        for x in path:
            subst[x.id] = w
        return w
    return r


def substitute(fn: Function, subst: dict[int, Var]) -> None:
    """Rewrite every use of a var whose id is in `subst` (chains resolved)."""
    if not subst:
        return
    r = _resolver(subst)
    for b in fn.blocks:
        b.rename_uses(r)


def remove_trivial_params(fn: Function) -> int:
    """Remove every trivial parameter of the non-entry blocks of `fn`;
    returns how many were removed.

    A worklist to the fixed point: removing a parameter (renaming it to the
    one value it carries) revisits only the parameters that receive it on
    some edge, so a chain of n blocks each forwarding the previous one's
    parameter costs O(n) (sweeping the whole function until nothing changed
    took one sweep per link: quadratic)."""
    entry = fn.entry
    reachable = fn.reachable_blocks()
    incoming: dict[int, list[list[Var]]] = {}
    for _pred, target, args in _edges_of(reachable):
        incoming.setdefault(id(target), []).append(args)
    params: list[tuple] = []  # (block, index, param)
    users: dict[int, list[int]] = {}  # var id -> params (indices) receiving it
    for b in reachable:
        if b is entry or id(b) not in incoming:
            continue
        for i, p in enumerate(b.params):
            k = len(params)
            params.append((b, i, p))
            for a in incoming[id(b)]:
                users.setdefault(a[i].id, []).append(k)
    subst: dict[int, Var] = {}
    r = _resolver(subst)
    removed = [False] * len(params)
    work = list(range(len(params) - 1, -1, -1))
    while work:
        k = work.pop()
        if removed[k]:
            continue
        b, i, p = params[k]
        only = None
        for a in incoming[id(b)]:
            v = r(a[i])
            if v is p or v is only:
                continue
            if only is not None:
                break
            only = v
        else:
            if only is None:  # only reachable through itself: not valid SSA, leave it
                continue
            subst[p.id] = only
            removed[k] = True
            # the parameters that receive p now receive `only`: look again
            mine = users.pop(p.id, [])
            work.extend(mine)
            theirs = users.get(only.id)
            if theirs is None:
                users[only.id] = mine
            elif len(theirs) < len(mine):  # smaller into larger: O(n log n) moves
                mine.extend(theirs)
                users[only.id] = mine
            else:
                theirs.extend(mine)
    if not subst:
        return 0
    drop: dict[int, set[int]] = {}
    for k, (b, i, _p) in enumerate(params):
        if removed[k]:
            drop.setdefault(id(b), set()).add(i)
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
    for b in reachable:
        if id(b) in drop:
            b.params = [p for i, p in enumerate(b.params) if i not in drop[id(b)]]
    substitute(fn, subst)
    return len(subst)


__all__ = ["remove_trivial_params", "substitute"]
