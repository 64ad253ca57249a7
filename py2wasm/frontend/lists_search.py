"""Searching, comparing and operators of lists (frontend/lists.py's values):
`in`, `index`, `count`, `remove` (element equality as CPython's list uses
it: numbers, strs, records field by field, instances by identity then
`==`), `reverse`, `clear`, `+`/`+=` (concatenation), `*`/`*=`
(repetition) and `==`/`!=` of two lists (`<` and the others:
lists_order.py).

Place in the pipeline: frontend; split from lists.py (the list values, their
memory layout and their basic operations), which re-exports these names
for its callers (opcodes.py, builtins.py, lists_calls.py).
"""
from __future__ import annotations

from ..ir import BOOL, I64, Var
from .arrays import ListLit, iadd, icmp, imul, isel, isub, loop
from .lists import (PyList, _derived_site, _field, _fold, _load, _reserve, _set_field, _store,
                    as_list, copy, extend, length, new_list, pop)
from .lists_abi import mutates
from .values import E_UNSUPPORTED_VALUE, TraceRaise, error, scalar_type


def _eq(tr, a, b, loc):
    from . import operators, strvalues
    from .arrays import is_array
    if is_array(a) or is_array(b):  # elementwise, or identity: lists_ofarrays.py
        from .lists_ofarrays import refuse
        refuse("comparing elements (==, in, index, count, remove)", loc)
    if strvalues.involved(a, b):  # strs (frontend/strlists.py)
        return strvalues.compare(tr, "==", a, b, loc)
    if isinstance(a, PyList) or isinstance(b, PyList):
        return compare(tr, "==", a, b, loc)
    if type(a).__name__ == "PyObj" or type(b).__name__ == "PyObj":  # identity, then ==
        from .lists_objects import equal
        return equal(tr, a, b, loc)
    from .lists_records import is_record
    if is_record(a) or is_record(b):
        from .lists_records import records_equal
        return records_equal(tr, a, b, loc)
    r = operators.compare(tr.fb, "==", a, b, loc)
    from .npscalars import demote, is_np
    return demote(r) if is_np(r) else r  # NumPy scalars compare to a numpy.bool_


def _find(tr, lst: PyList, v, loc):
    """The first index of an element == v, or -1."""
    fb = tr.fb
    if lst.elem is None:
        return -1

    def step(k, x, c):
        found = c[0]
        hit = _eq(tr, x, v, loc)
        if hit is False:
            return [found]
        take = icmp(fb, "lt", found, 0)
        take = fb.emit("and", [take, hit]) if hit is not True else take
        return [isel(fb, take, k, found)]
    data = _field(fb, lst, 16)
    return loop(fb, length(fb, lst), [fb.const(-1)],
                lambda k, c: step(k, _load(fb, lst.elem, data, k), c))[0]


def contains(tr, lst: PyList, v, loc):
    return icmp(tr.fb, "ge", _find(tr, lst, v, loc), 0)


def index(tr, lst: PyList, v, loc):
    j = _find(tr, lst, v, loc)
    bad = icmp(tr.fb, "lt", j, 0)
    if bad is True and _run_time(v):  # known absent, a run-time value in the message
        bad = tr.fb.const(True)
    if bad is True:
        raise TraceRaise("ValueError", f"{v!r} is not in list")
    if bad is not False:
        _raise_with_value(tr, bad, v, "{} is not in list", loc)
    return j


def _run_time_leaf(x) -> bool:
    from .strvalues import PyStr
    return isinstance(x, Var) or type(x) is PyStr


def _run_time(v) -> bool:
    """v (or an item of the tuple v) is known only at run time: a message
    showing it is made by the raise (a Var's repr is no message)."""
    return _run_time_leaf(v) or isinstance(v, tuple) and any(_run_time_leaf(x) for x in v)


def _raise_with_value(tr, cond, v, template, loc):
    """raise ValueError(template.format(v)) when cond (v may be a run-time
    number or str, or a tuple holding some)."""
    leaves = list(v) if isinstance(v, tuple) else [v]
    if not any(_run_time_leaf(x) for x in leaves):
        tr.fb.raise_if(cond, "ValueError", template.format(repr(v)), loc)
        return
    from ..ir.messages import kind_of_type
    vals, kinds = [], []
    parts = []
    for x in leaves:  # a known field as its repr, a run-time one as a {k!r} slot
        if isinstance(x, Var):
            vals.append(x)
            kinds.append(kind_of_type(x.type))
        elif _run_time_leaf(x):  # a run-time str: its repr, by the host
            vals.append(x.hdr)
            kinds.append("str")
        else:
            parts.append(repr(x).replace("{", "{{").replace("}", "}}"))
            continue
        parts.append("{%d!r}" % (len(vals) - 1))
    if isinstance(v, tuple) and type(v) is not tuple:  # a NamedTuple: Point(x=1.0, y=2.0)
        shown = type(v).__name__ + "(" + ", ".join(
            f"{n}={p}" for n, p in zip(type(v)._fields, parts)) + ")"
    else:
        shown = parts[0] if type(v) is not tuple else "(" + ", ".join(parts) + (
            ",)" if len(parts) == 1 else ")")
    tr.fb.emit_multi("raise_if_fmt", [cond] + vals, {
        "exc": "ValueError", "msg": template.replace("{}", shown),
        "kinds": tuple(kinds)}, loc=loc)


