"""Statistics with NumPy's library: np.histogram, np.bincount(minlength=),
np.percentile/np.quantile/np.median, np.cov/np.corrcoef, np.average with
weights, ranks by a double argsort, an ECDF with np.searchsorted, trimmed
means, skewness and kurtosis, a bootstrap from fixed index arrays (fancy
indexing), Welford's algorithm merging partial results, modes with dicts."""
import math

import numpy as np
import numpy.typing as npt

from ..science.cases import C, rng


def hist_density(x: np.ndarray, bins: int):
    counts, edges = np.histogram(x, bins=bins)
    widths = np.diff(edges)
    dens = counts / (counts.sum() * widths)
    return counts, edges, dens


def bincount_mode(labels: npt.NDArray[np.int64], k: int) -> tuple:
    counts = np.bincount(labels, minlength=k)
    mode = int(np.argmax(counts))
    return counts, mode, counts[mode] / labels.size


def five_number_summary(x):
    q1, med, q3 = np.percentile(x, [25, 50, 75])
    iqr = q3 - q1
    return np.min(x), q1, med, q3, np.max(x), iqr


def quantile_bins(x, nq: int):
    qs = np.quantile(x, np.linspace(0, 1, nq + 1))
    return np.searchsorted(qs[1:-1], x, side="right")


def cov_corr(X):
    """Covariance and correlation of the columns (np.cov with rowvar=False)."""
    S = np.cov(X, rowvar=False)
    R = np.corrcoef(X, rowvar=False)
    return S, R


def cov_by_hand(X: np.ndarray) -> np.ndarray:
    n = X.shape[0]
    Xc = X - X.mean(axis=0, keepdims=True)
    return (Xc.T @ Xc) / (n - 1)


def weighted_stats(x, w):
    mu = np.average(x, weights=w)
    var = np.average((x - mu) ** 2, weights=w)
    return mu, math.sqrt(var)


def rankdata(x):
    """Ranks 1..n by a double argsort (ties broken by position, stable)."""
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x), dtype=np.int64)
    ranks[order] = np.arange(1, len(x) + 1)
    return ranks


def spearman(x, y):
    rx = np.argsort(np.argsort(x)).astype(np.float64)
    ry = np.argsort(np.argsort(y)).astype(np.float64)
    n = len(x)
    d2 = np.sum((rx - ry) ** 2)
    return 1 - 6 * d2 / (n * (n * n - 1))


def ecdf_at(sample, points):
    s = np.sort(sample)
    return np.searchsorted(s, points, side="right") / s.size


def trimmed_mean(x, prop: float):
    xs = np.sort(x)
    k = int(prop * len(xs))
    if 2 * k >= len(xs):
        raise ValueError("proportion too large")
    return xs[k:len(xs) - k].mean()


def skew_kurt(x):
    n = x.size
    m = x.mean()
    d = x - m
    m2 = np.mean(d ** 2)
    m3 = np.mean(d ** 3)
    m4 = np.mean(d ** 4)
    skew = m3 / m2 ** 1.5
    kurt = m4 / m2 ** 2 - 3.0
    return skew, kurt, n


def bootstrap_ci(x, idx):
    """Bootstrap means from a fixed (B, n) matrix of resampling indices."""
    samples = x[idx]
    means = samples.mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return means.std(ddof=1), lo, hi


def welford_merge(chunks):
    """Chan et al.'s parallel variance: Welford per chunk, then merge."""
    n_tot = 0
    mean_tot = 0.0
    m2_tot = 0.0
    for chunk in chunks:
        n = 0
        mean = 0.0
        m2 = 0.0
        for v in chunk:
            n += 1
            d = v - mean
            mean += d / n
            m2 += d * (v - mean)
        if n == 0:
            continue
        delta = mean - mean_tot
        tot = n_tot + n
        mean_tot += delta * n / tot
        m2_tot += m2 + delta * delta * n_tot * n / tot
        n_tot = tot
    return n_tot, mean_tot, m2_tot / (n_tot - 1)


def mode_dict(values: list) -> tuple:
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    best = None
    best_n = 0
    for v, c in counts.items():
        if c > best_n:
            best, best_n = v, c
    return best, best_n


def zscores_rows(X):
    mu = X.mean(axis=1)[:, None]
    sd = X.std(axis=1, ddof=0)[:, np.newaxis]
    return np.where(sd > 0, (X - mu) / np.where(sd > 0, sd, 1.0), 0.0)


def chi_square_gof(observed, expected_p):
    n = observed.sum()
    exp = n * expected_p
    if np.any(exp < 5):
        raise ValueError("expected counts below 5")
    return float(np.sum((observed - exp) ** 2 / exp)), len(observed) - 1


def _x(n, seed=0):
    return rng(200 + seed).normal(5.0, 2.0, n)


CASES = [
    C(hist_density, (_x(60), 8), (np.array([1.0, 1.0, 2.0]), 2)),
    C(bincount_mode, (rng(201).integers(0, 6, 40), 8), (np.array([3, 3, 1]), 2)),
    C(five_number_summary, (_x(21, 2),), (_x(4, 2),)),
    C(quantile_bins, (_x(30, 3), 4)),
    C(cov_corr, (np.column_stack((_x(20, 4), _x(20, 5), _x(20, 4) * 0.3 + _x(20, 6))),), rtol=1e-13),
    C(cov_by_hand, (rng(207).normal(size=(15, 3)),), rtol=1e-13),
    C(weighted_stats, (_x(12, 8), np.abs(_x(12, 9))), (np.ones(3), np.zeros(3))),
    C(rankdata, (_x(10, 10),), (np.array([2.0, 1.0, 2.0, 1.0]),)),
    C(spearman, (_x(15, 11), _x(15, 12)), (np.arange(5.0), np.arange(5.0) ** 2)),
    C(ecdf_at, (_x(20, 13), np.array([0.0, 4.0, 5.0, 6.5, 20.0]))),
    C(trimmed_mean, (_x(20, 14), 0.1), (_x(4, 14), 0.5)),
    C(skew_kurt, (_x(40, 15),), ulps=2),
    C(bootstrap_ci, (_x(12, 16), rng(217).integers(0, 12, (50, 12)))),
    C(welford_merge, ([_x(5, 17), _x(0), _x(7, 18)],), ([_x(1), _x(1, 2)],)),
    C(mode_dict, ([3, 1, 3, 2, 2, 3],), ([7],), ([],)),  # None then an int in one variable: int | None
    C(zscores_rows, (np.vstack((_x(6, 19), np.ones(6), _x(6, 20))),)),
    C(chi_square_gof, (np.array([18, 22, 20, 40]), np.array([0.2, 0.2, 0.2, 0.4])),
      (np.array([1, 2]), np.array([0.5, 0.5]))),
]
