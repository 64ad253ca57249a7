"""NumPy's counting, binning and statistics functions during tracing:
`bincount histogram interp convolve cov corrcoef`.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
Arguments are checked here with NumPy's messages; the loops are `npkernels`
(compiled by the ordinary tracer); `cov`/`corrcoef` are NumPy's own
formulas over the existing mean, matmul and elementwise machinery.
"""
from __future__ import annotations

import numpy as np

from ..ir import F64, Var
from . import arrays as A
from . import array_assign, array_indexing, array_shapes
from . import npkernels as K
from .arrays import Arr, alloc, ic, icmp, is_array, known, loop_nest, materialize
from .npfuncs_sort import as_arr, flat, kernel, searchsorted
from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type


def _f64(tr, v, loc):
    """A flat contiguous float64 copy-or-view of array v."""
    v = as_arr(tr, v, loc)
    if v.dtype != "float64":
        v = array_assign.copy(tr, A.astype_node(v, "float64"), loc)
    return flat(tr, v, loc)


def _zeros(tr, dtype, shape, loc):
    out = alloc(tr, dtype, shape, loc)
    array_assign.assign(tr, out, 0, loc)
    return out


def _ff(fb, x):
    if known(x):
        return fb.const(float(x), F64)
    return x if x.type is F64 else fb.emit("convert", [x], {"to": F64})


# --- counting ------------------------------------------------------------------------------

def bincount(tr, x, weights, minlength, loc):
    x = as_arr(tr, x, loc, "x")
    if x.ndim != 1:
        raise TraceRaise("ValueError", "object too deep for desired array") if x.ndim > 1 \
            else TraceRaise("ValueError", "object of too small depth for desired array")
    if x.dtype not in A.INTS and x.dtype != "bool":
        raise TraceRaise("TypeError", f"Cannot cast array data from dtype('{x.dtype}') to "
                         "dtype('int64') according to the rule 'safe'")
    if not (type(minlength) is int or (isinstance(minlength, Var) and minlength.type.name ==
                                       "i64")):
        raise error(loc, "numpy.bincount minlength= must be an int", "", E_TYPE)
    if known(minlength) and minlength < 0:
        raise TraceRaise("ValueError", "'minlength' must not be negative")
    fb = tr.fb
    if not known(minlength):
        fb.raise_if(fb.emit("lt", [minlength, fb.const(0)]), "ValueError",
                    "'minlength' must not be negative", loc)
    x = materialize(tr, x if x.dtype == "int64" else A.astype_node(x, "int64"), loc,
                    contiguous=True)
    n = kernel(tr, K.bincount_len, [x, minlength], loc)
    if weights is None:
        out = _zeros(tr, "int64", (n,), loc)
        kernel(tr, K.bincount_into, [x, out], loc)
        return out
    w = _f64(tr, weights, loc)
    bad = icmp(fb, "ne", w.shape[0], x.shape[0])
    msg = "The weights and list don't have the same length."
    if bad is True:
        raise TraceRaise("ValueError", msg)
    if bad is not False:
        fb.raise_if(bad, "ValueError", msg, loc)
    out = _zeros(tr, "float64", (n,), loc)
    kernel(tr, K.bincount_weights_into, [x, w, out], loc)
    return out


# --- histograms --------------------------------------------------------------------------------

