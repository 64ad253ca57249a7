"""Dicts and sets as arguments and results of py2wasm.compile'd functions
(frontend/containers_abi.py, runner/containers.py): compiled vs CPython on
the result, the exception and the caller's dict/set afterwards (mutations
visible, also when the call raises; dict insertion order and set iteration
order compared item for item), with hypothesis over the contents."""
from __future__ import annotations

import copy
import math

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from py2wasm.frontend import trace


def histogram_into(counts, xs):
    for x in xs:
        counts[x] = counts.get(x, 0) + 1
    return len(counts)


def bump_and_delete(d, k):
    d[k] = d.get(k, 0.0) + 1.5
    if k in d and k % 3 == 0:
        del d[k]
    d[100] = -0.0
    return d


def pop_or_raise(d, k):
    v = d.pop(k)
    d[k * 2] = v
    return v


def raise_after_mutation(d, n: int):
    d[n] = n * 0.5
    d.pop(0, None)
    if n > 2:
        raise ValueError(f"n too large: {n}")
    return sum(d.values())


def inverted(d):
    return {v: k for k, v in d.items()}


def tuple_keys(d):
    tot = 0
    for (a, b), v in d.items():
        tot += a * v - b
    d[(tot, -tot)] = tot
    return tot


def key_order(d):
    keys = list(d)
    d.clear()
    for k in reversed(keys):
        d[k] = len(d)
    return keys


def set_ops(s, t):
    s.add(len(t))
    s.discard(2)
    u = s | t
    s -= {1}
    return u, s & t, s ^ t


def set_pop_all(s):
    out = []
    while s:
        out.append(s.pop())
    s.add(7)
    return out


def set_raise(s, x: int):
    s.add(x)
    s.remove(x + 1)
    return len(s)


def doubled(s):
    return {x * 2 for x in s}


def same_set(s):
    s.add(-1)
    return s


def float_set(s, x: float):
    s.add(x)
    return sorted(s)


def dedup(xs):
    seen = set()
    for x in xs:
        seen.add(x)
    return seen


def grouped(xs):
    groups = {}
    for x in xs:
        groups[x % 3] = groups.get(x % 3, 0.0) + x
    return groups


def fill_empty(d, n: int):
    for k in range(n):
        d[k] = k * k
    return len(d)


def two_names(a, b):
    a[1] = 2.0
    return len(b)


def outcome(fn, args):
    try:
        r = fn(*args)
    except Exception as e:  # noqa: BLE001
        r = (type(e).__name__, str(e))
    return r, args


