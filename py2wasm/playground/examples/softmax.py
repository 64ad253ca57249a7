"""Softmax of a 1-D float64 array, NumPy style."""
import numpy as np
import numpy.typing as npt


def softmax(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """exp(x - max(x)), normalized to sum 1."""
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
