"""Engineering kernels: control (PID, Kalman), transforms (iterative radix-2
FFT with bit reversal), sparse and graph algorithms (CSR products, Dijkstra,
Floyd-Warshall), cellular automata, finance (Black-Scholes), Monte Carlo with
xorshift, Gaussian elimination with pivoting, checksums."""
import math

import numpy as np
import numpy.typing as npt

from .cases import C, rng


def pid_step_response(kp: float, ki: float, kd: float, dt: float, n: int):
    """A PID controller on a first-order plant, output clamped to [-10, 10]."""
    y = 0.0
    integ = 0.0
    prev_err = 1.0
    out = np.zeros(n)
    for k in range(n):
        err = 1.0 - y
        integ += err * dt
        deriv = (err - prev_err) / dt
        u = kp * err + ki * integ + kd * deriv
        u = min(max(u, -10.0), 10.0)
        y += dt * (-y + u)
        prev_err = err
        out[k] = y
        if math.isnan(y):
            raise ValueError(f"diverged at step {k}")
    return out


def kalman_1d(z, q: float, r: float):
    """Scalar Kalman filter on measurements z (random-walk model)."""
    xhat = np.zeros_like(z)
    p = 1.0
    x = z[0] if len(z) else 0.0
    for k in range(len(z)):
        p = p + q
        kg = p / (p + r)
        x = x + kg * (z[k] - x)
        p = (1 - kg) * p
        xhat[k] = x
    return xhat


def bit_reverse(n: int, bits: int) -> int:
    r = 0
    for _ in range(bits):
        r = (r << 1) | (n & 1)
        n >>= 1
    return r


def fft_radix2(x: npt.NDArray[np.complex128]):
    n = x.shape[0]
    bits = n.bit_length() - 1
    if n == 0 or (1 << bits) != n:
        raise ValueError(f"length must be a power of two, got {n}")
    a = np.empty(n, dtype=np.complex128)
    for i in range(n):
        a[bit_reverse(i, bits)] = x[i]
    size = 2
    while size <= n:
        half = size // 2
        w_step = complex(math.cos(-2 * math.pi / size), math.sin(-2 * math.pi / size))
        for start in range(0, n, size):
            w = 1 + 0j
            for k in range(half):
                t = w * a[start + k + half]
                u = a[start + k]
                a[start + k] = u + t
                a[start + k + half] = u - t
                w *= w_step
        size *= 2
    return a


def csr_matvec(indptr, indices, data, x):
    nrows = len(indptr) - 1
    y = np.zeros(nrows)
    for i in range(nrows):
        s = 0.0
        for jj in range(indptr[i], indptr[i + 1]):
            s += data[jj] * x[indices[jj]]
        y[i] = s
    return y


def dijkstra_dense(W, src: int):
    """Shortest distances on a dense weight matrix (np.inf: no edge)."""
    n = W.shape[0]
    dist = np.full(n, np.inf)
    dist[src] = 0.0
    done = np.zeros(n, dtype=bool)
    for _ in range(n):
        cand = np.where(done, np.inf, dist)
        u = int(np.argmin(cand))
        if cand[u] == np.inf:
            break
        done[u] = True
        for v in range(n):
            w = W[u, v]
            if w != np.inf and dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    return dist


def floyd_warshall(W):
    D = W.copy()
    n = D.shape[0]
    for k in range(n):
        D = np.minimum(D, D[:, k:k + 1] + D[k:k + 1, :])
    return D


def life_step(board):
    nb = np.zeros_like(board)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if dy == 0 and dx == 0:
                continue
            nb += np.roll(np.roll(board, dy, axis=0), dx, axis=1)
    return ((nb == 3) | ((board == 1) & (nb == 2))).astype(board.dtype)


def black_scholes_call(S: float, K: float, T: float, r: float, sigma: float) -> float:
    if T <= 0:
        return max(S - K, 0.0)
    d1 = (math.log(S / K) + (r + 0.5 * sigma * sigma) * T) / (sigma * math.sqrt(T))
    d2 = d1 - sigma * math.sqrt(T)
    cdf1 = 0.5 * (1.0 + math.erf(d1 / math.sqrt(2.0)))
    cdf2 = 0.5 * (1.0 + math.erf(d2 / math.sqrt(2.0)))
    return S * cdf1 - K * math.exp(-r * T) * cdf2


def monte_carlo_pi(n: int, seed: int) -> float:
    """xorshift32 uniforms; the fraction inside the quarter circle."""
    state = seed & 0xFFFFFFFF
    if state == 0:
        state = 2463534242
    inside = 0
    for _ in range(n):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        x = state / 4294967296.0
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        y = state / 4294967296.0
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n


