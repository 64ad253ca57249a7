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


def gemm_np(alpha: np.float64, beta: np.float64, c: py2wasm.f64[:, :], a: py2wasm.f64[:, :],
            b: py2wasm.f64[:, :]) -> None:
    """C = alpha * A @ B + beta * C with NumPy-scalar coefficients (in place)."""
    c[:] = alpha * a @ b + beta * c


def gain16(x: py2wasm.i16[:], g: np.float32, offset: np.int16) -> tuple[py2wasm.i16[:], np.float32]:
    """int16 samples scaled by a float32 gain (float32 arithmetic, cast back
    with wrap-around), shifted by an int16 offset; and the float32 peak."""
    y = (x * g).astype(np.int16) + offset
    return y, np.max(np.abs(x)) * g


def mix8(a: py2wasm.u8[:], b: py2wasm.i8[:], w: py2wasm.u16[:], k: np.uint8) -> tuple[py2wasm.u16[:], py2wasm.u32[:], np.bool_]:
    """Mixed narrow dtypes: uint8 + int8 promotes to int16, uint16 wraps,
    uint32 keeps it; a numpy.bool_ result."""
    s = a + b
    return (w + s.astype(np.uint16)) * k, w.astype(np.uint32) * 70000, a[0] > k


def np_scalars(x: np.float32, n: np.int8, u: np.uint32, flag: np.bool_) -> tuple[np.float32, np.int8, np.uint32, bool, np.int64]:
    """NumPy scalars in and out: float32 rounding, int8 wrap-around, uint32."""
    return x * 3.0 + 0.1, n * n, u + 1, not flag, np.int64(n) * 2


def u64ops(a: py2wasm.u64[:], k: np.uint64) -> tuple[py2wasm.u64[:], np.uint64, bool]:
    """uint64 elements (BigUint64Array) and scalars: wrap-around, unsigned
    division, the sum as a numpy.uint64."""
    return a * k // 3, a.sum(), bool(a[0] > k)


# The scalar boundary ABI in a module that has array functions (its exports
# also manage the arena): tests/package/cases.py runs these next to multi.py's
# scalar-only module, in Node and Chromium.
def big_here(n: int) -> int:
    """n * 1024: beyond 2**53 a RangeError carrying the BigInt."""
    return n * 1024


def floordiv_here(a: int, b: int) -> int:
    return a // b


def half(x: float) -> float:
    return x * 0.5


def both_here(p: bool, q: bool) -> bool:
    return p and not q
