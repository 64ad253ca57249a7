"""numpy.fft in compiled code (py2wasm/fftlib, frontend/fft_calls.py),
differential against NumPy 2 (docs/arrays.md, "FFT").

Bit for bit: fft, ifft, fft2, fftn, ifftn (complex and real input, every
norm; pocketfft's complex plan is ported) at every size of SIZES but those
in TWIDDLE_DIFF, fftfreq, rfftfreq, fftshift, ifftshift. TWIDDLE_DIFF: the
sizes whose twiddle tables hold a value where py2wasm's math.cos/sin and
glibc's (which pocketfft calls) differ in the last bit; there, and for
rfft, irfft
(NumPy runs pocketfft's real plan; py2wasm the complex plan on the real
line), results agree to rounding: max |got - numpy| <= 2 log2(n) eps max |numpy| (measured: below
0.4 of that), eps of the result dtype. Exceptions: NumPy's ValueError for
n < 1 (run time), located CompileErrors for an axis out of range and rfft
of a complex array."""
from __future__ import annotations

import math

import numpy as np
import pytest

import py2wasm

SIZES = [1, 2, 3, 4, 5, 7, 8, 11, 12, 13, 16, 17, 30, 64, 97, 100, 128, 257, 1000, 1024]
TWIDDLE_DIFF = {257}  # Bluestein's tables of 514 and 525 points (docs/arrays.md "FFT")
RNG = np.random.default_rng(20261207)

_COMPILED: dict = {}


def compiled(fn):
    if fn not in _COMPILED:
        _COMPILED[fn] = py2wasm.compile(fn, opt="O0")  # Binaryen -O3 takes minutes here
    return _COMPILED[fn]


def same(got, want):
    """NumPy's values to the bit, its dtype and shape."""
    assert got.dtype == want.dtype and got.shape == want.shape, (got.dtype, want.dtype)
    assert np.array_equal(got.view(np.uint8), np.ascontiguousarray(want).view(np.uint8))


def exact_or_close(got, want, n):
    if n in TWIDDLE_DIFF:
        close(got, want, n)
    else:
        same(got, want)


def close(got, want, n):
    assert got.dtype == want.dtype and got.shape == want.shape, (got.dtype, want.dtype)
    eps = np.finfo(want.real.dtype).eps
    bound = 2 * max(1.0, math.log2(n)) * eps * (np.abs(want).max() if want.size else 0.0)
    assert np.abs(got.astype(np.complex128) - want).max() <= bound


def c2c_pair(a, n: int):
    return np.fft.fft(a, n), np.fft.ifft(a, n, norm="ortho")


def c2c_norms(a):
    return (np.fft.fft(a), np.fft.ifft(a), np.fft.fft(a, norm="forward"),
            np.fft.ifft(a, norm="forward"), np.fft.fft(a, norm="ortho"))


def data(n, dtype):
    x = RNG.standard_normal(n) * 4
    if np.dtype(dtype).kind == "c":
        x = x + 1j * RNG.standard_normal(n)
    if np.dtype(dtype).kind in "iu":
        x = np.round(x * 10)
    if np.dtype(dtype).kind == "b":
        x = x > 0
    return x.astype(dtype)


@pytest.mark.parametrize("dtype", [np.complex128, np.float64])
def test_fft_every_size_bit_exact(dtype):
    f = compiled(c2c_norms)
    for n in SIZES:
        a = data(n, dtype)
        for got, want in zip(f(a), c2c_norms(a)):
            exact_or_close(got, want, n)


@pytest.mark.parametrize("dtype", [np.complex64, np.float32, np.int64, np.bool_])
def test_fft_other_dtypes_bit_exact(dtype):
    """float32/complex64: complex64 results (single precision with a scaling
    factor, double rounded once without one, as NumPy); ints, bools: float64."""
    f = compiled(c2c_norms)
    for n in [1, 3, 8, 12, 17, 100, 257]:
        a = data(n, dtype)
        for got, want in zip(f(a), c2c_norms(a)):
            exact_or_close(got, want, n)


def test_fft_n_pads_and_truncates():
    f = compiled(c2c_pair)
    a = data(30, np.complex128)
    for n in [1, 7, 29, 30, 31, 64, 97]:
        for got, want in zip(f(a, n), c2c_pair(a, n)):
            same(got, want)


def real_pair(a, n: int):
    return np.fft.rfft(a, n), np.fft.irfft(np.fft.rfft(a), n, norm="ortho")


def test_rfft_irfft_to_rounding():
    f = compiled(real_pair)
    for n in SIZES:
        a = data(n, np.float64)
        got, want = f(a, n), real_pair(a, n)
        close(got[0], want[0], n)
        close(got[1], want[1], n)
        if n > 1:  # the round trip (rfft unscaled, irfft by 1/sqrt(n): a * sqrt(n))
            assert np.abs(got[1] / math.sqrt(n) - a).max() <= 4 * math.log2(n) * 2.2e-16 * \
                np.abs(a).max()


def irfft_kinds(c):
    return np.fft.irfft(c), np.fft.irfft(c, 9, norm="forward"), np.fft.rfft(np.fft.irfft(c))


def test_irfft_ignores_dc_and_nyquist_imaginary_parts():
    f = compiled(irfft_kinds)
    for m in [2, 3, 5, 9, 33]:
        c = data(m, np.complex128)
        for got, want in zip(f(c), irfft_kinds(c)):
            close(got, want, 2 * m)


def test_float32_real_transforms():
    f = compiled(real_pair)
    for n in [4, 7, 16, 100]:
        a = data(n, np.float32)
        got, want = f(a, n), real_pair(a, n)
        close(got[0], want[0], n)
        close(got[1], want[1], n)


