"""Realistic NumPy kernels combining fancy indexing, sorting, binning, ufunc
methods and np.linalg, compiled and compared with NumPy (IR interpreter and
wasm): the shapes of code found in published scientific kernels."""
import numpy as np
import pytest

from tests.arrays.harness import check
from tests.arrays.wasm_harness import check_wasm

R = np.random.default_rng(314)


def durbin(r):
    """Levinson-Durbin recursion (PolyBench durbin) with slices and flips."""
    n = r.shape[0]
    y = np.zeros(n)
    z = np.zeros(n)
    y[0] = -r[0]
    beta = 1.0
    alpha = -r[0]
    for k in range(1, n):
        beta = (1 - alpha * alpha) * beta
        alpha = -(r[k] + np.dot(np.flip(r[:k]), y[:k])) / beta
        z[:k] = y[:k] + alpha * np.flip(y[:k])
        y[:k] = z[:k]
        y[k] = alpha
    return y


def cross_entropy(logits, labels):
    """Softmax cross-entropy: the true class picked with fancy indexing."""
    m = logits.max(axis=1, keepdims=True)
    lse = np.log(np.exp(logits - m).sum(axis=1)) + m[:, 0]
    return (lse - logits[np.arange(logits.shape[0]), labels]).mean()


def one_hot(labels, k: int):
    return np.eye(k)[labels]


def top_k(x, k: int):
    idx = np.argsort(x, kind="stable")[::-1][:k]
    return idx, x[idx]


def knn_predict(train, labels, test, k: int):
    """k-nearest neighbours: distances, argsort, majority vote by bincount."""
    d = ((test[:, None, :] - train[None, :, :]) ** 2).sum(axis=2)
    out = np.zeros(test.shape[0], dtype=np.int64)
    for i in range(test.shape[0]):
        near = np.argsort(d[i], kind="stable")[:k]
        out[i] = np.bincount(labels[near]).argmax()
    return out


def equalize(img, nbins: int):
    """Histogram equalization: histogram, cumulative sum, interpolation."""
    hist, edges = np.histogram(img.ravel(), bins=nbins)
    cdf = hist.cumsum() / hist.sum()
    centers = (edges[:-1] + edges[1:]) / 2
    return np.interp(img.ravel(), centers, cdf).reshape(img.shape)


def peaks(x):
    """Strict local maxima from the signs of the first difference."""
    d = np.diff(x)
    return np.nonzero((d[:-1] > 0) & (d[1:] < 0))[0] + 1


def run_lengths(x):
    """Run-length encoding: run starts, lengths and values."""
    change = np.nonzero(np.diff(x) != 0)[0] + 1
    starts = np.concatenate((np.zeros(1, dtype=np.int64), change))
    ends = np.concatenate((change, np.full(1, x.shape[0])))
    return starts, ends - starts, x[starts]


def coo_to_dense(rows, cols, vals, n: int, m: int):
    """COO sparse to dense: repeated coordinates add up (np.add.at)."""
    out = np.zeros((n, m))
    np.add.at(out, (rows, cols), vals)
    return out


def moving_median(x, w: int):
    n = x.shape[0] - w + 1
    out = np.empty(n)
    for i in range(n):
        out[i] = np.median(x[i:i + w])
    return out


def clip_percentiles(x):
    lo = np.percentile(x, 5.0)
    hi = np.percentile(x, 95.0)
    return np.clip(x, lo, hi)


def mode_of(x):
    values, counts = np.unique(x, return_counts=True)
    return values[np.argmax(counts)]


def lu_solve_many(a, bs):
    """Several right-hand sides at once, and their residual norms."""
    x = np.linalg.solve(a, bs)
    return x, np.linalg.norm(a @ x - bs, axis=0)


def power_iteration(a, steps: int):
    v = np.ones(a.shape[0]) / np.sqrt(a.shape[0])
    for _ in range(steps):
        w = a @ v
        v = w / np.linalg.norm(w)
    return v @ (a @ v)


def pairwise_upper(x):
    """Pairwise distances of the upper triangle, sorted."""
    d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
    i, j = np.nonzero(np.triu(np.ones(d.shape), 1))
    return np.sort(d[i, j])


def grid_potential(n: int):
    """A potential on an mgrid mesh, reduced along each axis."""
    y, x = np.mgrid[0:n, 0:n]
    r = np.sqrt((x - n / 2.0) ** 2 + (y - n / 2.0) ** 2) + 1.0
    p = 1.0 / r
    return p.sum(axis=0), np.add.reduce(p, axis=1), np.maximum.accumulate(p[0])


KERNELS = [
    (durbin, (np.array([0.5, 0.2, 0.1, 0.05, -0.02, 0.01]),), 1e-10),
    (cross_entropy, (R.normal(size=(6, 4)), R.integers(0, 4, size=6)), 1e-10),
    (cross_entropy, (R.normal(size=(3, 4)), np.array([0, 4, 1])), 1e-10),   # IndexError
    (one_hot, (np.array([2, 0, 1, 2]), 3), 0.0),
    (top_k, (R.normal(size=20), 5), 0.0),
    (knn_predict, (R.normal(size=(20, 2)), R.integers(0, 3, size=20), R.normal(size=(5, 2)), 4), 0.0),
    (equalize, (R.uniform(size=(6, 7)), 8), 1e-10),
    (peaks, (np.sin(np.linspace(0, 20, 80)),), 0.0),
    (run_lengths, (np.array([1, 1, 2, 2, 2, 3, 1, 1]),), 0.0),
    (coo_to_dense, (np.array([0, 1, 0, 2]), np.array([1, 1, 1, 0]), np.array([1.0, 2.0, 3.0, 4.0]), 3, 2), 0.0),
    (coo_to_dense, (np.array([0, 5]), np.array([1, 1]), np.array([1.0, 2.0]), 3, 2), 0.0),  # IndexError
    (moving_median, (R.normal(size=15), 4), 0.0),
    (clip_percentiles, (R.normal(size=50),), 0.0),
    (mode_of, (R.integers(0, 5, size=30),), 0.0),
    (lu_solve_many, (R.normal(size=(5, 5)) + 5 * np.eye(5), R.normal(size=(5, 3))), 1e-9),
    (power_iteration, (np.diag([3.0, 1.0, 0.5]) + 0.1, 30), 1e-10),
    (pairwise_upper, (R.normal(size=(6, 3)),), 1e-12),
    (grid_potential, (7,), 1e-12),
]


@pytest.mark.parametrize("run", [check, check_wasm])
@pytest.mark.parametrize("fn,args,rtol", KERNELS, ids=[f"{k[0].__name__}-{i}" for i, k in
                                                        enumerate(KERNELS)])
def test_kernel(run, fn, args, rtol):
    run(fn, *args, rtol=max(rtol, 1e-12), atol=1e-13 if rtol else 0.0)


def unpack_rows(pts):
    x, y = pts.T
    return np.hypot(x, y)


def unpack_scalars(v):
    a, b, c = v
    return a * b + c


@pytest.mark.parametrize("run", [check, check_wasm])
def test_unpacking_arrays(run):
    run(unpack_rows, R.normal(size=(5, 2)))
    run(unpack_rows, R.normal(size=(5, 3)))        # ValueError: too many values
    run(unpack_rows, R.normal(size=(5, 1)))        # ValueError: not enough values
    run(unpack_scalars, np.array([1.5, 2.0, -1.0]))
