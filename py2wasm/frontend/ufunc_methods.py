"""Ufunc methods and the ufunc/reduction keywords during tracing:
`np.<ufunc>.outer / .reduce / .accumulate / .at` for every supported binary
ufunc, `out=`, `where=` and `dtype=` on ufunc calls, `dtype=` and `out=` on
reductions (`np.sum(a, dtype=np.float32)`, `a.mean(axis=0, out=m)`), and
`a.shape = (...)` on an array.

Place in the pipeline: frontend value semantics. `calls` hands a bound ufunc
method here, `nplib.call` a ufunc call with keywords and a reduction with
dtype=/out=, `opcodes_attrs` the STORE_ATTR of `.shape`. Everything lowers to the
existing machinery: lazy elementwise nodes (`arrays.ufunc_node`), the fused
reductions and cumulative sums of `nplib`, `array_assign.assign` for `out=`, and
the index plans of `indexing_fancy` for `.at`.
"""
from __future__ import annotations

import numpy as np

from ..ir import Var
from . import arrays as A
from . import array_assign, array_indexing, array_shapes
from .arrays import Arr, alloc, is_array, known, materialize
from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type

# ufunc -> the nplib reduction / cumulative kind it is (NumPy computes these so)
_REDUCE_KIND = {"add": "sum", "multiply": "prod", "maximum": "max", "minimum": "min",
                "logical_and": "all", "logical_or": "any"}
_ACC_KIND = {"add": "cumsum", "multiply": "cumprod"}


def _arr(tr, v, loc):
    if isinstance(v, tuple):
        from .npfuncs_create import array_from
        return array_from(tr, A.unlist(v), None, loc)
    return v


def _check_ufunc(uf, loc, method):
    from .ufuncs import SUPPORTED
    if uf.__name__ not in SUPPORTED:
        raise error(loc, f"numpy.{uf.__name__} is not supported", "see the supported NumPy "
                    "subset", E_UNSUPPORTED_CALL)
    if uf.nin != 2:
        raise TraceRaise("ValueError", f"{method} only supported for binary functions")


def call(tr, uf, method, args, kwargs, loc):
    """np.<uf>.<method>(*args, **kwargs)."""
    from .npfuncs import _bind, REQ
    name = f"{uf.__name__}.{method}"
    if method == "outer":
        _check_ufunc(uf, loc, "outer")
        b = _bind(loc, name, args, kwargs, [("A", REQ), ("B", REQ)])
        return outer(tr, uf, _arr(tr, b["A"], loc), _arr(tr, b["B"], loc), loc)
    if method == "reduce":
        _check_ufunc(uf, loc, "reduce")
        b = _bind(loc, name, args, kwargs, [("array", REQ), ("axis", 0), ("dtype", None),
                                            ("out", None), ("keepdims", False)])
        return reduce(tr, uf, _arr(tr, b["array"], loc), b["axis"], b["dtype"], b["out"],
                      b["keepdims"], loc)
    if method == "accumulate":
        _check_ufunc(uf, loc, "accumulate")
        b = _bind(loc, name, args, kwargs, [("array", REQ), ("axis", 0), ("dtype", None),
                                            ("out", None)])
        return accumulate(tr, uf, _arr(tr, b["array"], loc), b["axis"], b["dtype"], b["out"],
                          loc)
    if method == "reduceat":
        _check_ufunc(uf, loc, "reduceat")
        from .ufunc_reduceat import reduceat
        b = _bind(loc, name, args, kwargs, [("array", REQ), ("indices", REQ), ("axis", 0),
                                            ("dtype", None), ("out", None)])
        return reduceat(tr, uf, b["array"], b["indices"], b["axis"], b["dtype"], b["out"], loc)
    if method == "at":
        b = _bind(loc, name, args, kwargs, [("a", REQ), ("indices", REQ), ("b", None)])
        return at(tr, uf, b["a"], b["indices"], b["b"], loc)
    raise error(loc, f"numpy.{uf.__name__}.{method}() is not supported",
                "supported: outer, reduce, accumulate, at, reduceat", E_UNSUPPORTED_CALL)


# --- outer ------------------------------------------------------------------------------------

