"""Run-time strings (frontend/strvalues.py, strlib.py, strlists.py): str
arguments and results, and the operations on them, compiled vs CPython with
hypothesis over text with non-ASCII, astral and lone-surrogate characters
(letters and case past ASCII: also tests/frontend/test_str_unicode_case.py)."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm
from tests.frontend import strvalue_functions as F
from tests.frontend.test_npscalars import outcome

# characters that exercise the representation and the character classes
ALPHABET = ("abcxyzABCXYZ019_ ,;.=-+\t\n\x0b\x1c\x85\xa0é\u00df\u0130\u1680\u2003\u2028"
            "\u3000日本\u0661\ud800\udfff\U0001F600\U00010400")
TEXT = st.text(alphabet=ALPHABET, max_size=12)
SHORT = st.text(alphabet="ab ,é\U0001F600", max_size=3)
SMALL = st.integers(-15, 15)
_compiled: dict = {}


def _compiled_fn(fn):
    if fn not in _compiled:
        _compiled[fn] = py2wasm.compile(fn)
    return _compiled[fn]


def check(fn, *args):
    want = outcome(fn, *args)
    got = outcome(_compiled_fn(fn), *args)
    if not _same(got, want) and got[0] == "OverflowError" and want[0] == "ok":
        assert isinstance(want[1], int) and not -2**63 <= want[1] < 2**63  # int64 (documented)
        return
    assert _same(got, want), (fn.__name__, args, got, want)


def _same(a, b) -> bool:
    """Equal outcomes, a NaN equal to a NaN (tuples compare NaNs by identity)."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return type(a) is type(b) and a == b


HYP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HYP
@given(TEXT, SMALL)
def test_length_and_indexing(s, i):
    check(F.length, s)
    check(F.item, s, i)
    check(F.slices, s)


@HYP
@given(TEXT, SMALL, SMALL, st.integers(-4, 4))
def test_slicing_with_steps(s, a, b, c):
    check(F.slice3, s, a, b, c)


@HYP
@given(TEXT, SHORT, st.integers(-2, 4))
def test_concat_repeat_compare(s, t, n):
    check(F.concat3, s, t)
    check(F.repeat, t, n)
    check(F.comparisons, s, t)
    check(F.comparisons, s, s)
    check(F.contains, s, t)


@HYP
@given(TEXT, SHORT, SMALL, SMALL)
def test_searching(s, t, a, b):
    check(F.searches, s, t, a, b)
    check(F.index_of, s, t)


@HYP
@given(TEXT, SHORT, SHORT, st.integers(-1, 3))
def test_replace(s, old, new, n):
    check(F.replaced, s, old, new, n)


@HYP
@given(TEXT, SHORT)
def test_strip_and_split(s, chars):
    check(F.stripped, s)
    check(F.stripped_chars, s, chars)
    check(F.split_space, s)


@HYP
@given(TEXT, st.sampled_from(["", ",", " ", "ab", "\U0001F600", "é,"]), st.integers(-1, 3))
def test_split_with_separator(s, sep, n):
    check(F.split_sep, s, sep, n)


@HYP
@given(TEXT)
def test_iteration_ord_classes_case(s):
    check(F.iterate, s)
    check(F.ords, s)
    check(F.classes, s)
    check(F.spaces, s)
    check(F.cases, s)
    check(F.chars_list, s)
    check(F.truthy, s)


