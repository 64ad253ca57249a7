"""Twiddle factors exp(+-2 pi i k / n) as pocketfft computes them.

Place in the pipeline: part of the fft library the frontend traces
(`py2wasm/fftlib/__init__.py`); written in the compiled Python subset.
A port of pocketfft's `sincos_2pibyn` (the C++ header NumPy 2 vendors):
the first octant from a polynomial for cos(pi x) - 1 and sin(pi x) (fma
chains, `py2wasm.libm.fma`), the rest of it by the angle-sum formula from a
table of sqrt(n) entries, then the other octants by symmetry. The same
values to the bit as NumPy's plans, which is what makes the transforms
bit-identical for the sizes pocketfft factors without Bluestein.
`data[2k], data[2k+1]` are cos and sin of 2 pi k / n, k < n.
"""
from __future__ import annotations

import math

import numpy as np

from ..libm.fma import fma


def _sincosm1pi(a):
    """(cos(pi a) - 1, sin(pi a)) for a in [-0.25, 0.25] (pocketfft's
    my_sincosm1pi, from stackoverflow 42792939)."""
    s = a * a
    r = -1.0369917389758117e-4
    r = fma(r, s, 1.9294935641298806e-3)
    r = fma(r, s, -2.5806887942825395e-2)
    r = fma(r, s, 2.3533063028328211e-1)
    r = fma(r, s, -1.3352627688538006e+0)
    r = fma(r, s, 4.0587121264167623e+0)
    r = fma(r, s, -4.9348022005446790e+0)
    c = r * s
    r = 4.6151442520157035e-4
    r = fma(r, s, -7.3700183130883555e-3)
    r = fma(r, s, 8.2145868949323936e-2)
    r = fma(r, s, -5.9926452893214921e-1)
    r = fma(r, s, 2.5501640398732688e+0)
    r = fma(r, s, -5.1677127800499516e+0)
    s = s * a
    r = r * s
    s = fma(a, 3.1415926535897931e+0, r)
    return c, s


def _first_octant(den, res, off):
    n = (den + 4) >> 3
    if n == 0:
        return
    res[off] = 1.0
    res[off + 1] = 0.0
    if n == 1:
        return
    l1 = int(math.sqrt(n))
    tmp = np.zeros(2 * l1, dtype=np.float64)
    for i in range(1, l1):
        c, s = _sincosm1pi((2 * i) / den)
        tmp[2 * i] = c
        tmp[2 * i + 1] = s
        res[off + 2 * i] = c + 1.0
        res[off + 2 * i + 1] = s
    start = l1
    while start < n:
        c0, c1 = _sincosm1pi((2 * start) / den)
        res[off + 2 * start] = c0 + 1.0
        res[off + 2 * start + 1] = c1
        end = l1
        if start + end > n:
            end = n - start
        for i in range(1, end):
            x0 = tmp[2 * i]
            x1 = tmp[2 * i + 1]
            res[off + 2 * (start + i)] = ((c0 * x0 - c1 * x1 + c0) + x0) + 1.0
            res[off + 2 * (start + i) + 1] = (c0 * x1 + c1 * x0) + c1 + x1
        start += l1


def _first_quadrant(n, res):
    p = n
    _first_octant(n << 1, res, p)
    ndone = (n + 2) >> 2
    i = 0
    idx1 = 0
    idx2 = 2 * ndone - 2
    while i + 1 < ndone:
        res[idx1] = res[p + 2 * i]
        res[idx1 + 1] = res[p + 2 * i + 1]
        res[idx2] = res[p + 2 * i + 3]
        res[idx2 + 1] = res[p + 2 * i + 2]
        i += 2
        idx1 += 2
        idx2 -= 2
    if i != ndone:
        res[idx1] = res[p + 2 * i]
        res[idx1 + 1] = res[p + 2 * i + 1]


def _first_half(n, res):
    ndone = (n + 1) >> 1
    p = n - 1
    _first_octant(n << 2, res, p)
    i4 = 0
    i = 0
    while i4 <= n - i4:  # octant 0
        res[2 * i] = res[p + 2 * i4]
        res[2 * i + 1] = res[p + 2 * i4 + 1]
        i += 1
        i4 += 4
    while i4 - n <= 0:  # octant 1
        xm = n - i4
        res[2 * i] = res[p + 2 * xm + 1]
        res[2 * i + 1] = res[p + 2 * xm]
        i += 1
        i4 += 4
    while i4 <= 3 * n - i4:  # octant 2
        xm = i4 - n
        res[2 * i] = -res[p + 2 * xm + 1]
        res[2 * i + 1] = res[p + 2 * xm]
        i += 1
        i4 += 4
    while i < ndone:  # octant 3
        xm = 2 * n - i4
        res[2 * i] = -res[p + 2 * xm]
        res[2 * i + 1] = res[p + 2 * xm + 1]
        i += 1
        i4 += 4


def _fill_first_quadrant(n, res):
    hsqt2 = 0.7071067811865476
    quart = n >> 2
    if (n & 7) == 0:
        res[quart] = hsqt2
        res[quart + 1] = hsqt2
    i = 2
    j = 2 * quart - 2
    while i < quart:
        res[j] = res[i + 1]
        res[j + 1] = res[i]
        i += 2
        j -= 2


def _fill_first_half(n, res):
    half = n >> 1
    if (n & 3) == 0:
        i = 0
        while i < half:
            res[i + half] = -res[i + 1]
            res[i + half + 1] = res[i]
            i += 2
    else:
        i = 2
        j = 2 * half - 2
        while i < half:
            res[j] = -res[i]
            res[j + 1] = res[i + 1]
            i += 2
            j -= 2


def _fill_second_half(n, res):
    if (n & 1) == 0:
        for i in range(n):
            res[i + n] = -res[i]
    else:
        i = 2
        j = 2 * n - 2
        while i < n:
            res[j] = res[i]
            res[j + 1] = -res[i + 1]
            i += 2
            j -= 2


def sincos_2pibyn(n):
    """A float64 array of 2 n: cos(2 pi k / n), sin(2 pi k / n) for k < n."""
    res = np.zeros(2 * n + 2, dtype=np.float64)
    if (n & 3) == 0:
        _first_octant(n, res, 0)
        _fill_first_quadrant(n, res)
        _fill_first_half(n, res)
    elif (n & 1) == 0:
        _first_quadrant(n, res)
        _fill_first_half(n, res)
    else:
        _first_half(n, res)
    _fill_second_half(n, res)
    return res
