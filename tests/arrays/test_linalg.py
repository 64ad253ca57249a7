"""numpy.linalg `det inv solve cholesky norm...` (py2wasm/linalg, traced by
frontend/linalg_calls.py) against NumPy, IR interpreter and
wasm: values on well-conditioned input, residual-based accuracy on random
and ill-conditioned (Hilbert) matrices, singular and non-positive-definite
input (LinAlgError with NumPy's messages), shapes (empty, 1x1, non-square,
non-contiguous), dtypes; kernels (Cholesky solve, least squares by normal
equations, Gram-Schmidt)."""
import numpy as np
import pytest

from tests.arrays.harness import check, run_ir, strided
from tests.arrays.wasm_harness import check_wasm, run_wasm

R = np.random.default_rng(21)
EPS = np.finfo(np.float64).eps


def l_det(a): return np.linalg.det(a)
def l_inv(a): return np.linalg.inv(a)
def l_solve(a, b): return np.linalg.solve(a, b)
def l_chol(a): return np.linalg.cholesky(a), np.linalg.cholesky(a, upper=True)
def l_norm_vec(x):
    return (np.linalg.norm(x), np.linalg.norm(x, 1), np.linalg.norm(x, np.inf),
            np.linalg.norm(x, -np.inf), np.linalg.norm(x, 0), np.linalg.norm(x, 3),
            np.linalg.norm(x, 2))
def l_norm_mat(x):
    return (np.linalg.norm(x), np.linalg.norm(x, "fro"), np.linalg.norm(x, 1),
            np.linalg.norm(x, np.inf), np.linalg.norm(x, -1), np.linalg.norm(x, -np.inf),
            np.linalg.norm(x, axis=1), np.linalg.norm(x, 2, axis=0), np.linalg.norm(x, axis=(1, 0)),
            np.linalg.norm(x, axis=1, keepdims=True))


def spd(n):
    m = R.normal(size=(n, n))
    return m @ m.T + n * np.eye(n)


def hilbert(n):
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1.0)


CASES = []


def case(fn, *args, **kw):
    CASES.append(pytest.param(fn, args, kw, id=f"{fn.__name__}-{len(CASES)}"))


for n in (1, 2, 5, 8):
    case(l_det, R.normal(size=(n, n)), rtol=1e-10)
    case(l_inv, R.normal(size=(n, n)) + n * np.eye(n), rtol=1e-10)
    case(l_solve, R.normal(size=(n, n)) + n * np.eye(n), R.normal(size=n), rtol=1e-10)
    case(l_solve, R.normal(size=(n, n)) + n * np.eye(n), R.normal(size=(n, 3)), rtol=1e-10)
    case(l_chol, spd(n), rtol=1e-10)
case(l_det, np.zeros((0, 0)))
case(l_det, np.zeros((3, 3)))                          # singular: 0.0
case(l_det, np.ones((3, 3)), atol=1e-15)
case(l_det, R.integers(-5, 5, size=(4, 4)), rtol=1e-10, atol=1e-12)
case(l_det, R.normal(size=(3, 3)).astype(np.float32), rtol=1e-5)
case(l_det, strided(R.normal(size=(3, 3))), rtol=1e-10)
case(l_det, R.normal(size=(2, 3)))                     # LinAlgError: not square
case(l_det, R.normal(size=3))                          # LinAlgError: 1-dimensional
case(l_inv, np.ones((3, 3)))                           # LinAlgError: Singular matrix
case(l_inv, np.zeros((0, 0)))
case(l_inv, R.integers(1, 5, size=(2, 2)) + 5 * np.eye(2, dtype=np.int64), rtol=1e-10)
case(l_solve, R.normal(size=(4, 4)), R.normal(size=3))  # ValueError: core dimension
case(l_solve, R.normal(size=(4, 4)), R.normal(size=(3, 2)))
case(l_solve, np.zeros((2, 2)), np.ones(2))            # LinAlgError
case(l_solve, np.eye(3), np.arange(3))                 # int right-hand side
case(l_chol, -spd(3))                                  # LinAlgError: not positive definite
case(l_chol, np.array([[1.0, 2.0], [2.0, 1.0]]))
case(l_chol, np.zeros((0, 0)))
case(l_chol, np.array([[4.0, 99.0], [2.0, 3.0]]), rtol=1e-12)  # upper: not PD; lower: fine
case(l_chol, np.array([[4.0, 2.0], [99.0, 3.0]]), rtol=1e-12)
case(l_norm_vec, R.normal(size=9), rtol=1e-12)
case(l_norm_vec, np.zeros(0))
case(l_norm_vec, R.integers(-5, 5, size=6), rtol=1e-12)
case(l_norm_mat, R.normal(size=(3, 4)), rtol=1e-12)
case(l_norm_mat, strided(R.normal(size=(4, 2))), rtol=1e-12)


