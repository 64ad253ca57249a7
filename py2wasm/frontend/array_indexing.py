"""Subscripts on NumPy arrays during tracing: `a[...]` reads (integers,
slices, `None`, `...`, boolean masks; fancy indexing is in indexing_fancy.py),
`a[...] = v` writes, bounds checks and NumPy's IndexError messages.

Place in the pipeline: frontend value semantics, on top of arrays.py (the
`Arr` view, element access, `assign`); called by the opcode handlers for
BINARY_SUBSCR / STORE_SUBSCR and by the NumPy functions that index.
"""
from __future__ import annotations

from ..ir import I64, Var
from ..ir.types import INT_BITS
from . import npscalars as nps
from .values import E_TYPE, E_UNSUPPORTED_VALUE, error, scalar_type, TraceRaise
from .array_assign import assign, copy, scalar_to_dtype
from .arrays import (_C_LONG, _cx, _tn, alloc, Arr, band, bor, cast, check_writeable, element,
                     Ew, iadd, ic, icmp, ifloordiv_pos, imax, imin, imul, is_array, isel, isub,
                     known, load, loop_nest, materialize, Plan, settle, size_of, store,
                     strides_of, unlist)


def check_index(fb, i, n, axis: int, loc):
    """The non-negative index for `i` on an axis of size `n`, after NumPy's
    IndexError check."""
    msg = "index {0} is out of bounds for axis %d with size {1}" % axis
    if known(i) and known(n):
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise TraceRaise("IndexError", msg.format(i, n))
        return j
    j = isel(fb, icmp(fb, "lt", i, 0), iadd(fb, i, n), i)
    oob = bor(fb, icmp(fb, "lt", j, 0), icmp(fb, "ge", j, n))
    if oob is True:
        raise TraceRaise("IndexError", msg.format(i, n))  # pragma: no cover - needs known n
    if oob is not False:
        fb.emit_multi("raise_if_fmt", [oob, ic(fb, i), ic(fb, n)],
                      {"exc": "IndexError", "msg": msg}, loc=loc)
    return j


def slice_view(fb, s: slice, n, loc=None):
    """(start, length, step) of slice `s` on an axis of size n (Python's
    slice.indices, symbolic when needed)."""
    step = 1 if s.step is None else s.step
    if isinstance(step, Var) and step.type is I64:
        from .indexing_fancy import slice_view_dynamic
        return slice_view_dynamic(fb, s, n, loc)
    if isinstance(step, Var) or type(step) not in (int, bool):
        raise _BadIndex(step, "step")
    if step == 0:
        raise TraceRaise("ValueError", "slice step cannot be zero")
    for b in (s.start, s.stop):
        if b is not None and not (isinstance(b, Var) and b.type is I64) and \
                type(b) not in (int, bool):
            raise _BadIndex(b, "bound")

    def clamp(b, lo_when_neg, hi):
        # b < 0: max(b + n, lo_when_neg); else min(b, hi)
        neg = icmp(fb, "lt", b, 0)
        return isel(fb, neg, imax(fb, iadd(fb, b, n), lo_when_neg), imin(fb, b, hi))

    if step > 0:
        start = 0 if s.start is None else clamp(s.start, 0, n)
        stop = n if s.stop is None else clamp(s.stop, 0, n)
        span, mag = isub(fb, stop, start), step
    else:
        start = isub(fb, n, 1) if s.start is None else clamp(s.start, -1, isub(fb, n, 1))
        stop = -1 if s.stop is None else clamp(s.stop, -1, isub(fb, n, 1))
        span, mag = isub(fb, start, stop), min(-step, 2**63 - 1)  # CPython clamps -2**63
    return start, slice_length(fb, span, mag), step


def slice_length(fb, span, mag):
    """How many items a slice takes: ceil(span / mag) for span > 0, else 0
    (mag > 0 known). For a step near 2**63, `span + mag - 1` would wrap, so
    it is then CPython's (span - 1) // mag + 1 (s[::2**63 - 1] is s[0])."""
    if mag <= 2**62:
        return imax(fb, 0, ifloordiv_pos(fb, iadd(fb, span, mag - 1), mag))
    return isel(fb, icmp(fb, "gt", span, 0), iadd(fb, ifloordiv_pos(fb, isub(fb, span, 1), mag), 1), 0)


class _BadIndex(Exception):
    def __init__(self, v, what):
        self.v = v
        self.what = what


def _is_mask(key) -> bool:
    return is_array(key) and key.dtype == "bool"


