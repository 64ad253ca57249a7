"""Ordering of lists: `a < b`, `<=`, `>`, `>=` of two lists as CPython's
list_richcompare does it (the first index whose items differ by `==`
decides, by the operator on those two items; no such index: the lengths),
so lists of lists sort, and `min`/`max`/`sorted` take them, with CPython's
orders. Items are numbers, bools, strs, tuples (NamedTuples too) and lists
(nested): the element types compiled lists hold; lists of instances order
by their class's own order (`_order_instances`).

CPython compares items by identity before `==`, so its answer for a NaN
item depends on whether both sides hold the same NaN object, which compiled
values cannot tell: when the first items that differ by value hold a NaN,
the comparison raises a ValueError at run time (NAN_ORDER), and sorting or
min/max of items holding a NaN do too (`refuse_nan`; README, deviations).
Never a silently different answer.

Place in the pipeline: frontend value semantics; lists.compare hands the
order operators here, lists_sort.sort and lists_calls' min/max use
`refuse_nan` and `best_item`.
"""
from __future__ import annotations

from ..ir import F64, Var
from .arrays import icmp, imin, loop
from .lists import PyList, _eq, _field, _load, length


def _b(fb, v):
    return fb.const(bool(v)) if not isinstance(v, Var) else v


NAN_ORDER = ("comparing lists with {0} where the first items that differ hold a NaN is not "
             "supported in compiled code (CPython's answer then depends on the identity of the "
             "NaN objects)")


def item_order(tr, op, x, y, loc):
    """x op y for two list items (the same element type)."""
    from . import operators, strvalues
    if isinstance(x, PyList) or isinstance(y, PyList):
        return order(tr, op, x, y, loc)
    if type(x).__name__ == "PyObj":  # the class's own order (objects.py)
        from . import objects
        meth, refl = objects.COMPARE[op]
        if objects._method(tr, x, meth) is None and objects._method(tr, y, refl) is None:
            return None  # CPython's TypeError, where the comparison happens
        return tr.truth(objects.compare(tr, op, x, y, loc), loc)
    if strvalues.involved(x, y) or (isinstance(x, tuple) and isinstance(y, tuple)):
        if isinstance(x, tuple):  # NamedTuples compare as tuples
            from .str_tuples import compare_tuples
            return compare_tuples(tr, op, x, y, loc)
        return strvalues.compare(tr, op, x, y, loc)
    r = operators.compare(tr.fb, op, x, y, loc)
    from .npscalars import demote, is_np
    return demote(r) if is_np(r) else r


def order(tr, op, la: PyList, lb: PyList, loc):
    """la op lb for op in < <= > >=: a BOOL Var or a Python bool."""
    fb = tr.fb
    if hasattr(la.elem, "cls") or hasattr(lb.elem, "cls"):
        return _order_instances(tr, op, la, lb, loc)
    n, m = length(fb, la), length(fb, lb)
    by_length = icmp(fb, {"<": "lt", "<=": "le", ">": "gt", ">=": "ge"}[op], n, m)
    if la.elem is None or lb.elem is None:  # an empty list literal on one side
        return by_length
    da, db = _field(fb, la, 16), _field(fb, lb, 16)
    cnt = imin(fb, n, m)

    def body(k, c):
        found, res = c[0], c[1]
        x, y = _load(fb, la.elem, da, k), _load(fb, lb.elem, db, k)
        eq = _eq(tr, x, y, loc)
        if eq is True:
            return c
        o = _b(fb, item_order(tr, op, x, y, loc))
        differ = fb.emit("not", [_b(fb, eq)])
        first = fb.emit("and", [fb.emit("not", [found]), differ])
        nx, ny = nan_inside(tr, x), nan_inside(tr, y)
        nan = nx if ny is False else ny if nx is False else fb.emit("or", [nx, ny])
        out = [fb.emit("or", [found, differ]), fb.emit("select", [first, o, res])]
        if nan is not False:
            out.append(fb.emit("select", [first, _b(fb, nan), c[2]]))
        return out + c[len(out):]
    found, res, nan = loop(fb, cnt, [fb.const(False)] * 3, body)
    fb.raise_if(fb.emit("and", [found, nan]), "ValueError", NAN_ORDER.format(op), loc)
    return fb.emit("select", [found, res, _b(fb, by_length)])


