"""Pairwise Euclidean distances between the n rows of an n x 3 matrix."""
import math

import numpy as np

import py2wasm


def pairwise(x: py2wasm.f64[:, :]) -> py2wasm.f64[:, :]:
    n, d = x.shape
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            s = 0.0
            for k in range(d):
                t = x[i, k] - x[j, k]
                s += t * t
            out[i, j] = math.sqrt(s)
    return out


def pairwise_numpy(x):
    diff = x[:, None, :] - x[None, :, :]
    return np.sqrt((diff * diff).sum(axis=-1))
