"""NumPy's NaN-ignoring reductions (`nansum nanprod nanmax nanmin nanmean
nanvar nanstd nanargmax nanargmin nancumsum nancumprod`), written as NumPy
writes them in numpy/lib/_nanfunctions_impl.py (the same operations in the
same order, so the same bits) and traced like user code where they are
called.

NumPy replaces the NaNs of a float array in a copy (`_replace_nan`: a new
array in the source's K order, then `copyto(..., where=isnan)`) and reduces
that copy; here the copy is `np.where(np.isnan(a), v, a)` stored in a
variable, which py2wasm lays out in the same K order (docs/arrays.md), so
float sums add in NumPy's pairwise order. Integer and bool arrays are
reduced as they are (NumPy's `mask is None` path). nanmax/nanmin are
`np.fmax.reduce`/`np.fmin.reduce`, as NumPy's fast path for ndarrays.
NumPy's RuntimeWarnings (all-NaN slices, empty means) are not emitted; the
results are NumPy's (NaN).

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(FUNCS); the arrays go to the `_py_*` functions through
`calls.call_python`, which compiles them as ordinary traced Python. What
is not supported (dtype=, out=, initial=, where=, complex data, a tuple
axis for nanmax/nanmin/nanarg*) is a located CompileError with a hint.
"""
from __future__ import annotations

import functools

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npfuncs_sort import as_arr
from .values import E_UNSUPPORTED_CALL, error

_FLOATS = ("float64", "float32")
_REAL = _FLOATS + ("int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8",
                   "bool")


# --- the traced implementations (numpy/lib/_nanfunctions_impl.py) ------------------------

@functools.lru_cache(maxsize=None)
def _py_nansum(axis, keepdims):
    def nansum(a):
        arr = np.where(np.isnan(a), 0, a)
        return np.sum(arr, axis=axis, keepdims=keepdims)
    return nansum


@functools.lru_cache(maxsize=None)
def _py_nanprod(axis, keepdims):
    def nanprod(a):
        arr = np.where(np.isnan(a), 1, a)
        return np.prod(arr, axis=axis, keepdims=keepdims)
    return nanprod


@functools.lru_cache(maxsize=None)
def _py_sum(axis, keepdims):
    def sum(a):
        return np.sum(a, axis=axis, keepdims=keepdims)
    return sum


@functools.lru_cache(maxsize=None)
def _py_prod(axis, keepdims):
    def prod(a):
        return np.prod(a, axis=axis, keepdims=keepdims)
    return prod


@functools.lru_cache(maxsize=None)
def _py_fmax(axis, keepdims):
    def fmax(a):
        return np.fmax.reduce(a, axis=axis, keepdims=keepdims)
    return fmax


@functools.lru_cache(maxsize=None)
def _py_fmin(axis, keepdims):
    def fmin(a):
        return np.fmin.reduce(a, axis=axis, keepdims=keepdims)
    return fmin


@functools.lru_cache(maxsize=None)
def _py_nanargmax(axis, keepdims):
    def nanargmax(a):
        mask = np.isnan(a)
        res = np.argmax(np.where(mask, -np.inf, a), axis=axis, keepdims=keepdims)
        bad = np.all(mask, axis=axis, keepdims=True).any()
        if a.size > 0 and bad:  # (NumPy checks first; argmax of a non-empty array cannot fail)
            raise ValueError("All-NaN slice encountered")
        return res
    return nanargmax


@functools.lru_cache(maxsize=None)
def _py_nanargmin(axis, keepdims):
    def nanargmin(a):
        mask = np.isnan(a)
        res = np.argmin(np.where(mask, np.inf, a), axis=axis, keepdims=keepdims)
        bad = np.all(mask, axis=axis, keepdims=True).any()
        if a.size > 0 and bad:  # (NumPy checks first; argmin of a non-empty array cannot fail)
            raise ValueError("All-NaN slice encountered")
        return res
    return nanargmin


@functools.lru_cache(maxsize=None)
def _py_argmax(axis, keepdims):
    def argmax(a):
        return np.argmax(a, axis=axis, keepdims=keepdims)
    return argmax


@functools.lru_cache(maxsize=None)
def _py_argmin(axis, keepdims):
    def argmin(a):
        return np.argmin(a, axis=axis, keepdims=keepdims)
    return argmin


@functools.lru_cache(maxsize=None)
def _py_nanmean_array(axis, keepdims, dt):
    def nanmean_array(a):
        mask = np.isnan(a)
        arr = np.where(mask, 0, a)
        cnt = np.sum(~mask, axis=axis, keepdims=keepdims)
        tot = np.sum(arr, axis=axis, keepdims=keepdims)
        return (tot / cnt).astype(dt)  # _divide_by_count: true_divide(out=tot, casting='unsafe')
    return nanmean_array


@functools.lru_cache(maxsize=None)
def _py_nanmean_scalar(dt):
    def nanmean_scalar(a):
        mask = np.isnan(a)
        arr = np.where(mask, 0, a)
        cnt = np.sum(~mask)
        tot = np.sum(arr)
        return dt(tot / cnt)  # _divide_by_count: a.dtype.type(a / b)
    return nanmean_scalar


