"""Making sets and what calls them: literals and comprehensions (`from_items`),
set methods, `| & - ^` and their in-place forms (CPython's algorithms), and
the builtins over sets (`set()`, `len`, `sum min max sorted list any all`).

Place in the pipeline: frontend; split from sets.py (CPython's table and
hashes, add/discard/pop, iteration), which re-exports what opcodes.py and
calls.py use.
"""
from __future__ import annotations

from .sets import (  # noqa: F401 - the set machinery these build on
    ContainerMethod, E_TYPE, E_UNSUPPORTED_CALL, MINSIZE, NO, PySet, TraceRaise, _check_elem,
    _discard, _esize, _fresh_table, _if, _key_error, _ld, _same, _st, _table_walk, add,
    contains, copy, error, is_set, is_set_value, length, merge, new_set, of, pop, truth,
    update_from_iterable, _strs,
)
from .dicts import _key_strs


# --- making sets, methods, calls -------------------------------------------------------------

def from_items(tr, items, site, loc) -> PySet:
    if not items:
        return new_set(tr, tr.mt.dict_sites.get(site), loc, site)
    items = [_key_strs(tr, v, loc) for v in items]
    _check_elem(items[0], loc)
    s = new_set(tr, items[0], loc, site)
    for v in items:
        add(tr, s, v, loc)
    return s


_METHODS = {"add", "discard", "remove", "pop", "clear", "copy", "update"}


def attribute(s, name, loc):
    if name in _METHODS:
        return ContainerMethod(s, name)
    raise error(loc, f"set method {name!r} is not supported in compiled code",
                "supported: " + ", ".join(sorted(_METHODS)) + ", and the operators | & - ^",
                E_UNSUPPORTED_CALL)


def call_method(tr, m, args, kwargs, loc):
    s, name = m.c, m.name
    fb = tr.fb
    if kwargs:
        raise error(loc, f"set.{name}() with keyword arguments", "", E_UNSUPPORTED_CALL)
    want = {"add": 1, "discard": 1, "remove": 1, "pop": 0, "clear": 0, "copy": 0, "update": 1}
    if len(args) != want[name] and not (name == "update"):
        raise TraceRaise("TypeError", f"set.{name}() takes exactly {want[name]} argument"
                         f"{'s' if want[name] != 1 else ''} ({len(args)} given)")
    if name == "add":
        return add(tr, s, args[0], loc)
    if name in ("discard", "remove"):
        if s.et is None:
            _check_elem(args[0], loc)
            if name == "remove":
                from .dicts import missing_key
                missing_key(tr, args[0], loc)  # a run-time element: its repr made by the raise
            return None
        found = _discard(tr, s, args[0], loc)
        if name == "remove":
            _key_error(tr, fb.emit("not", [found]), args[0], loc)
        return None
    if name == "pop":
        return pop(tr, s, loc)
    if name == "clear":
        if s.et is not None:
            _fresh_table(tr, s, MINSIZE, loc)
        return None
    if name == "copy":
        return copy(tr, s, loc)
    for a in args:
        update_from_iterable(tr, s, a, loc)
    return None


def binary(tr, op, inplace, a, b, loc):
    """| & - ^ (and their in-place forms) of two sets, CPython's algorithms."""
    if not (is_set(a) and is_set(b)):
        raise TraceRaise("TypeError", f"unsupported operand type(s) for {op}: "
                         f"'{_tn(a)}' and '{_tn(b)}'")
    fb = tr.fb
    if a.et is None or b.et is None:  # a set of unknown type is empty at run time
        return _with_empty(tr, op, inplace, a, b, loc)
    _same(tr, a, b.et, loc)
    if op == "|":
        r = a if inplace else copy(tr, a, loc, ("op", loc.line, loc.col, "|"))
        if b is not a:  # CPython: s | s is the copy, s |= s changes nothing (set_or, set_merge)
            merge(tr, r, b, loc)
        return r
    if op == "^":  # CPython: a copy of b, updated with a (a ^= b updates a with b)
        if inplace:
            _symmetric_update(tr, a, b, loc)
            return a
        r = copy(tr, b, loc, ("op", loc.line, loc.col, "^"))
        _symmetric_update(tr, r, a, loc)
        return r
    if op == "-":
        if inplace:
            _walk_items(tr, b, lambda v: _discard(tr, a, v, loc))
            return a
        return _difference(tr, a, b, loc)
    if op == "&":
        if inplace:  # set_intersection_update: a takes the new set's table (swap bodies)
            r = _intersection(tr, a, b, loc)
            for off in (0, 8, 16, 24):
                _st(fb, a.hdr, off, _ld(fb, r.hdr, off))
            return a
        return _intersection(tr, a, b, loc)
    raise TraceRaise("TypeError", f"unsupported operand type(s) for {op}: 'set' and 'set'")