def count(tr, lst: PyList, v, loc):
    fb = tr.fb

    def step(x, c):
        hit = _eq(tr, x, v, loc)
        if hit is True or hit is False:
            return [iadd(fb, c[0], int(hit))]
        return [fb.emit("wadd", [c[0], fb.emit("select", [hit, fb.const(1), fb.const(0)])])]
    r = _fold(tr, lst, [fb.const(0)], step)
    return r[0] if lst.elem is not None else 0


def remove(tr, lst: PyList, v, loc):
    fb = tr.fb
    j = _find(tr, lst, v, loc)
    bad = icmp(fb, "lt", j, 0)
    if bad is True:
        raise TraceRaise("ValueError", "list.remove(x): x not in list")
    if bad is not False:
        fb.raise_if(bad, "ValueError", "list.remove(x): x not in list", loc)
    pop(tr, lst, [j], loc)


def reverse(tr, lst: PyList, loc):
    fb = tr.fb
    mutates(tr, lst)
    if lst.elem is None:
        return
    n = length(fb, lst)
    data = _field(fb, lst, 16)

    def body(k, c):
        o = isub(fb, isub(fb, n, 1), k)
        a, b = _load(fb, lst.elem, data, k), _load(fb, lst.elem, data, o)
        _store(fb, lst.elem, data, k, b)
        _store(fb, lst.elem, data, o, a)
        return c
    from .arrays import ifloordiv_pos
    loop(fb, ifloordiv_pos(fb, n, 2), [], body)


def clear(tr, lst: PyList):
    mutates(tr, lst)
    if lst.elem is not None:
        _set_field(tr.fb, lst, 0, 0)


def repeat(tr, lst: PyList, k, loc):
    fb = tr.fb
    if scalar_type(k) not in (I64, BOOL):
        raise TraceRaise("TypeError", f"can't multiply sequence by non-int of type "
                         f"'{type(k).__name__ if not isinstance(k, Var) else k.type.pyname}'")
    out = new_list(tr, lst.elem, [], loc, _derived_site(lst))
    if lst.elem is None:
        return out
    times = isel(fb, icmp(fb, "lt", k, 0), 0, k)

    def body(i, c):
        extend(tr, out, lst, loc)
        return c
    n = length(fb, lst)
    _reserve(tr, out, imul(fb, n, times), loc)
    loop(fb, times, [], body)
    return out


def binary(tr, op, inplace, a, b, loc):
    """`a op b` with a list operand: + (concatenation; += extends in place), * (repetition)."""
    la = as_list(tr, a, loc, strict=False) if isinstance(a, (ListLit, PyList)) else None
    lb = as_list(tr, b, loc, strict=False) if isinstance(b, (ListLit, PyList)) else None
    if op == "+" and la is not None and lb is not None:
        if inplace:
            extend(tr, la, lb, loc)
            return la
        out = copy(tr, la, loc)
        if lb.elem is not None:
            if out.elem is None:  # [] + xs: a list of xs's type
                out = new_list(tr, lb.elem, [], loc, None)
            extend(tr, out, lb, loc)
        return out
    if op == "+" and la is not None and isinstance(b, tuple) and inplace:
        extend(tr, la, b, loc)  # xs += (1, 2)
        return la
    if op == "*" and (la is None) != (lb is None):
        lst, k = (la, b) if la is not None else (lb, a)
        out = repeat(tr, lst, k, loc)
        if inplace and la is not None:  # xs *= k: in place
            clear(tr, la)
            if out.elem is not None:
                extend(tr, la, out, loc)
            return la
        return out
    def tn(v):
        if isinstance(v, (ListLit, PyList)):
            return "list"
        t = scalar_type(v)
        return t.pyname if t is not None else type(v).__name__
    if op == "+" and la is not None:
        raise TraceRaise("TypeError", f'can only concatenate list (not "{tn(b)}") to list')
    raise TraceRaise("TypeError", f"unsupported operand type(s) for {op}{'=' if inplace else ''}: "
                     f"'{tn(a)}' and '{tn(b)}'")


def compare(tr, op, a, b, loc):
    """== and != of two lists (element by element); < <= > >= (lists_order.py)."""
    la = as_list(tr, a, loc, strict=False) if isinstance(a, (ListLit, PyList)) else None
    lb = as_list(tr, b, loc, strict=False) if isinstance(b, (ListLit, PyList)) else None
    if op in ("<", "<=", ">", ">=") and la is not None and lb is not None:
        from .lists_order import order
        return order(tr, op, la, lb, loc)
    if op not in ("==", "!=") or la is None or lb is None:
        if op in ("==", "!="):
            return op == "!="  # a list never equals a number
        raise error(loc, f"comparing lists with {op} is not supported", "compare elements",
                    E_UNSUPPORTED_VALUE)
    fb = tr.fb
    n, m = length(fb, la), length(fb, lb)
    same = icmp(fb, "eq", n, m)
    if la.elem is None or lb.elem is None:
        r = same
    else:
        da, db = _field(fb, la, 16), _field(fb, lb, 16)
        cnt = isel(fb, same, n, 0)

        def body(k, c):
            e = _eq(tr, _load(fb, la.elem, da, k), _load(fb, lb.elem, db, k), loc)
            return [c[0] if e is True else fb.emit("and", [c[0], e]) if e is not False
                    else fb.const(False)]
        r = loop(fb, cnt, [fb.const(True) if same is not False else fb.const(False)], body)[0]
        if same is not True:
            r = fb.emit("and", [r, same]) if same is not False else False
    if op == "!=":
        return (not r) if not isinstance(r, Var) else fb.emit("not", [r])
    return r
