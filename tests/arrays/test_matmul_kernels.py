"""The float matrix-product kernel (frontend/matmul_kernels.py): every
blocking path (row groups of 4 and leftover rows, k groups of 4 and leftover
k, several k-blocks and column panels) against an exact reference of the
documented summation order (docs/arrays.md: matrix-matrix and axpy-shaped
products sum each element in increasing k from 0.0 in the result's dtype,
float32 rounded at every step; row-streamed matrix-vector products and 1-D
dots in the blocked order of `blocked`), on odd sizes, non-contiguous and
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


def blocked(a, b):
    """a @ b for a row-streamed matrix-vector product (a 2-D, b 1-D) or a
    1-D dot, in the contract's blocked order: L = K.MV_LANES (matrix-vector)
    or K.LANES (1-D dot) partial sums per row (partial j adds the products of
    elements q*L + j, q increasing, from 0.0), a tail sum of the k % L
    leftover products in k order, then tree(partials) + tail, the tree
    halving the list: s[j] + s[j + L/2]."""
    dt = np.result_type(a, b)
    a2 = np.atleast_2d(np.asarray(a, dt))
    x = np.asarray(b, dt)
    L = (K.MV_LANES if np.ndim(a) == 2 else K.LANES)[dt.name]
    k = x.shape[0]
    nb = k // L
    part = np.zeros((a2.shape[0], L), dt)
    tail = np.zeros(a2.shape[0], dt)
    with np.errstate(over="ignore", invalid="ignore"):
        for q in range(nb):
            part = part + a2[:, q * L:(q + 1) * L] * x[q * L:(q + 1) * L]
        for p in range(nb * L, k):
            tail = tail + a2[:, p] * x[p]
        while part.shape[1] > 1:
            h = part.shape[1] // 2
            part = part[:, :h] + part[:, h:]
        res = (part[:, 0] + tail).astype(dt)
    return res[0] if np.ndim(a) == 1 else res


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


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_register_tile_edges(dt):
    # every row and column remainder of the MR x NR register tiles (n, m = 1..17
    # around multiples of K.MR and NR = 4 float64 / 8 float32 columns) with odd
    # k: padded rows and columns of the packed panels never reach C
    sizes = range(1, 18)
    for n in sizes:
        for m in sizes:
            k = (n * 7 + m * 3) % 17 + 1
            a, b = data((n, k), dt), data((k, m), dt)
            run(MM, a, b, reference(a, b))


TILE_VIEWS = Builds(lambda a, b: a[::2, 1:] @ b[:, ::-3])
TILE_T = Builds(lambda a, b: a.T @ b.T)


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_register_tiles_of_strided_and_transposed_operands(dt):
    # the packing reads any strides (negative, transposed) of either operand
    for n, k, m in [(9, 5, 13), (17, 16, 3), (4, 1, 8), (33, K.KB + 1, 10)]:
        a, b = data((2 * n, k + 1), dt), data((k, 3 * m), dt)
        run(TILE_VIEWS, a, b, reference(a[::2, 1:], b[:, ::-3]))
        a, b = data((k, n), dt), data((m, k), dt)
        run(TILE_T, a, b, reference(a.T, b.T))


BATCHED = Builds(lambda a, b: a @ b)
BATCHED_MM = Builds(lambda a, b: np.matmul(a[:, ::-1], b))  # reverses axis 1


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_batched_products_share_the_tile_kernel(dt):
    # each batch entry in the contract's order, to the bit, in every build;
    # batch axes of length 1 and 2-D operands broadcast; empty batches
    def per_entry(a, b):
        shape = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
        count = int(np.prod(shape))
        ab = np.broadcast_to(a, shape + a.shape[-2:]).reshape((count,) + a.shape[-2:])
        bb = np.broadcast_to(b, shape + b.shape[-2:]).reshape((count,) + b.shape[-2:])
        return np.array([reference(x, y) for x, y in zip(ab, bb)], dt).reshape(
            shape + (a.shape[-2], b.shape[-1]))
    for sa, sb in [((3, 5, 7), (3, 7, 9)), ((1, 6, 3), (4, 3, 5)), ((4, 9, 2), (2, 17)),
                   ((5, 8), (2, 8, 3)), ((2, 1, 4), (2, 4, 1)), ((0, 3, 4), (4, 2)),
                   ((2, 13, 0), (1, 0, 6)), ((2, 3, 5, 6), (2, 3, 6, 4)),  # above 3-D too
                   ((2, 1, 7, 3), (4, 3, 9)), ((3, 5, 2), (2, 1, 2, 5))]:
        a, b = data(sa, dt), data(sb, dt)
        run(BATCHED, a, b, per_entry(a, b))
        if a.ndim >= 3:  # a view with reversed rows
            run(BATCHED_MM, a, b, per_entry(a[:, ::-1], b))


FUSED = Builds(lambda a, b: a @ b, fastmath=True)


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_fastmath_register_tiles_within_rounding(dt):
    # fastmath may fuse each multiply-add (relaxed-SIMD): within k rounding
    # errors of each element's magnitude, against the exact-order reference
    eps = float(np.finfo(dt).eps)
    for n, k, m in [(5, 9, 7), (16, 31, 17), (9, K.KB + 5, 12)]:
        a, b = data((n, k), dt), data((k, m), dt)
        want = reference(a, b).astype(np.float64)
        mag = np.abs(a.astype(np.float64)) @ np.abs(b.astype(np.float64))
        for f in (FUSED.simd, FUSED.relaxed):
            got = np.asarray(f(a, b), np.float64)
            assert np.all(np.abs(got - want) <= 2 * k * eps * mag + np.finfo(dt).tiny)


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
            run(AX, a, x, blocked(a, x) if dt != "int64" else reference(a, x))
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
        ref = blocked if dt != "int64" else reference
        run(AX, a, x, ref(a, x))
        run(DOT_AX, a, x, ref(a, x))
        run(XA, y, a, reference(y, a))
        run(DOT_XA, y, a, reference(y, a))
        run(ATX, a, y, reference(a.T, y))
        a2, x2 = data((n, 2 * k), dt), data(3 * k, dt)
        run(STRIDED, a2, x2, ref(a2[:, ::2], x2[::3]))
        run(XAT, x, a, ref(a, x))  # x @ A.T streams the rows of A
        a3, y3 = data((2 * n, k), dt), data(2 * n, dt)
        run(ATX_STEP, a3, y3, reference(a3[::2].T, y3[::2]))
        x4, a4 = data(k + 1, dt), data((n, k + 1), dt)
        run(XAT_DOT, x4, a4, ref(a4[:, 1:], x4[1:]))


def test_special_values_keep_the_order():
    # -0.0 sums, infinities and NaNs: the same bits in every build and as the reference
    a = np.array([[-0.0, 1e308, np.inf], [np.nan, -1e308, 2.0], [1.0, 1.0, -0.0]])
    b = np.array([[-0.0, 1.0], [1e308, -1.0], [0.0, -0.0]])
    run(MM, a, b, reference(a, b))
    run(AX, a, b[:, 0].copy(), blocked(a, b[:, 0]))


ROW_COL = Builds(lambda x: x[None, :] @ x[None, :].T)
COV = Builds(lambda x: np.cov(x) * 1.0)


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_one_by_one_products_of_transposed_views(dt):
    # (1, k) @ (k, 1) where both operands are transposed views: one orientation only
    for k in [1, 2, 7, 65]:
        x = data(k, dt)
        ROW_COL.check(x, numpy=False)
        assert bits(np.asarray(ROW_COL.mvp(x))) == bits(blocked(x[None, :], x)[:, None])
    COV.check(data(10, "float64"), numpy=False)


DOT = Builds(lambda x, y: x @ y)
NPDOT = Builds(lambda x, y: np.dot(x, y))
DOT_VIEWS = Builds(lambda x, y: x[::2] @ y[::-2])
INNER = Builds(lambda x, y: np.inner(x, y))
VDOT = Builds(lambda x, y: np.vdot(x, y))


def bound(a2, x, dt):
    """The documented tolerance against NumPy: (k / L + log2 L + 2) * eps *
    sum |a[i, p] * x[p]| per element (eps of the dtype; L the smaller of the
    two blocked orders', matrix-vector's)."""
    L = K.MV_LANES[np.dtype(dt).name]
    eps = float(np.finfo(dt).eps)
    k = x.shape[0]
    mag = np.abs(np.asarray(a2, np.float64)) @ np.abs(np.asarray(x, np.float64))
    return (k / L + np.log2(L) + 2) * eps * mag + np.finfo(dt).tiny


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_one_d_dots_in_the_blocked_order(dt):
    # every size 0..70 (whole blocks of K.LANES and every tail), contiguous and
    # strided/reversed views: the blocked reference to the bit, the three builds
    # bit for bit, and NumPy within the documented bound
    for k in range(71):
        x, y = data(k, dt), data(k, dt)
        for f in (DOT, NPDOT, INNER, VDOT):
            f.check(x, y, numpy=False)
            got = f.mvp(x, y)
            assert bits(np.asarray(got)) == bits(np.asarray(blocked(x, y))), (k, f)
            assert np.asarray(got).dtype == np.dtype(dt)
            assert abs(float(got) - float(np.dot(x, y))) <= bound(x[None], y, dt)[0], k
        x2, y2 = data(2 * k, dt), data(2 * k, dt)
        DOT_VIEWS.check(x2, y2, numpy=False)
        assert bits(np.asarray(DOT_VIEWS.mvp(x2, y2))) == bits(np.asarray(
            blocked(x2[::2], y2[::-2])))


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_matrix_vector_against_numpy_within_the_bound(dt):
    for n, k in [(1, 0), (3, 1), (5, 7), (9, 8), (4, 9), (13, 33), (7, 70), (65, 257)]:
        a, x, y = data((n, k), dt), data(k, dt), data(n, dt)
        for got, want, a2, v in [(AX.mvp(a, x), a @ x, a, x), (XA.mvp(y, a), y @ a, a.T, y),
                                 (ATX.mvp(a, y), a.T @ y, a.T, y),
                                 (XAT.mvp(x, a), x @ a.T, a, x)]:
            assert np.asarray(got).dtype == np.dtype(dt)
            assert np.all(np.abs(np.asarray(got, np.float64) - want) <= bound(a2, v, dt))


def test_dots_of_special_values():
    # nan, inf, -0.0 and overflow in any lane and in the tail: the same bits in
    # every build and as the blocked reference (NumPy's nan/inf pattern)
    for dt in ["float64", "float32"]:
        for k in [1, 4, 5, 8, 9, 17]:
            for v in [np.nan, np.inf, -np.inf, -0.0, 3e38 if dt == "float32" else 1e308]:
                for pos in {0, k // 2, k - 1}:
                    x, y = data(k, dt), data(k, dt)
                    x[pos] = v
                    y[(pos + 1) % k] = -v if v == v else v
                    DOT.check(x, y, numpy=False)
                    got = DOT.mvp(x, y)
                    assert bits(np.asarray(got)) == bits(np.asarray(blocked(x, y)))
                    with np.errstate(all="ignore"):
                        want = np.dot(x, y)
                    if v != v or abs(v) == np.inf:  # no finite overflow: NumPy's nan/inf
                        assert np.isnan(got) == np.isnan(want), (dt, k, v, pos)
                        assert np.isfinite(want) or np.isnan(want) or got == want
                    a = np.stack([x, y, x])
                    AX.check(a, y, numpy=False)
                    assert bits(np.asarray(AX.mvp(a, y))) == bits(blocked(a, y))


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_matrix_vector_row_groups(dt):
    # `A @ x` takes K.RV rows at a time, then pairs, then one row: every
    # count of leftover rows (n mod RV = 0..RV-1, twice over), short and
    # long rows, whole blocks of K.MV_LANES and every tail; each row's sums
    # are the blocked order's whichever group it is in, in every build
    ax, npdot, xat = (Builds(lambda a, x: a @ x), Builds(lambda a, x: np.dot(a, x)),
                      Builds(lambda x, a: x @ a.T))
    shapes = [(n, k) for n in range(2 * K.RV + 1) for k in (1, 3, 8, 13)]
    for n, k in shapes + [(65, 7), (5, 120), (3, 257), (257, 1), (1, 257), (4, 0), (7, 64)]:
        a, x = data((n, k), dt), data(k, dt)
        run(ax, a, x, blocked(a, x))
        run(npdot, a, x, blocked(a, x))
        run(xat, x, a, blocked(a, x))
        a2 = data((2 * n, k + 3), dt)
        run(ax, a2[::2, 3:], x, blocked(a2[::2, 3:], x))


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_axpy_row_groups(dt):
    # `x @ A` (and A.T @ x, a few rows of x) adds K.Q rows of A per pass over
    # the result, then leftover rows one by one: every element's sum in k
    # order either way, in every build
    xa, atx, two = (Builds(lambda x, a: x @ a), Builds(lambda a, x: a.T @ x),
                    Builds(lambda x, a: x[:2] @ a))
    for k, m in [(1, 1), (3, 5), (4, 9), (7, 2), (8, 7), (9, 9), (12, 5), (13, 4), (15, 4),
                 (16, 3), (17, 5), (20, 3), (21, 4), (22, 6), (33, 7), (63, 65), (65, 63),
                 (257, 1), (2, 40), (0, 3), (5, 0)]:
        a, x = data((k, m), dt), data(k, dt)
        run(xa, x, a, reference(x, a))
        run(atx, a, x, reference(a.T, x))
        x2 = data((3, k), dt)
        run(two, x2, a, reference(x2[:2], a))