def same(a, b):
    """Equal, with the same types, the same order (dicts by insertion, sets by
    iteration) and the same float signs."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) ==
                                                      math.copysign(1, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return same(list(a.items()), list(b.items()))
    if isinstance(a, set):
        return same(list(a), list(b))
    if type(a).__name__ == "ndarray":  # lists of arrays (test_programs.py)
        import numpy as np
        return a.dtype == b.dtype and a.shape == b.shape and bool(
            np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    return a == b


def check(fn, *args, cf=None):
    want = outcome(fn, copy.deepcopy(list(args)))
    got = outcome(cf or py2wasm.compile(fn), copy.deepcopy(list(args)))
    assert same(got, want), (fn.__name__, args, got, want)


CASES = [
    (histogram_into, ({}, [3, 1, 3, 2])), (histogram_into, ({5: 2}, [5, 5, 1])),
    (histogram_into, ({1.5: 1}, [2.5, 1.5])), (histogram_into, ({True: 1}, [False, True])),
    (bump_and_delete, ({1: 1.0, 2: 2.0, 3: 3.0}, 3)), (bump_and_delete, ({}, 4)),
    (bump_and_delete, ({7: 0.5}, 7)),
    (pop_or_raise, ({1: 2.0, 3: 4.0}, 3)), (pop_or_raise, ({1: 2.0}, 5)),
    (raise_after_mutation, ({0: 1.0, 1: 2.0}, 2)), (raise_after_mutation, ({0: 1.0}, 5)),
    (inverted, ({1: 10, 2: 20, 3: 10},)), (inverted, ({},)),
    (tuple_keys, ({(1, 2): 3, (3, 4): 5},)),
    (key_order, ({5: 0, -1: 1, 3: 2},)), (key_order, ({2.5: 7, -1.0: 3},)),
    (set_ops, ({1, 2, 3}, {3, 4})), (set_ops, (set(), {9})),
    (set_pop_all, ({5, 1, 9, 17, 33},)), (set_pop_all, (set(),)),
    (set_raise, ({1, 2}, 1)), (set_raise, ({1, 2}, 5)),
    (doubled, ({1, 2, 3},)), (doubled, ({1.5, -0.0},)), (doubled, ({(1, 2), (3, 4)} and {7, 14},)),
    (same_set, ({3, 8},)),
    (float_set, ({0.5, 2.5}, -1.0)), (float_set, ({0.5}, 0.5)),
    (dedup, ([3, 1, 3, 2, 1],)), (grouped, ([4, 5, 6, 7],)),
    (fill_empty, ({}, 3)), (fill_empty, ({}, 0)), (fill_empty, ({9: 9}, 2)),
]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_dict_and_set_arguments_and_results_match_cpython(fn, args):
    check(fn, *args)


def test_returning_the_argument_gives_the_callers_object_back():
    d = {1: 1.0}
    assert py2wasm.compile(bump_and_delete)(d, 2) is d
    s = {1}
    assert py2wasm.compile(same_set)(s) is s and s == {1, -1}


def test_one_dict_passed_twice_is_one_dict():
    d = {0: 0.0}
    assert py2wasm.compile(two_names)(d, d) == 2 and d == {0: 0.0, 1: 2.0}
    e = {0: 0.0}
    assert py2wasm.compile(two_names)(e, {5: 1.0}) == 1 and e == {0: 0.0, 1: 2.0}


def test_one_version_per_key_and_value_types():
    cf = py2wasm.compile(inverted)
    assert cf({1: 2}) == {2: 1}
    assert cf({1: 2.5}) == {2.5: 1}
    assert cf({(1, 2): True}) == {True: (1, 2)}
    assert len(cf.specializations) == 3


def test_annotations_give_dict_and_set_signatures():
    def f(d: dict[int, float], s: set[tuple[int, int]]) -> dict[int, bool]:
        return {k: (k, k) in s for k in d}
    assert str(trace(f).functions["f"].sig) == \
        "(d: dict[int, float], s: set[tuple[int, int]]) -> dict[int, bool]"

    def g(edges: list[tuple[float, int]]) -> int:
        return len(edges)
    assert "edges: list[" in str(trace(g).functions["g"].sig)


@pytest.mark.parametrize("bad, words", [
    ({1: 1, 2.5: 2}, "mixing keys"),
    ({1: [1.0]}, "cannot enter compiled code yet"),
    ({1, "a"}, "mixing elements"),
])
def test_unsupported_contents_are_a_located_error(bad, words):
    with pytest.raises(CompileError) as e:
        py2wasm.compile(inverted)(bad)
    assert words in str(e.value) and e.value.line is not None and e.value.code == "P2W010"


def test_defaultdict_results():
    """defaultdict(int) comes back as one (collections_defaultdict.py); a
    defaultdict of lists is refused with a hint."""
    import collections

    def f(xs):
        d = collections.defaultdict(int)
        for x in xs:
            d[x] += 1
        return d

    def g(xs):
        d = collections.defaultdict(list)
        for x in xs:
            d[x].append(x)
        return d
    got = py2wasm.compile(f)([1, 2, 1])
    assert type(got) is collections.defaultdict and got.default_factory is int and list(
        got.items()) == [(1, 2), (2, 1)]
    with pytest.raises(CompileError) as e:
        py2wasm.compile(g)([1, 2])
    assert "defaultdict(list)" in str(e.value) and "dict(d)" in (e.value.hint or "")


def test_ints_beyond_64_bits_overflow():
    with pytest.raises(OverflowError, match="64-bit"):
        py2wasm.compile(inverted)({1: 2**70})


KEYS = st.integers(-40, 40)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(KEYS, st.floats(allow_nan=False, width=64), max_size=20),
       st.lists(KEYS, min_size=1, max_size=30))
def test_hypothesis_dict_updates(d, ks):
    def f(d, ks):
        for k in ks:
            if k in d and k % 2:
                del d[k]
            else:
                d[k] = d.get(k, 0.0) * 0.5 + k
        return list(d.items())
    check(f, d, ks, cf=_compiled(f))


def set_updates(s, ks):
    for k in ks:
        if k in s:
            s.discard(k)
        else:
            s.add(k * 3)
    return list(s)


@settings(max_examples=60, deadline=None)
@given(st.sets(KEYS, max_size=25), st.lists(KEYS, min_size=1, max_size=30))
def test_hypothesis_set_updates(s, ks):
    """The order inside the function is CPython's for a set that starts as
    set(list(s)) (the documented entry: the caller's elements added in its
    iteration order); the caller's set afterwards has the same elements, in
    CPython's order for adding them in the compiled set's order (left as it
    was, its own order kept, when the elements did not change)."""
    before = list(s)
    s0 = set(before)  # what the compiled function starts from
    want = set_updates(s0, list(ks))
    s1 = s
    got = _compiled(set_updates)(s1, list(ks))
    after = before if set(got) == set(before) else list(set(got))
    assert same(got, want) and s1 == s0 and same(list(s1), after), (s, ks, got, want)


_CACHE: dict = {}


def _compiled(fn):
    key = fn.__code__.co_code, fn.__code__.co_consts
    if key not in _CACHE:
        _CACHE[key] = py2wasm.compile(fn)
    return _CACHE[key]
