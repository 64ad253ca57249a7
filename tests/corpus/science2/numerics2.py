"""Numerical methods in other styles than tests/corpus/science: functions
passed as arguments (RK4 with a lambda, secant, Brent-like bracketing),
adaptive Simpson by recursion, Romberg tables, np.trapezoid, Jacobi and SOR
iterations with vectorized updates, the Thomas algorithm, LU with partial
pivoting (row swaps by fancy indexing), Householder QR, np.linalg.eig/eigh,
np.polyfit/np.polyval, np.interp, Lagrange and Newton interpolation, a
natural cubic spline, golden-section search, Euler-Maruyama with given noise."""
import math

import numpy as np
import numpy.typing as npt

from ..science.cases import C, rng


def rk4_step(f, t, y, h):
    k1 = f(t, y)
    k2 = f(t + h / 2, y + h / 2 * k1)
    k3 = f(t + h / 2, y + h / 2 * k2)
    k4 = f(t + h, y + h * k3)
    return y + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4)


def lotka_volterra(y0, a: float, b: float, c: float, d: float, h: float, n: int):
    f = lambda t, y: np.array([a * y[0] - b * y[0] * y[1], c * y[0] * y[1] - d * y[1]])
    traj = np.empty((n + 1, 2))
    traj[0, :] = y0
    y = y0
    for i in range(n):
        y = rk4_step(f, i * h, y, h)
        traj[i + 1, :] = y
    return traj


def secant(x0: float, x1: float, tol: float = 1e-12, maxit: int = 60) -> float:
    f = lambda x: math.cos(x) - x ** 3
    f0, f1 = f(x0), f(x1)
    for _ in range(maxit):
        if f1 == f0:
            raise ZeroDivisionError("secant: flat function")
        x2 = x1 - f1 * (x1 - x0) / (f1 - f0)
        if abs(x2 - x1) < tol:
            return x2
        x0, f0 = x1, f1
        x1, f1 = x2, f(x2)
    raise RuntimeError("secant did not converge")


def _asr(f, a, b, eps, whole, fa, fb, fm, depth):
    m = (a + b) / 2
    lm, rm = (a + m) / 2, (m + b) / 2
    flm, frm = f(lm), f(rm)
    left = (m - a) / 6 * (fa + 4 * flm + fm)
    right = (b - m) / 6 * (fm + 4 * frm + fb)
    if depth <= 0 or abs(left + right - whole) <= 15 * eps:
        return left + right + (left + right - whole) / 15
    return (_asr(f, a, m, eps / 2, left, fa, fm, flm, depth - 1)
            + _asr(f, m, b, eps / 2, right, fm, fb, frm, depth - 1))


def adaptive_simpson(a: float, b: float, eps: float) -> float:
    f = math.sin
    fa, fb, fm = f(a), f(b), f((a + b) / 2)
    whole = (b - a) / 6 * (fa + 4 * fm + fb)
    return _asr(f, a, b, eps, whole, fa, fb, fm, 20)


def romberg(a: float, b: float, levels: int) -> float:
    R = np.zeros((levels, levels))
    h = b - a
    R[0, 0] = 0.5 * h * (math.exp(-a * a) + math.exp(-b * b))
    for i in range(1, levels):
        h /= 2
        s = 0.0
        for k in range(1, 2 ** i, 2):
            x = a + k * h
            s += math.exp(-x * x)
        R[i, 0] = 0.5 * R[i - 1, 0] + h * s
        for j in range(1, i + 1):
            R[i, j] = R[i, j - 1] + (R[i, j - 1] - R[i - 1, j - 1]) / (4 ** j - 1)
    return R[levels - 1, levels - 1]


def trapz_compare(n: int):
    x = np.linspace(0.0, np.pi, n)
    y = np.sin(x) ** 2
    return np.trapezoid(y, x), np.trapezoid(y, dx=x[1] - x[0])


def jacobi(A, b, tol: float, maxit: int):
    D = np.diag(A)
    R = A - np.diagflat(D)
    x = np.zeros_like(b)
    for it in range(maxit):
        x_new = (b - R @ x) / D
        if np.linalg.norm(x_new - x, ord=np.inf) < tol:
            return x_new, it + 1
        x = x_new
    return x, maxit


