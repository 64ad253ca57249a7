"""Lists, dicts and sets of str as arguments and results of
py2wasm.compile'd functions (frontend/signature.py, containers_abi.py,
lists_records.py; runner/lists.py, containers.py, strs.py): compiled vs
CPython on the result, the exception and the caller's containers afterwards
(in-place changes visible, also when the call raises), with hypothesis over
text with non-ASCII, astral and lone-surrogate characters.

Sets of str are compared as sets: CPython's iteration order of a str set
follows its randomized str hash (PYTHONHASHSEED), so no order is promised."""
from __future__ import annotations

import copy
import math

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from py2wasm.frontend import trace
from tests.frontend.test_container_args import outcome  # (result or error, args after)

ALPHABET = ("ab,;. \t\xa0é\u00df\u0130\u2028日\ud800\udfff\U0001F600\U00010400")
TEXT = st.text(alphabet=ALPHABET, max_size=6)
WORDS = st.lists(TEXT, max_size=8)


def word_counts(words):
    d = {}
    for w in words:
        d[w] = d.get(w, 0) + 1
    return d


def count_into(d, words):
    for w in words:
        d[w] = d.get(w, 0) + 1
    if "" in d:
        del d[""]
    return len(d)


def tag_all(xs):
    for i in range(len(xs)):
        xs[i] = xs[i] + "!"
    xs.append(str(len(xs)))
    return xs


def push_then_raise(xs, x):
    xs.append(x)
    xs.insert(0, x + x)
    if len(x) > 2:
        raise ValueError(f"too long: {x}")
    return xs.pop()


def split_fields(s):
    return s.split(",")


def sort_and_join(xs):
    xs.sort()
    return ",".join(xs)


def longest(xs):
    best = ""
    for x in xs:
        if len(x) > len(best):
            best = x
    return best


def inverted(d):
    return {v: k for k, v in d.items()}


def first_fields(d):
    out = {}
    for k, (name, v) in d.items():
        out[k] = name + str(k)
        d[k] = (name, v * 2)
    return out


def rename_keys(d, suffix):
    keys = list(d)
    for k in keys:
        d[k + suffix] = d.pop(k)
    return keys


def seen_words(s, words):
    fresh = 0
    for w in words:
        if w not in s:
            fresh += 1
            s.add(w)
    s.discard("a")
    if fresh > 3:
        raise KeyError(f"{fresh} fresh")
    return fresh


def word_set(words):
    return set(words)


def records_total(recs, prefix):
    t = 0.0
    for name, v in recs:
        if name.startswith(prefix):
            t += v
    recs.append((prefix, t))
    recs.sort()
    return t


def named(d):
    out = []
    for k, v in d.items():
        out.append((v, k * 1.5))
    return out


def rows_lengths(rows):
    rows.append(["x"])
    return [len(r) for r in rows]


def same(a, b):
    """Equal, with the same types and the same order (lists, tuples, dict
    insertion order; sets as sets)."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) ==
                                                      math.copysign(1, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return same(list(a.items()), list(b.items()))
    return a == b


_compiled: dict = {}


def check(fn, *args):
    cf = _compiled.get(fn)
    if cf is None:
        cf = _compiled[fn] = py2wasm.compile(fn)
    want = outcome(fn, copy.deepcopy(list(args)))
    got = outcome(cf, copy.deepcopy(list(args)))
    assert same(got, want), (fn.__name__, args, got, want)


CASES = [
    (word_counts, (["a", "b", "a", "é", "\U0001F600"],)), (word_counts, ([],)),
    (count_into, ({"a": 2}, ["a", "", "b"])), (count_into, ({}, [])),
    (tag_all, (["x", "\ud800", ""],)), (tag_all, ([],)),
    (push_then_raise, (["q"], "ab")), (push_then_raise, (["q"], "abc")),
    (split_fields, ("a,b,,\U0001F600",)), (split_fields, ("",)),
    (sort_and_join, (["b", "a", "\U0001F600", "\uffff", "é"],)),
    (longest, (["a", "abc", "ab"],)), (longest, ([],)),
    (inverted, ({1: "one", 2: "two", 3: "one"},)), (inverted, ({"x": 1.5, "y": -0.0},)),
    (inverted, ({"k": "v", "v": "k"},)), (first_fields, ({1: ("b", 2.0), 5: ("", -1.0)},)),
    (rename_keys, ({"a": 1, "b": 2}, "_")), (rename_keys, ({}, "_")),
    (seen_words, ({"a", "b"}, ["c", "a", "d"])), (seen_words, (set(), list("wxyzv"))),
    (word_set, (["a", "b", "a"],)),
    (records_total, ([("ab", 1.0), ("b", 2.0), ("a", 0.5)], "a")), (records_total, ([], "z")),
    (named, ({1: "one", 2: "two"},)),
    (rows_lengths, ([["a", "b"], [], ["c"]],)),
]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_str_containers_match_cpython(fn, args):
    check(fn, *args)


@settings(max_examples=60, deadline=None)
@given(WORDS)
def test_hypothesis_list_of_str(words):
    check(tag_all, words)
    check(sort_and_join, words)
    check(word_counts, words)
    check(word_set, words)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(TEXT, st.integers(-5, 5), max_size=6), WORDS, TEXT)
def test_hypothesis_dict_and_set_of_str(d, words, x):
    check(count_into, d, words)
    check(rename_keys, d, x or "_")
    check(inverted, d)
    check(seen_words, set(d), words)
    check(push_then_raise, words, x)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(TEXT, st.floats(-4, 4, allow_nan=False)), max_size=6), TEXT)
def test_hypothesis_records_with_str(recs, prefix):
    check(records_total, recs, prefix)


def test_unchanged_strs_are_the_callers_objects():
    a, b = "first" * 3, "second" * 3
    xs = [a, b]
    assert py2wasm.compile(sort_and_join)(xs) == ",".join(sorted([a, b]))
    assert xs[0] is a and xs[1] is b
    d = {a: 1}
    py2wasm.compile(count_into)(d, [b])
    assert next(iter(d)) is a


def test_returning_the_argument_gives_the_callers_list_back():
    xs = ["a"]
    assert py2wasm.compile(tag_all)(xs) is xs and xs == ["a!", "1"]


def test_annotations_give_str_container_signatures():
    def f(xs: list[str], d: dict[str, int], s: set[str],
          r: list[tuple[str, float]]) -> dict[int, str]:
        return {len(x): x for x in xs}
    assert str(trace(f).functions["f"].sig) == (
        "(xs: list[str], d: dict[str, int], s: set[str], r: list[tuple[str, float]])"
        " -> dict[int, str]")


def test_mixed_str_contents_are_a_located_error():
    for bad in (["a", 1], {"a": 1, 2: 1}, {"a", 2.5}):
        with pytest.raises(CompileError) as e:
            py2wasm.compile(word_counts)(bad)
        assert "mixing" in str(e.value) and e.value.code == "P2W010" and e.value.line


def tally_pairs(d, t, words):
    for i, w in enumerate(words):
        d[(w, i % 2)] = d.get((w, i % 2), 0) + 1
        t.add((i % 2, w))
    t.discard((0, "a"))
    return len(d), len(t)


def test_tuple_keys_holding_strs_cross_and_are_updated():
    # hashed and compared by text inside (frontend/str_tuple_keys.py)
    check(inverted, {(1, "a"): 2, (2, "b"): 3})
    check(tally_pairs, {("a", 0): 5, ("é", 1): 1}, {(1, "b")}, ["a", "b", "a", "é"])
    check(tally_pairs, {}, set(), ["a"])
