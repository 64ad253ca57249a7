"""Functions compiled by test_strings.py (a plain module: pytest rewrites the
asserts of test modules, and compiled code must keep Python's own)."""
import math

import numpy as np


def messages(n: int, x: float, b: bool):
    if n == 0:
        raise ValueError(f"bad n: {n}")
    if n == 1:
        raise ValueError(f"x = {x}, x!r = {x!r}, b = {b}, sum = {n + x}")
    if n == 2:
        raise ArithmeticError(f"{x:.3f}|{x:10.2e}|{x:<9.4g}|{x:+}|{x:%}|{x:.1%}|{x:_.2f}")
    if n == 3:
        raise IndexError(f"{n:5}|{n:<5d}|{n:^7}|{n:x}|{n:#o}|{n:,}|{n:08.2f}|{n:e}|{b:>6}")
    if n == 4:
        raise RuntimeError("x was " + str(x) + " and b " + repr(b) + "; " + format(x, ".2f"))
    if n == 5:
        raise ValueError(x)
    if n == 6:
        assert x != x, f"{x=} {n = }"
    if n == 7:
        raise KeyError(f"missing {n}")
    if n == 8:
        raise ValueError(f"{{literal}} braces and {x:{'>'}{12}} nested constant spec")
    return n


def numpy_scalars(n: int, x: float):
    y = np.float32(x)
    k = np.int16(n % 1000)
    u = np.uint64(n % 1000)
    z = np.float64(x)
    t = np.bool_(x > 0)
    if n % 2 == 0:
        raise ValueError(f"{y} {y!r} {y!s} {z} {z!r} {z!s}")
    raise ValueError(f"{k} {k!r} {u!r} {u:5} {t} {t!r} {y:.3f}")


def message_from_a_branch(n: int, x: float):
    msg = f"n is {n}"
    if x > 0:
        msg = msg + f" and x is {x}"
    if n < 0:
        raise ValueError(msg)
    return x


def helper_raises(v: float):
    if v < 0:
        raise ValueError(f"negative value {v:.2f}")
    return math.sqrt(v)


def calls_helper(a: float, b: float):
    return helper_raises(a) + helper_raises(b)


def wrong_spec_type(x: float):
    if x > 0:
        raise ValueError(f"{x:d}")  # CPython: ValueError Unknown format code 'd' ...
    return x


def concat_type_error(n: int):
    if n > 0:
        raise ValueError(f"{n}" + n)
    return n


def runtime_spec(x: float, w: int):
    if x > 0:
        raise ValueError(f"{x:{w}>5}")  # an int as the fill: refused (a whole width works)
    return x


def complex_field(x: float):
    z = complex(x, 1.0)
    if x > 0:
        raise ValueError(f"{z}")
    return x


def too_many_fields(a: float, b: float, c: float, d: float, e: float):
    if a > 0:
        raise ValueError(f"{a}{b}{c}{d}{e}{a + 1}{b + 1}{c + 1}{d + 1}")
    return a


def two_arguments(x: float):
    if x > 0:
        raise ValueError("x", x)
    return x


def any_negative(v):
    if v < 0:
        raise ValueError(f"negative {v}")
    return v


def int_and_float_through_one_line(a: int, b: float):
    return any_negative(a) + any_negative(b)