@functools.lru_cache(maxsize=None)
def _py_mean(axis, keepdims):
    def mean(a):
        return np.mean(a, axis=axis, keepdims=keepdims)
    return mean


@functools.lru_cache(maxsize=None)
def _py_nanvar_array(axis, keepdims, ddof, dt, std):
    def nanvar_array(a):
        mask = np.isnan(a)
        arr = np.where(mask, 0, a)
        cnt = np.sum(~mask, axis=axis, keepdims=True)
        avg = np.sum(arr, axis=axis, keepdims=True)
        avg = (avg / cnt).astype(dt)
        d = np.where(mask, 0, arr - avg)
        sqr = d * d
        var = np.sum(sqr, axis=axis, keepdims=keepdims)
        dof = np.sum(~mask, axis=axis, keepdims=keepdims) - ddof
        var = (var / dof).astype(dt)
        var = np.where(dof <= 0, np.nan, var)
        if std:
            return np.sqrt(var)
        return var
    return nanvar_array


@functools.lru_cache(maxsize=None)
def _py_nanvar_scalar(ddof, dt, std):
    def nanvar_scalar(a):
        mask = np.isnan(a)
        arr = np.where(mask, 0, a)
        cnt = np.sum(~mask, keepdims=True)
        avg = np.sum(arr, keepdims=True)
        avg = (avg / cnt).astype(dt)
        d = np.where(mask, 0, arr - avg)
        sqr = d * d
        var = np.sum(sqr)
        dof = np.sum(~mask) - ddof
        var = dt(var / dof)
        if dof <= 0:
            var = dt(np.nan)
        if std:
            return dt(np.sqrt(var))
        return var
    return nanvar_scalar


@functools.lru_cache(maxsize=None)
def _py_var(axis, keepdims, ddof, std):
    def var(a):
        return np.var(a, axis=axis, keepdims=keepdims, ddof=ddof)

    def std_(a):
        return np.std(a, axis=axis, keepdims=keepdims, ddof=ddof)
    return std_ if std else var


@functools.lru_cache(maxsize=None)
def _py_nancumsum(axis):
    def nancumsum(a):
        return np.cumsum(np.where(np.isnan(a), 0, a), axis=axis)
    return nancumsum


@functools.lru_cache(maxsize=None)
def _py_nancumprod(axis):
    def nancumprod(a):
        return np.cumprod(np.where(np.isnan(a), 1, a), axis=axis)
    return nancumprod


@functools.lru_cache(maxsize=None)
def _py_cumsum(axis):
    def cumsum(a):
        return np.cumsum(a, axis=axis)
    return cumsum


@functools.lru_cache(maxsize=None)
def _py_cumprod(axis):
    def cumprod(a):
        return np.cumprod(a, axis=axis)
    return cumprod


# --- dispatch ----------------------------------------------------------------------------

def _unsupported(loc, what, hint=""):
    return error(loc, f"numpy.{what} is not supported", hint or "see the supported NumPy subset",
                 E_UNSUPPORTED_CALL)


def _run(tr, factory, args, loc, name):
    """Trace factory(*options)(a): the options (axis, keepdims, ddof...) are
    known to the traced code, as constants of its closure."""
    from .calls import call_python
    return call_python(tr, factory(*args[1:]), [args[0]], {}, loc, site=loc, public=f"numpy.{name}")


def _arg(tr, loc, a, name):
    if not (is_array(a) or isinstance(a, (tuple, A.ListLit))):
        raise _unsupported(loc, f"{name} of a {A._tn(a)}", "pass an array")
    a = as_arr(tr, A.unlist(a), loc)
    if a.dtype not in _REAL:
        raise _unsupported(loc, f"{name} of {a.dtype} data", "pass a real (non-complex) array")
    if a.ndim == 0:
        raise _unsupported(loc, f"{name} of a 0-d array")
    return a


def _no(loc, name, **kw):
    for k, v in kw.items():
        if v is not None:
            raise _unsupported(loc, f"{name} with {k}=", f"compute without {k}= "
                               "(e.g. index or astype the result)")


def _axis(loc, name, axis, tuples=True):
    if axis is None or (type(axis) is int):
        return axis
    if tuples and type(axis) is tuple and all(type(x) is int for x in axis):
        return axis
    raise _unsupported(loc, f"{name} with axis={axis!r}", "pass an int known when compiling")


def _every_axis(loc, axis, ndim) -> bool:
    """Does `axis` name every axis (the reduction gives one number)?"""
    if axis is None:
        return True
    from .array_shapes import normalize_axis
    axes = axis if type(axis) is tuple else (axis,)
    return len({normalize_axis(x, ndim, loc) for x in axes}) == ndim


def _keep(loc, name, keepdims):
    if type(keepdims) is not bool:
        raise _unsupported(loc, f"{name} with a keepdims= that is not True or False")
    return keepdims


