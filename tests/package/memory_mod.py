"""The module of the memory API tests (test_memory_api.py): functions that
write their arguments, only read them, grow the memory during a call and
return arrays (new, or an argument itself)."""
import numpy as np
import numpy.typing as npt

import py2wasm


def add_into(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], out: npt.NDArray[np.float64]) -> None:
    for i in range(len(out)):
        out[i] = x[i] + y[i]


def total(a: npt.NDArray[np.float64]) -> float:
    return np.sum(a)


def grow_then_sum(a: npt.NDArray[np.float64], n: int) -> float:
    """Allocates n float64 (the memory grows during the call), then reads `a`."""
    z = np.zeros(n)
    z[n - 1] = 1.0
    return np.sum(a) + np.sum(z)


def scaled(a: npt.NDArray[np.float64], k: float) -> npt.NDArray[np.float64]:
    return a * k


def same(a: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return a


def split(a: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], float, npt.NDArray[np.float64]]:
    return a * 2.0, np.sum(a), a + 1.0


def rowsum(m: py2wasm.f64[:, :]) -> npt.NDArray[np.float64]:
    return np.sum(m, axis=1)


def big(n: int) -> int:
    return n * 1024


def ints(n: int) -> tuple[int, int]:
    return n * 1024, n * 2048


def blocks(a: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.float64]:
    """A 4-D result (its sizes come back in memory) of k * 2 * 3 * 1 elements."""
    return (a * 2.0).reshape(k, 2, 3, 1)


def blocks5(a: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.int32]:
    """A 5-D result (more than 4 dimensions: the sizes come back as results)."""
    return a.astype(np.int32).reshape(k, 1, 2, 3, 1)


def dot2(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> float:
    """Reads both arguments only (they may share memory)."""
    return np.sum(a * b)


def wsum(a: npt.NDArray[np.int32], b: npt.NDArray[np.float32], c: npt.NDArray[np.uint8],
         d: npt.NDArray[np.float64], e: npt.NDArray[np.int16]) -> float:
    """Five read-only arguments of five dtypes (the wrappers' inline copy of
    small arguments: scratch slots 0-3, then `put`)."""
    return float(np.sum(a)) + 2.0 * float(np.sum(b)) + 3.0 * float(np.sum(c)) + 4.0 * np.sum(d) + 5.0 * float(np.sum(e))
