"""NumPy's view-making shape functions during tracing: `diagonal` (function
and method) and `trace` (the sum of that view), `atleast_1d/2d/3d`,
`squeeze` and `swapaxes` (functions and methods), `moveaxis`,
`broadcast_to`, `rot90`.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(FUNCS / METHODS below). Every result is a view of its argument (an `Arr`
over the same memory, no copy), as in NumPy: writes through it change the
base. `diagonal` and `broadcast_to` give NumPy's read-only views
(`Arr.readonly`: a write through them, or through a view of them, raises
NumPy's `ValueError: assignment destination is read-only`). Axes are
known when compiling; an axis out of range is a located CompileError (NumPy's
AxisError would certainly be raised), as everywhere in py2wasm.
"""
from __future__ import annotations

from ..ir import I64, Var
from . import arrays as A
from . import array_indexing, array_shapes
from .arrays import Arr, is_array, known
from .npfuncs_sort import as_arr
from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type


def _int(v, loc, what):
    from . import npscalars as nps
    if nps.is_np(v) and nps.dtype_name(v) in A.INTS and nps.dtype_name(v) != "uint64":
        v = nps.demote(v, loc=loc)
    if isinstance(v, bool) or not (type(v) is int or (isinstance(v, Var) and v.type is I64)):
        raise error(loc, f"{what} must be an int, got {A._tn(v)}", "", E_TYPE)
    return v


def _axis(ax, nd, loc, what=""):
    if type(ax) is not int:
        raise error(loc, f"an axis must be an int known when compiling, got {A._tn(ax)}",
                    "write the axis as a constant", E_TYPE)
    if not -nd <= ax < nd:
        raise error(loc, f"{what}axis {ax} is out of bounds for array of dimension {nd}",
                    "NumPy raises AxisError here", E_TYPE)
    return ax % nd


def as_array_value(tr, v, loc, what="a"):
    """An array argument: a number becomes a 0-d array, a tuple or list
    literal NumPy's array of it."""
    from . import npscalars as nps
    if is_array(v) or isinstance(v, (tuple, A.ListLit)):
        return as_arr(tr, A.unlist(v), loc, what)
    if scalar_type(v) is not None or nps.is_np(v):
        from .npfuncs_create import full
        return array_shapes.reshape(tr, full(tr, (1,), v, A.dtype_of(v), loc), (), loc)
    raise error(loc, f"{what} must be an array here, got {A._tn(v)}", "pass a NumPy array",
                E_TYPE)


def _view(a: Arr, ptr, shape, strides, readonly=None) -> Arr:
    return Arr(a.dtype, ptr, tuple(shape), tuple(strides), a.root,
               readonly=a.readonly if readonly is None else readonly)


# --- diagonal -----------------------------------------------------------------------------

def diagonal(tr, a, offset, axis1, axis2, loc):
    """NumPy's PyArray_Diagonal: the two axes removed, the diagonal appended
    last, stride = the sum of their strides; a read-only view."""
    fb = tr.fb
    a = as_array_value(tr, a, loc)
    offset = A.c_int(fb, _int(offset, loc, "offset"), loc)
    if a.ndim < 2:
        raise TraceRaise("ValueError", "diag requires an array of at least two dimensions")
    ax1 = _axis(axis1, a.ndim, loc, "axis1: ")
    ax2 = _axis(axis2, a.ndim, loc, "axis2: ")
    if ax1 == ax2:
        raise TraceRaise("ValueError", "axis1 and axis2 cannot be the same")
    st = A.strides_of(fb, a)
    n1, n2, s1, s2 = a.shape[ax1], a.shape[ax2], st[ax1], st[ax2]
    # offset >= 0: columns from offset (n2 - offset of them), else rows from -offset
    above = (A.imin(fb, n1, A.isub(fb, n2, offset)), A.imul(fb, offset, s2))
    below = (A.imin(fb, A.iadd(fb, n1, offset), n2), A.imul(fb, A.isub(fb, 0, offset), s1))
    if known(offset):
        n, off = above if offset >= 0 else below
    else:
        pos = A.icmp(fb, "ge", offset, 0)
        n, off = A.isel(fb, pos, above[0], below[0]), A.isel(fb, pos, above[1], below[1])
    n = A.imax(fb, n, 0)
    # an empty diagonal keeps the base pointer (NumPy moves it only when it is not empty)
    off = A.isel(fb, A.icmp(fb, "gt", n, 0), off, 0)
    ptr = A.iadd(fb, a.ptr, A.imul(fb, off, a.itemsize))
    keep = [d for d in range(a.ndim) if d not in (ax1, ax2)]
    return _view(a, ptr, [a.shape[d] for d in keep] + [n],
                 [st[d] for d in keep] + [A.iadd(fb, s1, s2)], readonly=True)


