"""Lower one IR function to a Binaryen function.

Place in the pipeline: backend, between `compile_module` (which walks the
module) and `lower_ops` (which lowers each equation). Every IR variable is a
wasm local (bool -> i32, a float32-exact f64 -> f32: `lower_f32`), except constants (a literal at each use); values
used only inside their block share locals once dead; block arguments become
parallel copies on the branch edges; control flow goes through Binaryen's
Relooper; a function with several results returns a multi-value tuple.
Everything here is linear in the function's size, and the shape of the
code keeps Binaryen's passes linear too (`_chunked`, `raise_stmt`).
"""
from __future__ import annotations

from typing import Optional

from .. import ir
from ..ir.types import BOOL, F64, I64, VECTORS
from . import binaryen as bn, lower_f32, pipeline
from .flatten import flatten
from . import lower_catch
from .lower_ops import lower_eqn

CHUNK = 64  # statements per nested wasm block (see FunctionLowering._chunked)
# memory primitives whose address (ins[0]) may be computed in 32 bits (_note_narrow_addresses)
NARROW_ADDRESS_OPS = ("load", "store", "vload", "vstore")
_WTYPE = {I64: bn.i64, F64: bn.f64, BOOL: bn.i32, **{v: bn.v128 for v in VECTORS}}


def _lower_checked(L, e) -> list:
    """Equation e, and after a call the check for an exception it left pending."""
    stmts = lower_eqn(L, e)
    if e.prim == "call":
        stmts.append(lower_catch.after_call(L))
    return stmts


def wasm_type(t) -> int:
    return _WTYPE[t]


