"""Lists of NumPy arrays and lists of NumPy scalars as arguments and results,
built into an npm package by tests/package/test_typedlists_node.py
(`Float64Array[]`, `NDArray<...>[]`, `number[]`, `boolean[]` in JavaScript)."""
import numpy as np
import numpy.typing as npt

import py2wasm


def norms(xs: list[npt.NDArray[np.float64]]) -> list[float]:
    """The Euclidean norm of each array (xs is read only)."""
    return [float(np.sqrt(np.sum(x * x))) for x in xs]


def bump(xs: list[npt.NDArray[np.float64]], k: float, n: int) -> int:
    """Adds k to each array in place; raises after the writes when n > 2."""
    for x in xs:
        x += k
    if n > 2:
        raise ValueError(f"n too large: {n}")
    return len(xs)


def pair_sum(xs: list[npt.NDArray[np.float64]]) -> npt.NDArray[np.float64]:
    """NumPy's broadcast error for mismatched shapes."""
    return xs[0] + xs[1]


def stacked(xs: list[npt.NDArray[np.float32]]) -> npt.NDArray[np.float32]:
    return np.stack(xs)


def joined(xs: list[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
    return np.concatenate(xs)


def reshuffle(xs: list[npt.NDArray[np.int32]], n: int) -> list[npt.NDArray[np.int32]]:
    """Appends new arrays, pops, reverses, writes an element: returns xs itself."""
    xs.append(np.arange(n, dtype=np.int32))
    if len(xs) > 2:
        xs.pop(0)
    xs.reverse()
    xs[0][0] = 7
    return xs


def made(n: int, m: int) -> list[py2wasm.f64[:, :]]:
    return [np.ones((m, 2)) * i for i in range(n)]


def scale2(ms: list[py2wasm.f64[:, :]], k: float) -> list[py2wasm.f64[:, :]]:
    """Scales each matrix in place; the result holds transposed views (copies in JS)."""
    for m in ms:
        m *= k
    return [m.T for m in ms]


def any_true(xs: list[npt.NDArray[np.bool_]]) -> list[bool]:
    return [bool(x.any()) for x in xs]


def halves(xs: list[npt.NDArray[np.uint8]]) -> list[npt.NDArray[np.uint8]]:
    """Views of the arguments' arrays (copies in JS) and the arrays themselves."""
    return [x[::2] for x in xs] + xs


def f32_sum(xs: list[np.float32]) -> np.float32:
    s = np.float32(0)
    for x in xs:
        s += x
    return s


def f32_thirds(n: int) -> list[np.float32]:
    return [np.float32(i) / np.float32(3) for i in range(n)]


def i8_double(xs: list[np.int8]) -> list[np.int8]:
    xs.append(np.int8(3))
    return [x * np.int8(2) for x in xs]


def u16_rev(xs: list[np.uint16]) -> list[np.uint16]:
    xs.reverse()
    return xs


def i64_grow(xs: list[np.int64], v: np.int64) -> int:
    xs.append(v)
    xs.insert(0, v * np.int64(2))
    return len(xs)


def i64_wide(n: np.int64) -> list[np.int64]:
    return [n, n * np.int64(1048576)]


def u64_sum(xs: list[np.uint64]) -> np.uint64:
    s = np.uint64(0)
    for x in xs:
        s += x
    return s


def flags(xs: list[np.bool_]) -> list[np.bool_]:
    xs.append(np.True_)
    return [np.logical_not(x) for x in xs]


def u32_fail(xs: list[np.uint32], n: int) -> np.uint32:
    xs.append(np.uint32(n))
    if n > 5:
        raise IndexError(f"bad n: {n}")
    return xs[0]


def with_array(xs: list[npt.NDArray[np.float64]], y: npt.NDArray[np.float64]) -> float:
    """An array parameter beside a list of arrays: writes through both."""
    y[0] = 5.0
    for x in xs:
        x[0] += y[0]
    return float(y.sum())


def split(xs: list[np.float32]) -> tuple[list[np.float32], list[npt.NDArray[np.float32]], int]:
    """Lists of both kinds inside a tuple result."""
    return xs[:1], [np.array(xs, dtype=np.float32), np.zeros(len(xs), dtype=np.float32)], len(xs)


def row_heads(g: list[list[np.int16]]) -> list[list[np.int16]]:
    """A list of lists of NumPy scalars: rows changed in place, a new row."""
    for r in g:
        r.append(np.int16(-1))
    g.append([np.int16(len(g))])
    return g


def grid_sums(g: list[list[npt.NDArray[np.float64]]]) -> list[list[npt.NDArray[np.float64]]]:
    """A list of lists of arrays: writes into the caller's arrays, a new row."""
    for row in g:
        for x in row:
            x *= 2.0
    g.append([np.ones(2)])
    return [[x + 1.0 for x in row] for row in g]
