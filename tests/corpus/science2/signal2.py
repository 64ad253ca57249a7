"""Signal processing written with NumPy's own helpers: np.convolve and
np.correlate, window functions (np.hanning, np.hamming, np.blackman and by
hand), framing with reshape, zero crossings with np.sign/np.diff, a general
direct-form IIR filter, decimation by slicing, phase unwrapping, a DFT as a
complex matrix product, envelope followers, Goertzel with complex output."""
import cmath
import math

import numpy as np
import numpy.typing as npt

from ..science.cases import C, rng


def smooth_convolve(x: np.ndarray, width: int) -> np.ndarray:
    """Moving average through np.convolve with a boxcar (mode 'same')."""
    kernel = np.ones(width) / width
    return np.convolve(x, kernel, mode="same")


def convolve_full_loops(a, b):
    """Full linear convolution with explicit loops, checked against np.convolve."""
    n, m = len(a), len(b)
    out = np.zeros(n + m - 1, dtype=np.float64)
    for i in range(n):
        for j in range(m):
            out[i + j] += a[i] * b[j]
    err = np.max(np.abs(out - np.convolve(a, b)))
    return out, bool(err < 1e-12)


def xcorr_peak(a, b):
    """Lag of the cross-correlation maximum (np.correlate 'full')."""
    c = np.correlate(a, b, mode="full")
    lag = int(np.argmax(c)) - (len(b) - 1)
    return lag, c


def windowed_energy(x, kind: str):
    n = x.shape[0]
    if kind == "hann":
        w = np.hanning(n)
    elif kind == "hamming":
        w = np.hamming(n)
    elif kind == "blackman":
        w = np.blackman(n)
    else:
        raise ValueError(f"unknown window {kind!r}")
    xw = x * w
    return np.sum(xw ** 2) / np.sum(w ** 2)


def tukey_window(n: int, alpha: float = 0.5) -> npt.NDArray[np.float64]:
    """Tapered cosine window built sample by sample."""
    w = np.ones(n)
    if alpha <= 0:
        return w
    edge = int(alpha * (n - 1) / 2.0)
    for i in range(edge + 1):
        v = 0.5 * (1 + math.cos(math.pi * (2.0 * i / (alpha * (n - 1)) - 1)))
        w[i] = v
        w[n - 1 - i] = v
    return w


def frame_rms(x, frame: int):
    """RMS of non-overlapping frames; the ragged tail is dropped."""
    nframes = len(x) // frame
    frames = x[: nframes * frame].reshape(nframes, frame)
    return np.sqrt(np.mean(frames ** 2, axis=1))


def zero_crossing_rate(x):
    s = np.sign(x)
    s[s == 0] = 1
    crossings = np.count_nonzero(np.diff(s))
    return crossings / (len(x) - 1)


def lfilter(b, a, x):
    """Direct form I IIR filter, normalized by a[0] (like scipy.signal.lfilter)."""
    if a[0] == 0:
        raise ValueError("a[0] must be nonzero")
    b = b / a[0]
    a = a / a[0]
    nb = len(b)
    na = len(a)
    y = np.zeros_like(x)
    for n in range(len(x)):
        acc = 0.0
        for k in range(nb):
            if n - k >= 0:
                acc += b[k] * x[n - k]
        for k in range(1, na):
            if n - k >= 0:
                acc -= a[k] * y[n - k]
        y[n] = acc
    return y


def decimate_mean(x, q: int):
    """Anti-alias with a q-point mean then keep every q-th sample."""
    y = np.convolve(x, np.full(q, 1.0 / q), mode="valid")
    return y[::q]


def unwrap_phase(z: np.ndarray):
    """Phase of complex samples, unwrapped by hand and with np.unwrap."""
    ph = np.angle(z)
    out = ph.copy()
    offset = 0.0
    for i in range(1, len(ph)):
        d = ph[i] - ph[i - 1]
        if d > np.pi:
            offset -= 2 * np.pi
        elif d < -np.pi:
            offset += 2 * np.pi
        out[i] = ph[i] + offset
    return out, np.unwrap(ph)