def gauss_det(A):
    """Determinant by Gaussian elimination with partial pivoting (row swaps
    with fancy indexing)."""
    M = A.astype(np.float64)
    n = M.shape[0]
    det = 1.0
    for i in range(n):
        p = i + int(np.argmax(np.abs(M[i:, i])))
        if M[p, i] == 0.0:
            return 0.0
        if p != i:
            M[[i, p]] = M[[p, i]]
            det = -det
        det *= M[i, i]
        M[i + 1:] -= np.outer(M[i + 1:, i] / M[i, i], M[i])
    return det


def back_substitution(U, b):
    n = len(b)
    x = np.zeros(n)
    for i in reversed(range(n)):
        if U[i, i] == 0:
            raise ZeroDivisionError(f"singular: U[{i}, {i}] is zero")
        x[i] = (b[i] - U[i, i + 1:] @ x[i + 1:]) / U[i, i]
    return x


def adler32(data: npt.NDArray[np.uint8]) -> int:
    a = 1
    b = 0
    for byte in data:
        a = (a + int(byte)) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


def separable_blur(img, sigma: float):
    r = int(3 * sigma)
    t = np.arange(-r, r + 1)
    g = np.exp(-0.5 * (t / sigma) ** 2)
    g /= g.sum()
    tmp = np.empty_like(img)
    for i in range(img.shape[0]):
        tmp[i] = np.convolve(img[i], g, mode="same")
    out = np.empty_like(img)
    for j in range(img.shape[1]):
        out[:, j] = np.convolve(tmp[:, j], g, mode="same")
    return out


def xcorr_lag(a, b, maxlag: int) -> int:
    """The lag in [-maxlag, maxlag] maximizing sum a[t] b[t + lag]."""
    n = len(a)
    best = -np.inf
    best_lag = 0
    for lag in range(-maxlag, maxlag + 1):
        lo = max(0, -lag)
        hi = min(n, n - lag)
        s = np.dot(a[lo:hi], b[lo + lag:hi + lag])
        if s > best:
            best = s
            best_lag = lag
    return best_lag


_W = np.array([[0.0, 4.0, np.inf, np.inf, 1.0],
               [4.0, 0.0, 2.0, np.inf, np.inf],
               [np.inf, 2.0, 0.0, 3.0, 7.0],
               [np.inf, np.inf, 3.0, 0.0, 1.0],
               [1.0, np.inf, 7.0, 1.0, 0.0]])
_sig = np.sin(np.arange(64) * 0.3) + 0.1 * rng(1).normal(size=64)

CASES = [
    C(pid_step_response, (2.0, 1.0, 0.05, 0.01, 50), (50.0, 100.0, 5.0, 0.5, 20)),
    C(kalman_1d, (_sig, 1e-3, 0.1), (np.zeros(0), 1.0, 1.0)),
    C(bit_reverse, (6, 3), (1, 8), (0, 0)),
    C(fft_radix2, (rng(2).normal(size=16) + 1j * rng(3).normal(size=16),),
      (np.ones(6, dtype=np.complex128),), (np.ones(1, dtype=np.complex128),), ulps=2, rtol=1e-13),
    C(csr_matvec, (np.array([0, 2, 3, 6]), np.array([0, 2, 1, 0, 1, 2]),
                   np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), np.array([1.0, -1.0, 0.5])),
      (np.array([0, 1]), np.array([3]), np.array([1.0]), np.ones(2))),
    C(dijkstra_dense, (_W, 0), (_W, 3), (np.array([[0.0, np.inf], [np.inf, 0.0]]), 0)),
    C(floyd_warshall, (_W,)),
    C(life_step, ((rng(4).random((8, 8)) < 0.35).astype(np.int64),),
      ((rng(5).random((5, 6)) < 0.5).astype(np.int32),)),
    C(black_scholes_call, (100.0, 95.0, 0.5, 0.01, 0.2), (100.0, 95.0, 0.0, 0.01, 0.2),
      (50.0, 95.0, 2.0, 0.05, 0.4), ulps=4),
    C(monte_carlo_pi, (2000, 12345), (10, 0), (0, 1)),
    C(gauss_det, (rng(6).normal(size=(5, 5)),), (np.array([[0, 2], [3, 4]]),),
      (np.array([[1.0, 2.0], [2.0, 4.0]]),)),
    C(back_substitution, (np.triu(rng(7).normal(size=(5, 5))) + 3 * np.eye(5), rng(8).normal(size=5)),
      (np.array([[1.0, 2.0], [0.0, 0.0]]), np.ones(2)), rtol=1e-13),
    C(adler32, (rng(9).integers(0, 256, 100).astype(np.uint8),), (np.zeros(0, dtype=np.uint8),)),
    C(separable_blur, (rng(10).random((6, 7)), 1.0), ulps=2, rtol=1e-13),
    C(xcorr_lag, (_sig[:40], np.roll(_sig, 3)[:40], 6)),
]