@pytest.mark.parametrize("fn,args,kw", CASES)
def test_linalg_ir(fn, args, kw):
    check(fn, *args, **kw)


@pytest.mark.parametrize("fn,args,kw", CASES)
def test_linalg_wasm(fn, args, kw):
    check_wasm(fn, *args, **kw)


# --- accuracy ------------------------------------------------------------------------------------

def _run(run, fn, *args):
    if run is run_ir:
        _, (status, value) = run_ir(fn, list(args))
    else:
        status, value = run_wasm(fn, list(args))
    assert status == "ok", value
    return value


@pytest.mark.parametrize("run", [run_ir, run_wasm])
@pytest.mark.parametrize("n", [3, 10, 40])
def test_solve_backward_error_random(run, n):
    a = R.normal(size=(n, n))
    b = R.normal(size=n)
    x = _run(run, l_solve, a, b)
    # normwise backward error |Ax - b| / (|A| |x|): near machine epsilon for
    # Gaussian elimination with partial pivoting
    eta = np.linalg.norm(a @ x - b) / (np.linalg.norm(a, 2) * np.linalg.norm(x))
    assert eta < 50 * n * EPS


@pytest.mark.parametrize("run", [run_ir, run_wasm])
@pytest.mark.parametrize("n", [4, 8, 12])
def test_hilbert_ill_conditioned(run, n):
    h = hilbert(n)
    b = h @ np.ones(n)
    x = _run(run, l_solve, h, b)
    eta = np.linalg.norm(h @ x - b) / (np.linalg.norm(h, 2) * np.linalg.norm(x))
    assert eta < 50 * n * EPS
    # forward error bounded by cond(H) * eps (and as good as LAPACK's, within 10x)
    ref = np.linalg.solve(h, b)
    err = np.linalg.norm(x - 1) / np.sqrt(n)
    assert err <= max(10 * np.linalg.norm(ref - 1) / np.sqrt(n), np.linalg.cond(h) * EPS * 10)
    hinv = _run(run, l_inv, h)
    assert np.linalg.norm(h @ hinv - np.eye(n)) / (np.linalg.norm(h) * np.linalg.norm(hinv)) \
        < 50 * n * EPS
    # det(H) is tiny and ill-conditioned itself: relative error ~ cond(H) * eps
    d = _run(run, l_det, h)
    ref_d = np.linalg.det(h)
    assert abs(d - ref_d) <= max(1e-6, np.linalg.cond(h) * EPS * n) * abs(ref_d)


@pytest.mark.parametrize("run", [run_ir, run_wasm])
@pytest.mark.parametrize("n", [2, 9, 30])
def test_cholesky_reconstruction(run, n):
    a = spd(n)
    low, up = _run(run, l_chol, a)
    assert np.allclose(np.triu(low, 1), 0) and np.allclose(up, low.T)
    assert np.linalg.norm(low @ low.T - a) / np.linalg.norm(a) < 10 * n * EPS


@pytest.mark.parametrize("run", [run_ir, run_wasm])
def test_nearly_singular(run):
    a = np.array([[1.0, 2.0], [2.0, 4.0 + 1e-15]])
    got = _run(run, l_det, a)
    assert abs(got - np.linalg.det(a)) < 1e-14


# --- kernels -------------------------------------------------------------------------------------

def cholesky_solve(a, b):
    """Solve an SPD system with a Cholesky factor and two triangular solves."""
    low = np.linalg.cholesky(a)
    y = np.linalg.solve(low, b)
    return np.linalg.solve(low.T, y)


def least_squares(x, y):
    """Polynomial fit by the normal equations."""
    v = np.stack((np.ones(x.shape[0]), x, x * x), axis=1)
    return np.linalg.solve(v.T @ v, v.T @ y)


def gram_schmidt(a):
    """Modified Gram-Schmidt: orthonormal columns, with norm()."""
    q = a.copy()
    n = a.shape[1]
    for j in range(n):
        for i in range(j):
            q[:, j] = q[:, j] - (q[:, i] @ q[:, j]) * q[:, i]
        q[:, j] = q[:, j] / np.linalg.norm(q[:, j])
    return q


