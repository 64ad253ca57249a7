"""Lower one IR function to a Binaryen function.

Place in the pipeline: backend, between `compile_module` (which walks the
module) and `lower_ops` (which lowers each equation). Every IR variable is a
wasm local (bool -> i32); block arguments become parallel copies on the
branch edges; control flow goes through Binaryen's Relooper; a function with
several results returns a multi-value tuple.
"""
from __future__ import annotations

from typing import Optional

from .. import ir
from ..ir.types import BOOL, F64, I64, VECTORS
from . import binaryen as bn
from .lower_ops import lower_eqn

CHUNK = 64  # statements per nested wasm block (see FunctionLowering._chunked)
_WTYPE = {I64: bn.i64, F64: bn.f64, BOOL: bn.i32, **{v: bn.v128 for v in VECTORS}}


def wasm_type(t) -> int:
    return _WTYPE[t]


class FunctionLowering:
    def __init__(self, ctx, fn: ir.Function):
        self.ctx = ctx
        self.m = ctx.m
        self.fn = fn
        self.types: list[int] = []
        self.index: dict[int, int] = {}
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
            i = len(self.types)
            self.types.append(_WTYPE[v.type])
            self.index[v.id] = i
        return i

    def tmp(self, t: int) -> int:
        self.types.append(t)
        return len(self.types) - 1

    def get(self, v: ir.Var):
        return self.m.local_get(self._var(v), _WTYPE[v.type])

    def set(self, v: ir.Var, expr):
        return self.m.local_set(self._var(v), expr)

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
        return self.ctx.raise_code(self.m.i32(c))

    def raise_if(self, cond, exc: str, msg: str, loc: Optional[ir.Loc]):
        return self.m.if_(cond, self.raise_stmt(exc, msg, loc))

    # --- control flow ---------------------------------------------------
    def copies(self, params: list[ir.Var], args: list[ir.Var]) -> list:
        """Parallel assignment params := args (block arguments of an edge)."""
        m = self.m
        pairs = [(p, a) for p, a in zip(params, args) if self._var(p) != self._var(a)]
        if not pairs:
            return []
        dsts = {self._var(p) for p, _ in pairs}
        if len(pairs) == 1 or not any(self._var(a) in dsts for _, a in pairs):
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
        for b in blocks:  # give block parameters locals before any copy is built
            for p in b.params:
                self._var(p)
        rl = bn.Relooper(m)
        rblocks = {}
        for b in blocks:
            stmts = []
            for e in b.eqns:
                stmts.extend(lower_eqn(self, e))
            t = b.term
            if isinstance(t, ir.Return):
                vals = [self.get(v) for v in t.values]
                stmts.append(m.return_(vals[0] if len(vals) == 1 else
                                       m.tuple_make(vals) if vals else None))
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
                then_copy = self.copies(t.then.params, t.then_args)
                else_copy = self.copies(t.else_.params, t.else_args)
                if t.then is t.else_:
                    # the Relooper allows one branch per target: route the
                    # else edge through an empty block
                    mid = rl.add_block(m.nop())
                    rl.add_branch(rb, rblocks[id(t.then)], self.get(t.cond), self._code(then_copy))
                    rl.add_branch(rb, mid, None, None)
                    rl.add_branch(mid, rblocks[id(t.else_)], None, self._code(else_copy))
                else:
                    rl.add_branch(rb, rblocks[id(t.then)], self.get(t.cond), self._code(then_copy))
                    rl.add_branch(rb, rblocks[id(t.else_)], None, self._code(else_copy))
        label = self.tmp(bn.i32)
        body = rl.render(rblocks[id(fn.entry)], label)
        results = [_WTYPE[t] for t in fn.result_types]
        # control never falls off the end: every block returns, raises or branches
        body = m.block(None, [body, m.unreachable()], bn.tuple_type(results))
        params = self.types[:self.nparams]
        m.add_function(self.ctx.function_name(fn.name), params, results,
                       self.types[self.nparams:], body)