def sor(A, b, omega: float, iters: int):
    n = len(b)
    x = np.zeros(n)
    for _ in range(iters):
        for i in range(n):
            sigma = A[i, :i] @ x[:i] + A[i, i + 1:] @ x[i + 1:]
            x[i] = (1 - omega) * x[i] + omega * (b[i] - sigma) / A[i, i]
    return x


def thomas(a, b, c, d):
    """Tridiagonal solve: a sub-, b main, c super-diagonal."""
    n = len(d)
    cp = np.zeros(n - 1)
    dp = np.zeros(n)
    cp[0] = c[0] / b[0]
    dp[0] = d[0] / b[0]
    for i in range(1, n):
        den = b[i] - a[i - 1] * cp[i - 1]
        if i < n - 1:
            cp[i] = c[i] / den
        dp[i] = (d[i] - a[i - 1] * dp[i - 1]) / den
    x = np.zeros(n)
    x[-1] = dp[-1]
    for i in range(n - 2, -1, -1):
        x[i] = dp[i] - cp[i] * x[i + 1]
    return x


def lu_partial_pivot(A: np.ndarray):
    A = A.astype(np.float64)
    n = A.shape[0]
    perm = np.arange(n)
    for k in range(n - 1):
        p = k + int(np.argmax(np.abs(A[k:, k])))
        if A[p, k] == 0.0:
            raise np.linalg.LinAlgError("singular matrix")
        if p != k:
            A[[k, p]] = A[[p, k]]
            perm[[k, p]] = perm[[p, k]]
        A[k + 1:, k] /= A[k, k]
        A[k + 1:, k + 1:] -= np.outer(A[k + 1:, k], A[k, k + 1:])
    return A, perm


def householder_qr(A):
    m, n = A.shape
    R = A.copy()
    Q = np.eye(m)
    for k in range(n):
        x = R[k:, k]
        normx = np.linalg.norm(x)
        if normx == 0.0:
            continue
        v = x.copy()
        v[0] += math.copysign(normx, x[0])
        v = v / np.linalg.norm(v)
        R[k:, :] -= 2.0 * np.outer(v, v @ R[k:, :])
        Q[:, k:] -= 2.0 * np.outer(Q[:, k:] @ v, v)
    return Q, R


def symmetric_eigs(A):
    w, V = np.linalg.eigh(A)
    resid = np.linalg.norm(A @ V - V * w)
    return w, bool(resid < 1e-9 * np.abs(w).max())


def general_eigs(A):
    w = np.linalg.eigvals(A)
    return np.sort_complex(w)


def polyfit_eval(x, y, deg: int, xs):
    p = np.polyfit(x, y, deg)
    return p, np.polyval(p, xs)


def interp_table(xp, fp, x):
    return np.interp(x, xp, fp), np.interp(x, xp, fp, left=0.0, right=-1.0)


def lagrange(xs, ys, x: float) -> float:
    total = 0.0
    n = len(xs)
    for i in range(n):
        li = 1.0
        for j in range(n):
            if i != j:
                li *= (x - xs[j]) / (xs[i] - xs[j])
        total += ys[i] * li
    return total


def newton_divided(xs, ys, x):
    n = len(xs)
    coef = np.array(ys, dtype=float)
    for j in range(1, n):
        coef[j:] = (coef[j:] - coef[j - 1:-1]) / (xs[j:] - xs[:n - j])
    result = coef[-1]
    for k in range(n - 2, -1, -1):
        result = result * (x - xs[k]) + coef[k]
    return coef, result


def natural_spline_second_derivs(x, y):
    n = len(x)
    h = np.diff(x)
    A = np.zeros((n, n))
    rhs = np.zeros(n)
    A[0, 0] = A[-1, -1] = 1.0
    for i in range(1, n - 1):
        A[i, i - 1] = h[i - 1]
        A[i, i] = 2 * (h[i - 1] + h[i])
        A[i, i + 1] = h[i]
        rhs[i] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1])
    return np.linalg.solve(A, rhs)


