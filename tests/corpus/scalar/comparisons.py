"""Comparisons: chained, mixed int/float (exact), NaN, signed zeros, bools."""
from ..support import C

MAXI = 2**63 - 1
MINI = -2**63
INF = float("inf")
NAN = float("nan")


def lt(a, b):
    return a < b


def le(a, b):
    return a <= b


def eq(a, b):
    return a == b


def ne(a, b):
    return a != b


def gt(a, b):
    return a > b


def ge(a, b):
    return a >= b


def all_six(a, b):
    return a < b, a <= b, a == b, a != b, a > b, a >= b


def chained(a, b, c):
    return a < b < c


def chained_mixed(a, b, c):
    return a <= b == c != a


def in_range(x, lo, hi):
    return lo <= x < hi


def is_nan(x):
    return x != x


def cmp3(a, b):
    return (a > b) - (a < b)


def max_by_compare(a, b, c):
    m = a
    if b > m:
        m = b
    if c > m:
        m = c
    return m


def compare_sum(a, b, c):
    return a + b == c


CASES = [
    C(lt, (1, 2), (2, 1), (1, 1), (-1, 0), (MINI, MAXI), (1.0, NAN), (NAN, NAN), (-0.0, 0.0), (-INF, INF),
      (2**53 + 1, 9007199254740992.0), (9007199254740992.0, 2**53 + 1), (MAXI, 9.223372036854775807e18),
      (MINI, -9.223372036854775808e18), (1, 1.0000000000000002), (True, 2), (False, True), (3, INF)),
    C(le, (1, 1), (2, 1), (NAN, 1.0), (0.0, -0.0), (2**53 + 1, 9007199254740992.0), (MAXI, 9.223372036854775807e18),
      (-1, -0.5)),
    C(eq, (1, 1), (1, 2), (1, 1.0), (0, -0.0), (NAN, NAN), (2**53 + 1, 9007199254740992.0),
      (2**53, 9007199254740992.0), (MAXI, 9.223372036854775807e18), (MINI, -9.223372036854775808e18),
      (True, 1), (True, 1.0), (INF, INF)),
    C(ne, (1, 1), (NAN, NAN), (1, 1.5), (2**53 + 1, 9007199254740992.0), (-0.0, 0.0)),
    C(gt, (2, 1), (1.0, NAN), (2**53 + 1, 9007199254740992.0), (INF, MAXI), (True, False)),
    C(ge, (2, 2), (NAN, NAN), (-2**53 - 1, -9007199254740992.0), (MINI, -INF)),
    C(all_six, (1, 2), (2, 2), (3, 2), (1.0, NAN), (-0.0, 0.0), (MAXI, 9.223372036854775807e18), (5, 5.5)),
    C(chained, (1, 2, 3), (1, 3, 2), (3, 2, 1), (1, 1, 2), (0.5, NAN, 1.0), (-INF, 0, INF), (1, 1.5, 2)),
    C(chained_mixed, (1, 2, 2), (1, 1, 1), (2, 2, 2), (0.0, 1.0, 1.0), (NAN, 1.0, 1.0)),
    C(in_range, (5, 0, 10), (10, 0, 10), (-1, 0, 10), (0.0, -0.0, 1.0), (NAN, 0.0, 1.0), (2.5, 2, 3)),
    C(is_nan, 1.0, NAN, INF, -0.0),
    C(cmp3, (1, 2), (2, 1), (3, 3), (NAN, 1.0), (-0.0, 0.0), (1.5, 0.5)),
    C(max_by_compare, (1, 2, 3), (3, 2, 1), (2, 3, 1), (NAN, 1.0, 2.0), (1.0, NAN, 2.0), (-0.0, 0.0, -0.0)),
    C(compare_sum, (0.1, 0.2, 0.3), (1, 2, 3), (MAXI, 0, MAXI), (0.5, 0.25, 0.75)),
]
