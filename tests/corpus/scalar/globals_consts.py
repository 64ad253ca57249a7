"""Module-level constants and globals known when compiling: ints, floats,
bools, tuples, math constants, a configuration object, another module's function."""
import math
from collections import namedtuple

from ..support import C
from . import calls

NAN = float("nan")
SCALE = 3.5
OFFSET = -7
ENABLED = True
DISABLED = False
LIMITS = (-10.0, 10.0)
COEFFS = (1.0, -3.0, 0.5, 2.0)
BIG = 2**62
NEG_ZERO = -0.0

Params = namedtuple("Params", "gain bias")
PARAMS = Params(1.25, -0.5)


class Config:
    iterations = 5
    tolerance = 1e-9
    factor = 0.75


def scaled(x):
    return x * SCALE + OFFSET


def flag_switch(x):
    if ENABLED:
        x = x + 1
    if DISABLED:
        x = x * 100
    return x


def clip_to_limits(x):
    lo, hi = LIMITS
    return max(lo, min(hi, x))


def poly_coeffs(x):
    acc = 0.0
    for c in COEFFS:
        acc = acc * x + c
    return acc


def circle_area(r):
    return math.pi * r * r


def tau_e(x):
    return math.tau * x + math.e


def big_const(n):
    return BIG + n


def neg_zero_const(x):
    return x * NEG_ZERO


def apply_params(x):
    return x * PARAMS.gain + PARAMS.bias


def config_loop(x):
    for _ in range(Config.iterations):
        x = x * Config.factor
    return x


def other_module_gcd(a, b):
    return calls.gcd_iter(a, b) + calls.fib(10)


def inf_const(x):
    return x < math.inf and x > -math.inf


def nan_const(x):
    return math.nan + x


CASES = [
    C(scaled, 2, 2.0, -0.0, 0),
    C(flag_switch, 1, 1.5, -1),
    C(clip_to_limits, 5.0, 50.0, -50.0, NAN, -0.0),
    C(poly_coeffs, 0.0, 1.0, -2.5, 1e100, NAN),
    C(circle_area, 1.0, 2.0, 0.0, 1),
    C(tau_e, 0.0, 1.0, -1.0),
    C(big_const, 0, 2**62 - 1, 2**62, -2**63),
    C(neg_zero_const, 1.0, -1.0, 0.0, 5),
    C(apply_params, 0.0, 2.0, -4.0),
    C(config_loop, 1.0, 100.0, -0.0),
    C(other_module_gcd, (12, 18), (7, 0), (-4, 6)),
    C(inf_const, 1.0, math.inf, NAN, 2**62),
    C(nan_const, 1.0, 0.0, 2),
]
