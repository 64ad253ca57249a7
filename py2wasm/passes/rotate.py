"""Loop rotation: a loop's exit test moves to the bottom of the loop.

Place in the pipeline: the last IR pass (after the vectorizer, if-conversion
and licm, which look for loops in the shape the frontend builds), before the
backend. A Python loop comes out of the frontend as

    pre:    br H(init)
    H(i):   c = i < n ; cond_br c, T(), X(i)        # the test, at the top
    T():    ... ; br H(i + 1)                       # the body and the latch

which Binaryen's Relooper renders as `loop { if (c) { body; br loop } }`:
two branches per iteration, and V8's optimizing tier neither rotates it nor
keeps the loop's invariants (base addresses) in registers across the
unrolled copies it makes of such a loop (the 2-D Jacobi sweep: 1.5x the time
of clang's rotated loop). Here every such loop gets a copy H' of its header
at the bottom:

    H(i):   c = i < n ; cond_br c, T(i), X(i)       # entered once: the guard
    T(j):   ... ; br H'(j + 1)                      # now the loop header
    H'(k):  c' = k < n ; cond_br c', T(k), X(k)     # the test, at the bottom

so the loop is `loop { body; br_if loop c' }` (clang's and gcc's loops). The
values H defines that the loop's blocks use arrive in T as new parameters
(from H on entry, from H' on every later iteration).

Exact: H' runs exactly when H ran before (after each iteration), computing
the same values from the same inputs; nothing else moves. Only headers of at
most MAX_HEADER equations are copied (the code grows by that much per loop),
and a loop is left alone when a value its header defines is used after the
loop (it would need a merge at the exit), when its body's first block has
other predecessors, or when the test branches both ways into the loop.
Linear: one map of each variable's users for the function, each loop's
header values looked up there (no scan of the function per loop).
"""
from __future__ import annotations

from ..ir import Block, Br, CondBr, Eqn, Function, Module, Var
from ..ir.dominators import Dominators, predecessors
from .licm import _loops

MAX_HEADER = 12  # equations of a header copied to the bottom of its loop


def rotate_function(fn: Function) -> int:
    """Rotate fn's loops (innermost first); returns how many."""
    dom = Dominators(fn)
    loops = _loops(fn, dom)
    users: dict[int, set] = {}  # var id -> ids of the blocks that use it
    byid = {id(b): b for b in dom.rpo}
    preds = predecessors(dom.rpo)
    for b in dom.rpo:
        for v in b.uses():
            users.setdefault(v.id, set()).add(id(b))
    copy_of: dict[int, int] = {}  # id(H') -> id(H): a copy made here is where its original is
    label = max((b.label for b in fn.blocks), default=0)
    rotated = 0
    for h, body, _pre in loops:
        def inside(bid, body=body):
            while bid not in body and bid in copy_of:
                bid = copy_of[bid]
            return bid in body
        t = h.term
        if not isinstance(t, CondBr) or t.then is t.else_ or len(h.eqns) > MAX_HEADER:
            continue
        then_in, else_in = inside(id(t.then)), inside(id(t.else_))
        if then_in == else_in:
            continue
        body_first = t.then if then_in else t.else_
        if body_first is h or [id(p) for p in preds[id(body_first)]] != [id(h)]:
            continue
        defined = list(h.params) + [o for e in h.eqns for o in e.outs]
        escaping = []  # header values the loop's other blocks use
        ok = True
        for v in defined:
            bids = users.get(v.id, ())
            if any(not inside(bid) for bid in bids):
                ok = False
                break
            if any(bid != id(h) for bid in bids):
                escaping.append(v)
        if not ok:
            continue
        latches = [p for p in preds[id(h)] if inside(id(p))]
        if not latches:
            continue
        # H': the header's copy, reached from the latches
        ren: dict[int, Var] = {}
        def r(v):
            return ren.get(v.id, v)
        label += 1
        h2 = Block(label, [Var(p.type, p.hint) for p in h.params])
        for p, q in zip(h.params, h2.params):
            ren[p.id] = q
        for e in h.eqns:
            outs = [Var(o.type, o.hint) for o in e.outs]
            for o, q in zip(e.outs, outs):
                ren[o.id] = q
            h2.eqns.append(Eqn(e.prim, [r(v) for v in e.ins], outs, dict(e.params), e.loc))
        h2.term = CondBr(r(t.cond), t.then, [r(v) for v in t.then_args],
                         t.else_, [r(v) for v in t.else_args])
        # the body's first block takes the escaping values as parameters
        fresh = {v.id: Var(v.type, v.hint) for v in escaping}
        renamed = {bid for v in escaping for bid in users[v.id] if bid != id(h)}
        for bid in renamed:  # one pass over each block, for all its renamed values
            byid[bid].rename_uses(lambda x: fresh.get(x.id, x))
        body_first.params = list(body_first.params) + [fresh[v.id] for v in escaping]
        extra = list(escaping)
        if then_in:
            t.then_args = list(t.then_args) + extra
            h2.term.then_args = h2.term.then_args + [r(v) for v in extra]
        else:
            t.else_args = list(t.else_args) + extra
            h2.term.else_args = h2.term.else_args + [r(v) for v in extra]
        for v in escaping:  # the users' map follows the renaming
            moved = users.pop(v.id)
            users[fresh[v.id].id] = moved - {id(h)}
            users[v.id] = {id(h)} if id(h) in moved else set()
        # the latches branch to H'
        for p in latches:
            pt = p.term
            if isinstance(pt, Br):
                pt.target = h2
            else:
                if pt.then is h:
                    pt.then = h2
                if pt.else_ is h:
                    pt.else_ = h2
        byid[id(h2)] = h2
        copy_of[id(h2)] = id(h)
        for v in h2.uses():
            users.setdefault(v.id, set()).add(id(h2))
        preds[id(h)] = [p for p in preds[id(h)] if not inside(id(p))]
        preds[id(h2)] = latches
        for s in h2.successors():
            preds[id(s)].append(h2)
        fn.blocks.append(h2)
        rotated += 1
    return rotated


def rotate(module: Module) -> Module:
    for fn in module.functions.values():
        rotate_function(fn)
    return module