def dft_matrix(x):
    """DFT as a matrix-vector product with a complex exponential matrix."""
    n = x.shape[0]
    k = np.arange(n)
    W = np.exp(-2j * np.pi * np.outer(k, k) / n)
    return W @ x


def goertzel_complex(x, k: int) -> complex:
    """Single DFT bin by Goertzel's recurrence, with the phase (complex result)."""
    n = len(x)
    w = 2.0 * math.pi * k / n
    coeff = 2.0 * math.cos(w)
    s1 = s2 = 0.0
    for v in x:
        s0 = v + coeff * s1 - s2
        s2 = s1
        s1 = s0
    return cmath.exp(1j * w) * s1 - s2


def envelope_follower(x, attack: float, release: float):
    env = np.zeros(len(x))
    level = 0.0
    for i, v in enumerate(np.abs(x)):
        coef = attack if v > level else release
        level = coef * level + (1.0 - coef) * v
        env[i] = level
    return env


def chirp(n: int, f0: float, f1: float, fs: float):
    t = np.arange(n) / fs
    T = n / fs
    k = (f1 - f0) / T
    return np.sin(2 * np.pi * (f0 * t + 0.5 * k * t * t))


def preemphasis_frames(x: np.ndarray, coef: float = 0.97):
    """Speech front end: pre-emphasis, overlapping frames by fancy indexing, Hamming."""
    y = np.append(x[0], x[1:] - coef * x[:-1])
    flen, step = 8, 4
    nf = 1 + (len(y) - flen) // step
    idx = np.arange(flen)[np.newaxis, :] + step * np.arange(nf)[:, np.newaxis]
    frames = y[idx] * np.hamming(flen)
    return frames


def _sig(n, seed=0):
    r = rng(100 + seed)
    t = np.arange(n) / 32.0
    return np.sin(2 * np.pi * 3 * t) + 0.25 * r.standard_normal(n)


CASES = [
    C(smooth_convolve, (_sig(30), 5), (_sig(4), 7), rtol=1e-14),  # np.convolve: documented rounding
    C(convolve_full_loops, (_sig(12, 1), np.array([0.5, -1.0, 0.25])), (np.array([1.0]), np.array([2.0, 3.0]))),
    C(xcorr_peak, (_sig(20, 2), np.roll(_sig(20, 2), 3)), (np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0])), rtol=1e-14),
    C(windowed_energy, (_sig(32, 3), "hann"), (_sig(32, 3), "hamming"), (_sig(9, 3), "blackman"),
      (_sig(4), "kaiser"), ulps=2),
    C(tukey_window, (16, 0.5), (9, 1.0), (5, 0.0), (12,), ulps=2),
    C(frame_rms, (_sig(37, 4), 8), (_sig(5), 8), ulps=1),
    C(zero_crossing_rate, (_sig(40, 5),), (np.array([1.0, 0.0, -1.0, 0.0, 2.0]),), (np.ones(1),)),
    C(lfilter, (np.array([0.2, 0.4, 0.2]), np.array([1.0, -0.5, 0.25]), _sig(25, 6)),
      (np.array([1.0]), np.array([2.0, 1.0]), _sig(6, 6)), (np.array([1.0]), np.array([0.0]), _sig(3))),
    C(decimate_mean, (_sig(30, 7), 3), (_sig(7, 7), 2), rtol=1e-14),
    C(unwrap_phase, (np.exp(1j * np.linspace(0, 12, 40)) * (1 + 0.1 * _sig(40, 8)),)),
    C(dft_matrix, (_sig(8, 9),), (np.array([1.0 + 1j, -1j, 0.5]),), ulps=8, rtol=1e-13),
    C(goertzel_complex, (_sig(32, 10), 3), (np.zeros(4), 1), ulps=8, rtol=1e-13),
    C(envelope_follower, (_sig(30, 11), 0.5, 0.9),),
    C(chirp, (64, 1.0, 8.0, 32.0), (0, 1.0, 2.0, 10.0), ulps=2),
    C(preemphasis_frames, (_sig(24, 12),), (_sig(8, 12), 0.9), ulps=1),
]
