"""Advanced indexing (frontend/indexing_fancy.py) against NumPy, under the IR
interpreter and as wasm: integer-array reads and writes (every index dtype,
negative and out-of-bounds indices, broadcast index arrays, placement of the
advanced axes with slices, ints and None between them), `a[idx] += 1` with
NumPy's no-accumulation rule, boolean masks inside index tuples and masks of
fewer dimensions than the array, run-time slice steps (zero raises), NumPy's
exception types and messages; hypothesis over shapes, dtypes and index
values; realistic kernels (CSR mat-vec, k-means, scatter/gather)."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from tests.arrays.harness import check, strided
from tests.arrays.wasm_harness import check_wasm

R = np.random.default_rng(2026)
DTYPES = [np.float64, np.float32, np.int64, np.int32, np.uint8, np.bool_]
IDX_DTYPES = [np.int64, np.int32, np.uint8]


def arr(*shape, dtype=np.float64):
    if dtype == np.bool_:
        return R.integers(0, 2, size=shape).astype(bool)
    if np.issubdtype(dtype, np.integer):
        return R.integers(0 if dtype == np.uint8 else -50, 100, size=shape).astype(dtype)
    return R.normal(size=shape).astype(dtype)


def ints(*shape, lo=-3, hi=3, dtype=np.int64):
    return R.integers(lo, hi, size=shape).astype(dtype)


# --- functions under test ------------------------------------------------------------------

def take1(a, idx): return a[idx]
def take_list(a): return a[[0, 2, -1]], a[[1]]
def take_rows_cols(a, r, c): return a[r[:, None], c]
def take_pair(a, r, c): return a[r, c]
def take_expr(a, idx): return a[idx % 3]
def int_slice_arr(a, idx): return a[0, :, idx]       # ints are advanced: B goes first
def slice_arr(a, idx): return a[:, idx]
def arr_slice_arr(a, i, j): return a[i, :, j]        # not adjacent: B goes first
def arr_none_arr(a, i): return a[i, None, i]
def arr_arr_slice(a, i, j): return a[i, j, 1:]
def ellipsis_arr(a, idx): return a[..., idx]
def none_arr(a, idx): return a[None, idx]
def mask_then_int(a, m): return a[m, 1]
def int_then_mask(a, m): return a[1, m]
def mask_rows(a, m): return a[m]
def mask_slice(a, m): return a[m, 1:]
def mask_arr(a, m, idx): return a[m, idx]
def mask_rows_where(a, t: float): return a[a[:, 0] > t]
def step(a, k: int): return a[::k]
def step_bounds(a, i: int, j: int, k: int): return a[i:j:k]
def step_2d(a, k: int): return a[1:-1:k, ::k]
def step_write(a, k: int):
    a[::k] = 0
    return a.sum()


def put1(a, idx):
    a[idx] = 7
    return a


def put_val(a, idx, v):
    a[idx] = v


def put_val2(a, i, j, v):
    a[i, j] = v


def put_inc(a, idx):
    a[idx] += 1
    return a


def put_inc_pair(a, r, c):
    a[r, c] -= 2


def put_rows(a, idx, v):
    a[idx, 1:] = v


def put_mask_col(a, m):
    a[m, 0] = -1


def put_self(a, idx):
    a[idx] = a          # the value reads the destination: copied first


def put_perm(a):
    a[a] = 0            # the index is the destination: copied first


def put_list(a):
    a[[0, 2]] = 9


def numpy_scalar_with_array(m, i):  # NumPy integer scalars are ints beside an index array
    m[np.int32(1), i] += 1.0
    return m[np.int64(-1), i], m[i, np.uint8(2)], m[i[0], i], m[np.int16(0):np.int64(3), i]


CASES = []


def case(fn, *args, **kw):
    CASES.append(pytest.param(fn, args, kw, id=f"{fn.__name__}-{len(CASES)}"))


v10 = np.arange(10.0) * 1.5
m45 = arr(4, 5)
t234 = arr(2, 3, 4)
for dt in DTYPES:
    case(take1, arr(6, dtype=dt), ints(8, lo=-6, hi=6))
    case(take1, arr(4, 5, dtype=dt), ints(2, 3, lo=-4, hi=4))
    case(put1, arr(6, dtype=dt), ints(4, lo=-6, hi=6))
    case(put_val, arr(6, dtype=dt), ints(3, lo=0, hi=6), arr(3))
    if dt != np.bool_:
        case(put_inc, arr(6, dtype=dt), np.array([1, 1, 3, -1]))
for idt in IDX_DTYPES:
    case(take1, v10, ints(5, lo=0, hi=10, dtype=idt))
    case(take_pair, m45, ints(3, lo=0, hi=4, dtype=idt), ints(3, lo=0, hi=5, dtype=idt))
case(take1, v10, np.array([0, 9, -1, -10]))
case(take1, v10, np.array([10]))                     # IndexError, NumPy's message
case(take1, v10, np.array([-11]))
case(take1, v10, np.zeros(0, dtype=np.int64))        # empty index
case(take1, np.zeros(0), np.zeros(0, dtype=np.int64))
case(take1, np.zeros(0), np.array([0]))              # IndexError on an empty axis
case(take1, v10, np.array([1.0, 2.0]))               # IndexError: float index array
case(take1, strided(m45), strided(ints(3, lo=0, hi=4)))
case(take1, m45.T, np.array([4, 0]))
case(take1, np.arange(1.0), np.array([0, 0, -1]))
case(take_list, v10)
case(take_rows_cols, m45, np.array([0, 3]), np.array([1, 4, 0]))
case(take_rows_cols, m45, np.array([0, 3]), np.array([1, 5, 0]))
case(take_rows_cols, np.zeros((0, 3)), np.zeros(0, dtype=np.int64), np.array([2]))
case(take_pair, m45, np.array([0, 1]), np.array([1, 2, 3]))   # IndexError: shape mismatch
case(take_pair, m45, np.array([[0], [3]]), np.array([1, -2, 0]))
case(take_pair, m45, np.array([0, 9]), np.array([7, 1]))      # first array checked first
case(take_expr, v10, ints(7, lo=-20, hi=20))
case(int_slice_arr, t234, np.array([0, 3, -1]))
case(slice_arr, t234, np.array([[0, 2], [1, 1]]))
case(slice_arr, np.zeros((0, 3)), np.array([5]))              # checked: result empty, B not
case(take_pair, m45, np.array([9]), np.zeros(0, dtype=np.int64))  # B empty: nothing checked
case(take_pair, m45, np.array([[9]]), np.zeros((1, 0), dtype=np.int64))
case(put_val2, m45, np.array([9]), np.zeros(0, dtype=np.int64), 1.0)
case(arr_slice_arr, t234, np.array([0, 1]), np.array([3, 2]))
case(arr_slice_arr, t234, np.array([[0], [1]]), np.array([3, 2, 0]))
case(arr_none_arr, t234, np.array([0, 1]))
case(arr_arr_slice, t234, np.array([1, 0]), np.array([2, 2]))
case(ellipsis_arr, t234, np.array([3, 0]))
case(none_arr, m45, np.array([3, 0]))
case(mask_then_int, m45, np.array([True, False, True, True]))
case(mask_then_int, m45, np.array([True, False, True]))        # IndexError: mask shape
case(int_then_mask, m45, np.array([True, False, True, True, False]))
case(int_then_mask, m45, np.zeros(5, dtype=bool))
case(mask_rows, m45, np.array([False, True, False, True]))
case(mask_rows, t234, np.array([[True, False, True], [False, False, True]]))
case(mask_rows, m45, strided(np.array([False, True, True, True])))
case(mask_slice, m45, np.array([True, True, False, True]))
case(mask_arr, m45, np.array([True, False, True, False]), np.array([4, -1]))
case(mask_arr, m45, np.array([True, False, True, False]), np.array([4, -1, 0]))
case(mask_rows_where, m45, 0.0)
case(mask_rows_where, m45, 10.0)
for k in (1, 2, 3, -1, -2, -4, 11, -11, 0):
    case(step, v10, k)
case(step, np.zeros(0), 2)
case(step, np.zeros(0), 0)
for i, j, k in ((1, 8, 3), (8, 1, -3), (-2, -9, -2), (-20, 20, 4), (20, -20, -4), (3, 3, 1)):
    case(step_bounds, v10, i, j, k)
case(step_2d, m45, 2)
case(step_2d, m45, -1)
case(step_2d, strided(m45), -2)
case(step_write, v10.copy(), 3)
case(step_write, v10.copy(), -4)
case(step_write, v10.copy(), 0)
case(put1, v10, np.array([1, 1, 3, -1]))
case(put1, v10, np.array([1, 10, 3]))                 # IndexError, nothing written
case(put1, m45, np.array([1, -1]))
case(put1, strided(m45), np.array([2]))
case(put_val, v10, np.array([1, 1, 3]), np.array([1.0, 2.0, 3.0]))   # last write wins
case(put_val, v10, np.array([1, 2, 3]), np.array([1.0, 2.0]))       # ValueError
case(put_val, v10, np.array([1, 99]), np.array([1.0, 2.0, 3.0]))    # ValueError first
case(put_val, v10, np.array([1, 2]), np.array([[5.0]]))             # leading 1s dropped
case(put_val, np.arange(6), np.array([1, 2]), np.array([1.7, -2.7]))  # unsafe cast
case(put_val, np.zeros(4, dtype=np.uint8), np.array([1, 2]), np.array([300, -1]))
case(put_val, np.zeros(4, dtype=np.uint8), np.array([1]), 300)    # OverflowError
case(put_val, m45, np.array([0, 2]), arr(5))
case(put_val, m45, np.array([0, 2]), arr(2, 1))
case(put_val, m45, np.array([0, 2]), arr(3, 1))                     # ValueError
case(put_val, m45, np.array([True, False, False, True]), arr(2, 5))
case(put_val, strided(m45), np.array([3, 0]), strided(arr(2, 5)))
case(put_inc, v10, np.array([1, 1, 1, 3]))             # no accumulation: +1 once
case(put_inc, m45, np.array([0, 0, -1]))
case(put_inc_pair, m45, np.array([0, 0, 3]), np.array([1, 1, -1]))
case(put_rows, m45, np.array([2, 0]), 5.0)
case(put_rows, m45, np.array([2, 0]), arr(2, 4))
case(put_mask_col, m45, np.array([True, False, True, True]))
case(put_self, v10, np.arange(10)[::-1].copy())
case(put_perm, np.array([3, 0, 2, 1, 0]))
case(put_list, v10)
case(numpy_scalar_with_array, m45, np.array([0, -1, 2]))
case(numpy_scalar_with_array, m45, np.array([9]))   # IndexError, NumPy's message


@pytest.mark.parametrize("fn,args,kw", CASES)
def test_fancy_ir(fn, args, kw):
    check(fn, *args, **kw)


@pytest.mark.parametrize("fn,args,kw", CASES)
def test_fancy_wasm(fn, args, kw):
    check_wasm(fn, *args, **kw)


# --- hypothesis --------------------------------------------------------------------------------

SET = settings(max_examples=40, deadline=None)


def h_get1(a, i): return a[i]
def h_get2(a, i, j): return a[i, j]
def h_get_sl(a, i, j): return a[1:, i, ::2], a[i, ..., j]
def h_get_bc(a, i, j): return a[i[:, None], j]
def h_set1(a, i, v): a[i] = v
def h_set2(a, i, j): a[i, j] += 3
def h_mask(a, m, j): return a[m, j], a[m]


@st.composite
def index_arrays(draw, n, lo_extra=1):
    """An int index array (any supported index dtype) with values mostly in
    [-n, n) and sometimes just outside."""
    shape = tuple(draw(st.lists(st.integers(0, 3), min_size=1, max_size=2)))
    size = int(np.prod(shape))
    lo, hi = -n - lo_extra, n + lo_extra - 1
    vals = draw(st.lists(st.integers(lo, hi), min_size=size, max_size=size))
    dt = draw(st.sampled_from(IDX_DTYPES))
    x = np.array(vals, dtype=np.int64)
    if dt != np.int64:
        x = np.abs(x)   # int32/uint8 indices non-negative (uint8 cannot hold negatives)
    return x.astype(dt).reshape(shape)


@SET
@given(st.integers(0, 4), st.integers(1, 4), st.integers(2, 4), st.sampled_from(DTYPES), st.data())
def test_hypothesis_indexing(n0, n1, n2, dt, data):
    a = arr(n0, n1, n2, dtype=dt)
    i = data.draw(index_arrays(max(n0, 1)))
    j = data.draw(index_arrays(n1))
    k = data.draw(index_arrays(n2))
    for run in (check, check_wasm):
        run(h_get1, a, i)
        run(h_get2, a, i, j)
        run(h_get_sl, a, j, k)
        run(h_get_bc, a, i.ravel(), j)
        if dt != np.bool_:
            run(h_set2, a, i, j)
        v = arr(*data.draw(st.sampled_from([(1,), (n2,), (1, n2), (n1, n2)])), dtype=dt) \
            if data.draw(st.booleans()) else 2
        run(h_set1, a, i, v)


@SET
@given(st.integers(0, 5), st.integers(1, 4), st.data())
def test_hypothesis_masks(n0, n1, data):
    a = arr(n0, n1)
    m = np.array(data.draw(st.lists(st.booleans(), min_size=n0, max_size=n0)), dtype=bool)
    j = data.draw(st.integers(-n1 - 1, n1))
    for run in (check, check_wasm):
        run(h_mask, a, m, j)


@SET
@given(st.integers(0, 9), st.integers(-12, 12), st.integers(-12, 12), st.integers(-6, 6))
def test_hypothesis_runtime_step(n, i, j, k):
    a = np.arange(n, dtype=np.float64)
    for run in (check, check_wasm):
        run(step_bounds, a, i, j, k)
        run(step, a, k)


# --- realistic kernels -------------------------------------------------------------------------

def csr_matvec(data, indices, indptr, x):
    """y = A @ x for A in CSR form, row by row with integer index arrays."""
    n = indptr.shape[0] - 1
    y = np.zeros(n)
    for i in range(n):
        s, e = indptr[i], indptr[i + 1]
        y[i] = np.sum(data[s:e] * x[indices[s:e]])
    return y


def kmeans_step(X, C):
    """One Lloyd iteration: assign each point to its nearest centre, then move
    each centre to the mean of its points (masks of fewer dims than X)."""
    d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    labels = d.argmin(axis=1)
    newc = C.copy()
    for k in range(C.shape[0]):
        members = X[labels == k]
        if members.shape[0] > 0:
            newc[k] = members.mean(axis=0)
    return labels, newc


def scatter_add_unbuffered(out, idx, vals):
    """NumPy's buffered a[idx] += v: repeated indices add once (last wins)."""
    out[idx] += vals
    return out


