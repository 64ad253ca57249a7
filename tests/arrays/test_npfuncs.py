"""NumPy's sorting, searching, rearranging, counting, binning and statistics
functions (frontend/npfuncs*.py, kernels in frontend/npkernels.py) against
NumPy, under the IR interpreter and as wasm: values, dtypes, shapes (empty,
length-1, non-contiguous views, every dtype NumPy accepts), NaN placement,
NumPy's exceptions; realistic kernels (histogram binning, n-body with triu,
covariance/correlation, sorting-based statistics)."""
import numpy as np
import pytest

from tests.arrays.harness import check, strided
from tests.arrays.wasm_harness import check_wasm

R = np.random.default_rng(99)
DTYPES = [np.float64, np.float32, np.int64, np.int32, np.uint8, np.bool_]


def arr(*shape, dtype=np.float64, lo=-50, hi=100):
    if dtype == np.bool_:
        return R.integers(0, 2, size=shape).astype(bool)
    if np.issubdtype(dtype, np.integer):
        return R.integers(0 if dtype == np.uint8 else lo, hi, size=shape).astype(dtype)
    return R.normal(size=shape).astype(dtype)


def with_nan(a):
    a = a.copy()
    a.flat[::3] = np.nan
    return a


# --- sorting and searching -------------------------------------------------------------------

def f_sort(a): return np.sort(a)
def f_sort0(a): return np.sort(a, axis=0)
def f_sort_none(a): return np.sort(a, axis=None)
def f_argsort_stable(a): return np.argsort(a, kind="stable"), a.argsort(axis=0, kind="stable")
def f_argsort(a): return np.argsort(a)
def m_sort(a): a.sort()
def m_sort0(a): a.sort(axis=0)
def f_searchsorted(a, v): return np.searchsorted(a, v), np.searchsorted(a, v, side="right")
def f_searchsorted_x(a, x: float): return np.searchsorted(a, x), a.searchsorted(x, "right")
def f_digitize(x, b): return np.digitize(x, b), np.digitize(x, b, right=True)
def f_unique(a): return np.unique(a)
def f_unique_counts(a): return np.unique(a, return_counts=True)
def f_median(a): return np.median(a)
def f_median_axis(a): return np.median(a, axis=0), np.median(a, axis=-1, keepdims=True)
def f_percentile(a, q: float): return np.percentile(a, q), np.quantile(a, q / 100.0)
def f_percentile_axis(a, q: float): return np.percentile(a, q, axis=1)


CASES = []


def case(fn, *args, **kw):
    CASES.append(pytest.param(fn, args, kw, id=f"{fn.__name__}-{len(CASES)}"))


for dt in DTYPES:
    case(f_sort, arr(37, dtype=dt))
    case(f_sort, arr(3, 20, dtype=dt))
    case(f_sort0, arr(5, 4, dtype=dt))
    case(m_sort, arr(4, 9, dtype=dt))
    case(f_unique, arr(30, dtype=dt, lo=0, hi=6))
    if dt != np.bool_:
        case(f_median, arr(10, dtype=dt))
        case(f_median, arr(11, dtype=dt))
        case(f_searchsorted, np.sort(arr(25, dtype=dt)), arr(2, 3, dtype=dt))
# ties broken by position (NumPy's kind='stable'); without ties every kind agrees
case(f_argsort_stable, arr(3, 40, dtype=np.int64, lo=0, hi=4))
case(f_argsort_stable, arr(6, 5, dtype=np.bool_))
case(f_argsort, R.permutation(50).astype(np.float64))
case(f_argsort, R.permutation(12).reshape(3, 4))
for a in (np.zeros(0), np.ones(1), strided(arr(3, 7)), with_nan(arr(40)),
          np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0]), arr(1000)):
    case(f_sort, a)
    case(f_sort_none, a)
    case(f_argsort_stable, a) if a.ndim == 2 else case(f_argsort, a if not np.isnan(a).any()
                                                        and len(set(a.tolist())) == a.size
                                                        else np.arange(3.0))
