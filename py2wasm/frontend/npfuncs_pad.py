"""numpy.pad during tracing: modes constant, edge, reflect, symmetric, wrap.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
`pad_width` and `constant_values` are broadcast to (ndim, 2) as NumPy does
(an int, `(n,)`, `(before, after)`, or one pair per axis; widths may be run-time
ints). Mode constant fills a new array axis by axis (NumPy's order: a later
axis's value wins in the corners) and copies the array into the middle. The
other modes gather along each axis with an index array computed as NumPy's
result is, for any width (also wider than the axis):
edge `clip(i, 0, n-1)`, wrap `i mod n`, reflect period `2(n-1)` folded at
`n-1` (all 0 when n == 1), symmetric period `2n` folded at `n`.
"""
from __future__ import annotations

import numpy as np

from ..ir import I64
from . import arrays as A
from . import array_assign, array_indexing
from .arrays import is_array, known
from .npfuncs_sort import as_arr
from .values import E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type

_MODES = ("constant", "edge", "reflect", "symmetric", "wrap")


def _is_int(v) -> bool:
    return not isinstance(v, bool) and (type(v) is int or scalar_type(v) is I64)


def _pairs(v, ndim, loc, what, scalar_ok):
    """NumPy's np.broadcast_to(v, (ndim, 2)) of a (nested) tuple, as a list of
    [before, after] per axis."""
    def leaf(x):
        if not scalar_ok(x):
            raise error(loc, f"numpy.pad {what} must be made of "
                        f"{'ints' if what == 'pad_width' else 'numbers'}", "", E_UNSUPPORTED_CALL)
        return x
    v = A.unlist(v)
    if not isinstance(v, (tuple, list)):
        return [[leaf(v), leaf(v)] for _ in range(ndim)]
    rows = list(v)
    if rows and all(not isinstance(A.unlist(r), (tuple, list)) for r in rows):
        if len(rows) == 1:
            return [[leaf(rows[0]), leaf(rows[0])] for _ in range(ndim)]
        if len(rows) == 2:
            return [[leaf(rows[0]), leaf(rows[1])] for _ in range(ndim)]
        raise TraceRaise("ValueError", f"operands could not be broadcast together with remapped "
                         f"shapes [original->remapped]: ({len(rows)},)  and requested shape "
                         f"({ndim},2)")
    rows = [list(A.unlist(r)) if isinstance(A.unlist(r), (tuple, list)) else [r] for r in rows]
    if len(rows) not in (1, ndim) or any(len(r) not in (1, 2) for r in rows):
        raise TraceRaise("ValueError", f"operands could not be broadcast together with remapped "
                         f"shapes [original->remapped]: ({len(rows)},{max(map(len, rows))})  "
                         f"and requested shape ({ndim},2)")
    rows = rows * ndim if len(rows) == 1 else rows
    return [[leaf(r[0]), leaf(r[-1])] for r in rows]


def _axis_key(ndim, axis, k):
    return tuple(k if d == axis else slice(None) for d in range(ndim))


def _source_index(tr, n, before, after, mode, loc):
    """The index into the unpadded axis for each position of the padded one."""
    fb = tr.fb
    from .npfuncs_create import arange
    i = arange(tr, [A.isub(fb, 0, before), A.iadd(fb, n, after)], {}, loc)

    def u(f, *xs):
        return A.ufunc_node(tr, f, list(xs), loc)
    last = A.isub(fb, n, 1)
    if mode == "edge":
        return u(np.minimum, u(np.maximum, i, 0), last)
    if mode == "wrap":
        return u(np.remainder, i, n)
    if mode == "symmetric":
        p = A.imul(fb, n, 2)
        j = u(np.remainder, i, p)
        return A.where_node(tr, u(np.less, j, n), j, u(np.subtract, A.isub(fb, p, 1), j), loc)
    p = A.imax(fb, A.imul(fb, last, 2), 1)  # reflect; n == 1: every index 0
    j = u(np.remainder, i, p)
    return A.where_node(tr, u(np.less, j, n), j, u(np.subtract, p, j), loc)


