"""The operations on run-time strings, written in Python and traced.

Place in the pipeline: frontend library code. strvalues.py calls these
functions through the tracer (`strvalues.lib`, like py2wasm.linalg: their
errors are located at the user's call) with `PyStr` arguments; they are
written over four primitives the tracer emits (`len`, `_cp`, `_new`, `_put`,
see strvalues.py), so each compiles to loops over code points with CPython's
results and messages. Character classes: whitespace is CPython's full set
(`str.isspace`, 29 code points); digits (isdecimal, isdigit, isnumeric,
int() and float() of any script's decimal digits) are Unicode-exact from
tables of the running interpreter (unitables.py); letters and case (isalpha, lower,
title, ...) are strcase.py's, over Unicode tables in the module's constant
data. Conversions between numbers and strings are in strnum.py.
"""
from __future__ import annotations

from .unilookup import DECIMAL, DECIMAL_VALUE, DIGIT, NUMERIC, _lookup


def _cp(s, i):  # the code point at i (primitive: strvalues.py)
    raise AssertionError("traced only")


def _new(n):  # a string of n code points to fill (primitive)
    raise AssertionError("traced only")


def _put(s, i, c):  # store code point c at i (primitive)
    raise AssertionError("traced only")


ALLOC_FAILED = "Unable to allocate the array: wasm32 linear memory (4 GiB) is exhausted"


def _space(c):
    """CPython's str.isspace() of one code point."""
    if c <= 32:
        return c == 32 or 9 <= c <= 13 or 28 <= c <= 31
    if c < 133:
        return False
    return (c == 133 or c == 160 or c == 0x1680 or 0x2000 <= c <= 0x200A or c == 0x2028
            or c == 0x2029 or c == 0x202F or c == 0x205F or c == 0x3000)


def _num_space(c):
    """Whitespace int() and float() strip: str.isspace() but for U+001C..U+001F
    (CPython strips non-ASCII spaces, and ASCII ones by C's isspace)."""
    return _space(c) and not 28 <= c <= 31


def _adjust(start, end, n):
    """CPython's ADJUST_INDICES: slice-style start and end (end None: n)."""
    if end is None or end > n:
        end = n
    elif end < 0:
        end += n
        if end < 0:
            end = 0
    if start < 0:
        start += n
        if start < 0:
            start = 0
    return start, end


def _match(s, i, sub, m):
    for k in range(m):
        if _cp(s, i + k) != _cp(sub, k):
            return False
    return True


def _copy(dst, at, src, start, n):
    for k in range(n):
        _put(dst, at + k, _cp(src, start + k))


def concat(a, b):
    na = len(a)
    nb = len(b)
    r = _new(na + nb)
    _copy(r, 0, a, 0, na)
    _copy(r, na, b, 0, nb)
    return r


def repeat(s, n):
    m = len(s)
    if n < 0:
        n = 0
    if m and n > 1152921504606846976 // m:  # 4 bytes a code point would overflow int64
        raise MemoryError(ALLOC_FAILED)
    r = _new(m * n)
    for j in range(n):
        _copy(r, j * m, s, 0, m)
    return r


def getitem(s, i):
    n = len(s)
    if i < 0:
        i += n
    if i < 0 or i >= n:
        raise IndexError("string index out of range")
    r = _new(1)
    _put(r, 0, _cp(s, i))
    return r


def take(s, start, n, step):
    """s[start::step] for n items (slice_view's start, length, step)."""
    r = _new(n)
    for k in range(n):
        _put(r, k, _cp(s, start + k * step))
    return r


def equal(a, b):
    n = len(a)
    if n != len(b):
        return False
    for k in range(n):
        if _cp(a, k) != _cp(b, k):
            return False
    return True


def compare(a, b):
    """-1, 0 or 1: code-point order, as CPython compares strings."""
    na = len(a)
    nb = len(b)
    n = na if na < nb else nb
    for k in range(n):
        x = _cp(a, k)
        y = _cp(b, k)
        if x != y:
            return -1 if x < y else 1
    if na == nb:
        return 0
    return -1 if na < nb else 1


def find(s, sub, start, end):
    n = len(s)
    m = len(sub)
    start, end = _adjust(start, end, n)
    if end - start < m:
        return -1
    for i in range(start, end - m + 1):
        if _match(s, i, sub, m):
            return i
    return -1


def rfind(s, sub, start, end):
    n = len(s)
    m = len(sub)
    start, end = _adjust(start, end, n)
    if end - start < m:
        return -1
    i = end - m
    while i >= start:
        if _match(s, i, sub, m):
            return i
        i -= 1
    return -1


def index(s, sub, start, end):
    i = find(s, sub, start, end)
    if i < 0:
        raise ValueError("substring not found")
    return i


