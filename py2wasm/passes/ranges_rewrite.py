"""What the range analysis decides, applied to the IR: checked `add`/`sub`/
`mul`/`neg` proven to fit become wrapping ops, a checked op with a constant
operand becomes a range test of the other operand, decided i64 comparisons
and `raise_if`s become constants or vanish, `select`s on a decided condition
and `x % m` with `0 <= x < m` become their value, and `% 2**k`, `// 2**k`
become `&` and `>>` (ranges.py's docstring lists them with their reasons).

Place in the pipeline: part of the `ranges` pass (IR -> IR); ranges.py
analyses a function (`FunctionRanges`) and calls `rewrite` on it.
"""
from __future__ import annotations

from ..ir import BOOL, I64, Eqn, Function, Var
from ..ir import messages
from .ranges_intervals import MAX, MIN, _fits, _mul_interval, _mul_safe_range
from .ranges_params import substitute

_CMP = ("lt", "le", "gt", "ge", "eq", "ne")
_WRAPPING = {"add": "wadd", "sub": "wsub", "mul": "wmul"}


def rewrite(an) -> int:
    """Apply what the intervals of `an` (an analysed ranges.FunctionRanges)
    decide to its function; returns the number of rewrites."""
    count = 0
    subst: dict[int, Var] = {}
    for b in an.rpo:
        out = []
        for e, facts in zip(b.eqns, an.eqn_facts[id(b)]):
            new = _rewrite_eqn(an, e, facts, subst)
            if new is None:
                out.append(e)
            else:
                out.extend(new)
                count += 1
        b.eqns = out
    substitute(an.fn, subst)
    return count + len(subst)

def _rewrite_eqn(an, e: Eqn, facts: dict, subst: dict):
    p, ins = e.prim, e.ins
    if p in _CMP and ins[0].type is I64 and ins[1].type is I64:
        d = an.decide_cmp(p, ins[0], ins[1], facts)
        if d is not None:
            return [Eqn("const", [], e.outs, {"value": d, "type": BOOL}, e.loc)]
        return None
    if p in ("raise_if", "raise_if_fmt"):
        if an.decide(ins[0], facts) is False:
            return []
        return None
    if p == "select":
        d = an.decide(ins[0], facts)
        if d is not None:
            subst[e.outs[0].id] = ins[1] if d else ins[2]
        return None
    if not e.outs or e.outs[0].type is not I64:
        return None
    R = lambda v: an.rng(v, facts)  # noqa: E731
    if p in _WRAPPING:
        a, b = R(ins[0]), R(ins[1])
        if a is None or b is None:
            return None
        if p == "add":
            exact = (a[0] + b[0], a[1] + b[1])
        elif p == "sub":
            exact = (a[0] - b[1], a[1] - b[0])
        else:
            exact = _mul_interval(a, b)
        if _fits(*exact):
            return [Eqn(_WRAPPING[p], ins, e.outs, {}, e.loc)]
        return _checked_by_constant(an, e, a, b)
    if p == "neg":
        a = R(ins[0])
        if a is not None and a[0] > MIN:
            return [Eqn("wneg", ins, e.outs, {}, e.loc)]
        return None
    if p in ("mod", "floordiv"):
        c = an.consts.get(ins[1].id)
        if type(c) is int and c > 0 and c & (c - 1) == 0:
            k = c.bit_length() - 1
            kv = Var(I64)
            if p == "mod":
                return [Eqn("const", [], [kv], {"value": c - 1, "type": I64}, e.loc),
                        Eqn("and", [ins[0], kv], e.outs, {}, e.loc)]
            return [Eqn("const", [], [kv], {"value": k, "type": I64}, e.loc),
                    Eqn("shr", [ins[0], kv], e.outs, {}, e.loc)]
        if p == "mod":
            a, b = R(ins[0]), R(ins[1])
            if (a is not None and b is not None and a[0] >= 0 and b[0] > 0
                    and (a[1] < b[0] or an.decide_cmp("lt", ins[0], ins[1], facts))):
                subst[e.outs[0].id] = ins[0]
        return None
    return None

def _checked_by_constant(an, e: Eqn, a, b):
    """x + c, x - c, c - x, x * c that may overflow: test x against the
    range where the result fits (one or two comparisons), then the
    wrapping operation. Same exception, message and location."""
    p = e.prim
    for xi, ci in ((0, 1), (1, 0)):
        c = an.consts.get(e.ins[ci].id)
        if type(c) is not int:
            continue
        if p == "mul":
            if c in (0, 1):
                continue
            lo, hi = _mul_safe_range(c)
        elif p == "add":
            lo, hi = max(MIN, MIN - c), min(MAX, MAX - c)
        elif xi == 0:  # x - c
            lo, hi = max(MIN, MIN + c), min(MAX, MAX + c)
        else:  # c - x
            lo, hi = max(MIN, c - MAX), min(MAX, c - MIN)
        x = e.ins[xi]
        xr = (a, b)[xi]
        eqns, tests = [], []
        for op, bound, needed in (("gt", hi, xr[1] > hi), ("lt", lo, xr[0] < lo)):
            if needed:
                k, t = Var(I64), Var(BOOL)
                eqns += [Eqn("const", [], [k], {"value": bound, "type": I64}, e.loc),
                         Eqn(op, [x, k], [t], {}, e.loc)]
                tests.append(t)
        if not tests:
            continue
        if len(tests) == 2:
            t = Var(BOOL)
            eqns.append(Eqn("or", tests, [t], {}, e.loc))
        else:
            (t,) = tests
        eqns += [Eqn("raise_if", [t], [], {"exc": "OverflowError",
                                             "msg": messages.INT_OVERFLOW}, e.loc),
                 Eqn(_WRAPPING[p], e.ins, e.outs, {}, e.loc)]
        return eqns
    return None


def _drop_dead_raise_fmt(fn: Function) -> int:
    consts = {e.outs[0].id: e.params["value"] for b in fn.blocks for e in b.eqns
              if e.prim == "const"}
    n = 0
    for b in fn.blocks:
        kept = [e for e in b.eqns
                if not (e.prim == "raise_if_fmt" and consts.get(e.ins[0].id, True) is False)]
        n += len(b.eqns) - len(kept)
        b.eqns = kept
    return n
