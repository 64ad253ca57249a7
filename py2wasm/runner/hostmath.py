"""The host side of the wasm "math" imports for the Python runner.

Place in the pipeline: runner. Modules import transcendental functions as
`(f64[, f64]) -> f64` with C libm semantics (docs/internals.md section 4).
We give CPython's own `math` functions (so results are bit-identical to
CPython) and, where CPython raises instead of returning (math.sin(inf),
math.fmod(x, 0.0), math.exp(1000.0)...), the C library's value: the module
itself has already made CPython's checks.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import math

from ..ir.primitives import MATH_BINARY, MATH_TERNARY, MATH_UNARY

_libm = None


def _c_function(name: str):
    global _libm
    if _libm is None:
        _libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
    f = getattr(_libm, name)
    f.restype = ctypes.c_double
    f.argtypes = [ctypes.c_double] * arity(name)
    return f


def host_function(name: str):
    """A Python callable with C semantics for math function `name`."""
    if name not in MATH_UNARY and name not in MATH_BINARY and name not in MATH_TERNARY:
        raise KeyError(f"unknown math import {name!r}")
    if name in MATH_TERNARY:  # C's fma is correctly rounded; Python < 3.13 has none
        c3 = _c_function(name)
        return lambda x, y, z: c3(x, y, z)
    py = getattr(math, name)
    c = _c_function(name)
    if name in MATH_BINARY:
        def f2(x, y):
            try:
                return py(x, y)
            except (ValueError, OverflowError):
                return c(x, y)
        return f2

    def f1(x):
        try:
            return py(x)
        except (ValueError, OverflowError):
            return c(x)
    return f1


def arity(name: str) -> int:
    return 3 if name in MATH_TERNARY else 2 if name in MATH_BINARY else 1
