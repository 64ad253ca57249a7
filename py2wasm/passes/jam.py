"""Unroll-and-jam of a loop around a reduction loop: U iterations of the
outer loop run side by side through one copy of the inner loop.

Place in the pipeline: a shared pass (IR -> IR), after `ranges` (whose
removed bounds checks make most nests legal here) and before the
vectorizer (passes/vectorize_rows.py turns the U sums the jammed inner loop
carries into vector lanes). The shape it rewrites is the textbook matrix
product and matrix-vector product, in any loop order or index permutation:

    for j in range(n):              # the loop jammed (index j, step 1)
        s = 0.0
        for k in range(m):          # an inner loop carrying a sum that depends on j
            s += a[i, k] * b[k, j]
        c[i, j] = s

becomes, for the j with j + U <= n, one pass of the body for j, j+1, ...,
j+U-1 together: U sums carried by one k loop (`s_u += a[i, k] * b[k, j+u]`),
then U stores; the original loop runs the remaining j (fewer than U). Each
output element keeps its own operations in its own order (same initial
value, same products, same additions in increasing k, nothing fused), so
every bit of every result is the original's; only the interleaving of
work between different j changes. That is unobservable when:

- control flow in the body does not depend on j (every copy takes the same
  path: branches, inner loop bounds);
- nothing that depends on j may raise (no checked int arithmetic on
  j-dependent values: int sums with overflow checks stay as they are),
  except checks whose condition is computed from j and values defined
  before the loop alone (a bounds check of `b[k, j]` against b's columns,
  of `c0[i, j]`): the jammed loop's header computes them for the U values
  of the group and, when one is true, leaves to the original loop from j
  on, which raises where Python raises (versioning: the group runs only
  when none of them can fire, so the body drops them). Checks that do not
  depend on j are emitted once, in their place: they fail in the jammed
  body exactly when they fail for column j, the first of the group, at the
  same point, with the same message, as in the original (the columns
  before j are all done in both);
- every store is to an array allocated in this function (unobservable if
  an exception leaves the function), at a j-dependent address, and no load
  in the loop reads an array the loop stores to (loads are based on the
  function's array parameters or on other arrays allocated here), except
  the element its own j stores (`c[i, j]` read before the k loop that
  passes/promote.py made of `c[i, j] += ...`: the same address expression
  as every store into that array, `x + c*j` with |c| at least the element
  size, so the U copies touch U different elements): the reordered reads
  and writes cannot meet. No calls, no allocations.

Loads and stores whose address is `base + c*j` with a constant c use the
memarg offset `u*c` from copy 0's address (the vectorizer recognises those
as one v128 load). The loop must start at a preheader, carry only its index
(stepping by 1), and test `j < n` with n defined before the loop. It is
jammed only when it holds an inner loop carrying one or two float or int64
values that depend on j (a reduction: the latency chain that the U copies
break; an inner loop with more such sums already has independent chains,
e.g. the blocked kernels frontend/matmul_kernels.py emits, and is left alone;
NumPy int64 sums wrap, so they qualify; Python int sums keep their overflow
checks and are left alone).
"""
from __future__ import annotations

from ..ir import Br, CondBr, Function, Module, Raise, Return, Var
from ..ir.dominators import Dominators
from ..ir.primitives import PRIMITIVES
from ..ir.types import F64, I64
from .licm import _loops
from .promote import promote_function
from .loop_shape import emit, new_block

UNROLL = 8  # outer iterations per jammed pass (8 float sums: 4 f64x2 / 2 f32x4 accumulators)
_ITEMSIZE = {"float64": 8, "int64": 8, "float32": 4}
MAX_BODY = 240  # equations in the jammed loop's body (its U copies: code size)
MAX_SUMS = 2  # an inner loop carrying more j-dependent sums is left alone
_FLOAT_SAFE = ("add", "sub", "mul", "neg", "abs")  # never raise on floats
_RAISES = ("raise_if", "raise_if_fmt")
_OFFSET_PRIMS = ("wmul", "shl", "const")  # index terms of an address, never its base


class _Refuse(Exception):
    pass


def _can_raise(e) -> bool:
    if e.prim in _RAISES or e.prim in ("call", "alloc"):
        return True
    if e.prim in _FLOAT_SAFE and all(v.type is F64 for v in e.ins):
        return False
    if e.prim == "convert" and e.ins[0].type is I64 and e.params.get("to") is F64:
        return False
    return bool(PRIMITIVES[e.prim].raises)