def golden_section(lo: float, hi: float, tol: float) -> tuple[float, int]:
    invphi = (math.sqrt(5) - 1) / 2
    f = lambda x: (x - 1.3) ** 2 + math.sin(3 * x)
    it = 0
    c = hi - invphi * (hi - lo)
    d = lo + invphi * (hi - lo)
    while abs(hi - lo) > tol:
        if f(c) < f(d):
            hi = d
        else:
            lo = c
        c = hi - invphi * (hi - lo)
        d = lo + invphi * (hi - lo)
        it += 1
    return (hi + lo) / 2, it


def euler_maruyama(x0: float, mu: float, sigma: float, dt: float, dW):
    """Geometric Brownian motion with given Wiener increments."""
    x = np.empty(len(dW) + 1)
    x[0] = x0
    for i, dw in enumerate(dW):
        x[i + 1] = x[i] + mu * x[i] * dt + sigma * x[i] * dw
    return x


def _spd(n, seed):
    m = rng(300 + seed).normal(size=(n, n))
    return m @ m.T + n * np.eye(n)


def _dd(n, seed):
    m = rng(300 + seed).normal(size=(n, n))
    return m + np.diag(np.abs(m).sum(axis=1) + 1.0)


_xk = np.array([0.0, 0.5, 1.2, 2.0, 3.1])

CASES = [
    C(lotka_volterra, (np.array([10.0, 5.0]), 1.1, 0.4, 0.1, 0.4, 0.05, 30), (np.array([1.0, 1.0]), 1, 1, 1, 1, 0.1, 0)),
    C(secant, (0.5, 1.0), (0.0, 0.0), (1.0, 2.0, 1e-14, 3), ulps=2),
    C(adaptive_simpson, (0.0, math.pi, 1e-9), (0.0, 1.0, 1e-3), ulps=4),
    C(romberg, (0.0, 1.0, 5), (0.0, 2.0, 1), ulps=4),
    C(trapz_compare, (50,), (2,), ulps=2),
    C(jacobi, (_dd(5, 1), rng(302).normal(size=5), 1e-10, 200), (_dd(3, 3), np.ones(3), 1e-30, 5)),
    C(sor, (_spd(4, 4), rng(305).normal(size=4), 1.25, 20)),
    C(thomas, (np.full(5, -1.0), np.full(6, 4.0), np.full(5, -1.0), rng(306).normal(size=6)),),
    C(lu_partial_pivot, (rng(307).normal(size=(5, 5)),), (np.array([[0, 1], [0, 2]]),),
      (np.array([[1, 2], [3, 4]]),)),
    C(householder_qr, (rng(308).normal(size=(5, 3)),), rtol=1e-12),
    C(symmetric_eigs, (_spd(4, 9),), rtol=1e-9),
    # a matrix with complex eigenvalues ([[0, -1], [1, 0]]) raises NotImplementedError at run time
    # under NumPy < 2.5 (docs/arrays.md, eig: the result dtype depends on the data there)
    C(general_eigs, (np.array([[2.0, 1.0], [1.0, 3.0]]),), (np.array([[4.0, 1.0, 0.0], [2.0, 3.0, 1.0], [0.0, 1.0, 1.0]]),),
      rtol=1e-9),
    C(polyfit_eval, (_xk, np.cos(_xk), 2, np.linspace(0, 3, 5)), rtol=1e-9),
    C(interp_table, (_xk, np.sin(_xk), np.array([-1.0, 0.25, 1.2, 2.5, 4.0])),),
    C(lagrange, (_xk, np.exp(_xk), 1.7), (_xk, np.exp(_xk), 0.5)),
    C(newton_divided, (_xk, np.exp(_xk), 1.7),),
    C(natural_spline_second_derivs, (_xk, np.sin(_xk)), rtol=1e-9),
    C(golden_section, (0.0, 3.0, 1e-8), (1.0, 1.0, 0.1)),
    C(euler_maruyama, (1.0, 0.05, 0.2, 0.01, rng(310).normal(0, 0.1, 20)),),
]
