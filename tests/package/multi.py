"""A multi-function module for the npm package tests: every scalar type,
tuples in and out, exceptions, recursion and imported math."""
import math


def floordiv(a: int, b: int) -> int:
    """Python's floor division: rounds toward minus infinity."""
    return a // b


def divmod_(a: int, b: int) -> tuple[int, int]:
    return a // b, a % b


def is_pos(x: float) -> bool:
    return x > 0


def scale(p: tuple[float, int], flag: bool) -> tuple[float, tuple[int, bool]]:
    """Tuples in and out."""
    if flag:
        return p[0] * 2.0, (p[1] * 2, True)
    return p[0], (p[1], False)


def big(n: int) -> int:
    return n * 1024


def depth(n: int) -> int:
    if n == 0:
        return 0
    return 1 + depth(n - 1)


def root(x: float) -> float:
    return math.sqrt(x) + math.sin(x) * 0.0


def hyp(x: float, y: float) -> float:
    return math.pow(x, y) + math.atan2(y, x)


def nothing(x: float) -> None:
    x + 1.0
