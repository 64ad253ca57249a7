"""NumPy's comparisons of whole arrays and its NaN/inf replacement, written
as NumPy writes them in Python (numpy/_core/numeric.py,
numpy/lib/_type_check_impl.py) and traced like user code: `isclose`
(rtol=, atol=, equal_nan=), `allclose`, `array_equal` (equal_nan=),
`array_equiv`, `nan_to_num` (copy=, nan=, posinf=, neginf=).

isclose casts `b` to `result_type(b, 1.0)` first (an int or bool `b`
becomes float64), then computes NumPy's expression
`less_equal(abs(x - y), atol + rtol * abs(y)) & isfinite(y) | (x == y)`
with NumPy 2's promotion (Python tolerances are weak scalars), so the
answers are NumPy's element for element. array_equal/array_equiv compare
shapes when compiling where they are known, else at run time.
nan_to_num replaces with the values cast to the array's dtype, the three
masks taken before any replacement, as NumPy's copyto calls do.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(FUNCS); the `_py_*` functions are traced via `calls.call_python` (library
code: known options stay known). Complex data and 0-d arguments are located
CompileErrors.
"""
from __future__ import annotations

import functools

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npfuncs_sort import as_arr
from .values import E_UNSUPPORTED_CALL, error, scalar_type

_REAL = ("float64", "float32", "int64", "int32", "int16", "int8", "uint64", "uint32", "uint16",
         "uint8", "bool")


# --- the traced implementations ------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _py_isclose(equal_nan):
    def isclose(x, y, rtol, atol):
        result = (np.less_equal(abs(x - y), atol + rtol * abs(y)) & np.isfinite(y)
                  | (x == y))
        if equal_nan:
            return result | (np.isnan(x) & np.isnan(y))
        return result
    return isclose


@functools.lru_cache(maxsize=None)
def _py_allclose(equal_nan):
    def allclose(x, y, rtol, atol):
        result = (np.less_equal(abs(x - y), atol + rtol * abs(y)) & np.isfinite(y)
                  | (x == y))
        if equal_nan:
            return bool(np.all(result | (np.isnan(x) & np.isnan(y))))
        return bool(np.all(result))
    return allclose


def _py_all_equal(a1, a2):
    return bool(np.all(a1 == a2))


def _py_all_equal_nan(a1, a2):
    n1 = np.isnan(a1)
    n2 = np.isnan(a2)
    return bool(np.all((n1 == n2) & (n1 | (a1 == a2))))


def _py_nan_to_num(x, nan, posinf, neginf):
    return np.where(np.isnan(x), nan, np.where(x == np.inf, posinf,
                                               np.where(x == -np.inf, neginf, x)))


def _py_nan_to_num_inplace(x, nan, posinf, neginf):
    x[...] = np.where(np.isnan(x), nan, np.where(x == np.inf, posinf,
                                                 np.where(x == -np.inf, neginf, x)))
    return x


# --- dispatch ----------------------------------------------------------------------------

def _unsupported(loc, what, hint=""):
    return error(loc, f"numpy.{what} is not supported", hint or "see the supported NumPy subset",
                 E_UNSUPPORTED_CALL)


def _run(tr, fn, args, loc, name):
    from .calls import call_python
    return call_python(tr, fn, list(args), {}, loc, site=loc, public=f"numpy.{name}")


def _number(v) -> bool:
    from . import npscalars as nps
    return not is_array(v) and (scalar_type(v) is not None or nps.is_np(v)) and \
        not isinstance(v, complex)


def _operand(tr, loc, v, name, what):
    """An array (tuples and lists become arrays) or a real number."""
    if is_array(v) or isinstance(v, (tuple, A.ListLit)):
        a = as_arr(tr, A.unlist(v), loc, what) if not is_array(v) else v
        a = A.materialize(tr, a, loc, order="K")
        if a.dtype not in _REAL + ("complex128", "complex64") or (
                a.dtype not in _REAL and name not in ("isclose", "allclose")):
            raise _unsupported(loc, f"{name} of {a.dtype} data", "compare the real and imaginary "
                               "parts separately")
        if a.ndim == 0:
            raise _unsupported(loc, f"{name} of a 0-d array")
        return a
    if isinstance(v, complex) and name in ("isclose", "allclose"):  # NumPy keeps it a Python
        return v                                                       # complex (abs: hypot)
    if not _number(v):
        raise _unsupported(loc, f"{name} of a {A._tn(v)}", "pass arrays or numbers")
    return v


def _close_args(tr, loc, a, b, rtol, atol, equal_nan, name):
    x = _operand(tr, loc, a, name, "a")
    y = _operand(tr, loc, b, name, "b")
    for v, nm in ((rtol, "rtol"), (atol, "atol")):
        if not _number(v):
            raise _unsupported(loc, f"{name} with an array or non-number {nm}=",
                               "pass a number")
    if type(equal_nan) is not bool:
        raise _unsupported(loc, f"{name} with an equal_nan= that is not True or False")
    if is_array(y):
        dt = np.result_type(np.dtype(y.dtype), 1.0).name
        if dt != y.dtype:
            y = A.materialize(tr, A.astype_node(y, dt), loc, order="K")
    elif type(y) is int:
        y = float(y)
    elif type(y) is bool:
        y = float(y)
    if not is_array(x) and not is_array(y):
        raise _unsupported(loc, f"{name} of two scalars", "use math.isclose(a, b, rel_tol=..., "
                           "abs_tol=...) (other formula) or compare arrays")
    return x, y


def _isclose(tr, loc, a, b, rtol, atol, equal_nan):
    x, y = _close_args(tr, loc, a, b, rtol, atol, equal_nan, "isclose")
    return _run(tr, _py_isclose(equal_nan), [x, y, rtol, atol], loc, "isclose")