def histogram(tr, a, bins, range_, density, weights, loc):
    fb = tr.fb
    a = as_arr(tr, a, loc)
    if a.dtype == "float32":
        raise error(loc, "numpy.histogram of a float32 array is not supported",
                    "convert it with astype(np.float64) first", E_UNSUPPORTED_CALL)
    if density not in (None, False, True):
        raise error(loc, "numpy.histogram density= must be a known bool", "", E_TYPE)
    x = _f64(tr, a, loc)
    if is_array(bins) or isinstance(bins, tuple):
        if range_ is not None or weights is not None:
            raise error(loc, "numpy.histogram with array bins and range= or weights= is not "
                        "supported", "", E_UNSUPPORTED_CALL)
        edges = _f64(tr, bins, loc)
        kernel(tr, K.check_increasing, [edges], loc)
        s = array_assign.copy(tr, x, loc)
        tmp = alloc(tr, "float64", s.shape, loc)
        kernel(tr, K.sort_inplace, [s, tmp], loc)
        nb1 = edges.shape[0]
        cum = alloc(tr, "int64", (nb1,), loc)
        kernel(tr, K.cumulative_counts, [s, edges, cum], loc)
        hist = alloc(tr, "int64", (A.imax(fb, A.isub(fb, nb1, 1), 0),), loc)
        kernel(tr, K.diff_into, [cum, hist], loc)
    else:
        if not (type(bins) is int or (isinstance(bins, Var) and bins.type.name == "i64")):
            raise error(loc, "numpy.histogram bins= must be an int or an array of edges", "",
                        E_TYPE)
        if known(bins) and bins < 1:
            raise TraceRaise("ValueError", "`bins` must be positive, when an integer")
        if not known(bins):
            fb.raise_if(fb.emit("lt", [bins, fb.const(1)]), "ValueError",
                        "`bins` must be positive, when an integer", loc)
        if range_ is None:
            first, last = kernel(tr, K.minmax_finite, [x], loc)
        else:
            if not (isinstance(range_, tuple) and len(range_) == 2 and
                    all(scalar_type(v) is not None for v in range_)):
                raise error(loc, "numpy.histogram range= must be a tuple (min, max)", "",
                            E_TYPE)
            first, last = (_ff(fb, v) for v in range_)
            bad = fb.emit("gt", [first, last])
            fb.raise_if(bad, "ValueError", "max must be larger than min in range parameter.",
                        loc)
            if all(known(v) for v in range_):
                lo, hi = (float(v) for v in range_)
                if not (np.isfinite(lo) and np.isfinite(hi)):
                    raise TraceRaise("ValueError", f"supplied range of [{lo}, {hi}] is not "
                                     "finite")
            else:
                fin = fb.emit("and", [fb.emit("eq", [fb.emit("sub", [first, first]),
                                                     fb.const(0.0)]),
                                      fb.emit("eq", [fb.emit("sub", [last, last]),
                                                     fb.const(0.0)])])
                fb.raise_if(fb.emit("not", [fin]), "ValueError",
                            "supplied range is not finite", loc)
        same = fb.emit("eq", [first, last])
        first = fb.emit("select", [same, fb.emit("sub", [first, fb.const(0.5)]), first])
        last = fb.emit("select", [same, fb.emit("add", [last, fb.const(0.5)]), last])
        from .npfuncs_create import linspace
        edges = linspace(tr, (first, last, A.iadd(fb, bins, 1)), {}, loc)
        weighted = weights is not None
        if weighted:
            w = _f64(tr, weights, loc)
            bad = icmp(fb, "ne", w.shape[0], x.shape[0])
            msg = "weights should have the same shape as a."
            if bad is True:
                raise TraceRaise("ValueError", msg)
            if bad is not False:
                fb.raise_if(bad, "ValueError", msg, loc)
        else:
            w = x
        hist = _zeros(tr, "float64" if weighted else "int64", (bins,), loc)
        kernel(tr, K.histogram_uniform_into, [x, w, hist, edges, first, last, weighted], loc)
    if density:
        widths = A.ufunc_node(tr, np.subtract, [array_indexing.getitem(tr, edges, slice(1, None), loc),
                                                array_indexing.getitem(tr, edges, slice(None, -1), loc)],
                              loc)
        from .npfuncs_reduce import reduce
        total = reduce(tr, "sum", hist, None, False, loc)
        hist = materialize(tr, A.ufunc_node(tr, np.divide, [A.ufunc_node(
            tr, np.divide, [hist, widths], loc), total], loc), loc)
    return hist, edges


# --- interpolation and convolution ---------------------------------------------------------------

def interp(tr, x, xp, fp, left, right, period, loc):
    fb = tr.fb
    if period is not None:
        raise error(loc, "numpy.interp period= is not supported", "", E_UNSUPPORTED_CALL)
    xp = _f64(tr, xp, loc)
    fp = as_arr(tr, fp, loc, "fp")
    if fp.dtype not in ("float64", "float32", "int64", "int32", "uint8", "bool"):
        raise error(loc, f"numpy.interp of {fp.dtype} values is not supported", "", E_TYPE)
    fp = _f64(tr, fp, loc)
    n = xp.shape[0]
    if known(n) and n == 0:
        raise TraceRaise("ValueError", "array of sample points is empty")
    if not known(n):
        fb.raise_if(fb.emit("eq", [n, fb.const(0)]), "ValueError",
                    "array of sample points is empty", loc)
    bad = icmp(fb, "ne", fp.shape[0], n)
    if bad is True:
        raise TraceRaise("ValueError", "fp and xp are not of the same length.")
    if bad is not False:
        fb.raise_if(bad, "ValueError", "fp and xp are not of the same length.", loc)
    lv = A.load(fb, fp, [0]) if left is None else _ff(fb, left)
    rv = A.load(fb, fp, [A.isub(fb, n, 1)]) if right is None else _ff(fb, right)
    if not is_array(x) and not isinstance(x, tuple):
        if scalar_type(x) is None:
            raise error(loc, f"numpy.interp x must be a number or an array, got {A._tn(x)}",
                        "", E_TYPE)
        xs = alloc(tr, "float64", (1,), loc)
        A.store(fb, xs, [0], _ff(fb, x))
        out = alloc(tr, "float64", (1,), loc)
        kernel(tr, K.interp_into, [xs, xp, fp, out, lv, rv], loc)
        return A.load(fb, out, [0])
    xa = as_arr(tr, x, loc, "x")
    shape = xa.shape
    xs = _f64(tr, xa, loc)
    out = alloc(tr, "float64", xs.shape, loc)
    kernel(tr, K.interp_into, [xs, xp, fp, out, lv, rv], loc)
    return Arr("float64", out.ptr, shape, None, out.root)


