"""1-D convolution ('valid' mode, correlation form as in deep learning) of a
signal with a short filter, as explicit loops."""
import numpy as np
import numpy.typing as npt


def conv1d(x: npt.NDArray[np.float64], w: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    n = len(x) - len(w) + 1
    out = np.empty(n)
    for i in range(n):
        s = 0.0
        for k in range(len(w)):
            s += x[i + k] * w[k]
        out[i] = s
    return out


def conv1d_numpy(x, w):
    return np.correlate(x, w, mode="valid")
