"""NumPy's random_standard_normal: the 256-layer ziggurat on one 64-bit
draw (8 bits of layer, a sign bit, 52 bits of magnitude), the wedge test
against exp(-x*x/2) and the tail beyond r by Marsaglia's exponential
method through log1p, with NumPy's own tables (randomlib/tables.py), read
from the module's constant data (randomlib/hooks.py zig_base).

Place in the pipeline: traced library code (randomlib/__init__.py). exp
and log1p are py2wasm's libm (within 1 ulp of CPython's): they decide only
the rare wedge and tail steps (a comparison with a uniform draw, and the
tail's value), so a draw can differ from NumPy's only when a libm result
differs in its last bit there (not seen in the tests' streams).
"""
from __future__ import annotations

import math

import numpy as np

from .hooks import load_f64, load_i64, zig_base
from .pcg64 import S8, U0, U1, next64, next_double
from .tables import ZIG_INV_R, ZIG_R

M8 = np.uint64(0xFF)
M52 = np.uint64(0x000FFFFFFFFFFFFF)


KI, WI, FI = 0, 2048, 4096  # the tables' offsets in the blob (8 bytes an entry)


def standard_normal(g):
    base = zig_base()
    while True:
        r = next64(g)
        idx = int(r & M8)
        at = base + 8 * idx
        r = r >> S8
        sign = r & U1
        rabs = (r >> U1) & M52
        x = float(rabs) * load_f64(at + WI)
        if sign != U0:
            x = -x
        if int(rabs) < load_i64(at + KI):
            return x
        if idx == 0:
            while True:
                xx = -ZIG_INV_R * math.log1p(-next_double(g))
                yy = -math.log1p(-next_double(g))
                if yy + yy > xx * xx:
                    if (rabs >> S8) & U1 != U0:
                        return -(ZIG_R + xx)
                    return ZIG_R + xx
        else:
            f0 = load_f64(at + FI)
            if (load_f64(at + FI - 8) - f0) * next_double(g) + f0 < math.exp(-0.5 * x * x):
                return x
