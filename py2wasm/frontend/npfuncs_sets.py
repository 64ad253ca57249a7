"""NumPy's set functions during tracing: `isin` (invert=, assume_unique=,
kind=None/'sort'), `intersect1d` (assume_unique=, return_indices=),
`setdiff1d`, `union1d`, `setxor1d`.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(one `FUNCS.update` line). NumPy writes these in Python
(numpy/lib/_arraysetops_impl.py); the `_py_*` functions below are that
source with the same operations in the same order (so the same values,
order and NaN/-0.0 choices: they build on this project's `np.unique`,
`np.sort`, stable `np.argsort` and `np.concatenate`), traced like user code
through `npfuncs_sort.kernel`.

`isin`: NumPy picks a table, a loop or a sort by sizes; all three answer
"is x equal to some t" in the operands' common dtype (integers exactly), so
one method (sort the tests, `searchsorted`, compare) gives NumPy's booleans
for every input. The operands are compared as int64 (every integer and bool
dtype: equality is kept) or float64 (every float dtype: float32 is exact in
it); a signed integer type mixed with uint64 is compared exactly (NumPy's
table and loop do), except with assume_unique= (isin, setdiff1d), where
NumPy's sort method would compare in float64: a located CompileError.
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npfuncs_sort import as_arr, kernel
from .values import E_UNSUPPORTED_CALL, TraceRaise, error

_INTS = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
_FLOATS = ("float64", "float32")


# --- the traced implementations (NumPy's source) ------------------------------------------

def _py_member(a, t, invert):
    """a, t: 1-D arrays of one dtype (int64 or float64). a[i] == some t[j]."""
    s = np.sort(t)
    n = s.shape[0]
    res = np.empty(a.shape[0], dtype=np.bool_)
    if n == 0:
        res[:] = invert
    else:
        idx = np.minimum(np.searchsorted(s, a), n - 1)
        if invert:
            res[:] = s[idx] != a
        else:
            res[:] = s[idx] == a
    return res


def _py_member_assume(a, t, ac, tc, invert, lim, dtmax):
    """NumPy's _isin(..., assume_unique=True): its table and loop methods
    answer membership; its sort method (chosen by the sizes, as NumPy
    chooses) may answer otherwise when the inputs are not unique, so it is
    NumPy's code on the operands in their common dtype (ac, tc). lim < 0:
    not integer data (no table method)."""
    n1 = a.shape[0]
    n2 = t.shape[0]
    exact = False
    if lim >= 0:
        if n2 == 0:
            exact = True
        else:
            lo = np.min(t)
            hi = np.max(t)
            if lo > 9223372036854775807 - lim or hi <= lo + lim:
                if hi - lo <= dtmax:
                    exact = True
    if not exact:
        exact = n2 < 10 * n1 ** 0.145
    res = np.empty(n1, dtype=np.bool_)
    if exact:
        res[:] = _py_member(a, t, invert)
    else:
        ar = np.concatenate((ac, tc))
        order = np.argsort(ar, kind="mergesort")
        sar = ar[order]
        flag = np.empty(ar.shape[0], dtype=np.bool_)
        if invert:
            flag[:-1] = sar[1:] != sar[:-1]
        else:
            flag[:-1] = sar[1:] == sar[:-1]
        flag[-1:] = invert
        ret = np.empty(ar.shape[0], dtype=np.bool_)
        ret[order] = flag
        res[:] = ret[:n1]
    return res


def _py_unique_index(ar):
    """np.unique(ar, return_index=True) of a 1-D ar (NumPy's _unique1d)."""
    perm = np.argsort(ar, kind="mergesort")
    aux = ar[perm]
    n = aux.shape[0]
    mask = np.empty(n, dtype=np.bool_)
    mask[:1] = True
    if n > 0 and np.isnan(aux[-1]):
        first = n - np.count_nonzero(np.isnan(aux))
        if first > 0:
            mask[1:first] = aux[1:first] != aux[:first - 1]
        mask[first] = True
        mask[first + 1:] = False
    else:
        mask[1:] = aux[1:] != aux[:-1]
    return aux[mask], perm[mask]


def _py_unique_index_int(ar):
    perm = np.argsort(ar, kind="mergesort")
    aux = ar[perm]
    mask = np.empty(aux.shape[0], dtype=np.bool_)
    mask[:1] = True
    mask[1:] = aux[1:] != aux[:-1]
    return aux[mask], perm[mask]


def _py_intersect1d(ar1, ar2):
    aux = np.concatenate((ar1, ar2))
    aux.sort()
    mask = aux[1:] == aux[:-1]
    return aux[:-1][mask]


def _py_intersect1d_indices(ar1, ar2, ind1, ind2, assume_unique):
    aux = np.concatenate((ar1, ar2))
    aux_sort_indices = np.argsort(aux, kind="mergesort")
    aux = aux[aux_sort_indices]
    mask = aux[1:] == aux[:-1]
    int1d = aux[:-1][mask]
    ar1_indices = aux_sort_indices[:-1][mask]
    ar2_indices = aux_sort_indices[1:][mask] - ar1.shape[0]
    if not assume_unique:
        ar1_indices = ind1[ar1_indices]
        ar2_indices = ind2[ar2_indices]
    return int1d, ar1_indices, ar2_indices


def _py_setxor1d(ar1, ar2):
    aux = np.concatenate((ar1, ar2))
    if aux.shape[0] == 0:
        return aux
    aux.sort()
    flag = np.ones(aux.shape[0] + 1, dtype=np.bool_)
    flag[1:-1] = aux[1:] != aux[:-1]
    return aux[flag[1:] & flag[:-1]]


# --- dispatch ----------------------------------------------------------------------------

def _unsupported(loc, what, hint="docs/arrays.md lists the supported forms"):
    return error(loc, f"numpy.{what} is not supported", hint, E_UNSUPPORTED_CALL)


def _flat(tr, v, loc, what):
    from .array_shapes import ravel
    if not (is_array(v) or isinstance(v, (tuple, A.ListLit))):
        from . import npscalars as nps
        from .values import scalar_type
        if scalar_type(v) is None and not nps.is_np(v):
            raise _unsupported(loc, f"set function of a {A._tn(v)}", "pass an array")
        from .npfuncs_create import full
        return full(tr, (1,), v, A.dtype_of(v), loc)
    a = as_arr(tr, A.unlist(v), loc, what)
    if a.dtype in ("complex128", "complex64"):
        raise _unsupported(loc, "set function of complex data")
    return A.materialize(tr, ravel(tr, a, loc), loc, contiguous=True)


def _mixed(a, b) -> bool:
    """uint64 with a signed integer type: NumPy compares them exactly."""
    return a.dtype in _INTS and b.dtype in _INTS and \
        np.result_type(np.dtype(a.dtype), np.dtype(b.dtype)).kind == "f"


def _py_nonneg(t):
    """t's non-negative elements: the int64 bits of a uint64 array or a signed
    one; a value past int64 (negative bits) equals no element of the other
    operand when one of them is signed, a negative one none of a uint64."""
    return t[t >= 0]


def _compare_dtype(a, b, loc, name, assume_unique=False):
    if a.dtype in _INTS and b.dtype in _INTS:
        if _mixed(a, b) and assume_unique:
            raise _unsupported(loc, f"{name} of {a.dtype} with {b.dtype}",
                               "NumPy's method here depends on the sizes, and its sort method "
                               "compares them in float64; convert both with astype(np.int64) "
                               "or astype(np.uint64)")
        return "int64"
    return "float64"


def _as(tr, a, dt, loc):
    if a.dtype == dt:
        return a
    from . import array_assign
    return array_assign.copy(tr, A.astype_node(a, dt), loc)


def _kind(kind, loc, name):
    if kind is None or kind == "sort":
        return
    if kind == "table":
        raise _unsupported(loc, f"{name} kind='table'", "leave kind= out (the same booleans)")
    raise TraceRaise("ValueError", f"Invalid kind: '{kind}'. Please use None, 'sort' or 'table'.")


def _member(tr, a, b, invert, loc, name, assume_unique=False):
    dt = _compare_dtype(a, b, loc, name, assume_unique)
    a64, b64 = _as(tr, a, dt, loc), _as(tr, b, dt, loc)
    if _mixed(a, b):  # exact: int64 bits, the tests that can equal nothing dropped
        b64 = kernel(tr, _py_nonneg, [b64], loc)
    if not assume_unique:
        return kernel(tr, _py_member, [a64, b64, bool(invert)], loc)
    ac, bc = _common(tr, a, b, loc)
    if dt == "int64":
        dtmax = int(np.iinfo(np.dtype("uint8" if b.dtype == "bool" else b.dtype)).max)
        dtmax = min(dtmax, 2 ** 63 - 1)
        from .operators import binary
        lim = binary(tr.fb, "*", 6, binary(tr.fb, "+", a.shape[0], b.shape[0], loc), loc)
    else:
        lim, dtmax = -1, 0
    return kernel(tr, _py_member_assume, [a64, b64, ac, bc, bool(invert), lim, dtmax], loc)


def isin(tr, loc, element, test_elements, assume_unique, invert, kind):
    _kind(kind, loc, "isin")
    if type(invert) is not bool or type(assume_unique) is not bool:
        raise _unsupported(loc, "isin with invert=/assume_unique= not known when compiling",
                           "pass True or False")
    el = as_arr(tr, A.unlist(element), loc, "element") if not _scalar(element) else None
    a = _flat(tr, element, loc, "element")
    r = _member(tr, a, _flat(tr, test_elements, loc, "test_elements"), invert, loc, "isin",
                assume_unique)
    if el is None:
        from . import npscalars
        return npscalars.make("bool", A.load(tr.fb, r, [0]))
    from .array_shapes import reshape
    return reshape(tr, r, el.shape, loc)


def _scalar(v):
    return not (is_array(v) or isinstance(v, (tuple, A.ListLit)))


def _unique(tr, a, loc):
    from .npfuncs_sort import unique
    return unique(tr, a, False, loc)


def _common(tr, a, b, loc):
    """a and b in the dtype np.concatenate gives them."""
    dt = np.result_type(np.dtype(a.dtype), np.dtype(b.dtype)).name
    return _as(tr, a, dt, loc), _as(tr, b, dt, loc)


def _known_bool(v, loc, name, kw):
    if type(v) is not bool:
        raise _unsupported(loc, f"{name} with {kw}= not known when compiling", "pass True or False")


def intersect1d(tr, loc, ar1, ar2, assume_unique, return_indices):
    _known_bool(assume_unique, loc, "intersect1d", "assume_unique")
    _known_bool(return_indices, loc, "intersect1d", "return_indices")
    a = _flat(tr, ar1, loc, "ar1")
    b = _flat(tr, ar2, loc, "ar2")
    if not return_indices:
        if not assume_unique:
            a, b = _unique(tr, a, loc), _unique(tr, b, loc)
        a, b = _common(tr, a, b, loc)
        return kernel(tr, _py_intersect1d, [a, b], loc)
    ind1 = ind2 = None
    if not assume_unique:
        uniq = _py_unique_index if a.dtype in _FLOATS else _py_unique_index_int
        a, ind1 = kernel(tr, uniq, [a], loc)
        uniq = _py_unique_index if b.dtype in _FLOATS else _py_unique_index_int
        b, ind2 = kernel(tr, uniq, [b], loc)
    a, b = _common(tr, a, b, loc)
    if assume_unique:
        ind1 = ind2 = A.alloc(tr, "int64", (0,), loc)   # unused by the traced code
    return kernel(tr, _py_intersect1d_indices, [a, b, ind1, ind2, assume_unique], loc)


def union1d(tr, loc, ar1, ar2):
    a, b = _common(tr, _flat(tr, ar1, loc, "ar1"), _flat(tr, ar2, loc, "ar2"), loc)
    from .npfuncs_join import concatenate
    return _unique(tr, concatenate(tr, (a, b), 0, loc), loc)


def setdiff1d(tr, loc, ar1, ar2, assume_unique):
    _known_bool(assume_unique, loc, "setdiff1d", "assume_unique")
    a = _flat(tr, ar1, loc, "ar1")
    b = _flat(tr, ar2, loc, "ar2")
    if not assume_unique:
        a, b = _unique(tr, a, loc), _unique(tr, b, loc)
    keep = _member(tr, a, b, True, loc, "setdiff1d", True)
    from .array_indexing import getitem
    return getitem(tr, a, (keep,), loc)


def setxor1d(tr, loc, ar1, ar2, assume_unique):
    _known_bool(assume_unique, loc, "setxor1d", "assume_unique")
    a = _flat(tr, ar1, loc, "ar1")
    b = _flat(tr, ar2, loc, "ar2")
    if not assume_unique:
        a, b = _unique(tr, a, loc), _unique(tr, b, loc)
    a, b = _common(tr, a, b, loc)
    return kernel(tr, _py_setxor1d, [a, b], loc)


def FUNCS(REQ):
    return {
        "isin": ([("element", REQ), ("test_elements", REQ), ("assume_unique", False),
                  ("invert", False), ("kind", None)], isin),
        "intersect1d": ([("ar1", REQ), ("ar2", REQ), ("assume_unique", False),
                         ("return_indices", False)], intersect1d),
        "union1d": ([("ar1", REQ), ("ar2", REQ)], union1d),
        "setdiff1d": ([("ar1", REQ), ("ar2", REQ), ("assume_unique", False)], setdiff1d),
        "setxor1d": ([("ar1", REQ), ("ar2", REQ), ("assume_unique", False)], setxor1d),
    }
