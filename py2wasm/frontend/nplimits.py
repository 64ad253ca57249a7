"""`np.finfo(dtype)` and `np.iinfo(dtype)` while tracing: NumPy's own
objects, made when compiling (a dtype is always known then), so `.eps
.max .min .tiny .resolution .smallest_normal .bits` are constants of
NumPy's types (`np.finfo(np.float32).eps` is a np.float32, `np.iinfo(np.int8).max`
an int). The argument may be a dtype, a scalar type, a dtype string, an
array (its dtype) or a number (NumPy scalar or Python float/int: its type).
NumPy's own errors (`np.finfo(np.int64)`: "data type <class
'numpy.int64'> not inexact") are raised as NumPy raises them.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(FUNCS); the result is a known Python object, whose attributes the tracer
reads like any known value's.
"""
from __future__ import annotations

import numpy as np

from .arrays import is_array
from .values import E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type


def _dtype_of(v, loc, name):
    from . import npscalars as nps
    from ..ir import BOOL, F64, I64
    if is_array(v):  # NumPy converts an array like any object: its own error
        return np.zeros(1, dtype=v.dtype)
    if nps.is_np(v):
        return np.dtype(nps.dtype_name(v))
    t = scalar_type(v)
    if t is not None and not isinstance(v, (int, float, bool)):  # a run-time Python number
        return np.dtype({F64: "float64", I64: "int64", BOOL: "bool"}[t])
    if isinstance(v, complex) or (isinstance(v, np.generic) and v.dtype.kind == "c"):
        return np.dtype(np.result_type(v))
    return v  # a dtype, a type, a string or a known number: NumPy's own conversion


def _info(cls, name):
    def call(tr, loc, dtype):
        d = _dtype_of(dtype, loc, name)
        try:
            return cls(d)
        except (ValueError, TypeError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
        except Exception as e:  # noqa: BLE001 - anything else: refused, located
            raise error(loc, f"numpy.{name}({dtype!r}) is not supported: {e}",
                        "pass a dtype known when compiling", E_UNSUPPORTED_CALL) from None
    return call


def FUNCS(REQ):
    return {"finfo": ([("dtype", REQ)], _info(np.finfo, "finfo")),
            "iinfo": ([("int_type", REQ)], lambda tr, loc, int_type: _info(np.iinfo, "iinfo")(
                tr, loc, int_type))}
