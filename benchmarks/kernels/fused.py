"""A fused elementwise expression: NumPy evaluates it with four temporaries,
py2wasm fuses it into one loop. The source is NumPy code, so the CPython
column is NumPy itself."""
import numpy as np
import numpy.typing as npt


def fused(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64],
          c: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.sqrt(a * a + b * b) * c + 1.0
