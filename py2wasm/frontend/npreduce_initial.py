"""`initial=` on the reductions whose result does not depend on
the order of the elements: `np.max np.min np.amax np.amin` of any dtype
(NaN propagates; `initial` is the running result's first value, so an
empty reduction gives it) and `np.sum np.prod` of integer and bool arrays
(wrapping arithmetic: any order gives NumPy's bits).

- max/min: `initial` is put in front along the reduced axis
  (`np.concatenate`), then the plain reduction runs.
- sum/prod: `initial` is added (multiplied) in the accumulator's dtype.

`where=` stays refused (P2W002), and so are float sums and products with
`initial=`: NumPy starts each output from `initial` and adds the pairwise
sums of its buffers in turn, which `initial + sum` does not reproduce to
the bit when there are several buffers.

Place in the pipeline: frontend value semantics, called by
`nplib._reduction_call` when `initial=` is given; the rewrite is
traced Python (`calls.call_python`, library code located at the call).
"""
from __future__ import annotations

import functools

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npargs import REQUIRED, bind
from .values import E_UNSUPPORTED_CALL, error



@functools.lru_cache(maxsize=None)
def _py_minmax(is_max, axis, keepdims, ones):
    # (no helper calls inside: each function is traced on its own)
    def flat_max(a, init):
        return np.max(np.concatenate((np.full(1, init, dtype=a.dtype), a.ravel())))

    def flat_max_keep(a, init):
        return np.max(np.concatenate((np.full(1, init, dtype=a.dtype), a.ravel())),
                      keepdims=True).reshape(ones)

    def flat_min(a, init):
        return np.min(np.concatenate((np.full(1, init, dtype=a.dtype), a.ravel())))

    def flat_min_keep(a, init):
        return np.min(np.concatenate((np.full(1, init, dtype=a.dtype), a.ravel())),
                      keepdims=True).reshape(ones)

    def along_max(a, init):
        shape = a.shape[:axis] + (1,) + a.shape[axis + 1:]
        return np.max(np.concatenate((np.full(shape, init, dtype=a.dtype), a), axis=axis),
                      axis=axis, keepdims=keepdims)

    def along_min(a, init):
        shape = a.shape[:axis] + (1,) + a.shape[axis + 1:]
        return np.min(np.concatenate((np.full(shape, init, dtype=a.dtype), a), axis=axis),
                      axis=axis, keepdims=keepdims)
    if axis is None and keepdims:
        return flat_max_keep if is_max else flat_min_keep
    if axis is None:
        return flat_max if is_max else flat_min
    return along_max if is_max else along_min


@functools.lru_cache(maxsize=None)
def _py_sumprod(is_sum, axis, keepdims):
    def sum_(a, init):
        return np.sum(a, axis=axis, keepdims=keepdims) + init

    def prod_(a, init):
        return np.prod(a, axis=axis, keepdims=keepdims) * init
    return sum_ if is_sum else prod_


def reduce_initial(tr, kind, args, kwargs, loc, name):
    params = [("a", REQUIRED), ("axis", None), ("out", None), ("keepdims", False),
              ("initial", None), ("where", True)]
    if kind in ("sum", "prod"):
        params.insert(2, ("dtype", None))
    b = bind(loc, name, args, kwargs, params)
    if b.get("dtype") is not None or b["out"] is not None:
        raise error(loc, f"numpy.{name} with initial= and dtype= or out= is not "
                    "supported", "assign the result instead of out=", E_UNSUPPORTED_CALL)
    from .npfuncs_create import as_array
    a = as_array(tr, b["a"], loc)
    a = A.materialize(tr, a, loc, order="K")
    axis, keepdims, init = b["axis"], b["keepdims"], b["initial"]
    if b["where"] is not True:
        raise error(loc, f"argument where= of numpy.{name}() is not supported",
                    "use np.where(mask, a, neutral) and reduce that", E_UNSUPPORTED_CALL)
    if a.dtype in ("complex128", "complex64", "uint64"):
        raise error(loc, f"numpy.{name} of {a.dtype} data with initial= is not "
                    "supported", "", E_UNSUPPORTED_CALL)
    if kind in ("sum", "prod") and a.dtype in ("float64", "float32"):
        raise error(loc, f"numpy.{name} of a float array with initial= is not supported",
                    "write np.sum(a) + initial (NumPy starts from initial: the last bit may "
                    "differ)", E_UNSUPPORTED_CALL)
    if not (axis is None or type(axis) is int) or type(keepdims) is not bool:
        raise error(loc, f"numpy.{name} with initial= needs an int axis (or None) and "
                    "a known keepdims=", "", E_UNSUPPORTED_CALL)
    if type(axis) is int:
        from .array_shapes import normalize_axis
        axis = normalize_axis(axis, a.ndim, loc)
    if is_array(init) or not (type(init) in (int, float, bool)):
        raise error(loc, f"numpy.{name} initial= must be a number known when compiling", "",
                    E_UNSUPPORTED_CALL)
    acc = a.dtype if kind in ("min", "max") else np.result_type(
        np.sum(np.zeros(1, dtype=a.dtype))).name
    with np.errstate(all="ignore"):
        try:
            cinit = np.dtype(acc).type(init)
        except (OverflowError, ValueError):
            cinit = None
    if cinit is None or (cinit != init and not (init != init and cinit != cinit)):
        raise error(loc, f"numpy.{name} initial={init!r} does not fit the {acc} result",
                    "pass an initial value of the array's type", E_UNSUPPORTED_CALL)
    fn = _py_minmax(kind == "max", axis, keepdims, (1,) * a.ndim) if kind in ("min", "max") else \
        _py_sumprod(kind == "sum", axis, keepdims)
    from .calls import call_python
    return call_python(tr, fn, [a, cinit], {}, loc, site=loc, public=f"numpy.{name}")
