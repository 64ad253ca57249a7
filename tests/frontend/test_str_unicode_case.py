"""Letters and case of run-time strings past ASCII (frontend/strcase.py over
frontend/unitables.py's tables): compiled vs CPython exhaustively, every
code point (0..0x10FFFF, lone surrogates included) through compiled code,
on every target, for the interpreter running the tests (run this file under
3.11, 3.12 and 3.13: their Unicode versions differ), plus the contexts
(Final_Sigma, title words, the one-character special cases) with
hypothesis."""
from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm

TARGETS = ("mvp", "simd", "relaxed-simd")
HYP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.lru_cache(maxsize=None)
def every_code_point() -> str:
    return np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")


def classes(s: str) -> list[int]:
    """Each character's classes as bits (one call over every code point)."""
    return [(1 if c.isalpha() else 0) | (2 if c.isalnum() else 0) | (4 if c.isprintable() else 0)
            | (8 if c.isidentifier() else 0) | (16 if c.isupper() else 0)
            | (32 if c.islower() else 0) | (64 if c.istitle() else 0)
            | (128 if ("a" + c).isidentifier() else 0) | (256 if c.isdigit() else 0)
            | (512 if c.isdecimal() else 0) | (1024 if c.isnumeric() else 0)
            | (2048 if c.isspace() else 0) for c in s]


def upper(s: str) -> str:
    return s.upper()


def lower(s: str) -> str:
    return s.lower()


def casefold(s: str) -> str:
    return s.casefold()


def title(s: str) -> str:
    return s.title()


def capitalize(s: str) -> str:
    return s.capitalize()


def swapcase(s: str) -> str:
    return s.swapcase()


MAPPINGS = (upper, lower, casefold, title, capitalize, swapcase)


@functools.lru_cache(maxsize=None)
def compiled(fn, target="simd"):
    return py2wasm.compile(fn, target=target)


@pytest.mark.parametrize("target", TARGETS)
def test_every_code_point_classes(target):
    text = every_code_point()
    got = compiled(classes, target)(text)
    want = classes(text)
    bad = [i for i, (g, w) in enumerate(zip(got, want)) if g != w]
    assert len(got) == len(want) and not bad, [(hex(i), got[i], want[i]) for i in bad[:10]]


def mappings(s: str) -> tuple[str, str, str, str, str, str]:
    return s.upper(), s.lower(), s.casefold(), s.title(), s.capitalize(), s.swapcase()


@pytest.mark.parametrize("target", TARGETS)
def test_every_code_point_mappings(target):
    """Each code point alone (NUL between them: neither cased nor
    case-ignorable) and all of them in a row (every neighbour a context)."""
    f = compiled(mappings, target)
    for text in ("\0".join(every_code_point()), every_code_point()):
        for fn, got, want in zip(MAPPINGS, f(text), mappings(text)):
            if got != want:
                i = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b),
                         min(len(got), len(want)))
                raise AssertionError(f"{fn.__name__}: first difference at output {i}: "
                                     f"{got[i - 3:i + 3]!r} vs {want[i - 3:i + 3]!r}")


def lower_title(s: str) -> str:
    return s.lower() + s.title()


@pytest.mark.parametrize("target", TARGETS)
def test_every_code_point_in_the_final_sigma_and_title_contexts(target):
    """Cased and Case_Ignorable of every code point x, as lower() and title()
    read them: "xΣ" (final after a cased x), "AxΣ" (x skipped when
    case-ignorable), "AΣx" (not final before a cased x), "xa" (title: a
    cased x keeps the word going)."""
    f = compiled(lower_title, target)
    text = every_code_point()
    for start in range(0, 0x110000, 0x22000):
        chunk = "\0".join(f"{x}Σ\0A{x}Σ\0AΣ{x}\0{x}a" for x in text[start:start + 0x22000])
        got, want = f(chunk), lower_title(chunk)
        if got != want:
            i = next(i for i, (a, b) in enumerate(zip(got, want)) if a != b)
            raise AssertionError(f"first difference at output {i}: {got[i - 6:i + 6]!r} vs "
                                 f"{want[i - 6:i + 6]!r}")


# contexts: sigma, case-ignorable marks, titlecase digraphs, expansions, ASCII
ALPHABET = ("aAzZ σΣςßﬁİıǅǄǆ\u0345\u0300'.\u00ad\u2019\u02b0ΐῼᾳ1_\t日\U00010400\U00010428"
            "\U0001e900\ud800")
TEXT = st.text(alphabet=ALPHABET, max_size=10)


@HYP
@given(TEXT)
def test_contexts_match_cpython(s):
    for fn in MAPPINGS:
        assert compiled(fn)(s) == fn(s), (fn.__name__, s)


def predicates(s: str) -> tuple:
    return (s.isalpha(), s.isalnum(), s.isprintable(), s.isidentifier(), s.isupper(),
            s.islower(), s.istitle())


@HYP
@given(TEXT)
def test_predicates_of_strings_match_cpython(s):
    assert compiled(predicates)(s) == predicates(s), s


@pytest.mark.parametrize("s, fn, want", [
    ("ß", upper, "SS"), ("ﬁ", upper, "FI"), ("ΑΣ", lower, "ας"), ("ΑΣ Α", lower, "ας α"),
    ("Σ", lower, "σ"), ("ΑΣΑ", lower, "ασα"), ("ǆemal", title, "ǅemal"),
    ("ǆ", capitalize, "ǅ"), ("ß", casefold, "ss"), ("ﬃ", title, "Ffi"), ("aΣ", swapcase, "Aς")])
def test_special_cases(s, fn, want):
    assert fn(s) == want  # CPython itself
    assert compiled(fn)(s) == want
