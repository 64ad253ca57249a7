"""`collections.deque` in compiled code: `deque()`, `deque(iterable)`,
`maxlen=`; `append appendleft pop popleft extend extendleft rotate clear copy
count index remove reverse insert`, `maxlen`, `len`, `in`, truth, indexing
(`IndexError: deque index out of range`), iteration (CPython's
`RuntimeError: deque mutated during iteration`), and what takes a list
(`sum min max sorted list`), with CPython's results and messages
(`IndexError: pop from an empty deque`).

Place in the pipeline: frontend; collections_calls.py sends `deque(...)`
and deque methods here, lists.py the subscripts and iteration of a deque.

A deque is a `PyDeque`: a `PyList` (so everything that reads a list reads
it: len, in, iteration, sum...) whose header has two more words:

    +0 len   +8 capacity   +16 data address   +24 maxlen (-1: None)
    +32 state (bumped by every change of length or order, as CPython's)

`popleft` is O(1): the data address moves one element on (the capacity
shrinks with it; the arena frees the memory when the call returns);
`appendleft` shifts the items as `list.insert(0, x)` does.
"""
from __future__ import annotations

import collections

from .arrays import icmp, iadd, isub, loop
from .lists import ListIter, PyList
from .values import E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, TraceRaise, error, scalar_type

NO = object()
HEADER = 40
_EMPTY = "pop from an empty deque"
_METHODS = ("append", "appendleft", "pop", "popleft", "extend", "extendleft", "rotate",
            "clear", "copy", "count", "index", "remove", "reverse", "insert")


class PyDeque(PyList):
    """A deque (see the module docstring). `bounded`: made with a maxlen."""
    __slots__ = ("bounded",)
    kind = "deque"

    def __init__(self, elem, hdr, site=None, bounded=False):
        super().__init__(elem, hdr, site)
        self.bounded = bounded

    def trace_key(self, key_of):
        return ("deque", self.elem, self.bounded)

    def trace_rebuild(self, rebuild, it):
        return PyDeque(self.elem, next(it), self.site, self.bounded)

    def __repr__(self):
        return f"PyDeque({self.elem}, {self.hdr!r})"


class DequeMethod:
    """A bound method of a deque (`q.popleft`)."""
    __slots__ = ("d", "name")

    def __init__(self, d: PyDeque, name: str):
        self.d = d
        self.name = name


def is_deque(v) -> bool:
    return type(v) is PyDeque


def _fld(tr, d, off):
    from .lists import _field
    return _field(tr.fb, d, off)


def _set(tr, d, off, v):
    from .lists import _set_field
    _set_field(tr.fb, d, off, v)


def _bump(tr, d):
    _set(tr, d, 32, iadd(tr.fb, _fld(tr, d, 32), 1))


def _when(tr, cond, then):
    from .lists import _if
    if cond is True:
        then()
    elif cond is not False:
        _if(tr.fb, cond, then)


# --- making deques ----------------------------------------------------------------------------

def _wrap(tr, lst: PyList, maxlen, loc) -> PyDeque:
    """A deque holding the items of the fresh list `lst` (its data is taken)."""
    fb = tr.fb
    hdr = fb.emit("alloc", [fb.const(HEADER)], loc=loc)
    d = PyDeque(lst.elem, hdr, lst.site, maxlen is not None)
    from .lists import length
    _set(tr, d, 0, length(fb, lst) if lst.elem is not None else 0)
    _set(tr, d, 8, _fld(tr, lst, 8))
    _set(tr, d, 16, _fld(tr, lst, 16))
    _set(tr, d, 24, -1 if maxlen is None else maxlen)
    _set(tr, d, 32, 0)
    if maxlen is not None and lst.elem is not None:  # keep the last maxlen items
        extra = isub(fb, _fld(tr, d, 0), maxlen)
        _when(tr, icmp(fb, "gt", extra, 0), lambda: _drop_left(tr, d, extra))
    return d


def _maxlen_arg(tr, v, loc):
    if v is None:
        return None
    t = scalar_type(v)
    if t is None or t.pyname not in ("int", "bool"):
        raise TraceRaise("TypeError", "an integer is required")
    if t.pyname == "bool":
        v = int(v) if type(v) is bool else tr.fb.emit("select", [v, tr.fb.const(1),
                                                                 tr.fb.const(0)])
    bad = icmp(tr.fb, "lt", v, 0)
    if bad is True:
        raise TraceRaise("ValueError", "maxlen must be non-negative")
    if bad is not False:
        tr.fb.raise_if(bad, "ValueError", "maxlen must be non-negative", loc)
    return v


