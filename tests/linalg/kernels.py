"""Realistic kernels built on numpy.linalg, compiled in tests/linalg and
through the npm package (tests/package/test_linalg_node.py)."""
import numpy as np

import py2wasm


def solve2(a: py2wasm.f64[:, :], b: py2wasm.f64[:]) -> py2wasm.f64[:]:
    """x with a @ x = b."""
    return np.linalg.solve(a, b)


def fit_line(x: py2wasm.f64[:], y: py2wasm.f64[:]) -> py2wasm.f64[:]:
    """Least-squares slope and intercept of y ~ m x + c."""
    v = np.ones((x.shape[0], 2))
    v[:, 0] = x
    coef, res, rank, s = np.linalg.lstsq(v, y)
    return coef


def cholesky_solve(a: py2wasm.f64[:, :], b: py2wasm.f64[:]) -> py2wasm.f64[:]:
    """Solve a symmetric positive-definite system by Cholesky and two triangular solves."""
    n = a.shape[0]
    low = np.linalg.cholesky(a)
    y = np.zeros(n)
    for i in range(n):
        s = b[i]
        for k in range(i):
            s -= low[i, k] * y[k]
        y[i] = s / low[i, i]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        s = y[i]
        for k in range(i + 1, n):
            s -= low[k, i] * x[k]
        x[i] = s / low[i, i]
    return x


def det_and_inverse(a: py2wasm.f64[:, :]) -> tuple[float, py2wasm.f64[:, :]]:
    return np.linalg.det(a), np.linalg.inv(a)


def principal_axes(x: py2wasm.f64[:, :]) -> tuple[py2wasm.f64[:], py2wasm.f64[:, :]]:
    """Eigen-decomposition of the covariance of the rows of x (PCA)."""
    c = x - x.mean(axis=0)
    cov = c.T @ c / (x.shape[0] - 1)
    return np.linalg.eigh(cov)


def low_rank(a: py2wasm.f64[:, :], k: int) -> py2wasm.f64[:, :]:
    """The best rank-k approximation of a (truncated SVD)."""
    u, s, vh = np.linalg.svd(a, full_matrices=False)
    return (u[:, :k] * s[:k]) @ vh[:k, :]


def orthonormal_basis(a: py2wasm.f64[:, :]) -> py2wasm.f64[:, :]:
    """Gram-Schmidt by Householder QR: the columns of Q."""
    q, r = np.linalg.qr(a)
    return q


def relative_residual(a: py2wasm.f64[:, :], b: py2wasm.f64[:]) -> float:
    x = np.linalg.solve(a, b)
    return np.linalg.norm(a @ x - b) / (np.linalg.norm(a, 2) * np.linalg.norm(x))


def markov_steady_state(p: py2wasm.f64[:, :]) -> py2wasm.f64[:]:
    """The stationary distribution of a row-stochastic matrix: solve
    (P^T - I) x = 0 with sum(x) = 1, replacing the last equation."""
    n = p.shape[0]
    a = p.T - np.eye(n)
    a[n - 1, :] = 1.0
    b = np.zeros(n)
    b[n - 1] = 1.0
    return np.linalg.solve(a, b)


def newton_system(x0: py2wasm.f64[:], steps: int) -> py2wasm.f64[:]:
    """Newton's method on x^2 + y^2 = 4, x * y = 1 with the Jacobian solved each step."""
    x = x0.copy()
    jac = np.zeros((2, 2))
    f = np.zeros(2)
    for _ in range(steps):
        f[0] = x[0] * x[0] + x[1] * x[1] - 4.0
        f[1] = x[0] * x[1] - 1.0
        jac[0, 0] = 2.0 * x[0]
        jac[0, 1] = 2.0 * x[1]
        jac[1, 0] = x[1]
        jac[1, 1] = x[0]
        x = x - np.linalg.solve(jac, f)
    return x


def matrix_exp_taylor(a: py2wasm.f64[:, :], terms: int) -> py2wasm.f64[:, :]:
    """exp(a) by a Taylor series with matrix_power (small norms)."""
    n = a.shape[0]
    out = np.eye(n)
    fact = 1.0
    for k in range(1, terms):
        fact *= k
        out = out + np.linalg.matrix_power(a, k) / fact
    return out


def batched_solve(a: py2wasm.f64[:, :, :], b: py2wasm.f64[:, :, :]) -> py2wasm.f64[:, :, :]:
    """Many small systems at once (a stack of matrices, one right-hand side block each)."""
    return np.linalg.solve(a, b)


def gaussian_loglik(x: py2wasm.f64[:, :], covs: py2wasm.f64[:, :, :]) -> py2wasm.f64[:]:
    """Log-likelihood of the rows of x under zero-mean Gaussians with each
    covariance of a stack: slogdet and Cholesky of the stack, quadratic forms by einsum."""
    sign, logdet = np.linalg.slogdet(covs)
    low = np.linalg.cholesky(covs)
    k = covs.shape[0]
    d = x.shape[1]
    out = np.zeros(k)
    for j in range(k):
        z = np.linalg.solve(low[j], x.T)
        out[j] = -0.5 * (np.einsum("...i,...i", z.T, z.T).sum()
                         + x.shape[0] * (logdet[j] + d * np.log(2 * np.pi)))
    return out


def spectral_radius(a: py2wasm.f64[:, :]) -> float:
    """The largest |eigenvalue| of a matrix with a real spectrum (np.linalg.eigvals)."""
    return np.abs(np.linalg.eigvals(a)).max()


def eig_reconstruct(a: py2wasm.f64[:, :]) -> py2wasm.f64[:, :]:
    """V diag(w) V^-1 from np.linalg.eig: a again (a diagonalizable, real spectrum)."""
    w, v = np.linalg.eig(a)
    return (v * w) @ np.linalg.inv(v)


def quantile_bands(x: py2wasm.f64[:, :]) -> py2wasm.f64[:, :]:
    """The 5 %, median and 95 % bands of each column (several quantiles in one call)."""
    return np.quantile(x, [0.05, 0.5, 0.95], axis=0)


def stack_condition(a: py2wasm.f64[:, :, :]) -> py2wasm.f64[:]:
    """2-norm condition numbers of a stack: singular values of the stack, and
    norm(axis=(1, 2)) checked against the largest ones."""
    s = np.linalg.svd(a, compute_uv=False)
    big = np.linalg.norm(a, 2, axis=(1, 2))
    return big / s[:, -1] + 0.0 * s[:, 0]
