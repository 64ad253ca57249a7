"""Tuple dict keys and set elements holding strs (frontend/str_tuple_keys.py,
dicts.py, sets.py): compiled vs CPython; equal texts at different addresses
are one key; a dict iterates in insertion order (CPython's); sets are
compared in sorted order (CPython's str hash is randomized per process)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from tests.frontend import str_tuple_key_functions as K
from tests.frontend.test_npscalars import outcome

_C: dict = {}


def check(fn, *args):
    if fn not in _C:
        _C[fn] = py2wasm.compile(fn)
    want = outcome(fn, *args)
    got = outcome(_C[fn], *args)
    assert repr(got) == repr(want), (fn.__name__, args, got, want)


@pytest.mark.parametrize("fn, arg", [
    (K.count_pairs, "a,b,a,a,b,c,a"), (K.count_pairs, "a"), (K.count_pairs, ""),
    (K.group_by_name, "pear fig pear x"), (K.group_by_name, ""),
    (K.lookup_missing, "ab"), (K.lookup_missing, "it's"),
    (K.nested_key, "a,b,a,ab,b"), (K.nested_key, "a"),
    (K.set_of_pairs, "a,b,a,a,b,c,a,bb"), (K.set_of_pairs, ""),
    (K.set_literal, "a"), (K.set_literal, "zz"),
    (K.set_remove_missing, "q"),
    (K.set_algebra, "a,b,c,a"), (K.set_algebra, "x"),
    (K.dict_methods, "a,bb,a,c"), (K.dict_methods, "q"),
])
def test_str_tuple_keys_match_cpython(fn, arg):
    check(fn, arg)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "ab", "", "é", "a b"]), max_size=12))
def test_hypothesis_counting_pairs(words):
    s = ",".join(words)
    check(K.count_pairs, s)
    check(K.set_of_pairs, s)
