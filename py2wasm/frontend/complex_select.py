"""NumPy functions of complex arrays built on the real arrays' code:
`np.tile`, `np.repeat` (also `a.repeat`), `np.take` (also `a.take`) move
whole elements, so they run on the parts' array (`complex_fancy.pairs`:
shape `a.shape + (2,)`) with the parts' axis kept whole; `np.triu`/`np.tril`
are NumPy's `where(tri(...), ...)`; `np.var`/`np.std` (also the methods)
are NumPy's `_var` for complex input: the mean (the sum divided by
NumPy's intp count, so in complex128 for complex64), the deviations' parts
squared and added (`re*re + im*im`, rounded separately), summed, divided by
`max(n - ddof, 0)`, the root for `std`; float64 (float32 for complex64)
results, bit for bit with NumPy.

Place in the pipeline: frontend value semantics, dispatched by
`complex_calls.call` / `call_method` (every NumPy call with a complex
value goes there first); the arithmetic of var/std is traced as library code
(`calls.call_python`, the user's call site).
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .npargs import bind
from .state import Static
from .values import E_UNSUPPORTED_CALL, error

FUNCS = ("tile", "repeat", "take", "triu", "tril", "var", "std")
METHODS = ("repeat", "take", "var", "std")


def _arr(tr, v, loc):
    from .npfuncs_create import as_array
    return A.materialize(tr, as_array(tr, v, loc), loc)


def _complex_of(tr, r, dtype):
    """The complex array of dtype `dtype` whose parts' array is `r`."""
    from . import array_assign
    if r.strides is not None:
        r = array_assign.copy(tr, r, None)
    return A.Arr(dtype, r.ptr, tuple(r.shape[:-1]), None, r.root)


def _axis(ax, nd, loc):
    from .array_shapes import normalize_axis
    return normalize_axis(ax, nd, loc)


def tile(tr, a, reps, loc):
    from . import nplib
    from .complex_fancy import pairs
    a = _arr(tr, a, loc)
    reps = tuple(reps) if isinstance(reps, tuple) else (reps,)
    reps = (1,) * max(a.ndim - len(reps), 0) + reps + (1,)
    return _complex_of(tr, nplib.call(tr, np.tile, [pairs(tr, a), reps], {}, loc), a.dtype)


def repeat(tr, a, repeats, axis, loc):
    from . import nplib
    from .array_shapes import ravel
    from .complex_fancy import pairs
    a = _arr(tr, a, loc)
    if axis is None:
        a, axis = ravel(tr, a, loc), 0
    r = nplib.call(tr, np.repeat, [pairs(tr, a), repeats], {"axis": _axis(axis, a.ndim, loc)},
                   loc)
    return _complex_of(tr, r, a.dtype)


def take(tr, a, indices, axis, mode, loc):
    from .array_indexing import getitem
    from .array_shapes import ravel
    if mode != "raise":
        raise error(loc, f"numpy.take(mode={mode!r}) of a complex array is not supported",
                    "use mode='raise'", E_UNSUPPORTED_CALL)
    from .npfuncs_create import as_array
    a = _arr(tr, a, loc)
    idx = A.unlist(indices)
    if isinstance(idx, tuple):  # a list of indices: an index array
        idx = A.materialize(tr, as_array(tr, idx, loc), loc)
    if axis is None:
        a, ax = ravel(tr, a, loc), 0
    else:
        ax = _axis(axis, a.ndim, loc)
    fb = tr.fb  # NumPy's take checks an empty axis first
    empty = A.icmp(fb, "eq", a.shape[ax], 0)
    some = A.icmp(fb, "ne", A.size_of(fb, idx), 0) if A.is_array(idx) else True
    bad = A.band(fb, empty, some)
    if bad is True:
        from .values import TraceRaise
        raise TraceRaise("IndexError", "cannot do a non-empty take from an empty axes.")
    if bad is not False:
        fb.raise_if(bad, "IndexError", "cannot do a non-empty take from an empty axes.", loc)
    return getitem(tr, a, (slice(None),) * ax + (idx,), loc)


