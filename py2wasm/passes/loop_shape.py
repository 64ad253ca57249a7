"""The loop shape the loop passes share, and their IR construction helpers:
`match_loop` finds a counted loop (`^h(..., i, ...)`: `lt i n`, a one-block
body ending in `br ^h(..., wadd(i, step), ...)`, one preheader) and gives it
as a `Loop`; `FunctionIndex` keeps a function's definitions, constants and
predecessors for passes that visit many loops; `new_block`, `next_label`,
`emit` and `const` append blocks and equations without the frontend's
builder.

Place in the pipeline: a helper of the passes (IR -> IR); used by the
vectorizers (vectorize.py, vectorize_rows.py, vectorize_pairwise.py,
vectorize_math.py), jam.py, promote.py, loop_version.py, loop_copy.py and
rare_exit.py.
"""
from __future__ import annotations

import weakref

from ..ir import Block, Br, CondBr, Eqn, Function, Var
from ..ir.dominators import add_edges, predecessors
from ..ir.types import I64


class FunctionIndex:
    """Function-wide facts the vectorizer looks up for every candidate loop
    (definitions, constants, predecessors), built once per function and
    updated after each loop it rewrites, so that a function with many loops
    costs time linear in its size."""

    def __init__(self, fn: Function):
        self.defs: dict[int, Eqn] = {}
        self.consts: dict[int, object] = {}
        self.preds = predecessors(fn.blocks, per_edge=True)
        for b in fn.blocks:
            self._scan(b)

    def _scan(self, b: Block):
        for e in b.eqns:
            for o in e.outs:
                self.defs[o.id] = e
            if e.prim == "const":
                self.consts[e.outs[0].id] = e.params["value"]

    def update(self, blocks: list[Block], old_successors: dict):
        """`blocks` changed or are new; `old_successors`: id(block) -> the
        successors a changed block had before."""
        for b in blocks:
            for s in old_successors.get(id(b), ()):
                self.preds[id(s)] = [p for p in self.preds[id(s)] if p is not b]
        for b in blocks:
            self.preds.setdefault(id(b), [])
            self._scan(b)
            add_edges(self.preds, b, per_edge=True)




class Loop:
    """`header.params[ipos]` is the index; the other header parameters are
    carried values. `init` and `latch` are the preheader's and the body's
    branch arguments, split the same way (`init_index`, `init_carried`...).
    The index grows by `step` (a positive constant) while it is below `n`;
    only `vectorize_rows` takes loops whose step is not 1."""

    def __init__(self, header, body, exit_, pre, n, init, ipos=0, step=1):
        self.header, self.body, self.exit, self.pre = header, body, exit_, pre
        self.n, self.init, self.ipos = n, init, ipos  # trip bound, preheader's arguments
        self.step = step  # the index's increment (a positive constant; 1 but for byte-address loops)

    def _split(self, xs):
        return xs[self.ipos], xs[:self.ipos] + xs[self.ipos + 1:]

    @property
    def index(self) -> Var:
        return self.header.params[self.ipos]

    @property
    def carried(self) -> list[Var]:
        return self._split(self.header.params)[1]

    @property
    def init_index(self) -> Var:
        return self.init[self.ipos]

    @property
    def init_carried(self) -> list[Var]:
        return self._split(self.init)[1]

    @property
    def latch_index(self) -> Var:
        return self.body.term.args[self.ipos]

    @property
    def latch_carried(self) -> list[Var]:
        return self._split(list(self.body.term.args))[1]

    def header_args(self, index: Var, carried) -> list[Var]:
        """Branch arguments for the header: the index at its position."""
        carried = list(carried)
        return carried[:self.ipos] + [index] + carried[self.ipos:]


def match_loop(fn: Function, h: Block, index: "FunctionIndex | None" = None):
    """The Loop whose header is `h`, if h heads a loop of the shape above.
    (`index`: fn's FunctionIndex, if the caller keeps one.)"""
    if not h.params or len(h.eqns) != 1:
        return None
    e, t = h.eqns[0], h.term
    if e.prim != "lt" or not any(e.ins[0] is p for p in h.params) or \
            e.ins[0].type is not I64 or not isinstance(t, CondBr) or \
            t.cond is not e.outs[0] or t.then_args or t.then is h or t.then is t.else_:
        return None
    ipos = next(k for k, p in enumerate(h.params) if p is e.ins[0])
    body = t.then
    bt = body.term
    if body.params or not isinstance(bt, Br) or bt.target is not h:
        return None
    preds = index.preds if index is not None else predecessors(fn.blocks, per_edge=True)
    if [id(b) for b in preds.get(id(body), [])] != [id(h)]:
        return None
    hp = [b for b in preds.get(id(h), []) if b is not body]
    if len(hp) != 1 or len(preds[id(h)]) != 2 or not isinstance(hp[0].term, Br):
        return None
    n = e.ins[1]
    defined = {o.id for x in body.eqns for o in x.outs}
    if n.id in defined or any(n is p for p in h.params):
        return None  # the bound must be loop-invariant
    cond = e.outs[0]
    if any(v is cond for x in body.eqns for v in x.ins) or any(v is cond for v in bt.args):
        return None  # the header's comparison used inside the loop
    inc = bt.args[ipos]
    inc_eq = next((x for x in body.eqns if inc in x.outs), None)
    if inc_eq is None or inc_eq.prim != "wadd" or inc_eq.ins[0] is not h.params[ipos]:
        return None
    step = (index.consts.get(inc_eq.ins[1].id) if index is not None
            else _const_value(fn, inc_eq.ins[1]))
    if type(step) is not int or step < 1:
        return None
    return Loop(h, body, t.else_, hp[0], n, list(hp[0].term.args), ipos, step)


def _const_value(fn: Function, v: Var):
    for b in fn.blocks:
        for e in b.eqns:
            if e.prim == "const" and e.outs[0] is v:
                return e.params["value"]
    return None


def new_block(fn: Function, params=()) -> Block:
    b = Block(next_label(fn), list(params))
    fn.blocks.append(b)
    return b


_LABELS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def next_label(fn: Function) -> int:
    """A label no block of fn has (one more than the largest). Remembered
    per function while blocks are only appended: O(1) per new block."""
    n, last, top = _LABELS.get(fn, (0, None, -1))
    blocks = fn.blocks
    if n > len(blocks) or (n and blocks[n - 1] is not last):
        n, top = 0, -1  # blocks were removed or replaced: look at all again
    for b in blocks[n:]:
        top = max(top, b.label)
    _LABELS[fn] = (len(blocks), blocks[-1] if blocks else None, top + 1)
    return top + 1


def emit(block: Block, prim: str, ins, params=None, out_types=None, loc=None) -> Var:
    from ..ir.primitives import type_of
    params = params or {}
    types = out_types or type_of(prim, [v.type for v in ins], params)
    outs = [Var(t) for t in types]
    block.eqns.append(Eqn(prim, list(ins), outs, params, loc))
    return outs[0] if outs else None


def const(block: Block, value, t) -> Var:
    return emit(block, "const", [], {"value": value, "type": t})
