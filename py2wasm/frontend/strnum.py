"""Numbers from and to run-time strings, written in Python and traced like
strlib.py (whose primitives these use): `str(n)` of an int or a bool as a
value, `int(s)`, `int(s, base)` and `float(s)` with CPython's syntax and
messages. float(s) validates the text here and hands the normalized ASCII
decimal to the host (`_tofloat`: the IR primitive `str_to_float`), whose
conversion is correctly rounded like CPython's.

Place in the pipeline: frontend library code (strvalues.py calls these
through the tracer, `strvalues.lib`).
"""
from __future__ import annotations

from .strlib import _cp, _new, _num_space, _put, _slice, to_ascii


def int_to_str(v):
    """str(v) of an int64 (digits of the negative value: -2**63 fits)."""
    neg = v < 0
    x = v if neg else -v
    n = 1
    t = x
    while t <= -10:
        t = (t + 9) // 10  # truncation toward zero of a value <= 0
        n += 1
    size = n + 1 if neg else n
    r = _new(size)
    if neg:
        _put(r, 0, 45)
    k = size - 1
    lo = 1 if neg else 0
    while k >= lo:
        q = (x + 9) // 10
        _put(r, k, 48 + q * 10 - x)
        x = q
        k -= 1
    return r


def bool_to_str(b):
    if b:
        r = _new(4)
        _put(r, 0, 84)
        _put(r, 1, 114)
        _put(r, 2, 117)
        _put(r, 3, 101)
        return r
    r = _new(5)
    _put(r, 0, 70)
    _put(r, 1, 97)
    _put(r, 2, 108)
    _put(r, 3, 115)
    _put(r, 4, 101)
    return r


def parse_int(text):
    """int(s) in base 10 with CPython's syntax: whitespace around, a sign,
    digits with single underscores between them. Past int64: OverflowError
    (py2wasm's documented int range)."""
    s = to_ascii(text)  # digits of any script and Unicode spaces: CPython's rule
    n = len(s)
    a = 0
    b = n
    while a < b and _num_space(_cp(s, a)):
        a += 1
    while b > a and _num_space(_cp(s, b - 1)):
        b -= 1
    neg = False
    if a < b and (_cp(s, a) == 43 or _cp(s, a) == 45):
        neg = _cp(s, a) == 45
        a += 1
    ok = a < b
    v = 0  # accumulated negatively: -9223372036854775808 fits
    over = False
    prev_digit = False
    i = a
    while ok and i < b:
        c = _cp(s, i)
        if 48 <= c <= 57:
            d = c - 48
            if v < -922337203685477580 or (v == -922337203685477580 and d > 8):
                over = True
            else:
                v = v * 10 - d
            prev_digit = True
        elif c == 95 and prev_digit and i + 1 < b:
            prev_digit = False
        else:
            ok = False
        i += 1
    if not ok or not prev_digit:
        raise ValueError(f"invalid literal for int() with base 10: {text!r:.200}")
    if over or (not neg and v == -9223372036854775808):
        raise OverflowError("integer overflow: the result does not fit in a 64-bit int")
    return v if neg else -v


def _tofloat(s):  # the host's float of a validated ASCII decimal (primitive)
    raise AssertionError("traced only")


_INF = (105, 110, 102)
_INFINITY = (105, 110, 102, 105, 110, 105, 116, 121)
_NAN = (110, 97, 110)


def _is_word(s, i, b, w):
    """Is s[i:b] the ASCII word `w` (code points, lower case), in any case?"""
    if b - i != len(w):
        return False
    for k in range(b - i):
        c = _cp(s, i + k)
        if 65 <= c <= 90:
            c += 32
        if c != w[k]:
            return False
    return True


def _digit(s, i, b):
    return i < b and 48 <= _cp(s, i) <= 57


def _digits(s, i, b, r, o):
    """Copy the digits at i (single underscores between digits dropped) to r
    at o: (i, o, count, ok) after them."""
    count = 0
    ok = True
    while i < b and ok:
        c = _cp(s, i)
        if 48 <= c <= 57:
            _put(r, o, c)
            o += 1
            count += 1
            i += 1
        elif c == 95 and count > 0 and _digit(s, i - 1, b) and _digit(s, i + 1, b):
            i += 1
        else:
            ok = False
    return i, o, count