def convolve(tr, a, v, mode, loc):
    fb = tr.fb
    a = as_arr(tr, a, loc)
    v = as_arr(tr, v, loc, "v")
    if a.ndim != 1 or v.ndim != 1:
        raise TraceRaise("ValueError", "object too deep for desired array")
    if mode not in ("full", "same", "valid"):
        raise error(loc, f"numpy.convolve mode={mode!r} is not supported", "", E_TYPE)
    dt = np.result_type(np.dtype(a.dtype), np.dtype(v.dtype)).name
    if dt == "bool":
        raise error(loc, "numpy.convolve of bool arrays is not supported", "", E_TYPE)
    for x, nm in ((a, "a"), (v, "v")):
        if known(x.shape[0]) and x.shape[0] == 0:
            raise TraceRaise("ValueError", f"{nm} cannot be empty")
        if not known(x.shape[0]):
            fb.raise_if(fb.emit("eq", [x.shape[0], fb.const(0)]), "ValueError",
                        f"{nm} cannot be empty", loc)
    a = materialize(tr, a if a.dtype == dt else A.astype_node(a, dt), loc, contiguous=True)
    v = materialize(tr, v if v.dtype == dt else A.astype_node(v, dt), loc, contiguous=True)
    n, m = a.shape[0], v.shape[0]
    swap = (m > n) if known(n) and known(m) else None
    big_n = A.imax(fb, n, m)
    small = A.imin(fb, n, m)
    if mode == "full":
        length, offset = A.isub(fb, A.iadd(fb, big_n, small), 1), 0
    elif mode == "same":
        length, offset = big_n, A.ifloordiv_pos(fb, A.isub(fb, small, 1), 2)
    else:
        length, offset = A.iadd(fb, A.isub(fb, big_n, small), 1), A.isub(fb, small, 1)
    out = _zeros(tr, dt, (length,), loc)
    # NumPy swaps the operands when v is longer; convolution is symmetric in
    # its operands, so only the loop order (the float summation order) follows it
    if swap is True:
        kernel(tr, K.convolve_into, [v, a, out, offset], loc)
    elif swap is False:
        kernel(tr, K.convolve_into, [a, v, out, offset], loc)
    else:
        kernel(tr, K.convolve_either, [a, v, out, offset], loc)
    return out


# --- covariance -------------------------------------------------------------------------------

def _rows2d(tr, m, rowvar, loc, is_y=False):
    """The variables of np.cov's `m` (or `y`) as rows: NumPy transposes a
    2-D `m` with rowvar=False, but a `y` only when it has more than one row."""
    m = as_arr(tr, m, loc, "m")
    if m.ndim > 2:
        raise TraceRaise("ValueError", "m has more than 2 dimensions")
    if m.dtype != "float64":
        m = A.astype_node(m, "float64")
    x = materialize(tr, m, loc)
    if x.ndim == 1:
        return array_indexing.getitem(tr, x, (None, slice(None)), loc)
    if not rowvar:
        if is_y and known(x.shape[0]) and x.shape[0] == 1:
            return x
        if is_y and not known(x.shape[0]):
            # NumPy keeps a `y` of one row as one variable: refused at run time
            # rather than computed with another shape
            tr.fb.raise_if(tr.fb.emit("eq", [x.shape[0], tr.fb.const(1)]), "ValueError",
                           "numpy.cov(y=, rowvar=False) of a single row is not supported", loc)
        return array_shapes.transpose(tr, x, None, loc)
    return x


