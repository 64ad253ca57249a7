"""Shapes of NumPy arrays during tracing: transposes and reshapes (views
when NumPy would give a view, copies otherwise), axis normalization and the
`shape` arguments of NumPy functions, with NumPy's error messages.

Place in the pipeline: frontend value semantics, on top of arrays.py; used by
array attributes (`a.T`, `a.reshape`) and the NumPy shape functions
(npfuncs_shape.py, nplib.py).
"""
from __future__ import annotations

from ..ir import BOOL, I64, Var
from ..ir.types import INT_BITS
from . import npscalars as nps
from .values import E_TYPE, error, TraceRaise
from .arrays import (_tn, Arr, bor, iadd, ic, icmp, iprod, isel, known, materialize, size_of,
                     strides_of)


# --- transposes and reshapes (views) --------------------------------------------------------

def transpose(tr, a, axes, loc):
    a = materialize(tr, a, loc)
    fb = tr.fb
    if axes is None:
        axes = tuple(range(a.ndim))[::-1]
    axes = tuple(normalize_axis(ax, a.ndim, loc) for ax in axes)
    if sorted(axes) != list(range(a.ndim)):
        raise error(loc, "axes don't match array", "give each axis once", E_TYPE)
    st = strides_of(fb, a)
    if axes == tuple(range(a.ndim)):
        return a
    return Arr(a.dtype, a.ptr, tuple(a.shape[k] for k in axes), tuple(st[k] for k in axes),
               a.root, readonly=a.readonly)


def normalize_axis(ax, ndim, loc=None):
    """An axis known when compiling, in range(ndim). A bad axis is a
    CompileError: NumPy's AxisError would certainly be raised."""
    if type(ax) is not int:
        raise error(loc, f"an axis must be an int known when compiling, got {_tn(ax)}",
                    "write the axis as a constant", E_TYPE)
    if not -ndim <= ax < ndim:
        raise error(loc, f"axis {ax} is out of bounds for array of dimension {ndim}",
                    "NumPy raises AxisError here", E_TYPE)
    return ax % ndim if ndim else ax


def reshape(tr, a, shape, loc, shown_reversed=False):
    """A view where NumPy gives one (decided at run time from the strides
    when needed: frontend/viewcopy.py), else a contiguous copy reshaped.
    `shown_reversed`: the shape the user wrote is `shape` reversed (a
    Fortran-order reshape of the transpose), as NumPy's error shows it."""
    fb = tr.fb
    a = materialize(tr, a, loc)
    shape = tuple(shape)
    for s in shape:
        if not (type(s) is int or (isinstance(s, Var) and s.type is I64)):
            raise error(loc, f"a shape entry of type {_tn(s)} is not supported", "use ints",
                        E_TYPE)
    n = size_of(fb, a)
    # NumPy's _fix_unknown_dimension: every negative entry is "unknown"
    # (a.reshape(-2, 3) is (2, 3)); more than one is a ValueError
    static = [i for i, s in enumerate(shape) if known(s) and s < 0]
    rt = [i for i, s in enumerate(shape) if not known(s)]
    if len(static) > 1:
        raise TraceRaise("ValueError", "can only specify one unknown dimension")
    neg = {i: fb.emit("lt", [shape[i], fb.const(0)]) for i in rt}
    if rt:
        count = len(static)
        for i in rt:
            count = iadd(fb, count, fb.emit("convert", [neg[i]], {"to": I64}))
        fb.raise_if(fb.emit("gt", [ic(fb, count), fb.const(1)]), "ValueError",
                    "can only specify one unknown dimension", loc)
    rest = iprod(fb, [isel(fb, neg[i], 1, s) if i in neg else s
                      for i, s in enumerate(shape) if i not in static])
    unknown = True if static else False
    for i in rt:
        unknown = bor(fb, unknown, neg[i])
    # with an unknown entry, a zero product of the others is an error too
    # (even for an empty array)
    bad_u = bor(fb, icmp(fb, "eq", rest, 0), icmp(fb, "ne", _imod0(fb, n, rest), 0))
    bad_k = icmp(fb, "ne", rest, n)
    if unknown is True or unknown is False:
        bad = bad_u if unknown else bad_k
    else:
        b = [fb.const(x, BOOL) if isinstance(x, bool) else x for x in (bad_u, bad_k)]
        bad = fb.emit("select", [unknown, b[0], b[1]])
    if bad is not False:
        _raise_reshape(fb, n, shape, bad, rt, neg, loc, shown_reversed)
    if unknown is not False:
        m = (n // rest if rest else 0) if known(n) and known(rest) else fb.emit(
            "floordiv", [ic(fb, n), ic(fb, isel(fb, icmp(fb, "eq", rest, 0), 1, rest))])
        shape = tuple(m if i in static else isel(fb, neg[i], m, s) if i in neg else s
                      for i, s in enumerate(shape))
    from .viewcopy import c_contiguous, nocopy_reshape, view_or_copy
    if c_contiguous(fb, a) is True:
        return Arr(a.dtype, a.ptr, shape, None, a.root, readonly=a.readonly)
    ok, view_strides = nocopy_reshape(fb, a, shape)
    return view_or_copy(tr, a, ok, shape, view_strides, loc)


