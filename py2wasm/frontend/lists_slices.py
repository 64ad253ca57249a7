"""`del xs[i]`, `del xs[a:b:c]` and slice assignment `xs[a:b] = ys` on lists
(frontend; the list layout and primitives are lists.py's).

CPython's semantics: `del xs[i]` raises `IndexError('list assignment index
out of range')`; a deleted slice is any slice (steps of either sign, run-time
bounds and step); `xs[a:b] = ys` with step 1 replaces the region (any length:
the list grows or shrinks), with another step the lengths must match
(`ValueError: attempt to assign sequence of size m to extended slice of size
k`); the value is read before the list changes (`xs[1:] = xs` works).
"""
from __future__ import annotations

from ..ir import I64, Var
from .arrays import band, iadd, icmp, imul, isel, isub, known, loop
from .values import E_TYPE, TraceRaise, error

_DEL_MSG = "list assignment index out of range"


def delitem(tr, lst, key, loc):
    from .lists import _field, _index, _load, _store, _set_field, length, mutates
    if isinstance(key, slice):
        return _del_slice(tr, lst, key, loc)
    fb = tr.fb
    mutates(tr, lst)
    n = length(fb, lst)
    j = _index(tr, key, n, _DEL_MSG, loc)
    if lst.elem is None:  # empty at run time: every index is out of range
        raise TraceRaise("IndexError", _DEL_MSG)
    data = _field(fb, lst, 16)
    last = isub(fb, n, 1)

    def shift(k, c):
        p = iadd(fb, j, k)
        _store(fb, lst.elem, data, p, _load(fb, lst.elem, data, iadd(fb, p, 1)))
        return c
    loop(fb, isub(fb, last, j), [], shift)
    _set_field(fb, lst, 0, last)


def _bounds(tr, lst, s: slice, loc):
    from .array_indexing import slice_view
    from .lists import length
    from .values import scalar_type
    from ..ir import BOOL
    for b in (s.start, s.stop, s.step):
        if b is not None and scalar_type(b) not in (I64, BOOL):
            raise TraceRaise("TypeError", "slice indices must be integers or None or have an "
                             "__index__ method")
    return slice_view(tr.fb, s, length(tr.fb, lst), loc)


def _del_slice(tr, lst, s: slice, loc):
    """Compaction in one pass: the deleted positions, in increasing order,
    are lo, lo + |step|, ... (count of them)."""
    from .lists import _field, _load, _store, _set_field, length, mutates
    fb = tr.fb
    mutates(tr, lst)
    start, count, step = _bounds(tr, lst, s, loc)
    if lst.elem is None:
        return
    n = length(fb, lst)
    if known(step):
        lo = start if step > 0 else iadd(fb, start, imul(fb, isub(fb, count, 1), step))
        st = abs(step)
    else:
        pos = icmp(fb, "gt", step, 0)
        lo = isel(fb, pos, start, iadd(fb, start, imul(fb, isub(fb, count, 1), step)))
        st = isel(fb, pos, step, isub(fb, 0, step))
    data = _field(fb, lst, 16)

    def body(k, c):
        w, nxt, m = c
        hit = icmp(fb, "eq", k, nxt)
        more = icmp(fb, "lt", m, count)
        gone = band(fb, hit, more)
        # position w is free (w <= k): the store is harmless when k is deleted
        _store(fb, lst.elem, data, w, _load(fb, lst.elem, data, k))
        return [isel(fb, gone, w, iadd(fb, w, 1)), isel(fb, gone, iadd(fb, nxt, st), nxt),
                isel(fb, gone, iadd(fb, m, 1), m)]
    loop(fb, n, [_v(fb, 0), _v(fb, lo), _v(fb, 0)], body)
    _set_field(fb, lst, 0, isub(fb, n, count))


def _v(fb, x):
    return x if isinstance(x, Var) else fb.const(x)


def set_slice(tr, lst, s: slice, value, loc):
    from .lists import PyList, _field, _load, _store, as_list, copy, extend, length, mutates
    fb = tr.fb
    src = as_list(tr, value, loc, strict=False) if not isinstance(value, PyList) else value
    if src is None:
        raise error(loc, f"assigning a {type(value).__name__} to a list slice is not supported",
                    "assign a list", E_TYPE)
    if src is lst:  # `xs[1:] = xs`: CPython reads the value first
        src = copy(tr, lst, loc)
    step = 1 if s.step is None else s.step
    if isinstance(step, Var):
        raise error(loc, "slice assignment to a list with a step known only at run time",
                    "use a step known when compiling", E_TYPE)
    mutates(tr, lst)
    start, count, step = _bounds(tr, lst, s, loc)
    m = length(fb, src)
    if step != 1:  # an extended slice: one item per position
        bad = icmp(fb, "ne", m, count)
        if bad is True and known(m) and known(count):
            raise TraceRaise("ValueError", f"attempt to assign sequence of size {m} to "
                             f"extended slice of size {count}")
        if bad is not False:
            from ..ir.messages import kind_of_type
            vals = [fb.const(m) if not isinstance(m, Var) else m,
                    fb.const(count) if not isinstance(count, Var) else count]
            c = fb.const(True) if bad is True else bad
            fb.emit_multi("raise_if_fmt", [c] + vals, {
                "exc": "ValueError",
                "msg": "attempt to assign sequence of size {0} to extended slice of size {1}",
                "kinds": tuple(kind_of_type(v.type) for v in vals)}, loc=loc)
            if bad is True:
                raise TraceRaise("ValueError", "attempt to assign sequence to extended slice")
        if src.elem is None or lst.elem is None:
            return  # nothing to store (both empty at run time, or the sizes differ)
        _same_items(tr, lst, src, loc)
        data, sdata = _field(fb, lst, 16), _field(fb, src, 16)

        def put(k, c):
            _store(fb, lst.elem, data, iadd(fb, start, imul(fb, k, step)),
                   _load(fb, src.elem, sdata, k))
            return c
        loop(fb, count, [], put)
        return
    # step 1: the list becomes xs[:start] + src + xs[start + count:]
    if lst.elem is None:
        if src.elem is not None:
            extend(tr, lst, src, loc)  # learns the type (an empty list: start = 0)
        return
    from .lists import get_slice
    tail = get_slice(tr, lst, slice(iadd(fb, start, count), None, None), loc)
    from .lists import _set_field
    _set_field(fb, lst, 0, start)
    if src.elem is not None:
        _same_items(tr, lst, src, loc)
        extend(tr, lst, src, loc)
    extend(tr, lst, tail, loc)


def _same_items(tr, lst, src, loc):
    from .lists import _pyname
    if src.elem != lst.elem:
        raise error(loc, f"a list of {_pyname(lst.elem)} cannot hold a {_pyname(src.elem)} in "
                    "compiled code (lists hold one element type)", "", E_TYPE)