def _mask_check(tr, a: Arr, mask, loc):
    """NumPy's IndexError when a boolean index's shape differs from a's."""
    fb = tr.fb
    if mask.ndim != a.ndim:
        raise error(loc, f"a {mask.ndim}-D boolean index on a {a.ndim}-D array is not "
                    "supported", "use a mask of the array's shape", E_UNSUPPORTED_VALUE)
    mask_shape_check(fb, mask, a.shape, 0, loc)


def mask_shape_check(fb, mask, sizes, axis0, loc):
    """NumPy's IndexError when the boolean index `mask` does not match the
    indexed axes' `sizes` (the first of them is axis `axis0`)."""
    for d, (n, m) in enumerate(zip(sizes, mask.shape)):
        msg = ("boolean index did not match indexed array along axis %d; size of axis is {0} "
               "but size of corresponding boolean axis is {1}" % (axis0 + d))
        bad = icmp(fb, "ne", n, m)
        if bad is True:
            raise TraceRaise("IndexError", msg.format(n, m))
        if bad is not False:
            fb.emit_multi("raise_if_fmt", [bad, ic(fb, n), ic(fb, m)],
                          {"exc": "IndexError", "msg": msg}, loc=loc)


def _mask_count(tr, mask, loc):
    fb = tr.fb
    plan = Plan(fb, mask, mask.shape)
    return loop_nest(fb, mask.shape, [fb.const(0)], lambda idx, cs: [fb.emit("wadd", [
        cs[0], fb.emit("convert", [element(tr, mask, idx, plan, loc)], {"to": I64})])])[0]


def mask_getitem(tr, a: Arr, mask, loc) -> Arr:
    """a[mask]: a new 1-D array of the selected elements in C order."""
    fb = tr.fb
    _mask_check(tr, a, mask, loc)
    count = _mask_count(tr, mask, loc)
    out = alloc(tr, a.dtype, (count,), loc)
    node = Ew("where", (mask, a, a), a.dtype, a.shape, ("bool", a.dtype, a.dtype))
    plan = Plan(fb, node, a.shape)

    def body(idx, cs):
        k = cs[0]
        sel = element(tr, mask, idx, plan, loc)
        then, join = fb.new_block(), fb.new_block([I64])
        fb.cond_br(sel, then, join, [], [k])
        fb.set_block(then)
        store(fb, out, [k], element(tr, a, idx, plan, loc))
        fb.br(join, [fb.emit("wadd", [k, fb.const(1)])])
        fb.set_block(join)
        return [join.params[0]]
    loop_nest(fb, a.shape, [fb.const(0)], body)
    return out


def mask_value(tr, a: Arr, mask, value, loc) -> Arr:
    """The array assigned by `a[mask] = value` checked as NumPy checks it
    (a 0-d or 1-D value of one element or one per true element: NumPy's
    TypeError and ValueError), as a contiguous 1-D array
    not sharing a's memory (the mask's shape is checked first: `_mask_check`)."""
    fb = tr.fb
    if value.ndim > 1:  # NumPy's words (also for leading axes of length 1)
        raise TraceRaise("TypeError", "NumPy boolean array indexing assignment requires a "
                         f"0 or 1-dimensional input, input has {value.ndim} dimensions")
    value = materialize(tr, value, loc, contiguous=True)
    if value.ndim == 0:  # one value for every true element
        value = Arr(value.dtype, value.ptr, (1,), None, value.root)
    if value.root is not None and value.root == a.root:
        value = copy(tr, value, loc)
    count = _mask_count(tr, materialize(tr, mask, loc), loc)
    n = value.shape[0]
    bad = band(fb, icmp(fb, "ne", n, count), icmp(fb, "ne", n, 1))
    msg = ("NumPy boolean array indexing assignment cannot assign {0} input values to the "
           "{1} output values where the mask is true")
    if bad is True:
        raise TraceRaise("ValueError", msg.format(n, count))
    if bad is not False:
        fb.emit_multi("raise_if_fmt", [bad, ic(fb, n), ic(fb, count)],
                      {"exc": "ValueError", "msg": msg}, loc=loc)
    return value


