"""Scalar replacement: an array element that an inner loop reads and writes
back at the same address on every iteration is carried as a value.

Place in the pipeline: part of the `jam` pass (passes/jam.py calls
`promote_function` first), after `ranges`. The shape:

    for k in range(m):
        c[i, j] += a[i, k] * b[k, j]      # load c[i, j], add, store c[i, j]

becomes `t = c[i, j]` before the loop (when it runs at least once), `t += ...`
carried through the loop, `c[i, j] = t` at its exit: the same additions in
the same order, one load and one store instead of one per iteration; the
loop is then a reduction loop that `jam` and the vectorizer know.

Exact when (checked here):
- the loop is one block besides its header, its header only computes its
  condition (pure, cannot raise) and leaves it to one exit without values;
- the address is the same expression of values defined before the loop for
  the load and the store (one load, one store of that element, the load
  first), into an array allocated in this function, which the loop touches
  nowhere else (no other load or store based on that allocation) and
  nothing in the loop calls;
- the load comes before any equation of the iteration that may raise or
  write memory: the first iteration's read of the element is the first
  thing that can be observed, so reading it before the loop (after the
  same condition) reads the same value, and an address the original would
  not reach is never read (the promoted load runs only when the first
  iteration runs, before which nothing in the original could have stopped
  it).
The intermediate values the original stored are never observed: no other
access to the allocation in the loop, and an exception leaves the function
(py2wasm has no try/except), taking the fresh allocation with it.
"""
from __future__ import annotations

from ..ir import Br, CondBr, Function, Return, Var
from ..ir.dominators import Dominators
from ..ir.primitives import PRIMITIVES
from ..ir.types import F64
from .licm import _loops
from .loop_shape import new_block

_ADDR_PRIMS = ("wadd", "wsub", "wmul", "shl", "const")
_FLOAT_SAFE = ("add", "sub", "mul", "neg", "abs")


def _can_raise(e) -> bool:
    if e.prim in ("raise_if", "raise_if_fmt", "call", "alloc"):
        return True
    if e.prim in _FLOAT_SAFE and all(v.type is F64 for v in e.ins):
        return False
    return bool(PRIMITIVES[e.prim].raises)


def _key(v, defs, inside, depth=0):
    """A structural key of an address computed from values defined outside
    the loop (None: it depends on the loop)."""
    e = defs.get(v.id)
    if e is None:
        return None if v.id in inside else ("v", v.id)
    if depth > 24 or e.prim not in _ADDR_PRIMS:
        return None
    if e.prim == "const":
        return ("c", repr(e.params.get("value")))
    ks = tuple(_key(x, defs, inside, depth + 1) for x in e.ins)
    return None if None in ks else (e.prim, ks)


def _bases(v, fdefs, depth=0) -> set:
    e = fdefs.get(v.id)
    if depth < 32 and e is not None and e.prim == "wadd":
        return _bases(e.ins[0], fdefs, depth + 1) | _bases(e.ins[1], fdefs, depth + 1)
    if e is not None and e.prim in ("wmul", "shl", "const"):
        return set()
    return {v.id}


def _escaped(fn, fdefs) -> set:
    """Bases whose address is itself stored to memory (an array put in a
    list: frontend/lists_ofarrays.py) or passed to a call: it may come back
    as a loaded pointer, so other accesses may reach that allocation."""
    out = set()
    for b in fn.blocks:
        for e in b.eqns:
            if e.prim in ("store", "vstore"):
                for v in e.ins[1:]:
                    out |= _bases(v, fdefs)
            elif e.prim == "call":
                for v in e.ins:
                    out |= _bases(v, fdefs)
    return out


def _exact(st, defs) -> bool:
    """Reading back the stored element gives the stored value (no narrowing:
    a float64 value into float32 memory would be carried unrounded)."""
    dt = st.params.get("dtype")
    if dt in ("float64", "int64"):
        return True
    e = defs.get(st.ins[1].id)
    return dt == "float32" and e is not None and e.prim == "f32"


def _clone_addr(v, defs, block, memo):
    """Emit the in-loop equations computing address v into block."""
    e = defs.get(v.id)
    if e is None:
        return v
    if v.id in memo:
        return memo[v.id]
    ins = [_clone_addr(x, defs, block, memo) for x in e.ins]
    out = Var(v.type, v.hint)
    block.eqns.append(type(e)(e.prim, ins, [out], dict(e.params), e.loc))
    memo[v.id] = out
    return out