def trace(tr, a, offset, axis1, axis2, dtype, out, loc):
    """NumPy's PyArray_Trace: the diagonal view summed along its last axis
    (`diagonal(a, offset, axis1, axis2).sum(-1, dtype=dtype)`), so the same
    summation order (NumPy's pairwise sum of a strided run) and the same
    result types as that sum: a NumPy scalar for a 2-D `a`, else an array."""
    if out is not None:
        raise error(loc, "numpy.trace with out= is not supported", "assign the result instead",
                    E_UNSUPPORTED_CALL)
    from .calls import call_value
    from .npargs import ArrayMethod
    d = diagonal(tr, a, offset, axis1, axis2, loc)
    return call_value(tr, ArrayMethod(d, "sum"), [-1], {} if dtype is None else {"dtype": dtype},
                      loc)


# --- atleast_Nd ---------------------------------------------------------------------------

def _atleast(tr, args, kwargs, loc, nd):
    name = f"atleast_{nd}d"
    if kwargs:
        raise error(loc, f"numpy.{name}() got an unexpected keyword argument "
                    f"{next(iter(kwargs))!r}", "", E_TYPE)
    if not args:
        raise error(loc, f"numpy.{name}() needs at least one array", "", E_TYPE)
    outs = []
    for v in args:
        a = as_array_value(tr, v, loc, "arys")
        if a.ndim == 0:
            key = (None,) * nd
        elif a.ndim == 1 and nd == 2:
            key = (None, slice(None))
        elif a.ndim == 1 and nd == 3:
            key = (None, slice(None), None)
        elif a.ndim == 2 and nd == 3:
            key = (slice(None), slice(None), None)
        else:
            outs.append(a)
            continue
        outs.append(array_indexing.getitem(tr, a, key, loc))
    return outs[0] if len(outs) == 1 else tuple(outs)


# --- squeeze, moveaxis, swapaxes ---------------------------------------------------------

def squeeze(tr, a, axis, loc):
    fb = tr.fb
    a = as_array_value(tr, a, loc)
    st = A.strides_of(fb, a)
    if axis is None:
        unknown = [d for d in range(a.ndim) if not known(a.shape[d])]
        if unknown:
            raise error(loc, "numpy.squeeze without axis= of an array whose dimensions are "
                        "known only at run time (the result's number of dimensions would "
                        "depend on them)", "pass axis= naming the axes of length 1",
                        E_UNSUPPORTED_CALL)
        drop = {d for d in range(a.ndim) if a.shape[d] == 1}
    else:
        axes = axis if isinstance(axis, tuple) else (axis,)
        drop = set()
        for ax in axes:
            d = _axis(ax, a.ndim, loc)
            if d in drop:
                raise TraceRaise("ValueError", "repeated axis")
            drop.add(d)
        msg = "cannot select an axis to squeeze out which has size not equal to one"
        for d in sorted(drop):
            bad = A.icmp(fb, "ne", a.shape[d], 1)
            if bad is True:
                raise TraceRaise("ValueError", msg)
            if bad is not False:
                fb.raise_if(bad, "ValueError", msg, loc)
    keep = [d for d in range(a.ndim) if d not in drop]
    return _view(a, a.ptr, [a.shape[d] for d in keep], [st[d] for d in keep])


