"""Loop versioning: one test before a loop instead of a bounds check in it.

Place in the pipeline: a pass (IR -> IR) of the shared pipeline, after
`ranges` (which removes the checks it can prove on its own) and before
`dce`. `d[i, j]` in `for j in range(d.shape[0])` tests `j >= d.shape[1]`
on every iteration: nothing inside the loop says the matrix is square.
For an innermost loop whose header exits on `not (j < B)` (B defined
before the loop) and whose body has a bounds check that raises when
`j >= L` or `j > L` (L defined before the loop, possibly or-ed with other
such tests or with a constant False), the loop is copied:

    pre:  g = le B L (one per distinct L, and-ed)
          cond_br g, fast(), slow()
    fast: br header'(args)   -- the copy, without those checks
    slow: br header(args)    -- the original loop, checks and all
                                (meta "versioned": "checked": the vectorizer
                                leaves it scalar)

Exact: in the body `j < B` holds (the header's test dominates it), so
under `B <= L` the checks' conditions are false and removing them changes
nothing; when the guard is false the original loop runs and raises where
CPython does. The guard only compares values already computed (it cannot
raise). Values of the loop used after it become parameters of the exit
block (each copy passes its own) when the header's test is the loop's only
exit; other loops using their values after them, and loops larger than
MAX_BODY equations, are left alone.
"""
from __future__ import annotations

from ..ir import BOOL, Br, CondBr, Eqn, Function, Module, Var
from ..ir.core import Block
from ..ir.dominators import Dominators, predecessors
from .dce import dce_function
from .licm import _loops
from .loop_copy import copy_loop
from .loop_shape import next_label

