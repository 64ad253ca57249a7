"""NumPy's advanced indexing during tracing: integer arrays (fancy indexing)
and boolean masks inside index tuples, for reads (`a[idx]`, `a[rows[:, None],
cols]`, `a[mask, j]`) and writes (`a[idx] = v`; `a[idx] += 1` is a read, an
in-place update of the fresh copy, and a write, which gives NumPy's rule that
repeated indices do not accumulate); plus run-time slice steps (`a[::k]`).

Place in the pipeline: frontend value semantics, called by `array_indexing.getitem`
and `array_indexing.setitem` when an index holds an array or a list, and by
`array_indexing.slice_view` for a symbolic step. Arrays are `arrays.Arr` views.

NumPy's rules, as implemented here:
- The index tuple is expanded (`...`, missing trailing axes). Integer arrays,
  lists and boolean arrays are *advanced* indices; so are plain integers when
  any array is present (they only matter for placement). A boolean array of k
  dimensions stands for the k integer arrays of its `nonzero()`.
- The advanced indices broadcast together to a shape B (IndexError "shape
  mismatch: indexing arrays could not be broadcast together with shapes ...").
- If the advanced indices are adjacent in the tuple (`None` separates them),
  B replaces them in place in the result's shape; otherwise B comes first.
- Every index array is bounds-checked (negative indices count from the end)
  before any element is read or written, array after array, with NumPy's
  "index 5 is out of bounds for axis 0 with size 3" (as NumPy, nothing is
  checked when the index arrays broadcast to an empty shape); integers are
  checked while the index is parsed.
- A write broadcasts the value to the result's shape (leading length-1 axes
  of the value may be dropped) and stores in C order of that shape, so the
  last of repeated indices wins. A value or index array that shares memory
  with the destination is copied first.
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from . import array_assign, array_indexing, array_ops, fancy_layout
from . import npscalars as nps
from .arrays import (Arr, Ew, ListLit, Plan, alloc, band, bor, cast, element, ic, icmp, iadd,
                     imax, is_array, isel, known, loop_nest, materialize)
from ..ir import I64, Var
from .values import E_TYPE, TraceRaise, error, scalar_type


# --- which keys are advanced ------------------------------------------------------------------

def wants_fancy(a, key) -> bool:
    """Does indexing `a` with `key` need advanced indexing? (A lone boolean
    mask of the array's full shape keeps its own path: array_indexing.mask_getitem.)"""
    if is_array(key) and key.dtype == "bool":
        return key.ndim != a.ndim
    items = key if isinstance(key, tuple) else (key,)
    return any(isinstance(k, (ListLit, tuple, np.ndarray)) or is_array(k) for k in items)


# --- parsing the index -------------------------------------------------------------------------

class _Index:
    """A parsed advanced index over the basic view `view` of the array:
    `entries` (kind, payload, view dims, array axis), the broadcast shape B,
    the result shape and where B sits in it."""

    def __init__(self, view, entries, bshape, shape, pos, rest_dims):
        self.view = view
        self.entries = entries
        self.bshape = bshape
        self.shape = shape
        self.pos = pos
        self.rest_dims = rest_dims


def _tuples(x):
    return tuple(_tuples(v) for v in x) if isinstance(x, list) else x


def _as_index_array(tr, k, loc):
    if isinstance(k, np.ndarray):  # a global array: its values, known while tracing
        if k.dtype.kind not in "biuf" or k.ndim == 0:
            raise error(loc, f"an array index of dtype {k.dtype} is not supported",
                        "index with an integer or boolean array", E_TYPE)
        k = _tuples(k.tolist()) if k.size else ()
    if isinstance(k, (ListLit, tuple)):
        from .npfuncs_create import array_from
        v = A.unlist(k)
        if v == ():
            raise error(loc, "indexing with an empty list is not supported",
                        "use an empty int64 array", E_TYPE)
        k = array_from(tr, v, None, loc)
    if isinstance(k, Ew):
        k = materialize(tr, k, loc)
    if k.dtype in A.FLOATS:
        raise TraceRaise("IndexError", "arrays used as indices must be of integer (or boolean) "
                         "type")
    return k


def parse(tr, a: Arr, key, loc, *, for_write=False) -> _Index:
    fb = tr.fb
    raw = list(key) if isinstance(key, tuple) else [key]
    items = []
    from .array_indexing import _index_value
    for k in raw:
        k = _index_value(k, loc, fb)  # NumPy integer scalars (and slice bounds) as ints
        if isinstance(k, (ListLit, tuple, np.ndarray)) or is_array(k):
            k = _as_index_array(tr, k, loc)
            if for_write and k.root is not None and k.root == a.root:
                k = array_assign.copy(tr, k, loc)  # the write must not change the index
        elif k is None or k is Ellipsis or isinstance(k, slice):
            pass
        elif type(k) is int or (isinstance(k, Var) and k.type is I64):
            pass
        else:
            raise error(loc, f"an array index of type {A._tn(k)} is not supported",
                        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis "
                        "(`None`) and integer or boolean arrays are valid indices", E_TYPE)
        items.append(k)
    if sum(1 for k in items if k is Ellipsis) > 1:
        raise TraceRaise("IndexError", "an index can only have a single ellipsis ('...')")

    def width(k):
        if k is None or k is Ellipsis:
            return 0
        if is_array(k) and k.dtype == "bool":
            return k.ndim
        return 1
    nreal = sum(width(k) for k in items)
    if nreal > a.ndim:
        raise TraceRaise("IndexError", f"too many indices for array: array is {a.ndim}-"
                         f"dimensional, but {nreal} were indexed")
    if Ellipsis in items:
        e = items.index(Ellipsis)
        items = items[:e] + [slice(None)] * (a.ndim - nreal) + items[e + 1:]
    else:
        items = items + [slice(None)] * (a.ndim - nreal)
    # the basic part: slices and None applied, advanced axes kept whole
    base = []
    for k in items:
        if k is None or isinstance(k, slice):
            base.append(k)
        else:
            base.extend([slice(None)] * width(k))
    view = array_indexing.getitem(tr, a, tuple(base), loc)
    entries = []   # (kind, payload, view dims, first array axis)
    positions = []
    vd = ad = 0
    for p, k in enumerate(items):
        if k is None:
            vd += 1
            continue
        if isinstance(k, slice):
            vd += 1
            ad += 1
            continue
        positions.append(p)
        if not is_array(k):
            j = array_indexing.check_index(fb, k, view.shape[vd], ad, loc)
            entries.append(("int", j, (vd,), ad))
        elif k.dtype == "bool":
            array_indexing.mask_shape_check(fb, k, view.shape[vd:vd + k.ndim], ad, loc)
            entries.append(("mask", nonzero(tr, k, loc), tuple(range(vd, vd + k.ndim)), ad))
        else:
            entries.append(("arr", k, (vd,), ad))
        w = width(k)
        vd += w
        ad += w
    shapes = []
    for kind, pay, _, _ in entries:
        if kind == "arr":
            shapes.append(pay.shape)
        elif kind == "mask":
            shapes.extend(x.shape for x in pay)
    bshape = _broadcast_indices(fb, shapes, loc)
    adv_dims = {d for e in entries for d in e[2]}
    rest_dims = [d for d in range(view.ndim) if d not in adv_dims]
    adjacent = positions == list(range(positions[0], positions[0] + len(positions)))
    first = min(adv_dims)
    pos = sum(1 for d in rest_dims if d < first) if adjacent else 0
    rest_shape = [view.shape[d] for d in rest_dims]
    shape = tuple(rest_shape[:pos]) + tuple(bshape) + tuple(rest_shape[pos:])
    return _Index(view, entries, bshape, shape, pos, rest_dims)


def _broadcast_indices(fb, shapes, loc):
    return A.broadcast_shapes(fb, shapes, loc, msg_head="shape mismatch: indexing arrays "
                              "could not be broadcast together with shapes ", exc="IndexError")


def nonzero(tr, mask, loc) -> list:
    """The int64 index arrays of a boolean array's true elements, in C order
    (NumPy's `nonzero()`): one array per dimension."""
    fb = tr.fb
    mask = materialize(tr, mask, loc)
    count = array_indexing._mask_count(tr, mask, loc)
    outs = [alloc(tr, "int64", (count,), loc) for _ in range(max(mask.ndim, 1))]
    plan = Plan(fb, mask, mask.shape)

    def body(idx, cs):
        k = cs[0]
        then, join = fb.new_block(), fb.new_block([I64])
        fb.cond_br(element(tr, mask, idx, plan, loc), then, join, [], [k])
        fb.set_block(then)
        for out, i in zip(outs, idx):
            A.store(fb, out, [k], i)
        fb.br(join, [fb.emit("wadd", [k, fb.const(1)])])
        fb.set_block(join)
        return [join.params[0]]
    loop_nest(fb, mask.shape, [fb.const(0)], body)
    return outs


# --- bounds checks and addressing ----------------------------------------------------------------

def _check_bounds(tr, ix: _Index, loc, when=True):
    """Every element of every integer index array in range (in order), when
    `when` (a bool or an i1 Var) holds."""
    fb = tr.fb
    # NumPy checks nothing when the index arrays broadcast to an empty shape
    nonempty = band(fb, icmp(fb, "ne", A.iprod(fb, ix.bshape), 0), when)
    if nonempty is False:
        return
    for kind, arr, dims, axis in ix.entries:
        if kind != "arr":
            continue
        n = ix.view.shape[dims[0]]
        plan = Plan(fb, arr, arr.shape)
        msg = "index {0} is out of bounds for axis %d with size {1}" % axis

        def body(idx, cs, arr=arr, plan=plan, n=n, msg=msg):
            i = element(tr, arr, idx, plan, loc)
            j = isel(fb, icmp(fb, "lt", i, 0), iadd(fb, i, n), i)
            oob = band(fb, nonempty, bor(fb, icmp(fb, "lt", j, 0), icmp(fb, "ge", j, n)))
            fb.emit_multi("raise_if_fmt", [oob, i, ic(fb, n)],
                          {"exc": "IndexError", "msg": msg}, loc=loc)
            return cs
        loop_nest(fb, arr.shape, [], body)


def _planner(tr, ix: _Index):
    fb = tr.fb
    plans = []
    for kind, pay, dims, _ in ix.entries:
        if kind == "arr":
            plans.append(Plan(fb, pay, ix.bshape))
        elif kind == "mask":
            plans.append([Plan(fb, x, ix.bshape) for x in pay])
        else:
            plans.append(None)
    return plans


def _address(tr, ix: _Index, plans, r, loc):
    """The byte address in the array of result element r."""
    fb = tr.fb
    nb = len(ix.bshape)
    b = list(r[ix.pos:ix.pos + nb])
    rest = list(r[:ix.pos]) + list(r[ix.pos + nb:])
    vidx = [None] * ix.view.ndim
    for d, i in zip(ix.rest_dims, rest):
        vidx[d] = i
    for (kind, pay, dims, _), plan in zip(ix.entries, plans):
        if kind == "int":
            vidx[dims[0]] = pay
        elif kind == "arr":
            i = fb.emit("load", [plan.addr(pay, b)], {"dtype": pay.dtype})
            n = ix.view.shape[dims[0]]
            vidx[dims[0]] = isel(fb, icmp(fb, "lt", i, 0), iadd(fb, i, n), i)
        else:
            for d, x, p in zip(dims, pay, plan):
                vidx[d] = fb.emit("load", [p.addr(x, b)], {"dtype": "int64"})
    return ic(fb, A.address(fb, ix.view, vidx))


# --- reads and writes --------------------------------------------------------------------------

def getitem(tr, a, key, loc, check_when=True, numpy_layout=True) -> Arr:
    """a[key] with advanced indices: a new array (`check_when`: the condition
    under which indices are bounds-checked; numpy.take skips them when no
    element is taken), laid out as NumPy lays it out (fancy_layout.py; C
    order when not `numpy_layout`, as numpy.take)."""
    fb = tr.fb
    a = materialize(tr, a, loc)
    ix = parse(tr, a, key, loc)
    _check_bounds(tr, ix, loc, check_when)
    out = alloc(tr, a.dtype, ix.shape, loc)
    st = fancy_layout.result_strides(fb, ix.view, ix.rest_dims, ix.bshape, ix.pos) \
        if numpy_layout else None
    if st is not None:
        out = Arr(out.dtype, out.ptr, out.shape, st, out.root)
    plans = _planner(tr, ix)
    ost = A.strides_of(fb, out)

    def body(r, cs):
        x = fb.emit("load", [_address(tr, ix, plans, r, loc)], {"dtype": a.dtype})
        A.store(fb, out, r, x, ost)
        return cs
    loop_nest(fb, ix.shape, [], body)
    return out


def setitem(tr, a: Arr, key, value, loc) -> None:
    """a[key] = value with advanced indices."""
    fb = tr.fb
    ix = parse(tr, a, key, loc, for_write=True)
    if isinstance(value, (tuple, ListLit)):  # converted to a's dtype, as NumPy does
        from .array_indexing import _listed
        value = _listed(tr, a, value, loc)
    if is_array(value):
        roots = array_assign._roots(value, [])
        if a.root is None or any(r is None or r == a.root for r in roots):
            value = array_assign.copy(tr, value, loc)
        value = _fit_value(tr, value, ix.shape, loc)
        src = value.dtype
        vplan = Plan(fb, value, ix.shape)
    else:
        if scalar_type(value) is None and not nps.is_np(value):
            raise error(loc, f"assigning a {A._tn(value)} to array elements is not supported",
                        "assign numbers or arrays", E_TYPE)
        x = array_assign.scalar_to_dtype(tr, value, a.dtype, loc, np_astype=True)  # NumPy's
    _check_bounds(tr, ix, loc)
    plans = _planner(tr, ix)

    def body(r, cs):
        if is_array(value):
            v = cast(fb, element(tr, value, r, vplan, loc), src, a.dtype, loc)
        else:
            v = x
        fb.emit_multi("store", [_address(tr, ix, plans, r, loc), v], {"dtype": a.dtype})
        return cs
    loop_nest(fb, ix.shape, [], body)


def _fit_value(tr, value, shape, loc, message=None):
    """`value` broadcastable to `shape` (NumPy's setitem: extra leading axes
    of length 1 are dropped, and any extra leading axes of an empty value
    into an empty result: NumPy's map iterator never checks them), else
    NumPy's ValueError."""
    fb = tr.fb
    vshape = value.shape
    extra = len(vshape) - len(shape)
    bad = False
    for s in vshape[:max(extra, 0)]:
        bad = bor(fb, bad, icmp(fb, "ne", s, 1))
    if bad is not False:  # unchecked when both the value and the result are empty
        both_empty = band(fb, icmp(fb, "eq", A.iprod(fb, vshape), 0),
                          icmp(fb, "eq", A.iprod(fb, shape), 0))
        bad = band(fb, bad, A.bnot(fb, both_empty))
    for vs, ds in zip(vshape[::-1], shape[::-1]):
        if (known(vs) and vs == 1) or vs is ds:
            continue
        bad = bor(fb, bad, band(fb, icmp(fb, "ne", vs, 1), icmp(fb, "ne", vs, ds)))
    if bad is not False:
        args: list = []
        msg = ("shape mismatch: value array of shape " + A._fmt_shape(vshape, args)
               + " could not be broadcast to indexing result of shape "
               + A._fmt_shape(shape, args))
        if bad is True and not args:
            raise TraceRaise("ValueError", msg)
        if len(args) > 8:
            args, msg = [], "shape mismatch: value array could not be broadcast to indexing " \
                "result"
        if message is not None:  # np.<ufunc>.at words it so
            args, msg = [], message
        fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                      + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": msg}, loc=loc)
    if extra > 0:
        value = materialize(tr, value, loc, contiguous=True)
        value = Arr(value.dtype, value.ptr, value.shape[extra:], None, value.root)
    return value


# --- run-time slice steps ------------------------------------------------------------------------

def slice_view_dynamic(fb, s: slice, n, loc):
    """(start, length, step) of slice `s` with a symbolic int step on an axis
    of size n: Python's slice.indices with both signs of the step computed and
    selected; a zero step raises ValueError at run time."""
    step = s.step
    fb.raise_if(fb.emit("eq", [step, fb.const(0)]), "ValueError", "slice step cannot be zero",
                loc)
    pos = fb.emit("gt", [step, fb.const(0)])
    last = iadd(fb, n, -1)
    lower = isel(fb, pos, 0, -1)
    upper = isel(fb, pos, n, last)

    def bound(b, default):
        if b is None:
            return default
        neg = icmp(fb, "lt", b, 0)
        return isel(fb, neg, imax(fb, iadd(fb, b, n), lower), A.imin(fb, b, upper))
    start = bound(s.start, isel(fb, pos, 0, last))
    stop = bound(s.stop, isel(fb, pos, n, -1))
    span = isel(fb, pos, A.isub(fb, stop, start), A.isub(fb, start, stop))
    # |step|, with CPython's clamp of -2**63 to -(2**63 - 1); the length is
    # (span - 1) // mag + 1 for span > 0 (span + mag - 1 would wrap for a
    # step near 2**63: s[::2**63 - 1] is s[0])
    mag = isel(fb, pos, step, fb.emit("wsub", [fb.const(0), A.imax(fb, step, -(2**63 - 1))]))
    q = fb.emit("floordiv", [ic(fb, iadd(fb, span, -1)), ic(fb, mag)])
    length = isel(fb, icmp(fb, "gt", span, 0), iadd(fb, q, 1), 0)
    return start, length, step


# --- unpacking ------------------------------------------------------------------------------------

def unpack(tr, v, count: int, loc) -> tuple:
    """`a, b = arr`: the items of axis 0 (views, or scalars of a 1-D array),
    with Python's ValueError when the length is not `count`."""
    fb = tr.fb
    a = materialize(tr, v, loc)
    if a.ndim == 0:  # pragma: no cover - no 0-d arrays
        raise TraceRaise("TypeError", "iteration over a 0-d array")
    n = a.shape[0]
    if known(n):
        if n > count:
            raise TraceRaise("ValueError", f"too many values to unpack (expected {count})")
        if n < count:
            raise TraceRaise("ValueError", f"not enough values to unpack (expected {count}, "
                             f"got {n})")
    else:
        fb.raise_if(fb.emit("gt", [n, fb.const(count)]), "ValueError",
                    f"too many values to unpack (expected {count})", loc)
        fb.emit_multi("raise_if_fmt", [fb.emit("lt", [n, fb.const(count)]), n],
                      {"exc": "ValueError", "msg": "not enough values to unpack (expected "
                       f"{count}, got {{0}})"}, loc=loc)
    return tuple(array_ops.iter_item(tr, a, i, loc) for i in range(count))
