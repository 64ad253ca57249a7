"""`zip(..., strict=True)`: CPython's ValueError when the iterables' lengths
differ, raised where CPython raises it (when the loop reaches the end of
the shortest one, after the items before it were used; never when the loop
breaks out first), with its words: "zip() argument 2 is shorter than
argument 1", "zip() argument 3 is longer than arguments 1-2".

Place in the pipeline: frontend; lists_iter.iter_step calls `check` with
each operand's has-next flag (known bools or bool Vars) when it steps a
strict ZipIter, and `_count_item` (zip consumed whole) the same way.
"""
from __future__ import annotations

from ..ir import Var
from .values import TraceRaise


def _args(i: int) -> str:
    return "argument 1" if i == 1 else f"arguments 1-{i}"


def _and(fb, a, b):
    from .arrays import band
    return band(fb, a, b)


def _not(fb, a):
    return (not a) if not isinstance(a, Var) else fb.emit("not", [a])


def _raise_when(fb, cond, msg, loc):
    if cond is False:
        return
    if cond is True:
        raise TraceRaise("ValueError", msg)
    fb.raise_if(cond, "ValueError", msg, loc=loc)


def check(fb, mores: list, loc) -> None:
    """CPython's zip_next in strict mode given whether each operand has a
    next item: operand 0 ended while a later one goes on (longer), or a
    later one ended while those before it went on (shorter)."""
    first_more = mores[0]
    before = first_more  # operands 0..i-1 all gave an item
    none_yet = _not(fb, first_more)  # operand 0 ended and 1..j-1 ended too
    for i in range(1, len(mores)):
        m = mores[i]
        _raise_when(fb, _and(fb, before, _not(fb, m)),
                    f"zip() argument {i + 1} is shorter than {_args(i)}", loc)
        _raise_when(fb, _and(fb, none_yet, m),
                    f"zip() argument {i + 1} is longer than {_args(i)}", loc)
        before = _and(fb, before, m)
        none_yet = _and(fb, none_yet, _not(fb, m))
