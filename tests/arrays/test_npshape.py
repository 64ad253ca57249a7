"""frontend/npshape_views.py and npshape_join.py: np.diagonal (function and
method; a read-only view), atleast_1d/2d/3d, squeeze, moveaxis, swapaxes
(function and method), broadcast_to
(read-only), rot90, column_stack, dstack, row_stack, split, array_split,
hsplit, vsplit, dsplit (lists of views), compiled vs NumPy bit for bit over
dtypes and layouts (empty, odd, 2-D/3-D, strided views, Fortran order), the
arguments after the call (views written through change them), and NumPy's
exceptions (type and message); what is refused is a located CompileError."""
import copy
import warnings

import numpy as np
import pytest

import py2wasm

DTYPES = ["float64", "float32", "int64", "int32", "uint8", "bool"]


def _data(shape, dtype, seed=3):
    r = np.random.default_rng(seed)
    x = r.normal(size=shape) * 9
    if dtype == "bool":
        return x > 0
    return x.astype(dtype) if dtype.startswith("float") else np.abs(x).astype(dtype)


def layouts(shape, dtype):
    """C order, Fortran order, and a strided view of the same shape."""
    c = _data(shape, dtype)
    f = np.asfortranarray(c)
    big = _data(tuple(2 * s for s in shape), dtype, 4)
    v = big[tuple(slice(None, None, 2) for _ in shape)]
    return [c, f, v]


def outcome(fn, args):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ("ok", fn(*args), args)
    except Exception as e:  # noqa: BLE001 - compared with NumPy's
        return (type(e).__name__, str(e), args)


def bits(got, want, path="result"):
    """None if equal bit for bit (dtype, shape, bytes; tuples and lists by item)."""
    if isinstance(want, (tuple, list)):
        if type(got) is not type(want) or len(got) != len(want):
            return f"{path}: {type(got).__name__} {got!r}, expected {want!r}"
        for i, (g, w) in enumerate(zip(got, want)):
            d = bits(g, w, f"{path}[{i}]")
            if d:
                return d
        return None
    if isinstance(want, np.ndarray):
        if not isinstance(got, np.ndarray) or got.dtype != want.dtype or got.shape != want.shape:
            return f"{path}: {got!r}, expected {want!r}"
        if np.ascontiguousarray(got).tobytes() != np.ascontiguousarray(want).tobytes():
            return f"{path}: {got!r}, expected {want!r}"
        return None
    if type(got) is not type(want) or got != want:
        return f"{path}: {got!r}, expected {want!r}"
    return None


def check(fn, args, target="simd"):
    want = outcome(fn, copy.deepcopy(args))
    got = outcome(py2wasm.compile(fn, target=target), copy.deepcopy(args))
    assert got[:1] == want[:1], (got[:2], want[:2])
    if want[0] != "ok":
        assert got[1] == want[1]
    else:
        assert bits(got[1], want[1]) is None, bits(got[1], want[1])
    assert bits(list(got[2]), list(want[2]), "arguments after the call") is None


# --- the kernels ------------------------------------------------------------------------

def diagonals(a):
    d = a.diagonal()
    e = np.diagonal(a, 1)
    g = np.diagonal(a, -1, 1, 0)
    h = a.diagonal(offset=7)
    a[0, 0] = a[1, 1]  # the views see it, as NumPy's
    return d + 0, e.copy(), g[::-1].copy(), h.shape[0], d.shape[0]


def diagonal_3d(a):
    return np.diagonal(a, 0, 0, 2).copy(), a.diagonal(1, 2, 1).copy(), a.diagonal(-1, -1, 0).copy()


def diagonal_run_time_offset(a, k: int):
    return np.diagonal(a, k).copy()


def diag_run_time_k(a, k: int):
    return np.diag(a, k).copy()


def diagonal_written(a):
    d = np.diagonal(a)
    d[0] = 1
    return d


