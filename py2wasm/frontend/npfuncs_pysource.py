"""NumPy functions that NumPy itself writes in Python, written here the same
way (same operations in the same order, so the same bits) and traced like
user code where they are called: the window functions `hanning hamming
blackman bartlett`, `trapezoid`, `average`, `unwrap`, `append`,
`sort_complex`, `correlate` (through `convolve`), `polyval` and `polyfit`
(through `vander` and `lstsq`).

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`;
each entry checks what is known when compiling (modes, axes, keywords) and
hands the arrays to its `_py_*` function via `npfuncs_sort.kernel`
(`calls.call_python`), which compiles it as ordinary traced Python.
Unsupported forms are located CompileErrors.
"""
from __future__ import annotations

import math

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npfuncs_sort import as_arr, kernel
from .state import Static
from .values import E_UNSUPPORTED_CALL, error, scalar_type


# --- the traced implementations (NumPy's source, numpy/lib/_function_base_impl.py) -----

def _py_hanning(M):
    if M < 1:
        return np.zeros(0)
    if M == 1:
        return np.ones(1)
    n = np.arange(1 - M, M, 2)
    return 0.5 + 0.5 * np.cos(np.pi * n / (M - 1))


def _py_hamming(M):
    if M < 1:
        return np.zeros(0)
    if M == 1:
        return np.ones(1)
    n = np.arange(1 - M, M, 2)
    return 0.54 + 0.46 * np.cos(np.pi * n / (M - 1))


def _py_blackman(M):
    if M < 1:
        return np.zeros(0)
    if M == 1:
        return np.ones(1)
    n = np.arange(1 - M, M, 2)
    return 0.42 + 0.5 * np.cos(np.pi * n / (M - 1)) + 0.08 * np.cos(2.0 * np.pi * n / (M - 1))


def _py_bartlett(M):
    if M < 1:
        return np.zeros(0)
    if M == 1:
        return np.ones(1)
    n = np.arange(1 - M, M, 2)
    return np.where(n <= 0, 1 + n / (M - 1), 1 - n / (M - 1))


def _py_trapezoid_dx(y, dx):
    return np.sum(dx * (y[..., 1:] + y[..., :-1]) / 2.0, axis=-1)


def _py_trapezoid_x(y, x):
    d = np.diff(x)
    return np.sum(d * (y[..., 1:] + y[..., :-1]) / 2.0, axis=-1)


def _py_average_weighted(a, w, axis, order, keepdims, returned):
    if a.shape != w.shape:
        if axis is None:
            raise TypeError("Axis must be specified when shapes of a and weights differ.")
        if w.shape != tuple(a.shape[ax] for ax in axis):
            raise ValueError("Shape of weights must be consistent with shape of a along "
                             "specified axis.")
        w = w.transpose(order).reshape(tuple((s if ax in axis else 1)
                                             for ax, s in enumerate(a.shape)))
    scl = w.sum(axis=axis, keepdims=keepdims)
    if np.any(scl == 0.0):
        raise ZeroDivisionError("Weights sum to zero, can't be normalized")
    avg = (a * w).sum(axis, keepdims=keepdims) / scl
    if returned:  # scl broadcast to avg's shape (NumPy: only where the shapes differ; a
        if np.ndim(avg) == 0:  # new array either way)
            return avg, scl
        return avg, np.broadcast_to(scl, np.shape(avg)).copy()
    return avg


def _py_average_returned(a, axis, keepdims, dtype):
    avg = a.mean(axis, keepdims=keepdims)
    if axis is None and not keepdims:
        return avg, np.full(1, a.size, dtype=dtype)[0]
    return avg, np.full(np.shape(avg), a.size / np.size(avg), dtype=dtype)


def _py_unwrap(p, discont, period):
    dd = np.diff(p)
    high = period / 2
    low = -high
    ddmod = np.mod(dd - low, period) + low
    ddmod = np.where((ddmod == low) & (dd > 0), high, ddmod)
    ph_correct = ddmod - dd
    ph_correct = np.where(np.abs(dd) < discont, 0.0, ph_correct)
    up = p.astype(np.float64)
    up[..., 1:] = p[..., 1:] + np.cumsum(ph_correct, axis=-1)
    return up