def make(tr, args, kwargs, loc):
    """deque(), deque(iterable), deque(iterable, maxlen), deque(maxlen=n)."""
    from .calls import call_value
    from .dicts import _site
    from .lists import _site_key, _sites, new_list
    if len(args) > 2 or set(kwargs) - {"iterable", "maxlen"} or \
            len(args) + len(kwargs) > 2 or (len(args) == 2 and "maxlen" in kwargs):
        raise error(loc, "deque(iterable, maxlen): these arguments are not supported", "",
                    E_UNSUPPORTED_CALL)
    it = args[0] if args else kwargs.get("iterable")
    maxlen = _maxlen_arg(tr, args[1] if len(args) == 2 else kwargs.get("maxlen"), loc)
    key = _site_key(tr, _site(tr, loc, "deque()"))
    if it is None:
        lst = new_list(tr, _sites(tr).get(key), [], loc, ("abs", key))
    else:
        lst = call_value(tr, list, [it], {}, loc)
        if lst.elem is None:
            lst = new_list(tr, _sites(tr).get(key), [], loc, ("abs", key))
    return _wrap(tr, lst, maxlen, loc)


# --- the operations ---------------------------------------------------------------------------

def _drop_left(tr, d, k):
    """Forget the k leftmost items (0 < k <= len)."""
    from .lists import _size
    fb = tr.fb
    size = _size(d.elem)
    _set(tr, d, 16, iadd(fb, _fld(tr, d, 16), fb.emit("wmul", [_c(fb, k), fb.const(size)])))
    _set(tr, d, 8, isub(fb, _fld(tr, d, 8), k))
    _set(tr, d, 0, isub(fb, _fld(tr, d, 0), k))


def _c(fb, v):
    from .arrays import ic
    return ic(fb, v)


def _check_empty(tr, d, loc):
    from .lists import length
    if d.elem is None:
        raise TraceRaise("IndexError", _EMPTY)
    tr.fb.raise_if(icmp(tr.fb, "eq", length(tr.fb, d), 0), "IndexError", _EMPTY, loc)


def popleft(tr, d, loc):
    from .lists import _load, _rows
    _check_empty(tr, d, loc)
    v = _rows(tr, d, _load(tr.fb, d.elem, _fld(tr, d, 16), 0))
    _drop_left(tr, d, 1)
    _bump(tr, d)
    return v


def pop(tr, d, loc):
    from .lists import _load, _rows
    fb = tr.fb
    _check_empty(tr, d, loc)
    last = isub(fb, _fld(tr, d, 0), 1)
    v = _rows(tr, d, _load(fb, d.elem, _fld(tr, d, 16), last))
    _set(tr, d, 0, last)
    _bump(tr, d)
    return v


def _trim(tr, d, left):
    """After an append (left: after an appendleft): over maxlen, drop one
    item from the other end."""
    if not d.bounded:
        return
    fb = tr.fb
    over = icmp(fb, "gt", _fld(tr, d, 0), _fld(tr, d, 24))

    def drop():
        if left:
            _set(tr, d, 0, isub(fb, _fld(tr, d, 0), 1))
        else:
            _drop_left(tr, d, 1)
    _when(tr, over, drop)


def append(tr, d, x, loc):
    from . import lists
    lists.append(tr, d, x, loc)
    _trim(tr, d, False)
    _bump(tr, d)


def appendleft(tr, d, x, loc):
    from . import lists
    lists.insert(tr, d, 0, x, loc)
    _trim(tr, d, True)
    _bump(tr, d)


def _items(tr, it, loc):
    """The items of an iterable as a fresh list (a deque extended by itself
    sees its items as they were)."""
    from .calls import call_value
    return call_value(tr, list, [it], {}, loc)


def extend(tr, d, it, loc, left=False):
    from . import lists
    src = _items(tr, it, loc)
    if src.elem is None:
        return
    if not left and not d.bounded:
        lists.extend(tr, d, src, loc)
        _bump(tr, d)
        return
    if d.elem is None:  # learn the element type from the first item
        lists._check_item(tr, d, lists._load(tr.fb, src.elem, _fld(tr, src, 16), 0), loc)

    def step(x, c):
        (appendleft if left else append)(tr, d, x, loc)
        return c
    lists._fold(tr, src, [], step)


def _reverse_range(tr, d, lo, hi):
    """Reverse the items lo..hi-1 in place."""
    from .arrays import ifloordiv_pos
    from .lists import _load, _store
    fb = tr.fb
    data = _fld(tr, d, 16)
    n = isub(fb, hi, lo)

    def body(k, c):
        a, b = iadd(fb, lo, k), isub(fb, isub(fb, hi, 1), k)
        x, y = _load(fb, d.elem, data, a), _load(fb, d.elem, data, b)
        _store(fb, d.elem, data, a, y)
        _store(fb, d.elem, data, b, x)
        return c
    loop(fb, ifloordiv_pos(fb, n, 2), [], body)


