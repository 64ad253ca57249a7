"""`collections.defaultdict` with a container or function factory:
`defaultdict(list)`, `defaultdict(set)`, `defaultdict(dict)` and
`defaultdict(lambda: ...)` (or any Python function of no arguments); the
number factories (`int`, `float`, `bool`) are dicts.py's. A missing key
read as `d[k]` inserts `factory()`, as CPython's `__missing__` does, so
`d[k].append(x)` groups and `d[k].add(x)` collects.

Also the templates of container values: a dict's value template is learned
from its first value (dicts.learn); an empty list, set or dict learns its
own element type later, at its site, and `refresh` gives the template that
type when the dict is made again in the next trace, so a dict of lists
(`d[k] = []` then `d[k].append(x)`) keeps one value kind.

Place in the pipeline: frontend; collections_calls.py sends
`defaultdict(...)` here; dicts.py asks `default_value` for a missing key's
value and `refresh` for its templates.
"""
from __future__ import annotations

import collections
import inspect

from .values import E_UNSUPPORTED_CALL, error

NO = object()
_CONTAINERS = (list, set, dict)


def call(tr, fn, args, kwargs, loc):
    """defaultdict(list|set|dict|function); NO for other calls (the number
    factories: dicts_calls.py)."""
    if fn is not collections.defaultdict:
        return NO
    from .dicts import _site, _sites, new_dict
    if kwargs or len(args) > 1:
        raise error(loc, "defaultdict(factory) with more arguments is not supported in "
                    "compiled code", "fill it after making it", E_UNSUPPORTED_CALL)
    if not args or args[0] is None:
        raise error(loc, "defaultdict() without a factory is not supported in compiled code",
                    "use a dict: {}", E_UNSUPPORTED_CALL)
    factory = args[0]
    if factory in (int, float, bool):
        return NO
    if factory not in _CONTAINERS and not inspect.isfunction(factory):
        raise error(loc, f"defaultdict({getattr(factory, '__name__', factory)!s}) is not "
                    "supported in compiled code", "factories: int, float, bool, list, set, "
                    "dict or a lambda", E_UNSUPPORTED_CALL)
    site = _site(tr, loc, "defaultdict")
    kt, vt = _sites(tr).get(site, (None, None))
    return new_dict(tr, kt, vt, loc, site, default=factory)


def default_value(tr, d, loc):
    """factory() for the missing key of defaultdict `d`: a number, or an
    empty container made at a site of the dict's own (so every default value
    has the same kind), or what the function returns."""
    f = d.default
    if f in (int, float, bool):
        return f()
    if f is list:
        from . import lists
        key = ("defaultdict(list)",) + tuple(d.site)
        return lists.new_list(tr, lists._sites(tr).get(key), [], loc, ("abs", key))
    if f is set:
        from .sets import new_set
        site = ("defaultdict(set)",) + tuple(d.site)
        return new_set(tr, tr.mt.dict_sites.get(site), loc, site)
    if f is dict:
        from .dicts import _sites, new_dict
        site = ("defaultdict(dict)",) + tuple(d.site)
        kt, vt = _sites(tr).get(site, (None, None))
        return new_dict(tr, kt, vt, loc, site)
    from .calls import call_value
    return call_value(tr, f, [], {}, loc)


def refresh(tr, tmpl):
    """A value template with the element types its empty containers have
    learned since (see the module docstring)."""
    from . import lists
    from .dicts import PyDict, _sites
    from .sets import PySet
    if isinstance(tmpl, lists.PyList) and tmpl.elem is None and type(tmpl.site) is tuple \
            and tmpl.site[:1] == ("abs",):
        elem = lists._sites(tr).get(tmpl.site[1])
        if elem is not None:
            return type(tmpl)(elem, tmpl.hdr, tmpl.site) if type(tmpl) is lists.PyList else tmpl
    if type(tmpl) is PySet and tmpl.et is None and tmpl.site is not None:
        et = tr.mt.dict_sites.get(tmpl.site)
        if et is not None:
            return PySet(et, tmpl.hdr, tmpl.site)
    if type(tmpl) is PyDict and tmpl.kt is None and tmpl.site is not None:
        kt, vt = _sites(tr).get(tmpl.site, (None, None))
        if kt is not None:
            return PyDict(kt, vt, tmpl.hdr, tmpl.site, tmpl.default, tmpl.counter)
    return tmpl