def _promote_one(fn, h, body_ids, pre, fdefs, users, escaped=frozenset()) -> bool:
    blocks = [b for b in fn.blocks if id(b) in body_ids and b is not h]
    if len(blocks) != 1:
        return False
    B = blocks[0]
    t = h.term
    if (not isinstance(t, CondBr) or t.then is not B or t.then_args or t.else_args
            or id(t.else_) in body_ids or not isinstance(B.term, Br) or B.term.target is not h
            or B.params or any(_can_raise(e) or not PRIMITIVES[e.prim].pure for e in h.eqns)):
        return False
    if not isinstance(pre.term, Br) or pre.term.target is not h:
        return False
    # the loop's exit becomes reachable around the header: nothing after the
    # loop may read the header's values (`users`: var id -> the blocks using it)
    own = [p.id for p in h.params] + [o.id for e in h.eqns for o in e.outs]
    if any(bid not in body_ids for v in own for bid in users.get(v, ())):
        return False
    defs = {o.id: e for e in B.eqns for o in e.outs}
    inside = set(defs) | {p.id for p in h.params} | {o.id for e in h.eqns for o in e.outs}
    if any(e.prim == "call" for e in B.eqns):
        return False
    mem = [e for e in B.eqns if e.prim in ("load", "store", "vload", "vstore")]
    for s in (e for e in mem if e.prim == "store"):
        k = _key(s.ins[0], defs, inside)
        if k is None:
            continue
        bases = _bases(s.ins[0], fdefs)
        if len(bases) != 1:
            continue
        base = next(iter(bases))
        be = fdefs.get(base)
        if be is None or be.prim != "alloc" or base in inside or base in escaped:
            continue
        touching = [e for e in mem if base in _bases(e.ins[0], fdefs)]
        loads = [e for e in touching if e.prim == "load"]
        if len(touching) != 2 or len(loads) != 1:
            continue
        ld = loads[0]
        if (_key(ld.ins[0], defs, inside) != k or ld.params != s.params
                or ld.outs[0].type is not s.ins[1].type or not _exact(s, defs)):
            continue
        pos = B.eqns.index(ld)
        if any(_can_raise(e) or e.prim in ("store", "vstore") for e in B.eqns[:pos]):
            continue
        if B.eqns.index(s) < pos:
            continue
        _rewrite(fn, h, B, pre, ld, s, defs)
        return True
    return False


def _rewrite(fn, h, B, pre, ld, st, defs):
    t = h.term
    exit_ = t.else_
    carried = Var(ld.outs[0].type, "t")
    # the first trip's test, then the load (only when the loop runs)
    first = new_block(fn)
    env = {p.id: a for p, a in zip(h.params, pre.term.args)}
    for e in h.eqns:
        outs = [Var(o.type, o.hint) for o in e.outs]
        first.eqns.append(type(e)(e.prim, [env.get(v.id, v) for v in e.ins], outs,
                                  dict(e.params), e.loc))
        env.update((o.id, n) for o, n in zip(e.outs, outs))
    enter = new_block(fn)
    addr = _clone_addr(ld.ins[0], defs, enter, {})
    v0 = Var(carried.type, "t")
    enter.eqns.append(type(ld)("load", [addr], [v0], dict(ld.params), ld.loc))
    enter.term = Br(h, list(pre.term.args) + [v0])
    first.term = CondBr(env.get(t.cond.id, t.cond), enter, [], exit_, [])
    pre.term = Br(first, [])
    # the exit stores the carried value
    leave = new_block(fn, [Var(carried.type, "t")])
    addr = _clone_addr(st.ins[0], defs, leave, {})
    leave.eqns.append(type(st)("store", [addr, leave.params[0]], [], dict(st.params), st.loc))
    leave.term = Br(exit_, [])
    h.params.append(carried)
    h.term = CondBr(t.cond, t.then, [], leave, [carried])
    # the loop body reads and writes the carried value
    old = ld.outs[0]
    value = st.ins[1]
    B.eqns = [e for e in B.eqns if e is not ld and e is not st]
    for e in B.eqns:
        e.ins = [carried if v is old else v for v in e.ins]
    if value is old:
        value = carried
    B.term = Br(h, [carried if v is old else v for v in B.term.args] + [value])


def promote_function(fn: Function) -> bool:
    """Promote every element of the shape above (innermost loops); did any?"""
    changed = False
    while True:
        # one round over every loop: a rewrite touches only its own loop's
        # header, body and preheader and adds blocks no other loop uses, so
        # the loops, definitions and uses found first stay true for the rest
        # (a round per rewrite made this quadratic in the number of loops)
        dom = Dominators(fn)
        fdefs = {o.id: e for b in dom.rpo for e in b.eqns for o in e.outs}
        users = _users(fn)
        escaped = _escaped(fn, fdefs)  # a rewrite stores numbers only: true for the round
        again = False
        for h, body, pre in _loops(fn, dom):
            if pre is not None and _promote_one(fn, h, body, pre, fdefs, users, escaped):
                changed = again = True
        if not again:
            return changed


def _users(fn: Function) -> dict:
    """var id -> ids of the blocks whose equations or terminator use it."""
    users: dict = {}
    for b in fn.blocks:
        bid = id(b)
        t = b.term
        used = [v for e in b.eqns for v in e.ins] + [v for _s, args in b.edges() for v in args]
        if isinstance(t, CondBr):
            used.append(t.cond)
        elif isinstance(t, Return):
            used.extend(t.values)
        for v in used:
            users.setdefault(v.id, set()).add(bid)
    return users
