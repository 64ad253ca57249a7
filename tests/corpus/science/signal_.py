"""Signal processing kernels: FIR and IIR filters, moving averages,
autocorrelation, a DFT by hand with complex numbers, Goertzel, smoothing."""
import math

import numpy as np
import numpy.typing as npt

from .cases import C, rng


def fir_filter(x: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Direct-form FIR: y[n] = sum_k h[k] x[n-k] (zero initial state)."""
    n = len(x)
    m = len(h)
    y = np.zeros(n)
    for i in range(n):
        acc = 0.0
        for k in range(m):
            if i - k < 0:
                break
            acc += h[k] * x[i - k]
        y[i] = acc
    return y


def biquad(x: npt.NDArray[np.float64], b0: float, b1: float, b2: float,
           a1: float, a2: float) -> npt.NDArray[np.float64]:
    """Transposed direct form II biquad section."""
    y = np.empty_like(x)
    z1 = 0.0
    z2 = 0.0
    for n in range(x.shape[0]):
        xn = x[n]
        yn = b0 * xn + z1
        z1 = b1 * xn - a1 * yn + z2
        z2 = b2 * xn - a2 * yn
        y[n] = yn
    return y


def moving_average(x, w: int):
    if w <= 0:
        raise ValueError(f"window must be positive, got {w}")
    if w > len(x):
        raise ValueError(f"window {w} longer than signal ({len(x)} samples)")
    c = np.cumsum(np.concatenate((np.zeros(1), x)))
    return (c[w:] - c[:-w]) / w


def autocorr(x, maxlag):
    """Normalized autocorrelation r[k] = sum (x_t - m)(x_{t+k} - m) / sum (x_t - m)^2."""
    n = x.size
    if maxlag >= n:
        raise ValueError(f"maxlag={maxlag} must be smaller than the signal length {n}")
    d = x - x.mean()
    denom = np.sum(d * d)
    r = np.zeros(maxlag + 1)
    for k in range(maxlag + 1):
        r[k] = np.sum(d[:n - k] * d[k:]) / denom
    return r


def dft(x):
    """Naive O(n^2) DFT with Python complex arithmetic."""
    n = len(x)
    out = np.zeros(n, dtype=np.complex128)
    for k in range(n):
        s = 0j
        for t in range(n):
            ang = -2.0 * math.pi * k * t / n
            s += x[t] * complex(math.cos(ang), math.sin(ang))
        out[k] = s
    return out


def goertzel(samples, target_freq: float, sample_rate: float) -> float:
    n = len(samples)
    k = int(0.5 + n * target_freq / sample_rate)
    omega = 2.0 * math.pi * k / n
    coeff = 2.0 * math.cos(omega)
    s_prev = 0.0
    s_prev2 = 0.0
    for i in range(n):
        s = samples[i] + coeff * s_prev - s_prev2
        s_prev2 = s_prev
        s_prev = s
    return s_prev2 * s_prev2 + s_prev * s_prev - coeff * s_prev * s_prev2


def ema(x, alpha):
    """Exponential moving average; an empty signal gives an empty result."""
    out = np.empty(len(x))
    if len(x) == 0:
        return out
    out[0] = x[0]
    for i in range(1, len(x)):
        out[i] = alpha * x[i] + (1 - alpha) * out[i - 1]
    return out


def median_filter(x, k: int):
    """Running median over an odd window, edges shrunk."""
    if k % 2 == 0:
        raise ValueError(f"kernel size must be odd, got {k}")
    half = k // 2
    n = x.shape[0]
    y = np.empty(n)
    for i in range(n):
        lo = max(0, i - half)
        hi = min(n, i + half + 1)
        y[i] = np.median(x[lo:hi])
    return y


def fixed_point_fir(x, taps):
    """Q15 FIR on int16 samples with an int32 accumulator (wraps as NumPy's int32)."""
    out = np.zeros(x.shape[0], dtype=np.int16)
    for n in range(x.shape[0]):
        acc = np.int32(0)
        for k in range(taps.shape[0]):
            if n >= k:
                acc += np.int32(x[n - k]) * np.int32(taps[k])
        out[n] = np.int16(acc >> 15)
    return out


def power_spectrum_db(x):
    """Windowed power spectrum in dB via a vectorized DFT matrix-free loop."""
    n = x.shape[0]
    w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / (n - 1))
    xw = x * w
    t = np.arange(n)
    p = np.zeros(n // 2 + 1)
    for k in range(n // 2 + 1):
        re = np.sum(xw * np.cos(2 * np.pi * k * t / n))
        im = -np.sum(xw * np.sin(2 * np.pi * k * t / n))
        p[k] = re * re + im * im
    return 10.0 * np.log10(p + 1e-12)


def zero_phase_smooth(x, alpha: float):
    """Forward then backward exponential smoothing (no phase lag)."""
    fwd = []
    acc = x[0] if len(x) else 0.0
    for v in x:
        acc = alpha * v + (1 - alpha) * acc
        fwd.append(acc)
    out = np.zeros(len(fwd))
    acc = fwd[-1] if fwd else 0.0
    k = len(fwd) - 1
    for v in reversed(np.array(fwd)):
        acc = alpha * v + (1 - alpha) * acc
        out[k] = acc
        k -= 1
    return out


def _sig(n, seed=0):
    r = rng(seed)
    t = np.arange(n) / 64.0
    return np.sin(2 * np.pi * 5 * t) + 0.3 * r.standard_normal(n)


CASES = [
    C(fir_filter, (_sig(40), np.array([0.25, 0.5, 0.25])), (_sig(5), np.ones(8) / 8),
      (np.zeros(0), np.array([1.0]))),
    C(biquad, (_sig(50, 1), 0.2929, 0.5858, 0.2929, 0.0, 0.1716), (np.zeros(0), 1.0, 0, 0, 0, 0)),
    C(moving_average, (_sig(30), 4), (_sig(3), 3), (_sig(3), 4), (_sig(5), 0)),
    C(autocorr, (_sig(64, 2), 10), (_sig(8, 3), 8), (_sig(8, 3), 0)),
    C(dft, (_sig(16, 4),), (np.array([1.0, 0.0, -1.0]),), ulps=4, rtol=1e-13),
    C(goertzel, (_sig(205, 5), 5.0, 64.0), (np.ones(10), 0.0, 8000.0), ulps=4),
    C(ema, (_sig(20, 6), 0.3), (np.zeros(0), 0.5), (np.array([2.0]), 0.1)),
    C(median_filter, (_sig(15, 7), 5), (_sig(4, 7), 1), (_sig(4, 7), 4)),
    C(fixed_point_fir, (rng(8).integers(-32768, 32767, 30).astype(np.int16),
                        np.array([8192, 16384, 8192], dtype=np.int16))),
    C(zero_phase_smooth, (_sig(25, 10), 0.3), (_sig(1, 10), 0.5)),
    C(power_spectrum_db, (_sig(32, 9),), ulps=8, rtol=1e-12),
]
