"""Data-analysis kernels in mixed styles: module constants, float32
annotations, try/except in a loop (compiled), while/else, masks and np.nonzero,
np.unique/np.bincount, np.diff/np.gradient, np.linalg (lstsq, inv, det, svd,
norm with axis), closures passed to a solver. np.vander and np.gradient too."""
import math

import numpy as np
import numpy.typing as npt

from .cases import C, rng

G = 6.674e-11
EPS = 1e-12


def orbital_energy(m1: float, m2: float, r, v) -> float:
    return 0.5 * m2 * float(np.dot(v, v)) - G * m1 * m2 / float(np.linalg.norm(r))


def leaky_integrate32(x: npt.NDArray[np.float32], tau: float) -> npt.NDArray[np.float32]:
    a = np.float32(math.exp(-1.0 / tau))
    out = np.empty_like(x)
    s = np.float32(0.0)
    for i in range(x.shape[0]):
        s = a * s + (np.float32(1.0) - a) * x[i]
        out[i] = s
    return out


def safe_ratios(num, den):
    out = np.empty(len(num))
    bad = 0
    for i in range(len(num)):
        try:
            out[i] = float(num[i]) / float(den[i])
        except ZeroDivisionError:
            out[i] = math.nan
            bad += 1
    return out, bad


def fixed_point_cos(x0: float) -> float:
    """Iterate x = cos(x); else-clause raises when it never settles."""
    x = x0
    k = 0
    while k < 200:
        nx = math.cos(x)
        if abs(nx - x) < 1e-15:
            break
        x = nx
        k += 1
    else:
        raise ValueError(f"no fixed point after {k} iterations")
    return x


def peak_indices(y, height: float):
    interior = (y[1:-1] > y[:-2]) & (y[1:-1] >= y[2:]) & (y[1:-1] > height)
    return np.nonzero(interior)[0] + 1


def label_stats(labels, values):
    uniq, counts = np.unique(labels, return_counts=True)
    sums = np.bincount(labels, weights=values)
    means = sums[uniq] / counts
    return uniq, counts, means


def derivatives(y, dx: float):
    d1 = np.diff(y) / dx
    d2 = np.gradient(y, dx)
    return d1, d2


def polyfit_lstsq(x, y, deg: int):
    A = np.vander(x, deg + 1)
    coef, res, rank, sv = np.linalg.lstsq(A, y, rcond=None)
    return coef, rank


def polyfit_design(x, y, deg: int):
    A = np.ones((x.shape[0], deg + 1))
    for k in range(deg - 1, -1, -1):
        A[:, k] = A[:, k + 1] * x
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    resid = y - A @ coef
    return coef, float(resid @ resid)


def inverse_check(M):
    d = np.linalg.det(M)
    if abs(d) < EPS:
        raise np.linalg.LinAlgError(f"matrix is singular (det={d:.3e})")
    Minv = np.linalg.inv(M)
    return Minv, d


def low_rank_error(X, k: int):
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return float(np.sqrt(np.sum(s[k:] ** 2))), s[:k]


def row_norms(X):
    return np.linalg.norm(X, axis=1), np.abs(X).max(axis=0), X.argmax(axis=1)


def solve_with(f, lo: float, hi: float) -> float:
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        if f(lo) * f(mid) <= 0:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


def kepler_E(M: float, e: float) -> float:
    """Solve Kepler's equation E - e sin E = M with a closure and bisection."""
    return solve_with(lambda E: E - e * math.sin(E) - M, 0.0, 2 * math.pi)


def clip_outliers(x, k: float = 3.0):
    mu = x.mean()
    sd = x.std()
    y = x.copy()
    hi = y > mu + k * sd
    lo = y < mu - k * sd
    y[hi] = mu + k * sd
    y[lo] = mu - k * sd
    return y, int(hi.sum() + lo.sum())


def running_max_drawdown(prices):
    peak = prices[0]
    mdd = 0.0
    for p in prices:
        if p > peak:
            peak = p
        dd = (peak - p) / peak
        if dd > mdd:
            mdd = dd
    return mdd


_y = np.sin(np.linspace(0, 6 * np.pi, 60)) + 0.2 * rng(1).normal(size=60)

CASES = [
    C(orbital_energy, (5.97e24, 7.35e22, np.array([3.84e8, 0.0, 0.0]), np.array([0.0, 1022.0, 0.0]))),
    C(leaky_integrate32, (rng(2).normal(size=20).astype(np.float32), 5.0), ulps=1),
    C(safe_ratios, (np.array([1.0, 2.0, 3.0, 0.0]), np.array([2.0, 0.0, -1.5, 0.0]))),
    C(fixed_point_cos, (1.0,), (0.0,), ulps=1),
    C(peak_indices, (_y, 0.5), (np.ones(2), 0.0)),
    C(label_stats, (rng(3).integers(0, 5, 30), rng(4).normal(size=30))),
    C(derivatives, (_y, 0.1), (np.array([1.0, 4.0]), 0.5)),
    C(polyfit_lstsq, (np.linspace(0, 1, 12), np.linspace(0, 1, 12) ** 2 + 0.01 * rng(5).normal(size=12), 2),
      rtol=1e-9),
    C(polyfit_design, (np.linspace(0, 1, 12), np.linspace(0, 1, 12) ** 2 + 0.01 * rng(5).normal(size=12), 2),
      rtol=1e-8),
    C(inverse_check, (rng(6).normal(size=(4, 4)),), (np.array([[1.0, 2.0], [2.0, 4.0]]),), rtol=1e-9),
    C(low_rank_error, (rng(7).normal(size=(6, 4)), 2), rtol=1e-9),
    C(row_norms, (rng(8).normal(size=(5, 3)),)),
    C(kepler_E, (1.0, 0.3), (4.0, 0.9), ulps=1),
    C(clip_outliers, (np.concatenate((rng(9).normal(size=40), [9.0, -8.0])),), (np.ones(3),)),
    C(running_max_drawdown, (np.cumprod(1 + 0.02 * rng(10).normal(size=50)),)),
]
