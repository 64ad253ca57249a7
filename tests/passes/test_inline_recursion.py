"""Self-recursive functions inlined into themselves once
(passes/inline.unroll_self_recursion): which functions it unrolls, the IR
verifies and computes what it computed before (reference interpreter), and
compiled code equals CPython, results and exceptions (OverflowError deep in
the recursion, a raise in the copied body naming its line)."""
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm.frontend import trace
from py2wasm.ir import I64, F64, verify_module
from py2wasm.ir.interpret import interpret
from py2wasm.passes import inline, link_math
from py2wasm.passes.inline import SELF_SITES, size, unroll_self_recursion


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def power2(n: int, x: int) -> int:  # one self-call; overflows past 2**63
    if n <= 0:
        return x
    return power2(n - 1, x) * 2


def checked(n: int) -> int:  # a raise in the body being copied
    if n < 0:
        raise ValueError("negative")
    if n == 0:
        return 1
    return checked(n - 3) + 1


def tri(n: int) -> int:  # three self-calls: more than SELF_SITES, left alone
    if n < 3:
        return 1
    return tri(n - 1) + tri(n - 2) + tri(n - 3)


def looped(n: int) -> int:  # a loop in the body: left alone
    s = 0
    for i in range(n):
        s += i
    return s if n < 2 else s + looped(n - 2)


def mixed(x: float, n: int) -> float:
    if n == 0:
        return x
    return 0.5 * mixed(x * 1.5 - 0.25, n - 1) + x / (1.0 + n)


def calls(m, name):
    return [e.params["fn"] for b in m.functions[name].blocks for e in b.eqns
            if e.prim == "call"]


def before_after(fn, types):
    before = link_math(trace(fn, types))
    after = inline(link_math(trace(fn, types)))
    verify_module(before)
    verify_module(after)
    return before, after


def outcome(m, name, args):
    try:
        return interpret(m, name, args)
    except Exception as e:  # noqa: BLE001 - compared
        return type(e).__name__, str(e)


def test_fib_calls_itself_four_times_after():
    before, after = before_after(fib, [I64])
    assert calls(before, "fib") == ["fib", "fib"]
    assert calls(after, "fib") == ["fib"] * 4
    for n in range(-3, 16):
        assert outcome(after, "fib", [n]) == outcome(before, "fib", [n])


@pytest.mark.parametrize("fn,types,argsets", [
    (power2, [I64, I64], [[0, 5], [3, -7], [62, 1], [63, 1], [64, 1], [70, -1], [61, 3]]),
    (checked, [I64], [[0], [3], [7], [9], [-1], [12]]),
])
def test_ir_same_results_and_exceptions(fn, types, argsets):
    before, after = before_after(fn, types)
    name = fn.__name__
    assert len(calls(after, name)) == len(calls(before, name)) ** 2  # each call: a copy with its calls
    assert size(after.functions[name]) > 1.5 * size(before.functions[name])
    for args in argsets:
        assert outcome(after, fn.__name__, args) == outcome(before, fn.__name__, args)


@pytest.mark.parametrize("fn,types", [(tri, [I64]), (looped, [I64])])
def test_left_alone(fn, types):
    if fn is tri:
        assert len(calls(trace(tri, [I64]), "tri")) > SELF_SITES
    before, after = before_after(fn, types)
    assert calls(after, fn.__name__) == calls(before, fn.__name__)
    assert not unroll_self_recursion(after.functions[fn.__name__])


def _cpython(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


def _compiled(c, *args):
    try:
        return ("ok", c(*args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


def test_compiled_equals_cpython_fib():
    c = py2wasm.compile(fib)
    for n in list(range(-2, 24)):
        assert _compiled(c, n) == _cpython(fib, n)


@settings(max_examples=60, deadline=None)
@given(st.integers(-3, 80), st.integers(-2**40, 2**40))
def test_compiled_equals_cpython_power2(n, x):
    c = py2wasm.compile(power2)
    want = _cpython(power2, n, x)
    if want[0] == "ok" and not -2**63 <= want[1] < 2**63:
        want = ("OverflowError", "integer overflow: the result does not fit in a 64-bit int")
    got = _compiled(c, n, x)
    assert got[0] == want[0] and (got[0] != "ok" or got == want)


@settings(max_examples=40, deadline=None)
@given(st.integers(-5, 40))
def test_compiled_equals_cpython_checked(n):
    c = py2wasm.compile(checked)
    assert _compiled(c, n) == _cpython(checked, n)


@settings(max_examples=40, deadline=None)
@given(st.floats(-1e3, 1e3), st.integers(0, 30))
def test_compiled_equals_cpython_floats(x, n):
    c = py2wasm.compile(mixed)
    got, want = _compiled(c, x, n), _cpython(mixed, x, n)
    assert got[0] == want[0] == "ok" and got[1].hex() == want[1].hex()