def _int_arg(tr, v):
    t = scalar_type(v)
    if t is None or t.pyname not in ("int", "bool"):
        tn = "float" if t is not None and t.pyname == "float" else type(v).__name__
        raise TraceRaise("TypeError", f"'{tn}' object cannot be interpreted as an integer")
    if t.pyname == "bool":
        return int(v) if type(v) is bool else tr.fb.emit("select", [v, tr.fb.const(1),
                                                                   tr.fb.const(0)])
    return v


def rotate(tr, d, n, loc):
    """Rotate right by n: reverse all, then the first n mod len and the rest."""
    fb = tr.fb
    n = _int_arg(tr, n)
    _bump(tr, d)
    if d.elem is None:
        return
    size = _fld(tr, d, 0)

    def go():
        k = fb.emit("mod", [_c(fb, n), size])  # Python's n % len
        _reverse_range(tr, d, 0, size)
        _reverse_range(tr, d, 0, k)
        _reverse_range(tr, d, k, size)
    _when(tr, icmp(fb, "gt", size, 1), go)


def _index(tr, d, i, msg, loc):
    from .lists import _index as list_index, length
    if isinstance(i, slice):
        raise TraceRaise("TypeError", "sequence index must be integer, not 'slice'")
    t = scalar_type(i)
    if t is None or t.pyname not in ("int", "bool"):
        tn = "float" if t is not None and t.pyname == "float" else type(i).__name__
        raise TraceRaise("TypeError", f"sequence index must be integer, not '{tn}'")
    if d.elem is None:
        raise TraceRaise("IndexError", msg)
    return list_index(tr, i, length(tr.fb, d), msg, loc)


def getitem(tr, d, i, loc):
    from .lists import _load, _rows
    j = _index(tr, d, i, "deque index out of range", loc)
    return _rows(tr, d, _load(tr.fb, d.elem, _fld(tr, d, 16), j))


def setitem(tr, d, i, v, loc):
    from .lists import _check_item, _row, _store
    j = _index(tr, d, i, "deque index out of range", loc)
    v = _row(tr, v, loc)
    _check_item(tr, d, v, loc)
    _store(tr.fb, d.elem, _fld(tr, d, 16), j, v)


def _not_in(tr, d, x, loc):
    """The index of x; ValueError('x is not in deque') when absent."""
    from .lists_search import _find, _raise_with_value, _run_time
    j = _find(tr, d, x, loc)
    bad = icmp(tr.fb, "lt", j, 0)
    if bad is True and _run_time(x):
        bad = tr.fb.const(True)
    if bad is True:
        raise TraceRaise("ValueError", f"{x!r} is not in deque")
    if bad is not False:
        _raise_with_value(tr, bad, x, "{} is not in deque", loc)
    return j


def _insert(tr, d, i, x, loc):
    from . import lists
    i = _int_arg(tr, i)
    if d.bounded:
        full = icmp(tr.fb, "ge", lists.length(tr.fb, d), _fld(tr, d, 24))
        if full is True:
            raise TraceRaise("IndexError", "deque already at its maximum size")
        if full is not False:
            tr.fb.raise_if(full, "IndexError", "deque already at its maximum size", loc)
    lists.insert(tr, d, i, x, loc)
    _bump(tr, d)


def _copy(tr, d, loc):
    from .lists import copy
    lst = copy(tr, d, loc)
    return _wrap(tr, lst, _fld(tr, d, 24) if d.bounded else None, loc)


def attribute(tr, d, name, loc):
    if name in _METHODS:
        return DequeMethod(d, name)
    if name == "maxlen":
        return _fld(tr, d, 24) if d.bounded else None
    raise error(loc, f"deque.{name} is not supported in compiled code",
                "supported: " + " ".join(_METHODS) + " maxlen", E_UNSUPPORTED_CALL)


def _arity(name, args, lo, hi):
    if not lo <= len(args) <= hi:
        if lo == hi == 0:
            raise TraceRaise("TypeError", f"deque.{name}() takes no arguments ({len(args)} "
                             "given)")
        if lo == hi == 1:
            raise TraceRaise("TypeError", f"deque.{name}() takes exactly one argument "
                             f"({len(args)} given)")
        raise TraceRaise("TypeError", f"{name} expected at most {hi} argument"
                         f"{'s' if hi != 1 else ''}, got {len(args)}")