def pad(tr, array, pad_width, mode, kwargs, loc):
    fb = tr.fb
    a = as_arr(tr, array, loc, "array")
    if not isinstance(mode, str) or mode not in _MODES:
        if isinstance(mode, str) and mode in ("empty", "linear_ramp", "maximum", "mean",
                                              "median", "minimum"):
            raise error(loc, f"numpy.pad mode={mode!r} is not supported",
                        f"supported modes: {', '.join(_MODES)}", E_UNSUPPORTED_CALL)
        if isinstance(mode, str):
            raise TraceRaise("ValueError", f"mode {mode!r} is not supported")
        raise error(loc, "numpy.pad mode must be a string known when compiling", "",
                    E_UNSUPPORTED_CALL)
    allowed = {"constant": {"constant_values"}, "reflect": {"reflect_type"},
               "symmetric": {"reflect_type"}}.get(mode, set())
    bad = set(kwargs) - allowed
    if bad:
        raise TraceRaise("ValueError", f"unsupported keyword arguments for mode '{mode}': "
                         f"{set(bad)}")
    if kwargs.get("reflect_type", "even") != "even":
        raise error(loc, "numpy.pad reflect_type='odd' is not supported", "", E_UNSUPPORTED_CALL)
    widths = _pairs(pad_width, a.ndim, loc, "pad_width", _is_int)
    for pair in widths:
        for w in pair:
            neg = A.icmp(fb, "lt", w, 0)
            if neg is True:
                raise TraceRaise("ValueError", "index can't contain negative values")
            if not known(neg):
                fb.raise_if(neg, "ValueError", "index can't contain negative values", loc)
    shape = tuple(A.iadd(fb, A.iadd(fb, n, b), e) for n, (b, e) in zip(a.shape, widths))
    if mode == "constant":
        values = _pairs(kwargs.get("constant_values", 0), a.ndim, loc, "constant_values",
                        lambda x: scalar_type(x) is not None or _np_scalar(x))
        out = A.alloc(tr, a.dtype, shape, loc)
        middle = tuple(slice(b, A.iadd(fb, b, n)) for n, (b, _) in zip(a.shape, widths))
        array_assign.assign(tr, array_indexing.getitem(tr, out, middle, loc), a, loc)
        for ax, ((b, e), (vb, ve)) in enumerate(zip(widths, values)):
            lo = array_indexing.getitem(tr, out, _axis_key(a.ndim, ax, slice(0, b)), loc)
            array_assign.assign(tr, lo, vb, loc)
            hi = array_indexing.getitem(
                tr, out, _axis_key(a.ndim, ax, slice(A.iadd(fb, b, a.shape[ax]), None)), loc)
            array_assign.assign(tr, hi, ve, loc)
        return out
    cur = a
    for ax, (b, e) in enumerate(widths):
        if known(b) and known(e) and b == 0 and e == 0:
            continue
        n = a.shape[ax]
        msg = (f"can't extend empty axis {ax} using modes other than 'constant' or 'empty'")
        empty = A.band(fb, A.icmp(fb, "eq", n, 0),
                       A.bor(fb, A.icmp(fb, "gt", b, 0), A.icmp(fb, "gt", e, 0)))
        if empty is True:
            raise TraceRaise("ValueError", msg)
        if not known(empty):
            fb.raise_if(empty, "ValueError", msg, loc)
        if known(n) and n == 0:
            continue  # only zero widths reach here
        idx = A.materialize(tr, _source_index(tr, n, b, e, mode, loc), loc)
        cur = array_indexing.getitem(tr, cur, _axis_key(a.ndim, ax, idx), loc)
    if cur is a:
        return array_assign.copy(tr, a, loc)
    return cur


def _np_scalar(x) -> bool:
    from . import npscalars as nps
    return nps.is_np(x) and not is_array(x)


def FUNCS(REQ):
    return {"pad": (None, _pad_call)}


def _pad_call(tr, args, kwargs, loc):
    kwargs = dict(kwargs)
    names = ("array", "pad_width", "mode")
    bound = dict(zip(names, args))
    if len(args) > 3:
        raise error(loc, "numpy.pad() takes at most 3 positional arguments", "", E_UNSUPPORTED_CALL)
    for nm in names:
        if nm in kwargs:
            bound[nm] = kwargs.pop(nm)
    if "array" not in bound or "pad_width" not in bound:
        raise error(loc, "numpy.pad() needs array and pad_width", "", E_UNSUPPORTED_CALL)
    return pad(tr, bound["array"], bound["pad_width"], bound.get("mode", "constant"), kwargs, loc)
