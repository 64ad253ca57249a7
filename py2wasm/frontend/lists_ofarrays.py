"""Lists of NumPy arrays (`[np.zeros(3) for _ in range(k)]`, a stack of
arrays, `np.stack(rows)`).

Place in the pipeline: frontend; lists.py stores and loads an element whose
type is an `ir.ArrayType` through here, and lists_calls.py hands NumPy
functions of such a list (np.array, np.stack, np.concatenate...) to
`np_call`. A list holds arrays of ONE dtype and ndim; their shapes may
differ. An element is a view, not a copy: its slot in the list's data is
1 + 2*ndim int64 words

    ptr, shape[0..ndim-1], strides[0..ndim-1] (in elements)

so `xs[0][1] = 2.0` writes the memory of the array that was appended (and of
every other view of it), as in CPython where the list holds the object.
An array read from a list has an unknown root (arrays.py: it may alias any
other array), so copies are made where NumPy's semantics need them.

Refused (P2W002, located): `in`, `.index()`, `.count()`, `.remove()`,
`sort`, `sum/min/max` and `==` of lists of arrays (they compare arrays,
whose truth value is NumPy's elementwise question, or object identity).
"""
from __future__ import annotations

from ..ir import Var
from ..ir.types import ArrayType
from . import arrays as A
from .array_assign import assign as _assign_array
from .arrays import Arr, ic, iadd, icmp, imul, isub, loop
from .values import E_TYPE, E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, TraceRaise, error


def element_type(v):
    """The list element type of an array value (an Arr, or an expression that
    becomes one when stored); None for complex arrays and 0-d scalars."""
    if not A.is_array(v):
        return None
    return ArrayType(v.dtype, v.ndim)


def slot_size(t: ArrayType) -> int:
    return 8 * (1 + 2 * t.ndim)


def _word(fb, addr, k):
    return fb.emit("load", [ic(fb, iadd(fb, addr, 8 * k))], {"dtype": "int64"})


def load_array(fb, t: ArrayType, addr) -> Arr:
    """The array view stored at `addr` (its memory may alias any array)."""
    ptr = _word(fb, addr, 0)
    shape = tuple(_word(fb, addr, 1 + d) for d in range(t.ndim))
    strides = tuple(_word(fb, addr, 1 + t.ndim + d) for d in range(t.ndim))
    return Arr(t.dtype, ptr, shape, strides if t.ndim else None, None)


def store_array(fb, t: ArrayType, addr, a: Arr) -> None:
    """Store the view `a` at `addr` (lists.py's _row computes expressions first).
    A read-only view (np.diagonal, np.broadcast_to, and views or splits of
    them) is refused: its slot has no room for NumPy's writeable flag, and
    an array loaded from a list must not accept the writes NumPy rejects."""
    if a.readonly is not False:  # True, or a run-time flag (viewcopy.view_or_copy)
        raise error(fb.loc, "a read-only array view (np.diagonal, np.broadcast_to, or a view "
                    "or split of one) in a list is not supported (a list keeps no writeable "
                    "flag)", "copy it first (.copy()), or keep it out of the list",
                    E_UNSUPPORTED_VALUE)
    strides = A.strides_of(fb, a)
    words = [a.ptr] + list(a.shape) + list(strides)
    for k, w in enumerate(words):
        fb.emit_multi("store", [ic(fb, iadd(fb, addr, 8 * k)), ic(fb, w)], {"dtype": "int64"})


def refuse(what: str, loc):
    raise error(loc, f"{what} of a list of NumPy arrays is not supported (it compares arrays "
                "elementwise, or by identity)", "keep the positions in a list of ints, or "
                "loop over the arrays and compare them with np.array_equal", E_UNSUPPORTED_CALL)


# --- NumPy functions of a list of arrays --------------------------------------------------

def _items(tr, lst):
    from .lists import _field, _load, length
    fb = tr.fb
    data = _field(fb, lst, 16)
    return length(fb, lst), (lambda k: _load(fb, lst.elem, data, k))


def _raise_fmt(tr, cond, msg, vals, loc):
    """raise ValueError(msg.format(*vals)) when cond; vals known ints or i64 Vars."""
    fb = tr.fb
    if cond is False:
        return
    if cond is True:
        cond = fb.const(True)
    if not any(isinstance(v, Var) for v in vals):
        fb.raise_if(cond, "ValueError", msg.format(*vals), loc)
        return
    from ..ir.messages import kind_of_type
    vs = [ic(fb, v) for v in vals]
    tmpl = msg.format(*("{%d}" % i for i in range(len(vs))))
    fb.emit_multi("raise_if_fmt", [cond] + vs, {
        "exc": "ValueError", "msg": tmpl, "kinds": tuple(kind_of_type(v.type) for v in vs)},
        loc=loc)


