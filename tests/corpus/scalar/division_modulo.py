"""// % divmod with negative operands, zero divisors, floats, infinities."""
from ..support import C

MAXI = 2**63 - 1
MINI = -2**63
INF = float("inf")
NAN = float("nan")


def floordiv(a, b):
    return a // b


def mod(a, b):
    return a % b


def floordiv_mod(a, b):
    return a // b, a % b


def div_identity(a, b):
    q = a // b
    r = a % b
    return q * b + r == a


def safe_div(a, b):
    if b == 0:
        return 0
    return a // b


def mod_positive(a, n):
    return (a % n + n) % n


def last_digit(n):
    return abs(n) % 10


def float_mod_chain(x):
    return x % 1.0, x % -1.0, x // 1.0


def div_by_const(n):
    return n // 7, n % 7, n // -7, n % -7


def float_div_by_const(x):
    return x / 3.0, x // 0.1, x % 0.1


def split_seconds(t):
    h = t // 3600
    m = t % 3600 // 60
    s = t % 60
    return h, m, s


def ratio(a, b):
    return (a + 1) / (b - 1)


CASES = [
    C(floordiv, (7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (0, -3), (1, 0), (0, 0), (MINI, -1),
      (MINI, 1), (MAXI, -1), (MINI, 2), (7.5, 2), (-7.5, 2), (7.5, -2.0), (0.0, -1.0), (-0.0, 1.0),
      (1.0, 0.0), (INF, 1.0), (1.0, INF), (-1.0, INF), (1.0, -INF), (NAN, 1.0), (1e308, 1e-308),
      (True, True), (5, 0.0), (-1, 3.0)),
    C(mod, (7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (MINI, -1), (MINI, 3), (MAXI, -2), (5, 0),
      (7.5, 2), (-7.5, 2), (7.5, -2), (-0.0, 1.0), (0.0, -1.0), (5.0, 0.0), (1.0, INF), (-1.0, INF),
      (1.0, -INF), (INF, 3.0), (NAN, 2.0), (-1e-300, 1.0), (3, 0.7), (True, 2)),
    C(floordiv_mod, (17, 5), (-17, 5), (17, -5), (-17, -5), (1, 0), (17.0, 5.0), (-17.0, 5.0), (0.5, -0.0),
      (MINI, -1)),
    C(div_identity, (17, 5), (-17, 5), (17, -5), (MINI, 7), (MAXI, -3), (0, 1)),
    C(safe_div, (10, 3), (10, 0), (-10, 3), (MINI, -1)),
    C(mod_positive, (-13, 5), (13, 5), (-1, 7), (0, 1), (-13, -5), (5, 0)),
    C(last_digit, 1234, -1234, 0, MAXI, MINI + 1, MINI),
    C(float_mod_chain, 2.75, -2.75, 0.0, -0.0, INF, NAN, 1e300, -1e-300),
    C(div_by_const, 100, -100, 0, 6, -6, 7, -7, MAXI, MINI),
    C(float_div_by_const, 1.0, -1.0, 0.0, -0.0, 1e308, 0.30000000000000004, INF),
    C(split_seconds, 3661, 0, 86399, -1, -3661, 3661.5),
    C(ratio, (1, 2), (1, 1), (1.0, 1.0), (-1, 3), (0.5, 1.5)),
]