def _allclose(tr, loc, a, b, rtol, atol, equal_nan):
    x, y = _close_args(tr, loc, a, b, rtol, atol, equal_nan, "allclose")
    return _run(tr, _py_allclose(equal_nan), [x, y, rtol, atol], loc, "allclose")


def _both(fb, r, c):
    if c is True or r is False:
        return r
    if r is True or c is False:
        return c
    return fb.emit("and", [r, c])


def _shapes_fit(tr, a1, a2, equiv):
    """Equal shapes (array_equal) or shapes that broadcast (array_equiv):
    True/False when known, else an IR bool."""
    fb = tr.fb
    if not equiv and a1.ndim != a2.ndim:
        return False
    r = True
    for s1, s2 in zip(reversed(a1.shape), reversed(a2.shape)):
        c = A.icmp(fb, "eq", s1, s2)
        if equiv and c is not True:
            for s in (s1, s2):
                one = A.icmp(fb, "eq", s, 1)
                c = True if one is True or c is True else (
                    c if one is False else (one if c is False else fb.emit("or", [c, one])))
        r = _both(fb, r, c)
    return r


def _equal(tr, loc, a1, a2, equal_nan, name):
    a1 = _operand(tr, loc, a1, name, "a1")
    a2 = _operand(tr, loc, a2, name, "a2")
    if not (is_array(a1) and is_array(a2)):
        raise _unsupported(loc, f"{name} of a scalar", "compare arrays")
    if type(equal_nan) is not bool:
        raise _unsupported(loc, f"{name} with an equal_nan= that is not True or False")
    ok = _shapes_fit(tr, a1, a2, name == "array_equiv")
    if ok is False:
        return False
    nan = equal_nan and (a1.dtype in ("float64", "float32") or a2.dtype in ("float64", "float32"))
    fn = _py_all_equal_nan if nan else _py_all_equal
    if ok is True:
        return _run(tr, fn, [a1, a2], loc, name)
    # shapes known only at run time: when they do not fit, compare two empty
    # views instead (every size 0 broadcasts), and answer False
    fb = tr.fb
    a1, a2 = A.materialize(tr, a1, loc), A.materialize(tr, a2, loc)
    z1 = A.Arr(a1.dtype, a1.ptr, tuple(A.isel(fb, ok, s, 0) for s in a1.shape), a1.strides,
               a1.root)
    z2 = A.Arr(a2.dtype, a2.ptr, tuple(A.isel(fb, ok, s, 0) for s in a2.shape), a2.strides,
               a2.root)
    from .npscalars import demote
    r = demote(_run(tr, fn, [z1, z2], loc, name), fb, loc)
    return _both(fb, ok, r if not isinstance(r, bool) else r)


def _array_equal(tr, loc, a1, a2, equal_nan):
    return _equal(tr, loc, a1, a2, equal_nan, "array_equal")


def _array_equiv(tr, loc, a1, a2):
    return _equal(tr, loc, a1, a2, False, "array_equiv")


def _nan_to_num(tr, loc, x, copy, nan, posinf, neginf):
    if type(copy) is not bool:
        raise _unsupported(loc, "nan_to_num with a copy= that is not True or False")
    if not (is_array(x) or isinstance(x, (tuple, A.ListLit))):
        raise _unsupported(loc, f"nan_to_num of a {A._tn(x)}", "pass an array")
    a = A.materialize(tr, x, loc, order="K") if is_array(x) else as_arr(tr, A.unlist(x), loc, "x")
    if a.dtype not in _REAL:
        raise _unsupported(loc, f"nan_to_num of {a.dtype} data",
                           "replace in the real and imaginary parts separately")
    if a.ndim == 0:
        raise _unsupported(loc, "nan_to_num of a 0-d array")
    if a.dtype not in ("float64", "float32"):  # NumPy: x itself (copy=False) or a copy
        if copy or not isinstance(x, A.Arr):
            from .array_assign import copy as copy_
            return copy_(tr, a, loc)
        return a
    info = np.finfo(a.dtype)
    vals = []
    for v, default, nm in ((nan, 0.0, "nan"), (posinf, info.max, "posinf"),
                           (neginf, info.min, "neginf")):
        v = default if v is None else v
        if not _number(v):
            raise _unsupported(loc, f"nan_to_num with an array or non-number {nm}=",
                               "pass a number")
        vals.append(_as_dtype(tr, v, a.dtype, loc))
    if copy or not isinstance(x, A.Arr):
        return _run(tr, _py_nan_to_num, [a] + vals, loc, "nan_to_num")
    return _run(tr, _py_nan_to_num_inplace, [a] + vals, loc, "nan_to_num")


def _as_dtype(tr, v, dt, loc):
    """A replacement value cast to the array's dtype, as copyto casts it."""
    from . import npscalars as nps
    if type(v) in (int, float, bool) or isinstance(v, np.generic):
        with np.errstate(all="ignore"):
            return np.dtype(dt).type(v)
    return nps.construct(tr.fb, dt, v, loc)


def FUNCS(REQ):
    return {
        "isclose": ([("a", REQ), ("b", REQ), ("rtol", 1e-05), ("atol", 1e-08),
                     ("equal_nan", False)], _isclose),
        "allclose": ([("a", REQ), ("b", REQ), ("rtol", 1e-05), ("atol", 1e-08),
                      ("equal_nan", False)], _allclose),
        "array_equal": ([("a1", REQ), ("a2", REQ), ("equal_nan", False)], _array_equal),
        "array_equiv": ([("a1", REQ), ("a2", REQ)], _array_equiv),
        "nan_to_num": ([("x", REQ), ("copy", True), ("nan", 0.0), ("posinf", None),
                        ("neginf", None)], _nan_to_num),
    }
