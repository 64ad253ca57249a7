"""Vectorization across independent accumulators (SLP: the lanes are
separate sums carried by one loop, not iterations).

Place in the pipeline: part of the vectorizer pass (passes/vectorize.py
calls `vectorize_rows` on a loop the iteration vectorizer refused). The
shape: every value the loop carries (besides its index) is a float sum
`c_r = c_r + u_r * v_r` (float32: `f32(c_r + f32(u_r * v_r))`), e.g. the
dot products of several rows of a matrix with one vector that
`frontend/matmul_kernels.py` runs side by side (`A @ x`: u_r = A[i + r, p],
v_r = x[p]). Such sums are reductions whose order the iteration vectorizer
may not change; here each sum keeps its own order: consecutive sums become
the lanes of one vector (2 x f64 or 4 x float32 when every product and sum
is rounded to float32: f32x4 arithmetic of float32 values is exactly `f32`
of the float64 result), the operands are one v128 load where their lanes
are consecutive elements (loads at constant offsets of one address: the
blocked dot of `dot_rows`, whose scalar loads are then dropped), else built
lane by lane from the scalar values (a value shared by the group is splat
once), and the rest of
the body (index arithmetic, loads, checks, stores) runs as it did, once per
iteration. So lane r does exactly sum r's additions in the same order: the
results are the scalar loop's to the bit, on every build, without fastmath.
"""
from __future__ import annotations

import numpy as np

from ..ir import Br, CondBr, Var
from ..ir.types import F32X4, F64, F64X2, I64
from .loop_shape import emit, new_block

# a sum of fewer lanes than this many chains is not worth the lane building
_MIN_CHAINS = {F64X2: 4, F32X4: 4}


def _defs(block):
    return {o.id: e for e in block.eqns for o in e.outs}


def _f32_exact(v: Var, defs, consts) -> bool:
    """v is a float32 value (rounded, or a float32 element) for sure."""
    e = defs.get(v.id)
    if e is not None and e.prim != "const":
        return e.prim == "f32" or (e.prim == "load" and e.params.get("dtype") == "float32")
    c = consts.get(v.id)
    return isinstance(c, float) and (c != c or float(np.float32(c)) == c)


def _chain(c: Var, new: Var, defs):
    """(rounded, u, v, chain eqns) if new == c + u * v (f32-rounded at both
    steps, or at neither), else None."""
    e = defs.get(new.id)
    chain = []
    rounded = e is not None and e.prim == "f32"
    if rounded:
        chain.append(e)
        e = defs.get(e.ins[0].id)
    if e is None or e.prim != "add" or len(e.ins) != 2:
        return None
    chain.append(e)
    if e.ins[0] is c:
        t = e.ins[1]
    elif e.ins[1] is c:
        t = e.ins[0]
    else:
        return None
    m = defs.get(t.id)
    if rounded:
        if m is None or m.prim != "f32":
            return None
        chain.append(m)
        m = defs.get(m.ins[0].id)
    if m is None or m.prim != "mul" or t is c:
        return None
    chain.append(m)
    u, v = m.ins
    if u is c or v is c:
        return None
    return rounded, u, v, chain


_ELEM = {F64X2: "float64", F32X4: "float32"}


def _contiguous(vals, vt, defs, consts):
    """(address, offset) of lane 0 if vals are loads of consecutive elements
    of the vector's dtype (lane j at a constant offset of j elements from lane
    0's address), else None."""
    loads = [defs.get(v.id) for v in vals]
    if any(e is None or e.prim != "load" or e.params.get("dtype") != _ELEM[vt]
           for e in loads):
        return None
    isz = 8 if vt is F64X2 else 4
    parts = [_offset(e.ins[0], defs, consts) for e in loads]
    parts = [(r, o + e.params.get("offset", 0)) for (r, o), e in zip(parts, loads)]
    if any(r is not parts[0][0] or o != parts[0][1] + j * isz
           for j, (r, o) in enumerate(parts)):
        return None
    return loads[0].ins[0], loads[0].params.get("offset", 0)


def _offset(addr, defs, consts):
    """(root, constant offset) of an address `root + c` (or root itself, 0)."""
    a = defs.get(addr.id)
    if a is not None and a.prim in ("wadd", "add") and len(a.ins) == 2:
        x, c = a.ins
        if c.id not in consts:
            x, c = c, x
        v = consts.get(c.id)
        if isinstance(v, int) and not isinstance(v, bool) and x.id not in consts:
            return x, v
    return addr, 0


def _match(fn, loop, consts):
    carried = loop.carried
    if len(carried) < 2 or any(c.type is not F64 for c in carried):
        return None
    body = loop.body
    defs = _defs(body)
    news = loop.latch_carried
    chains = []
    for c, new in zip(carried, news):
        ch = _chain(c, new, defs)
        if ch is None:
            return None
        chains.append(ch)
    rounded = {ch[0] for ch in chains}
    if len(rounded) != 1:
        return None
    vt = F32X4 if rounded.pop() else F64X2
    lanes = vt.lanes
    if len(chains) % lanes or len(chains) < _MIN_CHAINS[vt]:
        return None
    chain_eqns = {id(e) for ch in chains for e in ch[3]}
    chain_outs = {o.id for ch in chains for e in ch[3] for o in e.outs}
    acc_ids = {c.id for c in carried}
    # the chains' values are used only by their own chain; the rest of the
    # body never reads a sum
    for e in body.eqns:
        if id(e) in chain_eqns:
            continue
        if any(v.id in chain_outs or v.id in acc_ids for v in e.ins):
            return None
    if loop.latch_index.id in chain_outs or loop.latch_index.id in acc_ids:
        return None
    if any(x.id in chain_outs or x.id in acc_ids for ch in chains for x in ch[1:3]):
        return None  # a product of another sum's value
    uses = {}
    for ch in chains:
        for e in ch[3]:
            for v in e.ins:
                uses[v.id] = uses.get(v.id, 0) + 1
    for ch, c in zip(chains, carried):
        for e in ch[3][1:]:  # each intermediate value feeds exactly one step
            if uses.get(e.outs[0].id, 0) != 1:
                return None
        if uses.get(c.id, 0) != 1:
            return None
    if vt is F32X4:
        init = loop.init_carried
        for ch in chains:
            if not (_f32_exact(ch[1], defs, consts) and _f32_exact(ch[2], defs, consts)):
                return None
        where = {o.id: e for b in fn.blocks for e in b.eqns for o in e.outs}
        if not all(_f32_exact(v, where, consts) for v in init):
            return None  # the lanes start from float32 values
    return vt, chains, chain_eqns


