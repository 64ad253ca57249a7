"""If-conversion (passes/ifconvert.py): which branches become `select`
(small speculatable arms, with their overflow raises kept), which stay
branches (loads, calls, checked arithmetic, big arms), and that it never
changes what a function computes or raises: reference interpreter before and
after the pass on edge inputs around the int64 limits, and compiled code
against CPython."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import py2wasm
from py2wasm.frontend import trace
from py2wasm.ir import F64, I64, CondBr, verify_module
from py2wasm.ir.interpret import interpret
from py2wasm.passes import dce, fold, ifconvert, inline, link_math, ranges
from tests.passes.loop_programs import MAX, MIN, TARGETS, collatz_steps, halve_or_triple

EDGE = [0, 1, -1, 2, -2, 3, 7, 27, 100, -100, 2**31, -2**31, 2**62, -2**62, MAX, MAX - 1,
        MIN, MIN + 1, MAX // 3, MAX // 3 + 1, MIN // 3, MIN // 3 - 1, 3074457345618258602,
        3074457345618258603, -3074457345618258603]


def step(x: int) -> int:  # the overflow check in the then-arm
    for _ in range(2):
        if x % 2 == 1:
            y = 3 * x + 1
        else:
            y = x >> 1
        x = y
    return x


def else_raises(x: int, y: int) -> int:  # the overflow check in the else-arm
    z = 0
    for _ in range(2):
        if x < y:
            z = x - 1
        else:
            z = 5 * y + 7
        y = y - 1
    return z


def triangle(x: int, c: int) -> int:  # one arm, the other edge straight to the join
    for _ in range(3):
        if c > 0:
            x = x * 7 - 3
        c = c - 1
    return x + 1


def two_sided(x: int) -> int:  # both arms may overflow; a range test of two bounds
    r = 0
    for i in range(2):
        if x & 4:
            r = x * 1000 + 1
        else:
            r = 1 - x * 999
        x = x + i
    return r


def float_pick(x: float, y: float) -> float:
    z = 0.0
    for _ in range(2):
        if x < y:
            z = x
        else:
            z = y
        x = x * 0.5
    return z * 2.0


def straight(x: int) -> int:  # not in a loop: left alone
    if x % 2 == 1:
        x = 3 * x + 1
    else:
        x = x >> 1
    return x


def with_call(x: int) -> int:  # a call in an arm: stays a branch
    if x > 0:
        x = collatz_steps(x)
    return x


def pipeline(fn, types):
    m = dce(ranges(fold(inline(link_math(trace(fn, types))))))
    verify_module(m)
    after = ifconvert(dce(ranges(fold(inline(link_math(trace(fn, types)))))))
    verify_module(after)
    return m, after


def outcome(m, name, args):
    try:
        return ("ok", interpret(m, name, args))
    except Exception as e:  # noqa: BLE001 - an exception is an outcome
        return (type(e).__name__, str(e))


def branches(m, name):
    return sum(isinstance(b.term, CondBr) for b in m.functions[name].reachable_blocks())


def prims(m, name):
    return [e.prim for b in m.functions[name].reachable_blocks() for e in b.eqns]


@pytest.mark.parametrize("fn", [step, else_raises, triangle, two_sided])
def test_converted_and_same_outcomes(fn):
    n = fn.__code__.co_argcount
    before, after = pipeline(fn, [I64] * n)
    assert branches(after, fn.__name__) < branches(before, fn.__name__)
    assert "select" in prims(after, fn.__name__)
    args = [[a] for a in EDGE] if n == 1 else [[a, b] for a in EDGE for b in EDGE[::3]]
    for a in args:
        assert outcome(after, fn.__name__, a) == outcome(before, fn.__name__, a), a


def test_collatz_loop_body_is_straight():
    before, after = pipeline(collatz_steps, [I64])
    # the loop test and the entry test remain; the parity branch is gone
    assert branches(after, "collatz_steps") == branches(before, "collatz_steps") - 1
    # the overflow check of 3 * x + 1 is kept: its own condition first (one
    # predictable compare), the arm's branch condition second
    raises = [e for b in after.functions["collatz_steps"].blocks for e in b.eqns
              if e.prim == "raise_if"]
    assert len(raises) == 2
    assert sorted(len(e.ins) for e in raises) == [1, 2]
    for x in [1, 2, 3, 7, 27, 97, 2**40 + 1, MAX // 3, MAX // 3 + 1, MAX // 3 + 2, MAX]:
        assert outcome(after, "collatz_steps", [x]) == outcome(before, "collatz_steps", [x])


def test_floats_converted():
    before, after = pipeline(float_pick, [F64, F64])
    assert branches(after, "float_pick") < branches(before, "float_pick")
    for x in (0.0, -0.0, 1.5, math.inf, -math.inf, math.nan):
        for y in (0.0, -0.0, 2.5, math.nan):
            a, b = outcome(after, "float_pick", [x, y]), outcome(before, "float_pick", [x, y])
            assert repr(a) == repr(b)


def test_straight_line_code_stays_branchy():
    before, after = pipeline(straight, [I64])
    assert branches(after, "straight") == branches(before, "straight") > 0


def test_call_stays_a_branch():
    before, after = pipeline(with_call, [I64])
    assert branches(after, "with_call") == branches(before, "with_call")


def _cpython(fn, *a):
    try:
        r = fn(*a)
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))
    if isinstance(r, int) and not MIN <= r <= MAX:
        return ("OverflowError", "integer overflow: the result does not fit in a 64-bit int")
    return ("ok", r)


def _compiled(c, *a):
    try:
        return ("ok", c(*a))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


ints = st.one_of(st.sampled_from(EDGE), st.integers(MIN, MAX), st.integers(-1000, 1000))


def _reference(fn, *a):
    """CPython's outcome where no intermediate int leaves int64; where one
    does, the documented OverflowError (the unoptimized IR, run by the
    reference interpreter, decides which)."""
    spec = outcome(link_math(trace(fn, [I64] * len(a))), fn.__name__, list(a))
    if spec[0] == "OverflowError":
        return spec
    return _cpython(fn, *a)


@settings(max_examples=150, deadline=None)
@given(ints, ints)
def test_compiled_equals_cpython(x, y):
    for fn, args in ((step, (x,)), (else_raises, (x, y)), (triangle, (x, y)), (two_sided, (x,))):
        assert _compiled(py2wasm.compile(fn), *args) == _reference(fn, *args), (fn.__name__, args)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 10**6))
def test_compiled_collatz_equals_cpython(x):
    assert _compiled(py2wasm.compile(collatz_steps), x) == _cpython(collatz_steps, x)


def test_compiled_collatz_overflow():
    # 3 * x + 1 leaves int64 on the first odd step
    x = MAX // 3 + 2 if (MAX // 3 + 2) % 2 else MAX // 3 + 3
    assert x % 2 == 1 and 3 * x + 1 > MAX
    assert _compiled(py2wasm.compile(collatz_steps), x) == (
        "OverflowError", "integer overflow: the result does not fit in a 64-bit int")


# around the bound of 3 * x + 1 (MAX // 3 = 3074457345618258602), odd and
# even, positive and negative: only an odd value past the bound overflows;
# an even one is halved
NEAR = sorted({v for b in (MAX // 3, MIN // 3, MAX, MIN, 2**62, -2**62)
               for v in range(b - 4, b + 5) if MIN <= v <= MAX})


@pytest.mark.parametrize("target", TARGETS)
def test_guarded_raise_every_target(target):
    for fn, args in ((step, [(x,) for x in NEAR + EDGE]),
                     (else_raises, [(x, y) for x in NEAR[::2] + EDGE for y in NEAR[::5] + EDGE[::4]]),
                     (two_sided, [(x,) for x in NEAR + EDGE])):
        c = py2wasm.compile(fn, target=target)
        for a in args:
            assert _compiled(c, *a) == _reference(fn, *a), (fn.__name__, a, target)


@pytest.mark.parametrize("target", TARGETS)
def test_compiled_collatz_near_the_bound_every_target(target):
    c = py2wasm.compile(halve_or_triple, target=target)
    for x in NEAR + EDGE + [-1, -5, -17, 27, 97]:
        for n in (1, 3, 70):
            assert _compiled(c, x, n) == _reference(halve_or_triple, x, n), (x, n, target)
    cs = py2wasm.compile(collatz_steps, target=target)
    for x in (2**62, MAX // 3 * 2, 3 * 2**40 + 1, 27):  # large even starts are halved, never tripled past the bound
        assert _compiled(cs, x) == _cpython(collatz_steps, x), x