case(m_sort0, strided(arr(6, 3)))
case(f_searchsorted, np.array([1.0, 2.0, 2.0, np.nan]), np.array([np.nan, 2.0, 0.0, 5.0]))
case(f_searchsorted, np.zeros(0), np.array([1.0]))
case(f_searchsorted, np.arange(10), np.array([2.5, -1.0, 9.5]))     # int a, float v
case(f_searchsorted_x, np.sort(arr(9)), 0.25)
case(f_searchsorted_x, np.sort(arr(9)), float("nan"))
case(f_digitize, arr(11), np.array([-1.0, 0.0, 0.5, 1.0]))
case(f_digitize, arr(11), np.array([1.0, 0.5, 0.0, -1.0]))            # decreasing bins
case(f_digitize, arr(3, 4), np.array([1.0, 1.0, 0.0]))
case(f_digitize, arr(5), np.array([0.0, 1.0, -1.0]))                # ValueError
case(f_digitize, with_nan(arr(7)), np.array([-1.0, 0.0, 1.0]))
case(f_unique_counts, np.array([1.0, np.nan, 1.0, np.nan, 0.0, -0.0]))
case(f_unique_counts, np.zeros(0, dtype=np.int64))
case(f_unique, strided(arr(4, 4, dtype=np.int32, lo=0, hi=3)))
case(f_median, with_nan(arr(9)))
case(f_median, np.zeros(0))
case(f_median, np.array([np.inf, -np.inf]))
case(f_median_axis, arr(4, 5))
case(f_median_axis, arr(3, 6, dtype=np.float32))
case(f_median_axis, with_nan(arr(3, 4)))
case(f_median_axis, arr(5, 4, dtype=np.int32))
for q in (0.0, 12.5, 50.0, 99.9, 100.0, 101.0, -1.0, float("nan")):
    case(f_percentile, arr(10), q)
case(f_percentile, arr(7, dtype=np.int64), 33.0)
case(f_percentile, arr(7, dtype=np.float32), 33.0)
case(f_percentile, arr(1), 40.0)
case(f_percentile, np.zeros(0), 40.0)
case(f_percentile, with_nan(arr(8)), 60.0)
case(f_percentile_axis, arr(3, 7), 90.0)
case(f_percentile_axis, strided(arr(3, 7)), 10.0)


# --- rearranging and selecting -----------------------------------------------------------------

def f_flip(a): return np.flip(a), np.fliplr(a), np.flipud(a), np.flip(a, 1), np.flip(a, (0, 1))
def f_flip1(a): return np.flip(a), np.flipud(a)
def f_fliplr1(a): return np.fliplr(a)
def f_tri(a, k: int): return np.triu(a), np.tril(a), np.triu(a, k), np.tril(a, -k)
def f_diff(a): return np.diff(a), np.diff(a, 2, axis=0), np.diff(a, 0)
def f_diff1(a): return np.diff(a), np.diff(a, n=3)
def f_roll(a, k: int): return np.roll(a, k), np.roll(a, k, axis=1), np.roll(a, (1, -2), axis=(0, 1))
def f_repeat(a): return np.repeat(a, 2), np.repeat(a, 3, axis=1), a.repeat(2, axis=0)
def f_repeat_arr(a, r): return np.repeat(a, r, axis=0)
def f_repeat_n(a, k: int): return np.repeat(a, k)
def f_tile(a): return np.tile(a, 2), np.tile(a, (2, 1, 2)), np.tile(a, (3, 1))
def f_meshgrid(x, y): return np.meshgrid(x, y), np.meshgrid(x, y, indexing="ij")
def f_meshgrid3(x, y, z): return np.meshgrid(x, y, z), np.meshgrid(x, y, sparse=True)
def f_take(a, i): return np.take(a, i), np.take(a, i, axis=1), a.take(i)
def f_take_scalar(a, i: int): return np.take(a, i), np.take(a, i, axis=0)
def f_put(a, i, v): np.put(a, i, v)
def f_put_scalar(a, i: int): a.put(i, 7)
def f_nonzero(a): return np.nonzero(a), np.argwhere(a), np.count_nonzero(a), a.nonzero()
def f_count_axis(a): return np.count_nonzero(a, axis=0), np.count_nonzero(a, axis=1, keepdims=True)
def f_cross(a, b): return np.cross(a, b)
def f_cross2(x0: float, x1: float, y0: float, y1: float):
    return np.cross(np.array((x0, x1)), np.array((y0, y1)))