class FunctionLowering:
    def __init__(self, ctx, fn: ir.Function):
        self.ctx = ctx
        self.m = ctx.m
        self.fn = fn
        self.types: list[int] = []
        self.index: dict[int, int] = {}
        self.consts: dict = {}  # var id -> literal maker (see _note_constants)
        self.const_values: dict = {}  # var id -> (type, value) of a scalar constant
        self.f32 = lower_f32.Plan()  # float32 values in f32 locals (lower_f32.plan)
        self.last_use: dict = {}  # block-local var id -> (id(block), eqn index)
        self.free: dict[int, list] = {}  # wasm type -> reusable local indices
        self.freed: set[int] = set()  # var ids whose local was released
        for p in fn.params:
            self._var(p)
        self.nparams = len(self.types)
        self.chunks = 0  # nested blocks named so far (_chunked)
        self.raised: set[int] = set()  # exception codes of this function's raise_stmt

    # --- locals ---------------------------------------------------------
    @staticmethod
    def wtype(t) -> int:
        return _WTYPE[t]

    def _var(self, v: ir.Var) -> int:
        i = self.index.get(v.id)
        if i is None:
            if v.id in self.freed:
                raise AssertionError(f"{v} read after its last use (local reuse)")
            t = lower_f32.F32 if v.id in self.f32.locals else _WTYPE[v.type]
            pool = self.free.get(t) if v.id in self.last_use else None
            if pool:
                i = pool.pop()
            else:
                i = len(self.types)
                self.types.append(t)
            self.index[v.id] = i
        return i

    def _note_lifetimes(self, blocks):
        """Values defined and used only inside one block (by its equations,
        not its terminator) share locals: after its last use a value's local
        goes back to a pool of its wasm type (`_release`). Straight-line code
        then needs a handful of locals, not one per value (engines accept at
        most 50,000 per function; Binaryen's local analyses cost locals x
        blocks)."""
        home: dict[int, int] = {}  # var id -> id(block) defining it by an equation
        for b in blocks:
            for e in b.eqns:
                for o in e.outs:
                    home[o.id] = id(b)
        last: dict[int, tuple] = {}
        shared: set[int] = set()
        for b in blocks:
            for k, e in enumerate(b.eqns):
                for v in e.ins:
                    if home.get(v.id) == id(b):
                        last[v.id] = (id(b), k)
                    else:
                        shared.add(v.id)
                for o in e.outs:  # a result never read: free right after
                    last.setdefault(o.id, (id(b), k))
            t = b.term
            used = (t.args if isinstance(t, ir.Br) else
                    [t.cond, *t.then_args, *t.else_args] if isinstance(t, ir.CondBr) else
                    t.values if isinstance(t, ir.Return) else [])
            shared.update(v.id for v in used)
        self._note_narrow_addresses(blocks, home, last)
        self.last_use = {v: at for v, at in last.items() if v not in shared}
        self.dies: dict[tuple, list] = {}
        for v, at in self.last_use.items():
            self.dies.setdefault(at, []).append(v)

    def _note_narrow_addresses(self, blocks, home, last):
        """Addresses computed in 32 bits: loads and stores whose address is a
        `wadd`/`wsub` of their own block, used by nothing else, get the
        address as `i32.add(wrap a, wrap b)` (`lower_memory._addr`) instead
        of `wrap(i64.add a b)`: exact (the low 32 bits of a sum modulo 2**64
        are the sum of the low 32 bits modulo 2**32), and V8 then needs no
        zero-extension of the address (the i64 add, left unused, goes).
        The operands' locals live until the access (`last` extended)."""
        uses: dict[int, int] = {}
        for b in blocks:
            for e in b.eqns:
                for v in e.ins:
                    uses[v.id] = uses.get(v.id, 0) + 1
            t = b.term
            for v in (t.args if isinstance(t, ir.Br) else
                      [t.cond, *t.then_args, *t.else_args] if isinstance(t, ir.CondBr) else
                      t.values if isinstance(t, ir.Return) else []):
                uses[v.id] = uses.get(v.id, 0) + 1
        self.narrow: dict[int, ir.Eqn] = {}
        for b in blocks:
            defs: dict[int, ir.Eqn] = {}
            at: dict[int, list] = {}  # address var id -> [its uses as an address here, last index]
            for k, e in enumerate(b.eqns):
                if e.prim in NARROW_ADDRESS_OPS and e.ins and e.ins[0].id in defs:
                    n = at.setdefault(e.ins[0].id, [0, k])
                    n[0] += 1
                    n[1] = k
                if e.prim in ("wadd", "wsub"):
                    defs[e.outs[0].id] = e
            for a, (n, k) in at.items():
                if uses.get(a) != n:
                    continue  # also used otherwise: stays an i64 value
                d = self.narrow[a] = defs[a]
                for v in d.ins:
                    if home.get(v.id) == id(b) and last.get(v.id, (0, -1))[1] < k:
                        last[v.id] = (id(b), k)

    def _release(self, b, k: int):
        """Equation k of block b is lowered: the locals of the values it used
        last go back to their pools."""
        for vid in self.dies.get((id(b), k), ()):
            i = self.index.pop(vid, None)
            self.freed.add(vid)
            if i is not None:
                self.free.setdefault(self.types[i], []).append(i)

    def tmp(self, t: int) -> int:
        self.types.append(t)
        return len(self.types) - 1

    def get(self, v: ir.Var):
        c = self.consts.get(v.id)
        if c is not None:  # a constant is its literal at every use: no local
            return c()
        if v.id in self.f32.locals:
            return lower_f32.promote(self.m, self.m.local_get(self._var(v), lower_f32.F32))
        return self.m.local_get(self._var(v), _WTYPE[v.type])

    def get32(self, v: ir.Var):
        """f64 value v rounded to float32, as an f32 expression (no
        conversion for a value kept in an f32 local or a float32-exact
        constant)."""
        c = self.const_values.get(v.id)
        if c is not None and lower_f32.float32_exact(float(c[1])):
            return lower_f32.literal32(self.m, float(c[1]))
        if v.id in self.f32.locals:
            return self.m.local_get(self._var(v), lower_f32.F32)
        return lower_f32.demote(self.m, self.get(v))

    def _note_constants(self, blocks):
        """Scalar constants become literals at their uses (`get`) instead of
        locals: fewer locals for Binaryen, whose local analyses cost locals x
        blocks (coalesce-locals: locals^2)."""
        m = self.m
        for b in blocks:
            for e in b.eqns:
                if e.prim != "const":
                    continue
                t, v = e.params["type"], e.params["value"]
                self.const_values[e.outs[0].id] = (t, v)
                if t is I64:
                    self.consts[e.outs[0].id] = lambda v=v: m.i64(v)
                elif t is F64:
                    self.consts[e.outs[0].id] = lambda v=v: m.f64(v)
                elif t is BOOL:
                    self.consts[e.outs[0].id] = lambda v=v: m.i32(int(v))

    def set(self, v: ir.Var, expr):
        if v.id in self.f32.locals:  # a float32-exact value: demoting is exact
            return self.m.local_set(self._var(v), lower_f32.as_f32(self.m, expr))
        return self.m.local_set(self._var(v), expr)

    def set32(self, v: ir.Var, expr32):
        """v := the f32 expression expr32 (v is float32-exact)."""
        if v.id in self.f32.locals:
            return self.m.local_set(self._var(v), expr32)
        return self.m.local_set(self._var(v), lower_f32.promote(self.m, expr32))

    # --- exceptions -----------------------------------------------------
    def _loc(self, loc: Optional[ir.Loc]) -> Optional[ir.Loc]:
        return loc if loc is not None else self.fn.loc

    def code(self, exc: str, msg: str, loc: Optional[ir.Loc]) -> int:
        return self.ctx.exceptions.code(exc, msg, self._loc(loc))

    def raise_stmt(self, exc: str, msg: str, loc: Optional[ir.Loc]):
        """`global.set $py2wasm_exc code; unreachable`. Each one in a function
        gets its own code (a repeated one a duplicate entry): Binaryen's
        code-folding merges one group of identical tails per run and then
        runs again, so n repeated raises made -O2/-O3 quadratic."""
        c = self.code(exc, msg, loc)
        if c in self.raised:
            c = self.ctx.exceptions.duplicate(c)
        self.raised.add(c)
        return self.raise_expr(self.m.i32(c))

    def raise_expr(self, code_expr):
        """Raise the exception of i32 `code_expr`: trap, or leave a catching
        equation or a soft function with it pending (`lower_catch`)."""
        return lower_catch.raise_expr(self, code_expr)

    def raise_if(self, cond, exc: str, msg: str, loc: Optional[ir.Loc]):
        return self.m.if_(cond, self.raise_stmt(exc, msg, loc))

    # --- control flow ---------------------------------------------------
    def copies(self, params: list[ir.Var], args: list[ir.Var]) -> list:
        """Parallel assignment params := args (block arguments of an edge)."""
        m = self.m
        def src(a):  # a constant has no local
            return None if a.id in self.consts else self._var(a)
        pairs = [(p, a) for p, a in zip(params, args) if self._var(p) != src(a)]
        if not pairs:
            return []
        dsts = {self._var(p) for p, _ in pairs}
        if len(pairs) == 1 or not any(src(a) in dsts for _, a in pairs):
            return [self.set(p, self.get(a)) for p, a in pairs]
        tmps = [self.tmp(_WTYPE[a.type]) for _, a in pairs]
        out = [m.local_set(t, self.get(a)) for t, (_, a) in zip(tmps, pairs)]
        out += [self.set(p, m.local_get(t, _WTYPE[p.type])) for t, (p, _) in zip(tmps, pairs)]
        return out

    def _code(self, stmts: list):
        m = self.m
        if not stmts:
            return None
        if len(stmts) == 1:
            return stmts[0]
        return m.block(None, stmts, bn.auto)

    def _barrier(self):
        from .exceptions import EXC_GLOBAL
        m = self.m
        if getattr(self, "catches", 0):  # a caught code is pending until its exc_take
            return m.nop()
        return m.if_(m.global_get(EXC_GLOBAL, bn.i32), m.unreachable())

    def _chunked(self, stmts: list):
        """One block of `stmts`, nested in runs of at most CHUNK statements:
        Binaryen's code-pushing pass costs (statements in a block) x
        (conditional branches in it), so a long straight-line block (every
        checked operation is an `if`) would make -O2/-O3 quadratic in the
        function's size. Unnamed nested blocks change nothing else (later
        passes merge them back: merge-blocks). They are named, or the
        Relooper would flatten them at once; nothing branches to the names
        (Binaryen's remove-unused-names drops them)."""
        m = self.m
        if len(stmts) > CHUNK:
            chunks = []
            for k in range(0, len(stmts), CHUNK):
                self.chunks += 1
                part = stmts[k:k + CHUNK]
                if k:
                    part = [self._barrier()] + part
                chunks.append(m.block(f"chunk{self.chunks}", part, bn.auto))
            stmts = chunks
        while len(stmts) > CHUNK:
            chunks = []
            for k in range(0, len(stmts), CHUNK):
                self.chunks += 1
                chunks.append(m.block(f"chunk{self.chunks}", stmts[k:k + CHUNK], bn.auto))
            stmts = chunks
        return m.block(None, stmts, bn.auto)

    def lower(self):
        m, fn = self.m, self.fn
        blocks = fn.reachable_blocks()
        self._note_constants(blocks)
        if not any(e.params.get("catch") for b in blocks for e in b.eqns):
            # (a function with a try region keeps every equation its own:
            # fused float32 lowerings would raise outside lower_catch.wrap)
            self.f32 = lower_f32.plan(fn, blocks, self.const_values)
        self._note_lifetimes(blocks)
        for b in blocks:  # give block parameters locals before any copy is built
            for p in b.params:
                self._var(p)
        rl = bn.Relooper(m)
        rblocks = {}
        soft = lower_catch.soft(fn)
        for b in blocks:
            stmts = []
            for k, e in enumerate(b.eqns):
                r = self.f32.fused.get(id(e))
                if r is not None:
                    stmts.extend(lower_f32.lower_fused(self, e, r))
                elif id(e) in self.f32.compares:
                    stmts.extend(lower_f32.lower_compare(self, e))
                elif id(e) not in self.f32.skip:
                    if e.params.get("catch"):
                        stmts.extend(lower_catch.wrap(self, e, _lower_checked))
                    elif soft and e.prim == "call":
                        stmts.extend(_lower_checked(self, e))
                    else:
                        stmts.extend(lower_eqn(self, e))
                self._release(b, k)
            t = b.term
            if isinstance(t, ir.Return):
                vals = [self.get(v) for v in t.values]
                stmts.append(m.return_(vals[0] if len(vals) == 1 else
                                       m.tuple_make(vals) if vals else None))
            elif isinstance(t, ir.Raise) and not t.exc:  # after exc_throw: never reached
                stmts.append(m.unreachable())
            elif isinstance(t, ir.Raise):
                stmts.append(self.raise_stmt(t.exc, t.msg, t.loc))
            elif not isinstance(t, (ir.Br, ir.CondBr)):
                raise ValueError(f"block ^{b.label} of {fn.name} has no terminator")
            rblocks[id(b)] = rl.add_block(self._chunked(stmts) if stmts else m.nop())
        for b in blocks:
            t = b.term
            rb = rblocks[id(b)]
            if isinstance(t, ir.Br):
                rl.add_branch(rb, rblocks[id(t.target)], None,
                              self._code(self.copies(t.target.params, t.args)))
            elif isinstance(t, ir.CondBr):
                then_code = self._code(self.copies(t.then.params, t.then_args))
                else_code = self._code(self.copies(t.else_.params, t.else_args))
                if t.then is t.else_ or (then_code is not None and else_code is not None):
                    # The Relooper allows one branch per target, and its
                    # optimizer merges two branches of a block that reach
                    # one block (through empty blocks, whose branch out has
                    # no code) only when at most one of them carries code
                    # (else it aborts the process: MergeBranchInto). The
                    # else edge's copies go in a block of their own, which
                    # is not empty, so it is never skipped.
                    mid = rl.add_block(else_code if else_code is not None else m.nop())
                    rl.add_branch(rb, rblocks[id(t.then)], self.get(t.cond), then_code)
                    rl.add_branch(rb, mid, None, None)
                    rl.add_branch(mid, rblocks[id(t.else_)], None, None)
                else:
                    rl.add_branch(rb, rblocks[id(t.then)], self.get(t.cond), then_code)
                    rl.add_branch(rb, rblocks[id(t.else_)], None, else_code)
        label = self.tmp(bn.i32)
        body = rl.render(rblocks[id(fn.entry)], label)
        self.size = sum(len(b.eqns) for b in blocks)  # IR equations lowered
        self.nblocks = len(blocks)  # IR basic blocks lowered
        if pipeline.choose(self.size, self.nblocks) is not None:
            flatten(body, m)  # the Relooper's nesting, one level per shape (backend/flatten.py)
        results = [_WTYPE[t] for t in fn.result_types]
        # control never falls off the end: every block returns, raises or branches
        body = m.block(None, [body, m.unreachable()], bn.tuple_type(results))
        params = self.types[:self.nparams]
        return m.add_function(self.ctx.function_name(fn.name), params, results,
                              self.types[self.nparams:], body)
