"""Loop kernels of NumPy functions (sorting, searching, counting, binning,
interpolation), written in the restricted Python that py2wasm compiles.

Place in the pipeline: library *source* used by the frontend. The NumPy
function modules (`npfuncs_sort`, `npfuncs_stats`) parse arguments, check
them with NumPy's messages, allocate the results, and call these kernels
on 1-D C-contiguous arrays through `calls.call_python`: the ordinary tracer
compiles each kernel once per argument dtype into its own IR function of
the module (linked only when used). The same functions run in CPython on
NumPy arrays, which is how they are checked against NumPy.

Sort order is NumPy's: NaN after every number (`_less`). Sorting is a
stable bottom-up merge sort (insertion-sorted runs of 16, then merges), so
argsort breaks ties by position, as NumPy's kind='stable'.
"""
from __future__ import annotations

RUN = 16


def _less(x, y):
    """x before y in NumPy's sort order (NaN last)."""
    return x < y or (y != y and x == x)


# --- sorting -----------------------------------------------------------------------------

def _insertion_runs(a, n):
    lo = 0
    while lo < n:
        hi = min(lo + RUN, n)
        for i in range(lo + 1, hi):
            x = a[i]
            j = i - 1
            while j >= lo and _less(x, a[j]):
                a[j + 1] = a[j]
                j -= 1
            a[j + 1] = x
        lo = hi


def _merge_pass(src, dst, width, n):
    lo = 0
    while lo < n:
        mid = min(lo + width, n)
        hi = min(mid + width, n)
        i = lo
        j = mid
        for k in range(lo, hi):
            if j >= hi or (i < mid and not _less(src[j], src[i])):
                dst[k] = src[i]
                i += 1
            else:
                dst[k] = src[j]
                j += 1
        lo = hi


def sort_inplace(a, tmp):
    """Sort the 1-D contiguous array a (stable); tmp: scratch of a's size."""
    n = a.shape[0]
    _insertion_runs(a, n)
    width = RUN
    while width < n:
        _merge_pass(a, tmp, width, n)
        _merge_pass(tmp, a, 2 * width, n)
        width *= 4


def _insertion_runs_idx(keys, idx, n):
    lo = 0
    while lo < n:
        hi = min(lo + RUN, n)
        for i in range(lo + 1, hi):
            p = idx[i]
            x = keys[p]
            j = i - 1
            while j >= lo and _less(x, keys[idx[j]]):
                idx[j + 1] = idx[j]
                j -= 1
            idx[j + 1] = p
        lo = hi


def _merge_pass_idx(keys, src, dst, width, n):
    lo = 0
    while lo < n:
        mid = min(lo + width, n)
        hi = min(mid + width, n)
        i = lo
        j = mid
        for k in range(lo, hi):
            if j >= hi or (i < mid and not _less(keys[src[j]], keys[src[i]])):
                dst[k] = src[i]
                i += 1
            else:
                dst[k] = src[j]
                j += 1
        lo = hi


def argsort_into(keys, idx, tmp):
    """idx = the stable argsort of the 1-D contiguous array keys (int64 idx
    and tmp of keys' size)."""
    n = keys.shape[0]
    for i in range(n):
        idx[i] = i
    _insertion_runs_idx(keys, idx, n)
    width = RUN
    while width < n:
        _merge_pass_idx(keys, idx, tmp, width, n)
        _merge_pass_idx(keys, tmp, idx, 2 * width, n)
        width *= 4


# --- searching ----------------------------------------------------------------------------

def search_left(a, x):
    """The first i with not a[i] < x (NumPy's order, NaN last), a sorted."""
    lo = 0
    hi = a.shape[0]
    while lo < hi:
        mid = (lo + hi) // 2
        if _less(a[mid], x):
            lo = mid + 1
        else:
            hi = mid
    return lo


def search_right(a, x):
    """The first i with x < a[i] (NumPy's order, NaN last), a sorted."""
    lo = 0
    hi = a.shape[0]
    while lo < hi:
        mid = (lo + hi) // 2
        if _less(x, a[mid]):
            hi = mid
        else:
            lo = mid + 1
    return lo