def _py_correlate(a, v, mode):
    if v.shape[0] > a.shape[0]:
        return np.convolve(v, a[::-1], mode)[::-1].copy()
    return np.convolve(a, v[::-1], mode)


def _py_polyval_array(p, x):
    y = np.zeros_like(x) * x + p[0]
    for k in range(1, p.shape[0]):
        y = y * x + p[k]
    return y


def _py_polyval_scalar(p, x):
    y = 0 * x + p[0]
    for k in range(1, p.shape[0]):
        y = y * x + p[k]
    return y


def _py_polyfit(x, y, order):
    if order < 1:
        raise ValueError("expected deg >= 0")
    x = x + 0.0
    y = y + 0.0
    if x.shape[0] == 0:
        raise TypeError("expected non-empty vector for x")
    if x.shape[0] != y.shape[0]:
        raise TypeError("expected x and y to have same length")
    rcond = x.shape[0] * 2.220446049250313e-16
    lhs = np.vander(x, order)
    scale = np.sqrt((lhs * lhs).sum(axis=0))
    lhs = lhs / scale
    c = np.linalg.lstsq(lhs, y, rcond=rcond)[0]
    return (c.T / scale).T


# --- dispatch ----------------------------------------------------------------------------

def _unsupported(loc, what, hint=""):
    return error(loc, f"numpy.{what} is not supported", hint, E_UNSUPPORTED_CALL)


def _number(v) -> bool:
    from . import npscalars as nps
    return not is_array(v) and (scalar_type(v) is not None or nps.is_np(v))


def _window(impl, name):
    def call(tr, loc, M):
        if is_array(M) or scalar_type(M) is None:
            raise _unsupported(loc, f"{name} of a {A._tn(M)}", "pass the window length as an int")
        return kernel(tr, impl, [M], loc)
    return call


def _trapezoid(tr, loc, y, x, dx, axis):
    if axis != -1:
        raise _unsupported(loc, "trapezoid with an axis other than the last")
    y = as_arr(tr, y, loc, "y")
    if y.ndim == 0:
        raise _unsupported(loc, "trapezoid of a 0-d array")
    if x is None:
        if is_array(dx) or not _number(dx):
            raise _unsupported(loc, "trapezoid with an array dx=", "pass x= instead")
        return kernel(tr, _py_trapezoid_dx, [y, dx], loc)
    x = as_arr(tr, x, loc, "x")
    if x.ndim != 1:
        raise _unsupported(loc, "trapezoid with a multi-dimensional x")
    return kernel(tr, _py_trapezoid_x, [y, x], loc)


def _average(tr, loc, a, axis, weights, returned, keepdims):
    """NumPy's average (numpy/lib/_function_base_impl.py) with its checks: axis
    None, an int or a tuple of ints, weights shaped like a or like a along the
    axes, returned=, keepdims=; NumPy's operations in NumPy's order."""
    if not isinstance(returned, bool) or not isinstance(keepdims, bool):
        raise _unsupported(loc, "average with returned= or keepdims= other than a bool known "
                           "when compiling")
    a = as_arr(tr, a, loc)
    if axis is not None:
        axis = _axes(loc, axis, a.ndim)
    if weights is None:
        if returned:
            if a.dtype not in A.DTYPES:
                raise _unsupported(loc, f"average of {a.dtype} data with returned=True")
            dt = "float32" if a.dtype == "float32" else "float64"  # the mean's
            return _library(tr, _py_average_returned, [a, Static(axis), Static(keepdims),
                                                     Static(dt)], loc)
        from . import nplib
        return nplib.call(tr, np.mean, [a], {"axis": axis, "keepdims": keepdims}, loc)
    w = as_arr(tr, weights, loc, "weights")
    ints = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
    if a.dtype in ints:
        dt = np.result_type(np.dtype(a.dtype), np.dtype(w.dtype), "f8").name
    else:
        dt = np.result_type(np.dtype(a.dtype), np.dtype(w.dtype)).name
    if dt not in ("float64", "float32"):
        raise _unsupported(loc, f"average of {dt} data")
    a = A.materialize(tr, A.astype_node(a, dt) if a.dtype != dt else a, loc)
    w = A.materialize(tr, A.astype_node(w, dt) if w.dtype != dt else w, loc)
    order = None if axis is None else tuple(int(i) for i in np.argsort(axis))
    return _library(tr, _py_average_weighted, [a, w, Static(axis), Static(order),
                                             Static(keepdims), Static(returned)], loc)


