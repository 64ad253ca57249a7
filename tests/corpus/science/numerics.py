"""Numerical methods: RK4, Newton, bisection, Simpson and trapezoid rules,
Horner, Chebyshev (Clenshaw), Gauss-Seidel, conjugate gradient, LU and
Cholesky by hand, power iteration, QR by Gram-Schmidt, np.linalg."""
import math

import numpy as np
import numpy.typing as npt

from .cases import C, rng


def _oscillator(t, y, omega, zeta):
    return np.array([y[1], -2.0 * zeta * omega * y[1] - omega * omega * y[0]])


def rk4_oscillator(y0, omega: float, zeta: float, dt: float, nsteps: int):
    ys = np.zeros((nsteps + 1, 2))
    ys[0] = y0
    y = y0.copy()
    t = 0.0
    for i in range(nsteps):
        k1 = _oscillator(t, y, omega, zeta)
        k2 = _oscillator(t + dt / 2, y + dt / 2 * k1, omega, zeta)
        k3 = _oscillator(t + dt / 2, y + dt / 2 * k2, omega, zeta)
        k4 = _oscillator(t + dt, y + dt * k3, omega, zeta)
        y = y + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        t += dt
        ys[i + 1] = y
    return ys


def newton_poly(coeffs, x0: float, tol: float = 1e-12, maxiter: int = 50) -> float:
    """Newton's method on a polynomial (highest degree first) with its derivative."""
    x = x0
    n = len(coeffs)
    for it in range(maxiter):
        p = 0.0
        dp = 0.0
        for c in coeffs:
            dp = dp * x + p
            p = p * x + c
        if dp == 0.0:
            raise ZeroDivisionError(f"zero derivative at x={x} (iteration {it})")
        step = p / dp
        x -= step
        if abs(step) < tol:
            return x
    raise ValueError(f"Newton did not converge in {maxiter} iterations (n={n})")


def _f(x):
    return x ** 3 - 2 * x - 5


def bisection(a: float, b: float, tol: float) -> float:
    fa = _f(a)
    fb = _f(b)
    if fa * fb > 0:
        raise ValueError(f"f(a) and f(b) must have opposite signs: f({a})={fa}, f({b})={fb}")
    while b - a > tol:
        m = 0.5 * (a + b)
        fm = _f(m)
        if fm == 0:
            return m
        if fa * fm < 0:
            b, fb = m, fm
        else:
            a, fa = m, fm
    return 0.5 * (a + b)


def simpson(f, a, b, n):
    if n % 2:
        raise ValueError("Simpson's rule needs an even number of intervals")
    h = (b - a) / n
    s = f(a) + f(b)
    for i in range(1, n, 2):
        s += 4 * f(a + i * h)
    for i in range(2, n - 1, 2):
        s += 2 * f(a + i * h)
    return s * h / 3


def simpson_gauss(n: int) -> float:
    return simpson(lambda x: math.exp(-x * x), 0.0, 2.0, n)


def trapezoid(y, x):
    total = 0.0
    for i in range(1, len(x)):
        total += 0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1])
    return total


def horner_int(coeffs: list[int], x: int) -> int:
    r = 0
    for c in coeffs:
        r = r * x + c
    return r


def chebyshev_clenshaw(c, x):
    """Sum c[k] T_k(x) by Clenshaw's recurrence, vectorized over x."""
    b1 = np.zeros_like(x)
    b2 = np.zeros_like(x)
    for k in range(len(c) - 1, 0, -1):
        b1, b2 = 2.0 * x * b1 - b2 + c[k], b1
    return x * b1 - b2 + c[0]


def gauss_seidel(A, b, iters: int):
    n = A.shape[0]
    x = np.zeros(n)
    for _ in range(iters):
        for i in range(n):
            s = b[i]
            for j in range(n):
                if j != i:
                    s -= A[i, j] * x[j]
            x[i] = s / A[i, i]
    return x


def conjugate_gradient(A, b, tol=1e-10, maxiter=100):
    x = np.zeros_like(b)
    r = b - A @ x
    p = r.copy()
    rs = r @ r
    for k in range(maxiter):
        Ap = A @ p
        alpha = rs / (p @ Ap)
        x = x + alpha * p
        r = r - alpha * Ap
        rs_new = r @ r
        if np.sqrt(rs_new) < tol:
            return x, k + 1
        p = r + (rs_new / rs) * p
        rs = rs_new
    return x, maxiter


