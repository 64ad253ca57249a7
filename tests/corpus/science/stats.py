"""Statistics kernels: Welford's online variance, histograms binned as
np.histogram does, percentiles by sorting, a bootstrap with an LCG,
correlation, robust z-scores, least squares by hand."""
import math

import numpy as np
import numpy.typing as npt

from .cases import C, rng


def welford(x: npt.NDArray[np.float64]) -> tuple[float, float]:
    n = 0
    mean = 0.0
    m2 = 0.0
    for v in x:
        n += 1
        delta = v - mean
        mean += delta / n
        m2 += delta * (v - mean)
    if n < 2:
        raise ValueError(f"need at least two samples, got {n}")
    return mean, m2 / (n - 1)


def histogram(x, nbins: int, lo: float, hi: float):
    """Counts in nbins equal bins over [lo, hi]; the last bin includes hi."""
    if hi <= lo:
        raise ValueError(f"empty range [{lo}, {hi}]")
    counts = np.zeros(nbins, dtype=np.int64)
    width = (hi - lo) / nbins
    for v in x:
        if v < lo or v > hi:
            continue
        b = int((v - lo) / width)
        if b == nbins:
            b -= 1
        counts[b] += 1
    return counts


def percentile(data, q):
    """Linear-interpolation percentile of a copy sorted by hand (insertion sort)."""
    xs = data.copy()
    n = len(xs)
    if n == 0:
        raise ValueError("percentile of empty data")
    for i in range(1, n):
        key = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > key:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = key
    pos = (n - 1) * q / 100.0
    lo = int(math.floor(pos))
    hi = min(lo + 1, n - 1)
    frac = pos - lo
    return xs[lo] + (xs[hi] - xs[lo]) * frac


def bootstrap_mean(x, nboot: int, seed: int):
    """Bootstrap distribution of the mean, resampling with a 31-bit LCG."""
    n = x.shape[0]
    state = seed
    means = np.empty(nboot)
    for b in range(nboot):
        s = 0.0
        for _ in range(n):
            state = (1103515245 * state + 12345) % 2147483648
            s += x[state % n]
        means[b] = s / n
    means.sort()
    lo = means[int(0.025 * nboot)]
    hi = means[int(0.975 * nboot) - 1]
    return means.mean(), lo, hi


def pearson(x, y):
    if x.shape != y.shape:
        raise ValueError(f"shapes differ: {x.shape} vs {y.shape}")
    mx = x.mean()
    my = y.mean()
    dx = x - mx
    dy = y - my
    return np.sum(dx * dy) / np.sqrt(np.sum(dx ** 2) * np.sum(dy ** 2))


def robust_outliers(x, thresh=3.5):
    """Modified z-scores from the median absolute deviation (Iglewicz-Hoaglin)."""
    med = np.median(x)
    mad = np.median(np.abs(x - med))
    if mad == 0:
        return np.zeros(x.shape[0], dtype=bool)
    z = 0.6745 * (x - med) / mad
    return np.abs(z) > thresh


def linregress(x: np.ndarray, y: np.ndarray):
    n = len(x)
    sx = sy = sxx = sxy = 0.0
    for i in range(n):
        sx += x[i]
        sy += y[i]
        sxx += x[i] * x[i]
        sxy += x[i] * y[i]
    den = n * sxx - sx * sx
    if den == 0:
        raise ZeroDivisionError("x values are all equal")
    slope = (n * sxy - sx * sy) / den
    intercept = (sy - slope * sx) / n
    resid = y - (slope * x + intercept)
    return slope, intercept, float(np.sqrt(np.mean(resid ** 2)))


def zscore_columns(data):
    """Standardize each column of a 2-D array; constant columns become 0."""
    mu = data.mean(axis=0)
    sd = data.std(axis=0, ddof=1)
    sd[sd == 0] = 1.0
    return (data - mu) / sd


def binned_means(x, y, edges):
    """Mean of y in each bin of x (np.digitize), NaN for empty bins."""
    idx = np.digitize(x, edges) - 1
    nb = len(edges) - 1
    out = np.full(nb, np.nan)
    for b in range(nb):
        m = idx == b
        if m.any():
            out[b] = y[m].mean()
    return out


def _x(n, seed=0):
    return rng(seed).normal(10.0, 3.0, n)


_y = _x(30, 3) * 0.5 + rng(4).normal(0, 1, 30)

CASES = [
    C(welford, (_x(25),), (_x(1),), (np.array([1.0, 1.0, 1.0]),)),
    C(histogram, (_x(100, 1), 10, 0.0, 20.0), (np.array([0.0, 1.0, 2.0, 2.0]), 2, 0.0, 2.0),
      (_x(5), 3, 5.0, 5.0)),
    C(percentile, (_x(17, 2), 50.0), (_x(17, 2), 95.0), (_x(1), 30.0), (np.zeros(0), 50.0)),
    C(bootstrap_mean, (_x(20, 5), 200, 42), (_x(3, 5), 40, 7)),
    C(pearson, (_x(30, 3), _y), (_x(3), _x(4))),
    C(robust_outliers, (np.concatenate((_x(20, 6), [60.0, -40.0])),), (np.ones(4),)),
    C(linregress, (_x(30, 3), _y), (np.ones(4), _x(4))),
    C(zscore_columns, (np.column_stack((_x(12, 7), np.ones(12), _x(12, 8))),)),
    C(binned_means, (_x(50, 9), _x(50, 10), np.array([0.0, 5.0, 10.0, 12.0, 40.0, 50.0]))),
]
