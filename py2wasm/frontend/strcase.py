"""Letters and case of run-time strings past ASCII, written in Python and
traced like strlib.py: `isalpha isalnum isprintable isidentifier isupper
islower istitle` and `lower upper casefold title capitalize swapcase`, with
CPython's results for every code point of its Unicode version.

Place in the pipeline: frontend library code (strvalues.py calls these
through the tracer, `strvalues.lib`). Characters are looked up in the
tables of unitables.py (built from the interpreter doing the compiling) by
unilookup.py's `_lookup`. The rules are CPython's unicodeobject.c: full
case mappings (`ß` -> `SS`), the Final_Sigma rule of `lower()`
(`handle_capital_sigma`), `title()` and `capitalize()` by titlecase
mappings, `swapcase()` by ISUPPER/ISLOWER, `casefold()` by full folding,
the one-character special cases of `isupper islower istitle`.
"""
from __future__ import annotations

from .strlib import _cp, _new, _put
from .unilookup import (ALNUM, ALPHA, CASE, CASE_IGNORABLE, ID_CONTINUE, ID_START, MFOLD, MLOWER,
                        MTITLE, MUPPER, PRINTABLE, _lookup, _record, _seq)
from .unitables import LOWER, TITLE, UPPER


def _flags(c):
    """UPPER | LOWER | TITLE of c (any of them: c is cased)."""
    return _lookup(CASE, c)


# --- predicates ------------------------------------------------------------------------------

def _all(s, tid):
    n = len(s)
    if n == 0:
        return False
    for k in range(n):
        if _lookup(tid, _cp(s, k)) == 0:
            return False
    return True


def isalpha(s):
    return _all(s, ALPHA)


def isalnum(s):
    return _all(s, ALNUM)


def isprintable(s):
    for k in range(len(s)):
        if _lookup(PRINTABLE, _cp(s, k)) == 0:
            return False
    return True


def isidentifier(s):
    n = len(s)
    if n == 0:
        return False
    if _lookup(ID_START, _cp(s, 0)) == 0:
        return False
    for k in range(1, n):
        if _lookup(ID_CONTINUE, _cp(s, k)) == 0:
            return False
    return True


def _cased_only(s, want, other):
    """isupper (want UPPER, other LOWER | TITLE) / islower: a character of
    case `want`, none of `other`; one character: ISUPPER / ISLOWER itself."""
    n = len(s)
    if n == 1:
        return (_flags(_cp(s, 0)) & want) != 0
    cased = False
    for k in range(n):
        f = _flags(_cp(s, k))
        if f & other:
            return False
        if f & want:
            cased = True
    return cased


def isupper(s):
    return _cased_only(s, UPPER, LOWER | TITLE)


def islower(s):
    return _cased_only(s, LOWER, UPPER | TITLE)


def istitle(s):
    n = len(s)
    if n == 1:
        return (_flags(_cp(s, 0)) & (UPPER | TITLE)) != 0
    cased = False
    prev = False
    for k in range(n):
        f = _flags(_cp(s, k))
        if f & (UPPER | TITLE):
            if prev:
                return False
            prev = True
            cased = True
        elif f & LOWER:
            if not prev:
                return False
            prev = True
            cased = True
        else:
            prev = False
    return cased


# --- case mappings ---------------------------------------------------------------------------

def _map1(tid, c, r, o):
    """Code point c by mapping table tid: written to r at o (r None: only
    counted); the number of code points."""
    rec = _record(tid, c)
    m = rec & 3
    if m == 0:
        if r is not None:
            _put(r, o, c + (rec >> 2))
        return 1
    if r is not None:
        for j in range(m):
            _put(r, o + j, _seq(tid, (rec >> 2) + j))
    return m


def _sigma(s, i, n):
    """CPython's handle_capital_sigma: U+03A3 at i lowers to final ς when a
    cased character precedes it and none follows (case-ignorable ones
    skipped), else to σ."""
    j = i - 1
    c = 0
    while j >= 0:
        c = _cp(s, j)
        if _lookup(CASE_IGNORABLE, c) == 0:
            break
        j -= 1
    final = j >= 0 and _flags(c) != 0
    if final and i + 1 < n:
        j = i + 1
        while j < n:
            c = _cp(s, j)
            if _lookup(CASE_IGNORABLE, c) == 0:
                break
            j += 1
        final = j == n or _flags(c) == 0
    return 0x3C2 if final else 0x3C3


def _lower(s, k, n, c, r, o):
    """CPython's lower_ucs4: the full lowercase mapping, U+03A3 by context."""
    if c == 0x3A3:
        if r is not None:
            _put(r, o, _sigma(s, k, n))
        return 1
    return _map1(MLOWER, c, r, o)


_LOWER, _UPPER, _FOLD, _TITLE, _CAPITALIZE, _SWAPCASE = 1, 2, 3, 4, 5, 6


def _pass(s, n, mode, r):
    """One pass over s for `mode`: the output's length (r None) or the
    output written to r."""
    o = 0
    prev = False
    for k in range(n):
        c = _cp(s, k)
        if mode == _LOWER:
            o += _lower(s, k, n, c, r, o)
        elif mode == _UPPER:
            o += _map1(MUPPER, c, r, o)
        elif mode == _FOLD:
            o += _map1(MFOLD, c, r, o)
        elif mode == _TITLE:
            if prev:
                o += _lower(s, k, n, c, r, o)
            else:
                o += _map1(MTITLE, c, r, o)
            prev = _flags(c) != 0  # cased
        elif mode == _CAPITALIZE:
            if k == 0:
                o += _map1(MTITLE, c, r, o)
            else:
                o += _lower(s, k, n, c, r, o)
        else:
            f = _flags(c)
            if f & UPPER:
                o += _lower(s, k, n, c, r, o)
            elif f & LOWER:
                o += _map1(MUPPER, c, r, o)
            else:
                if r is not None:
                    _put(r, o, c)
                o += 1
    return o


def _convert(s, mode):
    n = len(s)
    r = _new(_pass(s, n, mode, None))
    _pass(s, n, mode, r)
    return r


def lower(s):
    return _convert(s, _LOWER)


def upper(s):
    return _convert(s, _UPPER)


def casefold(s):
    return _convert(s, _FOLD)


def title(s):
    return _convert(s, _TITLE)


def capitalize(s):
    return _convert(s, _CAPITALIZE)


def swapcase(s):
    return _convert(s, _SWAPCASE)
