"""NumPy's order on complex values: comparisons, maximum/minimum, max/min,
argmax/argmin, sort/argsort, and the selections and boolean tests
(where, nonzero, any, all) of complex arrays.

Place in the pipeline: frontend value semantics, called by
`complex_arrays.apply` (the element loops of less ... fmin and the logical
ufuncs) and by `complex_calls` (NumPy functions and array methods).

NumPy 2's rules, checked bit for bit by tests/arrays/test_complex_order.py:
- the comparison loops are lexicographic, with NaN rules of their own
  (NumPy's scalar math, `z < w` of NumPy complex scalars, has none):
  a < b is (ar < br and neither imaginary part NaN) or (ar == br and
  ai < bi); likewise <=, >, >= (loops.c.src CLT/CLE/CGT/CGE);
- maximum(a, b) is a if a has a NaN part or a >= b, else b (so NaN
  propagates, the first of equals is kept); minimum with <=; fmax/fmin
  keep a unless b has a NaN part or a >= b (a <= b) fails;
- max/min are maximum.reduce / minimum.reduce from the first element, in C
  order; argmax/argmin keep the first best and stop at the first NaN;
- sort/argsort use NumPy's sort order (real parts, then imaginary parts;
  NaNs last: R+Rj < R+nanj < nan+Rj < nan+nanj), stably: argsort's ties
  keep their positions (NumPy's kind='stable'; its default quicksort may
  order equal keys differently, as for real arrays);
- where/nonzero/any/all test `re != 0 or im != 0`.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..ir import Var
from .values import E_TYPE, Cx, error


# --- element loops ---------------------------------------------------------------------------

def _isnan(f, z: Cx):
    return f.or_(f.test("isnan", z.re), f.test("isnan", z.im))


def _cmp(f, op: str, a: Cx, b: Cx):
    """NumPy's complex comparison loop (op one of < <= > >=)."""
    strict = "<" if op in ("<", "<=") else ">"
    no_nan = f.and_(f.not_(f.test("isnan", a.im)), f.not_(f.test("isnan", b.im)))
    return f.or_(f.and_(f.cmp(strict, a.re, b.re), no_nan),
                 f.and_(f.cmp("==", a.re, b.re), f.cmp(op, a.im, b.im)))


def _nonzero(f, z: Cx):
    return f.or_(f.cmp("!=", z.re, 0.0), f.cmp("!=", z.im, 0.0))


def _pick(f, cond, a: Cx, b: Cx) -> Cx:
    return Cx(f.select(cond, a.re, b.re), f.select(cond, a.im, b.im))


_OPS = {"less": "<", "less_equal": "<=", "greater": ">", "greater_equal": ">="}


def maximum(f, a: Cx, b: Cx, kind: str = "maximum") -> Cx:
    op = ">=" if kind in ("maximum", "fmax") else "<="
    nan = _isnan(f, a) if kind in ("maximum", "minimum") else _isnan(f, b)
    return _pick(f, f.or_(nan, _cmp(f, op, a, b)), a, b)


def apply(c, op: str, v: list, scalar: bool = False):
    """The element of NumPy's complex loop `op` (complex_arrays.ORDER_UFUNCS);
    `scalar`: NumPy's scalar math (`z < w` of NumPy complex scalars), whose
    comparisons are plainly lexicographic (no NaN test on the imaginary
    parts: np.complex128(1+nanj) <= 2 is True)."""
    f = c.f
    if op in _OPS and scalar:
        a, b = v
        strict = "<" if _OPS[op] in ("<", "<=") else ">"
        return f.or_(f.cmp(strict, a.re, b.re),
                     f.and_(f.cmp("==", a.re, b.re), f.cmp(_OPS[op], a.im, b.im)))
    if op in _OPS:
        return _cmp(f, _OPS[op], v[0], v[1])
    if op in ("maximum", "minimum", "fmax", "fmin"):
        return maximum(f, v[0], v[1], op)
    if op == "logical_not":
        return f.not_(_nonzero(f, v[0]))
    x, y = _nonzero(f, v[0]), _nonzero(f, v[1])
    if op == "logical_and":
        return f.and_(x, y)
    if op == "logical_or":
        return f.or_(x, y)
    return f.or_(f.and_(x, f.not_(y)), f.and_(y, f.not_(x)))  # logical_xor


def where_element(f, cond, x: Cx, y: Cx) -> Cx:
    return _pick(f, cond, x, y)


# --- reductions ------------------------------------------------------------------------------

def _v(fb, x):
    from .complex_reduce import _v as v
    return v(fb, x)


