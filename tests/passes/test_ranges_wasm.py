"""The range pass end to end: functions compiled by py2wasm.compile (passes
on, -O3) give CPython's results, and raise OverflowError with py2wasm's
message exactly where the build without passes (-O0) does: near the int64
limits, for unbounded products, through call-site ranges."""
import numpy as np
import pytest

import py2wasm
from py2wasm.ir import messages

MAX, MIN = 2**63 - 1, -2**63


def collatz_steps(x):
    steps = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        steps += 1
    return steps


def collatz(n):
    total = 0
    for x in range(1, n):
        total += collatz_steps(x)
    return total


def eval_a(i, j):
    return (i + j) * (i + j + 1) // 2 + i + 1


def tri(a):
    s = 0
    for i in range(len(a)):
        for j in range(len(a)):
            s += eval_a(i, j) * int(a[j])  # Python ints: OverflowError, not wrap-around
    return s


def from_start(start, n):
    s = 0
    for i in range(start, start + n):
        s ^= 2 * i + 1
    return s


def power_two_ops(x, y):
    return (x % 16, x // 8, x % 1, -x // 4, (x + y) % 2)


def square_sum(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


def cpython_or_overflow(fn, *args):
    """CPython's result, or OverflowError when the result leaves int64."""
    r = fn(*args)
    flat = r if isinstance(r, tuple) else (r,)
    if any(isinstance(v, int) and not MIN <= v <= MAX for v in flat):
        return OverflowError
    return r


def outcome(f, *args):
    try:
        return f(*args)
    except OverflowError as e:
        assert str(e) == messages.INT_OVERFLOW
        return OverflowError


ODD_NEGATIVE_OVERFLOWING = -(2**63 // 3) - 1  # odd: 3x + 1 leaves int64 at once

CASES = [
    (collatz, [(1,), (2,), (50,), (1000,)]),
    (collatz_steps, [(27,), (1,), (MAX // 3,), (MAX // 3 + 1,), (MAX // 3 * 2 + 1,), (MAX,),
                     (MAX // 3 - 1,)]),
    (from_start, [(0, 10), (MAX // 2 - 2, 3), (MAX // 2 - 2, 4), (MAX - 3, 3), (MAX - 3, 4),
                  (MIN, 3), (MIN // 2, 2), (MIN // 2 - 1, 1), (-5, 0)]),
    (power_two_ops, [(x, y) for x in (0, 1, -1, 7, -7, 17, -17, MAX, MIN, MIN + 1)
                     for y in (0, 1, MAX, MIN)]),
    (square_sum, [(0,), (10,), (2000,)]),
]


@pytest.mark.parametrize("fn,arg_lists", CASES, ids=[c[0].__name__ for c in CASES])
def test_compiled_with_ranges_equals_cpython_and_the_unoptimized_build(fn, arg_lists):
    fast = py2wasm.compile(fn)  # passes on (-O3)
    plain = py2wasm.compile(fn, opt="O0")  # no IR passes
    for args in arg_lists:
        want = outcome(plain, *args)
        assert outcome(fast, *args) == want, args
        if want is not OverflowError:  # else an intermediate left int64
            assert want == cpython_or_overflow(fn, *args), args


def test_overflow_is_raised_where_the_int64_limit_is_crossed():
    f = py2wasm.compile(collatz_steps)
    assert outcome(f, MAX // 3 + 1) is OverflowError  # odd: 3x + 1 leaves int64 at once
    g = py2wasm.compile(from_start)
    assert outcome(g, MAX // 2 - 2, 3) == from_start(MAX // 2 - 2, 3)  # 2 * (MAX // 2) + 1 == MAX
    assert outcome(g, MAX // 2 - 2, 4) is OverflowError  # 2 * i leaves int64
    assert outcome(py2wasm.compile(square_sum), 3_100_000_000) is OverflowError


def test_collatz_from_an_odd_negative_start_overflows_at_3x_plus_1():
    # negative starts cycle forever in CPython; this one leaves int64 at once
    for opt in ("O3", "O0"):
        assert outcome(py2wasm.compile(collatz_steps, opt=opt),
                       ODD_NEGATIVE_OVERFLOWING) is OverflowError


def test_array_loop_with_call_site_ranges():
    a = np.arange(-50, 50, dtype=np.int64)
    assert py2wasm.compile(tri)(a.copy()) == tri(a)
    big = np.array([MAX // 2, MAX // 2], dtype=np.int64)
    assert outcome(py2wasm.compile(tri), big.copy()) is OverflowError
    assert outcome(py2wasm.compile(tri, opt="O0"), big.copy()) is OverflowError


def test_collatz_wasm_has_no_division_left():
    """x % 2, x // 2 and the check of 3 * x were divisions before the pass."""
    f = py2wasm.compile(collatz)
    f(3)
    wat = f.wat()
    assert "i64.div_s" not in wat and "i64.rem_s" not in wat
    plain = py2wasm.compile(collatz, opt="O0")
    plain(3)
    assert "i64.div_s" in plain.wat()