def _signed_span(s):
    """The number's text in s (digits already ASCII: `to_ascii`) without the
    surrounding whitespace: (i, b, neg) with i after the sign, if any, and b
    its end."""
    a = 0
    b = len(s)
    while a < b and _num_space(_cp(s, a)):
        a += 1
    while b > a and _num_space(_cp(s, b - 1)):
        b -= 1
    neg = False
    if a < b and (_cp(s, a) == 43 or _cp(s, a) == 45):
        neg = _cp(s, a) == 45
        a += 1
    return a, b, neg


def parse_float(text):
    """float(s) with CPython's syntax (whitespace, sign, inf/infinity/nan in
    any case, digits with single underscores between them, a fraction, an
    exponent); the decimal value is converted by the host from the text
    normalized here (`_tofloat`), correctly rounded like CPython's."""
    s = to_ascii(text)
    i, b, neg = _signed_span(s)
    if _is_word(s, i, b, _INF) or _is_word(s, i, b, _INFINITY):
        return -float("inf") if neg else float("inf")
    if _is_word(s, i, b, _NAN):
        return -float("nan") if neg else float("nan")
    r = _new(b - i + 3)
    o = 0
    if neg:
        _put(r, 0, 45)
        o = 1
    i, o, whole = _digits(s, i, b, r, o)
    frac = 0
    if i < b and _cp(s, i) == 46:
        _put(r, o, 46)
        o += 1
        i, o, frac = _digits(s, i + 1, b, r, o)
    ok = whole + frac > 0
    if ok and i < b and (_cp(s, i) == 101 or _cp(s, i) == 69):
        _put(r, o, 101)
        o += 1
        i += 1
        if i < b and (_cp(s, i) == 43 or _cp(s, i) == 45):
            _put(r, o, _cp(s, i))
            o += 1
            i += 1
        i, o, ed = _digits(s, i, b, r, o)
        ok = ed > 0
    if not ok or i != b:
        raise ValueError(f"could not convert string to float: {text!r}")
    return _tofloat(_slice(r, 0, o))


def _digit_value(c):
    """The value of an ASCII digit or letter in bases up to 36, else 99."""
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 122:
        return c - 87
    if 65 <= c <= 90:
        return c - 55
    return 99


def parse_int_base(text, base):
    """int(s, base) with CPython's syntax: base 0 (the prefix decides; a
    decimal literal may not start with 0 unless it is all zeros) or 2..36,
    prefixes 0x/0o/0b for their base, single underscores between digits
    and after a prefix. Past int64: OverflowError (documented)."""
    if base != 0 and (base < 2 or base > 36):
        raise ValueError("int() base must be >= 2 and <= 36, or 0")
    s = to_ascii(text)
    i, b, neg = _signed_span(s)
    radix = base
    prefixed = False
    if i + 1 < b and _cp(s, i) == 48:
        c = _cp(s, i + 1) | 32
        if c == 120 and (base == 0 or base == 16):
            radix = 16
            prefixed = True
        elif c == 111 and (base == 0 or base == 8):
            radix = 8
            prefixed = True
        elif c == 98 and (base == 0 or base == 2):
            radix = 2
            prefixed = True
    if prefixed:
        i += 2
    zero_start = False
    if radix == 0:
        radix = 10
        zero_start = i < b and _cp(s, i) == 48
    v = 0  # accumulated negatively: -2**63 fits
    over = False
    count = 0
    ok = True
    after = prefixed  # an underscore may follow a prefix or a digit
    while ok and i < b:
        d = _digit_value(_cp(s, i))
        if d < radix:
            if v < (-9223372036854775808 + d + radix - 1) // radix:
                over = True
            else:
                v = v * radix - d
            count += 1
            after = True
        elif _cp(s, i) == 95 and after and i + 1 < b and _digit_value(_cp(s, i + 1)) < radix:
            after = False
        else:
            ok = False
        i += 1
    if not ok or count == 0 or (zero_start and (v != 0 or over)):
        raise ValueError(f"invalid literal for int() with base {base}: {text!r:.200}")
    if over or (not neg and v == -9223372036854775808):
        raise OverflowError("integer overflow: the result does not fit in a 64-bit int")
    return v if neg else -v
