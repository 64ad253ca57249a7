"""Realistic kernels using fancy indexing, sorting, binning, ufunc methods,
einsum and np.linalg, built into an npm package by tests/package/
test_numpy_kernels.py and called from Node against NumPy."""
import numpy as np

import py2wasm


def csr_matvec(data: py2wasm.f64[:], indices: py2wasm.i64[:], indptr: py2wasm.i64[:],
               x: py2wasm.f64[:]) -> py2wasm.f64[:]:
    n = indptr.shape[0] - 1
    y = np.zeros(n)
    for i in range(n):
        s, e = indptr[i], indptr[i + 1]
        y[i] = np.sum(data[s:e] * x[indices[s:e]])
    return y


def kmeans_step(X: py2wasm.f64[:, :], C: py2wasm.f64[:, :]) -> tuple[py2wasm.i64[:], py2wasm.f64[:, :]]:
    d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    labels = d.argmin(axis=1)
    newc = C.copy()
    for k in range(C.shape[0]):
        members = X[labels == k]
        if members.shape[0] > 0:
            newc[k] = members.mean(axis=0)
    return labels, newc


def radial_histogram(r: py2wasm.f64[:], w: py2wasm.f64[:], nbins: int) -> tuple[py2wasm.f64[:], py2wasm.f64[:]]:
    counts, edges = np.histogram(r, bins=nbins)
    idx = np.digitize(r, edges[1:-1])
    sums = np.bincount(idx, weights=w, minlength=nbins)
    return sums / np.maximum(counts, 1), edges


def nbody_energy(pos: py2wasm.f64[:, :], mass: py2wasm.f64[:]) -> float:
    d = pos[:, None, :] - pos[None, :, :]
    r = np.sqrt((d * d).sum(axis=2))
    inv = np.triu(1.0 / (r + np.eye(r.shape[0])), 1)
    return -(mass[:, None] * mass[None, :] * inv).sum()


def correlation(x: py2wasm.f64[:, :]) -> py2wasm.f64[:, :]:
    return np.corrcoef(x, rowvar=False)


def robust(x: py2wasm.f64[:]) -> tuple[py2wasm.f64[:], float, float]:
    return np.sort(x), np.median(x), np.percentile(x, 90.0)


def scatter_add(out: py2wasm.f64[:], idx: py2wasm.i64[:], vals: py2wasm.f64[:]) -> None:
    np.add.at(out, idx, vals)
    out[idx[:1]] += 100.0


def spd_solve(a: py2wasm.f64[:, :], b: py2wasm.f64[:]) -> tuple[py2wasm.f64[:], float]:
    low = np.linalg.cholesky(a)
    x = np.linalg.solve(low.T, np.linalg.solve(low, b))
    return x, np.linalg.det(a)


def batched_trace(a: py2wasm.f64[:, :, :], b: py2wasm.f64[:, :, :]) -> py2wasm.f64[:]:
    return np.einsum("bij,bji->b", a, b)


def ranks(x: py2wasm.f64[:]) -> py2wasm.i64[:]:
    return np.argsort(np.argsort(x, kind="stable"), kind="stable")
