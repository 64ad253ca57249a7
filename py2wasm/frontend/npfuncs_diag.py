"""numpy.diag, numpy.diagflat, numpy.fill_diagonal and ndarray.diagonal-like
views during tracing.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
A diagonal of a 2-D array is a strided view (stride = the sum of the two
strides, as NumPy's read-only view; reading it after the matrix changed sees
the change, as in NumPy); `diag` of a 2-D array is npshape_views.diagonal
(NumPy's read-only `a.diagonal(k)`). `diag` of a 1-D array and `diagflat` build a zero
matrix and assign the vector into that view; `fill_diagonal(a, val)` assigns
a scalar into it in place (wrap=False; NumPy's cyclic filling from an array
`val` and `wrap=True` are refused).
"""
from __future__ import annotations

from . import arrays as A
from . import array_assign
from .arrays import Arr, is_array, known
from .npfuncs_sort import as_arr, flat
from .values import E_UNSUPPORTED_CALL, TraceRaise, error


def _k(k, loc, name):
    from .values import scalar_type
    from ..ir import I64
    if isinstance(k, bool) or not (type(k) is int or scalar_type(k) is I64):
        raise error(loc, f"numpy.{name} k= must be an int", "", E_UNSUPPORTED_CALL)
    return k


def _abs(fb, k):
    return abs(k) if known(k) else A.isel(fb, A.icmp(fb, "ge", k, 0), k, A.isub(fb, 0, k))


def diagonal_view(fb, a: Arr, k) -> Arr:
    """The k-th diagonal of 2-D `a` as a 1-D strided view (k an int or an
    i64 known at run time)."""
    s0, s1 = A.strides_of(fb, a)
    r, c = a.shape
    above = (n_above := A.imin(fb, r, A.isub(fb, c, k)), A.imul(fb, k, s1))
    below = (A.imin(fb, A.iadd(fb, r, k), c), A.imul(fb, A.isub(fb, 0, k), s0))
    if known(k):
        n, off = above if k >= 0 else below
    else:
        pos = A.icmp(fb, "ge", k, 0)
        n, off = A.isel(fb, pos, n_above, below[0]), A.isel(fb, pos, above[1], below[1])
    n = A.imax(fb, n, 0)
    ptr = A.iadd(fb, a.ptr, A.imul(fb, off, a.itemsize))
    return Arr(a.dtype, ptr, (n,), (A.iadd(fb, s0, s1),), a.root)


def _vector_to_matrix(tr, v: Arr, k: int, loc) -> Arr:
    from .npfuncs_create import full
    fb = tr.fb
    m = A.iadd(fb, v.shape[0], _abs(fb, k))
    out = full(tr, (m, m), 0, v.dtype, loc)
    array_assign.assign(tr, diagonal_view(fb, out, k), v, loc)
    return out


def diag(tr, v, k, loc):
    k = _k(k, loc, "diag")
    v = as_arr(tr, v, loc, "v")
    if v.ndim == 1:
        return _vector_to_matrix(tr, v, k, loc)
    if v.ndim == 2:  # NumPy's a.diagonal(k): the read-only view, k a C int
        from .npshape_views import diagonal
        return diagonal(tr, v, k, 0, 1, loc)
    raise TraceRaise("ValueError", "Input must be 1- or 2-d.")


def diagflat(tr, v, k, loc):
    k = _k(k, loc, "diagflat")
    return _vector_to_matrix(tr, flat(tr, as_arr(tr, v, loc, "v"), loc), k, loc)


def fill_diagonal(tr, a, val, wrap, loc):
    fb = tr.fb
    if not is_array(a):
        raise error(loc, "numpy.fill_diagonal needs an array to fill in place", "",
                    E_UNSUPPORTED_CALL)
    a = as_arr(tr, a, loc)
    A.check_writeable(tr.fb, a, "underlying array is read-only", loc)
    if wrap is not False:
        raise error(loc, "numpy.fill_diagonal with wrap=True is not supported", "",
                    E_UNSUPPORTED_CALL)
    if is_array(val) or isinstance(val, (tuple, list)):
        raise error(loc, "numpy.fill_diagonal with an array of values is not supported "
                    "(NumPy repeats it cyclically)", "pass one scalar value", E_UNSUPPORTED_CALL)
    if a.ndim < 2:
        raise TraceRaise("ValueError", "array must be at least 2-d")
    if a.ndim == 2:
        view = diagonal_view(fb, a, 0)
    else:
        n = a.shape[0]
        for d in a.shape[1:]:
            same = A.icmp(fb, "eq", d, n)
            if same is False:
                raise TraceRaise("ValueError", "All dimensions of input must be of equal length")
            if not known(same):
                fb.raise_if(A.bnot(fb, same), "ValueError",
                            "All dimensions of input must be of equal length", loc)
        step = 0
        for s in A.strides_of(fb, a):
            step = A.iadd(fb, step, s)
        view = Arr(a.dtype, a.ptr, (n,), (step,), a.root)
    from .npscalars import stored_unsafe
    val = stored_unsafe(fb, val, a.dtype, loc)  # a.flat[...] = val: a NumPy scalar C-cast
    array_assign.assign(tr, view, val, loc)
    return None


def FUNCS(REQ):
    return {
        "diag": ([("v", REQ), ("k", 0)], lambda tr, loc, v, k: diag(tr, v, k, loc)),
        "diagflat": ([("v", REQ), ("k", 0)], lambda tr, loc, v, k: diagflat(tr, v, k, loc)),
        "fill_diagonal": ([("a", REQ), ("val", REQ), ("wrap", False)],
                          lambda tr, loc, a, val, wrap: fill_diagonal(tr, a, val, wrap, loc)),
    }
