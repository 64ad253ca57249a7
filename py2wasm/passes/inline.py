"""Inlining of small user helper functions into their callers.

Place in the pipeline: a pass (IR -> IR), the first of `passes.PIPELINE`
(level >= 1), after `link_math` and before `fold`/`ranges`/`dce` and the
vectorizer, which then see the helper's code in the caller. Binaryen's
inliner later leaves alone what it judges too big (its flexible limit is 20
wasm instructions): the Python helpers of numeric code (n-body's `_pair`,
returning two 7-tuples, 28 equations) would stay calls.

A call `outs = call[fn=g] args` is inlined when
- `g` comes from user code: its name does not start with `__` (the linked
  math library `__py2wasm_math_*` and frontend helpers such as
  `__pairwise_sum_*` stay functions: inlining them at every call site is
  what made Binaryen's global limit unattractive),
- `g` is not recursive (no cycle of the call graph goes through it), so a
  caller never absorbs a function of its own strongly connected component,
- `g` has at most INLINE_MAX equations (counted after inlining into `g`
  itself: functions are processed callees first, so chains of helpers
  collapse) and, when its blocks form a loop, at most LOOP_INLINE_MAX,
- the caller has fewer than CALLER_MAX equations (growth bound).

The call's block is split at the call: the equations before it continue
into a copy of `g`'s blocks (fresh SSA variables; `g`'s parameters are the
call's arguments), each `return` of the copy branches to a continuation
block whose parameters are the call's results and which holds the rest of
the block. A copied entry block without predecessors is merged into the
call's block, and a single returning block with the continuation (the
call's results renamed to the returned values), so straight-line helpers
leave no extra blocks. Copied equations and `Raise` terminators keep their
source locations (`g.loc` where they had none: what the backend would have
used), so exceptions raised by an inlined helper name the helper's line.
An exported function may be inlined at a call site and stays exported;
other functions left without any call by the inlining are removed.
"""
from __future__ import annotations

from ..ir import Block, Br, CondBr, Eqn, Function, Module, Raise, Return, Var
from .ranges_params import substitute

INLINE_MAX = 64       # equations; n-body's helpers: 6 (_move) to 28 (_pair)
LOOP_INLINE_MAX = 12  # equations of a callee whose blocks contain a loop
CALLER_MAX = 4000     # stop inlining into a function this big
SELF_INLINE_MAX = 40  # equations of a self-recursive function inlined into itself once
SELF_SITES = 2        # ... with at most this many calls of itself


def size(fn: Function) -> int:
    """The number of equations of `fn`'s reachable blocks."""
    return sum(len(b.eqns) for b in fn.reachable_blocks())


def has_loop(fn: Function) -> bool:
    """Whether the reachable control-flow graph of `fn` has a cycle."""
    state: dict[int, int] = {}  # 1: on the DFS stack, 2: done
    stack = [(fn.entry, iter(fn.entry.successors()))]
    state[id(fn.entry)] = 1
    while stack:
        b, it = stack[-1]
        s = next(it, None)
        if s is None:
            state[id(b)] = 2
            stack.pop()
        elif state.get(id(s)) == 1:
            return True
        elif id(s) not in state:
            state[id(s)] = 1
            stack.append((s, iter(s.successors())))
    return False


def _callees(fn: Function) -> set[str]:
    return {e.params["fn"] for b in fn.blocks for e in b.eqns if e.prim == "call"}


def _sccs(module: Module) -> list[list[str]]:
    """Strongly connected components of the call graph, callees before
    callers (Tarjan's order)."""
    graph = {n: sorted(c for c in _callees(f) if c in module.functions)
             for n, f in module.functions.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(graph[w])))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out


def _copy_eqn(e: Eqn, r, loc) -> Eqn:
    return Eqn(e.prim, [r(v) for v in e.ins], [r(v) for v in e.outs], dict(e.params),
               e.loc if e.loc is not None else loc)


def inline_call(fn: Function, block: Block, i: int, callee: Function) -> None:
    """Replace the call `block.eqns[i]` (to `callee`) by a copy of `callee`'s
    body, in place."""
    call = block.eqns[i]
    label = max(b.label for b in fn.blocks) + 1
    gblocks = callee.reachable_blocks()
    entry = callee.entry
    entry_preds = any(entry in b.successors() for b in gblocks)
    vmap: dict[int, Var] = {}
    if not entry_preds:  # the entry is merged into the call's block
        vmap.update((p.id, a) for p, a in zip(entry.params, call.ins))

    def r(v: Var) -> Var:
        w = vmap.get(v.id)
        if w is None:
            w = vmap[v.id] = Var(v.type, v.hint)
        return w

    bmap: dict[int, Block] = {}
    for gb in gblocks:
        params = [] if gb is entry and not entry_preds else [r(p) for p in gb.params]
        bmap[id(gb)] = Block(label, params, meta=dict(gb.meta))
        label += 1
    cont = Block(label, list(call.outs), block.eqns[i + 1:], block.term, meta={})
    returns: list[Block] = []
    for gb in gblocks:
        nb = bmap[id(gb)]
        nb.eqns = [_copy_eqn(e, r, callee.loc) for e in gb.eqns]
        t = gb.term
        if isinstance(t, Return):
            returns.append(nb)
        nb.term = _copy_term(t, bmap, r, lambda vals: Br(cont, vals), callee)
    new_blocks = [bmap[id(gb)] for gb in gblocks]
    block.eqns = block.eqns[:i]
    first = new_blocks[0]
    if entry_preds:
        block.term = Br(first, list(call.ins))
    else:  # merge the entry copy into the call's block
        block.eqns.extend(first.eqns)
        block.term = first.term
        if first in returns:
            returns[returns.index(first)] = block
        new_blocks = new_blocks[1:]
    subst = {}
    if len(returns) == 1:  # merge the continuation into the only returning block
        ret = returns[0]
        subst = {o.id: v for o, v in zip(call.outs, ret.term.args)}
        ret.eqns.extend(cont.eqns)
        ret.term = cont.term
    else:
        new_blocks.append(cont)
    at = fn.blocks.index(block) + 1
    fn.blocks[at:at] = new_blocks
    substitute(fn, subst)  # the call's results are the returned values


