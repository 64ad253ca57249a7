"""The IR data structures: variables, equations, blocks, functions, modules.

Place in the pipeline: the frontend builds these (through `ir.builder`),
passes rewrite them, the backend lowers them. The IR is SSA with block
arguments: every `Var` is defined once, either as a block parameter or as an
output of one equation; a branch passes values to its target's parameters.

    Module ─ functions: {name: Function}
    Function ─ params (= entry block params), result_types, blocks[0] is entry
    Block ─ params, eqns, term (Br | CondBr | Return | Raise)
    Eqn   ─ outs = prim[params] ins   (with the source location it came from)
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Optional, Union

from .types import PySignature, ScalarType


@dataclass(frozen=True)
class Loc:
    """A source location: what exception messages and errors point at."""
    file: str
    line: int
    col: Optional[int] = None
    source: str = ""  # the stripped source line, for messages

    def __str__(self) -> str:
        col = f":{self.col}" if self.col is not None else ""
        return f"{self.file}:{self.line}{col}"


_ids = itertools.count()


class Var:
    """One SSA value. `hint` is the Python variable name it came from, if any
    (printing only)."""
    __slots__ = ("type", "hint", "id")

    def __init__(self, type: ScalarType, hint: str = ""):
        self.type = type
        self.hint = hint
        self.id = next(_ids)

    def __repr__(self) -> str:
        return f"Var({self.id}:{self.type.name})"


@dataclass(eq=False)
class Eqn:
    prim: str
    ins: list[Var]
    outs: list[Var]
    params: dict = field(default_factory=dict)
    loc: Optional[Loc] = None


@dataclass(eq=False)
class Br:
    target: "Block"
    args: list[Var]


@dataclass(eq=False)
class CondBr:
    cond: Var
    then: "Block"
    then_args: list[Var]
    else_: "Block"
    else_args: list[Var]


@dataclass(eq=False)
class Return:
    values: list[Var]


@dataclass(eq=False)
class Raise:
    exc: str  # Python exception name, e.g. "ValueError"
    msg: str
    loc: Optional[Loc] = None


Terminator = Union[Br, CondBr, Return, Raise]


@dataclass(eq=False)
class Block:
    """`meta` is optional loop metadata on a loop header, from the frontend
    to the passes: {"loop": "parallel"} says the loop's iterations are
    independent (no iteration reads memory another writes, none carries a
    value but the index), so the vectorizer may run them in any order."""
    label: int
    params: list[Var] = field(default_factory=list)
    eqns: list[Eqn] = field(default_factory=list)
    term: Optional[Terminator] = None
    meta: dict = field(default_factory=dict)

    def successors(self) -> list["Block"]:
        t = self.term
        if isinstance(t, Br):
            return [t.target]
        if isinstance(t, CondBr):
            return [t.then, t.else_] if t.then is not t.else_ else [t.then]
        return []

    def edges(self) -> list[tuple["Block", list[Var]]]:
        """(target, branch arguments) of each outgoing edge: a CondBr has two
        even when both go to one block."""
        t = self.term
        if isinstance(t, Br):
            return [(t.target, t.args)]
        if isinstance(t, CondBr):
            return [(t.then, t.then_args), (t.else_, t.else_args)]
        return []

    def uses(self):
        """Every var this block's equations and terminator use, in order
        (with repeats)."""
        for e in self.eqns:
            yield from e.ins
        t = self.term
        if isinstance(t, Br):
            yield from t.args
        elif isinstance(t, CondBr):
            yield t.cond
            yield from t.then_args
            yield from t.else_args
        elif isinstance(t, Return):
            yield from t.values

    def rename_uses(self, r) -> None:
        """Replace every var this block's equations and terminator use by
        `r(var)` (the passes' substitutions; definitions are left alone)."""
        for e in self.eqns:
            if e.ins:
                e.ins = [r(v) for v in e.ins]
        t = self.term
        if isinstance(t, Br):
            t.args = [r(v) for v in t.args]
        elif isinstance(t, CondBr):
            t.cond = r(t.cond)
            t.then_args = [r(v) for v in t.then_args]
            t.else_args = [r(v) for v in t.else_args]
        elif isinstance(t, Return):
            t.values = [r(v) for v in t.values]


@dataclass(eq=False)
class Function:
    """An IR function. `sig` is the Python-level signature when the function
    is exported (or was traced from a Python function); the flat `params` and
    `result_types` are what the backend lowers."""
    name: str
    params: list[Var]
    result_types: list[ScalarType]
    blocks: list[Block] = field(default_factory=list)
    sig: Optional[PySignature] = None
    doc: str = ""
    loc: Optional[Loc] = None
    soft: bool = False  # raises return with the exception pending (backend/lower_catch.py)

    @property
    def entry(self) -> Block:
        return self.blocks[0]

    def reachable_blocks(self) -> list[Block]:
        """Blocks reachable from the entry, in depth-first preorder."""
        seen: set[int] = set()
        order: list[Block] = []
        stack = [self.entry]
        while stack:
            b = stack.pop()
            if id(b) in seen:
                continue
            seen.add(id(b))
            order.append(b)
            stack.extend(reversed(b.successors()))
        return order


@dataclass(eq=False)
class Module:
    """All IR functions of one compilation; `exports` names the ones the
    wasm module exports (in order), each with a `sig`. `data`: the module's
    read-only constant byte tables by name (`add_data`), whose addresses the
    `data_addr` primitive gives (the backend makes them wasm data segments)."""
    functions: dict[str, Function] = field(default_factory=dict)
    exports: list[str] = field(default_factory=list)
    source_file: str = ""
    data: dict[str, bytes] = field(default_factory=dict)

    def add_data(self, name: str, blob: bytes) -> str:
        """Declare constant table `name` holding `blob`; the name to give
        `data_addr`. The same bytes declared twice are one table (the first
        name); a name taken by other bytes gets a suffix."""
        blob = bytes(blob)
        for n, b in self.data.items():
            if b == blob:
                return n
        base, i = name, 1
        while name in self.data:
            i += 1
            name = f"{base}_{i}"
        self.data[name] = blob
        return name

    def add(self, fn: Function) -> Function:
        if fn.name in self.functions:
            raise ValueError(f"duplicate IR function {fn.name!r}")
        self.functions[fn.name] = fn
        return fn
