"""Matrix product of two square float64 matrices as the textbook triple loop.
(`py2wasm.f64[:, :]` tells `py2wasm build` the parameters are 2-D arrays;
`py2wasm.compile` specializes on the actual arrays.)"""
import numpy as np

import py2wasm


def matmul(a: py2wasm.f64[:, :], b: py2wasm.f64[:, :]) -> py2wasm.f64[:, :]:
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
