"""Iterators and ranges with symbolic parts: `range(...)` objects whose bounds
are not all known, and the iterators `GET_ITER` makes over ranges and tuples.

Place in the pipeline: frontend-internal trace values (docs/internals.md
section 1), created by the call handler (`range(...)`) and `GET_ITER`, and
advanced by `FOR_ITER` in the tracer. A range iterator's `cur` and `stop` (and
`step` when it is not known) become block parameters at loop headers, so a
loop is traced once per type state, not unrolled. A tuple iterator is keyed by
its position, which unrolls `for v in (a, b, c)`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..ir import BOOL, I64, Var
from .values import E_TYPE, TraceRaise, error, scalar_type


@dataclass(frozen=True, eq=False)
class SymRange:
    """range(start, stop, step) where some bound is symbolic (i64 Var)."""
    start: Any
    stop: Any
    step: Any


@dataclass(frozen=True, eq=False)
class RangeIter:
    """Iterator over a range: yields cur, cur+step, ... while before stop."""
    cur: Any
    stop: Any
    step: Any


@dataclass(frozen=True, eq=False)
class TupleIter:
    """Iterator over a tuple of trace values, at position `pos`."""
    items: tuple
    pos: int


def _int_arg(v, loc, what):
    t = scalar_type(v)
    if t is I64:
        return v
    if t is BOOL:  # range(True) is range(1)
        if isinstance(v, Var):
            raise error(loc, f"range() {what} is a bool", "convert it with int(...)", E_TYPE)
        return int(v)
    raise error(loc, f"range() {what} must be an int, got {_tname(v)}",
                "range() takes ints; use int(x) to convert a float", E_TYPE)


def _tname(v):
    t = scalar_type(v)
    return t.pyname if t is not None else type(v).__name__


def make_range(fb, args, loc):
    """The value of `range(*args)`: a Python range when every bound is known,
    else a SymRange. A known zero step raises ValueError like CPython."""
    if not 1 <= len(args) <= 3:
        raise error(loc, f"range expected 1 to 3 arguments, got {len(args)}", "", E_TYPE)
    names = ["stop"] if len(args) == 1 else ["start", "stop", "step"][:len(args)]
    vals = [_int_arg(a, loc, n) for a, n in zip(args, names)]
    if len(vals) == 1:
        vals = [0, vals[0], 1]
    elif len(vals) == 2:
        vals = vals + [1]
    start, stop, step = vals
    if not isinstance(step, Var) and step == 0:
        raise TraceRaise("ValueError", "range() arg 3 must not be zero")
    if not any(isinstance(v, Var) for v in vals):
        return range(start, stop, step)
    if isinstance(step, Var):  # checked where CPython checks it: at range()
        fb.raise_if(fb.emit("eq", [step, fb.const(0)]), "ValueError",
                    "range() arg 3 must not be zero", loc)
    return SymRange(start, stop, step)


def get_iter(fb, v, loc):
    """GET_ITER: the iterator over `v`, or None when `v` is not iterable here."""
    if isinstance(v, range):
        return RangeIter(v.start, v.stop, v.step)
    if isinstance(v, SymRange):
        return RangeIter(v.start, v.stop, v.step)
    if isinstance(v, tuple):
        return TupleIter(v, 0)
    if isinstance(v, (RangeIter, TupleIter)):
        return v
    return None


def materialize(fb, v, t=I64):
    return v if isinstance(v, Var) else fb.const(v, t)


def range_has_next(fb, it: RangeIter):
    """Known bool or bool Var: is there another item?"""
    cur, stop, step = it.cur, it.stop, it.step
    if not any(isinstance(x, Var) for x in (cur, stop, step)):
        return cur < stop if step > 0 else cur > stop
    c, s = materialize(fb, cur), materialize(fb, stop)
    if not isinstance(step, Var):
        return fb.emit("lt" if step > 0 else "gt", [c, s])
    up = fb.emit("lt", [c, s])
    down = fb.emit("gt", [c, s])
    pos = fb.emit("gt", [step, fb.const(0)])
    return fb.emit("select", [pos, up, down])


def range_advance(fb, it: RangeIter):
    """(item, next iterator). Like CPython, a range may end next to the int64
    limits: when `cur + step` would leave int64 the loop is over (that value
    is past `stop`), so the next value saturates to `stop` instead. A known
    step of +-1 cannot overflow (`cur` is strictly inside the range)."""
    cur, step = it.cur, it.step
    if not isinstance(cur, Var) and not isinstance(step, Var):
        nxt = cur + step
        if -2**63 <= nxt < 2**63:
            return cur, RangeIter(nxt, it.stop, step)
        return cur, RangeIter(it.stop, it.stop, step)
    c, s = materialize(fb, cur), materialize(fb, step)
    if not isinstance(step, Var) and step in (1, -1):
        return cur, RangeIter(fb.emit("add", [c, s]), it.stop, step)
    if not isinstance(step, Var):
        ovf = (fb.emit("gt", [c, fb.const(2**63 - 1 - step)]) if step > 0
               else fb.emit("lt", [c, fb.const(-2**63 - step)]))
    else:
        pos = fb.emit("gt", [s, fb.const(0)])
        s_pos = fb.emit("select", [pos, s, fb.const(1)])
        s_neg = fb.emit("select", [pos, fb.const(-1), s])
        up = fb.emit("gt", [c, fb.emit("sub", [fb.const(2**63 - 1), s_pos])])
        down = fb.emit("lt", [c, fb.emit("sub", [fb.const(-2**63), s_neg])])
        ovf = fb.emit("select", [pos, up, down])
    nxt = fb.emit("add", [c, fb.emit("select", [ovf, fb.const(0), s])])
    stop = materialize(fb, it.stop)
    return cur, RangeIter(fb.emit("select", [ovf, stop, nxt]), it.stop, step)


def tuple_next(it: TupleIter):
    """(has_next, item, next iterator) -- all known."""
    if it.pos >= len(it.items):
        return False, None, it
    return True, it.items[it.pos], TupleIter(it.items, it.pos + 1)


def reversed_range(fb, r: SymRange, loc) -> RangeIter:
    """`reversed(range(a, b, s))` with run-time bounds and a known step: an
    iterator from the range's last element down to a, step -s. The last
    element is a + ((|b - a| - 1) // |s|) * s in unsigned arithmetic (exact
    for any int64 bounds); the exclusive end is a - 1 (a + 1 for a negative
    step), so a non-empty range starting at the int64 limit itself raises
    OverflowError (py2wasm's ints are int64)."""
    from .unsigned import divmod_
    a, b, s = r.start, r.stop, r.step
    if isinstance(s, Var):
        raise error(loc, "reversed() of a range whose step is known only at run time is not "
                    "supported", "use a constant step, or loop over range(n - 1, -1, -1)",
                    E_TYPE)
    a, b = materialize(fb, a), materialize(fb, b)
    up = s > 0
    nonempty = fb.emit("lt" if up else "gt", [a, b])
    span = fb.emit("wsub", [b, a] if up else [a, b])  # |b - a| as a uint64 when nonempty
    steps = fb.emit("wsub", [span, fb.const(1)])
    if abs(s) != 1:
        steps = divmod_(fb, steps, fb.const(abs(s)))[0]
    last = fb.emit("wadd", [a, fb.emit("wmul", [steps, fb.const(s)])])
    # the walk goes from `last` back to a (inclusive): any exclusive end between
    # a - s and a does; a -+ 1 leaves int64 only when a is the int64 limit itself
    end = fb.emit("wsub", [a, fb.const(1 if up else -1)])
    wrapped = fb.emit("eq", [a, fb.const(-2**63 if up else 2**63 - 1)])
    fb.raise_if(fb.emit("and", [nonempty, wrapped]), "OverflowError",
                "integer overflow: reversed(range(...)) ends at the int64 limit", loc)
    cur = fb.emit("select", [nonempty, last, end])
    return RangeIter(cur, end, -s)
