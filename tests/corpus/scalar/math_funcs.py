"""The math module: constants, exact functions (bit-identical) and
transcendental ones (at most 1 ulp from CPython), domain and range errors."""
import math

from ..support import C

INF = float("inf")
NAN = float("nan")
T = 1  # ulps allowed for transcendental functions

SPECIAL = (0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e-300, 1e300, INF, -INF, NAN)


def m_sqrt(x):
    return math.sqrt(x)


def m_floor(x):
    return math.floor(x)


def m_ceil(x):
    return math.ceil(x)


def m_trunc(x):
    return math.trunc(x)


def m_fabs(x):
    return math.fabs(x)


def m_copysign(x, y):
    return math.copysign(x, y)


def m_isnan(x):
    return math.isnan(x)


def m_isinf(x):
    return math.isinf(x)


def m_isfinite(x):
    return math.isfinite(x)


def m_exp(x):
    return math.exp(x)


def m_expm1(x):
    return math.expm1(x)


def m_log(x):
    return math.log(x)


def m_log_base(x, b):
    return math.log(x, b)


def m_log2(x):
    return math.log2(x)


def m_log10(x):
    return math.log10(x)


def m_log1p(x):
    return math.log1p(x)


def m_pow(x, y):
    return math.pow(x, y)


def m_sin(x):
    return math.sin(x)


def m_cos(x):
    return math.cos(x)


def m_tan(x):
    return math.tan(x)


def m_asin(x):
    return math.asin(x)


def m_acos(x):
    return math.acos(x)


def m_atan(x):
    return math.atan(x)


def m_atan2(y, x):
    return math.atan2(y, x)


def m_sinh(x):
    return math.sinh(x)


def m_cosh(x):
    return math.cosh(x)


def m_tanh(x):
    return math.tanh(x)


def m_hypot(x, y):
    return math.hypot(x, y)


def m_degrees(x):
    return math.degrees(x)


def m_radians(x):
    return math.radians(x)


def m_fmod(x, y):
    return math.fmod(x, y)


def m_constants(x):
    return math.pi * x, math.e * x, math.tau * x, math.inf * x


def m_sqrt_of_int(n):
    return math.sqrt(n)


def m_floor_of_int(n):
    return math.floor(n), math.ceil(n), math.trunc(n)


def polar(x, y):
    return math.hypot(x, y), math.atan2(y, x)


def m_asinh(x):
    return math.asinh(x)


def m_acosh(x):
    return math.acosh(x)


def m_atanh(x):
    return math.atanh(x)


CASES = [
    C(m_sqrt, *SPECIAL, 4.0, 3.0, -1e-300, 1e-320),
    C(m_floor, 1.5, -1.5, -0.0, 0.0, -0.5, 1e300, 9.3e18, -9.223372036854775808e18, INF, NAN, 4503599627370495.5),
    C(m_ceil, 1.5, -1.5, -0.0, -0.5, 9.2e18, 9.3e18, INF, -INF, NAN),
    C(m_trunc, 1.7, -1.7, -0.0, 9.3e18, -INF, NAN),
    C(m_fabs, -0.0, -1.5, INF, -INF, NAN, 3),
    C(m_copysign, (1.0, -0.0), (-1.0, 0.0), (INF, -1.0), (NAN, -1.0), (0.0, NAN), (3, -2), (-0.0, 1.0)),
    C(m_isnan, 1.0, NAN, INF, 5),
    C(m_isinf, 1.0, NAN, INF, -INF, 5),
    C(m_isfinite, 1.0, NAN, INF, -INF, 5, -0.0),
    C(m_exp, *SPECIAL, 709.0, 709.8, 710.0, -745.2, -746.0, 1, ulps=T),
    C(m_expm1, *SPECIAL, 1e-10, 709.8, 710.0, ulps=T),
    C(m_log, *SPECIAL, 10.0, 1e-320, 100, -5, 0, ulps=T),
    C(m_log_base, (8.0, 2.0), (100.0, 10.0), (1.0, 1.0), (0.0, 2.0), (2.0, 0.5), (8.0, -2.0), (5.0, 1.0), ulps=T),
    C(m_log2, *SPECIAL, 8.0, 1024, 3.0, ulps=T),
    C(m_log10, *SPECIAL, 1000.0, 1e23, 7, ulps=T),
    C(m_log1p, *SPECIAL, -1.5, -0.9999999999999999, 1e-20, ulps=T),
    C(m_pow, (2.0, 10.0), (2.0, 0.5), (-2.0, 0.5), (0.0, -1.0), (-0.0, -3.0), (0.0, 0.0), (NAN, 0.0), (1.0, NAN),
      (10.0, 400.0), (-INF, 3.0), (INF, -2.0), (-8.0, 1.0 / 3.0), (2, 3), (1e-300, 2.0), ulps=T),
    C(m_sin, *SPECIAL, 3.141592653589793, 1e22, 100, ulps=T),
    C(m_cos, *SPECIAL, 3.141592653589793, 1e22, ulps=T),
    C(m_tan, *SPECIAL, 1.5707963267948966, 1e22, ulps=T),
    C(m_asin, *SPECIAL, 1.0000000000000002, -0.7, ulps=T),
    C(m_acos, *SPECIAL, 1.0000000000000002, -0.7, ulps=T),
    C(m_atan, *SPECIAL, 1e20, ulps=T),
    C(m_atan2, (1.0, 1.0), (0.0, -0.0), (-0.0, -0.0), (0.0, 0.0), (-0.0, 0.0), (1.0, -INF), (-1.0, -INF),
      (INF, INF), (NAN, 1.0), (1, -1), ulps=T),
    C(m_sinh, *SPECIAL, 710.0, 711.0, -711.0, ulps=T),
    C(m_cosh, *SPECIAL, 710.0, 711.0, -711.0, ulps=T),
    C(m_tanh, *SPECIAL, 20.0, -20.0, ulps=T),
    C(m_hypot, (3.0, 4.0), (INF, NAN), (NAN, -INF), (NAN, 1.0), (-0.0, 0.0), (1e308, 1e308), (1e-320, 1e-320),
      (3, 4), ulps=T),
    C(m_degrees, *SPECIAL, 3.141592653589793, 1e308, 2),
    C(m_radians, *SPECIAL, 180.0, 360),
    C(m_fmod, (5.5, 2.0), (-5.5, 2.0), (5.5, -2.0), (-0.0, 1.0), (1.0, 0.0), (INF, 1.0), (1.0, INF), (NAN, 1.0),
      (1e300, 3.0), (7, 3), (-7, 3)),
    C(m_constants, 1.0, -1.0, 0.0, -0.0),
    C(m_sqrt_of_int, 0, 4, 2, 2**62, 2**63 - 1, -1),
    C(m_floor_of_int, 0, -5, 2**63 - 1, -2**63),
    C(polar, (1.0, 1.0), (-1.0, 0.0), (-1.0, -0.0), (0.0, 0.0), (3.0, -4.0), ulps=T),
    C(m_asinh, *SPECIAL, ulps=T),
    C(m_acosh, *SPECIAL, 1e308, ulps=T),
    C(m_atanh, *SPECIAL, 0.99999, -0.5, ulps=T),
]
