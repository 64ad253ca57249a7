"""The cmath module's functions (restricted Python), with CPython's results.

Place in the pipeline: part of `py2wasm.libm` (a library *source*): the
frontend's `cmathlib` traces these functions into a module as ordinary
Python functions (`calls.call_python`) when compiled code calls `cmath.X`
on run-time values. They also run as plain CPython, which is how
`tests/complex/test_cmath.py` compares them with CPython's `cmath`.

Each function takes the real and imaginary parts and returns
`(re, im, err)`: err is 0, EDOM (CPython raises ValueError("math domain
error")) or ERANGE (OverflowError("math range error")); the frontend raises
at the caller's line. The algorithms are those of CPython's
Modules/cmathmodule.c (Kahan's branch cuts, C99 Annex G special values,
rescaling against spurious overflow and subnormal loss), written from its
description with py2wasm's own libm for the real functions.

Special values: when a part is infinite or NaN, CPython answers from 7x7
tables indexed by the class of each part (-inf, negative, -0, +0,
positive, +inf, NaN). The tables here are *computed* at import by asking
the running CPython's cmath for one representative of each class (the
finite classes' entries never depend on the value there: CPython's
functions compute the value-dependent cases, and so do these), together
with whether CPython raises for that class pair. In compiled code a table
is a tuple of 49 floats indexed at run time.
"""
import cmath as _cmath
import math
import sys

from .hyperbolic import cosh, sinh, tanh
from .exp import exp
from .hypot import hypot
from .invtrig import atan2
from .log import asinh, log, log1p
from .trig import cos, sin, tan

EDOM = 1
ERANGE = 2
INF = math.inf
NAN = math.nan
PI = math.pi
E = math.e
DBL_MIN = sys.float_info.min
LARGE = sys.float_info.max / 4.0        # CM_LARGE_DOUBLE
SQRT_LARGE = math.sqrt(LARGE)          # CM_SQRT_LARGE_DOUBLE
LOG_LARGE = math.log(LARGE)            # CM_LOG_LARGE_DOUBLE
SQRT_DBL_MIN = math.sqrt(DBL_MIN)      # CM_SQRT_DBL_MIN
LN2 = 0.6931471805599453094            # M_LN2
LN10 = 2.302585092994045684            # M_LN10
SCALE_UP = 2.0 ** 53                   # ldexp(x, CM_SCALE_UP)
SCALE_DOWN = 2.0 ** -27                # ldexp(x, CM_SCALE_DOWN)
MANT_LN2 = 53 * LN2                    # DBL_MANT_DIG * M_LN2

# One representative per special_type class, in CPython's order.
_REPRESENTATIVES = (-INF, -2.5, -0.0, 0.0, 2.5, INF, NAN)


def _tables(fn, two_reals=False):
    """(real parts, imaginary parts, errors) of `fn` on every class pair."""
    re, im, err = [], [], []
    for x in _REPRESENTATIVES:
        for y in _REPRESENTATIVES:
            try:
                r = fn(x, y) if two_reals else fn(complex(x, y))
                e = 0
            except ValueError:
                r, e = complex(NAN, NAN), EDOM
            except OverflowError:
                r, e = complex(NAN, NAN), ERANGE
            re.append(r.real)
            im.append(r.imag)
            err.append(e)
    return tuple(re), tuple(im), tuple(err)


SQRT_RE, SQRT_IM, SQRT_ERR = _tables(_cmath.sqrt)
EXP_RE, EXP_IM, EXP_ERR = _tables(_cmath.exp)
LOG_RE, LOG_IM, LOG_ERR = _tables(_cmath.log)
COSH_RE, COSH_IM, COSH_ERR = _tables(_cmath.cosh)
SINH_RE, SINH_IM, SINH_ERR = _tables(_cmath.sinh)
TANH_RE, TANH_IM, TANH_ERR = _tables(_cmath.tanh)
ASINH_RE, ASINH_IM, ASINH_ERR = _tables(_cmath.asinh)
ACOS_RE, ACOS_IM, ACOS_ERR = _tables(_cmath.acos)
ACOSH_RE, ACOSH_IM, ACOSH_ERR = _tables(_cmath.acosh)
ATANH_RE, ATANH_IM, ATANH_ERR = _tables(_cmath.atanh)
RECT_RE, RECT_IM, RECT_ERR = _tables(_cmath.rect, two_reals=True)


