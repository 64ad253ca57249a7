"""The IR verifier: structural and type checks of a module.

Place in the pipeline: run by tests after the frontend and after every pass,
and by `py2wasm.compile(..., verify=True)`. A failure is a bug in py2wasm,
reported as `IRVerificationError` with the function, block and reason.

Checks: every block has a terminator; branch arguments match the target's
parameters in number and type; returns match the function's result types;
every equation re-types to its outputs; each Var is defined once; every use
is dominated by its definition; calls name a known function with matching
operand and result types; `data_addr` names a constant table of the
module (non-empty bytes); exports exist and carry a signature.
"""
from __future__ import annotations

from .core import Block, Br, CondBr, Function, Module, Raise, Return, Var
from .dominators import Dominators
from .primitives import PRIMITIVES, type_of


class IRVerificationError(Exception):
    pass


def verify_function(fn: Function, module: Module | None = None) -> None:
    def fail(msg, b: Block | None = None):
        where = f" block ^{b.label}" if b is not None else ""
        raise IRVerificationError(f"{fn.name}{where}: {msg}")

    if not fn.blocks:
        fail("has no blocks")
    if fn.entry.params != fn.params:
        fail("entry block params are not the function params")
    blocks = fn.reachable_blocks()
    def_block: dict[int, tuple[Block, int]] = {}  # var id -> (block, index; -1 = param)
    for b in blocks:
        for p in b.params:
            if p.id in def_block:
                fail(f"{p} defined twice", b)
            def_block[p.id] = (b, -1)
        for i, e in enumerate(b.eqns):
            for o in e.outs:
                if o.id in def_block:
                    fail(f"{o} defined twice", b)
                def_block[o.id] = (b, i)
    dom = Dominators(fn)
    in_fn = {id(x) for x in fn.blocks}

    def check_use(v: Var, b: Block, idx: int, what: str):
        d = def_block.get(v.id)
        if d is None:
            fail(f"{what} uses undefined {v}", b)
        db, di = d
        if db is b:
            if di >= idx:
                fail(f"{what} uses {v} before its definition", b)
        elif not dom.dominates(db, b):
            fail(f"{what} uses {v} defined in ^{db.label}, which does not dominate it", b)

    def check_args(target: Block, args: list[Var], b: Block, n: int):
        if len(args) != len(target.params):
            fail(f"branch to ^{target.label} passes {len(args)} args for "
                 f"{len(target.params)} params", b)
        for a, p in zip(args, target.params):
            check_use(a, b, n, "branch")
            if a.type != p.type:
                fail(f"branch to ^{target.label} passes {a.type.name} for {p.type.name}", b)

    for b in blocks:
        for i, e in enumerate(b.eqns):
            if e.prim not in PRIMITIVES:
                fail(f"unknown primitive {e.prim!r}", b)
            for v in e.ins:
                check_use(v, b, i, e.prim)
            try:
                ts = type_of(e.prim, [v.type for v in e.ins], e.params)
            except TypeError as err:
                fail(f"{e.prim}: {err}", b)
            if ts != [o.type for o in e.outs]:
                fail(f"{e.prim} outputs typed {[o.type for o in e.outs]}, rule gives {ts}", b)
            if e.prim == "call" and module is not None:
                callee = module.functions.get(e.params["fn"])
                if callee is None:
                    fail(f"call to unknown function {e.params['fn']!r}", b)
                if [p.type for p in callee.params] != [v.type for v in e.ins]:
                    fail(f"call to {callee.name} with operand types "
                         f"{[v.type for v in e.ins]}, expects {[p.type for p in callee.params]}", b)
                if callee.result_types != [o.type for o in e.outs]:
                    fail(f"call to {callee.name} expects results {callee.result_types}", b)
            if e.prim == "data_addr" and module is not None and e.params["name"] not in module.data:
                fail(f"data_addr of unknown table {e.params['name']!r}", b)
        n = len(b.eqns)
        t = b.term
        if t is None:
            fail("has no terminator", b)
        elif isinstance(t, Br):
            check_args(t.target, t.args, b, n)
        elif isinstance(t, CondBr):
            check_use(t.cond, b, n, "cond_br")
            if t.cond.type.name != "bool":
                fail("cond_br condition is not bool", b)
            check_args(t.then, t.then_args, b, n)
            check_args(t.else_, t.else_args, b, n)
        elif isinstance(t, Return):
            for v in t.values:
                check_use(v, b, n, "return")
            if [v.type for v in t.values] != fn.result_types:
                fail(f"returns {[v.type for v in t.values]}, function declares {fn.result_types}", b)
        elif isinstance(t, Raise):
            pass
        else:
            fail(f"bad terminator {t!r}", b)
        for s in b.successors():
            if id(s) not in in_fn:
                fail(f"branches to ^{s.label}, which is not in the function", b)


def verify_module(m: Module) -> None:
    for name, blob in m.data.items():
        if not isinstance(name, str) or not name or type(blob) is not bytes or not blob:
            raise IRVerificationError(f"constant table {name!r}: needs a name and non-empty bytes")
    for fn in m.functions.values():
        verify_function(fn, m)
    for name in m.exports:
        fn = m.functions.get(name)
        if fn is None:
            raise IRVerificationError(f"export {name!r} is not a function of the module")
        if fn.sig is None:
            raise IRVerificationError(f"export {name!r} has no Python signature")
        if fn.sig.flat_params() != [p.type for p in fn.params]:
            raise IRVerificationError(f"export {name!r}: signature does not match its params")
        if fn.sig.flat_results() != fn.result_types:
            raise IRVerificationError(f"export {name!r}: signature does not match its results")
