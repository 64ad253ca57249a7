"""Linear forms of integer SSA values: `v = sum(c * x) + k`.

Place in the pipeline: a helper of the passes (no pass of its own).
`passes/ranges_linear.py` expands i64 values to bound sums (`i + k < nx`)
and `passes/licm.py` expands address operands to split them into a
loop-invariant and a varying part. Both walk definitions the same way
through `+`, `-`, unary `-` and `*` by a constant; each decides which
definitions may be expanded (ranges_linear: results known to be exact
integers; licm: wrapping arithmetic of the loop, exact modulo 2**64).
"""
from __future__ import annotations

from typing import Callable

_ADD = ("add", "wadd")
_SUB = ("sub", "wsub")
_NEG = ("neg", "wneg")
_MUL = ("mul", "wmul")
LINEAR_PRIMS = _ADD + _SUB + _NEG + _MUL


def linear_form(v, consts: dict, defs: dict, depth: int,
                expandable: Callable[[object], bool]):
    """({var id: (var, coefficient)}, constant) equal to `v`, expanding the
    definitions `defs[id]` (an Eqn) of + - neg and * by a constant (a value
    whose `consts[id]` is an int) for which `expandable(eqn)` holds, at most
    `depth` definitions deep along each path. Values not expanded are terms;
    a term met twice gets the sum of its coefficients."""
    terms: dict = {}
    const = 0
    stack = [(v, 1, depth)]
    while stack:
        x, c, d = stack.pop()
        k = consts.get(x.id)
        if type(k) is int:
            const += c * k
            continue
        e = defs.get(x.id)
        if d > 0 and e is not None and e.prim in LINEAR_PRIMS and expandable(e):
            p = e.prim
            if p in _ADD:
                stack += [(e.ins[0], c, d - 1), (e.ins[1], c, d - 1)]
                continue
            if p in _SUB:
                stack += [(e.ins[0], c, d - 1), (e.ins[1], -c, d - 1)]
                continue
            if p in _NEG:
                stack.append((e.ins[0], -c, d - 1))
                continue
            k0, k1 = consts.get(e.ins[0].id), consts.get(e.ins[1].id)
            if type(k1) is int:
                stack.append((e.ins[0], c * k1, d - 1))
                continue
            if type(k0) is int:
                stack.append((e.ins[1], c * k0, d - 1))
                continue
        old = terms.get(x.id)
        terms[x.id] = (x, c + (old[1] if old else 0))
    return terms, const
