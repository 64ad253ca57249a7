"""Vectorization of NumPy's pairwise-sum block loop (SLP: the lanes are the
accumulators, not iterations).

Place in the pipeline: part of the vectorizer pass (passes/vectorize.py
calls `vectorize_pairwise` on every loop first). `__pairwise_sum_<dtype>`
(frontend/nplib.py) sums blocks of 8 elements into 8 accumulators:
`r[k] += a[(q + 1) * 8 + k]` for k = 0..7 (float32: each sum rounded to
float32). Accumulators 0..7 become 4 f64x2 vectors (float64) or 2 f32x4
vectors (float32: f32x4 addition of float32 values is exactly `f32(x + y)`),
lane k of the vectors doing exactly accumulator k's additions in the same
order, so the result is NumPy's to the bit. Contiguous only: the stride is
checked at run time (else the scalar loop runs).
"""
from __future__ import annotations

from ..ir import Br, CondBr, Var
from ..ir.types import F32X4, F64, F64X2, I64
from .loop_shape import const, emit, new_block

_LANES = {"float64": (F64X2, 8), "float32": (F32X4, 4)}


def _defs(block):
    return {o.id: e for e in block.eqns for o in e.outs}


def _match(fn, loop, consts=None):
    """(dtype, [load eqns by accumulator], stride var) or None."""
    body = loop.body
    carried = loop.carried
    if loop.ipos != 0 or len(carried) != 8 or any(c.type is not F64 for c in carried):
        return None
    defs = _defs(body)
    if consts is None:
        consts = {e.outs[0].id: e.params["value"] for b in fn.blocks for e in b.eqns
                  if e.prim == "const"}
    news = body.term.args[1:]
    loads, dtype, base, ptr, stride = [], None, None, None, None
    for k, (c, new) in enumerate(zip(carried, news)):
        e = defs.get(new.id)
        if e is not None and e.prim == "f32":
            e = defs.get(e.ins[0].id)
            want_f32 = True
        else:
            want_f32 = False
        if e is None or e.prim != "add" or e.ins[0] is not c:
            return None
        ld = defs.get(e.ins[1].id)
        if ld is None or ld.prim != "load" or ld.params["dtype"] not in _LANES:
            return None
        if dtype is None:
            dtype = ld.params["dtype"]
        if ld.params["dtype"] != dtype or want_f32 != (dtype == "float32"):
            return None
        # address: wadd(ptr, wmul(wadd(base, k), stride))
        a = defs.get(ld.ins[0].id)
        m = defs.get(a.ins[1].id) if a is not None and a.prim == "wadd" else None
        o = defs.get(m.ins[0].id) if m is not None and m.prim == "wmul" else None
        if o is None or o.prim != "wadd" or consts.get(o.ins[1].id) != k:
            return None
        if k == 0:
            base, ptr, stride = o.ins[0], a.ins[0], m.ins[1]
        elif (o.ins[0], a.ins[0], m.ins[1]) != (base, ptr, stride):
            return None
        loads.append(ld)
    if ptr.id in defs or stride.id in defs:
        return None
    # the chains are the only loads, adds and roundings; the rest is index arithmetic
    chain_eqns = {id(e) for e in body.eqns if e.prim in ("load", "add", "f32")}
    want = {id(ld) for ld in loads} | {id(defs[n.id]) for n in news}
    want |= {id(defs[defs[n.id].ins[0].id]) for n in news if defs[n.id].prim == "f32"}
    if chain_eqns != want:
        return None
    for e in body.eqns:
        if e.prim not in ("wadd", "wmul", "const", "load", "add", "f32"):
            return None
    return dtype, loads, stride


def vectorize_pairwise(fn, loop, consts=None) -> bool:
    """Vectorize `loop` if it is the pairwise-sum block loop; did it?
    (`consts`: var id -> value of fn's constants, if the caller has them.)"""
    m = _match(fn, loop, consts)
    if m is None:
        return False
    dtype, loads, stride = m
    vt, size = _LANES[dtype][0], (8 if dtype == "float64" else 4)
    lanes = vt.lanes
    pre, h, body = loop.pre, loop.header, loop.body
    groups = 8 // lanes
    ok = emit(pre, "eq", [stride, const(pre, size, I64)])
    init = loop.init[1:]
    vinit = [emit(pre, "vbuild", init[g * lanes:(g + 1) * lanes], {"vtype": vt})
             for g in range(groups)]
    vh = new_block(fn, [Var(I64, "q")] + [Var(vt) for _ in range(groups)])
    vb = new_block(fn)
    vx = new_block(fn, [Var(I64, "q")] + [Var(vt) for _ in range(groups)])
    pre.term = CondBr(ok, vh, [loop.init[0]] + vinit, h, list(loop.init))
    q = vh.params[0]
    vh.term = CondBr(emit(vh, "lt", [q, loop.n]), vb, [], vx, list(vh.params))
    q_exit, vx_accs = vx.params[0], vx.params[1:]
    # the index arithmetic of the body, with q for the index
    env = {loop.index.id: q}
    lane0 = {id(loads[g * lanes]) for g in range(groups)}
    addr = {}
    for e in body.eqns:
        if e.prim in ("load", "add", "f32"):
            if e.prim == "load" and id(e) in lane0:
                addr[id(e)] = env.get(e.ins[0].id, e.ins[0])
            continue
        outs = [Var(o.type, o.hint) for o in e.outs]
        vb.eqns.append(type(e)(e.prim, [env.get(v.id, v) for v in e.ins], outs,
                               dict(e.params), e.loc))
        for o, n in zip(e.outs, outs):
            env[o.id] = n
    news = []
    for g in range(groups):
        ld = loads[g * lanes]
        x = emit(vb, "vload", [addr[id(ld)]], {"dtype": dtype, "vtype": vt})
        news.append(emit(vb, "vadd", [vh.params[1 + g], x]))
    vb.term = Br(vh, [emit(vb, "wadd", [q, const(vb, 1, I64)])] + news)
    outs = [emit(vx, "vextract", [v], {"lane": k}) for v in vx_accs for k in range(lanes)]
    vx.term = Br(h, [q_exit] + outs)
    h.meta = {**h.meta, "vectorized": f"pairwise, {groups} x {vt.name}"}
    return True
