"""Rare checks leave the loop: a fast copy without the check's branch.

Place in the pipeline: a target pass (IR -> IR), after `ifconvert` (which
makes the two-operand checks this pass looks for) and before `licm`,
`offsets` and `rotate` (which then work on both copies). If-conversion
turns an arm's checked operation into `raise_if(p, q)`: raise when p and q
both hold, p the operand test (`x > 3074457345618258602` for `3 * x + 1`)
and q the arm's condition (x odd). The backend lowers it as `if p (if q
raise)`: on the common path p is false, yet V8 lays out p's block in line
and jumps over it on every iteration, and computing `p and q` without a
branch materializes both flags (collatz's inner loop: 10.6 ms against
clang's 9.4 ms; hand-edited variants of its wasm measured both). Here an
innermost loop with such a check, where no equation from the loop's header
to the check writes memory, allocates or calls (so the iteration can start
over), gets a copy in which the check is a side exit:

    pre:  br H'(args)                               -- every entry: the fast copy
    B':   ... ; br S'()
    S':   cond_br p', H(params'), R'()              -- p: restart in the original
    R':   (the rest of B')
    H ... -- the original loop, checks and all, entered only when p held

Exact: the fast copy runs the same equations in the same order as the
original until p holds; then the original loop starts the same iteration
over from the header's parameters (recomputing the equations before the
check gives the same values and does nothing else: they raised nothing the
first time, on the same inputs) and
raises, or not, exactly as before; it runs the rest of the loop. Loops
whose values are used after them (other than through the exit's block
arguments), and loops of more than MAX_BODY equations, are left alone.
Linear: one map of each variable's users for the function.
"""
from __future__ import annotations

from ..ir import Br, CondBr, Eqn, Function, Module, Raise, Return
from ..ir.core import Block
from ..ir.dominators import Dominators, predecessors
from ..ir.primitives import PRIMITIVES
from .licm import _loops
from .loop_copy import copy_loop
from .loop_shape import next_label

MAX_BODY = 200  # equations in the loop: the copy doubles them


_REPEATABLE = ("load", "vload", "raise_if", "raise_if_fmt")


def _repeatable(e: Eqn) -> bool:
    """Can e run again on the same inputs, with the same outcome and no
    effect? Pure equations (those that may raise too: the fast copy reached
    the check, so they did not raise, and on the same inputs they do not
    the second time), checks that did not fire, loads (nothing before the
    check writes); not stores, allocations or calls."""
    return e.prim in _REPEATABLE or PRIMITIVES[e.prim].pure


def _find(h: Block, body: set, preds: dict):
    """(block, index) of the first two-operand raise_if reached from the
    header (or the block its test enters, entered from it alone) through
    repeatable equations only, else None."""
    blocks = [h]
    t = h.term
    if isinstance(t, CondBr) and t.then is not t.else_:
        for s in (t.then, t.else_):
            if id(s) in body and s is not h and [id(p) for p in preds.get(id(s), ())] == [id(h)]:
                blocks.append(s)
    for k, e in enumerate(h.eqns):
        if e.prim == "raise_if" and len(e.ins) == 2:
            return h, k
        if not _repeatable(e):
            return None
    for b in blocks[1:]:
        for k, e in enumerate(b.eqns):
            if e.prim == "raise_if" and len(e.ins) == 2:
                return b, k
            if not _repeatable(e):
                break
    return None


def _split(fn: Function, h: Block, body: set, order: dict, preds: dict, users: dict) -> bool:
    # the loop's blocks in reverse postorder (`order`: id -> (position, block)),
    # found from the body itself: a scan of every block per loop was quadratic
    loop = [b for _k, b in sorted(order[i] for i in body if i in order)]
    if sum(len(b.eqns) for b in loop) > MAX_BODY:
        return False
    entries = [p for p in preds[id(h)] if id(p) not in body]
    if not entries:
        return False
    if any(isinstance(b.term, (Return, Raise)) for b in loop):
        return False
    found = _find(h, body, preds)
    if found is None:
        return False
    cb, ck = found
    inside: set[int] = set()
    for b in loop:
        inside.update(p.id for p in b.params)
        for e in b.eqns:
            inside.update(o.id for o in e.outs)
    if any(bid not in body for v in inside for bid in users.get(v, ())):
        return False  # a value of the loop used after it: not handled
    bmap, var = copy_loop(fn, loop, inside)
    # the check of the copy becomes the side exit into the original loop
    nb = bmap[id(cb)]
    check = nb.eqns[ck]
    rest = Block(next_label(fn), [], nb.eqns[ck + 1:], nb.term, meta={})
    fn.blocks.append(rest)
    # the exit in a block of its own: a header ending in it would look like a
    # top-tested loop to `rotate`, which would move the exit to the bottom
    # and the loop's own test into the middle (measured slower)
    side = Block(next_label(fn), [], [], CondBr(check.ins[0], h, [var(p) for p in h.params], rest, []),
                 meta={})
    fn.blocks.append(side)
    nb.eqns = nb.eqns[:ck]
    nb.term = Br(side, [])
    fast = bmap[id(h)]
    for p in entries:  # every entry edge now enters the fast copy
        t = p.term
        if isinstance(t, Br):
            t.target = fast if t.target is h else t.target
        elif isinstance(t, CondBr):
            t.then = fast if t.then is h else t.then
            t.else_ = fast if t.else_ is h else t.else_
    return True


def split_function(fn: Function) -> int:
    """Give fn's innermost loops with a rare check a fast copy; returns how many."""
    dom = Dominators(fn)
    loops = _loops(fn, dom)
    headers = {id(h) for h, _b, _p in loops}
    preds = predecessors(dom.rpo)
    blocks = list(dom.rpo)
    # var id -> ids of the blocks using it (made once: a copy only uses what
    # its original used, so a later loop's test stays right)
    users: dict[int, set] = {}
    for b in blocks:
        for v in b.uses():
            users.setdefault(v.id, set()).add(id(b))
    order = {id(b): (k, b) for k, b in enumerate(blocks)}
    done = 0
    for h, body, _pre in loops:
        if any(x in headers for x in body if x != id(h)):
            continue  # innermost loops only
        done += _split(fn, h, body, order, preds, users)
    return done


def rare_exit(module: Module) -> Module:
    for fn in module.functions.values():
        split_function(fn)
    return module