def mahalanobis(x, mu, cov):
    d = x - mu
    return np.sqrt(np.einsum("ij,jk,ik->i", d, np.linalg.inv(cov), d))


@pytest.mark.parametrize("run", [check, check_wasm])
def test_kernels(run):
    a = spd(6)
    run(cholesky_solve, a, R.normal(size=6), rtol=1e-9)
    x = np.linspace(0, 1, 20)
    run(least_squares, x, 1 + 2 * x - 3 * x * x + 0.01 * R.normal(size=20), rtol=1e-8)
    run(gram_schmidt, R.normal(size=(6, 4)), rtol=1e-9, atol=1e-12)
    pts = R.normal(size=(15, 3))
    run(mahalanobis, pts, pts.mean(axis=0), np.cov(pts, rowvar=False), rtol=1e-9)


# --- matrix_power, qr, eigh ------------------------------------------------------------------

def l_matrix_power(a):
    return (np.linalg.matrix_power(a, 0), np.linalg.matrix_power(a, 1),
            np.linalg.matrix_power(a, 5), np.linalg.matrix_power(a, -2))
def l_matrix_power_int(a): return np.linalg.matrix_power(a, 4), np.linalg.matrix_power(a, 0)
def l_qr(a): return np.linalg.qr(a)
def l_qr_complete(a): return np.linalg.qr(a, mode="complete")
def l_qr_r(a): return np.linalg.qr(a, mode="r")
def l_eigvalsh(a): return np.linalg.eigvalsh(a), np.linalg.eigvalsh(a, UPLO="U")
def l_eigh(a): return np.linalg.eigh(a)


QR_CASES = []
for s in [(5, 3), (3, 5), (4, 4), (1, 1), (0, 3), (3, 0)]:
    QR_CASES += [pytest.param(f, R.normal(size=s), id=f"{f.__name__}-{s}")
                 for f in (l_qr, l_qr_complete, l_qr_r)]


@pytest.mark.parametrize("run", [check, check_wasm])
def test_matrix_power(run):
    run(l_matrix_power, R.normal(size=(3, 3)) + 3 * np.eye(3), rtol=1e-9)
    run(l_matrix_power_int, R.integers(-3, 3, size=(3, 3)))
    run(l_matrix_power, np.ones((2, 2)))                  # LinAlgError from inv
    run(l_matrix_power, R.normal(size=(2, 3)))            # LinAlgError: square


