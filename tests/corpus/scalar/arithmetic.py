"""Arithmetic: + - * / unary, int/float/bool mixing, int64 boundaries."""
from ..support import C, In

BIG = 2**62
MAXI = 2**63 - 1
MINI = -2**63
INF = float("inf")
NAN = float("nan")


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def truediv(a, b):
    return a / b


def neg(a):
    return -a


def pos(a):
    return +a


def fma_like(x, y, z):
    return x * y + z


def poly2(x):
    return 3 * x * x - 2 * x + 7


def mixed_int_float(i, f):
    return i * f + i - f


def avg3(a, b, c):
    return (a + b + c) / 3


def bool_arith(p, q):
    return p + q * 2


def int_to_float_add(i):
    return i + 0.5


def many_ops(a, b):
    c = a + b
    d = a - b
    e = c * d
    return e - a * a + b * b


def sub_zero_signs(x):
    return (x - 0.0, 0.0 - x, x + 0.0, -0.0 + x, x * -1.0)


def lerp(a, b, t):
    return a + (b - a) * t


def true_div_int_big(a, b):
    return a / b


def long_expr(a, b, c, d):
    return ((a + b) * (c - d) - (a - c) * (b + d)) * 2 + a * b * c


CASES = [
    C(add, (1, 2), (-3, 4), (0, 0), (BIG, BIG - 1), (BIG, BIG), (MINI, -1), (MINI, 0), (MAXI, 1),
      (1.5, 2.25), (0.1, 0.2), (-0.0, 0.0), (-0.0, -0.0), (INF, -INF), (NAN, 1.0), (1e308, 1e308),
      (3, 0.5), (0.5, 3), (True, True), (True, 2), (2**53, 1.0)),
    C(sub, (5, 7), (MINI + 1, 1), (MINI, 1), (-BIG, BIG), (0.0, 0.0), (-0.0, 0.0), (0.0, -0.0),
      (INF, INF), (1.0, 1e-17), (7, 2.5), (False, True)),
    C(mul, (6, 7), (-3, 4), (2**31, 2**31), (-2**32, 2**31), (2**32, 2**31), (3037000500, 3037000500),
      (-1, MINI), (0, MINI), (0.0, -1.0), (-0.0, -0.0), (INF, 0.0), (1e200, 1e200), (3, 0.1),
      (True, 5), (True, 2.5), (-2**31, -2**32)),
    C(truediv, (1, 3), (7, -2), (0, 5), (0, -5), (1, 0), (0, 0), (1.0, 0.0), (0.0, 0.0), (-1.0, -0.0),
      (INF, INF), (1.0, INF), (-1.0, INF), (1e-310, 1e10), (MAXI, 1), (MAXI, 3), (2**53 + 1, 1),
      (True, 2), (5, 2.0), (1e308, 1e-308)),
    C(neg, 0, 5, -5, MAXI, MINI, 0.0, -0.0, INF, NAN, True, False),
    C(pos, 0, -7, 0.0, -0.0, True),
    C(fma_like, (2, 3, 4), (BIG, 2, -1), (0.1, 0.2, 0.3), (1e308, 10.0, -INF), (2, 3.5, 1), (-0.0, 1.0, -0.0)),
    C(poly2, 0, 1, -1, 10**6, 10**9, 2**31, 2.5, -0.0, NAN),
    C(mixed_int_float, (3, 0.5), (-7, 2.25), (BIG, 1.0), (0, -0.0), (1, INF)),
    C(avg3, (1, 2, 3), (1, 2, 4), (-1, -2, -4), (1.5, 2.5, 3.5), (MAXI, MAXI, MAXI), (1e308, 1e308, -1e308)),
    C(bool_arith, (True, False), (True, True), (False, False), (1, True), (True, 2.5)),
    C(int_to_float_add, 0, -1, 2**53, 2**62 + 1, MINI, True),
    C(many_ops, (3, 4), (-3, 4), (2**20, 2**21), (2**31, 2**31), (1.5, -2.5), (0.1, 0.7)),
    C(sub_zero_signs, 0.0, -0.0, 1.0, INF, NAN),
    C(lerp, (0.0, 10.0, 0.5), (1.0, 2.0, 0.1), (-5.0, 5.0, 1.0), (0.0, 1e308, 2.0), (1, 3, 2)),
    # int / int is correctly rounded in CPython (not float(a) / float(b))
    C(true_div_int_big, (2**62 + 1, 3), (MAXI, MAXI - 1), (9007199254740993, 9007199254740992),
      (2**60 + 3, 2**55 + 1), (-(2**62 + 7), 11), (MINI, 3), (12345678901234567, 89),
      (7062591869336763952, 66175), (4125986200184035928, 279270), (-3534002891408313049, 719833)),
    C(long_expr, (1, 2, 3, 4), (-5, 7, 11, -13), (1000, 2000, 3000, 4000), (1.5, -2.5, 0.25, 8.0)),
]