def axes2d(m):
    return (np.fft.fft(m, axis=0), np.fft.ifft(m, axis=-1, norm="forward"), np.fft.fft2(m),
            np.fft.ifft2(m, norm="ortho"), np.fft.fftn(m), np.fft.ifftn(m, axes=(0,)),
            np.fft.fft(m, 6, axis=0))


def test_axes_and_2d_transforms_bit_exact():
    f = compiled(axes2d)
    m = data(35, np.complex128).reshape(5, 7)
    for got, want in zip(f(m), axes2d(m)):
        same(got, want)
    big = data(12 * 10, np.complex128).reshape(12, 10)
    for v in (big[::2, 1:8], big[::-3, ::-1], big.T):  # non-contiguous views
        for got, want in zip(f(v), axes2d(v)):
            same(got, want)


def real2d(m):
    return np.fft.rfft(m, axis=0), np.fft.rfft2(m), np.fft.irfft2(np.fft.rfft2(m)), \
        np.fft.rfftn(m, axes=(1,)), np.fft.irfftn(np.fft.rfftn(m), m.shape, axes=(0, 1))


def test_real_2d_to_rounding():
    f = compiled(real2d)
    m = data(48, np.float64).reshape(6, 8)
    for got, want in zip(f(m), real2d(m)):
        close(got, want, 48)


def three_d(t):
    return np.fft.fft(t, axis=1), np.fft.fftn(t), np.fft.fftshift(t, axes=(0, 2))


def test_3d():
    f = compiled(three_d)
    t = data(60, np.complex128).reshape(3, 4, 5)
    for got, want in zip(f(t), three_d(t)):
        same(got, want)


def freqs(n: int, d: float):
    return (np.fft.fftfreq(n), np.fft.fftfreq(n, d), np.fft.rfftfreq(n), np.fft.rfftfreq(n, d))


def test_fftfreq_rfftfreq_exact():
    f = compiled(freqs)
    for n in [1, 2, 3, 8, 11, 100, 257]:
        for d in [1.0, 0.1, 3.7e-3]:
            for got, want in zip(f(n, d), freqs(n, d)):
                same(got, want)


def shifts(a, m):
    return (np.fft.fftshift(a), np.fft.ifftshift(a), np.fft.fftshift(m), np.fft.ifftshift(m),
            np.fft.fftshift(m, axes=1), np.fft.ifftshift(m, axes=(0,)),
            np.fft.fftshift(np.fft.fftfreq(a.shape[0])))


def test_shifts_exact():
    f = compiled(shifts)
    for n in [1, 2, 5, 8]:
        a = data(n, np.float64)
        m = data(n * 3, np.float64).reshape(3, n)
        for got, want in zip(f(a, m), shifts(a, m)):
            same(got, want)


def cshift(z):
    return np.fft.fftshift(z), np.fft.ifftshift(np.fft.fft(z))


def test_shifts_complex():
    f = compiled(cshift)
    for n in [1, 4, 7]:
        z = data(n, np.complex64)
        for got, want in zip(f(z), cshift(z)):
            same(got, want)


def bad_n(a, n: int):
    return np.fft.fft(a, n)


def irfft_default(c):
    return np.fft.irfft(c)


def test_invalid_n_raises_numpys_valueerror():
    f = compiled(bad_n)
    a = data(4, np.complex128)
    for n in (0, -3):
        with pytest.raises(ValueError) as want:
            np.fft.fft(a, n)
        with pytest.raises(ValueError) as got:
            f(a, n)
        assert str(got.value) == str(want.value)
    g = compiled(irfft_default)
    c = data(1, np.complex128)
    with pytest.raises(ValueError) as want:
        np.fft.irfft(c)
    with pytest.raises(ValueError) as got:
        g(c)
    assert str(got.value) == str(want.value) == "Invalid number of FFT data points (0) specified."


def bad_axis(a):
    return np.fft.fft(a, axis=1)


def rfft_complex(a):
    return np.fft.rfft(a)


def hfft_call(a):
    return np.fft.hfft(a)


def test_refused_with_located_compile_error():
    a = data(4, np.complex128)
    with pytest.raises(py2wasm.CompileError, match="axis 1 is out of bounds for array of "
                       "dimension 1"):
        py2wasm.compile(bad_axis)(a)
    with pytest.raises(py2wasm.CompileError, match="rfft.. of a complex array"):
        py2wasm.compile(rfft_complex)(a)
    with pytest.raises(py2wasm.CompileError, match="numpy.fft.hfft"):
        py2wasm.compile(hfft_call)(a)
    with pytest.raises(py2wasm.CompileError, match="-1 as the last axis's size"):
        py2wasm.compile(irfftn_minus_one)(data(6, np.complex128).reshape(2, 3))


def irfftn_minus_one(a):  # NumPy: 3 points along the last axis, not 2 * (3 - 1)
    return np.fft.irfftn(a, s=(2, -1), axes=(0, 1))


def bad_norm(a):
    return np.fft.fft(a, norm="unitary")


def bad_norm_inverse(a):
    return np.fft.irfft(a, norm="unitary")


@pytest.mark.parametrize("fn", [bad_norm, bad_norm_inverse])
def test_invalid_norm_raises_numpys_valueerror(fn):
    a = data(4, np.complex128)
    with pytest.raises(ValueError) as want:
        fn(a)
    with pytest.raises(ValueError) as got:
        compiled(fn)(a)
    assert str(got.value) == str(want.value)