def lu_doolittle(A):
    n = A.shape[0]
    L = np.eye(n)
    U = np.zeros((n, n))
    for i in range(n):
        for k in range(i, n):
            s = 0.0
            for j in range(i):
                s += L[i, j] * U[j, k]
            U[i, k] = A[i, k] - s
        if U[i, i] == 0.0:
            raise ZeroDivisionError(f"zero pivot in row {i}")
        for k in range(i + 1, n):
            s = 0.0
            for j in range(i):
                s += L[k, j] * U[j, i]
            L[k, i] = (A[k, i] - s) / U[i, i]
    return L, U


def cholesky(A: npt.NDArray[np.float64]):
    n = A.shape[0]
    L = np.zeros_like(A)
    for i in range(n):
        for j in range(i + 1):
            s = 0.0
            for k in range(j):
                s += L[i, k] * L[j, k]
            if i == j:
                d = A[i, i] - s
                if d <= 0.0:
                    raise ValueError(f"matrix is not positive definite (pivot {i}: {d})")
                L[i, j] = math.sqrt(d)
            else:
                L[i, j] = (A[i, j] - s) / L[j, j]
    return L


def power_iteration(A, iters: int):
    v = np.ones(A.shape[0])
    lam = 0.0
    for _ in range(iters):
        w = A @ v
        nrm = np.linalg.norm(w)
        if nrm == 0.0:
            return 0.0, v
        v = w / nrm
        lam = v @ A @ v
    return lam, v


def gram_schmidt_qr(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = np.dot(Q[:, i], v)
            v -= R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


def solve_residual(A, b):
    x = np.linalg.solve(A, b)
    return x, np.max(np.abs(A @ x - b))


def _spd(n, seed):
    m = rng(seed).normal(size=(n, n))
    return m @ m.T + n * np.eye(n)


CASES = [
    C(rk4_oscillator, (np.array([1.0, 0.0]), 2.0, 0.1, 0.05, 40), (np.array([0.0, 1.0]), 1.0, 0.0, 0.1, 0)),
    C(newton_poly, (np.array([1.0, 0.0, -2.0]), 1.0), (np.array([1.0, 0.0, 1.0]), 0.0),
      (np.array([1.0, 0.0, 1.0]), 0.5, 1e-12, 5), (np.array([1.0, -6.0, 11.0, -6.0]), 3.6)),
    C(bisection, (2.0, 3.0, 1e-12), (0.0, 1.0, 1e-6), (1.0, 3.0, 0.5)),
    C(simpson_gauss, (10,), (100,), (7,), ulps=2),
    C(trapezoid, (np.sin(np.linspace(0, np.pi, 50)), np.linspace(0, np.pi, 50)), (np.zeros(0), np.zeros(0))),
    C(horner_int, ([2, -6, 2, -1], 3), ([], 5), ([1, 0, 0, 0, 0, 0, 0], 1000)),
    C(chebyshev_clenshaw, (np.array([1.0, 0.5, -0.25, 0.125]), np.linspace(-1, 1, 9)),
      (np.array([3.0]), np.linspace(-1, 1, 3))),
    C(gauss_seidel, (_spd(4, 1), rng(2).normal(size=4), 25)),
    C(conjugate_gradient, (_spd(5, 3), rng(4).normal(size=5)), rtol=1e-9),
    C(lu_doolittle, (rng(5).normal(size=(4, 4)),), (np.array([[0.0, 1.0], [1.0, 0.0]]),)),
    C(cholesky, (_spd(5, 6),), (np.array([[1.0, 2.0], [2.0, 1.0]]),)),
    C(power_iteration, (_spd(4, 7), 30), (np.zeros((3, 3)), 5), rtol=1e-12),
    C(gram_schmidt_qr, (rng(8).normal(size=(5, 3)),), rtol=1e-12),
    C(solve_residual, (_spd(4, 9), rng(10).normal(size=4)),
      (np.array([[1.0, 2.0], [2.0, 4.0]]), np.ones(2)), rtol=1e-9),
]
