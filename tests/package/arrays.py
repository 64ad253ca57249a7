"""NumPy array functions for the npm package tests: every dtype, 1-D and
N-d parameters and results, in-place updates, tuples of arrays and scalars,
exceptions with NumPy's formatted messages, and a function whose module
needs no memory for one of its arrays."""
import numpy as np
import numpy.typing as npt

import py2wasm


def softmax(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """exp(x - max(x)), normalized to sum 1."""
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def jacobi_2d(steps: int, a: py2wasm.f64[:, :], b: py2wasm.f64[:, :]) -> None:
    """Updates a and b in place."""
    for _ in range(steps):
        b[1:-1, 1:-1] = 0.2 * (a[1:-1, 1:-1] + a[1:-1, :-2] + a[1:-1, 2:] + a[2:, 1:-1] + a[:-2, 1:-1])
        a[1:-1, 1:-1] = 0.2 * (b[1:-1, 1:-1] + b[1:-1, :-2] + b[1:-1, 2:] + b[2:, 1:-1] + b[:-2, 1:-1])


def affine(m: py2wasm.f64[:, :], v: npt.NDArray[np.float64], k: float) -> py2wasm.f64[:, :]:
    """A 2-D result: k * m + v (broadcast over rows), transposed."""
    return (k * m + v).T


def cumsum64(a: py2wasm.i64[:]) -> py2wasm.i64[:]:
    return np.cumsum(a) * 3


def scale32(a: py2wasm.f32[:], b: py2wasm.i32[:, :]) -> tuple[py2wasm.f32[:], py2wasm.i32[:, :]]:
    return a * 1.5, b * 2 - 7


def brighten(img: py2wasm.u8[:, :, :]) -> py2wasm.u8[:, :, :]:
    """uint8 arithmetic wraps like NumPy's."""
    return img + 100


def positive(a: npt.NDArray[np.float64], mask: py2wasm.boolean[:]) -> tuple[py2wasm.boolean[:], int]:
    p = (a > 0) & mask
    return p, int(np.sum(p))


def stats(a: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], float, int]:
    """A tuple of an array and scalars; also doubles a in place."""
    a *= 2.0
    return a - a.mean(), float(a.max()), int(np.argmax(a))


def set_then_get(a: npt.NDArray[np.float64], i: int) -> float:
    """Writes a[0] before an index that may be out of bounds."""
    a[0] = 42.0
    return a[i]


def arange_half(n: int) -> npt.NDArray[np.float64]:
    """An array result without array parameters."""
    return np.arange(n) * 0.5


def total(n: int) -> float:
    """A scalar signature whose body allocates (the arena is reset per call)."""
    return float(np.ones(n).sum())


def pick(p: tuple[py2wasm.f64[:], int], q: py2wasm.i32[:, :]) -> tuple[float, py2wasm.i32[:, :]]:
    """An array inside a tuple parameter (updated in place), a transposed result."""
    p[0][0] = 9.0
    return p[0][p[1]], q.T
