"""Complex kernels written as a user would (DFT as loops and as a matrix,
vectorized mandelbrot, a scattering phase sum, radix-2 butterflies, a
power spectrum, polynomial evaluation, a complex filter, sorting spectra),
compiled for every target (mvp, simd, relaxed-simd) and compared with
NumPy 2: bit for bit where NumPy's loops are deterministic, within a few
ulps where it calls BLAS (`@`) or glibc's cexp (np.exp).

Modules under test: the complex_* frontend modules together."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import py2wasm

from .test_complex_arrays import rand, same

TARGETS = ["mvp", "simd", "relaxed-simd"]


def close(got, want, rel=1e-12):
    if isinstance(want, tuple):
        for g, w in zip(got, want):
            close(g, w, rel)
        return
    g, w = np.asarray(got), np.asarray(want)
    assert g.dtype == w.dtype and g.shape == w.shape, (g.dtype, w.dtype, g.shape, w.shape)
    scale = max(1.0, float(np.max(np.abs(w)))) if w.size else 1.0
    assert np.allclose(g, w, rtol=rel, atol=rel * scale, equal_nan=True), (g, w)


def compare(fn, args, exact, target, rel=1e-12):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = fn(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
    got = py2wasm.compile(fn, target=target)(*args)
    (same if exact else lambda g, w: close(g, w, rel))(got, want)


# 1. DFT as a double loop over NumPy complex scalars
def dft_loops(x):
    n = x.shape[0]
    out = np.zeros(n, dtype=np.complex128)
    for k in range(n):
        s = 0j
        for t in range(n):
            s = s + x[t] * np.exp(-2j * np.pi * k * t / n)
        out[k] = s
    return out


# 2. DFT as a matrix product
def dft_matrix(x):
    n = x.shape[0]
    k = np.arange(n)
    return np.exp(-2j * np.pi * np.outer(k, k) / n) @ x


# 3. vectorized mandelbrot with z = z*z + c and a mask
def mandelbrot(cre, cim, maxit):
    c = cre[None, :] + 1j * cim[:, None]
    z = np.zeros_like(c)
    counts = np.zeros(c.shape, dtype=np.int64)
    for _ in range(maxit):
        inside = np.abs(z) <= 2.0
        z = np.where(inside, z * z + c, z)
        counts = counts + inside
    return counts, z


# 4. scattering: the far-field phase sum of point scatterers
def scattering(pos, amp, qs):
    out = np.zeros(qs.shape[0], dtype=np.complex128)
    for i in range(qs.shape[0]):
        phase = np.exp(1j * qs[i] * pos)
        out[i] = (amp * phase).sum()
    return np.abs(out) ** 2, np.angle(out)


# 5. radix-2 butterflies (one stage), magnitude of the result
def butterflies(x):
    n = x.shape[0]
    half = n // 2
    even = x[0:n:2]
    odd = x[1:n:2]
    k = np.arange(half)
    tw = np.exp(-2j * np.pi * k / n) * odd
    out = np.zeros(n, dtype=np.complex128)
    out[:half] = even + tw
    out[half:] = even - tw
    return np.abs(out), out


# 6. power spectrum statistics: sums along axes of |X|^2, cumulative energy
def spectrum_stats(frames):
    p = (frames * frames.conj()).real
    total = frames.sum(axis=1)
    mean_frame = frames.mean(axis=0)
    energy = np.cumsum(np.abs(total) ** 2)
    return p.sum(axis=0), total, mean_frame, energy, frames.prod(axis=1)


# 7. Horner evaluation of a complex polynomial and its roots test
def horner(coef, z):
    acc = np.zeros_like(z)
    for i in range(coef.shape[0]):
        acc = acc * z + coef[i]
    return acc, z ** 3 - 2 * z + 1j, np.power(z, 5)


# 8. a first-order complex IIR filter (resonator) over a signal
def resonator(x, r, theta):
    pole = r * np.exp(1j * theta)
    y = np.zeros(x.shape[0], dtype=np.complex128)
    acc = 0j
    for i in range(x.shape[0]):
        acc = acc * pole + x[i]
        y[i] = acc
    return y, y.real.max(), np.argmax(np.abs(y))


# 9. sorting spectral peaks and selecting the strong ones
def peaks(spec):
    order = np.argsort(spec, kind="stable")
    strongest = spec[order[-1]]
    s = np.sort(spec)
    big = np.where(np.abs(spec) > 1.0, spec, 0)
    return order, strongest, s, big, np.count_nonzero(big), spec.max(), spec.argmin()


@pytest.mark.parametrize("target", TARGETS)
def test_dft_loops(target):
    compare(dft_loops, [rand(16, np.complex128, 1, scale=False)], False, target)


@pytest.mark.parametrize("target", TARGETS)
def test_dft_matrix(target):
    compare(dft_matrix, [rand(24, np.complex128, 2, scale=False)], False, target)


@pytest.mark.parametrize("target", TARGETS)
def test_mandelbrot(target):
    compare(mandelbrot, [np.linspace(-2.0, 0.6, 23), np.linspace(-1.2, 1.2, 17), 30], True,
            target)


@pytest.mark.parametrize("target", TARGETS)
def test_scattering(target):
    rng = np.random.default_rng(4)
    compare(scattering, [rng.uniform(-5, 5, 40), rng.uniform(0.5, 1, 40),
                         np.linspace(0.1, 3, 9)], False, target, rel=1e-11)


@pytest.mark.parametrize("target", TARGETS)
def test_butterflies(target):
    compare(butterflies, [rand(32, np.complex128, 5, scale=False)], False, target)


@pytest.mark.parametrize("target", TARGETS)
def test_spectrum_stats(target):
    compare(spectrum_stats, [rand(60, np.complex128, 6, scale=False).reshape(6, 10)], True,
            target)


@pytest.mark.parametrize("target", TARGETS)
def test_horner(target):
    compare(horner, [rand(6, np.complex128, 7, scale=False),
                     rand(25, np.complex128, 8, scale=False)], True, target)


@pytest.mark.parametrize("target", TARGETS)
def test_resonator(target):
    compare(resonator, [np.sin(np.arange(50) * 0.3), 0.95, 0.3], False, target)


@pytest.mark.parametrize("target", TARGETS)
def test_peaks(target):
    compare(peaks, [rand(40, np.complex128, 9)], True, target)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(1, 6), st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_hypothesis_spectrum_and_horner(r, c, seed):
    frames = rand(r * c, np.complex128, seed, scale=False).reshape(r, c)
    compare(spectrum_stats, [frames], True, "simd")
    compare(horner, [rand(r, np.complex128, seed + 1, scale=False),
                     rand(c, np.complex128, seed + 2, scale=False)], True, "mvp")


def test_scalar_ufunc_calls_use_array_loops():
    def f(a, b):
        z, w = a[0], b[0]
        return np.multiply(z, w), z * w, np.abs(z), abs(z)
    a, b = rand(1, np.complex128, 1), rand(1, np.complex128, 2)
    for s in range(30):
        a, b = rand(1, np.complex128, s), rand(1, np.complex128, s + 100)
        same(py2wasm.compile(f)(a, b), f(a, b))
