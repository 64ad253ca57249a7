"""Constant address offsets: neighbouring accesses share one address.

Place in the pipeline: a pass (IR -> IR), after licm (which leaves each
access of a loop as `invariant base + varying part`) and before rotate. A
stencil reads `a[i, j - 1]`, `a[i, j]` and `a[i, j + 1]`: three addresses
`d + (i*n + j)*8 + c` for c in (-8, 0, 8), each with its own base
computed before the loop and its own add in the loop (three registers and
three adds per iteration, where clang keeps one pointer). Here the accesses
of a run of equations that cannot raise (so that all of them execute when
one does) whose addresses differ only by a constant (their linear forms
through wrapping + - * are equal but for the constant, products compared by
structure) all use the address of the lowest one and a constant
`params['offset']`: `load[offset=16] x` reads at x + 16 (wasm's offset
immediate, free in the engine's addressing mode).

Exact: the lowest access executes with the others (no exception between
them) and every access the compiler emits is in bounds (its checks come
first), so that address x is in [0, 2**32) and x + offset is the other
access's address as an integer, not only modulo 2**64: the offset form
reads the same bytes (`load`'s contract: the address itself in bounds).
Loads and stores of every dtype and the vector loads the backend gives an
offset (float64 into f64x2, float32 into f32x4) are rewritten; any access
(vector stores too) can lend its address. Linear: each block's accesses are
grouped in one pass, address forms memoized.
"""
from __future__ import annotations

from ..ir import I64, Function, Module
from ..ir.primitives import PRIMITIVES
from .dce import dce_function
from .linear_forms import linear_form

_ACCESS = ("load", "store", "vload", "vstore")
_EXACT = ("wadd", "wsub", "wneg", "wmul")
MAX_OFFSET = 2**31  # offsets stay far below wasm's u32 immediate


def _s(c: int) -> int:
    c %= 2**64
    return c - 2**64 if c >= 2**63 else c


def _takes_offset(e) -> bool:
    if e.prim in ("load", "store"):
        return True
    if e.prim == "vload":
        return (e.params.get("dtype"), e.params["vtype"].name) in (("float64", "f64x2"),
                                                                  ("float32", "f32x4"))
    return False


def _separates(e) -> bool:
    """Can e end the run (raise, call, allocate) between two accesses?"""
    if e.prim in _ACCESS:
        return False
    p = PRIMITIVES[e.prim]
    return bool(p.raises) or not p.pure


class _Forms:
    """Addresses as (shape, constant): shape = the sorted (term key,
    coefficient) of the linear form, a term's key its structure (the
    products `i * n` computed twice have one key)."""

    def __init__(self, fn: Function):
        self.defs, self.consts = {}, {}
        for b in fn.blocks:
            for e in b.eqns:
                for o in e.outs:
                    self.defs[o.id] = e
                if e.prim == "const" and type(e.params.get("value")) is int:
                    self.consts[e.outs[0].id] = e.params["value"]
        self.keys: dict[int, tuple] = {}
        self.forms: dict[int, tuple] = {}

    def key(self, v, depth: int = 8) -> tuple:
        k = self.keys.get(v.id)
        if k is not None:
            return k
        c = self.consts.get(v.id)
        e = self.defs.get(v.id)
        if c is not None:
            k = ("c", c % 2**64)
        elif depth > 0 and e is not None and e.prim in _EXACT and v.type is I64:
            ins = [self.key(x, depth - 1) for x in e.ins]
            if e.prim in ("wadd", "wmul"):
                ins.sort()
            k = ("e", e.prim, *ins)
        else:
            k = ("v", v.id)
        self.keys[v.id] = k
        return k

    def form(self, v) -> tuple:
        f = self.forms.get(v.id)
        if f is None:
            terms, const = linear_form(v, self.consts, self.defs, 8, lambda e: e.prim in _EXACT)
            shape: dict = {}
            for x, c in terms.values():
                k = self.key(x)
                shape[k] = (shape.get(k, 0) + c) % 2**64
            f = self.forms[v.id] = (tuple(sorted((k, c) for k, c in shape.items() if c)), _s(const))
        return f


def offsets_function(fn: Function) -> int:
    forms = _Forms(fn)
    changed = 0
    for b in fn.blocks:
        defs = {}  # var id -> (index, eqn) in b
        for k, e in enumerate(b.eqns):
            for o in e.outs:
                defs[o.id] = (k, e)
        pulled: dict[int, list] = {}  # index -> equations moved to just before it
        run: list = []  # accesses since the last separator: (index, eqn)
        for k, e in enumerate(b.eqns + [None]):
            if e is not None and not _separates(e):
                if e.prim in _ACCESS and e.ins[0].type is I64:
                    run.append((k, e))
                continue
            changed += _share(run, forms, defs, pulled)
            run = []
        if pulled:
            moved = {id(x) for xs in pulled.values() for x in xs}
            out = []
            for k, e in enumerate(b.eqns):
                out += pulled.get(k, ())
                if id(e) not in moved:
                    out.append(e)
            b.eqns = out
    if changed:
        dce_function(fn)
    return changed


def _chain(v, k: int, defs: dict, taken: set, depth: int = 4):
    """The pure equations of the block (in order) computing v that come at
    or after index k, if all their other inputs are ready before k (else
    None): moved before k, they compute the same value there."""
    d = defs.get(v.id)
    if d is None:
        return []  # from another block: ready
    i, e = d
    if id(e) in taken:
        return None  # moved for another group: maybe not before k
    if i < k:
        return []
    p = PRIMITIVES[e.prim]
    if depth == 0 or e.prim in _ACCESS or p.raises or not p.pure or len(e.outs) != 1:
        return None
    out = []
    for x in e.ins:
        c = _chain(x, k, defs, taken, depth - 1)
        if c is None:
            return None
        out += [y for y in c if y not in out]
    return out + [(i, e)]


def _share(run: list, forms: _Forms, defs: dict, pulled: dict) -> int:
    if len(run) < 2:
        return 0
    groups: dict = {}
    for k, e in run:
        shape, c = forms.form(e.ins[0])
        groups.setdefault(shape, []).append((k, e, c))
    changed = 0
    taken: set = set()  # equations already moved (to an earlier index)
    for members in groups.values():
        if len(members) < 2:
            continue
        # the base: the lowest address (valid: its access runs with the others)
        _k0, e0, c0 = min(members, key=lambda m: m[2])
        base = e0.ins[0]
        first = min(k for k, _e, _c in members)
        chain = _chain(base, first, defs, taken)
        if chain is None:
            continue
        shared = 0
        for k, e, c in members:
            off = e.params.get("offset", 0)
            d = c + off - c0
            if e.ins[0] is base or not _takes_offset(e) or not 0 <= d < MAX_OFFSET:
                continue
            e.ins = [base] + list(e.ins[1:])
            if d:
                e.params = {**e.params, "offset": d}
            else:
                e.params = {p: v for p, v in e.params.items() if p != "offset"}
            shared += 1
        changed += shared
        if shared and chain:
            pulled.setdefault(first, []).extend(e for _i, e in chain)
            taken.update(id(e) for _i, e in chain)
    return changed


def offsets(module: Module) -> Module:
    for fn in module.functions.values():
        offsets_function(fn)
    return module
