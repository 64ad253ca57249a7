"""Which array parameters of a function may be written: a conservative
address-flow analysis over the IR.

Place in the pipeline: an IR analysis (no pass rewrites anything with it);
the backend's manifest marks the array parameters it proves read-only
(`"readonly": true`), so hosts skip copying them back after a call
(js/src/heap.ts, runner/arrays.py).

Every value computed from a parameter's address (arithmetic, block
arguments, `select`, call results...) carries that parameter; a `store`
or `vstore` through such a value writes the parameter, and so does passing
it to a call (the callee is not analysed: conservative). A value that
carries a parameter and is itself stored to memory (an array view put in a
list: frontend/lists_ofarrays.py) escapes: the parameter counts as written,
since the address may be loaded back and written through. So values loaded
from memory carry nothing, nor does `alloc`'s result.
"""
from __future__ import annotations

from .core import Br, CondBr, Function
from .types import ArrayType, flatten

# primitives whose first input is an address written through
_STORES = ("store", "vstore")
# primitives whose outputs never carry an address
_FRESH = ("load", "vload", "alloc")


def written_params(fn: Function, module=None, writes=None) -> set[int]:
    """Indices (into `fn.sig.params`) of array parameters that `fn` may
    write; every other array parameter is only read. `module` (the IR
    module) lets calls be followed into their callees; without it a call
    writes every address passed to it. `writes`: `module_writes(module)`
    when the caller has it (a module of many exports computes it once)."""
    if fn.sig is None:
        return set()
    if writes is not None:
        flat = writes.get(fn.name)
    elif module is not None:
        flat = module_writes(module).get(fn.name)
    else:
        flat = _written_flat(fn, None)
    out, k = set(), 0
    for i, (_, t) in enumerate(fn.sig.params):
        n = len(flatten(t))
        if isinstance(t, ArrayType) and k in flat:
            out.add(i)
        k += n
    return out


def module_writes(module) -> dict[str, set[int]]:
    """For every function of `module`, the indices of its flat parameters
    through which it may write memory (itself or in a callee): the least
    fixed point over the call graph (recursion included)."""
    known: dict[str, set[int]] = {name: set() for name in module.functions}
    changed = True
    while changed:
        changed = False
        for name, fn in module.functions.items():
            w = _written_flat(fn, lambda callee: known.get(callee))
            if w != known[name]:
                known[name] = w
                changed = True
    return known


def _written_flat(fn: Function, callee_writes) -> set[int]:
    """`fn`'s flat parameters it may write through, given `callee_writes(name)`
    (the current answer for a callee, None if unknown: every argument then
    counts as written)."""
    taint: dict[int, frozenset] = {p.id: frozenset([j]) for j, p in enumerate(fn.params)}
    written: set[int] = set()
    blocks = fn.reachable_blocks()
    changed = True

    def add(var, t: frozenset) -> None:
        nonlocal changed
        if t and not t <= taint.get(var.id, frozenset()):
            taint[var.id] = taint.get(var.id, frozenset()) | t
            changed = True

    def of(var) -> frozenset:
        return taint.get(var.id, frozenset())

    def write(t) -> None:
        nonlocal changed
        if not t <= written:
            written.update(t)
            changed = True

    while changed:
        changed = False
        for b in blocks:
            for e in b.eqns:
                ins = frozenset().union(*(of(v) for v in e.ins)) if e.ins else frozenset()
                if e.prim in _STORES and e.ins:
                    write(of(e.ins[0]))
                    for v in e.ins[1:]:  # an address stored: it escapes (see above)
                        write(of(v))
                if e.prim == "call":
                    cw = callee_writes(e.params.get("fn")) if callee_writes is not None else None
                    if cw is None:
                        write(ins)
                    else:
                        for j in cw:
                            if j < len(e.ins):
                                write(of(e.ins[j]))
                if e.prim not in _FRESH:
                    for o in e.outs:
                        add(o, ins)
            t = b.term
            if isinstance(t, Br):
                for p, a in zip(t.target.params, t.args):
                    add(p, of(a))
            elif isinstance(t, CondBr):
                for p, a in zip(t.then.params, t.then_args):
                    add(p, of(a))
                for p, a in zip(t.else_.params, t.else_args):
                    add(p, of(a))
    return written
