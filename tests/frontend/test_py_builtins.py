"""Ordinary Python builtins in numeric code (issue 18) against CPython:
tuples and ranges in sum/min/max/any/all/sorted/len/in, enumerate(t, k),
zip(strict=True) (its ValueError where CPython raises it), min/max(a, b,
key=f), hash() of numbers and tuples, hex/oct/bin, str padding
(center ljust rjust zfill), math.prod of a list, str()/repr()/f-strings of
lists, dicts, sets and tuples of them, int() of an array. Each function is
compiled once and run on many inputs (hypothesis for the text ones)."""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm

_C: dict = {}


def same(fn, *args):
    c = _C.get(fn) or _C.setdefault(fn, py2wasm.compile(fn))
    out = []
    for f in (fn, c):
        try:
            r = f(*args)
            out.append(("ok", repr(r), type(r)))  # NaNs compare by text
        except (ValueError, TypeError, OverflowError, ZeroDivisionError) as e:
            out.append((type(e).__name__, str(e)))
    assert out[1] == out[0], (fn.__name__, args)


def key7(i):
    return (i * 7) % 5


def tuples(a: float, b: float, n: int):
    t = (a, b, a * b)
    return (sum(t), min(t), max(t), any((a, b)), all((a, b, 1.0)), sorted(t),
            sorted(t, key=abs, reverse=True), len(t), a in (b, 1.0),
            [(i, x) for i, x in enumerate(t, n)], min(a, b, key=abs), max(a, b, key=lambda v: -v),
            min((a, b), default=0.0), max(t, key=lambda v: v * v))


def mixed(a: float, n: int, b: bool):
    return (sum((a, n)), sum((n, b, a, n, 0.1), 0.5), sum((n, b)), sum((a, 1e16, -1e16, n)),
            min((a, n)) + 0.0, max((n, a)) * 1.0, min(n, 2, key=abs), max((a, -a), key=abs, default=0.0))


def known_tuples(n: int):
    return (sum((9.223372036854776e+18,)) + n, min((3, 1, 2)), sorted((3, 1)), any((0, 0)),
            max((), default=n), sum((1, 2), 3), min((3, -1, 2), key=lambda v: v * v + n),
            sorted((3, 1, 2), key=lambda v: -v * n))


def empty_min(n: int):
    return min(()) + n


def ranges(n: int, m: int, k: int):
    r = range(n, m, k)
    return (sum(r), len(r), any(r), all(r), sorted(r, key=key7, reverse=True),
            max(r, default=-1), n + 3 in r, 2.0 in r, True in r)


def range_min(n: int):
    return min(range(n))


def zips(a: list[float], b: list[float], c: list[int]):
    t = 0.0
    for x, y, z in zip(a, b, c, strict=True):
        if x > 50.0:
            break
        t += x * y + z
    return t


def zip_list(a: list[float], b: list[float]):
    return list(zip(a, b, strict=True))


def zip_tuples(a: float, b: float):
    t = 0.0
    for x, y in zip((a, b), (1.0, 2.0, 3.0), strict=True):
        t += x * y
    return t


def hashes(n: int, x: float, b: bool):
    return hash(n), hash(x), hash(b), hash((n, x, b)), hash(((n, 1), x))


def bases(n: int):
    return hex(n), oct(n), bin(n), hex(n > 0)


def pads(s: str, w: int, f: str):
    return s.center(w), s.ljust(w, f), s.rjust(w, f), s.zfill(w), s.center(w, f)


def prods(xs: list[float], ys: list[int]):
    return math.prod(xs), math.prod(ys), math.prod(ys, start=3), math.prod(xs, start=2)


def texts(xs: list[float], ys: list[list[int]], s: str):
    d = {s: x for x in xs}
    st_ = {len(y) for y in ys}
    return (str(xs), repr(ys), f"{xs}|{ys!r}|{d}", f"{st_} {set(xs[:0])}", str((xs, 1)),
            "{} {}".format(d, xs), repr([s, s + "'"]))


def list_message(xs: list[int]):
    if len(xs) > 2:
        raise ValueError(f"too many: {xs}")
    return len(xs)


def int_of_array(a: np.ndarray):
    return int(a)


def test_tuples():
    for a, b, n in [(1.5, -2.0, 0), (0.0, 3.0, -4), (-0.0, 0.0, 7), (float("nan"), 1.0, 2),
                    (2.5, 2.5, 1)]:
        same(tuples, a, b, n)


@settings(max_examples=60, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(-2**40, 2**40), st.booleans())
def test_mixed_tuples(a, n, b):
    same(mixed, a, n, b)


def test_known_tuples():
    for n in (-2, 0, 3):
        same(known_tuples, n)
    same(empty_min, 1)


def test_ranges():
    for n, m, k in [(0, 10, 1), (5, -7, -2), (3, 3, 1), (-4, 20, 3), (1, 2, 1), (10, 0, -3)]:
        same(ranges, n, m, k)
    for n in (0, 5):
        same(range_min, n)


def test_zip_strict():
    for a, b, c in [([1.0, 2.0], [3.0, 4.0], [1, 2]), ([1.0], [3.0, 4.0], [1, 2]),
                    ([1.0, 2.0], [3.0], [1, 2]), ([1.0, 2.0], [3.0, 4.0], [1]),
                    ([1.0, 2.0], [3.0, 4.0], [1, 2, 3]), ([60.0, 2.0], [3.0], [1]), ([], [], []),
                    ([], [1.0], [])]:
        same(zips, a, b, c)
        same(zip_list, a, b)
    same(zip_tuples, 1.0, 2.0)


@settings(max_examples=60, deadline=None)
@given(st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=False), st.booleans())
def test_hash_bases(n, x, b):
    same(hashes, n, x, b)
    same(bases, n)


def test_hash_edges():
    for x in (float("inf"), -float("inf"), 2.0**61, -1.0, 5e-324, 1e308):
        same(hashes, -1, x, False)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="ab+-0 \u00e9\U0001f600", max_size=6), st.integers(-2, 12),
       st.text(alphabet="*x\u00e9", min_size=0, max_size=2))
def test_pads(s, w, f):
    same(pads, s, w, f)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3), max_size=6), st.lists(st.integers(-1000, 1000), max_size=5))
def test_prod(xs, ys):
    same(prods, xs, ys)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(allow_nan=False), max_size=4),
       st.lists(st.lists(st.integers(-10**12, 10**12), max_size=3), max_size=3),
       st.text(alphabet="a'\"\\\n\u00e9", max_size=4))
def test_texts(xs, ys, s):
    same(texts, xs, ys, s)


def test_list_message():
    for xs in ([1, 2], [1, 2, 3]):
        same(list_message, xs)


def test_int_of_array():
    for a in (np.zeros(1), np.ones((1, 1)), np.arange(3.0)):
        same(int_of_array, a)


def test_hash_of_str_is_refused():
    def h(s: str):
        return hash(s)
    with pytest.raises(py2wasm.CompileError, match=r"(?s)P2W002.*hash\(\) of a str.*randomized"):
        py2wasm.compile(h)("a")
