"""A `def` inside a compiled function (frontend/opcodes.py MAKE_FUNCTION,
traced like a lambda by lists_calls.lambda_): called with scalars and arrays,
capturing locals, annotated, several helpers calling each other; refused
(located P2W001) when CPython's late binding could differ, when it calls
itself, has default values or is a generator."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm
from py2wasm import CompileError
from tests.frontend.test_lists_ofarrays import check


def spring(x, k: float):
    def force(y):
        return -k * y
    a = force(x)
    for _ in range(3):
        a = a + force(a)
    return a


def annotated(x: float) -> float:
    def sq(v: float) -> float:
        return v * v
    return sq(x) + sq(x + 1.0)


def two_emas(n: int, span: float):
    def ema(x, s):
        out = np.empty_like(x)
        out[0] = x[0]
        alpha = 2.0 / (s + 1)
        for i in range(1, len(x)):
            out[i] = alpha * x[i] + (1 - alpha) * out[i - 1]
        return out
    x = np.sin(np.arange(n, dtype=np.float64))
    return ema(x, span) - ema(x, 2 * span)


def helpers_call_each_other(a: float, b: float) -> float:
    def dot2(u, v):
        return u[0] * v[0] + u[1] * v[1]

    def norm2(u):
        return dot2(u, u) ** 0.5
    p = (a, b)
    q = (b, -a)
    return dot2(p, q) + norm2(p)


def key_from_def(xs: list) -> list:
    def by_abs(v):
        return abs(v)
    return sorted(xs, key=by_abs)


@pytest.mark.parametrize("fn, args", [
    (spring, (np.arange(4.0), 0.5)), (spring, (2.0, 0.25)), (annotated, (2.5,)),
    (two_emas, (8, 3.0)), (helpers_call_each_other, (3.0, -4.0)),
    (key_from_def, ([3, -1, 2, -5],))])
def test_nested_def_as_cpython(fn, args):
    check(fn, *args)


def late_binding(n: int):
    c = 1

    def g(x):
        return x + c
    c = 2
    return g(n)


def recursive(n: int):
    def fact(k):
        return 1 if k <= 1 else k * fact(k - 1)
    return fact(n)


def with_default(n: int):
    def g(x, d=1):
        return x + d
    return g(n)


def generator_def(n: int):
    def gen(k):
        yield k
    return sum(gen(n))


@pytest.mark.parametrize("fn", [late_binding, recursive, with_default, generator_def])
def test_nested_defs_outside_the_subset_are_refused(fn):
    with pytest.raises(CompileError) as e:
        py2wasm.compile(fn)(3)
    assert e.value.code == "P2W001" and e.value.line, str(e.value)