def _sum_like(name, nan_fn, plain_fn):
    def call(tr, loc, a, axis, dtype, out, keepdims, initial, where):
        _no(loc, name, dtype=dtype, out=out, initial=initial, where=where)
        a = _arg(tr, loc, a, name)
        fn = nan_fn if a.dtype in _FLOATS else plain_fn
        return _run(tr, fn, [a, _axis(loc, name, axis), _keep(loc, name, keepdims)], loc, name)
    return call


def _maxmin(name, fn):
    def call(tr, loc, a, axis, out, keepdims, initial, where):
        _no(loc, name, out=out, initial=initial, where=where)
        a = _arg(tr, loc, a, name)
        return _run(tr, fn, [a, _axis(loc, name, axis, False), _keep(loc, name, keepdims)], loc,
                    name)
    return call


def _arg_like(name, nan_fn, plain_fn):
    def call(tr, loc, a, axis, out, keepdims):
        _no(loc, name, out=out)
        a = _arg(tr, loc, a, name)
        fn = nan_fn if a.dtype in _FLOATS else plain_fn
        return _run(tr, fn, [a, _axis(loc, name, axis, False), _keep(loc, name, keepdims)], loc,
                    name)
    return call


def _nanmean(tr, loc, a, axis, dtype, out, keepdims, where):
    _no(loc, "nanmean", dtype=dtype, out=out, where=where)
    a = _arg(tr, loc, a, "nanmean")
    axis, keepdims = _axis(loc, "nanmean", axis), _keep(loc, "nanmean", keepdims)
    if a.dtype not in _FLOATS:
        return _run(tr, _py_mean, [a, axis, keepdims], loc, "nanmean")
    dt = np.dtype(a.dtype).type
    if _every_axis(loc, axis, a.ndim) and not keepdims:
        return _run(tr, _py_nanmean_scalar, [a, dt], loc, "nanmean")
    return _run(tr, _py_nanmean_array, [a, axis, keepdims, dt], loc, "nanmean")


def _nanvar_fn(name, std):
    def call(tr, loc, a, axis, dtype, out, ddof, keepdims, where, mean, correction):
        _no(loc, name, dtype=dtype, out=out, where=where, mean=mean, correction=correction)
        a = _arg(tr, loc, a, name)
        axis, keepdims = _axis(loc, name, axis), _keep(loc, name, keepdims)
        if A.is_array(ddof) or not (type(ddof) in (int, float) or A.scalar_type(ddof) is not None):
            raise _unsupported(loc, f"{name} with a ddof= that is not a number")
        if a.dtype not in _FLOATS:
            return _run(tr, _py_var, [a, axis, keepdims, ddof, std], loc, name)
        dt = np.dtype(a.dtype).type
        if _every_axis(loc, axis, a.ndim) and not keepdims:
            return _run(tr, _py_nanvar_scalar, [a, ddof, dt, std], loc, name)
        return _run(tr, _py_nanvar_array, [a, axis, keepdims, ddof, dt, std], loc, name)
    return call


def _cum(name, nan_fn, plain_fn):
    def call(tr, loc, a, axis, dtype, out):
        _no(loc, name, dtype=dtype, out=out)
        a = _arg(tr, loc, a, name)
        fn = nan_fn if a.dtype in _FLOATS else plain_fn
        return _run(tr, fn, [a, _axis(loc, name, axis, False)], loc, name)
    return call


def FUNCS(REQ):
    red = [("a", REQ), ("axis", None), ("dtype", None), ("out", None), ("keepdims", False),
           ("initial", None), ("where", None)]
    mm = [("a", REQ), ("axis", None), ("out", None), ("keepdims", False), ("initial", None),
          ("where", None)]
    arg = [("a", REQ), ("axis", None), ("out", None), ("keepdims", False)]
    var = [("a", REQ), ("axis", None), ("dtype", None), ("out", None), ("ddof", 0),
           ("keepdims", False), ("where", None), ("mean", None), ("correction", None)]
    cum = [("a", REQ), ("axis", None), ("dtype", None), ("out", None)]
    return {
        "nansum": (red, _sum_like("nansum", _py_nansum, _py_sum)),
        "nanprod": (red, _sum_like("nanprod", _py_nanprod, _py_prod)),
        "nanmax": (mm, _maxmin("nanmax", _py_fmax)),
        "nanmin": (mm, _maxmin("nanmin", _py_fmin)),
        "nanargmax": (arg, _arg_like("nanargmax", _py_nanargmax, _py_argmax)),
        "nanargmin": (arg, _arg_like("nanargmin", _py_nanargmin, _py_argmin)),
        "nanmean": ([("a", REQ), ("axis", None), ("dtype", None), ("out", None),
                     ("keepdims", False), ("where", None)], _nanmean),
        "nanvar": (var, _nanvar_fn("nanvar", False)),
        "nanstd": (var, _nanvar_fn("nanstd", True)),
        "nancumsum": (cum, _cum("nancumsum", _py_nancumsum, _py_cumsum)),
        "nancumprod": (cum, _cum("nancumprod", _py_nancumprod, _py_cumprod)),
    }