def special_type(d: float) -> int:
    """CPython's class of a double: 0 -inf, 1 negative, 2 -0.0, 3 +0.0,
    4 positive, 5 +inf, 6 NaN."""
    if math.isfinite(d):
        if d != 0.0:
            if math.copysign(1.0, d) == 1.0:
                return 4
            return 1
        if math.copysign(1.0, d) == 1.0:
            return 3
        return 2
    if math.isnan(d):
        return 6
    if d > 0.0:
        return 5
    return 0


def special_index(x: float, y: float) -> int:
    return special_type(x) * 7 + special_type(y)


def is_special(x: float, y: float) -> bool:
    return not (math.isfinite(x) and math.isfinite(y))


# --- square root, exponential, logarithms -----------------------------------------------

def sqrt(x: float, y: float):
    if is_special(x, y):
        k = special_index(x, y)
        return SQRT_RE[k], SQRT_IM[k], SQRT_ERR[k]
    if x == 0.0 and y == 0.0:
        return 0.0, y, 0
    ax = math.fabs(x)
    ay = math.fabs(y)
    if ax < DBL_MIN and ay < DBL_MIN:  # hypot(ax, ay) may be subnormal: rescale
        ax = ax * SCALE_UP
        s = math.sqrt(ax + hypot(ax, ay * SCALE_UP)) * SCALE_DOWN
    else:
        ax = ax / 8.0
        s = 2.0 * math.sqrt(ax + hypot(ax, ay / 8.0))
    d = ay / (2.0 * s)
    if x >= 0.0:
        return s, math.copysign(d, y), 0
    return d, math.copysign(s, y), 0


def exp_(x: float, y: float):
    if is_special(x, y):
        k = special_index(x, y)
        if math.isinf(x) and math.isfinite(y) and y != 0.0:
            if x > 0.0:
                return math.copysign(INF, cos(y)), math.copysign(INF, sin(y)), EXP_ERR[k]
            return math.copysign(0.0, cos(y)), math.copysign(0.0, sin(y)), EXP_ERR[k]
        return EXP_RE[k], EXP_IM[k], EXP_ERR[k]
    if x > LOG_LARGE:
        lx = exp(x - 1.0)
        re = lx * cos(y) * E
        im = lx * sin(y) * E
    else:
        lx = exp(x)
        re = lx * cos(y)
        im = lx * sin(y)
    if math.isinf(re) or math.isinf(im):
        return re, im, ERANGE
    return re, im, 0


def log_(x: float, y: float):
    """c_log."""
    if is_special(x, y):
        k = special_index(x, y)
        return LOG_RE[k], LOG_IM[k], LOG_ERR[k]
    ax = math.fabs(x)
    ay = math.fabs(y)
    if ax > LARGE or ay > LARGE:
        re = log(hypot(ax / 2.0, ay / 2.0)) + LN2
    elif ax < DBL_MIN and ay < DBL_MIN:
        if ax > 0.0 or ay > 0.0:  # hypot(ax, ay) would be subnormal
            re = log(hypot(ax * SCALE_UP, ay * SCALE_UP)) - MANT_LN2
        else:
            return -INF, atan2(y, x), EDOM
    else:
        h = hypot(ax, ay)
        if 0.71 <= h and h <= 1.73:
            am = ax
            an = ay
            if ay >= ax:
                am = ay
                an = ax
            re = log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        else:
            re = log(h)
    return re, atan2(y, x), 0


def log10_(x: float, y: float):
    re, im, err = log_(x, y)
    return re / LN10, im / LN10, err


# --- hyperbolic and circular functions ----------------------------------------------------

