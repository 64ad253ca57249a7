"""Padding run-time strings: `center ljust rjust zfill`, CPython's
`Objects/unicodeobject.c` (pad(), unicode_center_impl's rounding of an odd
margin, zfill's sign move), written in Python over strlib's primitives and
traced like strlib.py.

Place in the pipeline: frontend library code; strvalues.call_method sends
these four methods here (`pad_call`) after checking the arguments as
CPython's argument clinic does (its TypeErrors, its words).
"""
from __future__ import annotations

from .strlib import _copy, _cp, _new, _put


def _pad(s, left, right, fill):
    n = len(s)
    r = _new(left + n + right)
    for i in range(left):
        _put(r, i, fill)
    _copy(r, left, s, 0, n)
    for i in range(right):
        _put(r, left + n + i, fill)
    return r


def center(s, width, fill):
    n = len(s)
    if n >= width:
        return s
    marg = width - n
    left = marg // 2 + (marg & width & 1)
    return _pad(s, left, marg - left, fill)


def ljust(s, width, fill):
    n = len(s)
    if n >= width:
        return s
    return _pad(s, 0, width - n, fill)


def rjust(s, width, fill):
    n = len(s)
    if n >= width:
        return s
    return _pad(s, width - n, 0, fill)


def zfill(s, width):
    n = len(s)
    if n >= width:
        return s
    fill = width - n
    r = _pad(s, fill, 0, 48)
    c = _cp(r, fill) if n > 0 else 0  # (CPython reads its NUL terminator when s is empty)
    if c == 43 or c == 45:  # a sign moves in front of the zeros
        _put(r, 0, c)
        _put(r, fill, 48)
    return r


def pad_call(tr, s, name, args, loc):
    """s.center(width[, fillchar]) and friends on trace values."""
    from .strvalues import _tname, code_at, is_stringish, length, lib, to_str
    from .values import TraceRaise
    hi = 1 if name == "zfill" else 2
    if not 1 <= len(args) <= hi:
        if hi == 1:
            raise TraceRaise("TypeError", f"str.zfill() takes exactly one argument "
                             f"({len(args)} given)")
        if not args:
            raise TraceRaise("TypeError", f"{name} expected at least 1 argument, got 0")
        raise TraceRaise("TypeError", f"{name} expected at most 2 arguments, got {len(args)}")
    width = _width(tr, args[0], loc)
    if name == "zfill":
        return lib(tr, zfill, [s, width], loc, "str.zfill")
    fill = 32
    if len(args) == 2:
        f = args[1]
        if not is_stringish(f):
            raise TraceRaise("TypeError", "The fill character must be a unicode character, "
                             f"not {_tname(f)}")
        if type(f) is str:
            if len(f) != 1:
                raise TraceRaise("TypeError", "The fill character must be exactly one "
                                 "character long")
            fill = ord(f)
        else:
            f = to_str(tr, f, loc)
            fb = tr.fb
            fb.raise_if(fb.emit("ne", [length(fb, f), fb.const(1)]), "TypeError",
                        "The fill character must be exactly one character long", loc)
            fill = code_at(fb, f, fb.const(0))
    return lib(tr, {"center": center, "ljust": ljust, "rjust": rjust}[name],
               [s, width, fill], loc, f"str.{name}")


def _width(tr, v, loc):
    """An int width as CPython's `n` clinic converter takes it (bools too)."""
    from ..ir import BOOL, I64, Var
    from .npscalars import demote, dtype_name, is_np
    from .strvalues import _tname
    from .values import TraceRaise
    if is_np(v) and dtype_name(v) != "bool" and "int" in dtype_name(v):
        v = demote(v, tr.fb, loc)
    if type(v) in (int, bool):
        return int(v)
    if isinstance(v, Var) and v.type in (I64, BOOL):
        if v.type is BOOL:
            from . import operators
            return operators.coerce(tr.fb, v, I64, loc)
        return v
    raise TraceRaise("TypeError", f"'{_tname(v)}' object cannot be interpreted as an integer")
