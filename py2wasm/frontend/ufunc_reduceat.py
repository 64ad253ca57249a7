"""`np.<ufunc>.reduceat(array, indices)` of a 1-D array during tracing.

Place in the pipeline: frontend value semantics, called by
`ufunc_methods.call`. NumPy's C loop (PyUFunc_Reduceat) written as traced
Python: every index is checked first (NumPy's IndexError `index 8
out-of-bounds in add.reduceat [0, 8)`), then out[i] is `ufunc.reduce` of
`array[indices[i]:indices[i + 1]]` (the last to the end) when that slice
has two elements or more, else `array[indices[i]]` cast to the result type (a float
`add` is NumPy's loop on the segment: its first element plus the pairwise
sum of the rest, which is not `np.add.reduce` of the segment); the result
type is `ufunc.reduce`'s (small ints add in int64), asked of NumPy when
compiling. The reductions are this project's `ufunc.reduce` (float sums
pairwise as NumPy's), so the values are NumPy's bit for bit.
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npfuncs_sort import as_arr, kernel
from .values import E_UNSUPPORTED_CALL, TraceRaise, error


def _py_reduceat(uf, a, idx, dt, name, split):
    n = a.shape[0]
    m = idx.shape[0]
    for i in range(m):
        j = idx[i]
        if j < 0 or j >= n:
            raise IndexError(f"index {j} out-of-bounds in {name}.reduceat [0, {n})")
    out = np.empty(m, dtype=dt)
    for i in range(m):
        s = int(idx[i])
        e = n
        if i + 1 < m:
            e = int(idx[i + 1])
        if s + 1 < e and split:  # NumPy's float add: the first, plus the pairwise rest
            r = np.add.reduce(a[s + 1:e])
            if r == 0 and np.all(1.0 / a[s + 1:e] < 0):
                out[i] = a[s]  # NumPy's pairwise sum of -0.0s is -0.0 (reduce's: 0.0)
            else:
                out[i] = a[s] + r
        elif s + 1 < e:
            out[i] = uf.reduce(a[s:e])
        else:  # an empty segment or one element: NumPy copies the element
            out[i] = a[s]
    return out


_INTS = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32")


def reduceat(tr, uf, array, indices, axis, dtype, out, loc):
    name = uf.__name__
    if dtype is not None or out is not None:
        raise error(loc, f"numpy.{name}.reduceat with dtype= or out= is not supported",
                    "cast the result with astype()", E_UNSUPPORTED_CALL)
    if axis != 0:
        raise error(loc, f"numpy.{name}.reduceat along an axis other than 0 is not supported",
                    "call it on each row (or use np.moveaxis first)", E_UNSUPPORTED_CALL)
    a = as_arr(tr, A.unlist(array), loc, "array")
    if a.ndim != 1:
        raise error(loc, f"numpy.{name}.reduceat of a {a.ndim}-d array is not supported",
                    "call it on each 1-D row", E_UNSUPPORTED_CALL)
    if a.dtype in ("complex128", "complex64"):
        raise error(loc, f"numpy.{name}.reduceat of complex data is not supported",
                    "reduce the real and imaginary parts", E_UNSUPPORTED_CALL)
    idx = as_arr(tr, A.unlist(indices), loc, "indices") if not isinstance(indices, A.ListLit) \
        or len(getattr(indices, "items", [1])) else None
    if idx is None or not is_array(idx):
        raise error(loc, f"numpy.{name}.reduceat with these indices is not supported",
                    "pass a 1-D integer array or a non-empty list of ints", E_UNSUPPORTED_CALL)
    if idx.dtype not in _INTS and idx.dtype != "int64":
        raise TraceRaise("TypeError", f"Cannot cast array data from dtype('{idx.dtype}') to "
                         "dtype('int64') according to the rule 'safe'")
    if idx.ndim != 1:
        raise error(loc, f"numpy.{name}.reduceat with {idx.ndim}-d indices is not supported",
                    "pass 1-D indices", E_UNSUPPORTED_CALL)
    try:
        dt = uf.reduce(np.ones(2, dtype=a.dtype)).dtype.name
    except TypeError as e:
        raise TraceRaise("TypeError", str(e)) from None
    if idx.dtype != "int64":
        idx = A.materialize(tr, A.astype_node(idx, "int64"), loc)
    split = uf is np.add and a.dtype in ("float64", "float32")
    return kernel(tr, _py_reduceat, [uf, a, idx, dt, name, split], loc)
