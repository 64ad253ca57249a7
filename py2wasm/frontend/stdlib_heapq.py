"""`heapq` and `bisect` on lists: CPython's algorithms (Lib/heapq.py and
Lib/bisect.py, whose C accelerators Modules/_heapqmodule.c and
Modules/_bisectmodule.c do the same comparisons in the same order), written
in the Python subset py2wasm compiles and traced like user code, so heaps of
numbers or of tuples (Dijkstra's `(dist, node)`) end in CPython's order and
the exceptions are the C modules' (`IndexError: index out of range` from
heappop of an empty heap, `ValueError: lo must be non-negative`).

`nsmallest`/`nlargest` are, as CPython documents them, `sorted(xs,
key=key)[:n]` and `sorted(xs, key=key, reverse=True)[:n]` (its heap
algorithm keeps ties in input order, so the results are the same for values
that are ordered; with NaNs inside, CPython's answer depends on which
objects are identical, which compiled values do not have), with `n == 1`
as CPython's `min`/`max` shortcut.

Place in the pipeline: frontend library code, like fsum.py: calls.py hands
`heapq.*`/`bisect.*` calls here (`call`), each traced through
`calls.call_python` with a library site.
"""
from __future__ import annotations

import bisect
import heapq

NO = object()


# --- the traced implementations (Lib/heapq.py, with the C module's messages) ---------------

def _siftdown(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


def heappush(heap, item):
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def heappop(heap):
    if len(heap) == 0:
        raise IndexError("index out of range")
    lastelt = heap.pop()
    if len(heap) > 0:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup(heap, 0)
        return returnitem
    return lastelt


def heapreplace(heap, item):
    if len(heap) == 0:
        raise IndexError("index out of range")
    returnitem = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return returnitem


def heappushpop(heap, item):
    if len(heap) > 0 and heap[0] < item:
        returnitem = heap[0]
        heap[0] = item
        _siftup(heap, 0)
        return returnitem
    return item


def heapify(x):
    n = len(x)
    for i in range(n // 2 - 1, -1, -1):
        _siftup(x, i)


# --- Lib/bisect.py (hi=-1 means len(a), as the C module's converter reads it) --------------

def bisect_right(a, x, lo=0, hi=None):
    if lo < 0:
        raise ValueError("lo must be non-negative")
    if hi is None:
        hi = len(a)
    elif hi == -1:
        hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def bisect_left(a, x, lo=0, hi=None):
    if lo < 0:
        raise ValueError("lo must be non-negative")
    if hi is None:
        hi = len(a)
    elif hi == -1:
        hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def insort_right(a, x, lo=0, hi=None):
    lo = bisect_right(a, x, lo, hi)
    a.insert(lo, x)


def insort_left(a, x, lo=0, hi=None):
    lo = bisect_left(a, x, lo, hi)
    a.insert(lo, x)


_TRACED = {
    heapq.heappush: heappush, heapq.heappop: heappop, heapq.heapreplace: heapreplace,
    heapq.heappushpop: heappushpop, heapq.heapify: heapify,
    bisect.bisect_right: bisect_right, bisect.bisect_left: bisect_left,
    bisect.insort_right: insort_right, bisect.insort_left: insort_left,
}
_HEAP_FIRST = {heapq.heappush, heapq.heappop, heapq.heapreplace, heapq.heappushpop,
               heapq.heapify}


def _public(fn) -> str:
    return f"{fn.__module__.lstrip('_')}.{fn.__name__}"


def call(tr, fn, args, kwargs, loc):
    """A heapq/bisect call on trace values; NO for other functions."""
    try:
        impl = _TRACED.get(fn)
    except TypeError:  # an unhashable callable
        return NO
    if impl is None:
        if fn is heapq.nsmallest or fn is heapq.nlargest:
            return _nsmallest(tr, fn, args, kwargs, loc)
        return NO
    from . import lists
    from .calls import call_python
    from .values import E_UNSUPPORTED_CALL, TraceRaise, error
    name = _public(fn)
    if "key" in kwargs:
        raise error(loc, f"{name}() with key= is not supported in compiled code",
                    "store (key, value) tuples in the list instead", E_UNSUPPORTED_CALL)
    args = [lists.as_list(tr, a, loc) if isinstance(a, lists.Literal) else a for a in args]
    if not args:
        return NO  # Python's own TypeError, from the traced signature
    if fn in _HEAP_FIRST and not lists.is_list(args[0]):
        t = type(args[0]).__name__ if not hasattr(args[0], "trace_key") else "a container"
        if type(args[0]) in (tuple, int, float, bool):
            raise TraceRaise("TypeError", f"{fn.__name__}() argument 1 must be list, not {t}")
        raise error(loc, f"{name}() of a {t} is not supported", "give it a list",
                    E_UNSUPPORTED_CALL)
    if fn in _HEAP_FIRST and type(args[0]).__name__ == "PyDeque":
        raise TraceRaise("TypeError", f"{fn.__name__}() argument 1 must be list, not "
                         "collections.deque")
    return call_python(tr, impl, list(args), dict(kwargs), loc, site=loc, public=name)


def _nsmallest(tr, fn, args, kwargs, loc):
    """heapq.nsmallest/nlargest(n, iterable, key=None): see the docstring."""
    from . import lists
    from .arrays import icmp, isel
    from .calls import call_value
    from .values import E_UNSUPPORTED_CALL, error, scalar_type
    from ..ir import I64
    name = _public(fn)
    if len(args) + len(kwargs) > 3 or len(args) < 2 and "iterable" not in kwargs or \
            set(kwargs) - {"key", "iterable", "n"}:
        raise error(loc, f"{name}(n, iterable, key=None): these arguments are not supported",
                    "", E_UNSUPPORTED_CALL)
    n, xs = args[0], args[1] if len(args) > 1 else kwargs["iterable"]
    key = kwargs.get("key")
    if scalar_type(n) is not I64 and type(n) is not int:
        raise error(loc, f"{name}(n, ...): n must be an int in compiled code", "",
                    E_UNSUPPORTED_CALL)
    largest = fn is heapq.nlargest
    kw = {} if key is None else {"key": key}
    if type(n) is int and n == 1:  # CPython: min()/max() of the items, [] when there are none
        lst = call_value(tr, list, [xs], {}, loc)
        out = lists.new_list(tr, lst.elem, [], loc, lists._derived_site(lst))
        nonempty = icmp(tr.fb, "gt", lists.length(tr.fb, lst), 0)

        def one():
            lists.append(tr, out, call_value(tr, max if largest else min, [lst], kw, loc), loc)
        if nonempty is True:
            one()
        elif nonempty is not False:
            lists._if(tr.fb, nonempty, one)
        return out
    if largest:
        kw["reverse"] = True
    ordered = call_value(tr, sorted, [xs], kw, loc)
    stop = n if type(n) is int else isel(tr.fb, icmp(tr.fb, "lt", n, 0), 0, n)
    if type(stop) is int and stop < 0:
        stop = 0
    return lists.get_slice(tr, ordered, slice(None, stop, None), loc)