def _order_instances(tr, op, la: PyList, lb: PyList, loc):
    """la op lb for lists of instances (lists_objects.py): the first index
    whose items differ (identity, then the class's `==`) decides, by the
    class's own order (`__lt__`... or `@dataclass(order=True)`) called once on
    those two items, as CPython's list_richcompare; CPython's TypeError when
    the class has no such order and items differ; else the lengths."""
    fb = tr.fb
    from .arrays import isel
    n, m = length(fb, la), length(fb, lb)
    by_length = icmp(fb, {"<": "lt", "<=": "le", ">": "gt", ">=": "ge"}[op], n, m)
    if la.elem is None or lb.elem is None:  # an empty list literal on one side
        return by_length
    if la.elem != lb.elem:
        from .values import E_UNSUPPORTED_VALUE, error
        raise error(loc, f"comparing lists of different element types with {op} is not "
                    "supported", "compare lists of one class", E_UNSUPPORTED_VALUE)
    da, db = _field(fb, la, 16), _field(fb, lb, 16)

    def scan(k, c):
        found, at = c
        eq = _eq(tr, _load(fb, la.elem, da, k), _load(fb, lb.elem, db, k), loc)
        if eq is True:
            return c
        first = fb.emit("and", [fb.emit("not", [found]), fb.emit("not", [_b(fb, eq)])])
        return [fb.emit("or", [found, first]), fb.emit("select", [first, k, at])]
    found, at = loop(fb, imin(fb, n, m), [fb.const(False), fb.const(0)], scan)

    def decide(_, c):  # once, when an index differs: the items' own order
        x, y = _load(fb, la.elem, da, at), _load(fb, lb.elem, db, at)
        r = item_order(tr, op, x, y, loc)
        if r is None:
            fb.raise_if(fb.const(True), "TypeError", f"'{op}' not supported between instances "
                        f"of '{la.elem.pyname}' and '{lb.elem.pyname}'", loc)
            return c
        return [_b(fb, r)]
    res = loop(fb, isel(fb, found, 1, 0), [fb.const(False)], decide)[0]
    return fb.emit("select", [found, res, _b(fb, by_length)])


def nan_inside(tr, v):
    """Whether a value (a list, tuple or number, nested) holds a float NaN:
    a BOOL Var, or False when its type holds no float."""
    fb = tr.fb
    if isinstance(v, PyList):
        if v.elem is None or not _holds_float(v.elem):
            return False
        data = _field(fb, v, 16)

        def body(k, c):
            h = nan_inside(tr, _load(fb, v.elem, data, k))
            return c if h is False else [fb.emit("or", [c[0], h])]
        return loop(fb, length(fb, v), [fb.const(False)], body)[0]
    if isinstance(v, tuple):  # a tuple or a NamedTuple
        r = False
        for x in v:
            h = nan_inside(tr, x)
            if h is not False:
                r = h if r is False else fb.emit("or", [r, h])
        return r
    from . import npscalars as nps
    if nps.is_np(v):
        v = nps.var_of(fb, v)
    if isinstance(v, Var) and v.type is F64:
        return fb.emit("ne", [v, v])
    if type(v) is float and v != v:
        return True
    return False


def refuse_nan(tr, lst: PyList, msg: str, loc) -> None:
    """A ValueError(msg) at run time when `lst` has two items or more (so
    CPython would compare them) and a NaN is inside one."""
    fb = tr.fb
    bad = nan_inside(tr, lst)
    if bad is False:
        return
    two = icmp(fb, "ge", length(fb, lst), 2)
    if two is not False:
        fb.raise_if(bad if two is True else fb.emit("and", [two, bad]), "ValueError", msg, loc)


def _holds_float(t) -> bool:
    from ..ir.types import ListType, TupleType
    if t is F64 or t in ("float64", "float32"):
        return True
    if isinstance(t, ListType):
        return _holds_float(t.elem)
    if isinstance(t, TupleType):
        return any(_holds_float(e) for e in t.elems)
    return False



NAN_MINMAX = ("{0}() of tuples or lists that hold a NaN is not supported in compiled code "
              "(CPython's comparison of their items then depends on the identity of the NaN "
              "objects)")


def best_item(tr, lst: PyList, which: str, loc):
    """min()/max() of a non-empty list of lists, tuples or instances (checked before):
    the first item no later item is smaller (min) / larger (max) than, as
    CPython keeps the first of equal items. A NaN inside is refused at run
    time, as in sorting."""
    from .arrays import iadd, isub
    fb = tr.fb
    refuse_nan(tr, lst, NAN_MINMAX.format(which), loc)
    data = _field(fb, lst, 16)
    op = "<" if which == "min" else ">"

    def body(k, c):  # CPython: `item op best` once per later item, in order
        j = iadd(fb, k, 1)
        x, best = _load(fb, lst.elem, data, j), _load(fb, lst.elem, data, c[0])
        better = item_order(tr, op, x, best, loc)
        if better is None:  # instances of a class without the order method
            name = lst.elem.pyname
            fb.raise_if(fb.const(True), "TypeError", f"'{op}' not supported between instances "
                        f"of '{name}' and '{name}'", loc)
            return c
        return [fb.emit("select", [_b(fb, better), j, c[0]])]
    best = loop(fb, isub(fb, length(fb, lst), 1), [fb.const(0)], body)[0]
    return _load(fb, lst.elem, data, best)
