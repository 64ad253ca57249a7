"""Dominator trees of IR functions, in time and memory linear in practice.

Place in the pipeline: an IR utility (the verifier checks that every use is
dominated by its definition; the loop passes find natural loops with it). Also
the two CFG walks the passes share: `reverse_postorder` and `predecessors`. The immediate dominators come from the
iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast
Dominance Algorithm") over reverse postorder; a dominance query is O(1):
`a` dominates `b` when b's preorder interval in the dominator tree lies in
a's. (Sets of dominators per block cost blocks x depth: quadratic for long
chains of blocks.)
"""
from __future__ import annotations

from .core import Block, CondBr, Function


class Dominators:
    """Dominance among the blocks reachable from fn's entry."""

    def __init__(self, fn: Function):
        self.rpo = rpo = reverse_postorder(fn.entry)
        index = {id(b): i for i, b in enumerate(rpo)}
        preds: dict[int, list[int]] = {i: [] for i in range(len(rpo))}
        for i, b in enumerate(rpo):
            for s in b.successors():
                preds[index[id(s)]].append(i)
        idom = [-1] * len(rpo)
        idom[0] = 0
        changed = True
        while changed:
            changed = False
            for i in range(1, len(rpo)):
                new = -1
                for p in preds[i]:
                    if idom[p] == -1:
                        continue
                    if new == -1:
                        new = p
                        continue
                    a, b = p, new
                    while a != b:
                        while a > b:
                            a = idom[a]
                        while b > a:
                            b = idom[b]
                    new = a
                if idom[i] != new:
                    idom[i] = new
                    changed = True
        children: list[list[int]] = [[] for _ in rpo]
        for i in range(1, len(rpo)):
            children[idom[i]].append(i)
        # preorder intervals of the dominator tree (iterative: trees may be deep)
        self._pre = pre = [0] * len(rpo)
        self._post = post = [0] * len(rpo)
        clock = 0
        stack = [(0, False)]
        while stack:
            i, done = stack.pop()
            if done:
                post[i] = clock
                continue
            pre[i] = clock
            clock += 1
            stack.append((i, True))
            stack.extend((c, False) for c in children[i])
        self._index = index
        self._idom = idom

    def reachable(self, b: Block) -> bool:
        return id(b) in self._index

    def dominates(self, a: Block, b: Block) -> bool:
        """Does block a dominate block b (both reachable)? A block dominates itself."""
        i, j = self._index[id(a)], self._index[id(b)]
        return self._pre[i] <= self._pre[j] and self._post[j] <= self._post[i]

    def idom(self, b: Block) -> Block:
        """The immediate dominator of b (the entry's is the entry)."""
        return self.rpo[self._idom[self._index[id(b)]]]


def predecessors(blocks: list[Block], per_edge: bool = False) -> dict[int, list[Block]]:
    """id(block) -> the blocks of `blocks` that branch to it, for every block
    of `blocks` and every successor of one. With `per_edge`, a CondBr whose
    two targets are one block is listed twice there (one entry per edge, as
    its branch arguments are); else once. `blocks` is usually a Dominators'
    `rpo` (the reachable blocks) or fn.blocks (unreachable ones too)."""
    preds: dict[int, list[Block]] = {id(b): [] for b in blocks}
    for b in blocks:
        add_edges(preds, b, per_edge)
    return preds


def add_edges(preds: dict[int, list[Block]], b: Block, per_edge: bool = False):
    """Add b's outgoing edges to a `predecessors` map (kept up to date by
    passes that add blocks)."""
    for s in b.successors():
        preds.setdefault(id(s), []).append(b)
    if per_edge and isinstance(b.term, CondBr) and b.term.then is b.term.else_:
        preds[id(b.term.then)].append(b)


def reverse_postorder(entry: Block) -> list[Block]:
    """The blocks reachable from entry, in reverse postorder of a depth-first
    walk that follows each block's successors in order."""
    order, seen = [], {id(entry)}
    stack = [(entry, iter(entry.successors()))]
    while stack:
        b, it = stack[-1]
        nxt = next(it, None)
        if nxt is None:
            stack.pop()
            order.append(b)
        elif id(nxt) not in seen:
            seen.add(id(nxt))
            stack.append((nxt, iter(nxt.successors())))
    order.reverse()
    return order