def cosh_(x: float, y: float):
    if is_special(x, y):
        k = special_index(x, y)
        if math.isinf(x) and math.isfinite(y) and y != 0.0:
            if x > 0.0:
                return math.copysign(INF, cos(y)), math.copysign(INF, sin(y)), COSH_ERR[k]
            return math.copysign(INF, cos(y)), -math.copysign(INF, sin(y)), COSH_ERR[k]
        return COSH_RE[k], COSH_IM[k], COSH_ERR[k]
    if math.fabs(x) > LOG_LARGE:  # cosh(x) overflows where cosh(z) may not
        xm1 = x - math.copysign(1.0, x)
        re = cos(y) * cosh(xm1) * E
        im = sin(y) * sinh(xm1) * E
    else:
        re = cos(y) * cosh(x)
        im = sin(y) * sinh(x)
    if math.isinf(re) or math.isinf(im):
        return re, im, ERANGE
    return re, im, 0


def sinh_(x: float, y: float):
    if is_special(x, y):
        k = special_index(x, y)
        if math.isinf(x) and math.isfinite(y) and y != 0.0:
            if x > 0.0:
                return math.copysign(INF, cos(y)), math.copysign(INF, sin(y)), SINH_ERR[k]
            return -math.copysign(INF, cos(y)), math.copysign(INF, sin(y)), SINH_ERR[k]
        return SINH_RE[k], SINH_IM[k], SINH_ERR[k]
    if math.fabs(x) > LOG_LARGE:
        xm1 = x - math.copysign(1.0, x)
        re = cos(y) * sinh(xm1) * E
        im = sin(y) * cosh(xm1) * E
    else:
        re = cos(y) * sinh(x)
        im = sin(y) * cosh(x)
    if math.isinf(re) or math.isinf(im):
        return re, im, ERANGE
    return re, im, 0


def tanh_(x: float, y: float):
    if is_special(x, y):
        k = special_index(x, y)
        if math.isinf(x) and math.isfinite(y) and y != 0.0:
            im = math.copysign(0.0, 2.0 * sin(y) * cos(y))
            if x > 0.0:
                return 1.0, im, TANH_ERR[k]
            return -1.0, im, TANH_ERR[k]
        return TANH_RE[k], TANH_IM[k], TANH_ERR[k]
    if math.fabs(x) > LOG_LARGE:  # 2 * x would overflow
        return (math.copysign(1.0, x), 4.0 * sin(y) * cos(y) * exp(-2.0 * math.fabs(x)), 0)
    tx = tanh(x)
    ty = tan(y)
    cx = 1.0 / cosh(x)
    txty = tx * ty
    denom = 1.0 + txty * txty
    return tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx, 0


def cos_(x: float, y: float):
    """cos(z) = cosh(iz)."""
    return cosh_(-y, x)


def sin_(x: float, y: float):
    """sin(z) = -i sinh(iz)."""
    re, im, err = sinh_(-y, x)
    return im, -re, err


def tan_(x: float, y: float):
    """tan(z) = -i tanh(iz)."""
    re, im, err = tanh_(-y, x)
    return im, -re, err


# --- inverse functions -------------------------------------------------------------------

def asinh_(x: float, y: float):
    if is_special(x, y):
        k = special_index(x, y)
        return ASINH_RE[k], ASINH_IM[k], ASINH_ERR[k]
    if math.fabs(x) > LARGE or math.fabs(y) > LARGE:
        if y >= 0.0:
            re = math.copysign(log(hypot(x / 2.0, y / 2.0)) + LN2 * 2.0, x)
        else:
            re = -math.copysign(log(hypot(x / 2.0, y / 2.0)) + LN2 * 2.0, -x)
        return re, atan2(y, math.fabs(x)), 0
    s1r, s1i, e1 = sqrt(1.0 + y, -x)
    s2r, s2i, e2 = sqrt(1.0 - y, x)
    return asinh(s1r * s2i - s2r * s1i), atan2(y, s1r * s2r - s1i * s2i), 0