def _strong(tr, v, loc):
    """A Python scalar as NumPy's outer sees it (np.asarray: a strong int64,
    float64 or bool value): an internal 0-d array."""
    if is_array(v) or scalar_type(v) is None:
        return v
    dt = A.dtype_of(v)
    x = alloc(tr, dt, (), loc)
    A.store(tr.fb, x, [], array_assign.scalar_to_dtype(tr, v, dt, loc))
    return x


def outer(tr, uf, a, b, loc):
    if is_array(a) or is_array(b):
        a, b = _strong(tr, a, loc), _strong(tr, b, loc)
    na = a.ndim if is_array(a) else 0
    nb = b.ndim if is_array(b) else 0
    if is_array(a):
        a = array_indexing.getitem(tr, a, (Ellipsis,) + (None,) * nb, loc) if nb else a
    if is_array(b):
        b = array_indexing.getitem(tr, b, (None,) * na + (Ellipsis,), loc) if na else b
    if not is_array(a) and not is_array(b):
        from .nplib import _scalar_ufunc
        return _scalar_ufunc(tr, uf, [a, b], loc)
    return A.ufunc_node(tr, uf, [a, b], loc)


# --- reduce and accumulate ------------------------------------------------------------------------

def _dtype(d, loc):
    from .npargs import dtype_arg
    return dtype_arg(d, loc)


def reduce(tr, uf, a, axis, dtype, out, keepdims, loc):
    fb = tr.fb
    if not is_array(a):
        raise error(loc, f"numpy.{uf.__name__}.reduce of a {A._tn(a)} is not supported",
                    "pass an array", E_TYPE)
    dt = _dtype(dtype, loc)
    if dt is not None and dt != a.dtype:
        a = A.astype_node(a, dt)
    kind = _REDUCE_KIND.get(uf.__name__)
    if kind is not None:
        from .npfuncs_reduce import reduce as nreduce
        r = nreduce(tr, kind, a, axis, keepdims, loc)
        if dt is not None:
            r = _as_dtype(tr, r, dt, loc)
        r = _scalar_result(r, kind, a.dtype, dt)
    else:
        r = _generic_reduce(tr, uf, a, axis, keepdims, loc)
        if isinstance(r, Var):
            from .npscalars import make
            r = make(A.loop_dtypes(uf, [a, a], loc)[1], r)
    return _to_out(tr, r, out, uf.__name__, loc) if out is not None else r


def _scalar_result(r, kind, src, dt):
    """A reduction to one number as NumPy's scalar: of dtype= when given, else
    of the reduction's own result dtype."""
    if not isinstance(r, Var):
        return r
    from .npfuncs_reduce import _reduction_scalar
    from .npscalars import make
    if dt is not None and kind in ("sum", "prod", "mean", "var", "std"):
        return make(dt, r)
    return _reduction_scalar(kind, src, r)


def _as_dtype(tr, r, dt, loc):
    """A reduction result in dtype dt (NumPy accumulates in dt; integer sums and
    products agree modulo 2**bits, so casting the int64 result is exact)."""
    fb = tr.fb
    if is_array(r):
        return r if r.dtype == dt else A.astype_node(r, dt)
    if dt in A.INTS and dt not in ("int64", "uint64"):  # the low bits, as NumPy's wrap-around
        return fb.emit("wrap", [r if isinstance(r, Var) else fb.const(r)], {"dtype": dt})
    if dt == "float32" and scalar_type(r) is not None and scalar_type(r).name == "f64":
        return fb.emit("f32", [r if isinstance(r, Var) else fb.const(float(r))])
    return r


