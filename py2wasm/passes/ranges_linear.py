"""Comparisons of sums decided by linear bounds: `i + k < nx` where `i < n`,
`k < nw` and `n = nx - nw + 1` dominate (the index of a convolution, a
sliding window, a stencil written with offsets).

Place in the pipeline: a helper of passes/ranges.py (`FunctionRanges.decide_cmp`
asks it when the intervals alone decide nothing). Intervals cannot see that
`i + k` stays below `nx`: each of `i` and `k` may be as large as the other
allows. Here both sides are written as linear forms over SSA values
(expanding `+`, `-` and `*` by a constant whose exact result is known: a
checked operation that completed, or a wrapping one whose operands' intervals
keep it inside int64), and the difference is bounded from above by
replacing a value with a positive coefficient by a dominating upper bound
(`i < n`: `i <= n - 1`) and one with a negative coefficient by a lower bound,
a few rounds, then by the intervals of what is left. Sound: every
replacement only raises the bound, every fact holds where it is used.
"""
from __future__ import annotations

from ..ir import I64
from .linear_forms import linear_form

MIN, MAX = -2**63, 2**63 - 1
DEPTH = 4     # definitions expanded through, per value
ROUNDS = 3    # rounds of replacing values by their dominating bounds
_SWAP = {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le", "eq": "eq", "ne": "ne"}
_LINEAR = ("add", "sub", "mul", "wadd", "wsub", "wmul")


def _exact(fr, e, facts) -> bool:
    """Is e's i64 result its exact integer value (no wrap-around)? (e
    dominates the point where `facts` hold.)"""
    if e.prim in ("add", "sub", "mul"):
        return True  # checked: it completed, so it did not overflow
    a, b = fr.rng(e.ins[0], facts), fr.rng(e.ins[1], facts)
    if a is None or b is None:
        return False
    if e.prim == "wadd":
        lo, hi = a[0] + b[0], a[1] + b[1]
    elif e.prim == "wsub":
        lo, hi = a[0] - b[1], a[1] - b[0]
    else:
        ps = [x * y for x in a for y in b]
        lo, hi = min(ps), max(ps)
    return MIN <= lo and hi <= MAX


def linear(fr, v, facts, depth: int = DEPTH):
    """({var id: (var, coefficient)}, constant) equal to i64 `v` where
    `facts` hold (through + - * by a constant whose result is exact)."""
    return linear_form(v, fr.consts, fr.defs, depth,
                       lambda e: e.prim in _LINEAR and _exact(fr, e, facts))


def upper_bound(fr, terms: dict, const: int, facts):
    """An upper bound of sum(c * v) + const where `facts` hold, or None."""
    terms = dict(terms)
    for _ in range(ROUNDS):
        changed = False
        for vid in list(terms):
            if vid not in terms:
                continue
            v, c = terms[vid]  # the current coefficient: earlier replacements change it
            if c == 0:
                continue
            for at in facts.get(vid, ()):
                if at[0] == "in":
                    continue
                op, x, y = at
                if x is v:
                    other = y
                elif y is v:
                    other, op = x, _SWAP[op]
                else:
                    continue
                # v op other; c > 0 wants v <= other + off, c < 0 wants v >= other + off
                if c > 0 and op in ("lt", "le", "eq"):
                    off = -1 if op == "lt" else 0
                elif c < 0 and op in ("gt", "ge", "eq"):
                    off = 1 if op == "gt" else 0
                else:
                    continue
                ot, oc = linear(fr, other, facts)
                if vid in ot:
                    continue
                del terms[vid]
                const += c * (off + oc)
                for oid, (ov, occ) in ot.items():
                    prev = terms.get(oid)
                    terms[oid] = (ov, c * occ + (prev[1] if prev else 0))
                changed = True
                break
        if not changed:
            break
    total = const
    for v, c in terms.values():
        if c == 0:
            continue
        r = fr.rng(v, facts)
        if r is None:
            return None
        total += c * (r[1] if c > 0 else r[0])
    return total


def _difference_max(fr, a, b, facts):
    """An upper bound of a - b where `facts` hold, or None."""
    ta, ca = linear(fr, a, facts)
    tb, cb = linear(fr, b, facts)
    for vid, (v, c) in tb.items():
        prev = ta.get(vid)
        ta[vid] = (v, (prev[1] if prev else 0) - c)
    return upper_bound(fr, ta, ca - cb, facts)


def decide_linear(fr, op: str, a, b, facts):
    """True/False when `a op b` (i64, op one of lt le gt ge) follows from
    linear bounds where `facts` hold, else None."""
    if a.type is not I64 or b.type is not I64 or op not in ("lt", "le", "gt", "ge"):
        return None
    if op in ("gt", "ge"):
        a, b, op = b, a, _SWAP[op]
    d = _difference_max(fr, a, b, facts)  # a - b <= d
    if d is not None and (d < 0 or (op == "le" and d <= 0)):
        return True
    d = _difference_max(fr, b, a, facts)  # b - a <= d
    if d is not None and (d <= 0 if op == "lt" else d < 0):
        return False
    return None
