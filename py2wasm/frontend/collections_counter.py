"""`collections.Counter` beyond `Counter()` (dicts.py keeps the table and
its missing-key-is-0 reads): `Counter(iterable)` (a list, tuple, str,
range, dict keys...), `Counter(mapping)`, `c.update(...)`, `most_common(n)`
(CPython's order: counts descending, ties in insertion order),
`elements()`, `total()`, and `c1 + c2` / `c1 - c2` (only positive counts
kept), each as Lib/collections/__init__.py writes it, traced.

Place in the pipeline: frontend; collections_calls.py sends these calls
here, opcodes_operators.py the `+`/`-` of two Counters. The helpers below
are traced through `calls.call_python` with a library site; the containers
they fill are made in the caller's frame (their element types are learned
at the caller's site, one per call site).
"""
from __future__ import annotations

import collections
from operator import itemgetter

from .container_values import ContainerMethod
from .values import E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, TraceRaise, error

NO = object()
METHODS = ("most_common", "elements", "total", "update", "subtract")


# --- the traced helpers (Lib/collections/__init__.py) -----------------------------------------

def _count_items(c, xs):
    for elem in xs:
        c[elem] = c[elem] + 1


def _count_mapping(c, m):
    if len(c) == 0:  # CPython: dict.update when the Counter is empty
        c.update(m)
    else:
        for elem, count in m.items():
            c[elem] = count + c[elem]


def _subtract_items(c, xs):
    for elem in xs:
        c[elem] = c[elem] - 1


def _subtract_mapping(c, m):
    for elem, count in m.items():
        c[elem] = c[elem] - count


def _elements(out, c):
    for elem, count in c.items():
        for _ in range(count):
            out.append(elem)


def _add(result, a, b):
    for elem, count in a.items():
        newcount = count + b[elem]
        if newcount > 0:
            result[elem] = newcount
    for elem, count in b.items():
        if elem not in a and count > 0:
            result[elem] = count


def _sub(result, a, b):
    for elem, count in a.items():
        newcount = count - b[elem]
        if newcount > 0:
            result[elem] = newcount
    for elem, count in b.items():
        if elem not in a and count < 0:
            result[elem] = 0 - count


# --- dispatch ---------------------------------------------------------------------------------

def _is_counter(v) -> bool:
    from .dicts import PyDict
    return type(v) is PyDict and v.counter


def _new(tr, loc, tag="Counter"):
    from .dicts import _site, _sites, new_dict
    site = _site(tr, loc, tag)
    kt, vt = _sites(tr).get(site, (None, None))
    return new_dict(tr, kt, vt, loc, site, counter=True)


def _fill(tr, c, src, loc, subtract=False):
    from . import lists
    from .calls import call_python
    from .dicts import is_dict
    if isinstance(src, lists.ListLit):  # a literal's items are this frame's values: a list
        r = lists.as_list(tr, src, loc, strict=False)
        if r is None:
            raise error(loc, "Counter of this list literal is not supported in compiled code",
                        "count a list of numbers, strs or tuples", E_UNSUPPORTED_CALL)
        src = r
    if is_dict(src):
        fn = _subtract_mapping if subtract else _count_mapping
    else:
        from .dicts import DictView
        if type(src) is DictView and src.kind == "items":
            raise error(loc, "Counter of dict items (pairs) is not supported", "",
                        E_UNSUPPORTED_CALL)
        fn = _subtract_items if subtract else _count_items
    call_python(tr, fn, [c, src], {}, loc, site=loc,
                public="Counter.subtract" if subtract else "Counter.update")


def _make(tr, args, kwargs, loc):
    if kwargs:
        raise error(loc, "Counter(**counts) is not supported in compiled code",
                    "count into it: c[k] += n", E_UNSUPPORTED_CALL)
    if len(args) > 1:
        raise TraceRaise("TypeError", f"expected at most 1 argument, got {len(args)}")
    c = _new(tr, loc)
    if args and args[0] is not None:
        _fill(tr, c, args[0], loc)
    return c


def _method(tr, c, name, args, kwargs, loc):
    from . import lists
    from .calls import call_python, call_value
    from .dicts import DictView
    if kwargs:
        raise error(loc, f"Counter.{name}() with keyword arguments is not supported", "",
                    E_UNSUPPORTED_CALL)
    if name in ("update", "subtract"):
        if len(args) > 1:
            raise TraceRaise("TypeError", f"expected at most 1 argument, got {len(args)}")
        if args and args[0] is not None:
            _fill(tr, c, args[0], loc, subtract=name == "subtract")
        return None
    if name == "total":
        if args:
            raise TraceRaise("TypeError", f"Counter.total() takes 1 positional argument but "
                             f"{len(args) + 1} were given")
        return call_value(tr, sum, [DictView(c, "values")], {}, loc)
    if name == "elements":
        if args:
            raise TraceRaise("TypeError", f"Counter.elements() takes 1 positional argument "
                             f"but {len(args) + 1} were given")
        from .dicts import _site
        key = lists._site_key(tr, _site(tr, loc, "elements()"))
        out = lists.new_list(tr, lists._sites(tr).get(key), [], loc, ("abs", key))
        call_python(tr, _elements, [out, c], {}, loc, site=loc, public="Counter.elements")
        return lists.ListIter(out, 0)  # an iterator, as CPython's (an itertools.chain)
    if name == "most_common":
        if len(args) > 1:
            raise TraceRaise("TypeError", f"Counter.most_common() takes from 1 to 2 "
                             f"positional arguments but {len(args) + 1} were given")
        n = args[0] if args else None
        items = DictView(c, "items")
        if n is None:
            return call_value(tr, sorted, [items], {"key": itemgetter(1), "reverse": True},
                              loc)
        import heapq
        return call_value(tr, heapq.nlargest, [n, items], {"key": itemgetter(1)}, loc)
    raise error(loc, f"Counter.{name}() is not supported", "", E_UNSUPPORTED_CALL)


def binary(tr, op, a, b, loc):
    """`a + b`, `a - b` of two Counters (a new Counter)."""
    from .calls import call_python
    if op not in ("+", "-") or not (_is_counter(a) and _is_counter(b)):
        raise error(loc, f"operator {op} on Counters is not supported in compiled code",
                    "supported: c1 + c2 and c1 - c2 of two Counters", E_UNSUPPORTED_VALUE)
    result = _new(tr, loc, "Counter" + op)
    call_python(tr, _add if op == "+" else _sub, [result, a, b], {}, loc, site=loc,
                public=f"Counter.__{'add' if op == '+' else 'sub'}__")
    return result


def call(tr, fn, args, kwargs, loc):
    """Counter(iterable) and the Counter methods; NO for other calls."""
    if fn is collections.Counter and (args or kwargs):
        return _make(tr, args, kwargs, loc)
    if type(fn) is ContainerMethod and _is_counter(fn.c) and fn.name in METHODS:
        return _method(tr, fn.c, fn.name, args, kwargs, loc)
    return NO