def diagonal_slice_written(a):
    d = a.diagonal()[1:]
    d[...] = 0
    return a


def diagonal_inplace(a):
    d = a.diagonal()
    d += 1
    return a


def diagonal_1d(a):
    return np.diagonal(a)


def diagonal_same_axes(a):
    return a.diagonal(0, 1, 1)


def trace_of_product(a, b):
    return (a @ b).diagonal().sum()


def atleast(a):
    x = np.atleast_1d(a)
    y = np.atleast_2d(a)
    z = np.atleast_3d(a)
    p, q = np.atleast_2d(a, 2.5)
    y[..., 0] = 0  # views: a changes too
    return x.shape, y.shape, z.shape, z + 0, p.shape, q + 0, a


def squeezes(a):
    s = np.squeeze(a, axis=0)
    t = a.squeeze(axis=(0, 2))
    t[0] = 7
    return s.shape, s + 0, t.shape, a


def squeeze_known(n: int):
    a = np.zeros((1, 3, 1))
    return np.squeeze(a).shape, np.squeeze(a[:, :, 0:1]).shape


def squeeze_all_run_time(a):
    return np.squeeze(a)


def moved(a):
    m = np.moveaxis(a, 0, -1)
    n = np.moveaxis(a, [0, 1], [-1, 0])
    m[0, ...] = 1
    return m.shape, n.shape, n + 0, a


def moved_bad(a):
    return np.moveaxis(a, [0, 1], [0])


def moved_repeated(a):
    return np.moveaxis(a, [0, 0], [0, 1])


def swapped(a):
    m = np.swapaxes(a, 0, -1)
    n = a.swapaxes(2, 1)
    m[0, ...] = 1  # a view: the write reaches a
    return m.shape, n.shape, n + 0, np.swapaxes(a, 1, 1) is not a, a


def swapped_complex(a):
    z = a + 1j * a
    return np.swapaxes(z, 0, 2).sum(axis=0), z.swapaxes(0, 1)[1:, ::-1] * 2


def broadcast(a, n: int):
    b = np.broadcast_to(a, (n,) + a.shape)
    c = np.broadcast_to(a[:1], (3, a.shape[0]))
    return b + 0, c.sum(axis=0), b.shape


def broadcast_written(a):
    b = np.broadcast_to(a, (2,) + a.shape)
    b[0, 0] = 1
    return b


def broadcast_bad(a, n: int):
    return np.broadcast_to(a, (2, n)) + 0


def broadcast_fewer_dims(a):
    return np.broadcast_to(a, (3,))


def broadcast_scalar(x: float, n: int):
    return np.broadcast_to(x, (n, 2)) * 1


def rotations(a):
    r1 = np.rot90(a)
    r1[0, 0] = 0  # a view
    return r1 + 0, np.rot90(a, 2) + 0, np.rot90(a, -1) + 0, np.rot90(a, 3, (1, 0)) + 0, a


def rot90_bad_axes(a):
    return np.rot90(a, 1, (0, 0))


def column_and_depth(a, b):
    return np.column_stack((a, b)), np.dstack((a, b)), np.row_stack((a, b)), \
        np.column_stack([a, b, a])


def column_mixed(a, b):
    return np.column_stack((a, b)), np.dstack([a, b])


def splits(x):
    a, b = np.split(x, 2)
    a[0] = b[-1]  # a view of x
    return a + 0, b + 0, x


def split_count(x, n: int):
    parts = np.array_split(x, n)
    return len(parts), parts[0] + 0, parts[len(parts) - 1] + 0


def split_equal(x, n: int):
    parts = np.split(x, n, axis=-1)
    return len(parts), [p + 0 for p in parts][0]


def split_at(x):
    p = np.split(x, [1, 3], axis=1)
    q = np.array_split(x, (2, -1, 9))
    return p[0] + 0, p[1] + 0, p[2] + 0, len(q), q[1] + 0, q[3].shape


