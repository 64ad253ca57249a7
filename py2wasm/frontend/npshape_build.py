"""NumPy shape functions that build arrays (or trim them) during tracing:
`np.tri`, `np.resize`, `np.trim_zeros`, `np.delete`, `np.insert` (one value).

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
`tri(N, M, k, dtype)` is NumPy's `greater_equal.outer(arange(N),
arange(-k, M - k))` cast to dtype: one loop nest storing `j - i <= k`
(negative N or M give empty axes, as `arange` does). `resize` and
`trim_zeros` (1-D) are NumPy's own Python (`_py_*` below) traced as library
code (`calls.call_python` with `site=`): `resize` a new array (the data
repeated, or zeros for an empty one), `trim_zeros` a view (a slice).
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .arrays import alloc, loop_nest
from .npshape_views import _int


def tri(tr, N, M, k, dtype, like, loc):
    from .npargs import dtype_arg
    from .values import E_TYPE, error
    if like is not None:
        raise error(loc, "numpy.tri with like= is not supported", "", E_TYPE)
    fb = tr.fb
    N = _int(N, loc, "N")
    M = N if M is None else _int(M, loc, "M")
    k = _int(k, loc, "k")
    dt = dtype_arg(dtype, loc, "float64")
    shape = (A.imax(fb, N, 0), A.imax(fb, M, 0))
    out = alloc(tr, dt, shape, loc)

    def body(idx, cs):
        keep = A.icmp(fb, "le", A.isub(fb, idx[1], idx[0]), k)
        A.store(fb, out, idx, A.cast(fb, keep, "bool", dt, loc))
        return cs
    loop_nest(fb, shape, [], body)
    return out


def _py_resize(a, new_shape):
    a = np.ravel(a)
    new_size = 1
    for dim_length in new_shape:
        new_size *= dim_length
        if dim_length < 0:
            raise ValueError('all elements of `new_shape` must be non-negative')
    if a.size == 0 or new_size == 0:
        return np.zeros(new_shape, dtype=a.dtype)
    repeats = (new_size + a.size - 1) // a.size
    return np.reshape(np.tile(a, repeats)[:new_size], new_shape)


def _py_trim_zeros(filt, front, back):
    n = filt.shape[0]
    first = 0
    while first < n and filt[first] == 0:
        first += 1
    if first == n:
        return filt[0:0]
    last = n
    while filt[last - 1] == 0:
        last -= 1
    return filt[(first if front else 0):(last if back else n)]


def _traced(tr, fn, args, loc, name):
    from .calls import call_python
    return call_python(tr, fn, args, {}, loc, site=loc, public=f"numpy.{name}")


def resize(tr, a, new_shape, loc):
    from .npshape_views import as_array_value
    a = as_array_value(tr, a, loc)
    if a.dtype.startswith("complex"):
        from .values import E_UNSUPPORTED_CALL, error
        raise error(loc, "numpy.resize of a complex array is not supported", "",
                    E_UNSUPPORTED_CALL)
    ns = A.unlist(new_shape)
    ns = tuple(_int(x, loc, "a shape entry") for x in (ns if isinstance(ns, tuple) else (ns,)))
    return _traced(tr, _py_resize, [a, ns], loc, "resize")


def trim_zeros(tr, filt, trim, axis, loc):
    from .npshape_views import as_array_value
    from .values import E_UNSUPPORTED_CALL, TraceRaise, error
    a = as_array_value(tr, filt, loc, "filt")
    if not isinstance(trim, str):
        raise error(loc, "numpy.trim_zeros trim= must be a str known when compiling", "",
                    E_UNSUPPORTED_CALL)
    t = trim.lower()
    if t not in {"fb", "bf", "f", "b"}:
        raise TraceRaise("ValueError", f"unexpected character(s) in `trim`: {trim!r}")
    if a.ndim != 1 or axis is not None:
        raise error(loc, "numpy.trim_zeros of an array that is not 1-D (or with axis=) is not "
                    "supported", "trim a 1-D array", E_UNSUPPORTED_CALL)
    if a.dtype.startswith("complex"):
        raise error(loc, "numpy.trim_zeros of a complex array is not supported", "",
                    E_UNSUPPORTED_CALL)
    return _traced(tr, _py_trim_zeros, [a, "f" in t, "b" in t], loc, "trim_zeros")


def delete(tr, arr, obj, axis, loc):
    """NumPy's delete: a mask `keep` along the axis (False where obj points:
    an int, or a tuple/list/array of ints, NumPy's IndexErrors),
    then `arr[..., keep]` (a new array, laid out as NumPy's)."""
    from . import array_indexing
    from .array_shapes import ravel
    from .npfuncs_create import full
    from .npshape_views import as_array_value, _axis
    from .values import E_TYPE, error
    fb = tr.fb
    a = as_array_value(tr, arr, loc, "arr")
    if axis is None:
        a = ravel(tr, a, loc)
        ax = 0
    else:
        ax = _axis(axis, a.ndim, loc)
    n = a.shape[ax]
    obj = A.unlist(obj)
    if isinstance(obj, tuple) and len(obj) == 0:
        # nothing deleted (NumPy: an empty list is an empty int array)
        keep = full(tr, (n,), True, "bool", loc)
    elif isinstance(obj, tuple) or A.is_array(obj):
        keep = full(tr, (n,), True, "bool", loc)
        idx = as_array_value(tr, obj, loc, "obj")
        if idx.dtype not in A.INTS or idx.ndim != 1:
            raise error(loc, "numpy.delete with obj= other than an int, a slice or a 1-D "
                        "sequence of ints is not supported", "pass integer indices", E_TYPE)
        array_indexing.setitem(tr, keep, idx, False, loc)
    else:
        j = array_indexing.check_index(fb, _int(obj, loc, "obj"), n, ax, loc)
        # NumPy copies the parts around one index into a new array laid out
        # in arr's order (Fortran for a Fortran-ordered arr): a K-order copy
        # of arr's first n - 1 entries along the axis, then the parts
        from .array_assign import assign, copy

        def part(x, lo, hi):
            return array_indexing.getitem(tr, x, (slice(None),) * ax + (slice(lo, hi),), loc)
        m1 = A.imax(fb, A.isub(fb, n, 1), 0)
        out = copy(tr, part(a, 0, m1), loc, order="K")
        assign(tr, part(out, 0, j), part(a, 0, j), loc)
        assign(tr, part(out, j, None), part(a, A.iadd(fb, j, 1), None), loc)
        return out
    return array_indexing.getitem(tr, a, (slice(None),) * ax + (keep,), loc)


def insert(tr, arr, obj, values, axis, loc):
    """NumPy's insert of one value (a number) before an int index: the
    index checked against [-N, N] (NumPy's IndexError naming the axis), the
    value converted as NumPy's setitem does (its ValueError/OverflowError;
    a NumPy scalar by C's cast, as `np.array(values, dtype=)`),
    the parts copied around it into a new C-ordered array."""
    from . import array_assign, array_indexing
    from . import npscalars as nps
    from .array_shapes import ravel
    from .npshape_views import as_array_value, _axis
    from .values import E_UNSUPPORTED_CALL, error, scalar_type
    fb = tr.fb
    a = as_array_value(tr, arr, loc, "arr")
    if axis is None:
        a = ravel(tr, a, loc)
        ax = 0
    else:
        ax = _axis(axis, a.ndim, loc)
    if A.is_array(values) or isinstance(A.unlist(values), tuple) or (
            scalar_type(values) is None and not nps.is_np(values)):
        raise error(loc, "numpy.insert of an array or sequence of values is not supported",
                    "insert one number, or build the result with np.concatenate",
                    E_UNSUPPORTED_CALL)
    if A.is_array(obj) or isinstance(A.unlist(obj), tuple):
        raise error(loc, "numpy.insert at several indices is not supported",
                    "insert at one int index", E_UNSUPPORTED_CALL)
    if a.dtype.startswith("complex"):
        raise error(loc, "numpy.insert into a complex array is not supported", "",
                    E_UNSUPPORTED_CALL)
    i = _int(obj, loc, "obj")
    n = a.shape[ax]
    bad = A.bor(fb, A.icmp(fb, "lt", i, A.isub(fb, 0, n)), A.icmp(fb, "gt", i, n))
    msg = "index {0} is out of bounds for axis %d with size {1}" % ax
    if bad is True and A.known(i) and A.known(n):
        from .values import TraceRaise
        raise TraceRaise("IndexError", msg.format(i, n))
    if bad is not False:
        cond = fb.const(True) if bad is True else bad
        fb.emit_multi("raise_if_fmt", [cond, A.ic(fb, i), A.ic(fb, n)],
                      {"exc": "IndexError", "msg": msg}, loc=loc)
    j = A.isel(fb, A.icmp(fb, "lt", i, 0), A.iadd(fb, i, n), i)
    shape = list(a.shape)
    shape[ax] = A.iadd(fb, n, 1)
    out = alloc(tr, a.dtype, tuple(shape), loc)

    def part(x, lo, hi):
        key = (slice(None),) * ax + (slice(lo, hi),)
        return array_indexing.getitem(tr, x, key, loc)
    j1 = A.iadd(fb, j, 1)
    values = nps.stored_unsafe(fb, values, a.dtype, loc)  # np.array(values, dtype=): C-cast
    array_assign.assign(tr, part(out, j, j1), values, loc)  # the value first: its errors
    array_assign.assign(tr, part(out, 0, j), part(a, 0, j), loc)
    array_assign.assign(tr, part(out, j1, None), part(a, j, None), loc)
    return out


def FUNCS(REQ):
    return {
        "insert": ([("arr", REQ), ("obj", REQ), ("values", REQ), ("axis", None)],
                   lambda tr, loc, arr, obj, values, axis: insert(tr, arr, obj, values, axis,
                                                                  loc)),
        "delete": ([("arr", REQ), ("obj", REQ), ("axis", None)],
                   lambda tr, loc, arr, obj, axis: delete(tr, arr, obj, axis, loc)),
        "resize": ([("a", REQ), ("new_shape", REQ)],
                   lambda tr, loc, a, new_shape: resize(tr, a, new_shape, loc)),
        "trim_zeros": ([("filt", REQ), ("trim", "fb"), ("axis", None)],
                       lambda tr, loc, filt, trim, axis: trim_zeros(tr, filt, trim, axis, loc)),
        "tri": ([("N", REQ), ("M", None), ("k", 0), ("dtype", float), ("like", None)],
                lambda tr, loc, N, M, k, dtype, like: tri(tr, N, M, k, dtype, like, loc)),
    }