def asin_(x: float, y: float):
    """asin(z) = -i asinh(iz)."""
    re, im, err = asinh_(-y, x)
    return im, -re, err


def acos_(x: float, y: float):
    if is_special(x, y):
        k = special_index(x, y)
        return ACOS_RE[k], ACOS_IM[k], ACOS_ERR[k]
    if math.fabs(x) > LARGE or math.fabs(y) > LARGE:
        re = atan2(math.fabs(y), x)
        im = -math.copysign(log(hypot(x / 2.0, y / 2.0)) + LN2 * 2.0, y)
        return re, im, 0
    s1r, s1i, e1 = sqrt(1.0 - x, -y)
    s2r, s2i, e2 = sqrt(1.0 + x, y)
    return 2.0 * atan2(s1r, s2r), asinh(s2r * s1i - s2i * s1r), 0


def acosh_(x: float, y: float):
    if is_special(x, y):
        k = special_index(x, y)
        return ACOSH_RE[k], ACOSH_IM[k], ACOSH_ERR[k]
    if math.fabs(x) > LARGE or math.fabs(y) > LARGE:
        return log(hypot(x / 2.0, y / 2.0)) + LN2 * 2.0, atan2(y, x), 0
    s1r, s1i, e1 = sqrt(x - 1.0, y)
    s2r, s2i, e2 = sqrt(x + 1.0, y)
    return asinh(s1r * s2r + s1i * s2i), 2.0 * atan2(s1i, s2r), 0


def atanh_(x: float, y: float):
    if is_special(x, y):
        k = special_index(x, y)
        return ATANH_RE[k], ATANH_IM[k], ATANH_ERR[k]
    sign = 1.0
    if x < 0.0:  # atanh(z) = -atanh(-z)
        x = -x
        y = -y
        sign = -1.0
    ay = math.fabs(y)
    err = 0
    if x > SQRT_LARGE or ay > SQRT_LARGE:  # atanh(z) ~ 1/z +- i pi/2
        h = hypot(x / 2.0, y / 2.0)
        re = x / 4.0 / h / h
        im = math.copysign(PI / 2.0, y)
    elif x == 1.0 and ay < SQRT_DBL_MIN:
        if ay == 0.0:
            re = INF
            im = y
            err = EDOM
        else:
            re = -log(math.sqrt(ay) / math.sqrt(hypot(ay, 2.0)))
            im = math.copysign(atan2(2.0, -ay) / 2.0, y)
    else:
        re = log1p(4.0 * x / ((1.0 - x) * (1.0 - x) + ay * ay)) / 4.0
        im = -atan2(-2.0 * y, (1.0 - x) * (1.0 + x) - ay * ay) / 2.0
    if sign < 0.0:
        return -re, -im, err
    return re, im, err


def atan_(x: float, y: float):
    """atan(z) = -i atanh(iz)."""
    re, im, err = atanh_(-y, x)
    return im, -re, err


# --- polar coordinates --------------------------------------------------------------------

def rect(r: float, phi: float):
    if is_special(r, phi):
        k = special_index(r, phi)
        if math.isinf(r) and math.isfinite(phi) and phi != 0.0:
            if r > 0.0:
                return math.copysign(INF, cos(phi)), math.copysign(INF, sin(phi)), RECT_ERR[k]
            return -math.copysign(INF, cos(phi)), -math.copysign(INF, sin(phi)), RECT_ERR[k]
        return RECT_RE[k], RECT_IM[k], RECT_ERR[k]
    if phi == 0.0:
        return r, r * phi, 0
    return r * cos(phi), r * sin(phi), 0


# cmath function name -> implementation (one complex argument, except rect)
FUNCTIONS = {
    "sqrt": sqrt, "exp": exp_, "log": log_, "log10": log10_,
    "cos": cos_, "sin": sin_, "tan": tan_, "cosh": cosh_, "sinh": sinh_, "tanh": tanh_,
    "acos": acos_, "asin": asin_, "atan": atan_, "acosh": acosh_, "asinh": asinh_,
    "atanh": atanh_, "rect": rect,
}
