"""The float matrix-product kernel (frontend/matmul_kernels.py): every
blocking path (row groups of 4 and leftover rows, k groups of 4 and leftover
k, several k-blocks and column panels) against an exact reference of the
documented summation order (docs/arrays.md: each element summed in
increasing k from 0.0 in the result's dtype, float32 rounded at every step), on odd sizes, non-contiguous and
transposed operands, empty operands, float32/float64/int64, matrix-vector
in both orientations; and the mvp, simd and relaxed-simd builds agree bit
for bit (simd_harness.Builds)."""
from __future__ import annotations

import numpy as np
import pytest

from py2wasm.frontend import matmul_kernels as K

from .simd_harness import Builds, bits

rng = np.random.default_rng(15)
SIZES = [1, 2, 3, 7, 63, 65, 257]


def reference(a, b):
    """a @ b in the contract's order: products and sums in the result's float
    dtype (float32: each rounded to float32), k increasing, from 0.0."""
    dt = np.result_type(a, b)
    if dt.kind != "f":
        return np.matmul(a, b)
    a64, b64 = np.asarray(a, dt), np.asarray(b, dt)
    vec_a, vec_b = a64.ndim == 1, b64.ndim == 1
    a2 = a64[None, :] if vec_a else a64
    b2 = b64[:, None] if vec_b else b64
    acc = np.zeros((a2.shape[0], b2.shape[1]), dt)
    with np.errstate(over="ignore", invalid="ignore"):
        for p in range(a2.shape[1]):
            acc = acc + np.multiply.outer(a2[:, p], b2[p, :])
    if vec_a:
        acc = acc[0]
    if vec_b:
        acc = acc[..., 0]
    return acc.astype(dt)


def data(shape, dt):
    if np.dtype(dt).kind == "i":
        return rng.integers(-50, 50, shape).astype(dt)
    return rng.standard_normal(shape).astype(dt)


def run(builds, a, b, want):
    builds.check(a, b, numpy=False)  # the three builds agree bit for bit
    got = builds.mvp(a, b)
    assert bits(np.asarray(got)) == bits(np.asarray(want)), (a.shape, b.shape)


MM = Builds(lambda a, b: a @ b)


@pytest.mark.parametrize("dt", ["float64", "float32", "int64"])
def test_square_odd_sizes(dt):
    for s in SIZES:
        a, b = data((s, s), dt), data((s, s), dt)
        run(MM, a, b, reference(a, b))


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_rectangular_and_blocks(dt):
    # k beyond one k-block (K.KB), m beyond one column panel (K.JB)
    shapes = [(7, 65, 3), (63, 1, 257), (65, 63, 2), (2, K.KB + 3, 9), (3, 5, K.JB + 9),
              (5, 2 * K.KB + 1, K.JB + 1)]
    for n, k, m in shapes:
        a, b = data((n, k), dt), data((k, m), dt)
        run(MM, a, b, reference(a, b))


def test_mixed_dtypes():
    for da, db in [("float32", "float64"), ("int64", "float64"), ("float64", "int32"),
                   ("int32", "float32")]:
        a, b = data((7, 9), da), data((9, 5), db)
        run(MM, a, b, reference(a, b))


def test_empty():
    for dt in ["float64", "float32", "int64"]:
        for n, k, m in [(0, 3, 4), (3, 0, 4), (3, 4, 0), (0, 0, 0)]:
            a, b = data((n, k), dt), data((k, m), dt)
            run(MM, a, b, reference(a, b))
        for n, k in [(0, 3), (3, 0)]:
            a, x, y = data((n, k), dt), data(k, dt), data(n, dt)
            run(AX, a, x, reference(a, x))
            run(XA, y, a, reference(y, a))


VIEWS = Builds(lambda a, b: a.T @ b[::2, 1:])
VIEWS2 = Builds(lambda a, b: a[1:, ::3] @ b.T)


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_non_contiguous_and_transposed(dt):
    for s in [1, 3, 7, 65]:
        a, b = data((2 * s, s + 2), dt), data((4 * s, s + 1), dt)
        run(VIEWS, a, b, reference(a.T, b[::2, 1:]))
        a, b = data((s + 1, 3 * s), dt), data((s + 3, s), dt)
        run(VIEWS2, a, b, reference(a[1:, ::3], b.T))


AX = Builds(lambda a, x: a @ x)
XA = Builds(lambda x, a: x @ a)
ATX = Builds(lambda a, x: a.T @ x)
DOT_AX = Builds(lambda a, x: np.dot(a, x))
DOT_XA = Builds(lambda x, a: np.matmul(x, a))
STRIDED = Builds(lambda a, x: a[:, ::2] @ x[::3])
# column-major operands of a matrix-vector product take the other orientation's loops
XAT = Builds(lambda x, a: x @ a.T)
ATX_STEP = Builds(lambda a, x: a[::2].T @ x[::2])
XAT_DOT = Builds(lambda x, a: np.dot(x[1:], a[:, 1:].T))


@pytest.mark.parametrize("dt", ["float64", "float32", "int64"])
def test_matrix_vector_both_orientations(dt):
    for n, k in [(1, 1), (2, 3), (7, 63), (65, 7), (257, 65), (3, K.JB + 5)]:
        a, x, y = data((n, k), dt), data(k, dt), data(n, dt)
        run(AX, a, x, reference(a, x))
        run(DOT_AX, a, x, reference(a, x))
        run(XA, y, a, reference(y, a))
        run(DOT_XA, y, a, reference(y, a))
        run(ATX, a, y, reference(a.T, y))
        a2, x2 = data((n, 2 * k), dt), data(3 * k, dt)
        run(STRIDED, a2, x2, reference(a2[:, ::2], x2[::3]))
        run(XAT, x, a, reference(x, a.T))
        a3, y3 = data((2 * n, k), dt), data(2 * n, dt)
        run(ATX_STEP, a3, y3, reference(a3[::2].T, y3[::2]))
        x4, a4 = data(k + 1, dt), data((n, k + 1), dt)
        run(XAT_DOT, x4, a4, reference(x4[1:], a4[:, 1:].T))


def test_special_values_keep_the_order():
    # -0.0 sums, infinities and NaNs: the same bits in every build and as the reference
    a = np.array([[-0.0, 1e308, np.inf], [np.nan, -1e308, 2.0], [1.0, 1.0, -0.0]])
    b = np.array([[-0.0, 1.0], [1e308, -1.0], [0.0, -0.0]])
    run(MM, a, b, reference(a, b))
    run(AX, a, b[:, 0].copy(), reference(a, b[:, 0]))


ROW_COL = Builds(lambda x: x[None, :] @ x[None, :].T)
COV = Builds(lambda x: np.cov(x) * 1.0)


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_one_by_one_products_of_transposed_views(dt):
    # (1, k) @ (k, 1) where both operands are transposed views: one orientation only
    for k in [1, 2, 7, 65]:
        x = data(k, dt)
        ROW_COL.check(x, numpy=False)
        assert bits(np.asarray(ROW_COL.mvp(x))) == bits(reference(x[None, :], x[None, :].T))
    COV.check(data(10, "float64"), numpy=False)