def test_space_is_cpythons_full_set():
    for c in list(range(0, 0x3001)) + [0x10FFFF]:
        check(F.spaces, chr(c))
    check(F.split_space, "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "x")


@HYP
@given(st.one_of(st.integers(-2**63, 2**63 - 1).map(str), TEXT,
                 st.from_regex(r"\A\s*[+-]?[0-9_]{0,6}\s*\Z")))
def test_int_of_text(s):
    check(F.to_int, s)
    check(F.message, s)


@pytest.mark.parametrize("s", ["0", "-0", "+7", " 12 ", "1_000", "1__0", "_1", "1_", "", " ",
                               "\u30001\u2003", "0x10", "12a", "007", "9223372036854775807",
                               "-9223372036854775808", "9223372036854775808", "٣", "1 2",
                               "a" * 300])
def test_int_parsing_cases(s):
    check(F.to_int, s)


@HYP
@given(st.integers(-2**63, 2**63 - 1), st.booleans())
def test_int_to_text(n, b):
    check(F.int_text, n, b)


@HYP
@given(st.integers(-5, 0x110005))
def test_chr(n):
    check(F.from_code, n)


def test_messages_and_formatting():
    for s in ["12", "x'y", 'a"b', "é\U0001F600", "", "a\nb"]:
        check(F.message, s)
        check(F.formatted, s, -3)
    check(F.constant_result, 1)
    check(F.constant_result, -1)


def test_surrogates_round_trip():
    s = "a\ud800b\udfffc\U0001F600"
    check(F.concat3, s, "\udc00")
    check(F.slices, s)
    assert _compiled_fn(F.concat3)(s, "") == s + s


# --- the corpus -----------------------------------------------------------------------

CORPUS = [
    (F.csv_sum, [("1,2,3",), (" 10, -2 ,3_0",), ("1,,2",), ("",), ("4",)]),
    (F.csv_column_max, [("1,2\n3,4\n\n5,0\n", 0), ("1,2\n3,4\n", 1), ("1,2\n3\n", 1)]),
    (F.longest_word, [("the quick brown fox",), ("",), ("日本語 テキスト ok",)]),
    (F.count_word, [("The cat, the dog. THE end!", "the"), ("none here", "x")]),
    (F.is_palindrome, [("A man, a plan, a canal: Panama",), ("abc",), ("",)]),
    (F.caesar, [("Hello, World!", 3), ("xyz é", 30), ("", 1)]),
    (F.run_length, [("aaabccdddd",), ("",), ("é\U0001F600\U0001F600",)]),
    (F.parse_key_values, [("a=1; b = 22;c=3", "b"), ("a=1", "z"), ("a=x", "a"), ("k", "k")]),
    (F.vowel_count, [("Programming in Python",), ("",)]),
    (F.digit_sum, [("a1b2c3",), ("no digits",)]),
    (F.tokens_to_ints, [("1 2  3\n4",), ("1 x",), ("",)]),
    (F.title_words, [("hello  wORLD py2wasm",), ("",)]),
    (F.hamming, [("karolin", "kathrin"), ("a", "ab"), ("\U0001F600x", "\U0001F600y")]),
    (F.word_histogram, [("b a b c a b",), ("",), ("é é \U0001F600",)]),
    (F.most_common, [("The the THE cat cat",), ("",)]),
    (F.lookup, [("x:5,one:7", "one"), ("x:5", "x"), ("", "two"), ("q:1", "zz'"), ("", "é")]),
    (F.group_by_initial, [("apple avocado banana xenon",), ("",), ("x",)]),
    (F.renamed, [("a b c a",), ("",), ("q",)]),
    (F.list_edits, [("p q r",), ("",), ("é \U0001F600",)]),
    (F.head_and_rest, [("a = b=c",), ("abc",), ("=",), ("k=",)]),
    (F.known_list_membership, [("banané",), ("x",), ("yz",), ("",)]),
]


@pytest.mark.parametrize("fn,arg_sets", CORPUS, ids=[f.__name__ for f, _ in CORPUS])
def test_corpus(fn, arg_sets):
    for args in arg_sets:
        check(fn, *args)


@HYP
@given(st.lists(st.integers(-1000, 1000), max_size=8), st.sampled_from([",", ", ", " ,"]))
def test_csv_line_of_numbers(xs, sep):
    check(F.csv_sum, sep.join(map(str, xs)) if xs else "0")
    check(F.tokens_to_ints, " ".join(map(str, xs)))


@HYP
@given(st.lists(st.sampled_from(["a", "b", "ab", "é", "\U0001F600", "A", "ba", "x", "ä"]),
                max_size=40), st.sampled_from(["a", "é", "zz", "ba"]))
def test_dicts_with_str_keys(words, key):
    text = " ".join(words)
    check(F.word_histogram, text)
    check(F.most_common, text)
    check(F.group_by_initial, text)
    check(F.renamed, text)
    check(F.lookup, ",".join(f"{w}:{i}" for i, w in enumerate(words)), key)


@HYP
@given(st.lists(st.sampled_from(["a", "b", "ab", "é", "\U0001F600", "A", "ba", "x", "", "\ud800"]),
                max_size=30), st.sampled_from(["a", "é", "zz"]))
def test_sets_sorting_min_max_of_strs(words, w):
    text = " ".join(words)
    check(F.distinct_words, text)
    check(F.remove_word, text, w)
    check(F.sorted_words, text)
    check(F.extremes, text)


# --- float(s) -------------------------------------------------------------------------

def _same_float(fn, *args):
    """check(), and the sign of a NaN result too (float("-nan") has it set)."""
    check(fn, *args)
    want = outcome(fn, *args)
    if want[0] == "ok" and want[1] != want[1]:
        got = outcome(_compiled_fn(fn), *args)
        assert math.copysign(1, got[1]) == math.copysign(1, want[1]), (args, got, want)


FLOAT_TEXTS = ["1_0.5", "1_.5", "1._5", "1e1_0", "_1", "1.", ".5", ".", "e5", "1e", "-nan", "+inf",
               "Infinity", "iNfInItY", "infin", "1.5E+3", "1e-3_0", "0x1p3", "1__0", "1e+", "- 1",
               "nan1", "1_e5", "1e_5", "+.5e-0", "1\x1c", "\u30001.5\u2003", "0.30000000000000004",
               "1e400", "-0", "2.2250738585072011e-308", "4.9e-324", "-1e-400", "", " ", "+",
               "123456789012345678901234567890e-10", "9" * 400, "0." + "0" * 330 + "1e330",
               "1.7976931348623157e308", "1.7976931348623159e308", "٣.5", "1.5\U0001F600"]


@pytest.mark.parametrize("s", FLOAT_TEXTS)
def test_float_of_text_cases(s):
    _same_float(F.to_float, s)


@HYP
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr),
                 st.floats(width=32).map(lambda x: f"{x:.9e}"),
                 st.from_regex(r"\A\s*[+-]?[0-9_]{0,5}(\.[0-9_]{0,5})?([eE][+-]?[0-9_]{0,4})?\s*\Z"),
                 TEXT))
