"""Softmax of a vector, written as NumPy code (the CPython column is NumPy)."""
import numpy as np
import numpy.typing as npt


def softmax(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
