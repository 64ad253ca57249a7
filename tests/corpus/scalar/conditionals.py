"""if / elif / else, conditional expressions, nested branches, truthiness."""
from ..support import C

INF = float("inf")
NAN = float("nan")


def sign(x):
    if x > 0:
        return 1
    elif x < 0:
        return -1
    else:
        return 0


def fsign(x):
    return 1.0 if x > 0 else (-1.0 if x < 0 else x)


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def classify(x):
    if x != x:
        return 4
    if x == INF or x == -INF:
        return 3
    if x == 0:
        return 0
    if abs(x) < 2.2250738585072014e-308:
        return 1
    return 2


def grade(score):
    if score >= 90:
        g = 4
    elif score >= 80:
        g = 3
    elif score >= 70:
        g = 2
    elif score >= 60:
        g = 1
    else:
        g = 0
    return g


def abs_diff(a, b):
    return a - b if a > b else b - a


def nested_if(a, b):
    if a > 0:
        if b > 0:
            r = a + b
        else:
            r = a - b
    else:
        if b > 0:
            r = b - a
        else:
            r = -a - b
    return r


def truthy_float(x):
    if x:
        return 1
    return 0


def leap_year(y):
    if y % 400 == 0:
        return True
    if y % 100 == 0:
        return False
    return y % 4 == 0


def triangle_kind(a, b, c):
    if a + b <= c or a + c <= b or b + c <= a:
        return 0
    if a == b == c:
        return 3
    if a == b or b == c or a == c:
        return 2
    return 1


def piecewise(x):
    y = 0.0
    if x < -1.0:
        y = -1.0
    elif x < 1.0:
        y = x * x * x
    else:
        y = 1.0 + (x - 1.0) * 0.5
    return y


def select_var(c, a, b):
    x = a
    if c:
        x = b
    return x * 2


CASES = [
    C(sign, 5, -5, 0, 2.5, -0.0, 0.0, NAN, -INF, True),
    C(fsign, 3.0, -3.0, 0.0, -0.0, NAN),
    C(clamp, (5, 0, 10), (-5, 0, 10), (15, 0, 10), (0.5, 0.0, 1.0), (NAN, 0.0, 1.0), (-0.0, 0.0, 1.0)),
    C(classify, 1.0, 0.0, -0.0, 1e-310, INF, -INF, NAN, -5.5),
    C(grade, 95, 85, 75, 65, 10, 90, 59.9, -1),
    C(abs_diff, (3, 5), (5, 3), (-2**62, 2**62), (1.5, -1.5), (NAN, 1.0)),
    C(nested_if, (1, 2), (1, -2), (-1, 2), (-1, -2), (0, 0), (0.5, -0.5)),
    C(truthy_float, 0.0, -0.0, 1e-320, NAN, 5, 0),
    C(leap_year, 2000, 1900, 2024, 2023, 0, -4),
    C(triangle_kind, (3, 4, 5), (2, 2, 2), (2, 2, 3), (1, 2, 3), (1, 1, 5), (0.5, 0.5, 0.5)),
    C(piecewise, -2.0, -1.0, -0.5, 0.0, -0.0, 0.99, 1.0, 3.0, NAN, INF),
    C(select_var, (True, 1, 2), (False, 1, 2), (1, 3.5, -1.5), (0, 3, 4)),
]