def reduce(tr, kind: str, a, axis, keepdims, loc):
    """max / min / argmax / argmin of a complex array along `axis`."""
    from . import arrays as A
    from . import npargs, npfuncs_create, npfuncs_reduce
    from . import npscalars as nps
    from .complex_arrays import C
    from .complex_scalars import make
    fb = tr.fb
    a = npfuncs_create.as_array(tr, a, loc)
    if type(keepdims) is not bool:
        raise error(loc, "keepdims= must be a known bool", "", E_TYPE)
    arg = kind in ("argmax", "argmin")
    if arg and isinstance(axis, tuple):
        raise error(loc, f"numpy.{kind} takes a single int axis", "", E_TYPE)
    dt = a.dtype
    c = C(fb, loc, dt)
    f = c.f
    src = A.materialize(tr, a, loc)
    if axis is None and (arg or src.ndim > 1):
        src = A.materialize(tr, src, loc, contiguous=True)
        flat = A.Arr(dt, src.ptr, (A.size_of(fb, src),), None, src.root)
        r = reduce(tr, kind, flat, 0, False, loc)
        if not keepdims:
            return r
        out = A.alloc(tr, "int64" if arg else dt, (1,) * a.ndim, loc)
        A.store(fb, out, [0] * a.ndim, nps.var_of(fb, r) if arg else
                Cx(*(_v(fb, x) for x in _parts(r))))
        return out
    axes = tuple(npargs.axis_arg(axis, src.ndim, loc))
    nred = A.iprod(fb, [src.shape[d] for d in axes])
    npfuncs_reduce._empty_check(tr, kind, nred, loc)
    kept = [d for d in range(src.ndim) if d not in axes]
    oshape = tuple(src.shape[d] for d in kept)
    best = A.alloc(tr, dt, oshape, loc)
    where = A.alloc(tr, "int64", oshape, loc) if arg else None

    def body(idx, cs):
        oidx = [idx[d] for d in kept]
        x = A.load(fb, src, list(idx))
        first = f.and_(*[fb.emit("eq", [A.ic(fb, idx[d]), fb.const(0)]) for d in axes])
        if first is True:
            take: Any = True
        else:
            r = A.load(fb, best, oidx)
            if arg:
                # argmax: x replaces r unless x <= r (NaN in x: taken), never
                # after a NaN was taken (NumPy stops there)
                le = _cmp(f, "<=", x, r) if kind == "argmax" else _cmp(f, "<=", r, x)
                take = f.and_(f.not_(_isnan(f, r)), f.not_(le))
                take = f.or_(first, take)
            else:
                m = maximum(f, r, x, "maximum" if kind == "max" else "minimum")
                z = _pick(f, first, x, m)
                A.store(fb, best, oidx, Cx(_v(fb, z.re), _v(fb, z.im)))
                return cs
        z = _pick(f, take, x, r) if take is not True else x
        A.store(fb, best, oidx, Cx(_v(fb, z.re), _v(fb, z.im)))
        if arg:
            k = A.ic(fb, idx[axes[0]])
            old = A.load(fb, where, oidx) if take is not True else k
            A.store(fb, where, oidx, fb.emit("select", [take, k, old])
                    if isinstance(take, Var) else k)
        return cs
    A.loop_nest(fb, tuple(src.shape), [], body)
    res = where if arg else best
    if keepdims:
        shape = tuple(1 if d in axes else src.shape[d] for d in range(src.ndim))
        return A.Arr(res.dtype, res.ptr, shape, None, res.root)
    if not oshape:
        z = A.load(fb, res, [])
        return nps.make("int64", z) if arg else make(dt, z.re, z.im)
    return res


def _parts(r):
    from .complex_scalars import parts
    return parts(r)


# --- sorting ---------------------------------------------------------------------------------

def argsort(tr, a, axis, loc):
    """NumPy's stable argsort of a complex array along `axis` (None: flat)."""
    from . import arrays as A
    from . import npfuncs_sort as S
    from .complex_calls import part
    from . import complex_kernels as K
    fb = tr.fb
    a = S.as_arr(tr, a, loc)
    keys, perm = S.lanes_last(tr, a, axis, loc)
    n = keys.shape[-1]
    out = A.alloc(tr, "int64", keys.shape, loc)
    tmp = A.alloc(tr, "int64", (n,), loc)

    def lane(idx):
        k = S.row(keys, fb, idx, n)
        S.kernel(tr, K.argsort_into, [part(tr, k, "real", loc), part(tr, k, "imag", loc),
                                      S.row(out, fb, idx, n), tmp], loc)
    S.each_lane(tr, keys, lane)
    return out, keys, perm


