"""** and pow(): int and float, zero, negative bases, overflow."""
from ..support import C, In

INF = float("inf")
NAN = float("nan")


def power(a, b):
    return a ** b


def square(x):
    return x ** 2


def cube(x):
    return x ** 3


def inv_sqrt(x):
    return x ** -0.5


def pow_builtin(a, b):
    return pow(a, b)


def pow_mod(b, e, m):
    return pow(b, e, m)


def float_pow_int_const(x):
    return x ** 10


def two_to(n):
    return 2 ** n


def sum_of_powers(n):
    s = 0
    for k in range(n):
        s += k ** 3
    return s


def compound(p, r, n):
    return p * (1.0 + r) ** n


CASES = [
    C(power, (2, 10), (-2, 3), (-2, 63), (2, 62), (2, 63), (3, 39), (3, 40), (0, 0), (7, 0), (-1, 12345),
      (1, 10**18), (10, 18), (10, 19), (-3, 0),
      In((2, -1), deviation="int_pow_negative"), In((4, -2), deviation="int_pow_negative"),
      (2.0, 10.0), (2.0, -1074.0), (2.0, 0.5), (-2.0, 3.0), (-2.0, 2), (0.0, 0.0), (NAN, 0.0), (1.0, NAN),
      (0.0, -1.0), (-0.0, -1.0), (-0.0, 3.0), (INF, -1.0), (-INF, 3.0), (-INF, 2.0), (10.0, 308.5),
      (1e308, 2.0), (0.5, 1100.0), (2, 0.5), (2.5, 2), (-1.0, INF), (0.99, -INF),
      In((-8.0, 1.0 / 3.0), deviation="complex_pow"), In((-2.0, 0.5), deviation="complex_pow")),
    C(square, 0, -3, 3037000499, 3037000500, -3037000500, 1.5, -0.0, 1e200, NAN, True),
    C(cube, 0, -3, 2097151, 2097152, -2097152, -1.5, -0.0, -INF),
    C(inv_sqrt, 4.0, 2.0, 0.0, -0.0, INF, 1e-320),
    C(pow_builtin, (3, 4), (-5, 3), (2.0, -2.0), (0.0, -2.0), (2, 64), (1e10, 40.0),
      In((10, -2), deviation="int_pow_negative")),
    C(pow_mod, (2, 10, 1000), (3, 200, 13), (-7, 5, 11), (5, 0, 1), (5, 3, -7), (0, 0, 5), (2, 5, 0),
      (123456789, 987654321, 1000000007)),
    C(float_pow_int_const, 1.1, -1.1, 0.0, -0.0, 1e31, 1e-40, NAN),
    C(two_to, 0, 1, 30, 62, 63, 64, In((-1,), deviation="int_pow_negative")),
    C(sum_of_powers, 0, 1, 10, 100, 1000),
    C(compound, (1000.0, 0.05, 10), (1.0, 0.0, 100), (1.0, -1.0, 0), (1.0, -1.0, 3), In((1.0, -2.0, 1.5), deviation="complex_pow"),
      (100.0, 0.07, 10000)),
]