def _generic_reduce(tr, uf, a, axis, keepdims, loc):
    """uf.reduce along one axis (or all, flattened) for ufuncs without a fused
    reduction: r = a[0]; r = uf(r, a[i]) for i = 1..n-1, in order. A ufunc
    with an identity starts from it instead, as NumPy does (r = identity;
    r = uf(r, a[i]) for every i; np.hypot.reduce([-0.5]) is 0.5, and an empty
    reduction is the identity)."""
    fb = tr.fb
    a = materialize(tr, a, loc)
    loops, res = A.loop_dtypes(uf, [a, a], loc)
    if res != loops[0]:  # NumPy reduces only with loops whose output is their first input
        raise error(loc, f"numpy.{uf.__name__}.reduce on {a.dtype} is not supported",
                    "NumPy's loop for it does not return its input type", E_UNSUPPORTED_CALL)
    if axis is None:
        if a.ndim > 1:  # NumPy refuses several axes for a non-reorderable ufunc: ask it
            try:
                uf.reduce(np.ones((1,) * a.ndim, dtype=a.dtype), axis=None)
            except ValueError as e:
                raise TraceRaise("ValueError", str(e)) from None
        from .npfuncs_sort import flat
        src = flat(tr, a, loc)
        ax = 0
    else:
        if isinstance(axis, tuple):
            raise error(loc, f"numpy.{uf.__name__}.reduce with a tuple axis is not supported",
                        "", E_UNSUPPORTED_CALL)
        ax = array_shapes.normalize_axis(axis, a.ndim, loc)
        src = a
    n = src.shape[ax]
    if uf.identity is not None:
        return _identity_reduce(tr, uf, src, ax, loops, res, keepdims, a.ndim, loc)
    msg = (f"zero-size array to reduction operation {uf.__name__} which has no identity")
    if known(n) and n == 0:
        raise TraceRaise("ValueError", msg)
    if not known(n):
        fb.raise_if(fb.emit("eq", [n, fb.const(0)]), "ValueError", msg, loc)
    pre = (slice(None),) * ax
    acc = array_assign.copy(tr, A.astype_node(array_indexing.getitem(tr, src, pre + (0,), loc), res), loc) \
        if src.ndim > 1 else None
    if acc is None:  # 1-D: a scalar carried through the loop
        x0 = A.cast(fb, A.load(fb, src, [0]), src.dtype, res)

        def body(i, cs):
            j = fb.emit("wadd", [i, fb.const(1)])
            v = A.cast(fb, A.load(fb, src, [j]), src.dtype, loops[1])
            from .ufuncs import apply
            return [apply(fb, uf.__name__, loops, res, [A.cast(fb, cs[0], res, loops[0]), v],
                          loc)]
        r = A.loop(fb, A.isub(fb, n, 1), [x0], body)[0]
        if keepdims:
            out = alloc(tr, res, (1,) * a.ndim, loc)
            A.store(fb, out, [0] * a.ndim, r)
            return out
        return r

    def body2(i, cs):
        j = fb.emit("wadd", [i, fb.const(1)])
        array_assign.assign(tr, acc, A.ufunc_node(tr, uf, [acc, array_indexing.getitem(tr, src, pre + (j,), loc)], loc),
                 loc)
        return cs
    A.loop(fb, A.isub(fb, n, 1), [], body2)
    if keepdims:
        shape = tuple(acc.shape[:ax]) + (1,) + tuple(acc.shape[ax:])
        return array_shapes.reshape(tr, acc, shape, loc)
    return acc


def _identity_reduce(tr, uf, src, ax, loops, res, keepdims, ndim, loc):
    """_generic_reduce for a ufunc with an identity: from the identity (in the
    result dtype, as NumPy's empty reduction gives it) over every element."""
    from .ufuncs import apply
    fb = tr.fb
    ident = uf.reduce(np.zeros(0, dtype=res)).item()  # NumPy's own identity, cast
    n = src.shape[ax]
    if src.ndim == 1:
        def body(i, cs):
            v = A.cast(fb, A.load(fb, src, [i]), src.dtype, loops[1])
            return [apply(fb, uf.__name__, loops, res, [A.cast(fb, cs[0], res, loops[0]), v],
                          loc)]
        from ..ir import DTYPES
        t = DTYPES[res].compute
        x0 = fb.const(bool(ident) if t.name == "bool" else float(ident) if t.name == "f64"
                      else int(ident) - (1 << 64) * (int(ident) >= 1 << 63), t)
        r = A.loop(fb, n, [x0], body)[0]
        if keepdims:
            out = alloc(tr, res, (1,) * ndim, loc)
            A.store(fb, out, [0] * ndim, r)
            return out
        return r
    pre = (slice(None),) * ax
    shape = tuple(src.shape[:ax]) + tuple(src.shape[ax + 1:])
    acc = alloc(tr, res, shape, loc)
    array_assign.assign(tr, acc, ident, loc)

    def body2(i, cs):
        array_assign.assign(tr, acc, A.ufunc_node(tr, uf, [acc, array_indexing.getitem(tr, src, pre + (i,), loc)], loc),
                 loc)
        return cs
    A.loop(fb, n, [], body2)
    if keepdims:
        return array_shapes.reshape(tr, acc, tuple(acc.shape[:ax]) + (1,) + tuple(acc.shape[ax:]), loc)
    return acc