def call_method(tr, m: DequeMethod, args, kwargs, loc):
    from . import lists, lists_search
    from .lists_abi import mutates
    d, name = m.d, m.name
    if kwargs:
        raise error(loc, f"deque.{name}() with keyword arguments is not supported", "",
                    E_UNSUPPORTED_CALL)
    mutates(tr, d)
    if name in ("append", "appendleft", "extend", "extendleft", "count", "remove"):
        _arity(name, args, 1, 1)
    if name in ("pop", "popleft", "clear", "copy", "reverse"):
        _arity(name, args, 0, 0)
    if name == "append":
        append(tr, d, args[0], loc)
    elif name == "appendleft":
        appendleft(tr, d, args[0], loc)
    elif name == "pop":
        return pop(tr, d, loc)
    elif name == "popleft":
        return popleft(tr, d, loc)
    elif name in ("extend", "extendleft"):
        extend(tr, d, args[0], loc, left=name == "extendleft")
    elif name == "rotate":
        _arity(name, args, 0, 1)
        rotate(tr, d, args[0] if args else 1, loc)
    elif name == "clear":
        if d.elem is not None:
            _set(tr, d, 0, 0)
        _bump(tr, d)
    elif name == "copy":
        return _copy(tr, d, loc)
    elif name == "count":
        return lists_search.count(tr, d, args[0], loc)
    elif name == "index":
        if len(args) != 1:
            raise error(loc, "deque.index() with start/stop is not supported", "",
                        E_UNSUPPORTED_CALL)
        return _not_in(tr, d, args[0], loc)
    elif name == "remove":
        j = _not_in(tr, d, args[0], loc)
        lists.pop(tr, d, [j], loc)
        _bump(tr, d)
    elif name == "reverse":
        lists_search.reverse(tr, d, loc)
    elif name == "insert":
        if len(args) != 2:
            raise TraceRaise("TypeError", f"insert expected 2 arguments, got {len(args)}")
        _insert(tr, d, args[0], args[1], loc)
    return None


def call(tr, fn, args, kwargs, loc):
    """deque(...) and deque methods; NO for other calls."""
    if fn is collections.deque:
        return make(tr, args, kwargs, loc)
    if type(fn) is DequeMethod:
        return call_method(tr, fn, args, kwargs, loc)
    return NO


def refuse_operator(op, loc):
    raise error(loc, f"operator {op} on a deque is not supported in compiled code",
                "extend a copy (d2 = d.copy(); d2.extend(xs)) or compare list(d)",
                E_UNSUPPORTED_VALUE)


def compare_other(op, a, b):
    """`a op b` where one side is a deque and the other is not: == is
    False, != True, an ordering CPython's TypeError."""
    if op in ("==", "!="):
        return op == "!="

    def name(v):
        if is_deque(v):
            return "collections.deque"
        if isinstance(v, PyList) or type(v).__name__ in ("Literal", "ListLit"):
            return "list"
        t = scalar_type(v)
        return t.pyname if t is not None else type(v).__name__
    raise TraceRaise("TypeError", f"'{op}' not supported between instances of '{name(a)}' "
                     f"and '{name(b)}'")


def refuse_result(loc, what):
    raise error(loc, f"{what} is a collections.deque, which cannot leave compiled code yet",
                "return list(d): a list of the same items", E_UNSUPPORTED_VALUE)


# --- iteration (lists.get_iter sends a deque here) --------------------------------------------

class DequeIter(ListIter):
    """`iter(q)`: the deque, the next position, the length and state when
    the iterator was made (CPython raises when the state changes)."""
    __slots__ = ("n", "state")

    def __init__(self, d, pos, n, state):
        super().__init__(d, pos)
        self.n, self.state = n, state

    def trace_key(self, key_of):
        return ("dequeiter", self.lst.trace_key(key_of), key_of(self.pos), key_of(self.n),
                key_of(self.state))

    def trace_leaves(self, leaves, out):
        out.append(self.lst.hdr)
        for v in (self.pos, self.n, self.state):
            leaves(v, out)

    def trace_rebuild(self, rebuild, it):
        d = self.lst.trace_rebuild(rebuild, it)
        return DequeIter(d, rebuild(self.pos, it), rebuild(self.n, it), rebuild(self.state, it))


def get_iter(tr, d):
    from .lists import length
    return DequeIter(d, 0, length(tr.fb, d), _fld(tr, d, 32) if d.elem is not None else 0)


def iter_step(tr, it):
    """(more, step) for FOR_ITER over a deque (lists_iter.iter_step)."""
    from .lists import _load, _rows
    fb = tr.fb
    d = it.lst
    if d.elem is None:
        return False, None
    fb.raise_if(fb.emit("ne", [_fld(tr, d, 32), _c(fb, it.state)]), "RuntimeError",
                "deque mutated during iteration", getattr(tr, "cur_loc", None))

    def step():
        v = _rows(tr, d, _load(fb, d.elem, _fld(tr, d, 16), it.pos))
        return v, DequeIter(d, iadd(fb, it.pos, 1), it.n, it.state)
    return icmp(fb, "lt", it.pos, it.n), step
