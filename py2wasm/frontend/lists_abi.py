"""Lists crossing an exported function's signature: list parameters and
list results.

Place in the pipeline: frontend; signature.py asks here for the trace value
of a `ListType` parameter and the `ListType` of a returned list, tracer.py
for the element types empty list arguments learn. The list is the one of
frontend/lists.py (a header of len, capacity, data address in linear
memory); at the ABI it is the header's address (ir.types.ListType). The host
(runner/lists.py for py2wasm.compile, the npm package's JS) writes the
header and the elements before the call, and after it (also when the call
raised) reads the header back into the caller's list, so appends, pops,
item assignments and sorts inside the function are seen by the caller as
in CPython; a list result is read into a fresh list (or is the caller's own
list object when the function returns its argument).

An empty list argument has no element type: the function is traced with a
list of unknown type (empty at run time), which learns its type from the
first element put into it (`ListTypeLearned`, as a `[]` literal does); the
export's signature then says the learned type.
"""
from __future__ import annotations

from ..ir.types import ListType


def param_list(t: ListType):
    """The placeholder trace value of a list parameter (its header address
    replaced by the parameter)."""
    from .lists import PyList
    return PyList(t.elem, 0)


def list_type(v) -> ListType:
    """The signature type of a list trace value."""
    return ListType(v.elem)


def _param_site(name: str, i: int):
    return ("param", name, i)


def bind_params(tr, locals_: list, nargs: int) -> None:
    """Give each list parameter its site: the first element put into a list
    of unknown element type teaches the type (the type learned so far is
    applied here), and a change to the list marks the parameter changed
    (`mutates`)."""
    from .lists import PyList, _site_key, _sites
    for i in range(nargs):
        v = locals_[i]
        if isinstance(v, PyList):
            site = _param_site(tr.fb.fn.name, i)
            elem = v.elem if v.elem is not None else _sites(tr).get(_site_key(tr, site))
            locals_[i] = PyList(elem, v.hdr, site)


def mutates(tr, lst) -> None:
    """`lst` is changed (appended to, popped, assigned, sorted...): when it
    is (or was copied from) a parameter, that parameter is not read-only."""
    site = lst.site
    if type(site) is tuple and site[:1] == ("param",):
        changed = getattr(tr.mt, "list_changed", None)
        if changed is None:
            changed = tr.mt.list_changed = set()
        changed.add(site)


def learned_param_types(mt, fn, name: str, types: list) -> list:
    """The parameter types of export `name`: with the element types its empty
    list parameters learned while tracing, and `readonly` for the lists it
    never changes."""
    sites = getattr(mt, "list_sites", None) or {}
    changed = getattr(mt, "list_changed", None) or set()
    out = []
    for i, t in enumerate(types):
        if isinstance(t, ListType):
            site = _param_site(name, i)
            elem = t.elem if t.elem is not None else sites.get((name, fn.__code__, site))
            from .lists_objects import holds_instances
            if t.elem is None and elem is not None and holds_instances(elem):
                from .signature import _bad_value
                raise _bad_value(fn, fn.__code__.co_varnames[i], "an empty list argument that "
                                 "receives class instances cannot cross back to the caller yet "
                                 "(their attributes are not known from an empty list)",
                                 "pass a list holding one instance, or return a new list")
            # rows of a list of lists are not tracked: such a parameter is never read-only
            t = ListType(elem, readonly=site not in changed and not isinstance(elem, ListType))
        out.append(t)
    return out


def unify_returns(returns):
    """Return sites of one function where a list of unknown element type (an
    empty `[]` never filled) meets a typed list (`return []` on one path,
    `return [[...]]` on another): the empty one takes the other's type (it
    is empty at run time, so any type reads it right)."""
    from .lists import PyList, _fits
    if len(returns) < 2:
        return returns

    def kind(v):
        if isinstance(v, PyList):
            return ("l", ListType(v.elem))
        if isinstance(v, tuple):
            return ("t", len(v), type(v))
        return None

    def target(vals):
        kinds = [kind(v) for v in vals]
        if all(k is not None and k[0] == "l" for k in kinds):
            ts = {k[1] for k in kinds}
            best = [t for t in ts if all(_fits(t, u) for u in ts)]
            return ("l", best[0]) if len(ts) > 1 and best else None
        if all(k is not None and k == kinds[0] and k[0] == "t" for k in kinds):
            cols = [target([v[i] for v in vals]) for i in range(kinds[0][1])]
            return ("t", cols) if any(c is not None for c in cols) else None
        return None

    def convert(v, tg):
        if tg is None:
            return v
        if tg[0] == "l":
            return v if ListType(v.elem) == tg[1] else PyList(tg[1].elem, v.hdr, v.site)
        items = (convert(x, t) for x, t in zip(v, tg[1]))
        return tuple(items) if type(v) is tuple else type(v)._make(items)

    tg = target([v for _, v, _ in returns])
    if tg is None:
        return returns
    return [(b, convert(v, tg), loc) for b, v, loc in returns]