def accumulate(tr, uf, a, axis, dtype, out, loc):
    fb = tr.fb
    if not is_array(a):
        raise error(loc, f"numpy.{uf.__name__}.accumulate of a {A._tn(a)} is not supported",
                    "pass an array", E_TYPE)
    if axis is None or isinstance(axis, tuple):
        raise error(loc, f"numpy.{uf.__name__}.accumulate takes one int axis", "", E_TYPE)
    dt = _dtype(dtype, loc)
    if dt is not None and dt != a.dtype:
        a = A.astype_node(a, dt)
    a = materialize(tr, a, loc)
    ax = array_shapes.normalize_axis(axis, a.ndim, loc)
    kind = _ACC_KIND.get(uf.__name__)
    if kind is not None:
        from .npfuncs_reduce import cumulative
        r = cumulative(tr, kind, a, ax, loc)
        if dt is not None:
            r = _as_dtype(tr, r, dt, loc)
    else:
        loops, res = A.loop_dtypes(uf, [a, a], loc)
        r = alloc(tr, res, a.shape, loc)
        pre = (slice(None),) * ax
        n = a.shape[ax]
        nonempty = A.icmp(fb, "gt", n, 0)
        if nonempty is not False:
            first, join = fb.new_block(), fb.new_block()
            fb.cond_br(A.ic(fb, nonempty) if not known(nonempty) else fb.const(True),
                       first, join)
            fb.set_block(first)
            array_assign.assign(tr, array_indexing.getitem(tr, r, pre + (slice(0, 1),), loc),
                     array_indexing.getitem(tr, a, pre + (slice(0, 1),), loc), loc)

            def body(i, cs):
                j = fb.emit("wadd", [i, fb.const(1)])
                prev = array_indexing.getitem(tr, r, pre + (slice(i, j),), loc)
                cur = array_indexing.getitem(tr, a, pre + (slice(j, fb.emit("wadd", [j, fb.const(1)])),), loc)
                array_assign.assign(tr, array_indexing.getitem(tr, r, pre + (slice(j, fb.emit(
                    "wadd", [j, fb.const(1)])),), loc), A.ufunc_node(tr, uf, [prev, cur], loc),
                    loc)
                return cs
            A.loop(fb, A.isub(fb, n, 1), [], body)
            fb.br(join)
            fb.set_block(join)
    return _to_out(tr, r, out, uf.__name__, loc) if out is not None else r


def _to_out(tr, r, out, name, loc):
    """`out=` of a reduction or accumulation: the result stored into out
    (unsafe casting, as NumPy's reductions) and out returned."""
    if isinstance(out, tuple) and len(out) == 1:
        out = out[0]
    if not isinstance(out, Arr):
        raise error(loc, "out= must be an array", "", E_TYPE)
    if not is_array(r):
        if out.ndim != 0:
            raise TraceRaise("ValueError", f"output parameter for reduction operation {name} "
                             f"has the wrong number of dimensions: Found {out.ndim} but "
                             "expected 0")
    elif r.ndim != out.ndim:
        raise TraceRaise("ValueError", f"output parameter for reduction operation {name} has "
                         f"the wrong number of dimensions: Found {out.ndim} but expected "
                         f"{r.ndim}")
    array_assign.assign(tr, out, r, loc, ufunc=name)
    return out


def reduction_dtype_out(tr, kind, b, loc, name):
    """np.sum/prod/mean/var/std/min/max/any/all/argmin/argmax with dtype= or out=."""
    from .npfuncs_reduce import reduce as nreduce
    a = b["a"]
    if isinstance(a, tuple):
        a = _arr(tr, a, loc)
    dt = _dtype(b.get("dtype"), loc)
    if dt is not None and dt != a.dtype:
        if dt == "bool":
            raise error(loc, f"numpy.{name}(dtype=bool) is not supported", "", E_UNSUPPORTED_CALL)
        a = A.astype_node(a, dt)
    r = nreduce(tr, kind, a, b["axis"], b["keepdims"], loc, ddof=b.get("ddof", 0))
    if dt is not None and kind in ("sum", "prod", "mean", "var", "std"):
        r = _as_dtype(tr, r, dt, loc)
    if b.get("out") is None:
        return _scalar_result(r, kind, a.dtype, dt)
    return _to_out(tr, r, b["out"], {"sum": "add", "prod": "multiply", "min": "minimum",
                                     "max": "maximum", "any": "logical_or",
                                     "all": "logical_and"}.get(kind, kind), loc)


