"""Calls: positional, keyword, defaults, helpers, recursion, mutual recursion."""
from ..support import C, In

NAN = float("nan")


def _scale(x, factor=2.0, offset=0.0):
    return x * factor + offset


def call_defaults(x):
    return _scale(x)


def call_keywords(x):
    return _scale(x, offset=1.0, factor=-3.0)


def call_positional(x):
    return _scale(x, 0.5, 0.25)


def with_default(x, n=3):
    return x * n


def hyp(a, b):
    return _sq(a) + _sq(b)


def _sq(v):
    return v * v


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fib_annotated(n: int) -> int:
    return n if n < 2 else fib_annotated(n - 1) + fib_annotated(n - 2)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)


def gcd_iter(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


def lcm(a, b):
    return a // gcd_iter(a, b) * b


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def _divmod_helper(a, b):
    return a // b, a % b


def uses_tuple_helper(a, b):
    q, r = _divmod_helper(a, b)
    return q * 10 + r


def power_rec(x, n):
    if n == 0:
        return 1.0
    half = power_rec(x, n // 2)
    if n % 2 == 0:
        return half * half
    return half * half * x


def chain_calls(x):
    return call_defaults(call_keywords(call_positional(x)))


def sum_digits_rec(n):
    return n if n < 10 else n % 10 + sum_digits_rec(n // 10)


def hanoi_moves(n):
    if n == 0:
        return 0
    return 2 * hanoi_moves(n - 1) + 1


def binom(n, k):
    if k == 0 or k == n:
        return 1
    return binom(n - 1, k - 1) + binom(n - 1, k)


CASES = [
    C(call_defaults, 1.5, -0.0, 3, NAN),
    C(call_keywords, 1.5, -0.0, 3),
    C(call_positional, 1.5, -0.0, 3),
    C(with_default, (2, 4), (2.5,), (3,), In((2,), kwargs={"n": 10}), In((), kwargs={"x": 1.5, "n": 2})),
    C(hyp, (3, 4), (3.0, 4.0), (-0.0, 0.0), (2**31, 2**31), (3037000500, 1)),
    C(fib, 0, 1, 2, 10, 20),
    C(fib_annotated, 0, 1, 15),
    C(ackermann, (0, 0), (1, 2), (2, 3), (3, 3)),
    C(is_even, 0, 1, 10, 37),
    C(is_odd, 0, 1, 10, 37),
    C(gcd, (12, 18), (17, 5), (0, 5), (5, 0), (-12, 18), (2**62, 2**40 * 3)),
    C(gcd_iter, (12, 18), (-12, 18), (12, -18), (0, 0), (2**62, 6)),
    C(lcm, (4, 6), (21, 6), (7, 13), (0, 5), (0, 0), (2**40, 2**40 + 1)),
    C(fact, 0, 1, 5, 20, 21, -3),
    C(uses_tuple_helper, (17, 5), (-17, 5), (17, 0)),
    C(power_rec, (2.0, 10), (1.5, 7), (-2.0, 3), (10.0, 400), (0.0, 0)),
    C(chain_calls, 1.0, -2.5, 0.0),
    C(sum_digits_rec, 0, 9, 12345, 2**63 - 1),
    C(hanoi_moves, 0, 1, 10, 62, 63, 64),
    C(binom, (5, 2), (10, 5), (16, 8), (0, 0)),
]