class _Nest:
    def __init__(self, fn: Function, dom: Dominators, h, body_ids, pre, fdefs, consts, params):
        self.fn, self.dom, self.h, self.pre = fn, dom, h, pre
        self.fdefs, self.consts, self.params = fdefs, consts, params
        self.blocks = [b for b in dom.rpo if id(b) in body_ids and b is not h]
        self.ids = {id(b) for b in self.blocks}
        self.defs = {o.id: e for b in self.blocks for e in b.eqns for o in e.outs}
        self.inside = set(self.defs) | {p.id for b in self.blocks for p in b.params}

    # --- legality -------------------------------------------------------------------------
    def check(self):
        h = self.h
        if len(h.params) != 1 or h.params[0].type is not I64 or len(h.eqns) != 1:
            raise _Refuse("the header carries more than its index")
        self.j = j = h.params[0]
        cmp = h.eqns[0]
        t = h.term
        if (cmp.prim != "lt" or cmp.ins[0] is not j or cmp.ins[1].id in self.inside
                or cmp.ins[1] is j or not isinstance(t, CondBr) or t.cond is not cmp.outs[0]
                or t.then_args or id(t.then) not in self.ids or id(t.else_) in self.ids):
            raise _Refuse("not `while j < n`")
        self.n, self.entry, self.exit = cmp.ins[1], t.then, t.else_
        if sum(len(b.eqns) for b in self.blocks) > MAX_BODY:
            raise _Refuse("a large body (code size)")
        if not isinstance(self.pre.term, Br) or self.pre.term.target is not h:
            raise _Refuse("no preheader")
        for b in self.blocks:
            t = b.term
            if isinstance(t, Return):
                raise _Refuse("a return inside the loop")
            for s in b.successors():
                if s is h:
                    if not isinstance(t, Br) or not self._is_step(t.args[0]):
                        raise _Refuse("the index does not step by 1")
                elif id(s) not in self.ids:
                    raise _Refuse("an exit other than the header's")
        self._varying()
        self.guards = []  # checks of j alone: tested for the group before it runs
        self.h_outs = {o.id for e in h.eqns for o in e.outs}
        stored = set()
        loads = []
        for b in self.blocks:
            for e in b.eqns:
                var = any(v.id in self.vary for v in e.ins)
                if e.prim in ("call", "alloc", "vstore", "vload"):
                    raise _Refuse(e.prim)
                if e.prim in _RAISES:
                    if e.ins[0].id in self.vary:
                        if not self._hoistable(e.ins[0]):
                            raise _Refuse("a check that depends on the index and the loop")
                        self.guards.append(e)
                    continue
                if var and _can_raise(e):
                    raise _Refuse(f"{e.prim} depends on the index and may raise")
                if e.prim == "store":
                    if e.ins[0].id not in self.vary:
                        raise _Refuse("a store that does not depend on the index")
                    bases = self._bases(e.ins[0])
                    if len(bases) != 1 or not self._is_alloc(next(iter(bases))):
                        raise _Refuse("a store to an array not allocated here")
                    stored |= bases
                elif e.prim == "load":
                    loads.append(e)
            if isinstance(b.term, CondBr) and b.term.cond.id in self.vary:
                raise _Refuse("a branch that depends on the index")
        for e in loads:
            bases = self._bases(e.ins[0])
            if bases & stored:
                self._own_element(e, bases & stored)
            elif not bases or any(not (self._is_alloc(x) or x in self.params) for x in bases):
                raise _Refuse("a load that may read what the loop stores")
        if not self._has_reduction():
            raise _Refuse("no inner reduction")

    def _own_element(self, load, bases):
        """A load of an array the loop stores into is allowed when it reads
        the element its own iteration stores (the same address expression as
        every store into that array, `x + c*j` with |c| >= the element size):
        the U copies then touch U different elements, each in its own order."""
        key = self._addr_key(load.ins[0])
        c = self.coef(load.ins[0])
        if key is None or c is None or abs(c) < _ITEMSIZE.get(load.params.get("dtype"), 1 << 62):
            raise _Refuse("a load of an element other iterations may store")
        for b in self.blocks:
            for e in b.eqns:
                if e.prim == "store" and self._bases(e.ins[0]) & bases:
                    if self._addr_key(e.ins[0]) != key or e.params != load.params:
                        raise _Refuse("a load of an element other iterations may store")

    def _addr_key(self, v, depth=0):
        e = self.defs.get(v.id)
        if e is None:
            return None if (v.id in self.inside and v is not self.j) else ("v", v.id)
        if depth > 24 or e.prim not in ("wadd", "wsub", "wmul", "shl", "const"):
            return None
        if e.prim == "const":
            return ("c", repr(e.params.get("value")))
        ks = tuple(self._addr_key(x, depth + 1) for x in e.ins)
        return None if None in ks else (e.prim, ks)

    def _hoistable(self, v, depth=0) -> bool:
        """v is computed from j and values defined before the loop by pure
        equations that cannot raise (so it can be computed before the body)."""
        if v is self.j:
            return True
        if v.id not in self.inside:
            return v.id not in self.h_outs  # (the header's values are not before it)
        e = self.defs.get(v.id)
        if e is None or depth > 24 or not PRIMITIVES[e.prim].pure or _can_raise(e):
            return False
        return all(self._hoistable(x, depth + 1) for x in e.ins)

    def _clone_into(self, block, v, j_u, memo):
        if v is self.j:
            return j_u
        if v.id not in self.inside:
            return v
        if v.id not in memo:
            e = self.defs[v.id]
            ins = [self._clone_into(block, x, j_u, memo) for x in e.ins]
            outs = [Var(o.type, o.hint) for o in e.outs]
            block.eqns.append(type(e)(e.prim, ins, outs, dict(e.params), e.loc))
            for o, n in zip(e.outs, outs):
                memo[o.id] = n
        return memo[v.id]

    def _is_step(self, v) -> bool:
        e = self.defs.get(v.id)
        if e is None or e.prim not in ("wadd", "add") or len(e.ins) != 2:
            return False
        a, b = e.ins
        return (a is self.j and self.consts.get(b.id) == 1) or (
            b is self.j and self.consts.get(a.id) == 1)

    def _is_alloc(self, vid) -> bool:
        e = self.fdefs.get(vid)
        return e is not None and e.prim == "alloc" and vid not in self.inside

    def _bases(self, v, depth=0) -> set:
        """Ids of the pointer values an address adds up (through wadd; index
        terms made by multiplications are not bases)."""
        e = self.fdefs.get(v.id)
        if depth < 32 and e is not None and e.prim == "wadd":
            return self._bases(e.ins[0], depth + 1) | self._bases(e.ins[1], depth + 1)
        if e is not None and e.prim in _OFFSET_PRIMS:
            return set()
        return {v.id}

    def _varying(self):
        vary = {self.j.id}
        preds = {id(b): [] for b in self.blocks}
        for b in self.blocks:
            for s, args in b.edges():
                if id(s) in preds:
                    preds[id(s)].append(args)
        changed = True
        while changed:
            changed = False
            for b in self.blocks:
                for i, p in enumerate(b.params):
                    if p.id not in vary and any(args[i].id in vary for args in preds[id(b)]):
                        vary.add(p.id)
                        changed = True
                for e in b.eqns:
                    if e.prim in _RAISES:
                        continue
                    if any(v.id in vary for v in e.ins):
                        for o in e.outs:
                            if o.id not in vary:
                                vary.add(o.id)
                                changed = True
        self.vary = vary

    def _has_reduction(self) -> bool:
        """An inner loop carries 1 or 2 sums that depend on j (more: the
        loop already has independent chains, e.g. a blocked kernel's)."""
        found = False
        for b in self.blocks:
            back = [p for p in self.blocks if b in p.successors() and self.dom.dominates(b, p)]
            if not back:
                continue
            sums = [p for p in b.params if p.type in (F64, I64) and p.id in self.vary]
            if len(sums) > MAX_SUMS:
                return False
            found = found or bool(sums)
        return found

    def coef(self, v, depth=0):
        """The constant c with v = (v at j=0) + c*j modulo 2**64, or None."""
        if v.id not in self.vary:
            return 0
        if v is self.j:
            return 1
        e = self.defs.get(v.id)
        if e is None or depth > 24:
            return None
        if e.prim in ("wadd", "wsub"):
            a, b = self.coef(e.ins[0], depth + 1), self.coef(e.ins[1], depth + 1)
            if a is None or b is None:
                return None
            return a + b if e.prim == "wadd" else a - b
        if e.prim == "wmul":
            for x, y in (e.ins, e.ins[::-1]):
                c = self.consts.get(y.id)
                if isinstance(c, int) and not isinstance(c, bool) and y.id not in self.vary:
                    k = self.coef(x, depth + 1)
                    return None if k is None else k * c
        return None

    # --- rewriting ------------------------------------------------------------------------
    def rewrite(self, U: int):
        fn, h, j = self.fn, self.h, self.j
        jh = new_block(fn, [Var(I64, "j")])
        jh.meta = dict(h.meta)
        jv = jh.params[0]
        last = emit(jh, "wadd", [jv, _const(jh, U - 1)])
        ok = emit(jh, "and", [emit(jh, "ge", [last, jv]), emit(jh, "lt", [last, self.n])])
        # checks that depend on j alone, for the U values of the group: when
        # one would fail (or just is true), the original loop takes over from
        # j and raises where Python raises; in the group they are false
        for u in range(U):
            memo: dict = {}
            j_u = jv if u == 0 else emit(jh, "wadd", [jv, _const(jh, u)])
            for g in self.guards:
                bad = self._clone_into(jh, g.ins[0], j_u, memo)
                ok = emit(jh, "and", [ok, emit(jh, "not", [bad])])
        copies = {}
        self.made = {id(jh), id(h)}
        for b in self.blocks:
            nb = new_block(fn)
            nb.meta = dict(b.meta)
            for p in b.params:
                k = U if p.id in self.vary else 1
                nb.params.extend(Var(p.type, p.hint) for _ in range(k))
            copies[id(b)] = nb
            self.made.add(id(nb))
        jh.term = CondBr(ok, copies[id(self.entry)], [], h, [jv])
        self.pre.term = Br(jh, list(self.pre.term.args))
        self._envs = envs = [dict() for _ in range(U)]
        entry = copies[id(self.entry)]
        envs[0][j.id] = jv
        for u in range(1, U):
            envs[u][j.id] = emit(entry, "wadd", [jv, _const(entry, u)])
        for b in self.blocks:
            nb = copies[id(b)]
            k = 0
            for p in b.params:
                if p.id in self.vary:
                    for u in range(U):
                        envs[u][p.id] = nb.params[k + u]
                    k += U
                else:
                    for env in envs:
                        env[p.id] = nb.params[k]
                    k += 1
        for b in self.blocks:
            nb = copies[id(b)]
            for e in b.eqns:
                var = any(v.id in self.vary for v in e.ins)
                if any(e is g for g in self.guards):
                    continue  # false for the whole group (tested in the header)
                if not var or e.prim in _RAISES:
                    self._copy(nb, e, envs[0], envs)
                    continue
                for u in range(U):
                    self._copy(nb, e, envs[u], [envs[u]], u)
            nb.term = self._term(b.term, nb, envs, copies, jh, jv, U)

    def _copy(self, nb, e, env, share, u=0):
        ins = [env.get(v.id, v) for v in e.ins]
        params = dict(e.params)
        if u and e.prim in ("load", "store") and e.ins[0].id in self.vary:
            c = self.coef(e.ins[0])
            off = params.get("offset", 0) + (c * u if c is not None else -1)
            if c is not None and 0 <= off < 2 ** 31:
                ins[0] = self._envs[0][e.ins[0].id]
                params["offset"] = off
        outs = [Var(o.type, o.hint) for o in e.outs]
        nb.eqns.append(type(e)(e.prim, ins, outs, params, e.loc))
        for o, n in zip(e.outs, outs):
            for env2 in share:
                env2[o.id] = n

    def _term(self, t, nb, envs, copies, jh, jv, U):
        def args_for(target, args):
            out = []
            for p, a in zip(target.params, args):
                if p.id in self.vary:
                    out.extend(env.get(a.id, a) for env in envs)
                else:
                    out.append(envs[0].get(a.id, a))
            return out

        def edge(target, args):
            if target is self.h:
                return jh, [emit(nb, "wadd", [jv, _const(nb, U)])]
            return copies[id(target)], args_for(target, args)

        if isinstance(t, Br):
            return Br(*edge(t.target, t.args))
        if isinstance(t, CondBr):
            a, aa = edge(t.then, t.then_args)
            b, ba = edge(t.else_, t.else_args)
            return CondBr(envs[0].get(t.cond.id, t.cond), a, aa, b, ba)
        if isinstance(t, Raise):
            return t
        raise _Refuse("terminator")  # checked before: not reached


def _const(block, value):
    return emit(block, "const", [], {"value": value, "type": I64})


def jam_function(fn: Function, unroll: int = UNROLL) -> bool:
    """Jam every loop of fn that has the shape above (innermost candidates
    first, each loop at most once); did anything change?"""
    done: set[int] = set()  # loop headers looked at
    made: set[int] = set()  # blocks of jammed nests: never jammed again (one level)
    changed = False
    params = {p.id for p in fn.params}
    while True:
        dom = Dominators(fn)
        fdefs = {o.id: e for b in dom.rpo for e in b.eqns for o in e.outs}
        consts = {i: e.params.get("value") for i, e in fdefs.items() if e.prim == "const"}
        for h, body, pre in _loops(fn, dom):
            if pre is None or id(h) in done:
                continue
            done.add(id(h))
            if body & made:
                continue
            nest = _Nest(fn, dom, h, body, pre, fdefs, consts, params)
            try:
                nest.check()
            except _Refuse:
                continue
            nest.rewrite(unroll)
            made |= nest.made
            changed = True
            break
        else:
            return changed


def jam(module: Module) -> Module:
    for fn in module.functions.values():
        promote_function(fn)
        jam_function(fn)
    return module
