"""Twiddle factors exp(2 pi i k / n) as pocketfft computes them.

Place in the pipeline: part of the fft library the frontend traces
(`py2wasm/fftlib/__init__.py`); written in the compiled Python subset.
A port of pocketfft's `sincos_2pibyn` (the C++ header NumPy 2 vendors):
two tables of about sqrt(n) entries each, computed with cos and sin of
multiples of pi / (4 n) folded into the first octant, and every twiddle
the product of one entry of each (k = hi * (mask + 1) + lo), rounded
once. The angle step 0.25 pi / n is computed in long double by pocketfft:
here as a double-double quotient rounded once (the same double except when
the long double result falls on a rounding boundary). `data[2k],
data[2k+1]` are cos and sin of 2 pi k / n for k < n, in float64 (float32
plans round them, as pocketfft's T(...) does).
"""
from __future__ import annotations

import math

import numpy as np

from ..libm.fma import fma

_PI_HI = 3.141592653589793
_PI_LO = 1.22514845490862e-16  # long double pi - _PI_HI, exactly


def _calc(x, n, ang):
    """pocketfft's sincos_2pibyn::calc: (cos, sin) of 2 pi x / n from the
    first octant."""
    x = x << 3
    if x < 4 * n:
        if x < 2 * n:
            if x < n:
                return math.cos(x * ang), math.sin(x * ang)
            return math.sin((2 * n - x) * ang), math.cos((2 * n - x) * ang)
        x -= 2 * n
        if x < n:
            return -math.sin(x * ang), math.cos(x * ang)
        return -math.cos((2 * n - x) * ang), math.sin((2 * n - x) * ang)
    x = 8 * n - x
    if x < 2 * n:
        if x < n:
            return math.cos(x * ang), -math.sin(x * ang)
        return math.sin((2 * n - x) * ang), -math.cos((2 * n - x) * ang)
    x -= 2 * n
    if x < n:
        return -math.sin(x * ang), -math.cos(x * ang)
    return -math.cos((2 * n - x) * ang), -math.sin((2 * n - x) * ang)


def sincos_2pibyn(n):
    """A float64 array of 2 n: cos(2 pi k / n), sin(2 pi k / n) for k < n."""
    fn = float(n)
    q = _PI_HI / fn
    r = fma(-q, fn, _PI_HI)  # exact remainder
    ang = 0.25 * (q + (r + _PI_LO) / fn)
    nval = (n + 2) // 2
    shift = 1
    while (1 << shift) * (1 << shift) < nval:
        shift += 1
    mask = (1 << shift) - 1
    v1r = np.zeros(mask + 1, dtype=np.float64)
    v1i = np.zeros(mask + 1, dtype=np.float64)
    v1r[0] = 1.0
    for i in range(1, mask + 1):
        c, s = _calc(i, n, ang)
        v1r[i] = c
        v1i[i] = s
    n2 = (nval + mask) // (mask + 1)
    v2r = np.zeros(n2, dtype=np.float64)
    v2i = np.zeros(n2, dtype=np.float64)
    v2r[0] = 1.0
    for i in range(1, n2):
        c, s = _calc(i * (mask + 1), n, ang)
        v2r[i] = c
        v2i[i] = s
    res = np.zeros(2 * n, dtype=np.float64)
    for idx in range(n):
        if 2 * idx <= n:
            a = idx & mask
            b = idx >> shift
            res[2 * idx] = v1r[a] * v2r[b] - v1i[a] * v2i[b]
            res[2 * idx + 1] = v1r[a] * v2i[b] + v1i[a] * v2r[b]
        else:
            j = n - idx
            a = j & mask
            b = j >> shift
            res[2 * idx] = v1r[a] * v2r[b] - v1i[a] * v2i[b]
            res[2 * idx + 1] = -(v1r[a] * v2i[b] + v1i[a] * v2r[b])
    return res
