"""NumPy's index helpers during tracing: `flatnonzero`, `triu_indices
tril_indices` (k=, m=) and their `_from` forms, `diag_indices
diag_indices_from`, `ix_`, `take_along_axis put_along_axis`,
`unravel_index ravel_multi_index` (NumPy's ValueErrors), `logspace
geomspace` (NumPy's np.power over np.linspace, traced), and the method
`a.item(i)` / `a.item(i, j, ...)` (a flat index or one per axis).

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(one `FUNCS.update` line). Most are NumPy's own Python
(numpy/lib/_index_tricks_impl.py, _twodim_base_impl.py,
_shape_base_impl.py, numpy/_core/function_base.py) written here with the
same operations: either as `_py_*` functions traced like user code through
`npfuncs_sort.kernel`, or as the fancy index NumPy builds, handed to the
ordinary indexing code (`array_indexing.getitem` / `setitem`: NumPy's
bounds checks and broadcasting errors). `unravel_index` and
`ravel_multi_index` are C in NumPy; the traced versions raise its
messages. Results that NumPy gives as intp are int64.
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npfuncs_sort import as_arr, kernel
from .values import E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type
from ..ir import BOOL, F64, I64

_INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")


# --- traced implementations ------------------------------------------------------------

def _py_flatnonzero(a):
    return np.nonzero(np.ravel(a))[0]


def _py_triu_indices(n, k, m):
    r = np.arange(n)[:, None]
    c = np.arange(m)[None, :]
    return np.nonzero(c - r >= k)


def _py_tril_indices(n, k, m):
    r = np.arange(n)[:, None]
    c = np.arange(m)[None, :]
    return np.nonzero(c - r <= k)


def _py_unravel_check(idx, size):
    if idx < 0 or idx >= size:
        raise ValueError(f"index {idx} is out of bounds for array with size {size}")
    return 0


def _py_unravel_check_array(idx, size):
    for v in np.ravel(idx):
        if v < 0 or v >= size:
            raise ValueError(f"index {v} is out of bounds for array with size {size}")
    return 0


def _py_ravel_check(i, d):
    if i < 0 or i >= d:
        raise ValueError("invalid entry in coordinates array")
    return 0


def _py_ravel_check_array(i, d):
    if np.any((i < 0) | (i >= d)):
        raise ValueError("invalid entry in coordinates array")
    return 0


def _py_logspace(start, stop, num, endpoint, base):
    if endpoint:
        y = np.linspace(start, stop, num, endpoint=True)
    else:
        y = np.linspace(start, stop, num, endpoint=False)
    return np.power(base, y)


def _py_geomspace(start, stop, num, endpoint):
    if start == 0 or stop == 0:
        raise ValueError("Geometric sequence cannot include zero")
    out_sign = np.sign(start)
    start = start / out_sign
    stop = stop / out_sign
    log_start = np.log10(start)
    log_stop = np.log10(stop)
    if endpoint:
        y = np.linspace(log_start, log_stop, num, endpoint=True)
    else:
        y = np.linspace(log_start, log_stop, num, endpoint=False)
    result = np.power(np.full(1, 10.0), y)
    if num > 0:
        result[0] = start
        if num > 1 and endpoint:
            result[-1] = stop
    result *= out_sign
    return result


# --- dispatch ----------------------------------------------------------------------------

def item(tr, a, args, loc):
    """a.item(i) (a flat index in C order, negative from the end: NumPy's
    IndexError "out of bounds for size") or a.item(i, j, ...) / a.item((i,
    j, ...)) (an index per axis: the indexing's IndexError): the element as
    a Python number."""
    from . import npscalars
    from .array_indexing import getitem
    from .calls import call_python
    from .array_indexing import _index_value
    key = args[0] if len(args) == 1 and isinstance(args[0], tuple) else tuple(args)
    for k in key:
        if is_array(k) or isinstance(k, bool) or (
                npscalars.is_np(k) and npscalars.dtype_name(k) not in _INTS) or (
                not npscalars.is_np(k) and scalar_type(k) is not I64):
            raise _unsupported(loc, f"a.item() with a {A._tn(k)} index", "pass ints")
    key = tuple(_index_value(k, loc, tr.fb) for k in key)  # NumPy ints as indices
    a = A.materialize(tr, a, loc)
    if len(key) == a.ndim:  # (a 1-D array's too: NumPy's message names the axis)
        r = getitem(tr, a, key, loc)
    elif len(key) == 1:
        from .array_flat import _py_flat_get  # a.flat[i]'s element (NumPy: "for size")
        r = call_python(tr, _py_flat_get, [a, key[0]], {}, loc, site=loc, public="item")
    else:
        raise TraceRaise("ValueError", "incorrect number of indices for array")
    return npscalars.demote(r, tr.fb, loc)


def _unsupported(loc, what, hint="docs/arrays.md lists the supported forms"):
    return error(loc, f"numpy.{what} is not supported", hint, E_UNSUPPORTED_CALL)


def _int_arg(v, loc, name, what):
    if isinstance(v, bool) or not (type(v) is int or (not is_array(v) and scalar_type(v) is I64)):
        from . import npscalars as nps
        if nps.is_np(v) and nps.is_np(v) and getattr(v, "dtype", "") in _INTS:
            return nps.demote(v)
        raise _unsupported(loc, f"{name} with {what} that is not an int", "pass an int")
    from . import npscalars as nps
    return nps.demote(v) if nps.is_np(v) else v


def _arange(tr, n, loc):
    from .npfuncs_create import arange
    return arange(tr, [n], {}, loc)


def _flatnonzero(tr, loc, a):
    return kernel(tr, _py_flatnonzero, [as_arr(tr, A.unlist(a), loc)], loc)


def _tri(impl, name):
    def call(tr, loc, n, k, m):
        n = _int_arg(n, loc, name, "n")
        k = _int_arg(k, loc, name, "k")
        m = n if m is None else _int_arg(m, loc, name, "m")
        return kernel(tr, impl, [n, k, m], loc)
    return call


def _tri_from(impl, name):
    def call(tr, loc, arr, k):
        a = as_arr(tr, A.unlist(arr), loc, "arr")
        if a.ndim != 2:
            raise TraceRaise("ValueError", "input array must be 2-d")
        k = _int_arg(k, loc, name, "k")
        return kernel(tr, impl, [a.shape[0], k, a.shape[1]], loc)
    return call


def _diag_indices(tr, loc, n, ndim):
    n = _int_arg(n, loc, "diag_indices", "n")
    if type(ndim) is not int or isinstance(ndim, bool):
        raise _unsupported(loc, "diag_indices with an ndim not known when compiling")
    idx = _arange(tr, n, loc)
    return (idx,) * ndim


def _diag_indices_from(tr, loc, arr):
    a = as_arr(tr, A.unlist(arr), loc, "arr")
    if a.ndim < 2:
        raise TraceRaise("ValueError", "input array must be at least 2-d")
    fb = tr.fb
    for d in a.shape[1:]:
        ne = A.icmp(fb, "ne", d, a.shape[0])
        if ne is True:
            raise TraceRaise("ValueError", "All dimensions of input must be of equal length")
        if ne is not False:
            fb.raise_if(ne, "ValueError", "All dimensions of input must be of equal length", loc)
    return (_arange(tr, a.shape[0], loc),) * a.ndim


def _expand(tr, v, d, ndim, loc):
    """v (1-D) shaped (1, .., n, .., 1) with n on axis d of ndim."""
    from .array_indexing import getitem
    if ndim == 1:
        return v
    key = (None,) * d + (slice(None),) + (None,) * (ndim - d - 1)
    return getitem(tr, v, key, loc)


def _ix(tr, args, kwargs, loc):
    if kwargs:
        raise _unsupported(loc, "ix_ with keyword arguments")
    out = []
    nd = len(args)
    for k, v in enumerate(args):
        a = as_arr(tr, A.unlist(v), loc, "ix_ argument")
        if a.ndim != 1:
            raise TraceRaise("ValueError", "Cross index must be 1 dimensional")
        if a.dtype == "bool":
            from . import nplib
            a = nplib.call(tr, np.nonzero, [a], {}, loc)[0]
        elif a.dtype in ("complex128", "complex64"):
            raise _unsupported(loc, "ix_ of complex data")
        out.append(_expand(tr, a, k, nd, loc))
    return tuple(out)


def _along_key(tr, arr, indices, axis, loc, name):
    from .array_shapes import normalize_axis
    arr = as_arr(tr, A.unlist(arr), loc, "arr")
    ind = as_arr(tr, A.unlist(indices), loc, "indices")
    if ind.dtype not in _INTS:
        raise TraceRaise("IndexError", "`indices` must be an integer array")
    if axis is None:
        raise _unsupported(loc, f"{name} with axis=None", "pass arr.ravel() and axis=0")
    if type(axis) is not int or isinstance(axis, bool):
        raise _unsupported(loc, f"{name} with an axis not known when compiling")
    if ind.ndim != arr.ndim:
        raise TraceRaise("ValueError", "`indices` and `arr` must have the same number of "
                         "dimensions")
    ax = normalize_axis(axis, arr.ndim, loc)
    key = []
    for d in range(arr.ndim):
        if d == ax:
            key.append(ind)
        else:
            key.append(_expand(tr, _arange(tr, arr.shape[d], loc), d, arr.ndim, loc))
    return arr, tuple(key)


def _take_along_axis(tr, loc, arr, indices, axis):
    from .array_indexing import getitem
    arr, key = _along_key(tr, arr, indices, axis, loc, "take_along_axis")
    return getitem(tr, arr, key, loc)


def _put_along_axis(tr, loc, arr, indices, values, axis):
    from .array_indexing import setitem
    if not isinstance(arr, A.Arr):
        raise _unsupported(loc, "put_along_axis into an expression", "pass an array variable")
    a, key = _along_key(tr, arr, indices, axis, loc, "put_along_axis")
    setitem(tr, arr, key, values, loc)
    return None


def _shape_tuple(dims, loc, name):
    if type(dims) is int or (not is_array(dims) and scalar_type(dims) is I64):
        return (dims,)
    if not isinstance(dims, tuple) or any(
            isinstance(d, bool) or not (type(d) is int or scalar_type(d) is I64) for d in dims):
        raise _unsupported(loc, f"{name} with a shape that is not a tuple of ints")
    return dims


def _iprod(tr, dims, loc):
    from .operators import binary
    size = 1
    for d in dims:
        size = binary(tr.fb, "*", size, d, loc)
    return size


def _strides(tr, dims, order, loc, name):
    if order not in ("C", "F"):
        raise _unsupported(loc, f"{name} order={order!r}", "use 'C' or 'F'")
    from .operators import binary
    n = len(dims)
    st = [1] * n
    ax = range(n - 1, -1, -1) if order == "C" else range(n)
    acc = 1
    for d in ax:
        st[d] = acc
        acc = binary(tr.fb, "*", acc, dims[d], loc)
    return st


def _index_array(tr, v, loc):
    from . import npscalars as nps
    if is_array(v) or isinstance(v, (tuple, A.ListLit)):
        a = as_arr(tr, A.unlist(v), loc, "indices")
        if a.dtype not in _INTS:
            raise TraceRaise("TypeError", "only int indices permitted")
        return a
    st = scalar_type(nps.demote(v) if nps.is_np(v) else v)
    if st is not I64 or isinstance(v, bool):
        if st in (F64, BOOL) or st is not None:
            raise TraceRaise("TypeError", "only int indices permitted")
        raise _unsupported(loc, f"index of a {A._tn(v)}")
    return nps.demote(v) if nps.is_np(v) else v


def _result_int(tr, v, loc):
    from . import npscalars as nps
    if is_array(v):
        if v.dtype != "int64":
            v = A.astype_node(v, "int64")
        return A.materialize(tr, v, loc)
    return nps.make("int64", v)


def _unravel_index(tr, loc, indices, shape, order):
    from .operators import binary
    dims = _shape_tuple(shape, loc, "unravel_index")
    idx = _index_array(tr, indices, loc)
    size = _iprod(tr, dims, loc)
    if is_array(idx):
        if idx.dtype == "uint64":
            raise _unsupported(loc, "unravel_index of uint64 indices",
                               "convert them with astype(np.int64)")
        kernel(tr, _py_unravel_check_array, [idx, size], loc)
        if idx.dtype != "int64":
            idx = A.materialize(tr, A.astype_node(idx, "int64"), loc)
    else:
        kernel(tr, _py_unravel_check, [idx, size], loc)
    fb = tr.fb
    out = []
    for d, s in zip(dims, _strides(tr, dims, order, loc, "unravel_index")):
        q = binary(fb, "//", idx, s, loc)
        out.append(_result_int(tr, binary(fb, "%", q, d, loc), loc))
    return tuple(out)


def _ravel_multi_index(tr, loc, multi_index, dims, mode, order):
    from .operators import binary
    dims = _shape_tuple(dims, loc, "ravel_multi_index")
    if not isinstance(multi_index, tuple):
        raise _unsupported(loc, "ravel_multi_index of a multi_index that is not a tuple",
                           "pass a tuple of index arrays")
    if len(multi_index) != len(dims):
        raise TraceRaise("ValueError", "parameter multi_index must be a sequence of length "
                         f"{len(dims)}")
    modes = mode if isinstance(mode, tuple) else (mode,) * len(dims)
    if len(modes) != len(dims) or any(m not in ("raise", "wrap", "clip") for m in modes):
        raise _unsupported(loc, f"ravel_multi_index mode={mode!r}",
                           "use 'raise', 'wrap' or 'clip'")
    fb = tr.fb
    total = 0
    idxs = [_index_array(tr, v, loc) for v in multi_index]
    arrs = [i for i in idxs if is_array(i)]
    if len(arrs) > 1:  # NumPy broadcasts the indices before it checks them
        probe = arrs[0]
        for i in arrs[1:]:
            probe = binary(fb, "+", probe, i, loc)
        A.materialize(tr, probe, loc)
    for i, d, s, m in zip(idxs, dims, _strides(tr, dims, order, loc, "ravel_multi_index"),
                          modes):
        if is_array(i) and i.dtype == "uint64":
            raise _unsupported(loc, "ravel_multi_index of uint64 indices",
                               "convert them with astype(np.int64)")
        if m == "raise":
            kernel(tr, _py_ravel_check_array if is_array(i) else _py_ravel_check, [i, d], loc)
        elif m == "wrap":
            i = binary(fb, "%", i, d, loc)
        else:
            from . import nplib
            i = nplib.call(tr, np.clip, [i, 0, binary(fb, "-", d, 1, loc)], {}, loc)
        if is_array(i) and i.dtype != "int64":
            i = A.astype_node(i, "int64")
        total = binary(fb, "+", total, binary(fb, "*", i, s, loc), loc)
    return _result_int(tr, total, loc)


def _number(v):
    from . import npscalars as nps
    return not is_array(v) and (scalar_type(v) is not None or nps.is_np(v))


def _logspace(tr, loc, start, stop, num, endpoint, base, dtype, axis):
    if not (_number(start) and _number(stop) and _number(base)):
        raise _unsupported(loc, "logspace with array start/stop/base",
                           "pass numbers (or compute base ** np.linspace(...))")
    if axis != 0:
        raise _unsupported(loc, "logspace with axis=")
    from .npfuncs_create import full
    b = full(tr, (1,), base, A.dtype_of(base), loc)
    r = kernel(tr, _py_logspace, [start, stop, num, endpoint, b], loc)
    return _astype(tr, r, dtype, loc)


def _astype(tr, r, dtype, loc):
    if dtype is None:
        return r
    from .npargs import dtype_arg
    dt = dtype_arg(dtype, loc, None)
    if dt == r.dtype:
        return r
    return A.materialize(tr, A.astype_node(r, dt), loc)


def _geomspace(tr, loc, start, stop, num, endpoint, dtype, axis):
    if not (_number(start) and _number(stop)):
        raise _unsupported(loc, "geomspace with array start/stop", "pass numbers")
    if axis != 0:
        raise _unsupported(loc, "geomspace with axis=")
    for v in (start, stop):
        if A.dtype_of(v) not in ("float64", "int64", "bool"):
            raise _unsupported(loc, f"geomspace of {A.dtype_of(v)} values",
                               "pass Python floats")
    from .operators import binary
    fb = tr.fb
    r = kernel(tr, _py_geomspace, [binary(fb, "*", start, 1.0, loc),
                                   binary(fb, "*", stop, 1.0, loc), num, endpoint], loc)
    return _astype(tr, r, dtype, loc)


def _partition(name):
    def call(tr, loc, a, kth, axis, kind, order):
        raise _unsupported(loc, f"{name}() (its order of the other elements is NumPy's "
                           "introselect's)", "use np.sort (or np.argsort) and take "
                           "the kth element: it is the same value")
    return call


def FUNCS(REQ):
    return {
        "partition": ([("a", REQ), ("kth", REQ), ("axis", -1), ("kind", "introselect"),
                       ("order", None)], _partition("partition")),
        "argpartition": ([("a", REQ), ("kth", REQ), ("axis", -1), ("kind", "introselect"),
                          ("order", None)], _partition("argpartition")),
        "flatnonzero": ([("a", REQ)], _flatnonzero),
        "triu_indices": ([("n", REQ), ("k", 0), ("m", None)],
                         _tri(_py_triu_indices, "triu_indices")),
        "tril_indices": ([("n", REQ), ("k", 0), ("m", None)],
                         _tri(_py_tril_indices, "tril_indices")),
        "triu_indices_from": ([("arr", REQ), ("k", 0)],
                              _tri_from(_py_triu_indices, "triu_indices_from")),
        "tril_indices_from": ([("arr", REQ), ("k", 0)],
                              _tri_from(_py_tril_indices, "tril_indices_from")),
        "diag_indices": ([("n", REQ), ("ndim", 2)], _diag_indices),
        "diag_indices_from": ([("arr", REQ)], _diag_indices_from),
        "ix_": (None, _ix),
        "take_along_axis": ([("arr", REQ), ("indices", REQ), ("axis", -1)], _take_along_axis),
        "put_along_axis": ([("arr", REQ), ("indices", REQ), ("values", REQ), ("axis", REQ)],
                           _put_along_axis),
        "unravel_index": ([("indices", REQ), ("shape", REQ), ("order", "C")], _unravel_index),
        "ravel_multi_index": ([("multi_index", REQ), ("dims", REQ), ("mode", "raise"),
                               ("order", "C")], _ravel_multi_index),
        "logspace": ([("start", REQ), ("stop", REQ), ("num", 50), ("endpoint", True),
                      ("base", 10.0), ("dtype", None), ("axis", 0)], _logspace),
        "geomspace": ([("start", REQ), ("stop", REQ), ("num", 50), ("endpoint", True),
                       ("dtype", None), ("axis", 0)], _geomspace),
    }
