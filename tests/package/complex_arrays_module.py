"""Complex arrays as temporaries inside npm package functions
(tests/package/test_complex_arrays.py): the JavaScript boundary carries
float arrays and Python complex scalars ({re, im})."""
import numpy as np
import py2wasm


def rotate(re: py2wasm.f64[:], im: py2wasm.f64[:], theta: float):
    z = (re + 1j * im) * np.exp(1j * theta)
    return z.real, z.imag


def dft_power(x: py2wasm.f64[:]) -> py2wasm.f64[:]:
    n = x.shape[0]
    t = np.arange(n)
    out = np.empty(n)
    for k in range(n):
        out[k] = np.abs(np.sum(x * np.exp(-2j * np.pi * k * t / n))) ** 2
    return out


def mandel_grid(re: py2wasm.f64[:], im: py2wasm.f64[:], iters: int) -> py2wasm.i64[:, :]:
    c = re[None, :] + 1j * im[:, None]
    z = np.zeros_like(c)
    count = np.zeros(c.shape, dtype=np.int64)
    for _ in range(iters):
        z = z * z + c
        count += np.abs(z) <= 2.0
    return count


def total(re: py2wasm.f64[:], im: py2wasm.f64[:]) -> complex:
    return complex(np.sum(re + 1j * im))
