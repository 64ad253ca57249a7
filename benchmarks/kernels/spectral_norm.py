"""Spectral norm (Benchmarks Game): ten power iterations of A^T A on vectors of
length n, A[i, j] = 1 / ((i + j)(i + j + 1) / 2 + i + 1). The two vectors are
NumPy arrays, so py2wasm compiles it once arrays are supported."""
import math

import numpy as np


def _eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def _a_times_u(u, au):
    n = len(u)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += _eval_a(i, j) * u[j]
        au[i] = s


def _at_times_u(u, atu):
    n = len(u)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += _eval_a(j, i) * u[j]
        atu[i] = s


def spectral_norm(n: int) -> float:
    u = np.ones(n)
    v = np.zeros(n)
    tmp = np.zeros(n)
    for _ in range(10):
        _a_times_u(u, tmp)
        _at_times_u(tmp, v)
        _a_times_u(v, tmp)
        _at_times_u(tmp, u)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(vbv / vv)