def split_hvd(x):
    h = np.hsplit(x, 2)
    v = np.vsplit(x, [1])
    d = np.dsplit(x, 2)
    return h[1] + 0, v[0] + 0, v[1] + 0, d[0] + 0


def split_returned(x):
    return np.split(x, 2)


def hsplit_1d(x):
    return np.hsplit(x, 3)[2] + 0


def vsplit_1d(x):
    return np.vsplit(x, 2)


def split_loop(x, n: int):
    s = 0.0
    for p in np.array_split(x, n):
        s += p.sum()
    return s


# --- the tests ----------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
def test_diagonal_dtypes_layouts(dtype):
    for a in layouts((3, 5), dtype) + layouts((4, 2), dtype):
        check(diagonals, (a,))


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
def test_diagonal_targets(target):
    check(diagonals, (_data((5, 5), "float64"),), target)
    check(diagonal_3d, (_data((2, 3, 4), "int32"),), target)


def test_diagonal_3d_layouts():
    for a in layouts((3, 4, 5), "float32"):
        check(diagonal_3d, (a,))


# NumPy converts offset to a C int: OverflowError outside int32 (-2**31 itself
# crashes NumPy 2.x: its negation overflows)
@pytest.mark.parametrize("k", [-4, -1, 0, 2, 9, 2**31 - 1, 2**31, -2**31 + 1, -2**31 - 1,
                               2**40, -2**62])
def test_diagonal_run_time_offset(k):
    check(diagonal_run_time_offset, (_data((3, 5), "int64"), k))
    check(diagonal_run_time_offset, (np.zeros((0, 4)), k))
    check(diag_run_time_k, (_data((3, 5), "int64"), k))


@pytest.mark.parametrize("fn", [diagonal_written, diagonal_slice_written, diagonal_inplace,
                                diagonal_1d, diagonal_same_axes])
def test_diagonal_errors(fn):
    check(fn, (_data((3, 3), "float64") if fn is not diagonal_1d else np.arange(3.0),))


def test_diagonal_of_expression():
    check(trace_of_product, (_data((3, 4), "float64"), _data((4, 3), "float64")))


@pytest.mark.parametrize("dtype", DTYPES)
def test_atleast(dtype):
    for shape in [(3,), (2, 3), (0,), (1,)]:
        for a in layouts(shape, dtype):
            if a.size:
                check(atleast, (a,))
    check(atleast, (_data((2, 3, 2), dtype),))


@pytest.mark.parametrize("dtype", ["float64", "uint8", "bool"])
def test_squeeze(dtype):
    check(squeezes, (_data((1, 4, 1), dtype),))
    check(squeezes, (_data((1, 1, 1), dtype),))
    check(squeezes, (_data((2, 4, 1), dtype),))  # NumPy's ValueError
    check(squeezes, (_data((1, 3, 2), dtype),))
    check(squeezes, (np.asfortranarray(_data((1, 5, 1), dtype)),))
    check(squeeze_known, (1,))


def test_squeeze_without_axis_of_run_time_shape_is_refused():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(squeeze_all_run_time)(np.zeros((1, 3)))
    assert e.value.line and "axis=" in e.value.hint


@pytest.mark.parametrize("dtype", ["float64", "int32", "bool"])
def test_moveaxis(dtype):
    for a in layouts((2, 3, 4), dtype):
        check(moved, (a,))
    check(moved_bad, (_data((2, 3), dtype),))
    check(moved_repeated, (_data((2, 3), dtype),))


@pytest.mark.parametrize("dtype", ["float64", "int32", "bool"])
def test_swapaxes(dtype):
    for a in layouts((2, 3, 4), dtype):
        check(swapped, (a,))
    if dtype != "bool":
        check(swapped_complex, (_data((2, 3, 4), dtype),))


