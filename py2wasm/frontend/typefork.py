"""Values whose Python type depends on run-time values, and the builtins that
make them: `max(a[i], 0.5)` is the numpy.int64 `a[i]` when it is larger and
the Python float `0.5` otherwise (CPython returns whichever item wins).

Place in the pipeline: frontend value semantics, called by `npscalars`
(min/max with NumPy scalars); the tracer (`FunctionTracer.fork`) continues
after the call once per alternative, so each continuation sees one static
type (block versioning keys the versions apart, and they join again where the
types agree). A `TypeFork` never outlives the call that made it.
"""
from __future__ import annotations

from typing import Any

from ..ir import I64, Var


class TypeFork:
    """`alts[k]` when `tag` (an int64 IR value) is k; the alternatives have
    pairwise different Python types."""
    __slots__ = ("tag", "alts")

    def __init__(self, tag: Var, alts: list):
        self.tag = tag
        self.alts = alts


def min_max(fb, fn, items: list, loc) -> Any:
    """CPython's min()/max() of numbers and NumPy scalars of any types: the
    first item, replaced by each later item `v` for which `v < best` (min)
    or `v > best` (max), compared with NumPy's rules where a NumPy scalar
    takes part. Items of one type merge with `select`; a result whose type
    depends on the comparisons is a TypeFork."""
    from . import operators as ops
    op = "<" if fn is min else ">"
    alts: list = [items[0]]
    tag: Any = 0  # which alternative is the best so far (a known int or an int64 Var)
    for v in items[1:]:
        conds = [ops.truth(fb, ops.compare(fb, op, v, a, loc), loc) for a in alts]
        if type(tag) is int:
            c = conds[tag]
        else:
            c = conds[0]
            for k in range(1, len(alts)):
                is_k = fb.emit("eq", [tag, fb.const(k, I64)], loc=loc)
                c = ops.select(fb, is_k, conds[k], c, loc)
        if c is False:
            continue
        t = ops.value_type(v)
        j = next((k for k, a in enumerate(alts) if ops.value_type(a) == t), None)
        if j is None:
            alts.append(v)
            j = len(alts) - 1
        elif c is True:
            alts[j] = v
        else:
            alts[j] = ops.select(fb, c, v, alts[j], loc)
        tag = j if c is True else ops.select(fb, c, j, tag, loc)
    if type(tag) is int:
        return alts[tag]
    return TypeFork(tag, alts)
