"""Tuples sliced while tracing (frontend/opcodes.py BINARY_SUBSCR): known
bounds give the tuple CPython gives; run-time bounds are a located
CompileError (was a TypeError from the tracer at run time)."""
from __future__ import annotations

import pytest

import py2wasm
from tests.frontend.test_lists_ofarrays import check


def known_bounds(x: float) -> float:
    t = (x, 2.0 * x, 3.0, 4.0)
    a, b = t[1:3]
    c, d = t[::-2]
    return a + b + c * d


def runtime_bound(n: int) -> int:
    t = (5, 6, 7)
    return sum(t[:n])


def test_known_bounds_as_cpython():
    check(known_bounds, 1.5)


def test_run_time_bounds_are_a_located_compile_error():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(runtime_bound)(2)
    assert e.value.code == "P2W003" and e.value.line and e.value.hint
