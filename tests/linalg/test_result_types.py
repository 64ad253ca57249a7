"""The types of numpy.linalg's results in compiled code (frontend/linalg_calls.py
and py2wasm/linalg): NumPy's named result tuples (`EighResult`, `SVDResult`,
`QRResult`, `SlogdetResult`, `EigResult`, with their field names), NumPy
scalars where NumPy gives them (`det`, `slogdet`, `norm`, `cond`, `trace`:
np.float64 / np.float32 / np.complex128; `matrix_rank`: np.int64 of a
matrix, a Python int of a vector), plain tuples where NumPy's are plain
(`lstsq`, `qr(mode="raw")`). Values are checked elsewhere (test_linalg.py,
test_complex.py); here every leaf's Python type, dtype and shape."""
import numpy as np
import pytest

import py2wasm

la = np.linalg


def results(a):
    return (la.det(a), la.slogdet(a), la.matrix_rank(a), la.matrix_rank(a, tol=0.5),
            la.matrix_rank(a[0]), la.norm(a), la.norm(a, 1), la.norm(a, 2), la.norm(a[0]),
            la.cond(a), la.eigh(a), la.eigvalsh(a), la.svd(a), la.svd(a, compute_uv=False),
            la.qr(a), la.qr(a, mode="r"), la.qr(a, "raw"), la.eig(a), la.lstsq(a, a[0]),
            la.inv(a), la.solve(a, a[0]), np.trace(a), a.trace(1))


def fields(a):
    return (la.eigh(a).eigenvalues, la.eigh(a).eigenvectors, la.svd(a).U, la.svd(a).S,
            la.svd(a).Vh, la.qr(a).Q, la.qr(a).R, la.slogdet(a).sign, la.slogdet(a).logabsdet,
            la.eig(a).eigenvalues, la.eig(a).eigenvectors)


def qr_modes(a):
    return np.linalg.qr(a, "raw"), np.linalg.qr(a, "economic"), np.linalg.qr(a, "f")


def qr_bad_mode(a):
    return np.linalg.qr(a, "zz")


def empty_rank(a):
    return la.matrix_rank(a), la.matrix_rank(a, tol=0.1)


def structure(v):
    """Every leaf's type (and an array's dtype and shape), and the tuple
    classes with their field names."""
    if isinstance(v, tuple):
        return (type(v).__name__, getattr(type(v), "_fields", None),
                tuple(structure(x) for x in v))
    if isinstance(v, np.ndarray):
        return ("ndarray", v.dtype.str, v.shape)
    return type(v).__name__


HERMITIAN_PD = [[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]]
MATRICES = {
    "float64": np.array(HERMITIAN_PD),
    "float32": np.array(HERMITIAN_PD, dtype=np.float32),
    "int64": np.array(HERMITIAN_PD, dtype=np.int64),
    "complex128": np.array(HERMITIAN_PD) + 1j * np.array([[0, 1, 0], [-1, 0, 0], [0, 0, 0]]),
}


@pytest.mark.parametrize("dtype", list(MATRICES))
def test_result_types_like_numpy(dtype):
    a = MATRICES[dtype]
    want = structure(results(a.copy()))
    got = structure(py2wasm.compile(results)(a.copy()))
    assert got == want


@pytest.mark.parametrize("dtype", ["float64", "complex128"])
def test_named_fields(dtype):
    a = MATRICES[dtype]
    want, got = fields(a.copy()), py2wasm.compile(fields)(a.copy())
    assert structure(got) == structure(want)
    for g, w in zip(got, want):  # the fields are the right parts (values to rounding)
        assert np.allclose(np.abs(g), np.abs(w), atol=1e-12)


def test_matrix_rank_of_an_empty_matrix_is_a_numpy_int():
    a = np.zeros((0, 3))
    got = py2wasm.compile(empty_rank)(a)
    assert structure(got) == structure(empty_rank(a)) and got == (0, 0)


@pytest.mark.parametrize("a", [np.arange(12.0).reshape(4, 3) + np.eye(4, 3),
                               np.arange(12.0).reshape(2, 2, 3) ** 2,
                               (np.arange(6.0).reshape(2, 3) + 1j).astype(np.complex64)],
                         ids=["2-d", "stack", "complex64"])
def test_qr_raw_and_deprecated_modes(a):
    """mode="raw": LAPACK's geqrf output (h transposed, tau), plain tuples;
    "e"/"economic": h itself; "f"/"full": "reduced" (NumPy warns)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        want = qr_modes(a.copy())
    got = py2wasm.compile(qr_modes)(a.copy())
    assert structure(got) == structure(want)
    tol = 1e-5 if a.dtype == np.complex64 else 1e-12
    for g, w in zip([*got[0], got[1], *got[2]], [*want[0], want[1], *want[2]]):
        np.testing.assert_allclose(g, w, atol=tol)


def test_qr_mode_checked_before_the_shape():
    for a in (np.eye(2), np.ones(2)):
        with pytest.raises(ValueError, match="Unrecognized mode 'zz'"):
            qr_bad_mode(a)
        with pytest.raises(ValueError, match="Unrecognized mode 'zz'"):
            py2wasm.compile(qr_bad_mode)(a)
