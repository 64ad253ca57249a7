"""Matrix product of two square float64 matrices as the textbook triple loop.
(For `py2wasm build` the 2-D parameters need the N-d array annotation of the
NumPy-arrays issue; `py2wasm.compile` specializes on the actual arrays.)"""
import numpy as np
import numpy.typing as npt


def matmul(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p))
    for i in range(n):
        for j in range(p):
            s = 0.0
            for k in range(m):
                s += a[i, k] * b[k, j]
            c[i, j] = s
    return c


def matmul_numpy(a, b):
    return a @ b
