"""Complex arrays and NumPy complex scalars at the npm package's boundary
(tests/package/test_complex_arrays.py): `{dtype, data, shape}` with the parts
interleaved, `{re, im}` for np.complex128 / np.complex64."""
import numpy as np
import py2wasm


def dft(x: py2wasm.c128[:]) -> py2wasm.c128[:]:
    n = x.shape[0]
    out = np.zeros(n, dtype=np.complex128)
    for k in range(n):
        s = 0j
        for j in range(n):
            s = s + x[j] * np.exp(-2j * np.pi * k * j / n)
        out[k] = s
    return out


def mandel(c: py2wasm.c128[:, :], iters: int) -> py2wasm.i64[:, :]:
    z = np.zeros_like(c)
    count = np.zeros(c.shape, dtype=np.int64)
    for _ in range(iters):
        z = z * z + c
        count += np.abs(z) <= 2.0
    return count


def phasors(amp: py2wasm.f64[:], phase: py2wasm.f64[:]) -> py2wasm.c128[:]:
    return amp * np.exp(1j * phase)


def phasor_sum(amp: py2wasm.f64[:], phase: py2wasm.f64[:], w: np.complex128) -> np.complex128:
    return np.sum(amp * np.exp(1j * phase)) * w


def scale64(z: py2wasm.c64[:], s: np.complex64) -> py2wasm.c64[:]:
    return z * s


def grid64(z: py2wasm.c64[:, :]):
    return z.T * np.complex64(2 - 1j), np.sum(z)


def conj_inplace(z: py2wasm.c128[:]) -> None:
    z[:] = np.conj(z)


def norms(z: py2wasm.c128[:, :, :]) -> py2wasm.f64[:, :, :]:
    return np.abs(z)


def sum64(z: py2wasm.c64[:, :]) -> np.complex64:
    return np.sum(z)


def affine(z: py2wasm.c128[:, :], a: np.complex128) -> py2wasm.c128[:, :]:
    return z * a + 1j