def inline(module: Module) -> Module:
    """Inline small non-recursive user helpers (see the module docstring);
    functions no longer called and not exported are removed."""
    fns = module.functions
    recursive: set[str] = set()
    order: list[str] = []
    for comp in _sccs(module):
        if len(comp) > 1 or any(n in _callees(fns[n]) for n in comp):
            recursive.update(comp)
        order.extend(comp)
    inlined: set[str] = set()
    for name in order:  # callees first
        fn = fns[name]
        if name.startswith("__"):
            continue
        if name in recursive:
            unroll_self_recursion(fn)
        while size(fn) < CALLER_MAX:
            site = _find_site(fn, module, recursive)
            if site is None:
                break
            b, i, callee = site
            inline_call(fn, b, i, callee)
            inlined.add(callee.name)
        live = {id(b) for b in fn.reachable_blocks()}
        fn.blocks = [b for b in fn.blocks if id(b) in live]
    # remove what the inlining left without callers (never an export, never
    # a function nobody called before: the backend may need it, e.g. pow)
    while True:
        called = set().union(*(_callees(f) for f in fns.values()))
        dead = [n for n in inlined if n in fns and n not in called
                and n not in module.exports]
        if not dead:
            return module
        for n in dead:
            del fns[n]


def unroll_self_recursion(fn: Function) -> bool:
    """Inline a small self-recursive function into itself once: every call
    of `fn` in its body becomes a copy of the body as it was (whose own
    calls of `fn` stay calls). The recursion then makes about a third as
    many calls (naive Fibonacci: 3 nodes of the call tree per call instead
    of 1), with the same operations in the same order, so the same results
    and exceptions; only the wasm stack holds half as many frames. For
    functions of at most SELF_INLINE_MAX equations without loops, with at
    most SELF_SITES calls of themselves."""
    if fn.name.startswith("__") or has_loop(fn) or size(fn) > SELF_INLINE_MAX:
        return False
    sites = [(b, e) for b in fn.reachable_blocks() for e in b.eqns
             if e.prim == "call" and e.params["fn"] == fn.name]
    if not sites or len(sites) > SELF_SITES:
        return False
    body = _snapshot(fn)  # the body before any copy went in
    for b, e in sites:  # each site's block may have been split by an earlier one
        for blk in fn.blocks:
            if e in blk.eqns:
                inline_call(fn, blk, blk.eqns.index(e), body)
                break
    return True


def _snapshot(fn: Function) -> Function:
    """A copy of fn's reachable blocks with fresh variables (types, params
    and locations shared)."""
    vmap: dict[int, Var] = {}

    def r(v: Var) -> Var:
        w = vmap.get(v.id)
        if w is None:
            w = vmap[v.id] = Var(v.type, v.hint)
        return w

    blocks = fn.reachable_blocks()
    bmap = {id(b): Block(b.label, [r(p) for p in b.params], meta=dict(b.meta)) for b in blocks}
    for b in blocks:
        nb = bmap[id(b)]
        nb.eqns = [_copy_eqn(e, r, e.loc) for e in b.eqns]
        nb.term = _copy_term(b.term, bmap, r, Return, fn)
    return Function(fn.name, [r(p) for p in fn.params], list(fn.result_types),
                    [bmap[id(b)] for b in blocks], sig=fn.sig, doc=fn.doc, loc=fn.loc)


def _copy_term(t, bmap: dict, r, on_return, fn: Function):
    """A copy of terminator `t` into the blocks `bmap` (old block id -> copy)
    with values renamed by `r`; a Return becomes `on_return(values)`; a
    Raise without a location takes `fn`'s."""
    if isinstance(t, Br):
        return Br(bmap[id(t.target)], [r(v) for v in t.args])
    if isinstance(t, CondBr):
        return CondBr(r(t.cond), bmap[id(t.then)], [r(v) for v in t.then_args],
                      bmap[id(t.else_)], [r(v) for v in t.else_args])
    if isinstance(t, Return):
        return on_return([r(v) for v in t.values])
    if isinstance(t, Raise):
        return Raise(t.exc, t.msg, t.loc if t.loc is not None else fn.loc)
    raise AssertionError(f"bad terminator {t!r} in {fn.name}")


def inlinable(callee: Function, recursive: set[str]) -> bool:
    if callee.name.startswith("__") or callee.name in recursive:
        return False
    n = size(callee)
    return n <= INLINE_MAX and (n <= LOOP_INLINE_MAX or not has_loop(callee))


def _find_site(fn: Function, module: Module, recursive: set[str]):
    for b in fn.reachable_blocks():
        for i, e in enumerate(b.eqns):
            if e.prim != "call":
                continue
            callee = module.functions.get(e.params["fn"])
            if callee is not None and callee is not fn and inlinable(callee, recursive):
                return b, i, callee
    return None


__all__ = ["inline", "inline_call", "inlinable", "size", "has_loop",
           "INLINE_MAX", "LOOP_INLINE_MAX", "CALLER_MAX", "unroll_self_recursion"]
