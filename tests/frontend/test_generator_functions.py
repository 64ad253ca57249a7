"""Generator functions and generator expressions iterated step by step
(frontend/generators.py, the state machine): for loops (breaking out of
infinite generators), next() with and without defaults, StopIteration,
consumers, two generators interleaved, exceptions from inside; compiled vs
CPython on every target."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm
from tests.frontend import gen_function_cases as G
from tests.frontend.test_npscalars import outcome

CASES = [
    (G.loops, [(0,), (3,), (10,), (1000,)]),
    (G.products, [(np.array([1.0, 2.0, 3.5, -1.0]),), (np.array([2.0, -0.0]),)]),
    (G.nexts, [(0,), (3,), (11,)]),
    (G.stop_iteration, [(1,), (5,)]),
    (G.consumers, [(0,), (1,), (7,)]),
    (G.phases, [(0,), (1,), (6,)]),
    (G.generator_raises, [(2,), (3,), (10,)]),
    (G.genexpr_loops, [(0.5, 0), (1.5, 5), (2.0, 11)]),
    (G.interleaved, [(0,), (5,), (40,)]),
    (G.nested_generators, [(0,), (6,)]),
    (G.pipelines, [(0,), (1,), (5,), (12,)]),
]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn, arg_sets", CASES, ids=[c[0].__name__ for c in CASES])
def test_against_cpython(fn, arg_sets, target):
    cf = py2wasm.compile(fn, target=target)
    for args in arg_sets:
        assert repr(outcome(cf, *args)) == repr(outcome(fn, *args)), (fn.__name__, args)


def test_exporting_a_generator_is_still_refused():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(G.squares)(3)
    assert e.value.code == "P2W007"
