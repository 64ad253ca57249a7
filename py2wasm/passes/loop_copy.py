"""A copy of a loop's blocks, for the passes that version a loop
(loop_version: a guarded copy without its checks; rare_exit: a fast copy
whose rare check leaves for the original).

Place in the pipeline: a helper of passes/; the IR only.
"""
from __future__ import annotations

from typing import Callable

from ..ir import Br, CondBr, Eqn, Function, Raise, Return, Var
from ..ir.core import Block
from .loop_shape import next_label


def copy_loop(fn: Function, loop: list[Block], inside: set[int], drop=frozenset()
              ) -> tuple[dict[int, Block], Callable[[Var], Var]]:
    """New blocks (appended to `fn`) copying `loop`'s, with fresh Vars for the
    values defined inside it (`inside`: their ids) and branches between the
    loop's blocks going to the copies; equations whose id is in `drop` are
    left out. Returns the map id(old block) -> its copy and the Var map."""
    vmap: dict[int, Var] = {}

    def var(v: Var) -> Var:
        if v.id not in inside:
            return v
        n = vmap.get(v.id)
        if n is None:
            n = vmap[v.id] = Var(v.type, v.hint)
        return n

    bmap: dict[int, Block] = {}
    for b in loop:
        nb = Block(next_label(fn), [var(p) for p in b.params], meta=dict(b.meta))
        fn.blocks.append(nb)
        bmap[id(b)] = nb

    def blk(b: Block) -> Block:
        return bmap.get(id(b), b)

    for b in loop:
        nb = bmap[id(b)]
        nb.eqns = [Eqn(e.prim, [var(v) for v in e.ins], [var(o) for o in e.outs], dict(e.params),
                       e.loc) for e in b.eqns if id(e) not in drop]
        bt = b.term
        if isinstance(bt, Br):
            nb.term = Br(blk(bt.target), [var(v) for v in bt.args])
        elif isinstance(bt, CondBr):
            nb.term = CondBr(var(bt.cond), blk(bt.then), [var(v) for v in bt.then_args],
                             blk(bt.else_), [var(v) for v in bt.else_args])
        elif isinstance(bt, Return):
            nb.term = Return([var(v) for v in bt.values])
        elif isinstance(bt, Raise):
            nb.term = Raise(bt.exc, bt.msg, bt.loc)
    return bmap, var
