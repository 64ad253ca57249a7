"""Tuples holding run-time strings compared as CPython compares tuples:
`==` item by item, orders by the first differing item, then by length.

Place in the pipeline: frontend value semantics, called by the comparison
opcodes (`opcodes_operators.py`) when `in_tuples` says a tuple holds a
`strvalues.PyStr`.
"""
from __future__ import annotations

from typing import Any

from ..ir import BOOL, Var
from .strvalues import PyStr, compare, is_stringish


def _holds_str(v) -> bool:
    return type(v) is PyStr or (isinstance(v, tuple) and any(_holds_str(x) for x in v))


def in_tuples(a, b) -> bool:
    """Are a and b tuples, one of them holding a run-time string?"""
    return isinstance(a, tuple) and isinstance(b, tuple) and (_holds_str(a) or _holds_str(b))


def _bool(fb, v):
    return v if isinstance(v, Var) else fb.const(bool(v), BOOL)


def item_compare(tr, op, x, y, loc):
    if isinstance(x, tuple) and isinstance(y, tuple):  # NamedTuples compare as tuples
        return compare_tuples(tr, op, x, y, loc)
    if is_stringish(x) or is_stringish(y):
        return compare(tr, op, x, y, loc)
    from . import operators
    return operators.compare(tr.fb, op, x, y, loc)


def compare_tuples(tr, op, a, b, loc):
    """a op b of two tuples as CPython compares them: == item by item (and
    equal lengths); an order by the first items that differ, else by the
    lengths."""
    fb = tr.fb
    if op in ("==", "!="):
        r: Any = len(a) == len(b)
        if r:
            for x, y in zip(a, b):
                e = item_compare(tr, "==", x, y, loc)
                if r is True:
                    r = e
                elif e is not True:
                    r = False if e is False else fb.emit("and", [_bool(fb, r), _bool(fb, e)])
                if r is False:
                    break
        if op == "!=":
            return fb.emit("not", [r]) if isinstance(r, Var) else not r
        return r
    r = {"<": len(a) < len(b), "<=": len(a) <= len(b), ">": len(a) > len(b),
         ">=": len(a) >= len(b)}[op]
    for x, y in reversed(list(zip(a, b))):  # the first differing item decides
        eq = item_compare(tr, "==", x, y, loc)
        if eq is True:
            continue
        o = item_compare(tr, op, x, y, loc)
        if eq is False:
            r = o
        else:
            r = fb.emit("select", [eq, _bool(fb, r), _bool(fb, o)])
    return r