def gather_permute(a, perm):
    """Rows permuted, then columns reversed, then a diagonal picked."""
    b = a[perm][:, ::-1]
    n = min(b.shape[0], b.shape[1])
    r = np.arange(n)
    return b[r, r]


def upwind_periodic(u, c: float, steps: int):
    """1-D periodic advection with an index array for the left neighbour."""
    n = u.shape[0]
    left = np.arange(n) - 1
    v = u.copy()
    for _ in range(steps):
        v[:] = v - c * (v - v[left])
    return v


def _csr(n, m, density, rng):
    dense = rng.normal(size=(n, m)) * (rng.uniform(size=(n, m)) < density)
    indptr = [0]
    indices, data = [], []
    for i in range(n):
        nz = np.nonzero(dense[i])[0]
        indices.extend(nz)
        data.extend(dense[i, nz])
        indptr.append(len(indices))
    return dense, np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), \
        np.array(indptr, dtype=np.int64)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_kernels(run):
    rng = np.random.default_rng(7)
    dense, data, indices, indptr = _csr(12, 9, 0.3, rng)
    x = rng.normal(size=9)
    y = run(csr_matvec, data, indices, indptr, x)
    if y is not None:
        assert np.allclose(y, dense @ x)
    run(csr_matvec, data, indices, indptr, x[:5])    # IndexError from x[indices]
    X = np.concatenate([rng.normal(loc=c, size=(20, 2)) for c in (-3.0, 0.0, 3.0)])
    run(kmeans_step, X, X[[0, 25, 50]].copy())
    run(kmeans_step, X, np.array([[100.0, 100.0], [-3.0, -3.0]]))  # an empty cluster
    run(scatter_add_unbuffered, np.zeros(5), np.array([0, 1, 1, 4, 0]), np.arange(5.0))
    run(gather_permute, rng.normal(size=(5, 4)), np.array([4, 0, 3, 1, 2]))
    run(upwind_periodic, np.sin(np.linspace(0, 6.28, 32)), 0.4, 10)


