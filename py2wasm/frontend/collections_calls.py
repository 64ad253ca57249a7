"""The calls of the standard library's container modules: `heapq` and
`bisect` (stdlib_heapq.py), `collections.deque` (collections_deque.py),
`collections.Counter` of an iterable and its methods (collections_counter.py)
and `collections.defaultdict` with a container or lambda factory
(collections_defaultdict.py).

Place in the pipeline: frontend; `calls.call_value` asks `call` first among
the containers; NO when the call is none of these.
"""
from __future__ import annotations

NO = object()


def call(tr, fn, args, kwargs, loc):
    from . import collections_counter, collections_defaultdict, collections_deque, stdlib_heapq
    for mod in (stdlib_heapq, collections_deque, collections_counter, collections_defaultdict):
        r = mod.call(tr, fn, args, kwargs, loc)
        if r is not mod.NO:
            return r
    return NO