def test_float_of_text(s):
    _same_float(F.to_float, s)


@HYP
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=8))
def test_mean_of_a_csv_line_of_floats(xs):
    check(F.float_fields, ",".join(map(repr, xs)))
    check(F.float_fields, " , ".join(f"{x:.3f}" for x in xs))


# --- what is refused ------------------------------------------------------------------

def test_str_of_a_float_as_a_value():
    def f(x: float) -> str:  # formatted by the host (frontend/strfmt.py, tests/frontend/test_strfmt.py)
        return "x=" + str(x)
    for x in (1.5, 1e16, -0.0, 5e-324, float("nan")):
        assert py2wasm.compile(f)(x) == f(x)


def test_list_of_str_result_leaves_as_a_list_of_str():
    def f(s: str):
        return s.split()
    for s in ["a b", "", " \u3000x\ud800 y\U0001F600 "]:
        check(f, s)


def test_declared_str_result_and_tuple_of_strs():
    def f(s: str, n: int) -> str:
        return s * n if n > 0 else "none"

    def g(s: str) -> tuple[str, int, str]:
        return s.upper(), len(s), s[:1]
    for args in [("ab", 2), ("é", 0), ("", 3)]:
        check(f, *args)
    for s in ["", "abc", "x y"]:
        check(g, s)


