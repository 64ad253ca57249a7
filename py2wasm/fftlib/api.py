"""`numpy.fft` entry points for compiled code: one transform along one axis,
the frequency helpers and the shifts.

Place in the pipeline: part of the fft library the frontend traces
(`py2wasm/fftlib/__init__.py`); written in the compiled Python subset and
called by `frontend/fft_calls.py`, which has already bound NumPy's
arguments, normalised `axis` (a known int >= 0) and turned `norm` and the
direction into `mode` (0: no scaling, 1: 1/sqrt(n), 2: 1/n). An array is seen as (outer, length, inner) around the axis: each
line is copied into the working arrays (zero-padded or truncated to `n`,
as NumPy's copy_input), transformed by `plan.execute` and written out.
float32 and complex64 inputs give single-precision results. NumPy's ufunc
runs its single-precision loop only for an exact match (complex64 into
fft/ifft/irfft, float32 into rfft) with a float32 scaling factor; with no
scaling (the factor is the Python int 1) or a float32 array into fft, its
type resolution picks the double loop (the factor still rounded to
float32) and the result is rounded once. `_work` mirrors that choice;
everything else is computed in float64.
"""
from __future__ import annotations

import math

import numpy as np

from ..intrinsics import raise_if
from .plan import execute, make_plan


def _work(x, a, mode, kind):
    """The float64 array x in the working dtype: float32 when NumPy runs its
    single-precision loop, an exact match (kind 0, complex input: complex64;
    kind 1, real input: float32) with a scaling factor. (The tests are
    written inline: known when tracing, as `mode` and `kind` are.)"""
    if mode != 0 and ((kind == 0 and a.dtype == np.complex64) or
                      (kind == 1 and a.dtype == np.float32)):
        return x.astype(np.float32)
    return x


def _cresult(shape, a):
    if a.dtype == np.float32 or a.dtype == np.complex64:
        return np.zeros(shape, dtype=np.complex64)
    return np.zeros(shape, dtype=np.complex128)


def _rresult(shape, a):
    if a.dtype == np.float32 or a.dtype == np.complex64:
        return np.zeros(shape, dtype=np.float32)
    return np.zeros(shape, dtype=np.float64)


def _fct(n, mode, a, kind):
    """NumPy's normalisation factor: reciprocal(sqrt(n)) or reciprocal(n) in
    the real dtype of `a` (float32 for float32 and complex64 input), a
    float32 scalar when the transform runs in single precision (`_work`),
    else that value as a float64."""
    if mode != 0 and ((kind == 0 and a.dtype == np.complex64) or
                      (kind == 1 and a.dtype == np.float32)):
        one = np.float32(1.0)
        if mode == 1:
            return one / np.sqrt(np.float32(n))
        return one / np.float32(n)
    if a.dtype == np.float32 or a.dtype == np.complex64:
        if mode == 1:
            return float(np.float32(1.0) / np.sqrt(np.float32(n)))
        if mode == 2:
            return float(np.float32(1.0) / np.float32(n))
        return 1.0
    if mode == 1:
        return 1.0 / math.sqrt(n)
    if mode == 2:
        return 1.0 / n
    return 1.0


def _outer(shape, axis):
    o = 1
    for d in shape[:axis]:
        o *= d
    return o


def _inner(shape, axis):
    o = 1
    for d in shape[axis + 1:]:
        o *= d
    return o


def _line(x, o, i, k, re, im):
    """The line x[o, :k, i] into the work arrays (re, im), zero-padded to
    their length (NumPy's `n=` longer than the axis)."""
    for j in range(re.shape[0]):
        re[j] = 0.0
        im[j] = 0.0
    if x.dtype == np.complex128 or x.dtype == np.complex64:
        xr = x.real
        xi = x.imag
        for j in range(k):
            re[j] = xr[o, j, i]
            im[j] = xi[o, j, i]
    else:
        for j in range(k):
            re[j] = x[o, j, i]


def c2c(a, n, axis, mode, s):
    """fft (s = -1.0) or ifft (s = 1.0) of `a` along `axis`, `n` points
    (-1: the axis length)."""
    shape = a.shape
    m = shape[axis]
    if n == -1:
        n = m
    raise_if(n < 1, ValueError, "Invalid number of FFT data points ({0}) specified.", n)
    outer = _outer(shape, axis)
    inner = _inner(shape, axis)
    x = np.ascontiguousarray(a).reshape((outer, m, inner))
    out = _cresult((outer, n, inner), a)
    outr = out.real
    outi = out.imag
    plan = make_plan(n, _work(np.zeros(1), a, mode, 0))
    cr = _work(np.zeros(n), a, mode, 0)
    ci = _work(np.zeros(n), a, mode, 0)
    fct = _fct(n, mode, a, 0)
    k = min(m, n)
    for o in range(outer):
        for i in range(inner):
            _line(x, o, i, k, cr, ci)
            execute(plan, cr, ci, fct, s)
            for j in range(n):
                outr[o, j, i] = cr[j]
                outi[o, j, i] = ci[j]
    return out.reshape(shape[:axis] + (n,) + shape[axis + 1:])