def searchsorted_into(a, v, out, right: bool):
    for i in range(v.shape[0]):
        if right:
            out[i] = search_right(a, v[i])
        else:
            out[i] = search_left(a, v[i])


def monotonic(bins):
    """1 increasing, -1 decreasing, 0 neither (NumPy's digitize check; a
    single bin or equal bins count as increasing)."""
    n = bins.shape[0]
    inc = True
    dec = True
    for i in range(n - 1):
        if bins[i + 1] < bins[i]:
            inc = False
        if bins[i + 1] > bins[i]:
            dec = False
    if inc:
        return 1
    if dec:
        return -1
    return 0


def digitize_into(x, bins, out, right: bool):
    n = bins.shape[0]
    d = monotonic(bins)
    if d == 0:
        raise ValueError("bins must be monotonically increasing or decreasing")
    for i in range(x.shape[0]):
        v = x[i]
        if d == 1:
            if right:
                out[i] = search_left(bins, v)
            else:
                out[i] = search_right(bins, v)
        else:
            # decreasing bins: NumPy searches the reversed bins
            lo = 0
            hi = n
            while lo < hi:
                mid = (lo + hi) // 2
                b = bins[n - 1 - mid]
                if (b < v or (v != v and b == b)) if right else not (v < b or (b != b and v == v)):
                    lo = mid + 1
                else:
                    hi = mid
            out[i] = n - lo


# --- counting -----------------------------------------------------------------------------

def bincount_len(x, minlength):
    """max(x) + 1 (at least minlength); ValueError for a negative x."""
    m = -1
    for i in range(x.shape[0]):
        v = x[i]
        if v < 0:
            raise ValueError("'list' argument must have no negative elements")
        if v > m:
            m = v
    return max(m + 1, minlength)


def bincount_into(x, out):
    for i in range(x.shape[0]):
        out[x[i]] += 1


def bincount_weights_into(x, w, out):
    for i in range(x.shape[0]):
        out[x[i]] += w[i]


def repeat_total(reps, n):
    """The length of numpy.repeat's result (reps: one count, or one per item)."""
    m = reps.shape[0]
    t = 0
    for i in range(n):
        r = reps[0] if m == 1 else reps[i]
        if r < 0:
            raise ValueError("repeats may not contain negative values.")
        t += r
    return t


def repeat_index(reps, n, idx):
    """idx = the source index of every element of numpy.repeat's result."""
    m = reps.shape[0]
    k = 0
    for i in range(n):
        r = reps[0] if m == 1 else reps[i]
        for _ in range(r):
            idx[k] = i
            k += 1


def unique_count(s):
    """The number of distinct values of the sorted array s (NaNs count once)."""
    n = s.shape[0]
    if n == 0:
        return 0
    c = 1
    for i in range(1, n):
        if s[i] != s[i - 1] and not (s[i] != s[i] and s[i - 1] != s[i - 1]):
            c += 1
    return c


def unique_into(s, out, counts):
    """The distinct values of sorted s into out, with their counts."""
    n = s.shape[0]
    k = -1
    for i in range(n):
        if i == 0 or (s[i] != s[i - 1] and not (s[i] != s[i] and s[i - 1] != s[i - 1])):
            k += 1
            out[k] = s[i]
            counts[k] = 0
        counts[k] += 1


def _new_group(a, perm, i):
    """Does the i-th element in sorted order (a[perm[i]]) start a new value?
    (NaNs are one value, as NumPy's equal_nan.)"""
    x = a[perm[i]]
    y = a[perm[i - 1]]
    return x != y and not (x != x and y != y)


def unique_perm_count(a, perm):
    """The number of distinct values of a, read in the sorted order perm."""
    n = a.shape[0]
    if n == 0:
        return 0
    c = 1
    for i in range(1, n):
        if _new_group(a, perm, i):
            c += 1
    return c


def unique_perm_into(a, perm, out, index, inverse, counts):
    """NumPy's _unique1d with a stable perm: each distinct value, the index
    of its first occurrence, the group of every element, the counts."""
    n = a.shape[0]
    k = -1
    for i in range(n):
        if i == 0 or _new_group(a, perm, i):
            k += 1
            out[k] = a[perm[i]]
            index[k] = perm[i]
            counts[k] = 0
        counts[k] += 1
        inverse[perm[i]] = k


