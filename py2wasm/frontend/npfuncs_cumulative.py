"""NumPy 2.1's `np.cumulative_sum` and `np.cumulative_prod` (axis=,
include_initial=), written as NumPy writes them (`_cumulative_func` in
numpy/_core/fromnumeric.py: `func.accumulate(x, axis)`, which is `np.cumsum`
/ `np.cumprod` with the same dtypes, then the identity concatenated in
front along the axis) and traced like user code.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(FUNCS), traced via `calls.call_python` (library code). dtype= and out=
are located CompileErrors; NumPy's ValueError for an N-d array without an
axis is raised as NumPy raises it.
"""
from __future__ import annotations

import functools

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npfuncs_sort import as_arr
from .values import E_UNSUPPORTED_CALL, TraceRaise, error


@functools.lru_cache(maxsize=None)
def _py_cumulative(prod, axis, include_initial):
    def cumulative_sum(x):
        return np.cumsum(x, axis=axis)

    def cumulative_prod(x):
        return np.cumprod(x, axis=axis)

    def cumulative_sum_initial(x):
        res = np.cumsum(x, axis=axis)
        shape = res.shape[:axis] + (1,) + res.shape[axis + 1:]
        return np.concatenate((np.zeros(shape, dtype=res.dtype), res), axis=axis)

    def cumulative_prod_initial(x):
        res = np.cumprod(x, axis=axis)
        shape = res.shape[:axis] + (1,) + res.shape[axis + 1:]
        return np.concatenate((np.ones(shape, dtype=res.dtype), res), axis=axis)
    if include_initial:
        return cumulative_prod_initial if prod else cumulative_sum_initial
    return cumulative_prod if prod else cumulative_sum


def _cumulative(name):
    def call(tr, loc, x, axis, dtype, out, include_initial):
        if dtype is not None or out is not None:
            raise error(loc, f"numpy.{name} with dtype= or out= is not supported",
                        "use astype on the argument or assign the result", E_UNSUPPORTED_CALL)
        if not (is_array(x) or isinstance(x, (tuple, A.ListLit))):
            raise error(loc, f"numpy.{name} of a {A._tn(x)} is not supported", "pass an array",
                        E_UNSUPPORTED_CALL)
        x = as_arr(tr, A.unlist(x), loc, "x")
        if x.dtype in ("complex128", "complex64"):
            raise error(loc, f"numpy.{name} of {x.dtype} data is not supported", "",
                        E_UNSUPPORTED_CALL)
        if type(include_initial) is not bool:
            raise error(loc, f"numpy.{name} include_initial= must be True or False", "",
                        E_UNSUPPORTED_CALL)
        if axis is None:
            if x.ndim >= 2:
                raise TraceRaise("ValueError", "For arrays which have more than one dimension "
                                 "``axis`` argument is required.")
            axis = 0
        if type(axis) is not int:
            raise error(loc, f"numpy.{name} axis= must be an int known when compiling", "",
                        E_UNSUPPORTED_CALL)
        from .array_shapes import normalize_axis
        axis = normalize_axis(axis, x.ndim, loc)
        from .calls import call_python
        return call_python(tr, _py_cumulative(name == "cumulative_prod", axis, include_initial),
                           [x], {}, loc, site=loc, public=f"numpy.{name}")
    return call


def FUNCS(REQ):
    params = [("x", REQ), ("axis", None), ("dtype", None), ("out", None),
              ("include_initial", False)]
    return {"cumulative_sum": (params, _cumulative("cumulative_sum")),
            "cumulative_prod": (params, _cumulative("cumulative_prod"))}
