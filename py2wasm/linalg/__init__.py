"""`numpy.linalg` for compiled code, written in the Python subset py2wasm
compiles (as `py2wasm/libm` is for `math`).

Place in the pipeline: a library the frontend traces. When compiled code
calls `np.linalg.solve(a, b)`, the tracer (`frontend/linalg_calls.py`)
traces `py2wasm.linalg.lu.solve(a, b)` instead, specialized for the
arguments' dtypes and ndims like any user helper, so a module contains
only the routines it uses. Errors it raises (`LinAlgError` with NumPy's
messages, ValueError for mismatched shapes) are located at the user's call.

Numerics: LU with partial pivoting as LAPACK's getrf (first largest pivot),
Cholesky as potrf on the lower triangle, Householder QR with LAPACK's
reflector conventions (geqrf/orgqr), cyclic Jacobi for the symmetric
eigenproblem, one-sided Jacobi (Hestenes) for the SVD, least squares through
the SVD (as gelsd, with NumPy's default rcond). float32 inputs are computed
in float64 and rounded once (NumPy uses float32 LAPACK routines: we are at
least as accurate); integer and bool inputs are computed in float64 as NumPy
does. Stacks of matrices (leading batch axes) go to `stacked` for the
functions NumPy broadcasts (norm handles its own axes); lstsq, pinv, cond
and matrix_rank of a stack are a located CompileError.

Modules: `_common` (checks, dtypes), `lu` (det, slogdet, solve, inv,
matrix_power), `factor` (cholesky, qr), `spectral` (eigh, eigvalsh, svd,
lstsq, matrix_rank, pinv), `eig` (eig, eigvals: Hessenberg + Francis
double-shift QR; real arrays, or complex ones as NumPy >= 2.5), `ceig` (eig,
eigvals of complex matrices: complex Schur form), `norms` (norm), `stacked`
(the 2-D routines over stacks of matrices). Complex matrices run the same
algorithms as real ones with a complex element type (`elements`: conj,
|x|^2, LAPACK's |re| + |im| pivots), as LAPACK's z-routines mirror its
d-routines; results have NumPy's dtypes (complex64 in, complex64 out).
"""
from __future__ import annotations


def implementations() -> dict:
    """numpy.linalg function -> its implementation in this package."""
    import numpy as np

    from . import eig, factor, lu, norms, spectral
    la = np.linalg
    return {
        la.det: lu.det, la.slogdet: lu.slogdet, la.solve: lu.solve, la.inv: lu.inv,
        la.matrix_power: lu.matrix_power,
        la.cholesky: factor.cholesky, la.qr: factor.qr,
        la.eigh: spectral.eigh, la.eigvalsh: spectral.eigvalsh, la.svd: spectral.svd,
        la.lstsq: spectral.lstsq, la.matrix_rank: spectral.matrix_rank, la.pinv: spectral.pinv,
        la.cond: norms.cond,
        la.norm: norms.norm,
        la.eig: eig.eig, la.eigvals: eig.eigvals,
    }


def stacked_implementations() -> dict:
    """numpy.linalg function -> its implementation for stacks of matrices
    (an argument with more than two dimensions)."""
    import numpy as np

    from . import norms, stacked
    la = np.linalg
    return {
        la.det: stacked.det, la.slogdet: stacked.slogdet, la.solve: stacked.solve,
        la.inv: stacked.inv, la.matrix_power: stacked.matrix_power,
        la.cholesky: stacked.cholesky, la.qr: stacked.qr,
        la.eigh: stacked.eigh, la.eigvalsh: stacked.eigvalsh, la.svd: stacked.svd,
        la.eig: stacked.eig, la.eigvals: stacked.eigvals,
        la.norm: norms.norm,
    }


def always_complex_implementations() -> dict:
    """eig and eigvals as NumPy >= 2.5 has them (complex arrays even for
    real eigenvalues): function -> (2-D implementation, stacked one)."""
    import numpy as np

    from . import eig, stacked
    la = np.linalg
    return {la.eig: (eig.eig_complex, stacked.eig_complex),
            la.eigvals: (eig.eigvals_complex, stacked.eigvals_complex)}


def complex_input_implementations() -> dict:
    """eig and eigvals of complex matrices (ceig.py): function -> (2-D
    implementation, stacked one)."""
    import numpy as np

    from . import ceig, stacked
    la = np.linalg
    return {la.eig: (ceig.eig, stacked.eig_of_complex),
            la.eigvals: (ceig.eigvals, stacked.eigvals_of_complex)}