@pytest.mark.parametrize("dtype", DTYPES)
def test_broadcast_to(dtype):
    for a in layouts((3,), dtype) + layouts((2, 1), dtype):
        check(broadcast, (a, 4))
        check(broadcast, (a, 0))
    check(broadcast, (_data((0,), dtype), 2))


def test_broadcast_to_errors():
    check(broadcast_written, (np.arange(3.0),))
    check(broadcast_bad, (np.arange(3.0), 4))  # run-time mismatch: NumPy's message
    check(broadcast_bad, (np.arange(3.0), 3))
    check(broadcast_bad, (np.arange(3.0), -1))
    check(broadcast_fewer_dims, (np.zeros((2, 3)),))
    check(broadcast_scalar, (2.5, 3))


@pytest.mark.parametrize("dtype", ["float64", "int64", "uint8"])
def test_rot90(dtype):
    for a in layouts((2, 3), dtype) + layouts((3, 2, 2), dtype):
        check(rotations, (a,))
    check(rot90_bad_axes, (_data((2, 2), dtype),))


@pytest.mark.parametrize("dtype", DTYPES)
def test_column_stack_dstack(dtype):
    for a in layouts((3,), dtype) + layouts((3, 2), dtype):
        check(column_and_depth, (a, a[::-1].copy()))
    check(column_and_depth, (_data((0,), dtype), _data((0,), dtype)))
    check(column_mixed, (_data((3,), dtype), _data((3,), "int32")))
    check(column_mixed, (_data((3,), dtype), _data((2,), dtype)))  # NumPy's ValueError


@pytest.mark.parametrize("dtype", DTYPES)
def test_splits(dtype):
    for shape in [(6,), (5,), (4, 3), (0,)]:
        for a in layouts(shape, dtype):
            check(splits, (a,))


@pytest.mark.parametrize("n", [1, 3, 4, 7, 0, -2])
def test_split_counts(n):
    x = _data((5, 2), "float64")
    check(split_count, (x, n))
    check(split_equal, (_data((3, 4), "int32"), n))
    check(split_loop, (np.arange(10.0), n))


@pytest.mark.parametrize("dtype", ["float64", "int64", "bool"])
def test_split_at_and_hvd(dtype):
    for a in layouts((4, 4, 2), dtype):
        check(split_at, (a,))
        check(split_hvd, (a,))
    check(split_returned, (_data((4,), dtype),))
    check(hsplit_1d, (_data((6,), dtype),))
    check(vsplit_1d, (_data((6,), dtype),))


# --- every in-place writer refuses a read-only view with NumPy's message ---------------

def ro_fill(a):
    d = a.diagonal()
    d.fill(1.0)
    return a


def ro_put(a):
    d = a.diagonal()
    np.put(d, 0, 1.0)
    return a


def ro_sort(a):
    d = a.diagonal()
    d.sort()
    return a


def ro_out(a):
    d = a.diagonal()
    np.add(d, 1, out=d)
    return a


def ro_fancy(a):
    d = a.diagonal()
    d[[0, 1]] = 1.0
    return a


def ro_mask(a):
    d = a.diagonal()
    d[d > 0] = 1.0
    return a


def ro_fill_diagonal(a):
    d = np.broadcast_to(a[0], (2, 3))
    np.fill_diagonal(d, 1.0)
    return a


def ro_diag(a):
    d = np.diag(a)
    d[0] = 1
    return d


def ro_reshaped(a):
    b = np.broadcast_to(a, (2, 3))
    c = b.T
    c[0, 0] = 5
    return a


def ro_row_of_loop(a):
    b = np.broadcast_to(a, (2, 3))
    for r in b:
        r[0] = 1
    return a


def ro_copy_is_writable(a):
    d = a.diagonal().copy()
    d[0] = -1
    e = np.broadcast_to(a[0], (2, 3)) + 0
    e[1, 1] = -2
    return d, e, a