def mask_setitem(tr, a: Arr, mask, value, loc) -> None:
    """a[mask] = value: a number, or an array of one value per true element
    (or of one element), in C order."""
    fb = tr.fb
    _mask_check(tr, a, mask, loc)
    mask = materialize(tr, mask, loc)
    if is_array(value):
        value = mask_value(tr, a, mask, value, loc)
        step = isel(fb, icmp(fb, "eq", value.shape[0], 1), 0, 1)
    else:  # a NumPy scalar is cast like astype (a Python number is range-checked)
        x = scalar_to_dtype(tr, value, a.dtype, loc, np_astype=True)
    plan = Plan(fb, Ew("where", (mask, a, a), a.dtype, a.shape, ("bool", a.dtype, a.dtype)),
                a.shape)

    def body(idx, cs):
        k = cs[0]
        sel = element(tr, mask, idx, plan, loc)
        then, join = fb.new_block(), fb.new_block([I64])
        fb.cond_br(sel, then, join, [], [k])
        fb.set_block(then)
        if is_array(value):
            v = cast(fb, load(fb, value, [imul(fb, k, step)]), value.dtype, a.dtype, loc)
        else:
            v = x
        fb.emit_multi("store", [plan.addr(a, idx), v], {"dtype": a.dtype})
        fb.br(join, [fb.emit("wadd", [k, fb.const(1)])])
        fb.set_block(join)
        return [join.params[0]]
    loop_nest(fb, a.shape, [fb.const(0)], body)


def _index_value(k, loc, fb=None):
    """An index item with NumPy integer scalars as Python ints (NumPy takes
    them as indices; a numpy.uint64 from 2**63 up raises OverflowError, as
    NumPy's conversion to a C long; a numpy.bool_ index is not supported)."""
    if nps.is_np(k) and nps.dtype_name(k) == "uint64" and fb is not None:
        if type(k) is not nps.NpScalar:
            if int(k) >= 2**63:
                raise TraceRaise("OverflowError", _C_LONG)
            return int(k)
        fb.raise_if(fb.emit("lt", [k.var, fb.const(0, I64)]), "OverflowError", _C_LONG, loc=loc)
        return k.var  # below 2**63: the same bits as an int64
    if nps.is_np(k):
        if nps.dtype_name(k) not in INT_BITS or nps.dtype_name(k) == "uint64":
            raise error(loc, f"an array index of type {nps.type_name(nps.dtype_name(k))} is "
                        "not supported", "index with ints, slices, None or ...", E_TYPE)
        return nps.demote(k, loc=loc)
    if isinstance(k, slice) and any(nps.is_np(x) for x in (k.start, k.stop, k.step)):
        return slice(*(_slice_bound(x, loc, fb) for x in (k.start, k.stop, k.step)))
    return k


def _slice_bound(x, loc, fb):
    """A NumPy integer slice bound as a Python int. A numpy.uint64 from 2**63
    up is 2**63 - 1: CPython clamps a slice bound to the index range
    (PySlice_Unpack), so `a[~np.uint64(100):]` is empty, not an error."""
    if nps.is_np(x) and nps.dtype_name(x) == "uint64":
        if type(x) is not nps.NpScalar:
            return min(int(x), 2**63 - 1)
        if fb is not None:
            big = fb.emit("lt", [x.var, fb.const(0, I64)])  # the bits of 2**63 and up
            return fb.emit("select", [big, fb.const(2**63 - 1, I64), x.var])
    return nps.demote(x, loc=loc)


def _complex_fancy(a, key) -> bool:
    """A complex array indexed by a mask or an integer array (complex_fancy.py)."""
    from . import indexing_fancy
    return _cx(a.dtype) and (indexing_fancy.wants_fancy(a, key) or _is_mask(key))


