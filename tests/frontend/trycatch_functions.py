"""Functions for test_trycatch.py kept out of the test module: pytest rewrites
the `assert` statements of test modules (this one's must stay CPython's)."""
import math


def _gen(n):
    for i in range(n):
        yield 10 // (i - 2)


def library_errors(xs: list[int], v: int, x: float, s: str) -> int:
    r = 0
    try:
        r += xs.index(v)
    except ValueError:
        r += 1000
    try:
        r += int(math.sqrt(x))
    except ValueError:
        r += 2000
    try:
        r += int(s)
    except ValueError:
        r += 4000
    try:
        r += sum(100 // y for y in xs)
    except ZeroDivisionError:
        r += 8000
    try:
        for w in _gen(v):
            r += w
    except ZeroDivisionError:
        r += 16000
    try:
        assert v > 0, "neg"
    except AssertionError:
        r += 32000
    return r
