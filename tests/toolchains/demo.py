"""The module the toolchain matrix packages: a scalar function, Python
defaults (optional parameters in JS) and a NumPy array argument."""
import numpy as np
import numpy.typing as npt


def fma(x: float, y: float, z: float) -> float:
    """x * y + z"""
    return x * y + z


def scaled(a: float, scale: float = 2.0, shift: int = 1) -> float:
    """a * scale + shift"""
    return a * scale + shift


def total(x: npt.NDArray[np.float64], w: float = 0.5) -> float:
    """w times the sum of squares"""
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * x[i] * w
    return s
