"""Traced IR run by a small test evaluator (tests/frontend/_mini_interp.py)
and compared with CPython: control flow, joins, loops and calls."""
import pytest

import samples
from _mini_interp import Raised, call
from py2wasm.frontend import trace, types_of_values


def outcome(fn, args):
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


def compiled_outcome(fn, args):
    m = trace(fn, types_of_values(args))
    try:
        return ("ok", call(m, fn.__name__, args))
    except Raised as r:
        return (r.exc, r.msg)


CASES = [
    (samples.range_sum, [(0,), (1,), (10,), (-3,)]),
    (samples.fib, [(0,), (1,), (10,)]),
    (samples.rng, [(0, 10, 3), (10, 0, -3), (-5, 5, 1), (3, 3, 2), (0, 5, -1)]),
    (samples.loops, [(0, 0.5), (5, 0.25), (9, 2.0), (12, 1e5)]),
    (samples.tuples_iter, [(1.5, -2.0), (0.0, 3.0)]),
    (samples.calls_helper, [(1.5,), (-2.0,)]),
    (samples.is_odd, [(0,), (7,), (10,)]),
    (samples.even_u, [(0,), (7,), (10,)]),
    (samples.uses_down_range, [(0,), (1,), (6,)]),
    (samples.swap, [(3, 10)]),
    (samples.asserts, [(1.0,), (-1.0,), (11.0,)]),
    (samples.pairs, [((2, 1.5), (0.5, (3, True)))]),
    (samples.and_or, [(0.0, 1.0), (1.0, 0.0), (2.0, 3.0)]),
    (samples.known_if, [(2.0,)]),
    (samples.apply_params, [(2.0,)]),
    (samples.unbound, [(1.0,)]),
    (samples.reversed_loops, [(1.0, 2.0)]),
    (samples.truthiness, [(0.0, (1.0, 2.0)), (3.0, (0.0, 0.0))]),
    (samples.dyn_index, [(0, 4.0), (1, 4.0), (2, 4.0), (-1, 4.0), (-3, 4.0), (3, 4.0), (-4, 4.0)]),
]


@pytest.mark.parametrize("fn,inputs", CASES, ids=[c[0].__name__ for c in CASES])
def test_matches_cpython(fn, inputs):
    for args in inputs:
        assert compiled_outcome(fn, args) == outcome(fn, args), (fn.__name__, args)


def test_zero_step_raises_like_cpython():
    assert compiled_outcome(samples.rng, (0, 10, 0)) == outcome(samples.rng, (0, 10, 0))
    assert compiled_outcome(samples.zero_step, (5,)) == outcome(samples.zero_step, (5,))


def test_unbound_local_message():
    got = compiled_outcome(samples.unbound, (-1.0,))
    assert got[0] == "UnboundLocalError" == outcome(samples.unbound, (-1.0,))[0]