def _axis(axis, ndim, loc):
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise error(loc, "the axis must be a known int here", "pass a constant axis", E_TYPE)
    if not -ndim <= axis < ndim:
        raise error(loc, f"axis {axis} is out of bounds for array of dimension {ndim}",
                    "NumPy raises AxisError here", E_TYPE)
    return axis % ndim


def _nonempty(tr, n, what, loc):
    fb = tr.fb
    empty = icmp(fb, "eq", n, 0)
    if empty is True:
        raise TraceRaise("ValueError", f"need at least one array to {what}")
    if empty is not False:
        fb.raise_if(empty, "ValueError", f"need at least one array to {what}", loc)


def _same_shapes(tr, n, item, shape, cond_msg, loc):
    """Every item's shape equals `shape` (ValueError cond_msg otherwise)."""
    fb = tr.fb

    def body(k, c):
        a = item(k)
        bad = False
        for x, y in zip(a.shape, shape):
            ne = icmp(fb, "ne", x, y)
            bad = A.bor(fb, bad, ne)
        _raise_fmt(tr, bad, cond_msg, [], loc)
        return c
    loop(fb, isub(fb, n, 1), [], lambda k, c: body(iadd(fb, k, 1), c))


def _as_row(a: Arr) -> Arr:
    return Arr(a.dtype, a.ptr, (1,) + tuple(a.shape), (0,) + tuple(a.strides), a.root)


def _copy_into(tr, dest: Arr, src: Arr, loc):
    # src may alias anything (a list's element): assign copies when it must
    _assign_array(tr, dest, src, loc)


def stack(tr, lst, axis, dtype, loc):
    """np.stack(xs, axis): a new array, the list's arrays along a new axis."""
    fb = tr.fb
    t = lst.elem
    n, item = _items(tr, lst)
    _nonempty(tr, n, "stack", loc)
    ax = _axis(axis, t.ndim + 1, loc)
    shape = item(0).shape
    _same_shapes(tr, n, item, shape, "all input arrays must have the same shape", loc)
    out_shape = tuple(shape[:ax]) + (n,) + tuple(shape[ax:])
    out = A.alloc(tr, dtype or t.dtype, out_shape, loc)
    st = A.strides_of(fb, out)
    sub_st = tuple(st[:ax]) + tuple(st[ax + 1:])

    def body(k, c):
        ptr = iadd(fb, out.ptr, imul(fb, imul(fb, k, st[ax]), out.itemsize))
        dest = Arr(out.dtype, ptr, tuple(shape), sub_st, out.root)
        _copy_into(tr, dest, item(k), loc)
        return c
    loop(fb, n, [], body)
    return out


def concatenate(tr, lst, axis, dtype, loc, rows=False):
    """np.concatenate(xs, axis): the list's arrays joined along an axis.
    `rows`: np.vstack of 1-D arrays (each a row: a (1, m) array)."""
    fb = tr.fb
    t = lst.elem
    n, item = _items(tr, lst)
    if rows:
        t = ArrayType(t.dtype, 2)
        item0 = item
        item = (lambda k: _as_row(item0(k)))
    _nonempty(tr, n, "concatenate", loc)
    if t.ndim == 0:
        raise TraceRaise("ValueError", "zero-dimensional arrays cannot be concatenated")
    ax = _axis(axis, t.ndim, loc)
    first = item(0)

    def check(k, c):
        a = item(k)
        for d in range(t.ndim):
            if d == ax:
                continue
            bad = icmp(fb, "ne", a.shape[d], first.shape[d])
            _raise_fmt(tr, bad, "all the input array dimensions except for the concatenation "
                       f"axis must match exactly, but along dimension {d}, the array at index 0 "
                       "has size {} and the array at index {} has size {}",
                       [first.shape[d], k, a.shape[d]], loc)
        return [fb.emit("wadd", [c[0], ic(fb, a.shape[ax])])]
    total = loop(fb, n, [fb.const(0)], check)[0]
    out_shape = tuple(total if d == ax else first.shape[d] for d in range(t.ndim))
    out = A.alloc(tr, dtype or t.dtype, out_shape, loc)
    st = A.strides_of(fb, out)

    def body(k, c):
        a = item(k)
        ptr = iadd(fb, out.ptr, imul(fb, imul(fb, c[0], st[ax]), out.itemsize))
        shape = tuple(a.shape[d] if d == ax else first.shape[d] for d in range(t.ndim))
        _copy_into(tr, Arr(out.dtype, ptr, shape, tuple(st), out.root), a, loc)
        return [fb.emit("wadd", [c[0], ic(fb, a.shape[ax])])]
    loop(fb, n, [fb.const(0)], body)
    return out