def triangle(tr, name, m, k, loc):
    """NumPy's triu/tril: where(tri(rows, cols, k - 1), 0, m) / where(tri(rows,
    cols, k), m, 0) over the last two axes."""
    from . import nplib
    from .npfuncs_create import full
    m = _arr(tr, m, loc)
    if m.ndim < 2:
        raise error(loc, f"numpy.{name} of a 1-D complex array is not supported",
                    "pass a matrix", E_UNSUPPORTED_CALL)
    from . import npscalars
    k = npscalars.demote(k, tr.fb, loc)
    if A.is_array(k) or A.scalar_type(k) is not A.I64 or isinstance(k, bool):
        raise error(loc, f"numpy.{name}'s k must be an int", "", E_UNSUPPORTED_CALL)
    mask = nplib.call(tr, np.tri, [m.shape[-2], m.shape[-1],
                                   A.isub(tr.fb, k, 1) if name == "triu" else k],
                      {"dtype": bool}, loc)
    zero = full(tr, (1,), 0, m.dtype, loc)
    x, y = (zero, m) if name == "triu" else (m, zero)
    from .complex_order import call as order_call  # complex np.where
    return order_call(tr, "where", [mask, x, y], {}, loc)


def _py_var(a, axis, ddof, keepdims, root):
    if axis is None:
        n = a.size
    else:
        n = 1
        for ax in axis:
            n *= a.shape[ax]
    # NumPy divides by its intp count: complex64 sums in complex128, cast back
    x = a - (a.sum(axis=axis, keepdims=True).astype(np.complex128) / n).astype(a.dtype)
    re = x.real
    im = x.imag
    v = (re * re + im * im).sum(axis=axis, keepdims=keepdims) / max(n - ddof, 0)
    if root:
        return np.sqrt(v)
    return v


def var(tr, name, a, axis, dtype, out, ddof, keepdims, loc):
    from .calls import call_python
    if dtype is not None or out is not None:
        raise error(loc, f"numpy.{name} of a complex array with dtype= or out= is not "
                    "supported", "", E_UNSUPPORTED_CALL)
    if type(keepdims) is not bool:
        raise error(loc, "keepdims= must be a known bool", "", E_UNSUPPORTED_CALL)
    a = _arr(tr, a, loc)
    if axis is not None:
        axes = axis if isinstance(axis, tuple) else (axis,)
        axis = tuple(sorted({_axis(x, a.ndim, loc) for x in axes}))
        if len(axis) != len(axes):
            raise error(loc, "repeated axis", "give each axis once", E_UNSUPPORTED_CALL)
    return call_python(tr, _py_var, [a, Static(axis), ddof, Static(keepdims),
                                     Static(name == "std")], {}, loc, site=loc,
                       public=f"numpy.{name}")


def call(tr, name, args, kwargs, loc):
    """numpy.<name>(...) with a complex array."""
    if name == "tile":
        b = bind(loc, name, args, kwargs, [("A", None), ("reps", None)])
        return tile(tr, b["A"], b["reps"], loc)
    if name == "repeat":
        b = bind(loc, name, args, kwargs, [("a", None), ("repeats", None), ("axis", None)])
        return repeat(tr, b["a"], b["repeats"], b["axis"], loc)
    if name == "take":
        b = bind(loc, name, args, kwargs, [("a", None), ("indices", None), ("axis", None),
                                            ("out", None), ("mode", "raise")])
        if b["out"] is not None:
            raise error(loc, "numpy.take(out=) of a complex array is not supported", "",
                        E_UNSUPPORTED_CALL)
        return take(tr, b["a"], b["indices"], b["axis"], b["mode"], loc)
    if name in ("triu", "tril"):
        b = bind(loc, name, args, kwargs, [("m", None), ("k", 0)])
        return triangle(tr, name, b["m"], b["k"], loc)
    b = bind(loc, name, args, kwargs, [("a", None), ("axis", None), ("dtype", None),
                                        ("out", None), ("ddof", 0), ("keepdims", False)])
    return var(tr, name, b["a"], b["axis"], b["dtype"], b["out"], b["ddof"], b["keepdims"], loc)


def call_method(tr, a, name, args, kwargs, loc):
    """a.<name>(...) of a complex array."""
    return call(tr, name, [a] + list(args), kwargs, loc)
