"""The vectorizer's emission: given a loop `_LoopVectorizer` (vectorize.py)
has analysed (lane kinds, accesses, guards, reductions, contractions), write
the preheader's guards and vector accumulators, the vector loop (contiguous,
and when strides are known only at run time a gathering one), the lane
combination of reductions and the jump to the original loop as the scalar
remainder.

Place in the pipeline: part of the vectorizer pass; `_Emission` is the
mixin `_LoopVectorizer` inherits, so analysis and emission stay in modules
of their own.
"""
from __future__ import annotations

from ..ir import Block, Br, CondBr, Eqn, Var
from ..ir.primitives import PRIMITIVES
from ..ir.types import BOOL, F64, I64, I64X2
from . import vectorize_math
from .loop_shape import const, emit, new_block
from .vectorize_lanes import (_BOOL_OPS, _CMP, _F32_EXACT, _F32_ROUNDED, _FLOAT_OPS, _INT_OPS,
                              LANES32, LANES64, UNROLL, _can_raise, _Reduction, _Refuse)


class _Emission:
    """Emission methods of `vectorize._LoopVectorizer` (its analysis fills
    the fields they read)."""

    def emit(self):
        fn, lp = self.fn, self.loop
        pre, h, body = lp.pre, lp.header, lp.body
        L = self.lanes = LANES32 if self._float32_exact() else LANES64
        w = L.width
        # several accumulators break the dependency chain of a reduction; a loop
        # with many reductions (a register block of a matmul) has enough chains
        self.unroll = unroll = UNROLL if 0 < len(self.reductions) <= 2 else 1
        self.vmap: dict[int, Var] = {}
        self.smap: dict[int, Var] = {}
        self.splats: dict[tuple, Var] = {}
        self.defined_in_body = {o.id for e in body.eqns for o in e.outs}
        self.pre_block = pre
        # preheader: the run-time strides, the guards, the vector accumulators
        i0, c0 = lp.init_index, lp.init_carried
        self.stride_vars = [self._linear(pre, c) for c, _ in self.guards]
        contiguous = None
        for sv, (_, size) in zip(self.stride_vars, self.guards):
            ok = emit(pre, "eq", [sv, const(pre, size, I64)])
            contiguous = ok if contiguous is None else emit(pre, "and", [contiguous, ok])
        # enough iterations for one vector step (else no accumulator setup and
        # lane combining: straight to the scalar loop)
        guard = emit(pre, "lt", [emit(pre, "wadd", [i0, const(pre, w * unroll - 1, I64)]), lp.n])
        last = emit(pre, "wsub", [lp.n, const(pre, 1, I64)])
        for g in self.raise_guards:  # i in [i0, n): the check is never true
            if g[0] == "false":
                guard = emit(pre, "and", [guard, emit(pre, "not", [self._at(g[1], None)])])
                continue
            op, a, bound, k = g
            lo, hi = (i0, last) if k > 0 else (last, i0)
            amin, amax = self._at(a, lo), self._at(a, hi)
            bound = self._at(bound, None)
            if op == "ge":
                ok = emit(pre, "lt", [amax, bound])
            elif op == "gt":
                ok = emit(pre, "le", [amax, bound])
            elif op == "lt":
                ok = emit(pre, "ge", [amin, bound])
            else:  # le
                ok = emit(pre, "gt", [amin, bound])
            guard = emit(pre, "and", [guard, ok])
        if self.index_values:  # every index converted by vitof fits int32
            lo = emit(pre, "ge", [i0, const(pre, -2**31, I64)])
            hi = emit(pre, "le", [lp.n, const(pre, 2**31, I64)])
            guard = emit(pre, "and", [guard, emit(pre, "and", [lo, hi])])
        vinit = []
        for k in range(unroll):
            for r, v0 in zip(self.reductions, c0):
                vt = L.vtype[r.c.type]
                if r.init_mode == "splat":  # idempotent: every lane may start at c0
                    vinit.append(emit(pre, "vsplat", [v0], {"vtype": vt}))
                else:
                    ident = const(pre, r.identity, r.c.type)
                    first = [v0] if k == 0 else [ident]
                    vinit.append(emit(pre, "vbuild", first + [ident] * (w - 1), {"vtype": vt}))
        vh = self._vector_loop(vinit, gather=False)
        if contiguous is None:
            pre.term = CondBr(guard, vh, [i0] + vinit, h, list(lp.init))
        elif not self._can_gather():
            pre.term = CondBr(emit(pre, "and", [guard, contiguous]), vh, [i0] + vinit,
                              h, list(lp.init))
        else:  # a second vector loop gathers/scatters lanes at the run-time strides
            vg = self._vector_loop(vinit, gather=True)
            mid = new_block(fn)
            pre.term = CondBr(emit(pre, "and", [guard, contiguous]), vh, [i0] + vinit, mid, [])
            mid.term = CondBr(guard, vg, [i0] + vinit, h, list(lp.init))
        vt_names = sorted({v.type.name for v in vinit}) or [L.vtype[F64].name]
        h.meta = {**h.meta, "vectorized": f"{w} lanes" + (
            f", {unroll} x {'/'.join(vt_names)} accumulators" if self.reductions else "") + (
            ", strided version" if contiguous is not None and self._can_gather() else "")}

    def _hoistable(self, v: Var):
        """Refuse unless v is computed in the body by pure, never-raising
        operations only (so `_at` may compute it in the preheader)."""
        if v is self.loop.index or v.id not in self.body_defs:
            return
        e = self.defs[v.id]
        if not PRIMITIVES[e.prim].pure or _can_raise(e) or e.prim in ("load", "call"):
            raise _Refuse(f"a bounds check computed by {e.prim}")
        for x in e.ins:
            self._hoistable(x)

    def _at(self, v: Var, index, memo=None) -> Var:
        """v computed in the preheader with the loop index = `index` (None:
        v does not depend on it): the body's pure integer arithmetic and
        comparisons behind a bounds check, cloned."""
        memo = {} if memo is None else memo
        if v is self.loop.index:
            if index is None:
                raise AssertionError("an index-dependent value as an invariant")
            return index
        if v.id not in self.body_defs:
            return v
        if v.id in memo:
            return memo[v.id]
        e = self.defs[v.id]
        ins = [self._at(x, index, memo) for x in e.ins]
        out = emit(self.pre_block, e.prim, ins, dict(e.params), [o.type for o in e.outs])
        memo[v.id] = out
        return out

    def _can_gather(self) -> bool:
        """Can every run-time-strided access be gathered lane by lane? (Not a
        bool load: masks are not built lane by lane.)"""
        return not any(mode == "runtime" and e.prim == "load" and e.params["dtype"] == "bool"
                       for e in self.loop.body.eqns
                       for mode, _ in [self.access.get(id(e), ("", 0))])

    def _vector_loop(self, vinit, gather: bool) -> Block:
        """The vector loop (header, body, exit back to the scalar header);
        `gather`: run-time strides are used as they are (lanes one by one)
        instead of being the itemsize. Returns its header."""
        fn, lp, L = self.fn, self.loop, self.lanes
        h, body = lp.header, lp.body
        w, unroll = L.width, self.unroll
        self.gather = gather
        vh = new_block(fn, [Var(I64, "j")] + [Var(v.type) for v in vinit])
        vb = new_block(fn)
        vx = new_block(fn, [Var(I64, "j")] + [Var(v.type) for v in vinit])
        self.vb = vb
        # vector header: j + w * unroll - 1 < n
        j = vh.params[0]
        last = emit(vh, "wadd", [j, const(vh, w * unroll - 1, I64)])
        go = emit(vh, "lt", [last, lp.n])
        vh.term = CondBr(go, vb, [], vx, list(vh.params))
        # vector body, `unroll` copies (each with its own accumulators)
        nred = len(self.reductions)
        news = []
        for k in range(unroll):  # (self.vb: the block being emitted into; a call may split it)
            cur = self.vb
            self.smap = {lp.index.id: j if k == 0 else emit(cur, "wadd", [j, const(cur, k * w, I64)])}
            for r, acc in zip(self.reductions, vh.params[1 + k * nred:1 + (k + 1) * nred]):
                self.vmap[r.c.id] = acc
            for e in body.eqns:
                if id(e) not in self.skip:
                    self._emit_eqn(e)
            news += [self.vmap[r.new.id] for r in self.reductions]
        last_block = self.vb
        last_block.term = Br(vh, [emit(last_block, "wadd", [j, const(last_block, w * unroll, I64)])]
                             + news)
        # exit of the vector loop: lanes combined, then the scalar remainder
        outs = []
        bad = None
        for ri, r in enumerate(self.reductions):
            acc = None
            for k in range(unroll):
                vacc = vx.params[1 + k * nred + ri]
                for lane in range(w):
                    x = emit(vx, "vextract", [vacc], {"lane": lane})
                    acc = x if acc is None else _clone_chain(vx, r, acc, x)
            outs.append(acc)
            if r.postcheck:
                b = emit(vx, "or", [emit(vx, "isnan", [acc]),
                                    emit(vx, "eq", [acc, const(vx, 0.0, F64)])])
                bad = b if bad is None else emit(vx, "or", [bad, b])
        back = lp.header_args(vx.params[0], outs)
        if bad is None:
            vx.term = Br(h, back)
        else:  # recompute with the scalar loop from the start (no stores: see _reduction)
            vx.term = CondBr(bad, h, list(lp.init), h, back)
        return vh

    def _float32_exact(self) -> bool:
        """Can the loop run in f32x4 lanes? Every element is float32, every
        value float32: loads, rounded results (f32 right after + - * / sqrt),
        operations exact on float32 values, float32-exact invariants."""
        body = self.loop.body
        dtypes = {e.params["dtype"] for e in body.eqns if id(e) in self.access}
        if "float32" not in dtypes or not dtypes <= {"float32", "bool"} or self.index_values:
            return False
        uses: dict[int, list] = {}
        for e in body.eqns:
            for v in e.ins:
                uses.setdefault(v.id, []).append(e)
        for v in body.term.args:
            uses.setdefault(v.id, []).append(None)
        defs = self.defs
        for e in body.eqns:
            if not e.outs or self.kind_of(e.outs[0]) != "V" or id(e) in self.fused:
                continue
            if e.outs[0].type is I64:
                return False
            if e.prim in _F32_ROUNDED:
                if any(u is None or u.prim != "f32" for u in uses.get(e.outs[0].id, [])):
                    return False
            elif e.prim not in _F32_EXACT and e.prim != "f32" and id(e) not in self.fma:
                return False
            for v in e.ins:  # invariants splatted into float32 lanes must be float32
                if self.kind_of(v) == "U" and v.type is F64 and not _is_f32_value(v, defs):
                    return False
        for r, v0 in zip(self.reductions, self.loop.init_carried):
            if r.c.type is F64 and not _is_f32_value(v0, defs):
                return False  # the first lane would start rounded
        return True

    def _linear(self, block, c: dict) -> Var:
        acc = None
        for key, k in c.items():
            term = const(block, k, I64) if key is None else \
                key if k == 1 else emit(block, "wmul", [key, const(block, k, I64)])
            acc = term if acc is None else emit(block, "wadd", [acc, term])
        return acc

    def _scalar(self, v: Var) -> Var:
        return self.smap.get(v.id, v)

    def _vector(self, v: Var, vt=None) -> Var:
        if self.kind_of(v) == "V":
            return self.vmap[v.id]
        if v is self.loop.index:  # the lanes' own indices (j, j+1, ...)
            j = self._scalar(v)
            cur = self.vb
            lanes = [j] + [emit(cur, "wadd", [j, const(cur, k, I64)])
                           for k in range(1, self.lanes.width)]
            return emit(cur, "vbuild", lanes, {"vtype": I64X2})
        s = self._scalar(v)
        vt = vt or self.lanes.vtype[v.type]
        key = (s.id, vt.name)
        if key not in self.splats:
            block = self.vb if v.id in self.defined_in_body else self.pre_block
            self.splats[key] = emit(block, "vsplat", [s], {"vtype": vt})
        return self.splats[key]

    def _emit_eqn(self, e: Eqn):
        vb = self.vb
        kinds = [self.kind_of(v) for v in e.ins]
        p = e.prim
        if p in ("load", "store") and id(e) in self.access:
            self._emit_access(e)
            return
        if all(k != "V" for k in kinds) and (not e.outs or self.kind_of(e.outs[0]) != "V"):
            outs = [Var(o.type, o.hint) for o in e.outs]
            vb.eqns.append(Eqn(p, [self._scalar(v) for v in e.ins], outs, dict(e.params), e.loc))
            for o, n in zip(e.outs, outs):
                self.smap[o.id] = n
            return
        if id(e) in self.fused:
            return
        if p == "f32" and self.lanes is LANES32:  # the float32 lane op already rounded
            self.vmap[e.outs[0].id] = self._vector(e.ins[0])
            return
        if p == "call":  # a libm call: its widened core (vectorize_math.py) splits the body
            args = [self._vector(v) for v in e.ins]
            self.vb, self.vmap[e.outs[0].id] = vectorize_math.emit_call(self.fn, vb, e, args)
            return
        fma = self.fma.get(id(e))
        if fma is not None:
            a, b, c = (self._vector(v) for v in fma)
            self.vmap[e.outs[0].id] = emit(vb, "vfma", [a, b, c], loc=e.loc)
            return
        if p == "select":
            c, a, b = e.ins
            m = self._vector(c, self.lanes.vtype[BOOL])
            r = emit(vb, "vselect", [m, self._vector(a), self._vector(b)])
        elif p in _CMP:
            r = emit(vb, _CMP[p], [self._vector(v) for v in e.ins])
        elif p in _BOOL_OPS:
            r = emit(vb, _BOOL_OPS[p], [self._vector(v) for v in e.ins])
        elif p == "wrap":
            r = emit(vb, "vwrap", [self._vector(e.ins[0])], {"dtype": e.params["dtype"]})
        elif p in ("isinf", "isfinite"):  # |x| == inf; x - x == 0 (NaN for inf and NaN)
            x = self._vector(e.ins[0])
            vt = x.type
            if p == "isinf":
                inf = emit(vb, "vsplat", [const(vb, float("inf"), F64)], {"vtype": vt})
                r = emit(vb, "veq", [emit(vb, "vabs", [x]), inf])
            else:
                zero = emit(vb, "vsplat", [const(vb, 0.0, F64)], {"vtype": vt})
                r = emit(vb, "veq", [emit(vb, "vsub", [x, x]), zero])
        elif p == "convert":  # int32-range lanes to f64 (see _fits_int32, index_values)
            r = emit(vb, "vitof", [self._vector(e.ins[0])])
        elif p in _INT_OPS and e.outs[0].type is I64:
            r = emit(vb, _INT_OPS[p], [self._vector(v) for v in e.ins])
        else:
            r = emit(vb, _FLOAT_OPS[p], [self._vector(v) for v in e.ins])
        self.vmap[e.outs[0].id] = r

    def _hoisted_address(self, a: Var, fallback: Var, dtype: str) -> Var:
        """A contiguous access's address as `base + i * itemsize` with base
        (the address at i = 0: the view and row arithmetic) computed once in
        the preheader, when that arithmetic can move there (else `fallback`,
        the address computed in the body)."""
        try:
            self._hoistable(a)
        except _Refuse:
            return fallback
        memo = self.__dict__.setdefault("_base_memo", {})
        if a.id not in memo:
            if "_zero" not in self.__dict__:
                self._zero = const(self.pre_block, 0, I64)
            memo[a.id] = self._at(a, self._zero, self.__dict__.setdefault("_at_memo0", {}))
        vb = self.vb
        size = self.lanes.element[dtype][0]
        off = emit(vb, "wmul", [self._scalar(self.loop.index), const(vb, size, I64)])
        return emit(vb, "wadd", [memo[a.id], off])

    def _lane_addresses(self, addr: Var, mode: str, stride) -> list[Var]:
        """The address of each lane's element (gathered/scattered access)."""
        vb, w = self.vb, self.lanes.width
        if mode == "runtime":  # the stride (bytes) computed in the preheader
            out = [addr]
            for _ in range(1, w):
                out.append(emit(vb, "wadd", [out[-1], self.stride_vars[stride]]))
            return out
        return [addr] + [emit(vb, "wadd", [addr, const(vb, k * stride, I64)]) for k in range(1, w)]

    def _emit_access(self, e: Eqn):
        vb = self.vb
        mode, stride = self.access[id(e)]
        if mode == "runtime" and not self.gather:
            mode = "vector"  # the contiguous version: the stride is the itemsize
        dtype = e.params["dtype"]
        addr = self._scalar(e.ins[0])
        if mode == "vector":
            addr = self._hoisted_address(e.ins[0], addr, dtype)
        vt = self.lanes.element[dtype][1]
        if e.prim == "load":
            if mode == "vector":
                r = emit(vb, "vload", [addr], {"dtype": dtype, "vtype": vt})
            elif mode in ("gather", "runtime"):
                lanes = [emit(vb, "load", [a], {"dtype": dtype})
                         for a in self._lane_addresses(addr, mode, stride)]
                r = emit(vb, "vbuild", lanes, {"vtype": vt})
            else:  # splat: a scalar load (kind U)
                s = emit(vb, "load", [addr], {"dtype": dtype})
                self.smap[e.outs[0].id] = s
                return
            self.vmap[e.outs[0].id] = r
            return
        val = self._vector(e.ins[1], vt)
        if mode == "vector":
            vb.eqns.append(Eqn("vstore", [addr, val], [], {"dtype": dtype}, e.loc))
        else:  # scatter, lane by lane, in lane order
            for k, a in enumerate(self._lane_addresses(addr, mode, stride)):
                x = emit(vb, "vextract", [val], {"lane": k})
                vb.eqns.append(Eqn("store", [a, x], [], {"dtype": dtype}, e.loc))


def _is_f32_value(v: Var, defs) -> bool:
    """Is v (an invariant f64) certainly a float32 value?"""
    e = defs.get(v.id)
    if e is None:
        return False
    if e.prim == "f32" or (e.prim == "load" and e.params["dtype"] == "float32"):
        return True
    if e.prim == "const":
        from ..ir.memory import f32
        x = e.params["value"]
        return x != x or f32(x) == x
    return False


def _clone_chain(block: Block, r: _Reduction, acc: Var, lane: Var) -> Var:
    """The scalar update of reduction r with c = acc and its element = lane."""
    env = {r.c.id: acc, r.x.id: lane}
    for e in r.chain:
        outs = [Var(o.type) for o in e.outs]
        block.eqns.append(Eqn(e.prim, [env.get(v.id, v) for v in e.ins], outs, dict(e.params),
                              e.loc))
        for o, n in zip(e.outs, outs):
            env[o.id] = n
    return env[r.new.id]
