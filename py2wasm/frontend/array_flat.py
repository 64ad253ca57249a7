"""`a.flat`, NumPy's flat iterator, during tracing: `for v in a.flat` (the
elements in C order as NumPy scalars, read as the loop reaches them),
`a.flat[i]` (an element: NumPy's IndexError "out of bounds for size"),
`a.flat[start:stop:step]` (a new 1-D array), and assignments of a number to
`a.flat[i]` (NumPy's ValueError "Error setting single item of array." where
the number does not fit the dtype) or to `a.flat[start:stop:step]` (the
number converted once, as an element assignment converts it).

Place in the pipeline: frontend value semantics. `nplib.attribute` makes the
value, `opcodes_iter` loops over it, `opcodes_subscripts` indexes it. The
loop is a traced generator over a's axes (npfuncs_ndindex's way), the
indexing NumPy's own arithmetic traced as library code
(`calls.call_python` with the user's call site), ending in the ordinary
element indexing of frontend/array_indexing.py.
"""
from __future__ import annotations

import math

import numpy as np

from . import arrays as A
from .values import E_UNSUPPORTED_CALL, error, scalar_type
from ..ir import BOOL, DTYPES, F64, I64


class FlatIter:
    """The value of `a.flat`: the array it walks."""
    __slots__ = ("arr",)

    def __init__(self, arr):
        self.arr = arr

    def trace_key(self, key_of):
        return ("flat", key_of(self.arr))

    def trace_leaves(self, leaves, out):
        leaves(self.arr, out)

    def trace_rebuild(self, rebuild, it):
        return FlatIter(rebuild(self.arr, it))


def is_flat(v) -> bool:
    return type(v) is FlatIter


def make(tr, a, loc) -> FlatIter:
    a = A.materialize(tr, a, loc)
    if a.dtype not in DTYPES:
        raise error(loc, f"a.flat of a {a.dtype} array is not supported",
                    "loop over np.ndindex(a.shape)", E_UNSUPPORTED_CALL)
    return FlatIter(a)


# --- the traced code ------------------------------------------------------------------------

def _fl1(a):
    for i in range(a.shape[0]):
        yield a[i]


def _fl2(a):
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            yield a[i, j]


def _fl3(a):
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            for k in range(a.shape[2]):
                yield a[i, j, k]


def _fl4(a):
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            for k in range(a.shape[2]):
                for m in range(a.shape[3]):
                    yield a[i, j, k, m]


_FL = {1: _fl1, 2: _fl2, 3: _fl3, 4: _fl4}


def _py_flat_index(a, i):
    n = a.size
    if i < -n or i >= n:
        raise IndexError(f"index {i} is out of bounds for size {n}")
    if i < 0:
        i += n
    return np.unravel_index(i, a.shape)


def _py_flat_get(a, i):
    return a[_py_flat_index(a, i)]


def _py_flat_set(a, i, v, lo, hi):
    idx = _py_flat_index(a, i)
    if lo is not None and not lo <= v:  # (a NaN fails)
        raise ValueError("Error setting single item of array.")
    if hi is not None and not v < hi:
        raise ValueError("Error setting single item of array.")
    a[idx] = v


def _py_flat_slice(a, start, stop, step):
    return np.ravel(a)[start:stop:step].copy()


def _py_flat_set_slice(a, start, stop, step, v):
    one = np.zeros(1, dtype=a.dtype)
    one[0] = v  # converted (and checked) once, as an element assignment does
    for k in np.arange(a.size)[start:stop:step]:
        a[np.unravel_index(k, a.shape)] = one[0]


# --- dispatch -------------------------------------------------------------------------------

def _call(tr, fn, args, loc):
    from .calls import call_python
    return call_python(tr, fn, list(args), {}, loc, site=loc, public="flat")


def get_iter(tr, fl: FlatIter, loc):
    from .generators import GenCall, start_iter
    a = fl.arr
    if a.ndim not in _FL:
        raise error(loc, f"iterating over a.flat of a {a.ndim}-d array is not supported",
                    "1 to 4 dimensions are supported; loop over np.ndindex(a.shape)",
                    E_UNSUPPORTED_CALL)
    return start_iter(tr, GenCall(_FL[a.ndim], [a], {}), loc)


def _index(tr, k, loc):
    """An int index as array indexing takes it (NumPy integer scalars too, a
    numpy.uint64 from 2**63 up: NumPy's OverflowError), or None."""
    from . import npscalars
    from .array_indexing import _index_value
    if npscalars.is_np(k) and npscalars.dtype_name(k) not in A.INTS:
        return None
    k = _index_value(k, loc, tr.fb)
    ok = not A.is_array(k) and scalar_type(k) is I64 and not isinstance(k, bool)
    return k if ok else None


def _slice_parts(tr, s: slice, loc):
    out = []
    for x in (s.start, s.stop, s.step):
        i = None if x is None else _index(tr, x, loc)
        if x is not None and i is None:
            raise error(loc, f"a.flat sliced with a {A._tn(x)} bound is not supported",
                        "use ints", E_UNSUPPORTED_CALL)
        out.append(i)
    return out


def getitem(tr, fl: FlatIter, key, loc):
    if isinstance(key, slice):
        return _call(tr, _py_flat_slice, [fl.arr] + _slice_parts(tr, key, loc), loc)
    i = _index(tr, key, loc)
    if i is not None:
        return _call(tr, _py_flat_get, [fl.arr, i], loc)
    raise error(loc, f"a.flat indexed with a {A._tn(key)} is not supported",
                "index it with an int or a slice", E_UNSUPPORTED_CALL)


def _fits(dtype: str, v):
    """The bounds [lo, hi) a number must be in to be stored in `dtype` by a
    flat assignment (NumPy's ValueError outside; None: no bound)."""
    if dtype in ("bool", "float64", "float32") or scalar_type(v) is BOOL:
        return None, None
    info = np.iinfo(dtype)
    if scalar_type(v) is F64:  # its truncation must fit
        lo = float(info.min - 1)
        lo = float(info.min) if lo == float(info.min) else math.nextafter(lo, math.inf)
        return lo, float(info.max + 1)
    if dtype == "int64":  # an int64 value always fits
        return None, None
    if dtype == "uint64":  # unless below zero
        return 0, None
    return int(info.min), int(info.max) + 1


def setitem(tr, fl: FlatIter, key, value, loc):
    from . import npscalars
    if A.is_array(value) or isinstance(value, (tuple, list)) or not (
            npscalars.is_np(value) or scalar_type(value) is not None):
        raise error(loc, f"assigning a {A._tn(value)} to a.flat[...] is not supported",
                    "assign a number, or assign through a view of a", E_UNSUPPORTED_CALL)
    a = fl.arr
    if a.readonly:
        raise error(loc, "assignment destination is read-only", "copy the array first",
                    E_UNSUPPORTED_CALL)
    v = npscalars.demote(value, tr.fb, loc)
    if isinstance(key, slice):
        _call(tr, _py_flat_set_slice, [a] + _slice_parts(tr, key, loc) + [v], loc)
        return
    i = _index(tr, key, loc)
    if i is None:
        raise error(loc, f"a.flat indexed with a {A._tn(key)} is not supported",
                    "index it with an int or a slice", E_UNSUPPORTED_CALL)
    lo, hi = _fits(a.dtype, v)
    _call(tr, _py_flat_set, [a, i, v, lo, hi], loc)