# --- binning ------------------------------------------------------------------------------

def minmax_finite(a):
    """(min, max) of a float array for NumPy's histogram range, or its
    ValueError when that range is not finite; (0, 1) for an empty array."""
    n = a.shape[0]
    if n == 0:
        return 0.0, 1.0
    lo = a[0]
    hi = a[0]
    for i in range(n):
        v = a[i]
        if v != v:
            raise ValueError("autodetected range of [nan, nan] is not finite")
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    if lo - lo != 0.0 or hi - hi != 0.0:
        if lo == hi:
            if lo > 0.0:
                raise ValueError("autodetected range of [inf, inf] is not finite")
            raise ValueError("autodetected range of [-inf, -inf] is not finite")
        if lo - lo != 0.0 and hi - hi != 0.0:
            raise ValueError("autodetected range of [-inf, inf] is not finite")
        # one finite end: NumPy prints it; the message here leaves it out
        raise ValueError("autodetected range is not finite")
    return lo, hi


def histogram_uniform_into(a, w, hist, edges, first: float, last: float, weighted: bool):
    """NumPy's histogram for equal bins: the index from the scaled value,
    corrected against the bin edges; values outside [first, last] dropped."""
    nb = hist.shape[0]
    denom = last - first
    for i in range(a.shape[0]):
        v = a[i]
        if v >= first and v <= last:
            k = int((v - first) / denom * nb)
            if k == nb:
                k -= 1
            if v < edges[k]:
                k -= 1
            elif k != nb - 1 and v >= edges[k + 1]:
                k += 1
            if weighted:
                hist[k] += w[i]
            else:
                hist[k] += 1


def interp_into(x, xp, fp, out, left: float, right: float):
    """NumPy's interp (its C loop: binary search, slope, exact points)."""
    n = xp.shape[0]
    for i in range(x.shape[0]):
        v = x[i]
        if n == 1:
            if v < xp[0]:
                out[i] = left
            elif v > xp[0]:
                out[i] = right
            else:
                out[i] = fp[0]
        elif v > xp[n - 1]:
            out[i] = right
        elif v < xp[0]:
            out[i] = left
        elif v != v:
            out[i] = v
        else:
            j = search_right(xp, v) - 1
            if j >= n - 1:
                out[i] = fp[n - 1]
            elif xp[j] == v:
                out[i] = fp[j]
            else:
                slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
                r = slope * (v - xp[j]) + fp[j]
                if r != r:
                    r = slope * (v - xp[j + 1]) + fp[j + 1]
                    if r != r and fp[j] == fp[j + 1]:
                        r = fp[j]
                out[i] = r


def convolve_into(a, v, out, offset):
    """out[k] = sum_j a[j] v[k + offset - j] (numpy.convolve; a the longer)."""
    n = a.shape[0]
    m = v.shape[0]
    for k in range(out.shape[0]):
        kk = k + offset
        s = out[k] * 0
        for j in range(max(0, kk - m + 1), min(n, kk + 1)):
            s += a[j] * v[kk - j]
        out[k] = s


def convolve_either(a, v, out, offset):
    """convolve_into with the longer operand first, as NumPy orders them."""
    if v.shape[0] > a.shape[0]:
        convolve_into(v, a, out, offset)
    else:
        convolve_into(a, v, out, offset)


def check_increasing(edges):
    for i in range(edges.shape[0] - 1):
        if edges[i] > edges[i + 1]:
            raise ValueError("`bins` must increase monotonically, when an array")


def cumulative_counts(s, edges, cum):
    """NumPy's histogram with explicit edges: for each edge, how many sorted
    values lie before it (the last edge inclusive)."""
    nb1 = edges.shape[0]
    for i in range(nb1):
        if i == nb1 - 1:
            cum[i] = search_right(s, edges[i])
        else:
            cum[i] = search_left(s, edges[i])


def diff_into(cum, out):
    for i in range(out.shape[0]):
        out[i] = cum[i + 1] - cum[i]
