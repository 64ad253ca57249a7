"""and / or / not: short-circuit, operand values returned, truthiness of numbers."""
from ..support import C

INF = float("inf")
NAN = float("nan")


def and_values(a, b):
    return a and b


def or_values(a, b):
    return a or b


def not_value(a):
    return not a


def guarded_div(a, b):
    return b != 0 and a // b > 1


def guarded_or(x):
    return x == 0 or 1 / x > 0.5


def default_if_zero(x, d):
    return x or d


def three_way(a, b, c):
    return a and b or c


def bool_of(x):
    return bool(x)


def xor_bool(p, q):
    return (p or q) and not (p and q)


def short_circuit_raises(x):
    return x > 0 and (10 % x == 0) or x < -5 and 10 // (x + 10) > 0


def all3(a, b, c):
    return a > 0 and b > 0 and c > 0


def any3(a, b, c):
    return a > 0 or b > 0 or c > 0


def not_chain(x, y):
    return not (x < y) and not x == y


CASES = [
    C(and_values, (0, 5), (3, 5), (-1, 0), (0.0, 2.5), (-0.0, 2.5), (NAN, 1.0), (1.5, -0.0), (True, False),
      (True, True), (False, True)),
    C(or_values, (0, 5), (3, 5), (0, 0), (0.0, -0.0), (-0.0, 0.0), (NAN, 2.0), (False, False), (False, True)),
    C(not_value, 0, 1, -1, 0.0, -0.0, NAN, INF, True, False),
    C(guarded_div, (10, 3), (10, 0), (-10, 3), (3, 3)),
    C(guarded_or, 0, 1, 3, -2, 0.0, -0.0, 1.5, NAN),
    C(default_if_zero, (0, 7), (3, 7), (0.0, 1.5), (-0.0, 1.5), (NAN, 1.5)),
    C(three_way, (1, 2, 3), (0, 2, 3), (1, 0, 3), (0, 0, 0), (0.0, 1.0, 2.0), (True, False, True)),
    C(bool_of, 0, 5, -1, 0.0, -0.0, NAN, 1e-320, True),
    C(xor_bool, (True, False), (True, True), (False, False), (False, True)),
    C(short_circuit_raises, 5, 3, 0, -3, -7, -10, -20),
    C(all3, (1, 2, 3), (1, 0, 3), (0, 2, 3), (1.0, 2.0, NAN)),
    C(any3, (0, 0, 0), (0, 0, 1), (-1, -2, 3), (NAN, -1.0, 0.0)),
    C(not_chain, (1, 2), (2, 1), (2, 2), (NAN, 1.0)),
]
