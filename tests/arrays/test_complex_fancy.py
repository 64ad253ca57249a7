"""Masks and integer-array indexing of complex arrays (frontend/complex_fancy.py)
compiled vs NumPy on every target, bit for bit: reads (1-D, 2-D, rows,
several index arrays, with slices, negative indices), writes of numbers,
complex and real arrays, one value per true element, complex64; NumPy's
IndexError and ValueError messages; the FFT filter idiom."""

import numpy as np
import pytest

from tests.arrays.like_numpy import check_like_numpy

R = np.random.default_rng(5)
Z = R.normal(size=6) + 1j * R.normal(size=6)
Z2 = (R.normal(size=(4, 3)) + 1j * R.normal(size=(4, 3)))
ARGS = [(Z, Z2, 2), (Z[::-1], Z2[:, ::-1], -1), (Z.astype(np.complex64), Z2.astype(np.complex64), 1),
        (Z[:0], Z2[:0], 0), (Z, Z2, 7)]


def cf_mask_read(z, m, k):
    return z[np.abs(z) > 1], z[z.real < 0], m[np.abs(m) > 1], m[m.imag > 0.5]


def cf_row_mask(z, m, k):
    return m[m[:, 0].real > 0], m[:, np.array([True, False, True])]


def cf_fancy_read(z, m, k):
    return z[[0, -1]], z[np.array([k, 0])], m[[1, 0]], m[np.array([0, 2]), np.array([1, 1])], m[1:, [0, 2]]


def cf_mask_write(z, m, k):
    w, v = z.copy(), m.copy()
    w[np.abs(w) > 1] = 0
    v[v.real > 0] = 1j * k
    v[np.abs(v) < 0.5] = 2.5
    return w, v


def cf_mask_values(z, m, k):
    w = z.copy()
    sel = w.imag > 0
    w[sel] = w[sel] * 1j + k
    v = m.copy()
    v[v.real > 0] = np.arange(np.count_nonzero(m.real > 0))
    return w, v


def cf_fancy_write(z, m, k):
    w, v = z.copy(), m.copy()
    w[[1, 3]] = 1j
    w[np.array([k, 0])] = np.array([2 + 2j, -1j])
    v[[0, 2]] = v[[2, 0]]
    v[np.array([1]), np.array([2])] = 9 - 9j
    return w, v


def cf_bad_mask_count(z, m, k):
    w = z.copy()
    w[np.abs(w) > 0] = np.array([1j, 2j])
    return w


def cf_bad_index(z, m, k):
    return z[np.array([k, 100])]


def cf_fft_filter(z, m, k):
    f = np.fft.fft(z.real)
    freqs = np.fft.fftfreq(z.shape[0])
    f[np.abs(freqs) > 0.3] = 0
    return np.fft.ifft(f).real


FUNCS = [v for k, v in sorted(globals().items()) if k.startswith("cf_")]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", FUNCS, ids=lambda f: f.__name__)
def test_complex_masks_and_fancy_like_numpy(fn, target):
    check_like_numpy(fn, [a for a in ARGS if a[0].size or fn is not cf_fft_filter], target)
