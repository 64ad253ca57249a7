"""NumPy's polynomial helpers on coefficient arrays (highest power first),
traced from NumPy's own Python (numpy/lib/_polynomial_impl.py) with the
same operations in the same order, so the same bits: `polyder` (m=),
`polyint` (m=, k=), `polyadd`, `polysub`, `polymul` (np.convolve).
(`polyval` and `polyfit` are in npfuncs_pysource.py.) poly1d objects are
not supported.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(one `FUNCS.update` line); each entry checks what must be known when
compiling (the orders m) and traces its `_py_*` function as library code
(`calls.call_python` with the user's call site: NumPy's ValueErrors name
the user's line).
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .npfuncs_sort import as_arr
from .state import Static
from .values import E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type


def _py_polyder(p, m):
    if m == 0:
        return p
    n = p.shape[0] - 1
    y = p[:-1] * np.arange(n, 0, -1)
    return _py_polyder(y, m - 1)


def _py_polyint(p, m, k):
    if m == 0:
        return p
    y = np.concatenate((p / np.arange(p.shape[0], 0, -1), k[:1]))
    return _py_polyint(y, m - 1, k[1:])


def _py_polyadd(a1, a2):
    diff = a2.shape[0] - a1.shape[0]
    if diff == 0:
        return a1 + a2
    if diff > 0:
        return np.concatenate((np.zeros(diff, a1.dtype), a1)) + a2
    return a1 + np.concatenate((np.zeros(-diff, a2.dtype), a2))


def _py_polysub(a1, a2):
    diff = a2.shape[0] - a1.shape[0]
    if diff == 0:
        return a1 - a2
    if diff > 0:
        return np.concatenate((np.zeros(diff, a1.dtype), a1)) - a2
    return a1 - np.concatenate((np.zeros(-diff, a2.dtype), a2))


def _call(tr, fn, args, loc, name):
    from .calls import call_python
    return call_python(tr, fn, list(args), {}, loc, site=loc, public=f"numpy.{name}")


def _coeffs(tr, v, loc, what):
    """A coefficient array: 1-D (a number is NumPy's atleast_1d of it)."""
    from . import npscalars
    if not A.is_array(v) and not isinstance(v, (tuple, A.ListLit)):
        if not (npscalars.is_np(v) or scalar_type(v) is not None):
            raise error(loc, f"numpy.{what} of a {A._tn(v)} is not supported",
                        "pass a 1-D array of coefficients", E_UNSUPPORTED_CALL)
        v = (v,)
    a = as_arr(tr, A.unlist(v), loc, what)
    if a.ndim != 1:
        raise error(loc, f"numpy.{what} of a {a.ndim}-D coefficient array is not supported",
                    "pass a 1-D array of coefficients", E_UNSUPPORTED_CALL)
    if a.dtype not in A.DTYPES:
        raise error(loc, f"numpy.{what} of {a.dtype} coefficients is not supported", "",
                    E_UNSUPPORTED_CALL)
    return a


def _order(m, loc, what):
    if isinstance(m, bool) or type(m) is not int:
        raise error(loc, f"numpy.{what}'s m must be an int known when compiling",
                    "write the order as a constant", E_UNSUPPORTED_CALL)
    if m < 0:
        raise TraceRaise("ValueError", "Order of derivative must be positive (see polyint)"
                         if what == "polyder" else
                         "Order of integral must be positive (see polyder)")
    return m


def polyder(tr, loc, p, m):
    m = _order(m, loc, "polyder")
    return _call(tr, _py_polyder, [_coeffs(tr, p, loc, "polyder"), Static(m)], loc, "polyder")


def polyint(tr, loc, p, m, k):
    from .npfuncs_create import full
    m = _order(m, loc, "polyint")
    p = _coeffs(tr, p, loc, "polyint")
    if k is None:
        k = full(tr, (m,), 0.0, "float64", loc)
    else:
        k = _coeffs(tr, k, loc, "polyint")
        if A.known(k.shape[0]) and k.shape[0] == 1 and m > 1:  # k[0] * ones(m)
            from .arrays import ufunc_node
            k = A.materialize(tr, ufunc_node(tr, np.multiply, [
                k, full(tr, (m,), 1.0, "float64", loc)], loc), loc)
        elif not A.known(k.shape[0]):
            raise error(loc, "numpy.polyint with a k of run-time length is not supported",
                        "pass a number or a list of m numbers", E_UNSUPPORTED_CALL)
        elif k.shape[0] < m:
            raise TraceRaise("ValueError", "k must be a scalar or a rank-1 array of length 1 "
                             "or >m.")
    return _call(tr, _py_polyint, [p, Static(m), k], loc, "polyint")


def polyadd(tr, loc, a1, a2):
    return _call(tr, _py_polyadd, [_coeffs(tr, a1, loc, "polyadd"),
                                   _coeffs(tr, a2, loc, "polyadd")], loc, "polyadd")


def polysub(tr, loc, a1, a2):
    return _call(tr, _py_polysub, [_coeffs(tr, a1, loc, "polysub"),
                                   _coeffs(tr, a2, loc, "polysub")], loc, "polysub")


def polymul(tr, loc, a1, a2):
    from . import nplib
    return nplib.call(tr, np.convolve, [_coeffs(tr, a1, loc, "polymul"),
                                        _coeffs(tr, a2, loc, "polymul")], {}, loc)


def FUNCS(REQ):
    return {"polyder": ([("p", REQ), ("m", 1)], polyder),
            "polyint": ([("p", REQ), ("m", 1), ("k", None)], polyint),
            "polyadd": ([("a1", REQ), ("a2", REQ)], polyadd),
            "polysub": ([("a1", REQ), ("a2", REQ)], polysub),
            "polymul": ([("a1", REQ), ("a2", REQ)], polymul)}