def _library(tr, fn, args, loc):
    """Call `fn` as library code: known numbers stay known inside it and the
    exceptions it raises name the user's line (calls.call_python's site)."""
    from .calls import call_python
    return call_python(tr, fn, list(args), {}, loc, site=loc, public="numpy.average")


def _axes(loc, axis, ndim):
    """axis= as NumPy's normalize_axis_tuple makes it: distinct axes in
    range(ndim), known when compiling."""
    from .array_shapes import normalize_axis
    out = tuple(normalize_axis(x, ndim, loc) for x in (axis if isinstance(axis, tuple) else (axis,)))
    if len(set(out)) != len(out):
        raise error(loc, "numpy.average: repeated axis", "give each axis once", E_UNSUPPORTED_CALL)
    return out


def _unwrap(tr, loc, p, discont, axis, period):
    if axis != -1:
        raise _unsupported(loc, "unwrap with an axis other than the last")
    p = as_arr(tr, p, loc, "p")
    if p.dtype not in ("float64", "float32") or p.ndim == 0:
        raise _unsupported(loc, f"unwrap of {p.dtype} data" if p.ndim else "unwrap of a 0-d array")
    for v, nm in ((period, "period"), (discont, "discont")):
        if v is not None and (is_array(v) or scalar_type(v) is None):
            raise _unsupported(loc, f"unwrap with a non-number {nm}=")
    if period is None:
        period = 2 * math.pi
    if discont is None:
        from .operators import binary
        discont = period / 2 if type(period) in (int, float) else binary(tr.fb, "/", period, 2, loc)
    p = A.astype_node(p, "float64") if p.dtype != "float64" else p
    return kernel(tr, _py_unwrap, [A.materialize(tr, p, loc), discont, period], loc)


def _as_1d(tr, v, loc):
    from .array_shapes import ravel
    from .npfuncs_create import full
    if is_array(v) or isinstance(v, (tuple, A.ListLit)):
        return ravel(tr, as_arr(tr, A.unlist(v), loc), loc)
    from . import npscalars as nps
    if scalar_type(v) is None and not nps.is_np(v):
        raise _unsupported(loc, f"append of a {A._tn(v)}")
    return full(tr, (1,), v, A.dtype_of(v), loc)


def _append(tr, loc, arr, values, axis):
    from .npfuncs_join import concatenate
    if axis is None:
        return concatenate(tr, (_as_1d(tr, arr, loc), _as_1d(tr, values, loc)), 0, loc)
    return concatenate(tr, (as_arr(tr, A.unlist(arr), loc), as_arr(tr, A.unlist(values), loc)),
                       axis, loc)


def _sort_complex(tr, loc, a):
    from . import array_assign
    from .npfuncs_sort import sort
    b = sort(tr, array_assign.copy(tr, as_arr(tr, a, loc), loc), -1, None, loc)
    if b.dtype in ("complex128", "complex64"):
        return b
    to = "complex64" if b.dtype in ("int8", "int16", "uint8", "uint16") else "complex128"
    return array_assign.copy(tr, A.astype_node(b, to), loc)


def _reverse(tr, a, loc):
    from .array_indexing import getitem
    return getitem(tr, a, (slice(None, None, -1),), loc)


