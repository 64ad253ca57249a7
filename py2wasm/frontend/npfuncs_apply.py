"""`np.apply_along_axis(func1d, axis, arr)` during tracing, `func1d` a
traced Python function (a lambda, a def) or a NumPy function, returning a
number or a 1-D array.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(one `FUNCS.update` line). NumPy's own Python
(numpy/lib/_shape_base_impl.py): the axis is moved last, `func1d` is called
on each 1-D lane in C order of the other axes, the first result fixes the
result's dtype and trailing shape (`np.asanyarray(res)`), the rest are
stored into it with NumPy's casting; the result's new axes take the place
of `axis`. The loop is traced like user code (`npfuncs_sort.kernel`), so a
lane is a view, as in NumPy (func1d sees NumPy's values and strides).
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npfuncs_sort import kernel
from .values import E_UNSUPPORTED_CALL, TraceRaise, error


def _py_first(func, a, n0):
    if n0 == 0:
        raise ValueError("Cannot apply_along_axis when any iteration dimensions are 0")
    return func(a[0])


def _py_apply_scalar(func, a, n0, first):
    """a: (n0, n) lanes; func's number results: (n0,)."""
    out = np.full(n0, first)
    for i in range(1, n0):
        out[i] = func(a[i])
    return out


def _py_apply_array(func, a, n0, first):
    """func's 1-D results stacked: (n0, k)."""
    out = np.zeros((n0, first.shape[0]), dtype=first.dtype)
    out[0] = first
    for i in range(1, n0):
        out[i] = func(a[i])
    return out


def _unsupported(loc, what, hint):
    return error(loc, f"numpy.{what} is not supported", hint, E_UNSUPPORTED_CALL)


def apply_along_axis(tr, loc, func1d, axis, arr):
    from .array_shapes import normalize_axis, transpose
    from .npfuncs_sort import as_arr
    if not callable(func1d) or isinstance(func1d, type):
        raise _unsupported(loc, "apply_along_axis with a func1d that is not a function",
                           "pass a def, a lambda or a NumPy function")
    if type(axis) is not int or isinstance(axis, bool):
        raise _unsupported(loc, "apply_along_axis with an axis not known when compiling",
                           "pass an int axis")
    a = as_arr(tr, A.unlist(arr), loc, "arr")
    if a.ndim == 0:
        raise TraceRaise("ValueError",
                         "apply_along_axis of a 0-d array")
    ax = normalize_axis(axis, a.ndim, loc)
    perm = tuple(d for d in range(a.ndim) if d != ax) + (ax,)
    moved = transpose(tr, a, perm, loc) if perm != tuple(range(a.ndim)) else a
    lead = moved.shape[:-1]
    return _run(tr, loc, func1d, moved, lead, ax, a.ndim)


def _run(tr, loc, func1d, moved, lead, ax, ndim):
    from .array_shapes import reshape, transpose
    from .operators import binary
    fb = tr.fb
    n0 = 1
    for d in lead:
        n0 = binary(fb, "*", n0, d, loc)
    lanes = reshape(tr, A.materialize(tr, moved, loc, contiguous=True), (n0, moved.shape[-1]), loc)
    from .calls import call_python
    first = call_python(tr, _py_first, [func1d, lanes, n0], {}, loc)
    if is_array(first):
        if first.ndim != 1:
            raise _unsupported(loc, "apply_along_axis of a func1d returning a "
                               f"{first.ndim}-d array", "return a number or a 1-D array")
        out = kernel(tr, _py_apply_array, [func1d, lanes, n0, first], loc)
    else:
        out = kernel(tr, _py_apply_scalar, [func1d, lanes, n0, first], loc)
    if out.ndim == 1:
        return reshape(tr, out, tuple(lead), loc)
    res = reshape(tr, out, tuple(lead) + (out.shape[1],), loc)
    # NumPy puts the result's axis where `axis` was
    nl = len(lead)
    perm = tuple(range(ax)) + (nl,) + tuple(range(ax, nl))
    return transpose(tr, res, perm, loc) if perm != tuple(range(nl + 1)) else res


def FUNCS(REQ):
    return {"apply_along_axis": (None, _entry)}


def _entry(tr, args, kwargs, loc):
    names = ("func1d", "axis", "arr")
    if len(args) > 3:
        raise _unsupported(loc, "apply_along_axis with extra arguments for func1d",
                           "use a lambda that passes them")
    b = dict(zip(names, args))
    for k, v in kwargs.items():
        if k not in names or k in b:
            raise _unsupported(loc, f"apply_along_axis with {k}=", "use a lambda that passes it")
        b[k] = v
    if len(b) != 3:
        raise error(loc, "numpy.apply_along_axis() needs func1d, axis and arr", "",
                    E_UNSUPPORTED_CALL)
    return apply_along_axis(tr, loc, b["func1d"], b["axis"], b["arr"])
