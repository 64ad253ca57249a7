"""Loop kernels for complex arrays (plain Python, compiled by the ordinary
tracer into their own IR functions, as `npkernels`): the stable argsort
of complex keys given as their real and imaginary parts.

Place in the pipeline: frontend library code, called by `complex_order`
through `npfuncs_sort.kernel`.
"""
from __future__ import annotations

RUN = 16


def _less(xr, xi, yr, yi):
    """x before y in NumPy's complex sort order (npysort's CDOUBLE_LT:
    real parts, then imaginary parts; NaNs last)."""
    if xr < yr:
        return xi == xi or yi != yi
    if xr > yr:
        return yi != yi and xi == xi
    if xr == yr or (xr != xr and yr != yr):
        return xi < yi or (yi != yi and xi == xi)
    return yr != yr


def _insertion_runs(re, im, idx, n):
    lo = 0
    while lo < n:
        hi = min(lo + RUN, n)
        for i in range(lo + 1, hi):
            p = idx[i]
            xr = re[p]
            xi = im[p]
            j = i - 1
            while j >= lo and _less(xr, xi, re[idx[j]], im[idx[j]]):
                idx[j + 1] = idx[j]
                j -= 1
            idx[j + 1] = p
        lo = hi


def _merge_pass(re, im, src, dst, width, n):
    lo = 0
    while lo < n:
        mid = min(lo + width, n)
        hi = min(mid + width, n)
        i = lo
        j = mid
        for k in range(lo, hi):
            if j >= hi or (i < mid and not _less(re[src[j]], im[src[j]], re[src[i]],
                                                 im[src[i]])):
                dst[k] = src[i]
                i += 1
            else:
                dst[k] = src[j]
                j += 1
        lo = hi


def argsort_into(re, im, idx, tmp):
    """idx = the stable argsort of the complex keys re + im*1j (1-D, of one
    length; int64 idx and tmp)."""
    n = re.shape[0]
    for i in range(n):
        idx[i] = i
    _insertion_runs(re, im, idx, n)
    width = RUN
    while width < n:
        _merge_pass(re, im, idx, tmp, width, n)
        _merge_pass(re, im, tmp, idx, 2 * width, n)
        width *= 4