# --- ufunc calls with keywords --------------------------------------------------------------------

def ufunc_call(tr, uf, args, kwargs, loc):
    """np.<uf>(*args, out=, where=, dtype=)."""
    from .npfuncs import _bind, REQ
    names = [f"x{i + 1}" for i in range(uf.nin)]
    b = _bind(loc, uf.__name__, args, kwargs, [(n, REQ) for n in names]
              + [("out", None), ("where", True), ("dtype", None)])
    ops = [_arr(tr, b[n], loc) for n in names]
    dt = _dtype(b["dtype"], loc)
    if dt is not None:
        ops = [A.astype_node(x, dt) if is_array(x) and x.dtype != dt else x for x in ops]
    if not any(is_array(x) for x in ops):
        if b["out"] is None and b["where"] is True:
            from .nplib import _scalar_ufunc
            return _scalar_ufunc(tr, uf, ops, loc)
    out, where = b["out"], _arr(tr, b["where"], loc)
    if isinstance(out, tuple) and len(out) == 1:
        out = out[0]
    if isinstance(out, Arr):  # NumPy broadcasts the operands, out and where together
        A.broadcast_shapes(tr.fb, [A.shape_of(x) for x in ops] + [out.shape]
                           + ([where.shape] if is_array(where) else []), loc)
    node = A.ufunc_node(tr, uf, ops, loc)
    if dt is not None and node.dtype != dt:
        node = A.astype_node(node, dt)
    if out is None:
        if where is not True:
            raise error(loc, f"numpy.{uf.__name__}(where=...) without out= leaves the other "
                        "elements uninitialized", "pass out= too (e.g. out=np.zeros_like(a))",
                        E_UNSUPPORTED_CALL)
        return node
    if not isinstance(out, Arr):
        raise error(loc, "out= must be an array", "", E_TYPE)
    # NumPy: the output must have the broadcast shape (it takes part in broadcasting)
    shape = A.broadcast_shapes(tr.fb, [node.shape, out.shape], loc)
    if len(shape) != out.ndim or any(not (s is o or (known(s) and known(o) and s == o))
                                     for s, o in zip(shape, out.shape)):
        bad = False
        for s, o in zip(shape[::-1], out.shape[::-1]):
            if s is not o:
                bad = A.bor(tr.fb, bad, A.icmp(tr.fb, "ne", s, o))
        if len(shape) > out.ndim:
            bad = True
        if bad is not False:
            args_: list = []
            msg = ("non-broadcastable output operand with shape " + A._fmt_shape(out.shape, args_)
                   + " doesn't match the broadcast shape " + A._fmt_shape(shape, args_))
            if bad is True and not args_:
                raise TraceRaise("ValueError", msg)
            tr.fb.emit_multi("raise_if_fmt", [tr.fb.const(True) if bad is True else bad]
                             + [A.ic(tr.fb, x) for x in args_],
                             {"exc": "ValueError", "msg": msg}, loc=loc)
    if not np.can_cast(node.dtype, out.dtype, "same_kind"):
        raise error(loc, f"Cannot cast ufunc '{uf.__name__}' output from dtype('{node.dtype}') "
                    f"to dtype('{out.dtype}') with casting rule 'same_kind'",
                    "NumPy raises UFuncTypeError here; use astype()", E_TYPE)
    value = node
    if where is not True:
        if not is_array(where):
            if where is False:
                return out
            raise error(loc, "where= must be a bool array or True", "", E_TYPE)
        if where.dtype != "bool":
            raise error(loc, "where= must be a bool array", "", E_TYPE)
        wshape = A.broadcast_shapes(tr.fb, [where.shape, out.shape], loc)
        value = A.Ew("where", (where, node, out), out.dtype, wshape,
                     ("bool", out.dtype, out.dtype))
    array_assign.assign(tr, out, value, loc, ufunc="out")  # "output array is read-only"
    return out


# --- ufunc.at ------------------------------------------------------------------------------------

