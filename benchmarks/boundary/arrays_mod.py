"""The JS boundary benchmark's module with array functions (js_boundary.py):
scalar calls in a module that allocates, and the array calls of issue 12."""
import numpy as np
import numpy.typing as npt


def addf(x: float, y: float) -> float:
    return x + y


def addi(x: int, y: int) -> int:
    return x + y


def both(p: bool, q: bool) -> bool:
    return p and not q


def mandel(cr: float, ci: float, maxiter: int) -> int:
    zr = 0.0
    zi = 0.0
    for i in range(maxiter):
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0:
            return i
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return maxiter


def total(a: npt.NDArray[np.float64]) -> float:
    return np.sum(a)


def scale(a: npt.NDArray[np.float64], k: float) -> npt.NDArray[np.float64]:
    return a * k


def softmax(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def saxpy(a: float, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out = np.empty(len(x))
    for i in range(len(x)):
        out[i] = a * x[i] + y[i]
    return out


def saxpy_into(a: float, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64],
               out: npt.NDArray[np.float64]) -> None:
    for i in range(len(x)):
        out[i] = a * x[i] + y[i]