def _raise_reshape(fb, n, shape, bad, rt, neg, loc, shown_reversed=False):
    """NumPy's size-mismatch ValueError; a run-time entry prints as a size
    or, when negative, as NumPy prints an unknown entry (dropped when
    leading, else 'newaxis'): one message per sign pattern (up to 3 run-time
    entries, then the sizes as they are)."""
    patterns = [()] if len(rt) > 3 else [tuple((m >> j) & 1 for j in range(len(rt)))
                                         for m in range(2 ** len(rt))]
    for pat in patterns:
        cond = bad
        shown = list(shape)
        for j, i in enumerate(rt if pat else ()):
            sign = neg[i] if pat[j] else fb.emit("not", [neg[i]])
            cond = sign if cond is True else fb.emit("and", [cond if isinstance(cond, Var)
                                                              else fb.const(cond), sign])
            if pat[j]:
                shown[i] = -1
        args: list = []
        text = ("cannot reshape array of size " + _fmt_dim(n, args) + " into shape "
                + _fmt_newshape(tuple(shown[::-1] if shown_reversed else shown), args))
        if len(args) > 8:
            args, text = [], "cannot reshape the array into the given shape"
        if cond is True and not args:
            raise TraceRaise("ValueError", text)
        fb.emit_multi("raise_if_fmt", [fb.const(True) if cond is True else cond]
                      + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": text}, loc=loc)


def _imod0(fb, a, b):
    """a % b for sizes, 0 when b == 0 (the caller tests b == 0 itself)."""
    if known(a) and known(b):
        return a % b if b else 0
    return fb.emit("mod", [ic(fb, a), ic(fb, isel(fb, icmp(fb, "eq", b, 0), 1, b))])


def _fmt_dim(v, args: list) -> str:
    if known(v):
        return str(v)
    args.append(v)
    return "{%d}" % (len(args) - 1)


def fmt_dim_once(v, args: list) -> str:
    """A size in a run-time message: its text when known, else a `{i}`
    placeholder for it in `args` (raise_if_fmt's operands), each value once
    (a value already in args is referred to again)."""
    if known(v):
        return str(v)
    for i, x in enumerate(args):
        if x is v:
            return "{%d}" % i
    args.append(v)
    return "{%d}" % (len(args) - 1)


def _fmt_newshape(shape, args: list) -> str:
    """NumPy's convert_shape_to_string for reshape messages: leading -1s
    are dropped, later ones print as 'newaxis', a trailing comma only for one
    entry: (2,newaxis), (4,), and (2) for (-1, 2)."""
    i = 0
    while i < len(shape) and known(shape[i]) and shape[i] < 0:
        i += 1
    if i == len(shape):
        return "()"
    parts = [_fmt_dim(shape[i], args)]
    for s in shape[i + 1:]:
        parts.append("newaxis" if known(s) and s < 0 else _fmt_dim(s, args))
    return "(" + ",".join(parts) + ("," if len(shape) == 1 else "") + ")"


def shape_arg(v, loc, what="shape"):
    """An int or a tuple of ints (known or i64 Vars) as a shape tuple."""
    items = v if isinstance(v, tuple) else (v,)
    # NumPy integer scalars are sizes too (np.zeros(a.argmax())); uint64 needs a C long
    items = tuple(nps.demote(s, loc=loc) if nps.is_np(s) and nps.dtype_name(s) in INT_BITS
                  and nps.dtype_name(s) != "uint64" else s for s in items)
    for s in items:
        if not (type(s) is int or (isinstance(s, Var) and s.type is I64)):
            raise error(loc, f"{what} must be an int or a tuple of ints, got {_tn(s)}",
                        "use ints", E_TYPE)
    return tuple(items)


def ravel(tr, a, loc):
    """NumPy's ravel: a view exactly when `a` is C-contiguous (at run time)."""
    from .viewcopy import c_contiguous, view_or_copy
    a = materialize(tr, a, loc)
    return view_or_copy(tr, a, c_contiguous(tr.fb, a), (size_of(tr.fb, a),), None, loc)