def test_many_calls_keep_memory_flat():
    cf = py2wasm.compile(F.word_histogram)
    text = "the cat é \U0001F600 the " * 200
    want = F.word_histogram(text)
    assert cf(text) == want
    spec = cf.specializations[next(iter(cf.specializations))]
    mem, store = spec.instance._exports["memory"], spec.instance.store
    before = mem.data_len(store)
    for _ in range(10_000):
        assert cf(text) == want
    assert mem.data_len(store) == before


INT_BASE_CASES = [("0x_1f", 0), ("0x1f", 16), ("0X1F", 0), ("010", 0), ("00", 0), ("0", 0),
                  ("0b101", 2), ("0o17", 8), ("z", 36), ("Z", 36), ("1_0", 0), ("0_0", 0),
                  ("0x", 16), ("_1", 16), ("1a", 10), ("0b2", 0), ("  -0xF  ", 0), ("0xg", 16),
                  ("0b1", 16), ("1", 1), ("1", 37), ("1", -1), ("7fffffffffffffff", 16),
                  ("-8000000000000000", 16), ("0_1", 0), ("0x1__f", 16), ("1_", 10), ("", 0),
                  ("-", 8), ("0o", 0), ("0B1_0", 0), ("é", 16)]


@pytest.mark.parametrize("s,base", INT_BASE_CASES)
def test_int_with_a_base_cases(s, base):
    check(F.to_int_base, s, base)


def _in_base(n: int, base: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    m, out = abs(n), ""
    while True:
        m, r = divmod(m, base)
        out = digits[r] + out
        if not m:
            break
    return ("-" if n < 0 else "") + out


@HYP
@given(st.integers(-2**63, 2**63 - 1), st.integers(2, 36), st.booleans())
def test_int_with_a_base(n, base, upper):
    text = _in_base(n, base)
    check(F.to_int_base, text.upper() if upper else text, base)
    prefix = {16: "0x", 8: "0o", 2: "0b"}.get(base)
    if prefix:
        signed = ("-" if n < 0 else "") + prefix + text.lstrip("-")
        check(F.to_int_base, signed, 0)
        check(F.to_int_base, signed, base)


@HYP
@given(SHORT, SHORT)
def test_tuples_holding_strs_compare_as_cpython(s, t):
    check(F.tuple_compare, s, t)
    check(F.tuple_compare, s, s)
    check(F.named_tuples, s, t)
    check(F.named_tuples, "a", "a")


def test_tuple_keys_holding_strs_are_found_by_text():
    # frontend/str_tuple_keys.py (tests/frontend/test_str_tuple_keys.py)
    def f(s: str) -> int:
        d = {(s, 1): 2}
        return d[("a", 1)]
    cf = py2wasm.compile(f)
    assert cf("a") == 2
    with pytest.raises(KeyError) as e:
        cf("b")
    assert e.value.args == (("a", 1),)


@HYP
@given(SHORT, SHORT)
def test_min_max_of_several_strs(s, t):
    check(F.min_max_of_strs, s, t)


# an f-string value (str(n), repr(x), format(), f"...") used as a string: was
# compared as an object (`str(n) == "2"` False: a wrong answer) and refused
# for `*`, indexing, slicing, len, int(), iteration (P2W003)
@pytest.mark.parametrize("s,n,x", [("a,b", 2, 2.5), ("", -1, -0.0), ("zz", 17, 1e300),
                                   ("'", 0, float("nan"))])
def test_formatted_values_are_strings(s, n, x):
    check(F.formatted_as_text, s, n, x)


def _grown_in_loop(n: int, x: float) -> str:
    s = "abc"
    k = 0
    while k < 30 and x < 5.0:  # a run-time exit: the loop is not unrolled away
        k += 1
        s += "3.5".lstrip()
        if len(s) > n:
            break
    return s


# a known str changing on every pass of a loop becomes a run-time str (was
# P2W004 "the type of s keeps changing around this point")
@pytest.mark.parametrize("n,x", [(100, 2.0), (10, 2.0), (100, 9.0)])
def test_known_str_changing_around_a_loop(n, x):
    check(_grown_in_loop, n, x)