MAX_BODY = 400   # equations in the loop: the copy doubles them
_CHECKS = ("raise_if", "raise_if_fmt")
_FLIP = {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le"}


class _Info:
    def __init__(self, fn: Function):
        self.defs: dict[int, Eqn] = {}
        self.consts: dict[int, object] = {}
        for b in fn.blocks:
            for e in b.eqns:
                for o in e.outs:
                    self.defs[o.id] = e
                if e.prim == "const":
                    self.consts[e.outs[0].id] = e.params.get("value")

    def cmp(self, v: Var):
        """(op, a, b) when v = `a op b` (op one of lt le gt ge), else None."""
        e = self.defs.get(v.id)
        if e is None or e.prim not in _FLIP:
            return None
        return e.prim, e.ins[0], e.ins[1]


def _upper_limit(info: _Info, cond: Var, iv: Var, inside: set, body_defs: set):
    """The limits L (defined before the loop) such that `cond` is false when
    iv < L: cond an or-tree (of the loop) of `iv >= L`, `iv > L` and
    constant False; None if some leaf is anything else."""
    limits: list = []
    stack = [cond]
    while stack:
        v = stack.pop()
        if info.consts.get(v.id, None) is False:
            continue
        e = info.defs.get(v.id)
        if e is not None and e.prim == "or" and v.id in body_defs:
            stack.extend(e.ins)
            continue
        c = info.cmp(v)
        if c is None:
            return None
        op, a, b = c
        if b is iv:
            op, a, b = _FLIP[op], b, a
        if a is not iv or op not in ("ge", "gt") or b.id in inside or b.type is not iv.type:
            return None
        limits.append(b)
    return limits


def _rename(b: Block, m: dict) -> None:
    b.rename_uses(lambda v: m.get(v.id, v))


def _version(fn: Function, info: _Info, h: Block, body: set, pre: Block, blocks: list,
             preds: dict) -> bool:
    loop = [b for b in blocks if id(b) in body]
    if sum(len(b.eqns) for b in loop) > MAX_BODY:
        return False
    inside: set[int] = set()
    for b in loop:
        inside.update(p.id for p in b.params)
        for e in b.eqns:
            inside.update(o.id for o in e.outs)
    t = h.term
    if not isinstance(t, CondBr) or id(t.then) not in body or id(t.else_) in body or t.then is h:
        return False
    if len(preds.get(id(t.then), ())) != 1:
        return False  # the body is entered from the header's test alone
    c = info.cmp(t.cond)
    if c is None:
        return False
    op, iv, bound = c
    if op == "gt":
        op, iv, bound = "lt", bound, iv
    if op != "lt" or bound.id in inside or info.defs.get(t.cond.id) not in h.eqns:
        return False
    body_defs = {o.id for b in loop if b is not h for e in b.eqns for o in e.outs}
    drop: set[int] = set()
    limits: list[Var] = []
    for b in loop:
        if b is h:
            continue  # the header's own checks run before its test
        for e in b.eqns:
            if e.prim in _CHECKS:
                ls = _upper_limit(info, e.ins[0], iv, inside, body_defs)
                if ls:
                    drop.add(id(e))
                    limits += [x for x in ls if all(x is not y for y in limits)]
    if not drop:
        return False
    if not isinstance(pre.term, Br) or pre.term.target is not h:
        return False
    # values of the loop used after it: passed to the exit block as new
    # parameters (merging the two copies' values), when the header's test is
    # the loop's only exit, the exit block is entered from it alone, and the
    # values are the header's own (defined wherever the exit is taken)
    after: list[Var] = []
    seen: set[int] = set()
    for b in fn.blocks:
        if id(b) not in body:
            for v in b.uses():
                if v.id in inside and v.id not in seen:
                    seen.add(v.id)
                    after.append(v)
    exit_ = t.else_
    if after:
        exits = [(b, s) for b in loop for s in b.successors() if id(s) not in body]
        mine = {p.id for p in h.params} | {o.id for e in h.eqns for o in e.outs}
        if (any(b is not h or s is not exit_ for b, s in exits) or preds.get(id(exit_)) != [h]
                or t.then is exit_ or any(v.id not in mine for v in after)):
            return False
    # the copy
    bmap, var = copy_loop(fn, loop, inside, drop)
    if after:
        ps = {v.id: Var(v.type, v.hint) for v in after}
        outside = [b for b in fn.blocks if id(b) not in body and all(b is not nb for nb in bmap.values())]
        for b in outside:
            _rename(b, ps)
        exit_.params = list(exit_.params) + [ps[v.id] for v in after]
        t.else_args = list(t.else_args) + after
        ct = bmap[id(h)].term
        ct.else_args = list(ct.else_args) + [var(v) for v in after]
    # the guard, in the preheader
    loc = next((e.loc for b in loop for e in b.eqns if id(e) in drop), None)
    g = None
    for lim in limits:
        gi = Var(BOOL)
        pre.eqns.append(Eqn("le", [bound, lim], [gi], {}, loc))
        if g is not None:
            a = Var(BOOL)
            pre.eqns.append(Eqn("and", [g, gi], [a], {}, loc))
            gi = a
        g = gi
    args = list(pre.term.args)
    fast = Block(next_label(fn), [], [], Br(bmap[id(h)], list(args)))
    fn.blocks.append(fast)
    slow = Block(next_label(fn), [], [], Br(h, list(args)))
    fn.blocks.append(slow)
    pre.term = CondBr(g, fast, [], slow, [])
    h.meta = {**h.meta, "versioned": "checked"}  # not worth vectorizing (passes/vectorize)
    return True


def version_function(fn: Function) -> int:
    dom = Dominators(fn)
    loops = _loops(fn, dom)
    headers = {id(h) for h, _b, _p in loops}
    preds = predecessors(dom.rpo)
    info = _Info(fn)
    blocks = list(dom.rpo)
    done = 0
    for h, body, pre in loops:
        if pre is None or any(x in body for x in headers if x != id(h)):
            continue  # innermost loops only
        done += _version(fn, info, h, body, pre, blocks, preds)
    if done:
        dce_function(fn)
    return done


def version_loops(module: Module) -> Module:
    for fn in module.functions.values():
        version_function(fn)
    return module
