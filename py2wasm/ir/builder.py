"""A small builder for IR functions: create blocks, append typed equations,
set terminators.

Place in the pipeline: the frontend's only way of writing IR; passes may use
it too. Typing happens here, as equations are emitted (`primitives.type_of`),
so an ill-typed operation is caught where it is made.

    fb = FunctionBuilder("fma", [F64, F64, F64], [F64])
    x, y, z = fb.params
    r = fb.emit("add", [fb.emit("mul", [x, y]), z])
    fb.ret([r])
"""
from __future__ import annotations

from typing import Optional, Sequence

from .core import Block, Br, CondBr, Eqn, Function, Loc, Raise, Return, Var
from .primitives import may_raise, type_of
from .types import BOOL, F64, I64, PySignature, ScalarType


class FunctionBuilder:
    def __init__(self, name: str, param_types: Sequence[ScalarType],
                 result_types: Sequence[ScalarType], *, sig: Optional[PySignature] = None,
                 doc: str = "", loc: Optional[Loc] = None,
                 param_hints: Sequence[str] = ()):
        hints = list(param_hints) + [""] * (len(param_types) - len(param_hints))
        params = [Var(t, h) for t, h in zip(param_types, hints)]
        self.fn = Function(name, params, list(result_types), sig=sig, doc=doc, loc=loc)
        self._labels = 0
        entry = self.new_block()
        entry.params = list(params)
        self.block: Block = entry  # the insertion point
        self.loc: Optional[Loc] = loc  # location given to emitted equations
        # inside a try region (frontend/trycatch.Catcher): an equation that may
        # raise is marked catch=True and `catch.after` branches on its raise;
        # `raise_` goes to `catch.raise_known`
        self.catch = None

    @property
    def params(self) -> list[Var]:
        return self.fn.params

    # --- blocks ---------------------------------------------------------
    def new_block(self, param_types: Sequence[ScalarType] = (), hints: Sequence[str] = ()) -> Block:
        hints = list(hints) + [""] * (len(param_types) - len(hints))
        b = Block(self._labels, [Var(t, h) for t, h in zip(param_types, hints)])
        self._labels += 1
        self.fn.blocks.append(b)
        return b

    def set_block(self, b: Block) -> None:
        self.block = b

    @property
    def terminated(self) -> bool:
        return self.block.term is not None

    # --- equations ------------------------------------------------------
    def emit_multi(self, prim: str, ins: Sequence[Var], params: Optional[dict] = None,
                   loc: Optional[Loc] = None) -> list[Var]:
        if self.block.term is not None:
            raise RuntimeError(f"block {self.block.label} is already terminated")
        params = dict(params or {})
        outs_t = type_of(prim, [v.type for v in ins], params)
        outs = [Var(t) for t in outs_t]
        catch = self.catch is not None and may_raise(prim)
        if catch:
            params["catch"] = True
        eqn = Eqn(prim, list(ins), outs, params, loc or self.loc)
        self.block.eqns.append(eqn)
        if catch:
            self.catch.after(self, eqn)
        return outs

    def emit(self, prim: str, ins: Sequence[Var], params: Optional[dict] = None,
             loc: Optional[Loc] = None) -> Var:
        outs = self.emit_multi(prim, ins, params, loc)
        if len(outs) != 1:
            raise RuntimeError(f"{prim} has {len(outs)} results; use emit_multi")
        return outs[0]

    def const(self, value, type: Optional[ScalarType] = None) -> Var:
        if type is None:
            type = BOOL if isinstance(value, bool) else I64 if isinstance(value, int) else F64
        if type is F64:
            value = float(value)
        return self.emit("const", [], {"value": value, "type": type})

    def raise_if(self, cond: Var, exc: str, msg: str, loc: Optional[Loc] = None) -> None:
        self.emit_multi("raise_if", [cond], {"exc": exc, "msg": msg}, loc)

    # --- terminators ----------------------------------------------------
    def _term(self, t) -> None:
        if self.block.term is not None:
            raise RuntimeError(f"block {self.block.label} is already terminated")
        self.block.term = t

    def br(self, target: Block, args: Sequence[Var] = ()) -> None:
        self._term(Br(target, list(args)))

    def cond_br(self, cond: Var, then: Block, else_: Block,
                then_args: Sequence[Var] = (), else_args: Sequence[Var] = ()) -> None:
        self._term(CondBr(cond, then, list(then_args), else_, list(else_args)))

    def ret(self, values: Sequence[Var] = ()) -> None:
        self._term(Return(list(values)))

    def raise_(self, exc: str, msg: str, loc: Optional[Loc] = None) -> None:
        if self.catch is not None and exc:
            self.catch.raise_known(self, exc, msg, loc or self.loc)
            return
        self._term(Raise(exc, msg, loc or self.loc))

    def finish(self) -> Function:
        """Drop unreachable blocks and return the function."""
        keep = {id(b) for b in self.fn.reachable_blocks()}
        self.fn.blocks = [b for b in self.fn.blocks if id(b) in keep]
        return self.fn