@pytest.mark.parametrize("fn", [ro_fill, ro_put, ro_sort, ro_out, ro_fancy, ro_mask,
                                ro_fill_diagonal, ro_diag, ro_reshaped, ro_row_of_loop,
                                ro_copy_is_writable])
def test_read_only_views(fn):
    a = np.arange(9.0).reshape(3, 3)[::-1]
    check(fn, (a,) if fn not in (ro_reshaped, ro_row_of_loop) else (np.arange(3.0),))


# --- np.block -----------------------------------------------------------------------------

def blocks(a, b):
    return np.block([[a, b], [b, a]]), np.block([a, b]), np.block([[a], [b]])


def block_mixed(a):
    return np.block([[a, np.zeros((a.shape[0], 3), np.int32)], [np.ones((1, a.shape[1] + 3))]])


def block_scalar(a):
    return np.block([a, 1.5])


def block_depths(a):
    return np.block([[a], a])


def block_tuple(a):
    return np.block((a, a))


def block_numbers(x: float, y: float):
    return np.block([[x, y], [y, x]])


def block_empty(a):
    return np.block([[]])


@pytest.mark.parametrize("dtype", DTYPES)
def test_block(dtype):
    for a in layouts((2, 2), dtype):
        check(blocks, (a, a[::-1].copy()))
        check(block_mixed, (a,))
    check(blocks, (_data((3,), dtype), _data((3,), dtype)))
    check(blocks, (_data((2, 2), dtype), _data((3, 2), dtype)))  # NumPy's ValueError


def test_block_errors_and_scalars():
    check(block_scalar, (np.arange(3),))
    check(block_scalar, (np.ones((2, 2)),))
    check(block_depths, (np.ones(2),))
    check(block_tuple, (np.ones(2),))
    check(block_numbers, (1.0, 2.0))
    check(block_empty, (np.ones(2),))


def test_read_only_view_into_a_list_is_refused():
    """A list slot keeps no writeable flag: a read-only view stored in a list
    (directly, or by a split of one) is refused at the user's line, never
    written through (the fuzzer's find: seed 520000 #4289)."""
    def split_then_write(p0):
        v2, v3 = np.array_split(p0.diagonal(), 2)
        v3[-1] = -1

    def listed(p0):
        xs = [np.broadcast_to(p0[0], (2, 2))]
        return xs[0].sum()
    for fn in (split_then_write, listed):
        with pytest.raises(py2wasm.CompileError) as e:
            py2wasm.compile(fn)(np.arange(4, dtype=np.uint16).reshape(2, 2))
        assert e.value.code == "P2W010" and e.value.line and e.value.hint
        assert "read-only" in str(e.value)
    # a copy is writable and may be listed
    def copied(p0):
        v2, v3 = np.array_split(p0.diagonal().copy(), 2)
        v3[-1] = 9
        return v3
    check(copied, (np.arange(4, dtype=np.uint16).reshape(2, 2),))


def reshaped_broadcast_written(p0):
    v1 = np.broadcast_to(p0, (2, len(p0)))
    a2 = v1.reshape(-1)  # a view (read-only) when len(p0) == 1, else a copy
    a2[0] = 5
    return v1.copy(), a2


def reshaped_broadcast_inplace(p0):
    a2 = np.broadcast_to(p0, (2, len(p0))).reshape(-1)
    a2 += 1
    np.add(a2, 1, out=a2)
    a2.sort()
    return a2


@pytest.mark.parametrize("fn", [reshaped_broadcast_written, reshaped_broadcast_inplace])
@pytest.mark.parametrize("n", [1, 3])
def test_read_only_decided_at_run_time(fn, n):
    """A reshape of a read-only view is a view or a copy by its run-time
    strides: the writeable flag is then a run-time value, and a write raises
    NumPy's ValueError exactly when NumPy's would (fuzz seed 530000 #9423)."""
    check(fn, (np.arange(n, dtype=np.int64) - 2,))