def f_kron(a, b): return np.kron(a, b)


m34 = arr(3, 4)
for dt in DTYPES:
    case(f_flip, arr(3, 4, dtype=dt))
    case(f_tri, arr(4, 4, dtype=dt), 1)
    case(f_diff, arr(4, 5, dtype=dt))
    case(f_roll, arr(3, 5, dtype=dt), 7)
    case(f_repeat, arr(2, 3, dtype=dt))
    case(f_tile, arr(2, 3, dtype=dt))
    case(f_take, arr(3, 4, dtype=dt), np.array([0, -1, 2]))
    case(f_nonzero, arr(3, 4, dtype=dt, lo=-1, hi=2))
    case(f_put, arr(3, 4, dtype=dt), np.array([0, 11, -1]), arr(2, dtype=dt))
    if dt != np.bool_:
        case(f_kron, arr(2, 3, dtype=dt), arr(2, 2, dtype=dt))
        case(f_cross, arr(5, 3, dtype=dt), arr(3, dtype=dt))
case(f_flip1, arr(5))
case(f_flip1, np.zeros(0))
case(f_fliplr1, arr(5))                                   # ValueError: Input must be >= 2-d.
case(f_flip, strided(m34))
case(f_tri, arr(3, 5), -1)
case(f_tri, arr(2, 3, 3), 0)
case(f_tri, np.zeros((0, 3)), 0)
case(f_tri, strided(arr(4, 4)), 2)
case(f_diff1, arr(7))
case(f_diff1, arr(2))
case(f_diff1, np.array([True, False, False, True, True]))
case(f_roll, np.zeros((0, 3)), 2)
case(f_roll, m34, -13)
case(f_repeat, np.zeros((0, 3)))
case(f_repeat_arr, m34, np.array([1, 0, 2]))
case(f_repeat_arr, m34, np.array([2]))
case(f_repeat_arr, m34, np.array([1, 2]))                 # ValueError: broadcast
case(f_repeat_arr, m34, np.array([1, -1, 2]))             # ValueError: negative
case(f_repeat_n, m34, 0)
case(f_repeat_n, m34, -1)
case(f_tile, strided(m34))
case(f_tile, arr(1, 1))
case(f_meshgrid, arr(3), arr(4))
case(f_meshgrid, np.zeros(0), arr(2))
case(f_meshgrid3, arr(2), arr(3), arr(4))
case(f_take, m34, np.array([0, 7]))                       # IndexError, flattened axis 0
case(f_take, m34, np.array([[1, 2], [3, 0]]))
case(f_take_scalar, m34, 2)
case(f_take_scalar, m34, -13)
case(f_put, m34, np.array([0, 12]), np.array([9.0, 8.0]))  # IndexError after the first write
case(f_put, m34, np.array([1, 2, 3]), np.zeros(0))        # empty v: nothing
case(f_put, strided(m34), np.array([5, 6]), np.array([1.0]))
case(f_put, np.arange(6), np.array([1, 2]), np.array([2.7, -3.9]))
case(f_put_scalar, arr(5), 3)
case(f_put_scalar, arr(5), 5)
case(f_nonzero, arr(4, dtype=np.bool_))
case(f_nonzero, np.zeros((2, 0)))
case(f_nonzero, strided(arr(3, 3, dtype=np.int32, lo=-1, hi=2)))
case(f_count_axis, arr(3, 4, dtype=np.int64, lo=-1, hi=2))
case(f_cross, arr(3), arr(3))
case(f_cross, arr(4, 1, 3), arr(2, 3))
case(f_cross, arr(4), arr(4))                             # ValueError
case(f_cross2, 1.5, -2.0, 0.25, 3.0)
case(f_kron, arr(3), arr(2))
case(f_kron, arr(2, 2), arr(3))
case(f_kron, np.zeros((0, 2)), arr(2, 2))


# --- counting, binning, statistics ------------------------------------------------------------