def at(tr, uf, a, indices, b, loc):
    """uf.at(a, indices, b): unbuffered in place, index by index in order, so
    repeated indices accumulate (np.add.at)."""
    from . import indexing_fancy as FX
    from .ufuncs import SUPPORTED, apply
    fb = tr.fb
    if uf.__name__ not in SUPPORTED:
        raise error(loc, f"numpy.{uf.__name__} is not supported", "", E_UNSUPPORTED_CALL)
    if not isinstance(a, Arr):
        raise error(loc, f"numpy.{uf.__name__}.at needs an array first", "", E_TYPE)
    if (uf.nin == 2) != (b is not None):
        raise TraceRaise("ValueError", "second operand needed for ufunc" if uf.nin == 2 else
                         "second operand provided when ufunc is unary")
    key = indices if isinstance(indices, tuple) and not all(
        scalar_type(x) is not None for x in indices) else (
        A.ListLit(indices) if isinstance(indices, tuple) else indices)
    if not FX.wants_fancy(a, key):
        key = key if isinstance(key, tuple) else (key,)
        key = tuple(A.ListLit((k,)) if scalar_type(k) is not None else k for k in key)
    ix = FX.parse(tr, a, key, loc, for_write=True)
    ops = [a] + ([_arr(tr, b, loc)] if b is not None else [])
    loops, res = A.loop_dtypes(uf, ops, loc)
    if res != a.dtype and not np.can_cast(res, a.dtype, "same_kind"):
        raise error(loc, f"Cannot cast ufunc '{uf.__name__}' output from dtype('{res}') to "
                    f"dtype('{a.dtype}') with casting rule 'same_kind'", "", E_TYPE)
    val = ops[1] if b is not None else None
    if is_array(val):
        roots = array_assign._roots(val, [])
        if a.root is None or any(r is None or r == a.root for r in roots):
            val = array_assign.copy(tr, val, loc)
        val = FX._fit_value(tr, val, ix.shape, loc,
                            message="array is not broadcastable to correct shape")
        vplan = A.Plan(fb, val, ix.shape)
    FX._check_bounds(tr, ix, loc)
    plans = FX._planner(tr, ix)

    def body(r, cs):
        addr = FX._address(tr, ix, plans, r, loc)
        old = A.cast(fb, fb.emit("load", [addr], {"dtype": a.dtype}), a.dtype, loops[0])
        vals = [old]
        if b is not None:
            if is_array(val):
                v = A.element(tr, val, r, vplan, loc)
                vals.append(A.cast(fb, v, val.dtype, loops[1]))
            else:
                A.check_weak_int(fb, val, loops[1], loc)
                vals.append(A.cast(fb, A.ic(fb, val) if isinstance(val, Var) else
                                   fb.const(val, scalar_type(val)), A.dtype_of(val), loops[1]))
        new = A.cast(fb, apply(fb, uf.__name__, loops, res, vals, loc), res, a.dtype)
        fb.emit_multi("store", [addr, new], {"dtype": a.dtype})
        return cs
    A.loop_nest(fb, ix.shape, [], body)
    return None


# --- a.shape = (...) ---------------------------------------------------------------------------

def set_shape(tr, a, shape, loc):
    """a.shape = shape: the same array object gets the new shape, without a
    copy. A view must be C-contiguous (NumPy's AttributeError otherwise; NumPy
    also accepts some non-contiguous views whose axes can be merged without a
    copy: refused here with the same error)."""
    if not isinstance(a, Arr):
        raise error(loc, "assigning .shape of an expression has no effect", "", E_TYPE)
    if a.strides is not None:
        # a view: contiguous (a[1:] of a C-contiguous array) is checked at run
        # time, with NumPy's AttributeError otherwise
        fb = tr.fb
        c = A.strides_of(fb, Arr(a.dtype, a.ptr, a.shape, None, a.root))
        bad = False
        for x, y, n in zip(a.strides, c, a.shape):
            if x is y or (known(x) and known(y) and x == y) or (known(n) and n == 1):
                continue
            bad = A.bor(fb, bad, A.band(fb, A.icmp(fb, "ne", x, y), A.icmp(fb, "ne", n, 1)))
        msg = ("Incompatible shape for in-place modification. Use `.reshape()` to make a copy "
               "with the desired shape.")
        if bad is True:
            raise TraceRaise("AttributeError", msg)
        if bad is not False:
            fb.raise_if(bad, "AttributeError", msg, loc)
        a.strides = None
    r = array_shapes.reshape(tr, a, array_shapes.shape_arg(shape, loc), loc)
    a.shape = tuple(r.shape)
    return None