def r2c(a, n, axis, mode):
    """rfft of the real array `a` along `axis`: the first n // 2 + 1
    coefficients of the complex transform."""
    shape = a.shape
    m = shape[axis]
    if n == -1:
        n = m
    raise_if(n < 1, ValueError, "Invalid number of FFT data points ({0}) specified.", n)
    outer = _outer(shape, axis)
    inner = _inner(shape, axis)
    nh = n // 2 + 1
    x = np.ascontiguousarray(a).reshape((outer, m, inner))
    out = _cresult((outer, nh, inner), a)
    outr = out.real
    outi = out.imag
    plan = make_plan(n, _work(np.zeros(1), a, mode, 1))
    cr = _work(np.zeros(n), a, mode, 1)
    ci = _work(np.zeros(n), a, mode, 1)
    fct = _fct(n, mode, a, 1)
    k = min(m, n)
    for o in range(outer):
        for i in range(inner):
            _line(x, o, i, k, cr, ci)
            execute(plan, cr, ci, fct, -1.0)
            for j in range(nh):
                outr[o, j, i] = cr[j]
                outi[o, j, i] = ci[j]
            outi[o, 0, i] = 0.0
            if n % 2 == 0:
                outi[o, nh - 1, i] = 0.0
    return out.reshape(shape[:axis] + (nh,) + shape[axis + 1:])


def c2r(a, n, axis, mode):
    """irfft of the Hermitian half-spectrum `a` along `axis`, `n` output
    points (-1: 2 (m - 1)); the imaginary parts of the zero (and, for even
    n, the Nyquist) coefficient are ignored, as pocketfft's c2r."""
    shape = a.shape
    m = shape[axis]
    if n == -1:
        n = 2 * (m - 1)
    raise_if(n < 1, ValueError, "Invalid number of FFT data points ({0}) specified.", n)
    outer = _outer(shape, axis)
    inner = _inner(shape, axis)
    nh = n // 2 + 1
    x = np.ascontiguousarray(a).reshape((outer, m, inner))
    out = _rresult((outer, n, inner), a)
    plan = make_plan(n, _work(np.zeros(1), a, mode, 0))
    cr = _work(np.zeros(n), a, mode, 0)
    ci = _work(np.zeros(n), a, mode, 0)
    hr = _work(np.zeros(nh), a, mode, 0)
    hi = _work(np.zeros(nh), a, mode, 0)
    fct = _fct(n, mode, a, 0)
    k = min(m, nh)
    for o in range(outer):
        for i in range(inner):
            _line(x, o, i, k, hr, hi)
            cr[0] = hr[0]
            ci[0] = 0.0
            for j in range(1, nh):
                cr[j] = hr[j]
                ci[j] = hi[j]
                if n - j != j:
                    cr[n - j] = hr[j]
                    ci[n - j] = -hi[j]
                else:
                    ci[j] = 0.0
            execute(plan, cr, ci, fct, 1.0)
            for j in range(n):
                out[o, j, i] = cr[j]
    return out.reshape(shape[:axis] + (n,) + shape[axis + 1:])


def fftfreq(n, d=1.0):
    """NumPy's fftfreq: integers times 1 / (n d)."""
    val = 1.0 / (n * d)
    results = np.zeros(n, dtype=np.int64)
    h = (n - 1) // 2 + 1
    for i in range(h):
        results[i] = i
    k = -(n // 2)
    for i in range(h, n):
        results[i] = k
        k += 1
    return results * val


def rfftfreq(n, d=1.0):
    """NumPy's rfftfreq: 0 .. n // 2 times 1 / (n d)."""
    val = 1.0 / (n * d)
    h = n // 2 + 1
    results = np.zeros(h, dtype=np.int64)
    for i in range(h):
        results[i] = i
    return results * val


def roll_axis(x, axis, sign):
    """np.roll(x, sign * (x.shape[axis] // 2), axis) as a new array (one
    axis of fftshift, sign 1, or ifftshift, sign -1)."""
    shape = x.shape
    m = shape[axis]
    outer = _outer(shape, axis)
    inner = _inner(shape, axis)
    y = np.ascontiguousarray(x).reshape((outer, m, inner))
    out = np.zeros((outer, m, inner), dtype=x.dtype)
    k = sign * (m // 2)
    for o in range(outer):
        for j in range(m):
            t = (j + k) % m
            for i in range(inner):
                out[o, t, i] = y[o, j, i]
    return out.reshape(shape)
