"""The plan of a complex FFT of length n: pocketfft's choice between its
FFTPACK-style plan and Bluestein's algorithm, and Bluestein's algorithm.

Place in the pipeline: part of the fft library the frontend traces
(`py2wasm/fftlib/__init__.py`); written in the compiled Python subset.
`pocketfft_c` runs the factored plan (`cfft.cfft`) unless n >= 50 has a
prime factor p with p * p > n and Bluestein's cost estimate (2 transforms
of the good size >= 2 n - 1, times a fudge factor 1.5) is below the
factored plan's (`cost_guess`). Bluestein (`fftblue`): chirp b_k from the
twiddles of 2 n at k^2 mod 2 n, its transform precomputed, normalised by
1 / n2; each line is multiplied by the chirp, transformed forward,
multiplied by the chirp's transform, transformed backward and multiplied
by the chirp and the factor, in pocketfft's order of operations.
A plan is a tuple (blue, tw, bkr, bki, bkfr, bkfi, akr, aki, wr, wi):
`tw` the twiddles of the length the factored plan runs (n, or n2 for
Bluestein), the rest Bluestein's arrays and the scratch lines.
"""
from __future__ import annotations

import numpy as np

from .cfft import cfft
from .twiddle import sincos_2pibyn


def largest_prime_factor(n):
    res = 1
    while (n & 1) == 0:
        res = 2
        n = n >> 1
    x = 3
    while x * x <= n:
        while n % x == 0:
            res = x
            n = n // x
        x += 2
    if n > 1:
        res = n
    return res


def cost_guess(n):
    ni = n
    result = 0.0
    while (n & 1) == 0:
        result += 2.0
        n = n >> 1
    x = 3
    while x * x <= n:
        while n % x == 0:
            if x <= 5:
                result += float(x)
            else:
                result += 1.1 * float(x)
            n = n // x
        x += 2
    if n > 1:
        if n <= 5:
            result += float(n)
        else:
            result += 1.1 * float(n)
    return result * float(ni)


def good_size_cmplx(n):
    """The smallest 2^a 3^b 5^c 7^d 11^e >= n (pocketfft's search)."""
    if n <= 12:
        return n
    best = 2 * n
    f11 = 1
    while f11 < best:
        f117 = f11
        while f117 < best:
            f1175 = f117
            while f1175 < best:
                x = f1175
                while x < n:
                    x *= 2
                while True:
                    if x < n:
                        x *= 3
                    elif x > n:
                        if x < best:
                            best = x
                        if (x & 1) == 1:
                            break
                        x = x >> 1
                    else:
                        return n
                f1175 *= 5
            f117 *= 7
        f11 *= 11
    return best


def use_bluestein(n):
    tmp = 0
    if n >= 50:
        tmp = largest_prime_factor(n)
    if tmp * tmp <= n:
        return False
    comp1 = cost_guess(n)
    comp2 = 2.0 * cost_guess(good_size_cmplx(2 * n - 1))
    comp2 *= 1.5
    return comp2 < comp1


def make_plan(n, zero):
    """The plan for length n; `zero` is a 1-element array of the working
    dtype (float64 or float32): every table is made in that dtype."""
    if use_bluestein(n):
        n2 = good_size_cmplx(2 * n - 1)
        tw = sincos_2pibyn(n2).astype(zero.dtype)
        t2 = sincos_2pibyn(2 * n).astype(zero.dtype)
        bkr = np.zeros(n, dtype=zero.dtype)
        bki = np.zeros(n, dtype=zero.dtype)
        bkr[0] = 1.0
        coeff = 0
        for m in range(1, n):
            coeff += 2 * m - 1
            if coeff >= 2 * n:
                coeff -= 2 * n
            bkr[m] = t2[2 * coeff]
            bki[m] = t2[2 * coeff + 1]
        one = zero[0] + 1.0
        xn2 = one / (zero[0] + n2)
        tr = np.zeros(n2, dtype=zero.dtype)
        ti = np.zeros(n2, dtype=zero.dtype)
        tr[0] = bkr[0] * xn2
        ti[0] = bki[0] * xn2
        for m in range(1, n):
            tr[m] = bkr[m] * xn2
            ti[m] = bki[m] * xn2
            tr[n2 - m] = tr[m]
            ti[n2 - m] = ti[m]
        wr = np.zeros(n2, dtype=zero.dtype)
        wi = np.zeros(n2, dtype=zero.dtype)
        cfft(tr, ti, 1.0, -1.0, tw, wr, wi)
        h = n2 // 2 + 1
        bkfr = tr[:h].copy()
        bkfi = ti[:h].copy()
        akr = np.zeros(n2, dtype=zero.dtype)
        aki = np.zeros(n2, dtype=zero.dtype)
        return True, tw, bkr, bki, bkfr, bkfi, akr, aki, wr, wi
    tw = sincos_2pibyn(n).astype(zero.dtype)
    e = np.zeros(1, dtype=zero.dtype)
    wr = np.zeros(n, dtype=zero.dtype)
    wi = np.zeros(n, dtype=zero.dtype)
    return False, tw, e, e, e, e, e, e, wr, wi


def _mul(akr, aki, m, wr, wi):
    """akf[m] = akf[m] times (wr + i wi) (pocketfft's special_mul, the sign
    already in wi)."""
    r = akr[m]
    i = aki[m]
    akr[m] = r * wr - i * wi
    aki[m] = r * wi + i * wr


def execute(plan, cr, ci, fct, s):
    """Transform the line (cr, ci) in place with `plan` (s = -1.0 forward,
    +1.0 backward; `fct` the normalisation factor, 1.0 for none)."""
    blue, tw, bkr, bki, bkfr, bkfi, akr, aki, wr, wi = plan
    if not blue:
        cfft(cr, ci, fct, s, tw, wr, wi)
        return
    n = cr.shape[0]
    n2 = akr.shape[0]
    for m in range(n):
        br = bkr[m]
        bi = s * bki[m]
        akr[m] = cr[m] * br - ci[m] * bi
        aki[m] = cr[m] * bi + ci[m] * br
    for m in range(n, n2):
        akr[m] = 0.0
        aki[m] = 0.0
    cfft(akr, aki, 1.0, -1.0, tw, wr, wi)
    _mul(akr, aki, 0, bkfr[0], -s * bkfi[0])
    for m in range(1, (n2 + 1) // 2):
        _mul(akr, aki, m, bkfr[m], -s * bkfi[m])
        _mul(akr, aki, n2 - m, bkfr[m], -s * bkfi[m])
    if n2 % 2 == 0:
        _mul(akr, aki, n2 // 2, bkfr[n2 // 2], -s * bkfi[n2 // 2])
    cfft(akr, aki, 1.0, 1.0, tw, wr, wi)
    for m in range(n):
        br = bkr[m]
        bi = s * bki[m]
        r = akr[m] * br - aki[m] * bi
        i = akr[m] * bi + aki[m] * br
        cr[m] = r * fct
        ci[m] = i * fct
