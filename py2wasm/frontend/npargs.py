"""Arguments of NumPy functions and array methods during tracing: binding
positional and keyword arguments to a signature (`bind`), dtype and axis
arguments, array-like operands (`as_array`), and `ArrayMethod` (a bound
`a.name` waiting for its call).

Place in the pipeline: frontend value semantics; the first step of every
NumPy call that nplib.py and the npfuncs_* modules handle.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..ir import BOOL, DTYPES, F64, I64, Var
from . import arrays as A
from . import array_shapes
from .arrays import is_array
from .values import E_TYPE, E_UNSUPPORTED_CALL, error, scalar_type


@dataclass(frozen=True, eq=False)
class ArrayMethod:
    """`a.name` for an array method, waiting for its call."""
    arr: object
    name: str


# --- arguments ------------------------------------------------------------------------------

def bind(loc, name, args, kwargs, params):
    """Bind like Python: `params` is a list of (name, default); REQUIRED marks
    a required parameter. Unknown keywords are a CompileError naming them."""
    out = {}
    sig = f"numpy.{name}(" + ", ".join(p if d is REQUIRED else f"{p}={d!r}"
                                       for p, d in params) + ")"
    if len(args) > len(params):
        raise error(loc, f"numpy.{name}() takes at most {len(params)} positional arguments "
                    f"here ({len(args)} given); supported signature: {sig}", "",
                    E_UNSUPPORTED_CALL)
    for (p, _), a in zip(params, args):
        out[p] = a
    for k, v in kwargs.items():
        if k not in dict(params):
            raise error(loc, f"argument {k}= of numpy.{name}() is not supported",
                        f"supported signature: {sig}", E_UNSUPPORTED_CALL)
        if k in out:
            raise error(loc, f"numpy.{name}() got multiple values for {k!r}", "", E_TYPE)
        out[k] = v
    for p, d in params:
        if p not in out:
            if d is REQUIRED:
                raise error(loc, f"numpy.{name}() missing argument {p!r}; signature: {sig}",
                            "", E_TYPE)
            out[p] = d
    return out


REQUIRED = object()


def dtype_arg(d, loc, default=None):
    if d is None:
        return default
    if isinstance(d, Var) or is_array(d):
        raise error(loc, "dtype= must be known when compiling", "", E_TYPE)
    try:
        name = np.dtype(d).name
    except TypeError:
        raise error(loc, f"dtype {d!r} is not understood", "", E_TYPE) from None
    if name not in DTYPES and name not in ("complex128", "complex64"):
        raise error(loc, f"dtype {name} is not supported",
                    "use float64, float32, int64, int32, int16, int8, uint64, uint32, uint16, uint8, "
                    "bool, complex128 or complex64", E_TYPE)
    return name


def _weak_dtype(v, loc=None):
    """The dtype NumPy gives a fill value: a NumPy scalar's own, a Python
    number's default (int64, float64, bool)."""
    from . import npscalars as nps
    if nps.is_np(v):
        return nps.dtype_name(v)
    t = scalar_type(v)
    if t is None:
        raise error(loc, f"a fill value of type {A._tn(v)} is not supported",
                    "fill with a number", E_TYPE)
    return {I64: "int64", F64: "float64", BOOL: "bool"}[t]


def axis_arg(ax, ndim, loc):
    """None -> every axis; int or tuple of ints -> sorted tuple."""
    if ax is None:
        return tuple(range(ndim))
    axes = ax if isinstance(ax, tuple) else (ax,)
    out = tuple(sorted(array_shapes.normalize_axis(x, ndim, loc) for x in axes))
    if len(set(out)) != len(out):
        raise error(loc, "duplicate value in 'axis'", "", E_TYPE)
    return out