def rindex(s, sub, start, end):
    i = rfind(s, sub, start, end)
    if i < 0:
        raise ValueError("substring not found")
    return i


def count(s, sub, start, end):
    n = len(s)
    m = len(sub)
    start, end = _adjust(start, end, n)
    if end - start < m:
        return 0
    if m == 0:
        return end - start + 1
    c = 0
    i = start
    while i <= end - m:
        if _match(s, i, sub, m):
            c += 1
            i += m
        else:
            i += 1
    return c


def startswith(s, pre, start, end):
    n = len(s)
    m = len(pre)
    if start is None:
        start = 0
    start, end = _adjust(start, end, n)
    if end - m < start:
        return False
    return _match(s, start, pre, m)


def endswith(s, suf, start, end):
    n = len(s)
    m = len(suf)
    if start is None:
        start = 0
    start, end = _adjust(start, end, n)
    if end - m < start:
        return False
    return _match(s, end - m, suf, m)


def replace(s, old, new, maxcount):
    n = len(s)
    m = len(old)
    k = len(new)
    # occurrences (non-overlapping, left to right), at most maxcount (< 0: all)
    c = 0
    if m == 0:
        c = n + 1
        if 0 <= maxcount < c:
            c = maxcount
    else:
        i = 0
        while i <= n - m and (maxcount < 0 or c < maxcount):
            if _match(s, i, old, m):
                c += 1
                i += m
            else:
                i += 1
    r = _new(n + c * (k - m))
    i = 0
    o = 0
    done = 0
    if m == 0:
        while done < c:
            _copy(r, o, new, 0, k)
            o += k
            done += 1
            if i < n:
                _put(r, o, _cp(s, i))
                o += 1
                i += 1
        _copy(r, o, s, i, n - i)
        return r
    while i < n:
        if done < c and i <= n - m and _match(s, i, old, m):
            _copy(r, o, new, 0, k)
            o += k
            i += m
            done += 1
        else:
            _put(r, o, _cp(s, i))
            o += 1
            i += 1
    return r


def _slice(s, a, b):
    r = _new(b - a)
    _copy(r, 0, s, a, b - a)
    return r


def strip_space(s, mode):
    """mode 1: lstrip, 2: rstrip, 3: strip (of whitespace)."""
    n = len(s)
    a = 0
    b = n
    if mode != 2:
        while a < b and _space(_cp(s, a)):
            a += 1
    if mode != 1:
        while b > a and _space(_cp(s, b - 1)):
            b -= 1
    return _slice(s, a, b)


def _in(chars, c):
    for k in range(len(chars)):
        if _cp(chars, k) == c:
            return True
    return False


def strip_chars(s, chars, mode):
    n = len(s)
    a = 0
    b = n
    if mode != 2:
        while a < b and _in(chars, _cp(s, a)):
            a += 1
    if mode != 1:
        while b > a and _in(chars, _cp(s, b - 1)):
            b -= 1
    return _slice(s, a, b)


# --- character classes ---------------------------------------------------------------------
# Digits past ASCII are Unicode-exact: tables made from the running
# interpreter's own `str` methods (unitables.py, looked up by
# unilookup._lookup: compiled code matches the Python that traces it,
# whatever its Unicode version), read only past ASCII, and only functions
# that use a table carry it. Letters and case: strcase.py.


def _decimal(c):
    """unicodedata.decimal(chr(c), -1): the value of a decimal digit (any
    script: CPython's int() and float() read them), else -1."""
    if c < 128:
        if 48 <= c <= 57:
            return c - 48
        return -1
    return _lookup(DECIMAL_VALUE, c) - 1


def to_ascii(s):
    """CPython's _PyUnicode_TransformDecimalAndSpaceToASCII: the text int()
    and float() parse. Past ASCII (and DEL) a whitespace character is a
    space, a decimal digit its ASCII digit, anything else '?' (invalid);
    ASCII text is `s` itself."""
    n = len(s)
    wide = False
    for k in range(n):
        if _cp(s, k) >= 127:
            wide = True
    if not wide:
        return s
    r = _new(n)
    for k in range(n):
        c = _cp(s, k)
        if c >= 127:
            if _space(c):
                c = 32
            else:
                d = _decimal(c)
                c = 48 + d if d >= 0 else 63
        _put(r, k, c)
    return r

def isspace(s):
    n = len(s)
    if n == 0:
        return False
    for k in range(n):
        if not _space(_cp(s, k)):
            return False
    return True


def _digits_all(s, tid):
    """All characters ASCII digits or in table tid, and at least one."""
    n = len(s)
    if n == 0:
        return False
    for k in range(n):
        c = _cp(s, k)
        if c < 128:
            if not 48 <= c <= 57:
                return False
        elif _lookup(tid, c) == 0:
            return False
    return True


def isdigit(s):
    return _digits_all(s, DIGIT)