def _axes_arg(v, nd, loc, what):
    items = v if isinstance(v, (tuple, list)) else A.unlist(v) if isinstance(v, A.ListLit) \
        else (v,)
    out = [_axis(x, nd, loc, f"{what}: ") for x in items]
    if len(set(out)) != len(out):
        raise TraceRaise("ValueError", f"repeated axis in `{what}` argument")
    return out


def moveaxis(tr, a, source, destination, loc):
    a = as_array_value(tr, a, loc)
    src = _axes_arg(source, a.ndim, loc, "source")
    dst = _axes_arg(destination, a.ndim, loc, "destination")
    if len(src) != len(dst):
        raise TraceRaise("ValueError", "`source` and `destination` arguments must have the "
                         "same number of elements")
    order = [n for n in range(a.ndim) if n not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return _transposed(tr, a, order)


def swapaxes(tr, a, axis1, axis2, loc):
    """NumPy's swapaxes: the view with two axes exchanged."""
    a = as_array_value(tr, a, loc)
    i = _axis(axis1, a.ndim, loc, "axis1: ")
    j = _axis(axis2, a.ndim, loc, "axis2: ")
    order = list(range(a.ndim))
    order[i], order[j] = order[j], order[i]
    return _transposed(tr, a, order)


def _transposed(tr, a: Arr, order) -> Arr:
    st = A.strides_of(tr.fb, a)  # a new view even for the same order, as NumPy's
    return _view(a, a.ptr, [a.shape[k] for k in order], [st[k] for k in order])


# --- broadcast_to -------------------------------------------------------------------------

def broadcast_to(tr, array, shape, subok, loc):
    fb = tr.fb
    if subok is not False:
        raise error(loc, "numpy.broadcast_to with subok=True is not supported", "", E_TYPE)
    a = as_array_value(tr, array, loc, "array")
    shape = tuple(_int(s, loc, "a shape entry") for s in
                  (A.unlist(shape) if isinstance(shape, (tuple, A.ListLit)) else (shape,)))
    neg = False
    for s in shape:
        neg = A.bor(fb, neg, A.icmp(fb, "lt", s, 0))
    msg_neg = "all elements of broadcast shape must be non-negative"
    if neg is True:
        raise TraceRaise("ValueError", msg_neg)
    if len(shape) < a.ndim:
        raise TraceRaise("ValueError", "input operand has more dimensions than allowed by the "
                         "axis remapping")
    if neg is not False:
        fb.raise_if(neg, "ValueError", msg_neg, loc)
    st = A.strides_of(fb, a)
    lead = len(shape) - a.ndim
    bad = False
    strides = [0] * lead
    for d in range(a.ndim):
        n, want = a.shape[d], shape[lead + d]
        one = A.icmp(fb, "eq", n, 1)
        bad = A.bor(fb, bad, A.band(fb, A.bnot(fb, one), A.icmp(fb, "ne", n, want)))
        # a stretched axis of length 1 gets stride 0 (NumPy's iterator)
        strides.append(A.isel(fb, one, 0, st[d]) if not (known(one) and not one) else st[d])
    if bad is not False:
        args: list = []
        msg = ("operands could not be broadcast together with remapped shapes "
               "[original->remapped]: " + A._fmt_shape(a.shape, args) + "  and requested shape "
               + A._fmt_shape(shape, args))
        if bad is True and not args:
            raise TraceRaise("ValueError", msg)
        cond = fb.const(True) if bad is True else bad
        fb.emit_multi("raise_if_fmt", [cond] + [A.ic(fb, x) for x in args],
                      {"exc": "ValueError", "msg": msg}, loc=loc)
    return _view(a, a.ptr, shape, strides, readonly=True)


# --- rot90 --------------------------------------------------------------------------------

def rot90(tr, m, k, axes, loc):
    """NumPy's rot90 (lib/_function_base_impl.py) step by step: flips and a
    transpose, all views."""
    from .npfuncs_shape import flip
    a = as_array_value(tr, m, loc, "m")
    axes = A.unlist(axes)
    if not isinstance(axes, tuple) or len(axes) != 2:
        raise TraceRaise("ValueError", "len(axes) must be 2.")
    if type(k) is not int:
        raise error(loc, "numpy.rot90 k= must be an int known when compiling (the result's "
                    "shape depends on it)", "write k as a constant", E_TYPE)
    if any(type(x) is not int for x in axes):
        raise error(loc, "numpy.rot90 axes= must be ints known when compiling", "", E_TYPE)
    nd = a.ndim
    if axes[0] == axes[1] or abs(axes[0] - axes[1]) == nd:
        raise TraceRaise("ValueError", "Axes must be different.")
    if axes[0] >= nd or axes[0] < -nd or axes[1] >= nd or axes[1] < -nd:
        raise TraceRaise("ValueError", f"Axes={axes} out of range for array of ndim={nd}.")
    k %= 4
    if k == 0:
        return array_indexing.getitem(tr, a, (slice(None),), loc)
    if k == 2:
        return flip(tr, flip(tr, a, axes[0], loc), axes[1], loc)
    order = list(range(nd))
    i, j = axes[0] % nd, axes[1] % nd
    order[i], order[j] = order[j], order[i]
    if k == 1:
        return _transposed(tr, flip(tr, a, axes[1], loc), order)
    return flip(tr, _transposed(tr, a, order), axes[1], loc)


def expand_dims(tr, a, axis, loc):
    """np.expand_dims(a, axis): a view with a new axis of length 1 at each
    position of `axis` (an int or a tuple, counted in the result's axes)."""
    a = as_array_value(tr, a, loc)
    axes = axis if isinstance(axis, tuple) else (axis,)
    nd = a.ndim + len(axes)
    new = set()
    for ax in axes:
        d = _axis(ax, nd, loc)
        if d in new:
            raise TraceRaise("ValueError", "repeated axis")
        new.add(d)
    key = tuple(None if d in new else slice(None) for d in range(nd))
    return array_indexing.getitem(tr, a, key, loc)


def sliding_window_view(tr, x, window_shape, axis, subok, writeable, loc):
    """np.lib.stride_tricks.sliding_window_view: a read-only view whose last
    axes walk a window along `axis` (all axes when None; an axis may be
    windowed again), NumPy's ValueErrors for a negative window, one larger
    than its axis, and mismatched counts."""
    fb = tr.fb
    if subok is not False or writeable is not False:
        raise error(loc, "sliding_window_view with subok= or writeable= is not supported",
                    "the view is read-only, as NumPy's default", E_UNSUPPORTED_CALL)
    x = as_array_value(tr, x, loc, "x")
    ws = window_shape if isinstance(window_shape, tuple) else (window_shape,)
    ws = tuple(_int(w, loc, "window_shape") for w in ws)
    if axis is None:
        axes = tuple(range(x.ndim))
        if len(ws) != len(axes):
            raise TraceRaise("ValueError", "Since axis is `None`, must provide window_shape for "
                             f"all dimensions of `x`; got {len(ws)} window_shape elements and "
                             f"`x.ndim` is {x.ndim}.")
    else:
        axes = tuple(_axis(a, x.ndim, loc) for a in (axis if isinstance(axis, tuple) else (axis,)))
        if len(ws) != len(axes):
            raise TraceRaise("ValueError", "Must provide matching length window_shape and axis; "
                             f"got {len(ws)} window_shape elements and {len(axes)} axes elements.")
    for w in ws:
        neg = A.icmp(fb, "lt", w, 0)
        if neg is True:
            raise TraceRaise("ValueError", "`window_shape` cannot contain negative values")
        if neg is not False:
            fb.raise_if(neg, "ValueError", "`window_shape` cannot contain negative values", loc)
    st = A.strides_of(fb, x)
    shape = list(x.shape)
    for ax, w in zip(axes, ws):
        big = A.icmp(fb, "lt", shape[ax], w)
        msg = "window shape cannot be larger than input array shape"
        if big is True:
            raise TraceRaise("ValueError", msg)
        if big is not False:
            fb.raise_if(big, "ValueError", msg, loc)
        shape[ax] = A.iadd(fb, A.isub(fb, shape[ax], w), 1)
    return _view(x, x.ptr, tuple(shape) + ws, tuple(st) + tuple(st[ax] for ax in axes),
                 readonly=True)


# --- dispatch tables ----------------------------------------------------------------------

def FUNCS(REQ):
    return {
        "diagonal": ([("a", REQ), ("offset", 0), ("axis1", 0), ("axis2", 1)],
                     lambda tr, loc, a, offset, axis1, axis2: diagonal(tr, a, offset, axis1,
                                                                       axis2, loc)),
        "trace": ([("a", REQ), ("offset", 0), ("axis1", 0), ("axis2", 1), ("dtype", None),
                   ("out", None)],
                  lambda tr, loc, a, offset, axis1, axis2, dtype, out: trace(
                      tr, a, offset, axis1, axis2, dtype, out, loc)),
        "atleast_1d": (None, lambda tr, args, kwargs, loc: _atleast(tr, args, kwargs, loc, 1)),
        "atleast_2d": (None, lambda tr, args, kwargs, loc: _atleast(tr, args, kwargs, loc, 2)),
        "atleast_3d": (None, lambda tr, args, kwargs, loc: _atleast(tr, args, kwargs, loc, 3)),
        "squeeze": ([("a", REQ), ("axis", None)],
                    lambda tr, loc, a, axis: squeeze(tr, a, axis, loc)),
        "expand_dims": ([("a", REQ), ("axis", REQ)],
                        lambda tr, loc, a, axis: expand_dims(tr, a, axis, loc)),
        "moveaxis": ([("a", REQ), ("source", REQ), ("destination", REQ)],
                     lambda tr, loc, a, source, destination: moveaxis(tr, a, source,
                                                                      destination, loc)),
        "swapaxes": ([("a", REQ), ("axis1", REQ), ("axis2", REQ)],
                     lambda tr, loc, a, axis1, axis2: swapaxes(tr, a, axis1, axis2, loc)),
        "broadcast_to": ([("array", REQ), ("shape", REQ), ("subok", False)],
                         lambda tr, loc, array, shape, subok: broadcast_to(tr, array, shape,
                                                                           subok, loc)),
        "sliding_window_view": ([("x", REQ), ("window_shape", REQ), ("axis", None),
                                 ("subok", False), ("writeable", False)],
                                lambda tr, loc, x, window_shape, axis, subok, writeable:
                                sliding_window_view(tr, x, window_shape, axis, subok, writeable,
                                                    loc)),
        "rot90": ([("m", REQ), ("k", 1), ("axes", (0, 1))],
                  lambda tr, loc, m, k, axes: rot90(tr, m, k, axes, loc)),
    }


def METHODS(REQ):
    return {
        "diagonal": ([("offset", 0), ("axis1", 0), ("axis2", 1)],
                     lambda tr, loc, a, offset, axis1, axis2: diagonal(tr, a, offset, axis1,
                                                                       axis2, loc)),
        "squeeze": ([("axis", None)], lambda tr, loc, a, axis: squeeze(tr, a, axis, loc)),
        "swapaxes": ([("axis1", REQ), ("axis2", REQ)],
                     lambda tr, loc, a, axis1, axis2: swapaxes(tr, a, axis1, axis2, loc)),
        "trace": ([("offset", 0), ("axis1", 0), ("axis2", 1), ("dtype", None), ("out", None)],
                  lambda tr, loc, a, offset, axis1, axis2, dtype, out: trace(
                      tr, a, offset, axis1, axis2, dtype, out, loc)),
    }
