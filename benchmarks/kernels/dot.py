"""Dot product as an explicit loop (sequential sum, Python's order)."""
import numpy as np
import numpy.typing as npt


def dot(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> float:
    s = 0.0
    for i in range(len(x)):
        s += x[i] * y[i]
    return s


def dot_numpy(x, y):
    return float(np.dot(x, y))
