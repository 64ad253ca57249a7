"""Floyd-Warshall all-pairs shortest paths, in place on an n x n distance matrix."""
import numpy as np

import py2wasm


def floyd_warshall(d: py2wasm.f64[:, :]) -> None:
    n = d.shape[0]
    for k in range(n):
        for i in range(n):
            dik = d[i, k]
            for j in range(n):
                t = dik + d[k, j]
                if t < d[i, j]:
                    d[i, j] = t


def floyd_warshall_numpy(d):
    for k in range(d.shape[0]):
        np.minimum(d, d[:, k, None] + d[None, k, :], out=d)
