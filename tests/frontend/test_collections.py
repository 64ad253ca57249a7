"""collections.deque/Counter/defaultdict, heapq and bisect
(frontend/collections_*.py, stdlib_heapq.py): compiled vs CPython with
hypothesis over operation sequences (one compiled interpreter per module,
checked on many sequences: results, iteration order, exceptions and their
messages), a few kernels (BFS with a deque, Dijkstra with heapq, top-k
with Counter.most_common, grouping with defaultdict(list)), Counter and
defaultdict results crossing back as their classes, and the located
CompileErrors for what is refused."""
from __future__ import annotations

import pytest
from hypothesis import Phase, given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend import collection_functions as C
from tests.frontend.test_npscalars import outcome

_compiled: dict = {}
_PHASES = [Phase.explicit, Phase.reuse, Phase.generate]  # no shrinking: each example is fast,
# but a failing one is printed as it was drawn


def _cf(fn):
    if fn not in _compiled:
        _compiled[fn] = py2wasm.compile(fn, target="simd")
    return _compiled[fn]


def _check(fn, *args):
    want = outcome(fn, *args)
    got = outcome(_cf(fn), *args)
    assert repr(got) == repr(want) and type(got[1]) is type(want[1]), (fn.__name__, args, got,
                                                                       want)


_vals = st.lists(st.sampled_from([0.0, -0.0, 1.0, 2.5, -3.0, 1e300, 7.0]), min_size=1,
                 max_size=4)


@settings(max_examples=60, deadline=None, derandomize=True, phases=_PHASES)
@given(st.lists(st.integers(0, 12 * 7 - 1), max_size=30), _vals, st.integers(0, 4))
def test_deque_sequences(ops, vals, m):
    _check(C.deque_program, ops, vals, m)


@settings(max_examples=60, deadline=None, derandomize=True, phases=_PHASES)
@given(st.lists(st.integers(0, 5), max_size=30), _vals)
def test_heap_sequences(ops, vals):
    _check(C.heap_program, ops, vals)


@settings(max_examples=40, deadline=None, derandomize=True, phases=_PHASES)
@given(st.lists(st.sampled_from([0.0, 1.0, 1.0, 2.5, -1.0, -0.0]), min_size=1, max_size=8),
       st.lists(st.sampled_from([0.0, 1.0, -0.0, 3.0, -2.0]), max_size=4), st.integers(-1, 9))
def test_bisect_sequences(xs, probes, lo):
    _check(C.bisect_program, xs, probes, lo)


@settings(max_examples=60, deadline=None, derandomize=True, phases=_PHASES)
@given(st.lists(st.integers(-3, 6), min_size=1, max_size=20),
       st.lists(st.integers(-3, 6), min_size=1, max_size=12),
       st.integers(-1, 5))
def test_counter_sequences(xs, ys, n):
    _check(C.counter_program, xs, ys, n)


@settings(max_examples=40, deadline=None, derandomize=True, phases=_PHASES)
@given(st.lists(st.integers(-20, 20), max_size=25), _vals)
def test_grouping_sequences(xs, vals):
    _check(C.grouping_program, xs, vals)


KERNELS = [
    (C.bfs_levels, [(1, 2), (7, 2), (30, 3), (64, 5)]),
    (C.dijkstra, [(1, 0), (6, 1), (15, 2)]),
    (C.word_counts, [("a b a c b a", 2), ("", 3), ("x y z y", 1), ("p q p q r", 0)]),
    (C.sliding_max, [(10, 3), (25, 4), (2, 5)]),
    (C.mutate_while_iterating, [(0,), (2,)]),
    (C.lambda_default, [(0,), (7,)]),
    (C.elements_loop, [(0,), (8,)]),
    (C.counter_of_literal, [(0,), (100,)]),
]


@pytest.mark.parametrize("fn, arg_sets", KERNELS, ids=[k[0].__name__ for k in KERNELS])
def test_kernels(fn, arg_sets):
    for args in arg_sets:
        _check(fn, *args)


@pytest.mark.parametrize("fn", [C.counter_result, C.defaultdict_result])
def test_results_keep_their_class(fn):
    cf = _cf(fn)
    for n in (0, 9):
        want, got = fn(n), cf(n)
        assert type(got) is type(want) and got == want and list(got.items()) == list(
            want.items()) and getattr(got, "default_factory", None) is getattr(
                want, "default_factory", None)


@pytest.mark.parametrize("fn, arg, words", [
    (C.returns_deque, 1, "collections.deque, which cannot leave compiled code"),
    (C.deque_plus_list, 1, "operator + on a deque"),
    (C.bisect_key, 1.0, "with key= is not supported"),
    (C.returns_elements, 1, "returning an iterator"),
])
def test_refused(fn, arg, words):
    with pytest.raises(CompileError) as e:
        py2wasm.compile(fn)(arg)
    assert words in str(e.value) and "collection_functions.py:" in str(e.value)