def fancy_put_tri(a, v):
    a[np.tril_indices_from(a, 1)] = v
    return a


def fancy_put_rows(a, v, r):
    a[r, :] = v
    return a


_E = np.array([], dtype=np.int64)


@pytest.mark.parametrize("fn,a,rest", [
    (fancy_put_tri, np.zeros((0, 0)), (np.zeros((0, 0)),)),
    (fancy_put_tri, np.zeros((0, 0)), (np.zeros((3, 0)),)),  # empty: extra axes unchecked
    (fancy_put_tri, np.zeros((0, 0)), (np.zeros((0, 5)),)),
    (fancy_put_tri, np.zeros((2, 2)), (np.zeros((1, 3)),)),
    (fancy_put_tri, np.zeros((1, 1)), (np.zeros((0, 1)),)),  # empty value, result not
    (fancy_put_rows, np.zeros((3, 3)), (np.zeros((2, 0, 3)), _E)),
    (fancy_put_rows, np.zeros((3, 3)), (np.zeros((2, 1, 3)), _E)),
    (fancy_put_rows, np.zeros((3, 3)), (np.zeros((1, 1, 3)), np.array([0, 2]))),
])
def test_value_with_extra_leading_axes(fn, a, rest):
    """NumPy drops a value's extra leading axes of length 1, and never
    checks those of an empty value into an empty result (fuzz seed 430000
    #919: a (0, 0) value into the (0,) result of np.tril_indices_from of an
    empty matrix)."""
    check_wasm(fn, a, *rest)
