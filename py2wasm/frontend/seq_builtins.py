"""Builtins over tuples and ranges: `sum min max any all sorted` of a tuple
of run-time values or of a range (known or with run-time bounds),
`enumerate(t, start)` of a tuple, `min(a, b, key=f)` / `max(...)` of several
run-time arguments, `x in range(...)` with run-time bounds, and CPython's
messages for them (`min() arg is an empty sequence` or 3.12's wording).

Place in the pipeline: frontend value semantics; calls.call_value asks
`call` before the container modules, and opcodes_operators asks
`range_contains` for `in`. A tuple is a Python tuple of trace values, so
most forms are decided while tracing (a known length); a range with
run-time bounds becomes a list (lists_calls._range_list) where the item
order matters, and the list builtins (lists_calls.py, lists_minmax.py) do
the rest. The library functions below are traced like strlib.py's.
"""
from __future__ import annotations

from ..ir import BOOL, Var
from .iterators import SymRange
from .values import TraceRaise

NO = object()
_REDUCERS = ("sum", "min", "max", "any", "all", "sorted")


def _is(fn, *fns) -> bool:
    return any(fn is f for f in fns)


def _known(v) -> bool:
    if type(v) is tuple:
        return all(_known(x) for x in v)
    return type(v) in (int, float, bool, str, complex, type(None))


def _empty_message(fn) -> str:
    from ..ir.messages import cpython_message
    return cpython_message(fn, [])[1]


def min_key(t, key, want):
    """min/max(*t, key=key) of a tuple of run-time values (want -1: min):
    CPython's min_max keeps the first item whose key is least (greatest)."""
    best = t[0]
    bk = key(best)
    for x in t[1:]:
        k = key(x)
        if (k < bk) if want < 0 else (k > bk):
            best = x
            bk = k
    return best


def range_contains(x, start, stop, step):
    """x in range(start, stop, step) for an int or a bool x (range_contains_long)."""
    if step > 0:
        if not (start <= x and x < stop):
            return False
    elif not (stop < x and x <= start):
        return False
    return (x - start) % step == 0


def range_len(start, stop, step):
    """len(range(start, stop, step)) (compute_range_length: 0 when empty)."""
    if step > 0:
        if start < stop:
            return (stop - start - 1) // step + 1
        return 0
    if stop < start:
        return (start - stop - 1) // (-step) + 1
    return 0


def range_items(start, stop, step):
    """list(range(start, stop, step)) with a run-time step (items never overflow)."""
    out = [0] * range_len(start, stop, step)
    for k in range(len(out)):
        out[k] = start + k * step
    return out


def _items(tr, r, loc):
    from .lists_calls import _range_list
    if isinstance(r.step, Var):
        from .calls import call_python
        return call_python(tr, range_items, [r.start, r.stop, r.step], {}, loc, site=loc,
                           public="list")
    return _range_list(tr, r, loc)


def contains_range(tr, x, r: SymRange, loc):
    """`x in range(...)` with run-time bounds: CPython's arithmetic test for an
    int or a bool; a float is in the range when it equals an item (CPython
    compares it with each item), so when it is integral and its int is."""
    from ..ir import F64, I64
    from .calls import call_python
    from .operators import coerce
    from .values import E_TYPE, error, scalar_type
    fb = tr.fb
    t = scalar_type(x)
    if t is None:
        raise error(loc, f"`in` on a range with a {type(x).__name__}", "", E_TYPE)
    if t is BOOL:
        x = coerce(fb, x, I64, loc) if isinstance(x, Var) else int(x)
    if t is F64:
        xf = x if isinstance(x, Var) else fb.const(float(x), F64)
        ok = fb.emit("and", [fb.emit("eq", [fb.emit("floor", [xf]), xf]),
                             fb.emit("lt", [fb.emit("abs", [xf]), fb.const(2.0 ** 63, F64)])])
        xi = fb.emit("ftoi", [fb.emit("select", [ok, xf, fb.const(0.0, F64)])])
        hit = call_python(tr, range_contains, [xi, r.start, r.stop, r.step], {}, loc, site=loc,
                          public="range.__contains__")
        return fb.emit("and", [ok, hit]) if isinstance(hit, Var) else (
            ok if hit else False)
    return call_python(tr, range_contains, [x, r.start, r.stop, r.step], {}, loc, site=loc,
                       public="range.__contains__")