@pytest.mark.parametrize("run", [check, check_wasm])
@pytest.mark.parametrize("fn,a", QR_CASES)
def test_qr_matches_lapack(run, fn, a):
    # the same Householder conventions as LAPACK (dgeqrf): the same signs
    run(fn, a, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("run", [run_ir, run_wasm])
@pytest.mark.parametrize("a", [R.normal(size=(30, 12)), hilbert(10), np.ones((4, 3))],
                         ids=["random", "hilbert", "rank1"])
def test_qr_orthogonality_and_reconstruction(run, a):
    q, r = _run(run, l_qr, a)
    n = max(a.shape)
    assert np.abs(q.T @ q - np.eye(q.shape[1])).max() < 10 * n * EPS
    assert np.linalg.norm(q @ r - a) / np.linalg.norm(a) < 10 * n * EPS
    assert np.allclose(np.tril(r, -1), 0)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_eigvalsh_matches_lapack(run):
    m = R.normal(size=(6, 6))
    run(l_eigvalsh, m + m.T, rtol=1e-9, atol=1e-12)
    run(l_eigvalsh, np.eye(4), rtol=1e-12)                # repeated eigenvalues
    run(l_eigvalsh, np.zeros((0, 0)))
    run(l_eigvalsh, np.tril(m), rtol=1e-9, atol=1e-12)    # only the lower triangle is read
    run(l_eigvalsh, R.normal(size=(2, 3)))                # LinAlgError


@pytest.mark.parametrize("run", [run_ir, run_wasm])
@pytest.mark.parametrize("a", [spd(8), hilbert(8), np.diag([3.0, 1.0, 1.0, -2.0])],
                         ids=["spd", "hilbert", "repeated"])
def test_eigh_residual_and_orthogonality(run, a):
    w, v = _run(run, l_eigh, a)
    n = a.shape[0]
    scale = max(np.abs(w).max(), 1.0)
    assert np.abs(a @ v - v * w).max() < 100 * n * EPS * scale
    assert np.abs(v.T @ v - np.eye(n)).max() < 100 * n * EPS
    assert np.allclose(w, np.linalg.eigvalsh(a), rtol=1e-10, atol=1e-13 * scale)
    assert np.all(np.diff(w) >= 0)


# --- svd -------------------------------------------------------------------------------------------

def l_svdvals(a): return np.linalg.svd(a, compute_uv=False)
def l_svd(a): return np.linalg.svd(a)
def l_svd_thin(a): return np.linalg.svd(a, full_matrices=False)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_singular_values_match_lapack(run):
    for a in (R.normal(size=(5, 3)), R.normal(size=(3, 5)), hilbert(6), np.ones((4, 3)),
              np.zeros((2, 2)), np.zeros((0, 3)), R.integers(-3, 3, size=(3, 3))):
        run(l_svdvals, a, rtol=1e-9, atol=1e-13)
    run(l_svdvals, R.normal(size=3))                        # LinAlgError: 1-dimensional


@pytest.mark.parametrize("run", [run_ir, run_wasm])
@pytest.mark.parametrize("fn", [l_svd, l_svd_thin])
@pytest.mark.parametrize("a", [R.normal(size=(7, 3)), R.normal(size=(3, 7)), hilbert(6),
                               np.ones((4, 3)), np.zeros((3, 3)), R.normal(size=(1, 4)),
                               np.zeros((0, 3))],
                         ids=["tall", "wide", "hilbert", "rank1", "zero", "row", "empty"])
def test_svd_factors(run, fn, a):
    u, s, vh = _run(run, fn, a)
    nu, ns, nvh = np.linalg.svd(a, full_matrices=fn is l_svd)
    assert u.shape == nu.shape and s.shape == ns.shape and vh.shape == nvh.shape
    k = min(a.shape)
    n = max(a.shape + (1,))
    scale = max(ns.max(initial=0.0), 1.0)
    assert np.allclose(s, ns, rtol=1e-9, atol=1e-13 * scale)
    assert np.all(np.diff(s) <= 0)
    assert np.abs((u[:, :k] * s) @ vh[:k] - a).max(initial=0.0) < 100 * n * EPS * scale
    assert np.abs(u.T @ u - np.eye(u.shape[1])).max(initial=0.0) < 100 * n * EPS
    assert np.abs(vh @ vh.T - np.eye(vh.shape[0])).max(initial=0.0) < 100 * n * EPS


# --- lstsq -----------------------------------------------------------------------------------------

def l_lstsq(a, b): return np.linalg.lstsq(a, b)
def l_lstsq_rcond(a, b): return np.linalg.lstsq(a, b, rcond=0.5)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_lstsq(run):
    run(l_lstsq, R.normal(size=(6, 3)), R.normal(size=6), rtol=1e-9, atol=1e-12)
    run(l_lstsq, R.normal(size=(6, 3)), R.normal(size=(6, 2)), rtol=1e-9, atol=1e-12)
    run(l_lstsq, np.ones((3, 3)), np.ones(3), rtol=1e-9, atol=1e-12)    # rank 1: no residuals
    run(l_lstsq, R.normal(size=(3, 5)), R.normal(size=3), rtol=1e-9, atol=1e-12)  # minimum norm
    run(l_lstsq, R.normal(size=(5, 3)), R.normal(size=4))                # LinAlgError
    run(l_lstsq, np.zeros((0, 3)), np.zeros(0))
    run(l_lstsq, R.integers(-3, 3, size=(5, 2)), R.integers(-3, 3, size=5), rtol=1e-9, atol=1e-12)
    run(l_lstsq_rcond, np.diag([3.0, 1.0, 0.1]), np.ones(3), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("run", [run_ir, run_wasm])
def test_lstsq_polyfit_ill_conditioned(run):
    x = np.linspace(0, 1, 30)
    v = np.stack([x ** p for p in range(8)], axis=1)      # an ill-conditioned Vandermonde
    y = np.cos(3 * x)
    sol, res, rank, s = _run(run, l_lstsq, v, y)
    ref = np.linalg.lstsq(v, y)
    assert rank == ref[2]
    assert np.allclose(s, ref[3], rtol=1e-9, atol=1e-15)
    # the fitted values agree (the coefficients are ill-determined)
    assert np.allclose(v @ sol, v @ ref[0], rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_det_overflow_and_underflow_as_numpy(run):
    run(l_det, np.eye(200) * 1e10)      # inf, not OverflowError
    run(l_det, -np.eye(3) * 1e300)      # -inf
    run(l_det, np.eye(200) * 1e-10)     # 0.0