def cov(tr, m, y, rowvar, bias, ddof, loc):
    fb = tr.fb
    if type(rowvar) is not bool or type(bias) is not bool:
        raise error(loc, "numpy.cov rowvar= and bias= must be known bools", "", E_TYPE)
    X = _rows2d(tr, m, rowvar, loc)
    if y is not None:
        from .npfuncs_join import concatenate
        X = concatenate(tr, (X, _rows2d(tr, y, rowvar, loc, True)), 0, loc)
    if not known(X.shape[0]):
        # one variable gives NumPy a 0-d result (a Python float here, known
        # when compiling): a variable count known only at run time that is 1
        # is refused at run time rather than computed with another shape
        fb.raise_if(fb.emit("eq", [X.shape[0], fb.const(1)]), "ValueError",
                    "numpy.cov of a single variable known only at run time (a 0-d result) "
                    "is not supported", loc)
    X = array_assign.copy(tr, X, loc)
    if ddof is None:
        ddof = 0 if bias else 1
    if not (type(ddof) is int or (isinstance(ddof, Var) and ddof.type.name == "i64")):
        raise error(loc, "numpy.cov ddof= must be an int", "", E_TYPE)
    from .npfuncs_linalg import matmul
    from .npfuncs_reduce import reduce
    avg = reduce(tr, "mean", X, 1, False, loc)
    nobs = X.shape[1]
    fact = A.isub(fb, nobs, ddof)
    factf = _ff(fb, fact)
    factf = fb.emit("select", [ic(fb, icmp(fb, "le", fact, 0)) if not known(
        icmp(fb, "le", fact, 0)) else fb.const(bool(icmp(fb, "le", fact, 0))),
        fb.const(0.0), factf])
    array_assign.assign(tr, X, A.ufunc_node(tr, np.subtract, [X, array_indexing.getitem(
        tr, avg, (slice(None), None), loc)], loc), loc)
    c = materialize(tr, matmul(tr, X, array_shapes.transpose(tr, X, None, loc), loc), loc)
    recip = fb.emit("fdiv", [fb.const(1.0), factf])
    array_assign.assign(tr, c, A.ufunc_node(tr, np.multiply, [c, recip], loc), loc)
    if known(c.shape[0]) and c.shape[0] == 1:
        return A.load(fb, c, [0, 0])     # NumPy: a 0-d array (here a Python float)
    return c


def corrcoef(tr, x, y, rowvar, loc):
    fb = tr.fb
    c = cov(tr, x, y, rowvar, False, None, loc)
    if not is_array(c):
        return fb.emit("fdiv", [c, c])
    n = c.shape[0]
    std = alloc(tr, "float64", (n,), loc)

    def body(idx, cs):
        d = A.load(fb, c, [idx[0], idx[0]])
        A.store(fb, std, idx, fb.emit("sqrt", [d]))
        return cs
    loop_nest(fb, (n,), [], body)
    array_assign.assign(tr, c, A.ufunc_node(tr, np.divide, [c, array_indexing.getitem(tr, std, (slice(None), None),
                                                               loc)], loc), loc)
    array_assign.assign(tr, c, A.ufunc_node(tr, np.divide, [c, array_indexing.getitem(tr, std, (None, slice(None)),
                                                               loc)], loc), loc)
    array_assign.assign(tr, c, A.ufunc_node(tr, np.minimum, [A.ufunc_node(tr, np.maximum, [c, -1], loc),
                                                  1], loc), loc)
    return c


# --- dispatch -----------------------------------------------------------------------------------

def FUNCS(REQ):
    return {
        "bincount": ([("x", REQ), ("weights", None), ("minlength", 0)],
                     lambda tr, loc, x, weights, minlength: bincount(tr, x, weights, minlength,
                                                                     loc)),
        "histogram": ([("a", REQ), ("bins", 10), ("range", None), ("density", None),
                       ("weights", None)],
                      lambda tr, loc, a, bins, range, density, weights: histogram(
                          tr, a, bins, range, density, weights, loc)),
        "interp": ([("x", REQ), ("xp", REQ), ("fp", REQ), ("left", None), ("right", None),
                    ("period", None)],
                   lambda tr, loc, x, xp, fp, left, right, period: interp(
                       tr, x, xp, fp, left, right, period, loc)),
        "convolve": ([("a", REQ), ("v", REQ), ("mode", "full")],
                     lambda tr, loc, a, v, mode: convolve(tr, a, v, mode, loc)),
        "cov": ([("m", REQ), ("y", None), ("rowvar", True), ("bias", False), ("ddof", None)],
                lambda tr, loc, m, y, rowvar, bias, ddof: cov(tr, m, y, rowvar, bias, ddof,
                                                              loc)),
        "corrcoef": ([("x", REQ), ("y", None), ("rowvar", True)],
                     lambda tr, loc, x, y, rowvar: corrcoef(tr, x, y, rowvar, loc)),
    }


__all__ = ["FUNCS", "searchsorted"]