def _with_empty(tr, op, inplace, a, b, loc):
    """`a op b` where a or b is a set of unknown element type (empty)."""
    site = ("op", loc.line, loc.col, op)
    if inplace and (a.et is None and b.et is not None and op in "|^" or
                    a.et is not None and op == "&"):
        raise error(loc, "an in-place set operator between a set of unknown element type and "
                    "a typed set", "start the set with an element, or use a = a | b",
                    E_TYPE)
    if inplace:
        return a  # a is unchanged (|= ^= -= of an empty set; any op on an empty a)
    if op in "|^":  # the other one's elements
        other = b if a.et is None else a
        return copy(tr, other, loc, site) if other.et is not None else new_set(tr, None, loc,
                                                                               site)
    if op == "-" and a.et is not None:
        return copy(tr, a, loc, site)
    return new_set(tr, a.et, loc, site)  # a - b of an empty a, a & b: empty


def _tn(v):
    return "set" if is_set(v) else type(v).__name__


def _walk_items(tr, s, f):
    from .dicts import _load_tmpl
    fb = tr.fb
    n = fb.emit("wadd", [_ld(fb, s.hdr, 16), fb.const(1)])
    _table_walk(tr, s, _ld(fb, s.hdr, 24), n, _esize(s),
                lambda e: f(_load_tmpl(tr, s.et, e, 16)))


def _symmetric_update(tr, r, b, loc):
    """set_symmetric_difference_update: each item of b: removed if present, else added."""
    fb = tr.fb

    def each(v):
        found = _discard(tr, r, v, loc)
        _if(fb, fb.emit("not", [found]), lambda: [add(tr, r, v, loc)])
    _walk_items(tr, b, each)


def _difference(tr, a, b, loc):
    """set_difference: a copy minus b when len(a) >> 2 > len(b), else the
    items of a not in b added to a new set in a's table order."""
    fb = tr.fb
    big = fb.emit("gt", [fb.emit("shr", [_ld(fb, a.hdr, 0), fb.const(2)]), _ld(fb, b.hdr, 0)])
    r = new_set(tr, a.et, loc, ("op", loc.line, loc.col, "-"))

    def copy_then_discard():
        merge(tr, r, a, loc)
        _walk_items(tr, b, lambda v: _discard(tr, r, v, loc))

    def filtered():
        _walk_items(tr, a, lambda v: _if(fb, fb.emit("not", [contains(tr, b, v, loc)]),
                                         lambda: [add(tr, r, v, loc)]))
    _if(fb, big, copy_then_discard, filtered)
    return r


def _intersection(tr, a, b, loc):
    """set_intersection: iterate over the smaller set (b when sizes tie... as
    CPython swaps only when len(b) > len(a)), adding those in the other."""
    fb = tr.fb
    r = new_set(tr, a.et, loc, ("op", loc.line, loc.col, "&"))
    swap = fb.emit("gt", [_ld(fb, b.hdr, 0), _ld(fb, a.hdr, 0)])

    def over(small, large):
        _walk_items(tr, small, lambda v: _if(fb, contains(tr, large, v, loc),
                                             lambda: [add(tr, r, v, loc)]))
    _if(fb, swap, lambda: over(a, b), lambda: over(b, a))
    return r


def call(tr, fn, args, kwargs, loc):
    """Builtins with sets; NO when none applies."""
    if type(fn) is ContainerMethod and type(fn.c) is PySet:
        return call_method(tr, fn, list(args), dict(kwargs), loc)
    if fn is set and not kwargs and len(args) <= 1:
        site = ("set()", tr.code, getattr(loc, "line", None), getattr(loc, "col", None))
        if not args:
            return new_set(tr, tr.mt.dict_sites.get(site), loc, site)
        src = args[0]
        if is_set(src):
            return copy(tr, src, loc, site)
        s = new_set(tr, tr.mt.dict_sites.get(site), loc, site)
        update_from_iterable(tr, s, src, loc)
        return s
    if not any(is_set_value(a) for a in args):
        return NO
    a0 = args[0] if args else None
    if fn is len and len(args) == 1 and is_set(a0):
        return length(tr.fb, a0)
    if fn is bool and len(args) == 1 and is_set(a0):
        return truth(tr, a0)
    if fn in (sum, min, max, sorted, list, any, all) and is_set(a0):
        return _via_list(tr, fn, a0, list(args[1:]), kwargs, loc)
    return NO


def _via_list(tr, fn, s, rest, kwargs, loc):
    from . import lists
    if s.et is None:  # empty at run time
        if fn is list or fn is sorted:  # a list that learns its type if filled
            from .dicts import _site
            return lists.new_list(tr, None, [], loc, site=_site(tr, loc, fn.__name__))
        try:  # Python's answer for an empty set; its exception (max(): ValueError) at run time
            return fn([], *rest, **kwargs)
        except (ValueError, TypeError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
    elem = lists._elem_of(s.et)
    if elem is None:
        raise error(loc, f"{fn.__name__}() of a set of tuples is not supported",
                    "loop over the set instead", E_UNSUPPORTED_CALL)
    fb = tr.fb
    lst = lists.new_list(tr, elem, [], loc, capacity=_ld(fb, s.hdr, 0))
    _walk_items(tr, s, lambda v: lists.append(tr, lst, v, loc))
    if fn is list:
        return lst
    from .calls import call_value
    return call_value(tr, fn, [lst] + rest, dict(kwargs), loc)
