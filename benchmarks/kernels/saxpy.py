"""saxpy: out = a * x + y, written as the element loop a Numba user writes."""
import numpy as np
import numpy.typing as npt


def saxpy(a: float, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out = np.empty(len(x))
    for i in range(len(x)):
        out[i] = a * x[i] + y[i]
    return out


def saxpy_numpy(a, x, y):
    return a * x + y
