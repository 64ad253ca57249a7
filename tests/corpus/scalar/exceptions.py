"""Exceptions raised only on some inputs, from operations deep inside loops,
helpers and conditionals; explicit raise of a subset exception."""
import math

from ..support import C


def reciprocal_sum(n):
    s = 0.0
    for i in range(-n, n + 1):
        s += 1.0 / i
    return s


def mod_after_loop(a, n):
    for _ in range(n):
        a -= 1
    return 100 % a


def sqrt_if_small(x):
    if x < 10.0:
        return math.sqrt(x - 5.0)
    return x


def log_of_diff(a, b):
    return math.log(a - b)


def helper_raises(x):
    return _inverse(x) + 1.0


def _inverse(x):
    return 1.0 / x


def checked_sqrt(x):
    if x < 0.0:
        raise ValueError("negative input")
    return math.sqrt(x)


def checked_index(i, n):
    if i < 0 or i >= n:
        raise OverflowError("index out of range")
    return i * 2


def range_step_zero(step):
    s = 0
    for i in range(0, 10, step):
        s += i
    return s


def int_of_float_result(x):
    return int(x * 2.0)


def exp_overflow_later(x, n):
    y = x
    for _ in range(n):
        y = math.exp(y)
    return y


def nested_divisions(a, b, c):
    return a // (b // c)


def zero_to_negative(x, n):
    return x ** (-n)


def mul_overflow_in_loop(n):
    p = 1
    for i in range(1, n + 1):
        p *= i
    return p


def first_error_wins(x):
    return (1 / x, math.sqrt(x), 1 // int(x + 1))


HELPERS = [_inverse]

CASES = [
    C(reciprocal_sum, 0, 1, 3),
    C(mod_after_loop, (10, 3), (10, 7), (10, 10), (10, 11)),
    C(sqrt_if_small, 9.0, 5.0, 4.0, 12.0, -1e300),
    C(log_of_diff, (3.0, 1.0), (1.0, 1.0), (1.0, 3.0), (2, 1), ulps=1),
    C(helper_raises, 2.0, 0.0, -0.0, 1e-310),
    C(checked_sqrt, 4.0, 0.0, -0.0, -1.0, float("nan")),
    C(checked_index, (0, 5), (4, 5), (5, 5), (-1, 5)),
    C(range_step_zero, 1, 3, -1, 0),
    C(int_of_float_result, 1.25, -1.75, 1e308, float("nan"), 4.6e18),
    C(exp_overflow_later, (1.0, 1), (1.0, 2), (1.0, 3), (1.0, 4), (-1000.0, 1), ulps=1),
    C(nested_divisions, (10, 6, 3), (10, 2, 3), (10, 6, 0), (-2**63, 1, 1), (-2**63, -1, 1)),
    C(zero_to_negative, (0.0, 1), (0.0, 0), (2.0, 3), (-0.0, 1), (-0.0, 2)),
    C(mul_overflow_in_loop, 0, 5, 20, 21, 25),
    C(first_error_wins, 1.0, 0.0, -0.5, -1.0, -2.0),
]
