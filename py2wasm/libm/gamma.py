"""gamma and lgamma (restricted Python): CPython's own m_tgamma and m_lgamma.

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use `math.gamma`, `math.lgamma`.
CPython does not call the C library here: `Modules/mathmodule.c` computes
both with a Lanczos approximation (N = 13, g = 6.024680040776729583740234375,
Boost's parameters, the sum as a rational function), the reflection formula
with its accurate sin(pi*x) (`m_sinpi`) for negative x, and a table of exact
factorials for integers up to 23. This is that code, operation for
operation; it calls exp, pow, log, sin and cos, for which we use py2wasm's
libm (within 1 ulp of glibc's), so results equal CPython's bit for bit
wherever those calls agree and stay within a few ulps elsewhere (measured:
tests/mathlib/test_libm_special.py).

C-libm semantics like the rest of the library: no Python exceptions. The
values returned where CPython raises are m_tgamma's/m_lgamma's: gamma(+-0)
= +-inf, gamma(negative integer) = gamma(-inf) = nan, inf for overflow;
lgamma(integer <= 0) = inf, inf for overflow. The frontend
(`frontend/mathlib.py`) raises CPython's ValueError / OverflowError from
them.
"""
import math

from .exp import exp
from .log import log
from .pow import pow
from .trig import cos, sin

PI = 3.141592653589793238462643383279502884197
LOGPI = 1.144729885849400174143427351353058711647
LANCZOS_G = 6.024680040776729583740234375
LANCZOS_G_MINUS_HALF = 5.524680040776729583740234375
LANCZOS_NUM = (
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
)
# denominator x*(x+1)*...*(x+11)
LANCZOS_DEN = (0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
               13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0)
NGAMMA_INTEGRAL = 23  # gamma(n) = (n-1)! is a float for 1 <= n <= 23
INF = float("inf")


def sinpi(x: float) -> float:
    """sin(pi*x), accurate for finite x (mathmodule.c m_sinpi)."""
    y = math.fmod(math.fabs(x), 2.0)
    t = 2.0 * y  # exact; n = round(2y), half away from zero, in [0, 4]
    n = int(t)
    if t - n >= 0.5:
        n += 1
    r = 0.0
    if n == 0:
        r = sin(PI * y)
    elif n == 1:
        r = cos(PI * (y - 0.5))
    elif n == 2:
        r = sin(PI * (1.0 - y))  # -sin(pi*(y-1)) would give -0.0 at y == 1
    elif n == 3:
        r = -cos(PI * (y - 1.5))
    else:
        r = sin(PI * (y - 2.0))
    return math.copysign(1.0, x) * r


def lanczos_sum(x: float) -> float:
    """Lanczos' sum L_g(x) for x > 0, as a rational function (in 1/x from 5)."""
    num = 0.0
    den = 0.0
    if x < 5.0:
        for i in range(12, -1, -1):
            num = num * x + LANCZOS_NUM[i]
            den = den * x + LANCZOS_DEN[i]
    else:
        for i in range(13):
            num = num / x + LANCZOS_NUM[i]
            den = den / x + LANCZOS_DEN[i]
    return num / den


def _is_integer(x: float) -> bool:
    """x == floor(x) for finite x (math.floor returns an int: not here)."""
    ax = math.fabs(x)
    if ax >= 4503599627370496.0:  # 2**52: every float is an integer
        return True
    return float(int(ax)) == ax


def _factorial(x: float) -> float:
    """(x-1)! for the integers 1 <= x <= 23: exact (every partial product
    is a float), like mathmodule.c's gamma_integral table."""
    r = 1.0
    for k in range(2, 23):
        if k < x:
            r = r * k
    return r


def gamma(x: float) -> float:
    """The gamma function (mathmodule.c m_tgamma)."""
    if not math.isfinite(x):
        if x != x or x > 0.0:
            return x  # gamma(nan) = nan, gamma(inf) = inf
        return x - x  # gamma(-inf) = nan (EDOM)
    if x == 0.0:
        return math.copysign(INF, x)  # EDOM
    if _is_integer(x):
        if x < 0.0:
            return (x - x) * INF  # nan for negative integers (EDOM)
        if x <= NGAMMA_INTEGRAL:
            return _factorial(x)
    absx = math.fabs(x)
    if absx < 1e-20:  # gamma(x) ~ 1/x
        return 1.0 / x
    if absx > 200.0:  # overflows for x > 200, underflows to +-0 for x < -200
        if x < 0.0:
            return 0.0 / sinpi(x)
        return INF
    y = absx + LANCZOS_G_MINUS_HALF
    z = 0.0
    if absx > LANCZOS_G_MINUS_HALF:  # the rounding error of y
        q = y - absx
        z = q - LANCZOS_G_MINUS_HALF
    else:
        q = y - LANCZOS_G_MINUS_HALF
        z = q - absx
    z = z * LANCZOS_G / y
    r = 0.0
    if x < 0.0:
        r = -PI / sinpi(absx) / absx * exp(y) / lanczos_sum(absx)
        r -= z * r
        if absx < 140.0:
            r /= pow(y, absx - 0.5)
        else:
            sqrtpow = pow(y, absx / 2.0 - 0.25)
            r /= sqrtpow
            r /= sqrtpow
    else:
        r = lanczos_sum(absx) / exp(y)
        r += z * r
        if absx < 140.0:
            r *= pow(y, absx - 0.5)
        else:
            sqrtpow = pow(y, absx / 2.0 - 0.25)
            r *= sqrtpow
            r *= sqrtpow
    return r


def lgamma(x: float) -> float:
    """log(|gamma(x)|) (mathmodule.c m_lgamma)."""
    if not math.isfinite(x):
        if x != x:
            return x
        return INF  # lgamma(+-inf) = inf
    if x <= 2.0 and _is_integer(x):
        if x <= 0.0:
            return INF  # EDOM: poles at the integers <= 0
        return 0.0  # lgamma(1) = lgamma(2) = 0
    absx = math.fabs(x)
    if absx < 1e-20:  # lgamma(x) ~ -log(|x|)
        return -log(absx)
    r = log(lanczos_sum(absx)) - LANCZOS_G
    r += (absx - 0.5) * (log(absx + LANCZOS_G - 0.5) - 1.0)
    if x < 0.0:  # reflection formula
        r = LOGPI - log(math.fabs(sinpi(absx))) - log(absx) - r
    return r