def isdecimal(s):
    return _digits_all(s, DECIMAL)


def isnumeric(s):
    return _digits_all(s, NUMERIC)


# --- conversions ------------------------------------------------------------------------------

def ord_(s):
    n = len(s)
    if n != 1:
        raise TypeError(f"ord() expected a character, but string of length {n} found")
    return _cp(s, 0)


def chr_(c):
    if c < 0 or c > 0x10FFFF:
        raise ValueError("chr() arg not in range(0x110000)")
    r = _new(1)
    _put(r, 0, c)
    return r


# --- lists of strings (strlists.py) -----------------------------------------------------------

def split_space(s, maxsplit):
    """s.split(None, maxsplit) (CPython's whitespace split)."""
    out = []
    n = len(s)
    i = 0
    left = maxsplit if maxsplit >= 0 else n + 1
    while left > 0:
        while i < n and _space(_cp(s, i)):
            i += 1
        if i == n:
            break
        j = i
        i += 1
        while i < n and not _space(_cp(s, i)):
            i += 1
        out.append(_slice(s, j, i))
        left -= 1
    if i < n:
        while i < n and _space(_cp(s, i)):
            i += 1
        if i != n:
            out.append(_slice(s, i, n))
    return out


def split_sep(s, sep, maxsplit):
    """s.split(sep, maxsplit) with a non-empty separator."""
    out = []
    n = len(s)
    m = len(sep)
    if m == 0:
        raise ValueError("empty separator")
    i = 0
    left = maxsplit if maxsplit >= 0 else n + 1
    while left > 0:
        pos = find(s, sep, i, None)
        if pos < 0:
            break
        out.append(_slice(s, i, pos))
        i = pos + m
        left -= 1
    out.append(_slice(s, i, n))
    return out


def join(sep, items):
    """sep.join(items) for a list of strs."""
    k = len(items)
    m = len(sep)
    total = 0
    for x in items:
        total += len(x)
    if k > 0:
        total += m * (k - 1)
    r = _new(total)
    o = 0
    first = True
    for x in items:
        if not first:
            _copy(r, o, sep, 0, m)
            o += m
        first = False
        _copy(r, o, x, 0, len(x))
        o += len(x)
    return r


def chars(s):
    """list(s)."""
    out = []
    for ch in s:
        out.append(ch)
    return out


def hash_text(s):
    """A 32-bit hash of the code points (FNV-1a; no int64 overflow: every
    product stays below 2**57)."""
    h = 2166136261
    for k in range(len(s)):
        h = ((h ^ _cp(s, k)) * 16777619) & 0xFFFFFFFF
    h = ((h ^ (h >> 16)) * 73244475) & 0xFFFFFFFF
    return h ^ (h >> 16)


def _empty_message(fn):
    try:
        fn([])
    except ValueError as e:
        return str(e)
    return ""


MIN_EMPTY = _empty_message(min)
MAX_EMPTY = _empty_message(max)


def sort_strs(xs, reverse):
    """xs.sort() of a list of strs: a stable bottom-up merge sort by code
    points (equal strs are indistinguishable, so reverse=True may simply
    reverse the sorted list)."""
    n = len(xs)
    if n > 1:
        tmp = xs.copy()
        width = 1
        while width < n:
            i = 0
            while i < n:
                mid = i + width if i + width < n else n
                hi = i + 2 * width if i + 2 * width < n else n
                a = i
                b = mid
                k = i
                while a < mid and b < hi:
                    if compare(xs[b], xs[a]) < 0:
                        tmp[k] = xs[b]
                        b += 1
                    else:
                        tmp[k] = xs[a]
                        a += 1
                    k += 1
                while a < mid:
                    tmp[k] = xs[a]
                    a += 1
                    k += 1
                while b < hi:
                    tmp[k] = xs[b]
                    b += 1
                    k += 1
                i += 2 * width
            for j in range(n):
                xs[j] = tmp[j]
            width *= 2
    if reverse:
        xs.reverse()


def min_str(xs, want):
    """min (want -1) or max (want 1) of a non-empty list of strs: the first of equals."""
    n = len(xs)
    if n == 0:
        raise ValueError(MIN_EMPTY if want < 0 else MAX_EMPTY)
    best = xs[0]
    for k in range(1, n):
        if compare(xs[k], best) == want:
            best = xs[k]
    return best


def min_char(s, want):
    """min(s) / max(s) of a str: its smallest / largest character."""
    n = len(s)
    if n == 0:
        raise ValueError(MIN_EMPTY if want < 0 else MAX_EMPTY)
    best = _cp(s, 0)
    for k in range(1, n):
        c = _cp(s, k)
        if (c < best) if want < 0 else (c > best):
            best = c
    r = _new(1)
    _put(r, 0, best)
    return r


