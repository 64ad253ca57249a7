"""Loop-invariant address arithmetic: computed once before the loop.

Place in the pipeline: a pass (IR -> IR), after the vectorizer (which
computes its own hoisted base addresses) and if-conversion. `d[i, j]` in a
loop over `j` is the address `d + (i * n + j) * 8`: the row offset
`i * n` does not change in the loop but was recomputed on every iteration
(Binaryen does not move code out of loops, V8's optimizing tier neither).
Here, for every loop (innermost first):

- address operands of loads and stores in the loop, written with exact
  modular arithmetic (`wadd`/`wsub`/`wmul`/`wneg` by constants or values,
  modulo 2**64 like the address itself), are regrouped as
  `(invariant part) + (varying part)`: the invariant part (`d + i * n * 8`)
  is computed in the loop's preheader, the loop keeps one add and the
  varying terms (`j * 8`);
- then every equation of the loop that is pure, cannot raise, and whose
  inputs are all defined outside the loop (or by equations moved before
  it) moves to the preheader, in order.

Exact: wrapping integer arithmetic is a ring modulo 2**64, so any
regrouping gives the same bits; moved equations have no effect and cannot
fail, so running them once before the loop (even when the loop runs zero
times, or in a branch not taken) changes nothing observable. Loops whose
header has more than one entry edge, or whose entry edge is not an
unconditional branch, are left alone.
"""
from __future__ import annotations

from ..ir import I64, Br, Eqn, Function, Module, Var
from ..ir.dominators import Dominators, predecessors
from .dce import dce_function
from .linear_forms import linear_form

MOVABLE = ("wadd", "wsub", "wmul", "wneg", "and", "or", "xor", "invert", "const")
_MEMORY = ("load", "store", "vload", "vstore")


def _loops(fn: Function, dom: Dominators):
    """[(header, body block ids, preheader or None)] innermost first (None:
    the header has several entry edges, or a conditional one)."""
    preds = predecessors(dom.rpo)
    loops = []
    for h in dom.rpo:
        back = [p for p in preds[id(h)] if dom.dominates(h, p)]
        if not back:
            continue
        body = {id(h)}
        stack = [p for p in back if id(p) not in body]
        while stack:
            b = stack.pop()
            if id(b) in body:
                continue
            body.add(id(b))
            stack.extend(p for p in preds[id(b)] if id(p) not in body)
        outside = [p for p in preds[id(h)] if id(p) not in body]
        ok = len(outside) == 1 and isinstance(outside[0].term, Br)
        loops.append((h, body, outside[0] if ok else None))
    loops.sort(key=lambda t: len(t[1]))
    return loops


