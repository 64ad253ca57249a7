"""`list.sort(key=, reverse=)` and `sorted()` (frontend/lists_sort.py,
frontend/listsort.py, frontend/key_functions.py): compiled vs CPython, the
order of every item compared by repr (NaNs where CPython's Timsort leaves
them), fixed functions and hypothesis; listsort.py run as plain Python
against the running interpreter's own sort."""
from __future__ import annotations

import math
import random
import sys

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm.frontend import listsort
from tests.frontend import sort_functions as S
from tests.frontend.test_npscalars import outcome

NAN = math.nan
V313 = sys.version_info >= (3, 13)
_C: dict = {}


def _compiled(fn):
    if fn not in _C:
        _C[fn] = py2wasm.compile(fn)
    return _C[fn]


def _fresh(args):
    return [a.copy() if hasattr(a, "copy") else a for a in args]


def check(fn, *args):
    want = outcome(fn, *_fresh(args))
    got = outcome(_compiled(fn), *_fresh(args))
    assert repr(got) == repr(want), (fn.__name__, args, got, want)


FLOATS = [3.0, NAN, 1.0, 2.0, NAN, 0.5, -1.0, NAN, 7.0, -0.0, 0.0, 2.0]


@pytest.mark.parametrize("fn, args", [
    (S.sort_floats, (FLOATS,)), (S.sort_floats, ([],)), (S.sort_floats, ([NAN],)),
    (S.sorted_floats_reverse, (FLOATS,)),
    (S.perm_by_float, (FLOATS,)), (S.perm_by_float_reverse, (FLOATS,)),
    (S.by_mod, ([5, 3, 1, 4, 2, 9, 0, 3],)), (S.by_tuple, ([5, 3, 1, 4, 2, 9, 8],)),
    (S.by_abs, ([3, -3, 1, -1, 0],)), (S.by_bool, ([1, 3, 2, 5, 0],)), (S.bools, ([1, 3, 2, 5],)),
    (S.records_by_field, (7,)), (S.records_by_field, (0,)),
    (S.strs_by_len, (["pear", "fig", "apple", "kiwi", "banana", "date", "plum"],)),
    (S.strs_by_len, (["pear"],)), (S.strs_by_len, ([],)),
    (S.tolist_by_key, (np.array([3.0, 0.5, 1.5, 2.0, np.nan]),)),
    (S.dict_items_by_value, (9,)), (S.dict_items_by_value, (0,)),
    (S.generator_by_key, (9,)), (S.generator_by_key, (0,)),
    (S.key_raises, ([3, 2, 0, 1],)), (S.key_raises, ([3, 2],)),
    (S.key_returns_nan, ([0.5, 2.0, 3.0, 0.25, 1.0],)),
    (S.key_calls_counted, ([3, 1, 2, 1],)),
    (S.complex_keys, ([1.0, 2.0],)), (S.complex_keys, ([1.0],)), (S.complex_keys, ([],)),
    (S.nan_in_tuple_key, ([1.0, 2.0],)), (S.reverse_int, ([1, 3, 2],)),
    (S.bad_keyword, ([1, 2],)), (S.arrays_by_sum, (4,)),
    (S.by_str_method, (["Pear", "fig", "Apple", "kiwi", "apple", "FIG"],)), (S.by_itemgetter, (9,)),
    (S.numpy_scalars, (np.array([3.0, np.nan, 1.0, 2.0, np.nan, -1.0]),)),
    (S.numpy_scalars, (np.array([3, 1, 2], dtype=np.int32),)),
    (S.rows_by_key, (7,)),
])
def test_sort_matches_cpython(fn, args):
    check(fn, *args)


def test_a_nan_in_a_tuple_key_is_a_documented_error():
    # CPython's tuple comparison then depends on the NaN objects' identity
    with pytest.raises(ValueError, match="NaN is not supported"):
        _compiled(S.nan_in_tuple_key)([1.0, NAN])


_FLOAT = st.one_of(st.just(NAN), st.sampled_from([0.0, -0.0, 1.0, 2.0, math.inf]),
                   st.floats(allow_nan=False, width=16))


@settings(max_examples=60, deadline=None)
@given(st.lists(_FLOAT, max_size=80))
def test_hypothesis_float_sorts(xs):
    for fn in (S.sort_floats, S.sorted_floats_reverse, S.perm_by_float, S.perm_by_float_reverse):
        check(fn, xs)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=120))
def test_hypothesis_keys_and_stability(xs):
    for fn in (S.by_mod, S.by_tuple, S.by_abs, S.by_bool):
        check(fn, xs)


def _runs(rng, n):
    """Float lists with runs (ascending, descending, equal), NaNs and ties:
    long enough for minrun, merging and galloping."""
    xs: list = []
    while len(xs) < n:
        r = sorted(rng.randrange(40) * 0.5 for _ in range(rng.randrange(1, 150)))
        if rng.random() < 0.5:
            r.reverse()
        xs += [NAN if rng.random() < 0.03 else v for v in r]
    return xs[:n]


@pytest.mark.parametrize("seed", range(4))
def test_long_lists_with_runs_and_nans(seed):
    rng = random.Random(seed)
    for n in (64, 65, 300, 2000):
        xs = _runs(rng, n)
        check(S.perm_by_float, xs)
        check(S.sort_floats, xs)


def test_listsort_is_the_running_interpreters_sort():
    """listsort.py as plain Python: the permutation CPython's sorted() makes,
    for inputs whose order is not total (NaNs) and long runs."""
    rng = random.Random(5)
    for t in range(300):
        n = rng.choice([0, 1, 2, 5, 33, 64, 65, 200, 1500])
        xs = _runs(rng, n) if t % 2 else [rng.choice([NAN, 1.0, 2.0, 0.5]) for _ in range(n)]
        rev = t % 3 == 0
        keys, perm = list(xs), list(range(n))
        listsort.sort_list(keys, perm, True, rev, V313)
        assert perm == sorted(range(n), key=xs.__getitem__, reverse=rev)


def _many_sites(xs: list[int], ys: list[float]) -> float:
    a = sorted(xs)
    b = sorted(xs, reverse=True)
    c = sorted(list(xs))
    xs.sort()
    d = sorted(ys)
    e = sorted(ys)
    return a[0] + b[0] + c[-1] + xs[0] + d[0] + e[-1]


def test_one_traced_sort_per_type_serves_every_call_site():
    """CPython's sort raises nothing at run time for keys of one orderable
    type, so its traced functions are shared by every call site with the same
    types and flags (`call_python(shared=True)`): 4 sites sorting int lists
    ascending give one `sort_list`, not four (compile time)."""
    from py2wasm.frontend import trace
    m = trace(_many_sites)
    tops = [n for n in m.functions if n.startswith("sort_list")]
    assert len(tops) == 3, tops  # int ascending, int reverse, float ascending
    for args in (([3, -1, 2], [1.5, -0.0, 0.0]), ([5], [2.0]), ([2, 2, -7, 0], [NAN, 1.0])):
        check(_many_sites, *args)
    check(_many_sites, [], [1.0])  # IndexError from a[0], named at the user's line