def getitem(tr, a, key, loc, _addr=False):
    """a[key]: an element (Python scalar trace value) or a view. `_addr`:
    an element is returned as (array, address) instead (getitem_view)."""
    a = materialize(tr, a, loc)
    fb = tr.fb
    from . import indexing_fancy
    if _complex_fancy(a, key):
        from . import complex_fancy
        return complex_fancy.getitem(tr, a, key, loc)
    if indexing_fancy.wants_fancy(a, key):
        return indexing_fancy.getitem(tr, a, key, loc)
    if _is_mask(key):
        return mask_getitem(tr, a, key, loc)
    items = tuple(_index_value(k, loc, fb) for k in (key if isinstance(key, tuple) else (key,)))
    for k in items:
        if is_array(k):
            raise error(loc, "indexing an array with an integer array (fancy indexing), or "
                        "with a boolean array inside a tuple, is not supported",
                        "use slices, a boolean mask of the array's shape, or a loop",
                        E_UNSUPPORTED_VALUE)
        if type(k) is bool or (isinstance(k, Var) and k.type is not I64):
            raise error(loc, f"an array index of type {_tn(k)} is not supported",
                        "index with ints, slices, None or ...", E_TYPE)
    nreal = sum(1 for k in items if k is not None and k is not Ellipsis)
    if sum(1 for k in items if k is Ellipsis) > 1:
        raise TraceRaise("IndexError", "an index can only have a single ellipsis ('...')")
    if nreal > a.ndim:
        raise TraceRaise("IndexError", f"too many indices for array: array is {a.ndim}-"
                         f"dimensional, but {nreal} were indexed")
    zero_d = Ellipsis in items  # every axis taken by an int: NumPy's 0-d view
    if Ellipsis in items:
        k = items.index(Ellipsis)
        items = items[:k] + (slice(None),) * (a.ndim - nreal) + items[k + 1:]
    else:
        items = items + (slice(None),) * (a.ndim - nreal)
    strides = strides_of(fb, a)
    off = 0
    shape, nstrides = [], []
    d = 0
    for k in items:
        if k is None:
            shape.append(1)
            nstrides.append(0)
            continue
        n, st = a.shape[d], strides[d]
        if isinstance(k, slice):
            try:
                start, length, step = slice_view(fb, k, n, loc)
            except _BadIndex as e:
                if e.what == "step":
                    raise error(loc, "a slice step must be an int known when compiling, got "
                                f"{'a run-time ' if isinstance(e.v, Var) else ''}{_tn(e.v)}",
                                "write the step as a constant", E_TYPE) from None
                raise error(loc, f"a slice bound of type {_tn(e.v)} is not supported",
                            "use ints or None", E_TYPE) from None
            off = iadd(fb, off, imul(fb, start, st))
            shape.append(length)
            nstrides.append(imul(fb, st, step))
        elif isinstance(k, Var) or type(k) is int:
            j = check_index(fb, k, n, d, loc)
            off = iadd(fb, off, imul(fb, j, st))
        else:
            raise error(loc, f"an array index of type {_tn(k)} is not supported",
                        "only integers, slices (`:`), ellipsis (`...`) and numpy.newaxis "
                        "(`None`) are valid indices", E_TYPE)
        d += 1
    ptr = iadd(fb, a.ptr, imul(fb, off, a.itemsize))
    if not shape and _addr:
        return (a, ic(fb, ptr))
    if not shape and zero_d and not _cx(a.dtype):
        return Arr(a.dtype, ptr, (), None, a.root, readonly=a.readonly)
    if not shape and _cx(a.dtype):
        from .complex_scalars import element_scalar
        return element_scalar(fb, a.dtype, ic(fb, ptr), loc)
    if not shape:
        return nps.NpScalar(a.dtype, fb.emit("load", [ic(fb, ptr)], {"dtype": a.dtype}, loc=loc))
    # a view that drops leading axes of a C-contiguous array and keeps the rest
    # whole stays C-contiguous
    keep_c = a.strides is None and all(
        not isinstance(k, slice) for k in items[:len(items) - len(shape)]) and all(
        isinstance(k, slice) and k == slice(None) for k in items[len(items) - len(shape):])
    # a basic-slicing view of a C-contiguous array keeps C order of magnitude
    # (korder_layout: its K order is C order)
    return Arr(a.dtype, ptr, shape, None if keep_c else nstrides, a.root,
               a.strides is None or a.c_order, a.readonly)


def setitem(tr, a, key, value, loc):
    if isinstance(a, Ew):
        raise error(loc, "assigning into the result of an expression has no effect",
                    "store the expression in a variable first", E_TYPE)
    check_writeable(tr.fb, a, "assignment destination is read-only", loc)
    from . import indexing_fancy, lists
    if _complex_fancy(a, key):
        from . import complex_fancy
        if lists.is_list(value):
            value = lists.to_array(tr, value, loc)
        return complex_fancy.setitem(tr, a, key, value, loc)
    pylist = lists.is_list(value)
    if pylist and (indexing_fancy.wants_fancy(a, key) or _is_mask(key)):
        value, pylist = lists.to_array(tr, value, loc), False
    if indexing_fancy.wants_fancy(a, key):
        return indexing_fancy.setitem(tr, a, key, value, loc)
    if _is_mask(key):
        return mask_setitem(tr, a, key, _listed(tr, a, value, loc), loc)
    view = getitem_view(tr, a, key, loc)
    if pylist and not isinstance(view, tuple):  # a[:] = xs
        value, pylist = lists.to_array(tr, value, loc), False
    if not isinstance(view, tuple) and _number_sequence(value):
        value = _listed(tr, a, value, loc)  # a[i] = (x, y, z): NumPy converts it
    if isinstance(view, tuple):  # a single element
        arr, ptr = view
        fb = tr.fb
        if is_array(value) and value.ndim:
            value = _array_into_element(tr, value, arr.dtype, loc)
        elif isinstance(unlist(value), tuple) or pylist:
            value = _sequence_into_element(tr, value, arr.dtype, loc)
        x = scalar_to_dtype(tr, value, arr.dtype, loc)
        if _cx(arr.dtype):
            from .complex_arrays import store_at
            store_at(fb, ic(fb, ptr), x, arr.dtype, loc)
            return
        fb.emit_multi("store", [ic(fb, ptr), x], {"dtype": arr.dtype}, loc=loc)
        return
    from .lists import ListLit
    if isinstance(value, ListLit):
        value = _listed(tr, a, value, loc)
    assign(tr, view, settle(tr, value, loc) if isinstance(value, tuple) else value, loc,
           setitem=True)