class _Loop:
    def __init__(self, fn, blocks, body, pre, consts):
        """`blocks`: the loop's blocks in reverse postorder (`_body_blocks`)."""
        self.blocks = blocks
        self.pre = pre
        self.consts = consts
        self.inside: set[int] = set()
        self.defs: dict[int, Eqn] = {}
        for b in self.blocks:
            self.inside.update(p.id for p in b.params)
            for e in b.eqns:
                for o in e.outs:
                    self.inside.add(o.id)
                    self.defs[o.id] = e

    def linear(self, v: Var, depth: int = 6):
        """v as ({var id: (var, coefficient)}, constant) modulo 2**64,
        through the loop's wrapping + - * by a constant."""
        return linear_form(v, self.consts, self.defs, depth,
                           lambda e: e.prim in ("wadd", "wsub", "wneg", "wmul"))

    def regroup(self, e: Eqn, at: list) -> int:
        """Rewrite e's address operand as hoisted invariant + varying terms
        (equations for the loop go to `at`, before e); returns 1 if done."""
        a = e.ins[0]
        if a.type is not I64 or a.id not in self.defs:
            return 0
        terms, const = self.linear(a)
        inv = [(v, c) for v, c in terms.values() if v.id not in self.inside and _w(c)]
        var = [(v, c) for v, c in terms.values() if v.id in self.inside and _w(c)]
        if not var or (not inv and not _w(const)):
            return 0  # nothing invariant to hoist
        # in the loop: a multiply per scaled varying term, an add per varying term
        if sum(1 + (_s(c) != 1) for _v, c in var) >= self._tree_size(a):
            return 0
        base = self._sum(inv, const, self.pre.eqns, e.loc)
        out = self._sum(var, 0, at, e.loc, start=base)
        e.ins = [out] + list(e.ins[1:])
        return 1

    def _tree_size(self, v: Var) -> int:
        n, stack, seen = 0, [v], set()
        while stack:
            x = stack.pop()
            e = self.defs.get(x.id)
            if e is None or id(e) in seen or e.prim not in ("wadd", "wsub", "wmul", "wneg"):
                continue
            seen.add(id(e))
            n += 1
            stack.extend(e.ins)
        return n

    def _sum(self, terms, const, out: list, loc, start=None) -> Var:
        acc = start
        for v, c in terms:
            t = v
            if _s(c) != 1:
                k = Var(I64)
                t = Var(I64)
                out += [Eqn("const", [], [k], {"value": _s(c), "type": I64}, loc),
                        Eqn("wmul", [v, k], [t], {}, loc)]
            if acc is None:
                acc = t
            else:
                s = Var(I64)
                out.append(Eqn("wadd", [acc, t], [s], {}, loc))
                acc = s
        if _s(const) != 0 or acc is None:
            k = Var(I64)
            out.append(Eqn("const", [], [k], {"value": _s(const), "type": I64}, loc))
            if acc is None:
                return k
            s = Var(I64)
            out.append(Eqn("wadd", [acc, k], [s], {}, loc))
            acc = s
        return acc

    def hoist(self) -> int:
        """Move the loop's invariant i64 arithmetic to the preheader (a
        constant it uses inside the loop is copied there)."""
        moved = 0
        copies: dict[int, Var] = {}
        for b in self.blocks:
            keep = []
            for e in b.eqns:
                if (e.prim in MOVABLE and e.prim != "const" and e.outs[0].type is I64
                        and all(v.id not in self.inside or v.id in self.consts for v in e.ins)):
                    ins = []
                    for v in e.ins:
                        if v.id in self.inside:  # a constant of the loop
                            c = copies.get(v.id)
                            if c is None:
                                c = copies[v.id] = Var(v.type, v.hint)
                                self.pre.eqns.append(Eqn("const", [], [c], dict(self.defs[v.id].params),
                                                         e.loc))
                            v = c
                        ins.append(v)
                    e.ins = ins
                    self.pre.eqns.append(e)
                    for o in e.outs:
                        self.inside.discard(o.id)
                    moved += 1
                else:
                    keep.append(e)
            b.eqns = keep
        return moved


def _w(c: int) -> bool:
    return c % 2**64 != 0


def _s(c: int) -> int:
    """c modulo 2**64 as a signed int64."""
    c %= 2**64
    return c - 2**64 if c >= 2**63 else c


def licm_function(fn: Function) -> int:
    dom = Dominators(fn)
    consts = {e.outs[0].id: e.params.get("value") for b in fn.blocks for e in b.eqns
              if e.prim == "const"}
    changed = 0
    loops = _loops(fn, dom)
    owner: dict[int, int] = {}  # block -> the innermost loop holding it
    for i, (_h, body, _pre) in enumerate(loops):
        for bid in body:
            owner.setdefault(bid, i)
    pos = {id(b): k for k, b in enumerate(dom.rpo)}
    byid = {id(b): b for b in dom.rpo}
    for i, (h, body, pre) in enumerate(loops):
        if pre is None:
            continue
        # the loop's blocks in reverse postorder, from its own ids (a scan of
        # the whole function per loop made this quadratic in the loops)
        blocks = [byid[x] for x in sorted((x for x in body if x in byid), key=pos.__getitem__)]
        changed += _Loop(fn, blocks, body, pre, consts).hoist()
        loop = _Loop(fn, blocks, body, pre, consts)
        for b in loop.blocks:
            if owner[id(b)] != i:
                continue  # regrouped for its innermost loop
            out = []
            for e in b.eqns:
                if e.prim in _MEMORY:
                    at: list = []
                    changed += loop.regroup(e, at)
                    out += at
                out.append(e)
            b.eqns = out
        for e in pre.eqns:  # constants made by regroup
            if e.prim == "const":
                consts[e.outs[0].id] = e.params.get("value")
        changed += _Loop(fn, blocks, body, pre, consts).hoist()
    if changed:
        dce_function(fn)
    return changed


def licm(module: Module) -> Module:
    for fn in module.functions.values():
        licm_function(fn)
    return module