def _correlate(tr, loc, a, v, mode):
    """NumPy's correlate: convolve(a, conj(v)[::-1]); when v is longer NumPy
    correlates v with a and reverses (which moves 'same' by one sample)."""
    a = as_arr(tr, a, loc)
    v = as_arr(tr, v, loc, "v")
    if a.ndim != 1 or v.ndim != 1:
        from .values import TraceRaise
        raise TraceRaise("ValueError", "object too deep for desired array")
    if not isinstance(mode, str) or mode not in ("full", "same", "valid"):
        raise _unsupported(loc, f"correlate mode={mode!r}")
    if v.dtype in ("complex128", "complex64"):
        v = A.materialize(tr, A.ufunc_node(tr, np.conjugate, [v], loc), loc)
    return kernel(tr, _py_correlate, [a, v, mode], loc)


def _polyfit(tr, loc, x, y, deg, rcond, full, w, cov):
    if rcond is not None or full is not False or w is not None or cov is not False:
        raise _unsupported(loc, "polyfit with rcond=, full=, w= or cov=")
    from ..ir import I64
    if isinstance(deg, bool) or not (type(deg) is int or scalar_type(deg) is I64):
        raise _unsupported(loc, "polyfit with a degree that is not an int")
    x = as_arr(tr, x, loc, "x")
    y = as_arr(tr, y, loc, "y")
    if x.ndim != 1:
        from .values import TraceRaise
        raise TraceRaise("TypeError", "expected 1D vector for x")
    if y.ndim not in (1, 2):
        from .values import TraceRaise
        raise TraceRaise("TypeError", "expected 1D or 2D array for y")
    from .operators import binary
    return kernel(tr, _py_polyfit, [x, y, binary(tr.fb, "+", deg, 1, loc)], loc)


def _polyval(tr, loc, p, x):
    """NumPy's Horner loop from y = zeros_like(x): the first step is done as
    NumPy does it (so an int x with float coefficients rounds the same)."""
    p = as_arr(tr, A.unlist(p), loc, "p")
    if p.ndim != 1:
        raise _unsupported(loc, "polyval of a coefficient array that is not 1-D")
    if A.known(p.shape[0]) and p.shape[0] == 0:
        raise _unsupported(loc, "polyval with no coefficients")
    if not A.known(p.shape[0]):
        tr.fb.raise_if(A.icmp(tr.fb, "eq", p.shape[0], 0), "NotImplementedError",
                       "numpy.polyval with no coefficients is not supported by py2wasm", loc)
    if is_array(x) or isinstance(x, (tuple, A.ListLit)):
        return kernel(tr, _py_polyval_array, [p, as_arr(tr, A.unlist(x), loc, "x")], loc)
    if not _number(x):
        raise _unsupported(loc, f"polyval at a {A._tn(x)}")
    return kernel(tr, _py_polyval_scalar, [p, x], loc)


def FUNCS(REQ):
    return {
        "hanning": ([("M", REQ)], _window(_py_hanning, "hanning")),
        "hamming": ([("M", REQ)], _window(_py_hamming, "hamming")),
        "blackman": ([("M", REQ)], _window(_py_blackman, "blackman")),
        "bartlett": ([("M", REQ)], _window(_py_bartlett, "bartlett")),
        "trapezoid": ([("y", REQ), ("x", None), ("dx", 1.0), ("axis", -1)], _trapezoid),
        "average": ([("a", REQ), ("axis", None), ("weights", None), ("returned", False),
                     ("keepdims", False)], _average),
        "unwrap": ([("p", REQ), ("discont", None), ("axis", -1), ("period", None)], _unwrap),
        "append": ([("arr", REQ), ("values", REQ), ("axis", None)], _append),
        "sort_complex": ([("a", REQ)], _sort_complex),
        "correlate": ([("a", REQ), ("v", REQ), ("mode", "valid")], _correlate),
        "polyval": ([("p", REQ), ("x", REQ)], _polyval),
        "polyfit": ([("x", REQ), ("y", REQ), ("deg", REQ), ("rcond", None), ("full", False),
                     ("w", None), ("cov", False)], _polyfit),
    }