def sort(tr, a, axis, loc):
    """np.sort of a complex array: its elements in argsort's order."""
    from . import arrays as A
    from . import npfuncs_sort as S
    fb = tr.fb
    idx, keys, perm = argsort(tr, a, axis, loc)
    out = A.alloc(tr, keys.dtype, keys.shape, loc)

    def body(ix, cs):
        j = A.load(fb, idx, list(ix))
        A.store(fb, out, list(ix), A.load(fb, keys, list(ix[:-1]) + [j]))
        return cs
    A.loop_nest(fb, tuple(keys.shape), [], body)
    return S.unperm(tr, out, perm, loc)


# --- dispatch --------------------------------------------------------------------------------

_KINDS = {"max": "max", "amax": "max", "min": "min", "amin": "min", "argmax": "argmax",
          "argmin": "argmin"}


def _sort_args(loc, name, args, kwargs, method):
    from . import npargs
    from .npfuncs_sort import _kind
    params = ([] if method else [("a", None)]) + [("axis", -1), ("kind", None)]
    b = npargs.bind(loc, name, args, kwargs, params)
    _kind(b["kind"], loc, name)
    return b


def call(tr, name: str, args, kwargs, loc):
    """numpy.<name>(...) with complex values (complex_calls.ORDER_FUNCTIONS)."""
    from . import arrays as A
    from . import npargs, nplib
    from . import npscalars as nps
    if name in _KINDS:
        b = npargs.bind(loc, name, args, kwargs, [("a", None), ("axis", None), ("out", None),
                                                 ("keepdims", False)])
        if b["out"] is not None:
            raise error(loc, f"numpy.{name}(out=) of a complex array is not supported",
                        "assign the result", E_TYPE)
        return reduce(tr, _KINDS[name], b["a"], b["axis"], b["keepdims"], loc)
    if name in ("sort", "argsort"):
        b = _sort_args(loc, name, args, kwargs, False)
        if name == "sort":
            return sort(tr, b["a"], b["axis"], loc)
        idx, _, perm = argsort(tr, b["a"], b["axis"], loc)
        from .npfuncs_sort import unperm
        return unperm(tr, idx, perm, loc)
    if name == "where" and len(args) == 3 and not kwargs:
        return where(tr, *args, loc=loc)
    if name == "where" and len(args) == 1 and not kwargs:
        name = "nonzero"
    return nplib.call(tr, getattr(np, name), args, kwargs, loc)


def call_method(tr, a, name: str, args, kwargs, loc):
    from . import arrays as A
    from . import array_assign, npargs, nplib
    if name in _KINDS:
        return call(tr, name, [a] + list(args), kwargs, loc)
    if name in ("sort", "argsort"):
        b = _sort_args(loc, name, args, kwargs, True)
        if name == "argsort":
            return call(tr, "argsort", [a, b["axis"]], {}, loc)
        if not isinstance(a, A.Arr):
            raise error(loc, "sort() on an expression has no effect", "", E_TYPE)
        array_assign.assign(tr, a, sort(tr, a, b["axis"], loc), loc)
        return None
    return nplib.call_method(tr, npargs.ArrayMethod(a, name), args, kwargs, loc)


def where(tr, cond, x, y, loc):
    """np.where(cond, x, y) with a complex x or y: NumPy's result dtype
    (NEP 50: Python numbers weak), elements selected."""
    from . import arrays as A
    from . import npscalars as nps
    from .complex_scalars import is_npcx, dtype_name
    from .values import is_complex
    fb = tr.fb

    def spec(v):
        if A.is_array(v):
            return np.dtype(v.dtype)
        if is_npcx(v):
            return np.dtype(dtype_name(v))
        if nps.is_np(v):
            return np.dtype(nps.dtype_name(v))
        if is_complex(v):
            return 0j
        t = A.pytype_of(v)
        return t(0)
    dt = np.result_type(spec(x), spec(y)).name
    from . import npfuncs_create
    cond = npfuncs_create.as_array(tr, cond, loc) if isinstance(cond, tuple) else cond
    if not A.is_array(cond) or cond.dtype != "bool":
        cond = A.ufunc_node(tr, np.not_equal, [cond, 0], loc) if A.is_array(cond) else cond
    if dt not in ("complex128", "complex64"):  # a complex condition, real alternatives
        return A.where_node(tr, cond, x, y, loc)
    shape = A.broadcast_shapes(fb, [A.shape_of(v) for v in (cond, x, y)], loc)
    return A.Ew("where", (cond, x, y), dt, shape, ("bool", dt, dt))


__all__ = ["apply", "reduce", "sort", "argsort", "call", "call_method", "where", "maximum"]