_SEQUENCE = "setting an array element with a sequence."


def _array_into_element(tr, value, dtype: str, loc):
    """`a[i] = v` for an array v of one or more dimensions: NumPy's ValueError,
    except into a bool element, whose setitem takes the truth of v
    (PyObject_IsTrue: one element, NaN is True); any other size is the same
    ValueError there. A complex element calls complex() on v: TypeError."""
    if _cx(dtype):
        raise TraceRaise("TypeError", "only 0-dimensional arrays can be converted to Python "
                                      "scalars")
    if dtype != "bool":
        raise TraceRaise("ValueError", _SEQUENCE)
    fb = tr.fb
    v = materialize(tr, value, loc)
    bad = icmp(fb, "ne", size_of(fb, v), 1)
    if bad is True:
        raise TraceRaise("ValueError", _SEQUENCE)
    if bad is not False:
        fb.raise_if(bad, "ValueError", _SEQUENCE, loc)
    from .array_ops import truth
    return truth(tr, v, loc)


def _sequence_into_element(tr, value, dtype: str, loc):
    """`a[i] = [x, y]` (a list or tuple), as NumPy's setitem of each dtype
    converts it: a float element raises ValueError, an integer one int()'s
    TypeError, a complex one complex()'s; a bool element takes the
    sequence's truth (not empty)."""
    kind = "tuple" if isinstance(value, tuple) else "list"
    if _cx(dtype):
        raise TraceRaise("TypeError", f"must be real number, not {kind}")
    if dtype in ("float64", "float32"):
        raise TraceRaise("ValueError", _SEQUENCE)
    if dtype != "bool":
        raise TraceRaise("TypeError", "int() argument must be a string, a bytes-like object "
                                      f"or a real number, not '{kind}'")
    if not isinstance(value, tuple) and not isinstance(unlist(value), tuple):  # a PyList
        from . import lists
        return lists.truth(tr, value)
    return len(unlist(value)) > 0


def _number_sequence(v) -> bool:
    """A tuple or list literal of numbers (nested: rectangular or not)."""
    v = unlist(v)
    if not isinstance(v, tuple):
        return False
    return all(_number_sequence(x) if isinstance(unlist(x), tuple) else
               not is_array(x) and (scalar_type(x) is not None or nps.is_np(x)) for x in v)


def _listed(tr, a, value, loc):
    """A list literal or tuple of numbers written through a mask, an index
    array or a slice: an array of a's dtype, as NumPy converts it (so
    `u8[m] = [-1, 300]` raises NumPy's OverflowError)."""
    from .lists import ListLit
    if not isinstance(value, (tuple, ListLit)):
        return value
    from .arrays import unlist
    from .npfuncs_create import array_from
    return array_from(tr, unlist(value), a.dtype if not _cx(a.dtype) else None, loc)


def getitem_view(tr, a, key, loc):
    """Like getitem, but an element is returned as (array, address)."""
    fb = tr.fb
    if _cx(a.dtype):
        return getitem(tr, a, key, loc, _addr=True)
    r = getitem(tr, a, key, loc)
    if isinstance(r, nps.NpScalar):
        r = r.var
    if isinstance(r, Var):
        # getitem ended with the element load: drop it and keep its address
        e = fb.block.eqns[-1]
        assert e.prim == "load" and e.outs[0] is r
        fb.block.eqns.pop()
        return (a, e.ins[0])
    return r