def f_bincount(x): return np.bincount(x), np.bincount(x, minlength=10)
def f_bincount_w(x, w): return np.bincount(x, weights=w)
def f_histogram(a): return np.histogram(a), np.histogram(a, bins=5, range=(-1.0, 1.0))
def f_histogram_w(a, w): return np.histogram(a, bins=4, weights=w), np.histogram(a, density=True)
def f_histogram_bins(a, b): return np.histogram(a, bins=b)
def f_histogram_n(a, n: int): return np.histogram(a, n)
def f_interp(x, xp, fp): return np.interp(x, xp, fp), np.interp(x, xp, fp, left=-1.0, right=-2.0)
def f_interp_x(x: float, xp, fp): return np.interp(x, xp, fp)
def f_convolve(a, v): return np.convolve(a, v), np.convolve(a, v, "same"), np.convolve(a, v, mode="valid")
def f_cov(m): return np.cov(m), np.corrcoef(m), np.cov(m, bias=True), np.cov(m, ddof=0)
def f_cov_cols(m): return np.cov(m, rowvar=False), np.corrcoef(m, rowvar=False)
def f_cov_xy(x, y): return np.cov(x, y), np.corrcoef(x, y)
def f_var1(x): return np.cov(x) * 1.0  # NumPy: a 0-d array; here a float


for dt in (np.int64, np.int32, np.uint8, np.bool_):
    case(f_bincount, arr(20, dtype=dt, lo=0, hi=6))
case(f_bincount, np.zeros(0, dtype=np.int64))
case(f_bincount, np.array([1, -1]))                       # ValueError
case(f_bincount, np.array([1.0, 2.0]))                    # TypeError (cannot cast)
case(f_bincount, strided(arr(8, dtype=np.int64, lo=0, hi=4)))
case(f_bincount_w, arr(20, dtype=np.int64, lo=0, hi=6), arr(20))
case(f_bincount_w, arr(20, dtype=np.int64, lo=0, hi=6), arr(19))  # ValueError
for dt in (np.float64, np.int64, np.int32, np.uint8):
    case(f_histogram, arr(200, dtype=dt))
case(f_histogram, np.zeros(0))
case(f_histogram, np.array([2.0, 2.0]))
case(f_histogram, np.array([1.0, np.nan]))                # ValueError: range not finite
case(f_histogram, np.array([-np.inf, np.inf]))
case(f_histogram, strided(arr(5, 6)))
case(f_histogram, np.linspace(0.0, 1.0, 101))             # values on the edges
case(f_histogram_w, arr(50), R.uniform(size=50))
case(f_histogram_w, arr(50), R.uniform(size=49))          # ValueError
case(f_histogram_bins, arr(50), np.array([-1.0, 0.0, 0.5, 2.0]))
case(f_histogram_bins, arr(50), np.array([-1.0, 0.0, -0.5, 2.0]))   # ValueError
case(f_histogram_n, arr(30), 7)
case(f_histogram_n, arr(30), 0)                           # ValueError
xp = np.sort(arr(8))
case(f_interp, arr(3, 5) * 2, xp, arr(8))
case(f_interp, np.array([np.nan, xp[0], xp[-1], xp[3]]), xp, arr(8))
case(f_interp, arr(4), np.array([0.5]), np.array([3.0]))
case(f_interp, arr(4), np.zeros(0), np.zeros(0))          # ValueError
case(f_interp, arr(4), xp, arr(7))                        # ValueError
case(f_interp, arr(4), np.array([0.0, 1.0]), np.array([1, 5]))
case(f_interp_x, 0.3, xp, arr(8))
case(f_convolve, arr(7), arr(3))
case(f_convolve, arr(3), arr(7))
case(f_convolve, arr(1), arr(1))
case(f_convolve, arr(5, dtype=np.int64), arr(3, dtype=np.int64))
case(f_convolve, arr(5, dtype=np.float32), arr(2, dtype=np.float32))
case(f_convolve, np.zeros(0), arr(2))                     # ValueError
case(f_convolve, strided(arr(6)), arr(4))
case(f_cov, arr(3, 10), rtol=1e-10, atol=1e-14)
case(f_cov, arr(4, 6, dtype=np.int64), rtol=1e-10, atol=1e-14)
case(f_cov, strided(arr(2, 9)), rtol=1e-10, atol=1e-14)
case(f_cov_cols, arr(10, 3), rtol=1e-10, atol=1e-14)
case(f_cov_xy, arr(10), arr(10), rtol=1e-10, atol=1e-14)
case(f_var1, arr(10))


