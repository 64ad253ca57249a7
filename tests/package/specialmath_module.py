"""erf/erfc/gamma/lgamma for tests/package/test_specialmath_node.py."""
import math


def normal_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def tail(x: float) -> float:
    return math.erfc(x)


def gamma(x: float) -> float:
    return math.gamma(x)


def lgamma(x: float) -> float:
    return math.lgamma(x)