def vectorize_rows(fn, loop, consts, fastmath=False) -> bool:
    """Vectorize `loop` across its accumulators if it has the shape above; did it?
    (`consts`: var id -> value of fn's constants; `fastmath`: the multiply-adds
    are fused, vfma.)"""
    m = _match(fn, loop, consts)
    if m is None:
        return False
    vt, chains, chain_eqns = m
    lanes = vt.lanes
    groups = len(chains) // lanes
    pre, h, body = loop.pre, loop.header, loop.body
    init = loop.init_carried
    vinit = [emit(pre, "vbuild", init[g * lanes:(g + 1) * lanes], {"vtype": vt})
             for g in range(groups)]
    vh = new_block(fn, [Var(I64, "i")] + [Var(vt) for _ in range(groups)])
    vb = new_block(fn)
    vx = new_block(fn, [Var(I64, "i")] + [Var(vt) for _ in range(groups)])
    pre.term = Br(vh, [loop.init_index] + vinit)
    q = vh.params[0]
    vh.term = CondBr(emit(vh, "lt", [q, loop.n]), vb, [], vx, list(vh.params))
    env = {loop.index.id: q}
    defs = _defs(body)
    # operands whose lanes are consecutive elements: one v128 load each; the
    # scalar loads they replace are dropped when nothing else reads them (the
    # vector load reads the same bytes, so it traps where they would)
    vaddr = {}
    for g in range(len(chains) // lanes):
        for side in (1, 2):
            vals = [ch[side] for ch in chains[g * lanes:(g + 1) * lanes]]
            at = _contiguous(vals, vt, defs, consts)
            if at is not None:
                vaddr[tuple(v.id for v in vals)] = at
    read = {v.id for e in body.eqns if id(e) not in chain_eqns for v in e.ins}
    read.update(v.id for v in body.term.args)
    dropped = {id(defs[i]) for key in vaddr for i in key if i not in read}
    for e in body.eqns:  # everything but the sums, as it was
        if id(e) in chain_eqns or id(e) in dropped:
            continue
        outs = [Var(o.type, o.hint) for o in e.outs]
        vb.eqns.append(type(e)(e.prim, [env.get(v.id, v) for v in e.ins], outs,
                               dict(e.params), e.loc))
        for o, n in zip(e.outs, outs):
            env[o.id] = n

    built = {}  # one vector per distinct tuple of lane values (a row's B vector feeds every row)

    def operand(vals):
        key = tuple(v.id for v in vals)
        if key not in built:
            built[key] = _operand(vals)
        return built[key]

    def _operand(vals):
        at = vaddr.get(tuple(v.id for v in vals))
        if at is not None:  # the lanes are consecutive elements: one v128 load
            addr, off = at
            return emit(vb, "vload", [env.get(addr.id, addr)],
                        {"dtype": _ELEM[vt], "vtype": vt, **({"offset": off} if off else {})})
        vals = [env.get(v.id, v) for v in vals]
        if all(v is vals[0] for v in vals):
            return emit(vb, "vsplat", [vals[0]], {"vtype": vt})
        return emit(vb, "vbuild", vals, {"vtype": vt})

    news = []
    for g in range(groups):
        grp = chains[g * lanes:(g + 1) * lanes]
        u, v = operand([ch[1] for ch in grp]), operand([ch[2] for ch in grp])
        if fastmath:
            news.append(emit(vb, "vfma", [u, v, vh.params[1 + g]]))
            continue
        news.append(emit(vb, "vadd", [vh.params[1 + g], emit(vb, "vmul", [u, v])]))
    vb.term = Br(vh, [env[loop.latch_index.id]] + news)
    outs = [emit(vx, "vextract", [v], {"lane": k}) for v in vx.params[1:] for k in range(lanes)]
    # the vector loop ran every iteration: leave straight to the loop's exit
    # (through the scalar header, its 0-trip loop would keep every scalar
    # sum live next to the vectors: the engine then spilled the vector sums)
    # (the header's values, read after the loop, become the vector loop's)
    sub = dict(zip((p.id for p in h.params), loop.header_args(vx.params[0], outs)))
    vx.term = Br(loop.exit, [sub.get(v.id, v) for v in h.term.else_args])
    _substitute_outside(fn, sub, (h, body))
    h.meta = {**h.meta, "vectorized": f"across {len(chains)} sums, {groups} x {vt.name}"}
    return True


def _substitute_outside(fn, sub, skip):
    """Rewrite uses of the vars in `sub` (id -> Var) in every block but `skip`
    (the scalar loop, now unreachable)."""
    skip = {id(b) for b in skip}

    def r(v):
        return sub.get(v.id, v)
    for b in fn.blocks:
        if id(b) not in skip:
            b.rename_uses(r)