# --- einsum, index grids, np.ndarray ----------------------------------------------------------

def e_matmul(a, b): return np.einsum("ij,jk->ik", a, b), np.einsum("ij,jk->ki", a, b), np.einsum("ij,jk", a, b)
def e_matvec(a, x): return np.einsum("ij,j->i", a, x), np.einsum("j,jk", x, a.T)
def e_one(a): return np.einsum("ii->", a), np.einsum("ii->i", a), np.einsum("ij->ji", a), np.einsum("ij->j", a), np.einsum("ii", a)
def e_batched(a, b): return np.einsum("bij,bjk->bik", a, b), np.einsum("bij,bjk->", a, b)
def e_vectors(x, y): return np.einsum("i,i->", x, y), np.einsum("i,j->ij", x, y), np.einsum("i,i", x, y)
def e_three(a, b, c): return np.einsum("ij,jk,kl->il", a, b, c)
def e_outer_sum(a, b): return np.einsum("ij,kj->ik", a, b)
def e_bad(a): return np.einsum("ijk->i", a)
def g_grids(): return np.mgrid[0:3, 0:4], np.ogrid[0:3, 1:7:2], np.mgrid[0:5], np.mgrid[0:1:5j], np.mgrid[-1:1:3j, 0:2:0.5]
def nd_empty(n: int): return np.ndarray((n, 2), dtype=np.int32).shape, np.ndarray(3).dtype == np.float64


case(e_matmul, arr(3, 4), arr(4, 5), rtol=1e-12)
case(e_matmul, arr(2, 3), arr(4, 2))                      # ValueError: remapped shapes
case(e_matmul, arr(3, 4, dtype=np.int32), arr(4, 2, dtype=np.int64))
case(e_matvec, arr(3, 4), arr(4), rtol=1e-12)
case(e_one, arr(4, 4), rtol=1e-12)
case(e_one, arr(3, 3, dtype=np.int64))
case(e_one, arr(4, 3))                                    # ValueError: collapsing index
case(e_batched, arr(2, 3, 4), arr(2, 4, 5), rtol=1e-12)
case(e_batched, arr(2, 3, 4), arr(1, 4, 5), rtol=1e-12)   # size 1 broadcasts
case(e_vectors, arr(5), arr(5), rtol=1e-12)
case(e_vectors, np.zeros(0), np.zeros(0))
case(e_three, arr(2, 3), arr(3, 4), arr(4, 2), rtol=1e-12)
case(e_outer_sum, arr(3, 5), arr(2, 5), rtol=1e-12)
case(e_outer_sum, arr(3, 5, dtype=np.float32), arr(2, 5, dtype=np.float32))
case(e_bad, arr(2, 2))                                    # ValueError: too many subscripts
case(g_grids)
case(nd_empty, 3)


def cum_dtype(x, m):  # every element cast to the dtype, accumulated in it (ints wrap)
    return (np.cumsum(x, dtype=np.float32), np.cumprod(x > 0, dtype=np.int64),
            x.cumsum(dtype=np.int8), np.cumsum(m, axis=1, dtype=np.uint16),
            m.cumprod(0, dtype=np.float64), np.cumsum(m, dtype=np.int32))


def dot_scalars(x, k: int):  # a 0-d operand makes np.dot a multiply
    return np.dot(x, 2.0), np.dot(3, 4), np.dot(k, x), x.dot(2), np.dot(2.5, k)


def linspace_step(n: int):  # the step: np.float64 when num - endpoint > 0, else nan
    return (np.linspace(0, 1, 5, retstep=True), np.linspace(0, 10, 1, retstep=True),
            np.linspace(2.0, -1.0, 7, endpoint=False, retstep=True)[1],
            np.linspace(0, 10, 4, retstep=True, dtype=int), np.linspace(0, 1, n))


case(cum_dtype, np.linspace(-50.0, 100.0, 11), np.arange(-6, 6, dtype=np.int8).reshape(3, 4) * 20)
case(cum_dtype, np.zeros(0), np.zeros((2, 0), dtype=np.int8))
case(dot_scalars, np.arange(4), 3)
case(dot_scalars, np.linspace(0.0, 1.0, 3), -2)
case(linspace_step, 3)


