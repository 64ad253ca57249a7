"""The Python type of a trace value, known when compiling, for `isinstance(v,
T)` and `type(v)`: an array (or a pending array expression) is
`np.ndarray`, a NumPy scalar its NumPy type (`np.float32`...), a number
`bool`/`int`/`float`/`complex` (a run-time value by its IR type: py2wasm's
ints are int64, its floats float64), a string `str`, a list, dict, set,
tuple or None theirs, an instance its class. The answer is a constant: the
branch it decides is traced alone, as CPython takes it.

Place in the pipeline: frontend value semantics, called by calls.py for the
builtins `isinstance` and `type`.
"""
from __future__ import annotations

from typing import Any, Optional

import numpy as np

from .values import E_TYPE, error, is_complex, scalar_type


def type_of(v: Any) -> Optional[type]:
    """The Python type of `v`, or None when py2wasm cannot say."""
    from . import arrays, dicts, lists, npscalars, objects, sets, strvalues
    from .complex_scalars import dtype_name as cx_dtype, is_npcx
    if arrays.is_array(v):
        return np.ndarray
    if npscalars.is_np(v):
        return npscalars.np_type(v)
    if is_npcx(v):
        return np.dtype(cx_dtype(v)).type
    if is_complex(v):
        return complex
    if v is None or type(v) in (tuple, str, range):
        return type(v)
    t = scalar_type(v)
    if t is not None:
        return {"bool": bool, "int": int, "float": float}.get(t.pyname)
    if strvalues.is_str(v):
        return str
    if lists.is_list(v) or isinstance(v, lists.Literal):
        return list
    if dicts.is_dict(v):
        return dict
    if sets.is_set(v):
        return set
    if objects.is_obj(v):
        return v.cls
    return None


def isinstance_(v: Any, classinfo: Any, loc) -> bool:
    t = type_of(v)
    if t is None:
        raise error(loc, f"isinstance() of a {type(v).__name__} is not supported", "",
                    E_TYPE)
    try:
        return issubclass(t, classinfo)
    except TypeError:
        raise error(loc, "isinstance()'s second argument must be a type or a tuple of types "
                    "known when compiling", "", E_TYPE) from None


def type_(v: Any, loc) -> type:
    t = type_of(v)
    if t is None:
        raise error(loc, f"type() of a {type(v).__name__} is not supported", "", E_TYPE)
    return t