def _key_items(tr, fn, items, loc):
    """min/max(..., key=) picks one item at run time: one type for all."""
    from .state import key_of
    from .values import E_UNSTABLE_TYPE, error
    kinds = {repr(key_of(x)) for x in items}
    if len(kinds) > 1:
        names = sorted({type(x).__name__ if not isinstance(x, Var) else x.type.pyname
                        for x in items})
        raise error(loc, f"{fn.__name__}() with key= of items of different types "
                    f"({', '.join(names)})", "give every item one type, e.g. 1.0 instead of 1",
                    E_UNSTABLE_TYPE)


def call(tr, fn, args, kwargs, loc):
    """A builtin over a tuple or a range; NO when not ours."""
    import builtins as py
    if not args or not any(fn is getattr(py, n) for n in _REDUCERS + ("enumerate", "len", "zip")):
        return NO
    if _is(fn, min, max) and len(args) >= 2 and "key" in kwargs and set(kwargs) == {"key"}:
        if any(not _known(a) for a in args) and kwargs["key"] is not None:
            from .calls import call_python
            _key_items(tr, fn, args, loc)
            return call_python(tr, min_key, [tuple(args), kwargs["key"], -1 if fn is min else 1],
                               {}, loc, site=loc, public=fn.__name__)
        return NO
    src = args[0]
    if _is(fn, zip) and set(kwargs) == {"strict"} and type(kwargs["strict"]) is bool and all(
            type(a) in (tuple, range) for a in args):
        if not kwargs["strict"] or len({len(a) for a in args}) == 1:
            return tuple(zip(*args))
        from .lists import Literal
        from .lists_iter import iterator_call  # lengths differ: raised at the end (zip_strict.py)
        return iterator_call(tr, fn, [Literal(tuple(a)) for a in args], kwargs, loc)
    if _is(fn, len) and len(args) == 1 and not kwargs and isinstance(src, SymRange):
        from .calls import call_python
        return call_python(tr, range_len, [src.start, src.stop, src.step], {}, loc, site=loc,
                           public="len")
    if _is(fn, enumerate):
        if type(src) is tuple and len(args) <= 2 and set(kwargs) <= {"start"} and not _known(src):
            start = args[1] if len(args) > 1 else kwargs.get("start", 0)
            from .operators import binary
            if type(start) is bool:
                start = int(start)
            if type(start) is int:
                return tuple(enumerate(src, start))
            if not (isinstance(start, Var) and start.type.pyname in ("int", "bool")):
                return NO
            return tuple((binary(tr.fb, "+", start, i, loc), x) for i, x in enumerate(src))
        return NO
    if len(args) != 1 and not (_is(fn, sum) and len(args) == 2):
        return NO
    if isinstance(src, SymRange):
        return _over_list(tr, fn, _items(tr, src, loc), args, kwargs, loc)
    if type(src) is range:
        if kwargs and not _is(fn, sum):  # key=/default=/reverse=: over its items
            from .lists import Literal
            return _over_list(tr, fn, Literal(tuple(src)), args, kwargs, loc) if len(
                src) <= 4096 else NO
        try:  # known: Python's own answer (a known start for sum)
            if any(not _known(a) for a in args[1:]) or any(not _known(v) for v in kwargs.values()):
                return NO
            return fn(*args, **kwargs)
        except ValueError as e:
            raise TraceRaise("ValueError", str(e)) from None
    if type(src) is not tuple:
        return NO
    if _known(src) and all(_known(v) for v in list(args[1:]) + list(kwargs.values())):
        try:  # known items, no key function: Python's own answer
            r = fn(*args, **kwargs)
        except (ValueError, TypeError, OverflowError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
        if type(r) is list:
            from .lists import Literal
            return Literal(tuple(r), None)
        return r
    if _is(fn, any, all):
        if kwargs:
            return NO
        from .operators import truth
        acc = fn is all
        for x in src:
            t = truth(tr.fb, x, loc)
            if isinstance(t, Var) and t.type is not BOOL:
                return NO
            if not isinstance(t, Var):
                if bool(t) != (fn is all):
                    return not (fn is all)  # decided: any((..., True, ...))
                continue
            acc = t if acc is (fn is all) else tr.fb.emit("or" if fn is any else "and", [acc, t])
        return acc
    if _is(fn, min, max) and not kwargs:
        if not src:
            raise TraceRaise("ValueError", _empty_message(fn))
        if len(src) == 1:
            return src[0]
        from .calls import call_value
        return call_value(tr, fn, list(src), {}, loc)  # min(a, b, c): CPython's order
    if _is(fn, min, max) and "default" in kwargs and not src:
        return kwargs["default"]
    if _is(fn, min, max) and set(kwargs) <= {"key", "default"} and kwargs.get("key") is not None:
        if not src:
            raise TraceRaise("ValueError", _empty_message(fn))
        from .calls import call_python
        _key_items(tr, fn, src, loc)
        return call_python(tr, min_key, [src, kwargs["key"], -1 if fn is min else 1], {}, loc,
                           site=loc, public=fn.__name__)
    if _is(fn, sum) and set(kwargs) <= {"start"} and not (len(args) == 2 and kwargs):
        r = _sum_items(tr, list(src), args[1] if len(args) == 2 else kwargs.get("start", 0),
                       loc)
        if r is not NO:
            return r
    if not _is(fn, sorted, min, max):  # len(t): the tuple's own length (calls.py)
        return NO
    from .lists import Literal
    return _over_list(tr, fn, Literal(src), args, kwargs, loc)


def _sum_items(tr, items, start, loc):
    """sum() of items whose types are known while tracing (a tuple), as
    CPython's builtin_sum_impl adds them: ints exactly while the total is an
    int, the first float added to the int total, then floats by Neumaier's
    compensated sum on 3.12+ (plainly on 3.11) and ints as (double)value,
    the compensation added at the end when nonzero and finite."""
    import sys

    from ..ir import F64, I64
    from .operators import binary, coerce
    from .values import scalar_type
    fb = tr.fb
    if any(scalar_type(x) not in (I64, BOOL, F64) for x in items + [start]):
        return NO
    acc, i, n = start, 0, len(items)
    while i < n and scalar_type(items[i]) in (I64, BOOL) and scalar_type(acc) in (I64, BOOL):
        acc = binary(fb, "+", acc, items[i], loc)
        i += 1
    if i == n:
        return acc
    if scalar_type(acc) in (I64, BOOL):
        acc = binary(fb, "+", acc, items[i], loc)  # int + float: the int rounded, then added
        i += 1
    if i == n:
        return acc

    def fvar(v):
        if isinstance(v, Var):
            return v if v.type is F64 else coerce(fb, v, F64, loc)
        return fb.const(float(v), F64)
    f, comp = fvar(acc), sys.version_info >= (3, 12)
    c = fb.const(0.0, F64)
    for x in items[i:]:
        if scalar_type(x) is F64 and comp:
            x = fvar(x)
            t = fb.emit("add", [f, x])
            big = fb.emit("ge", [fb.emit("fabs", [f]), fb.emit("fabs", [x])])
            c1 = fb.emit("add", [fb.emit("sub", [f, t]), x])
            c2 = fb.emit("add", [fb.emit("sub", [x, t]), f])
            c = fb.emit("add", [c, fb.emit("select", [big, c1, c2])])
            f = t
        else:
            f = fb.emit("add", [f, fvar(x)])
    if not comp:
        return f
    zero = fb.const(0.0, F64)
    finite = fb.emit("eq", [fb.emit("sub", [c, c]), zero])
    use = fb.emit("and", [fb.emit("ne", [c, zero]), finite])
    return fb.emit("select", [use, fb.emit("add", [f, c]), f])


def _over_list(tr, fn, lst, args, kwargs, loc):
    """The builtin over a list holding the same items (lists_calls.py)."""
    from .lists import NO as LIST_NO
    from .lists_calls import call as list_call
    r = list_call(tr, fn, [lst] + list(args[1:]), dict(kwargs), loc)
    return NO if r is LIST_NO else r