@pytest.mark.parametrize("fn,args,kw", CASES)
def test_npfuncs_ir(fn, args, kw):
    check(fn, *args, **kw)


@pytest.mark.parametrize("fn,args,kw", CASES)
def test_npfuncs_wasm(fn, args, kw):
    check_wasm(fn, *args, **kw)


# --- realistic kernels -------------------------------------------------------------------------

def azimuthal_profile(img, cx: float, cy: float, nbins: int):
    """Mean intensity in rings around (cx, cy): radius histogram-binned,
    sums by bincount (histogram-based azimuthal integration)."""
    ny, nx = img.shape
    y, x = np.meshgrid(np.arange(ny) - cy, np.arange(nx) - cx, indexing="ij")
    r = np.sqrt(x * x + y * y).ravel()
    counts, edges = np.histogram(r, bins=nbins)
    idx = np.digitize(r, edges[1:-1])
    sums = np.bincount(idx, weights=img.ravel(), minlength=nbins)
    return sums / np.maximum(counts, 1), edges


def nbody_energy(pos, mass):
    """Potential energy of N bodies: pairwise distances, upper triangle."""
    d = pos[:, None, :] - pos[None, :, :]
    r = np.sqrt((d * d).sum(axis=2))
    inv = np.triu(1.0 / (r + np.eye(r.shape[0])), 1)
    return -(mass[:, None] * mass[None, :] * inv).sum()


def standardize_corr(x):
    """z-scores per column, then the correlation matrix of the columns."""
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    return np.corrcoef(z, rowvar=False)


def robust_stats(x):
    """Median, interquartile range and the outlier count beyond 1.5 IQR."""
    q1 = np.percentile(x, 25.0)
    q3 = np.percentile(x, 75.0)
    iqr = q3 - q1
    out = np.count_nonzero((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr))
    return np.median(x), iqr, out


def rank_transform(x):
    """Ranks (0-based) of each value: argsort of argsort."""
    return np.argsort(np.argsort(x, kind="stable"), kind="stable")


def moving_average(x, w: int):
    return np.convolve(x, np.ones(w) / w, mode="valid")


def resample(t, y, tnew):
    return np.interp(tnew, t, y)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_kernels(run):
    img = R.uniform(size=(20, 24))
    run(azimuthal_profile, img, 9.5, 11.0, 8, rtol=1e-10)
    run(nbody_energy, R.normal(size=(12, 3)), R.uniform(0.5, 2.0, size=12), rtol=1e-10)
    run(standardize_corr, R.normal(size=(30, 4)), rtol=1e-9, atol=1e-12)
    run(robust_stats, np.concatenate([R.normal(size=100), np.array([9.0, -12.0])]))
    run(rank_transform, R.integers(0, 10, size=40).astype(np.float64))
    run(moving_average, R.normal(size=50), 5, rtol=1e-10)
    t = np.sort(R.uniform(0, 10, size=20))
    run(resample, t, np.sin(t), np.linspace(-1.0, 11.0, 40))


def f_take_empty(a): return np.take(a, np.array([0]))
def f_pct_empty(a): return np.percentile(a, 50.0)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_empty_axis_messages(run):
    run(f_take_empty, np.zeros((3, 0), dtype=np.int32))     # cannot do a non-empty take
    run(f_pct_empty, np.zeros(0, dtype=np.int32))           # index 0 ... (ints)
    run(f_pct_empty, np.zeros(0))                           # index -1 ... (floats)


def f_ss_neg(a, k: int): return np.searchsorted(a, k), np.digitize(k, a)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_search_numbers_are_strong(run):
    # NumPy converts the number with np.asarray (int64), not as a weak scalar
    run(f_ss_neg, np.array([1, 5, 9], dtype=np.uint8), -3)
    run(f_ss_neg, np.array([1, 5, 200], dtype=np.uint8), 300)


def f_take_axis(a, k: int): return np.take(a, k, axis=-1)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_take_from_empty_axis_with_empty_result(run):
    run(f_take_axis, np.zeros((0, 0)), 1)          # empty result: no error
    run(f_take_axis, np.zeros((2, 0)), 1)          # IndexError