_INHOMOGENEOUS = ("setting an array element with a sequence. The requested array has an "
                  "inhomogeneous shape after {} dimensions. The detected shape was ({}) + "
                  "inhomogeneous part.")


def to_array(tr, lst, dtype, loc):
    """np.array(xs): the arrays stacked on a new first axis when their shapes
    are equal, else NumPy 2's inhomogeneous-shape ValueError (naming the
    first dimension where the shapes differ)."""
    fb = tr.fb
    t = lst.elem
    n, item = _items(tr, lst)
    empty = icmp(fb, "eq", n, 0)
    if empty is not False:  # np.array([]) is a 1-D float64 array: not this list's type
        fb.raise_if(empty if isinstance(empty, Var) else fb.const(True), "ValueError",
                    "np.array() of an empty list of arrays: NumPy gives a 1-D float64 array, "
                    "fewer dimensions than the list's type (not supported by py2wasm)", loc)
    shape = item(0).shape
    if t.ndim:
        # NumPy reports the first dimension (from the left) where some item differs
        def body(k, c):
            a = item(iadd(fb, k, 1))
            first = t.ndim  # where this item first differs from item 0 (ndim: nowhere)
            for d in reversed(range(t.ndim)):
                first = A.isel(fb, icmp(fb, "ne", a.shape[d], shape[d]), d, first)
            return [ic(fb, A.imin(fb, c[0], first))]
        m = loop(fb, isub(fb, n, 1), [fb.const(t.ndim)], body)[0]
        for d in range(t.ndim):
            _raise_dims(tr, icmp(fb, "eq", m, d), d + 1, (n,) + tuple(shape[:d]), loc)
    return stack(tr, lst, 0, dtype, loc)


def _raise_dims(tr, cond, d, dims, loc):
    from .lists_arrays import _raise_shape
    if cond is False:
        return
    _raise_shape(tr, cond if isinstance(cond, Var) else tr.fb.const(True), d, list(dims),
                 _INHOMOGENEOUS, loc)


def np_call(tr, fn, args, kwargs, loc):
    """NumPy functions of a list of arrays (np.array, np.asarray, np.stack,
    np.vstack, np.hstack, np.concatenate); other functions: refused."""
    import numpy as np
    from .lists import PyList
    lst = args[0] if args else None
    if not isinstance(lst, PyList) or len(args) > 2 or any(
            isinstance(a, PyList) for a in args[1:]):
        raise error(loc, f"{getattr(fn, '__name__', fn)}() with a list of arrays here is not "
                    "supported", "pass the list as the first argument of np.array, np.stack "
                    "or np.concatenate", E_UNSUPPORTED_CALL)
    dtype = kwargs.get("dtype")
    if dtype is not None:
        dtype = np.dtype(dtype).name
    allowed = {"dtype"} | ({"axis"} if fn in (np.stack, np.concatenate) else set())
    if set(kwargs) - allowed or (len(args) > 1 and fn not in (np.stack, np.concatenate)):
        raise error(loc, f"np.{fn.__name__}() of a list of arrays with these arguments is not "
                    "supported", "call it with the list, axis= and dtype=", E_UNSUPPORTED_CALL)
    axis = args[1] if len(args) > 1 else kwargs.get("axis", 0)
    if fn in (np.array, np.asarray):
        return to_array(tr, lst, dtype, loc)
    if fn is np.stack:
        return stack(tr, lst, axis, dtype, loc)
    if fn is np.concatenate:
        if axis is None:
            raise error(loc, "np.concatenate(xs, axis=None) of a list of arrays is not "
                        "supported", "ravel the arrays first", E_UNSUPPORTED_CALL)
        return concatenate(tr, lst, axis, dtype, loc)
    if fn in (np.vstack, np.hstack) and lst.elem.ndim == 0:
        raise error(loc, f"np.{fn.__name__}() of a list of 0-d arrays is not supported",
                    "make the list of 1-D arrays", E_UNSUPPORTED_CALL)
    if fn is np.vstack:
        return concatenate(tr, lst, 0, dtype, loc, rows=lst.elem.ndim == 1)
    if fn is np.hstack:
        return concatenate(tr, lst, 0 if lst.elem.ndim == 1 else 1, dtype, loc)
    raise error(loc, f"np.{getattr(fn, '__name__', fn)}() of a list of arrays is not supported",
                "loop over the arrays, or make one array first: np.stack(xs)",
                E_UNSUPPORTED_VALUE)
