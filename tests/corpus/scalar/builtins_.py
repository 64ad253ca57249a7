"""Builtins: abs min max round int float bool divmod pow len."""
from ..support import C

MAXI = 2**63 - 1
MINI = -2**63
INF = float("inf")
NAN = float("nan")


def b_abs(x):
    return abs(x)


def b_min2(a, b):
    return min(a, b)


def b_max2(a, b):
    return max(a, b)


def b_min3(a, b, c):
    return min(a, b, c)


def b_max3(a, b, c):
    return max(a, b, c)


def b_round(x):
    return round(x)


def b_round_int_ndigits(n, k):
    return round(n, k)


def b_round_float_ndigits(x, k):
    return round(x + 1.0, k)


def b_int(x):
    return int(x)


def b_float(x):
    return float(x)


def b_bool(x):
    return bool(x)


def b_divmod(a, b):
    return divmod(a, b)


def b_pow(a, b):
    return pow(a, b)


def b_len(t):
    return len(t)


def round_half_cases(x):
    return round(x + 0.5), round(x - 0.5), round(-x)


def int_of_division(a, b):
    return int(a / b)


def float_of_int_big(n):
    return float(n) - n


CASES = [
    C(b_abs, 0, -5, 5, MAXI, MINI + 1, MINI, -0.0, 0.0, -INF, NAN, -1.5, True, False),
    C(b_min2, (1, 2), (2, 1), (1.0, NAN), (NAN, 1.0), (0.0, -0.0), (-0.0, 0.0), (True, False), (MINI, MAXI)),
    C(b_max2, (1, 2), (2, 1), (1.0, NAN), (NAN, 1.0), (0.0, -0.0), (-0.0, 0.0), (True, False), (-INF, INF)),
    C(b_min3, (3, 1, 2), (1.0, NAN, 0.0), (NAN, 1.0, 0.0), (-0.0, 0.0, -0.0), (2, 2, 2)),
    C(b_max3, (3, 1, 2), (1.0, NAN, 0.0), (NAN, 1.0, 0.0), (0.0, -0.0, 0.0), (MINI, MINI, MINI)),
    C(b_round, 0.5, 1.5, 2.5, -0.5, -1.5, 2.675, -0.0, 1e300, 9.2e18, 9.3e18, -9.223372036854775808e18,
      INF, -INF, NAN, 7, -7, True),
    C(b_round_int_ndigits, (1234, -2), (1250, -2), (1350, -2), (-1250, -2), (1234, 2), (15, -1), (25, -1),
      (MAXI, -1), (7, 0)),
    C(b_round_float_ndigits, (1.675, 2), (0.125, 2), (-2.5, 0), (1234.5, -2), (-1.0005, 3), (INF, 2),
      (NAN, 1), (-1.001, 2), (1e300, -3), (0.1, 400), (0.1, -400)),
    C(b_int, 3.7, -3.7, -0.0, 1e18, 9.3e18, -9.223372036854775808e18, INF, -INF, NAN, True, 42, 1e-300),
    C(b_float, 0, -1, MAXI, MINI, 2**53 + 1, True, 1.5),
    C(b_bool, 0, 1, 0.0, -0.0, NAN, True, False),
    C(b_divmod, (17, 5), (-17, 5), (17, -5), (17, 0), (MINI, -1), (17.5, 5.0), (-17.5, 5.0), (1.0, 0.0),
      (-0.0, 1.0), (1.0, -INF), (INF, 2.0), (5, 2.5)),
    C(b_pow, (2, 10), (2.0, -1.0), (0.0, -1.0), (9.0, 0.5), (2, 64)),
    C(b_len, ((),), ((1, 2, 3),), (((1, 2), 3.5, True),)),
    C(round_half_cases, 0.0, 1.0, 2.0, -3.0, 0.1, 1e16),
    C(int_of_division, (7, 2), (-7, 2), (1, 3), (5, 0), (MAXI, 1)),
    C(float_of_int_big, 2**53 + 1, MAXI, MINI, 0, 12345),
]
