"""Digits past ASCII (frontend/unitables.py's tables, made from the running
interpreter's own `str` methods, read by strlib.py; strnum.py's `to_ascii`): `isdigit`,
`isdecimal`, `isnumeric`, `int(s)`, `int(s, base)` and `float(s)` of text
in any script, compiled vs CPython with hypothesis over arbitrary Unicode
(astral characters and lone surrogates included) and over numbers written
with other scripts' digits and Unicode spaces. No NotImplementedError is
accepted here: the answers must be CPython's."""
from __future__ import annotations

import math
import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm

ANY = st.text(alphabet=st.characters(blacklist_categories=()), max_size=8)
# decimal digits of many scripts (the first and last of each run), other
# numerics, Unicode spaces, and the ASCII of number syntax
_DIGITS = sorted({c for c in map(chr, range(0x110000)) if c.isdecimal()})
_PICK = [c for i, c in enumerate(_DIGITS) if i % 7 == 0 or unicodedata.decimal(c) in (0, 9)]
NUMBERISH = st.text(alphabet=st.sampled_from(
    _PICK + list("0123456789+-._eExXbBoO ") + ["\u3000", "\u2003", "\xa0", "\x85", "\x1c",
                                               "½", "²", "①", "Ⅻ", "\x7f", "\ud800",
                                               "\U0001F600", "a", "f"]), max_size=10)


def classes(s: str):
    return s.isdigit(), s.isdecimal(), s.isnumeric()


def to_int(s: str) -> int:
    return int(s)


def to_int_base(s: str, base: int) -> int:
    return int(s, base)


def to_float(s: str) -> float:
    return float(s)


_compiled: dict = {}


def outcome(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (
            a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(map(same, a, b))
    return type(a) is type(b) and a == b


def check(fn, *args):
    cf = _compiled.get(fn) or _compiled.setdefault(fn, py2wasm.compile(fn))
    want, got = outcome(fn, *args), outcome(cf, *args)
    if got[0] == "OverflowError" and want[0] == "ok":  # int64 (documented)
        assert isinstance(want[1], int) and not -2**63 <= want[1] < 2**63
        return
    assert same(got, want), (fn.__name__, args, got, want)


HYP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HYP
@given(ANY)
def test_digit_classes_of_any_text(s):
    check(classes, s)


@HYP
@given(NUMBERISH)
def test_digit_classes_and_numbers_of_numberish_text(s):
    check(classes, s)
    check(to_int, s)
    check(to_float, s)


@HYP
@given(NUMBERISH, st.sampled_from([0, 2, 8, 10, 16, 36]))
def test_int_with_a_base_reads_any_scripts_digits(s, base):
    check(to_int_base, s, base)


@HYP
@given(ANY)
def test_numbers_of_any_text(s):
    check(to_int, s)
    check(to_float, s)


def test_every_decimal_digit_reads_as_cpython_reads_it():
    text = "".join(_DIGITS)
    check(classes, text)
    for i in range(0, len(_DIGITS), 18):  # each digit, in numbers of 18 digits (int64)
        chunk = "".join(_DIGITS[i:i + 18])
        check(to_int, chunk)
        check(to_float, " " + chunk + "\u3000")


def test_whitespace_and_digit_values_are_the_running_interpreters():
    """strlib's whitespace set (split(), strip(), isspace, int()) and the
    decimal values int() and float() read (unitables.py, read as the
    compiled lookups read them), checked against this interpreter for every
    code point (the digit classes of every code point through compiled
    code: tests/frontend/test_str_unicode_case.py)."""
    from py2wasm.frontend import strlib, unitables
    value = unitables.table("decimal_value")
    for c in range(0x110000):
        ch = chr(c)
        assert strlib._space(c) == ch.isspace(), hex(c)
        assert value.lookup(c) - 1 == unicodedata.decimal(ch, -1), hex(c)
