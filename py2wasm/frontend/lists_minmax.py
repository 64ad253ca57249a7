"""`min(xs, key=..., default=...)` and `max(...)` of a list value or of a
generator (which lists_calls.py receives as the list of its items).

Place in the pipeline: frontend; lists_calls.call hands min/max with `key=`
or `default=` here. As CPython: the first item whose key is smaller (min)
or larger (max) than the best so far replaces it (ties keep the first; a
NaN key compares false), `key` is called once per item in order, an empty
iterable gives `default` (any value, of any type: a TypeFork when its type
differs from the items') or CPython's ValueError. The best item is tracked
by its index, so items of any list element type work; keys are numbers,
NumPy scalars or tuples of numbers.
"""
from __future__ import annotations

from ..ir import Var
from .arrays import ic, iadd, icmp, isub, loop
from .values import E_UNSUPPORTED_CALL, TraceRaise, error

MISSING = object()


def _key_leaves(fb, k, loc):
    """(leaves to carry, rebuild) of a key value; None: not a key we carry."""
    from .npscalars import compute_value, dtype_name, is_np, make
    from .values import NpScalar, scalar_type
    if is_np(k):  # a NumPy scalar: its value in the dtype's compute type
        dt = dtype_name(k)
        if dt in ("complex128", "complex64"):
            return None
        from ..ir.types import NumpyScalarType
        v = k.var if isinstance(k, NpScalar) else fb.const(compute_value(k),
                                                            NumpyScalarType(dt).compute)
        return [v], (lambda it: make(dt, next(it)))
    from .lists_records import own_order
    if isinstance(k, tuple) and (type(k) is tuple or not own_order(type(k))):
        # a tuple key (a NamedTuple compares as one, unless it defines its own order)
        parts = [_key_leaves(fb, x, loc) for x in k]
        if any(p is None or None in p[0] for p in parts):
            return None
        return [x for p in parts for x in p[0]], \
            (lambda it: tuple(p[1](it) for p in parts))
    t = scalar_type(k)
    if t is None or type(k) is complex:
        return None
    v = k if isinstance(k, Var) else fb.const(k, t)
    return [v], (lambda it: next(it))


def _better(tr, op, kx, kbest, loc):
    from . import operators
    fb = tr.fb
    if isinstance(kx, tuple):
        from .lists_records import record_less
        if op == "<":
            return record_less(tr, kx, kbest, loc)
        return record_less(tr, kbest, kx, loc)
    c = operators.truth(fb, operators.compare(fb, op, kx, kbest, loc), loc)
    return fb.const(bool(c)) if not isinstance(c, Var) else c


def minmax(tr, lst, which, key, default, loc):
    """min/max of list `lst` with `key` (None: the items) and `default`
    (MISSING: none given)."""
    from .calls import call_value
    from .lists import _field, _load, length
    from ..ir.messages import cpython_message
    fb = tr.fb
    msg = cpython_message({"min": min, "max": max}[which], [])[1]
    if lst.elem is None:  # never typed: empty at run time
        if default is MISSING:
            raise TraceRaise("ValueError", msg)
        return default
    n = length(fb, lst)
    empty = icmp(fb, "eq", n, 0)
    if empty is True and default is not MISSING:
        return default
    if default is MISSING and empty is not False:
        if empty is True:
            raise TraceRaise("ValueError", msg)
        fb.raise_if(empty, "ValueError", msg, loc)
    data = _field(fb, lst, 16)
    op = "<" if which == "min" else ">"
    if key is None:
        from .lists_calls import _minmax
        best = _minmax(tr, lst, which, loc, check_empty=False)
    else:
        def key_of(i):
            k = call_value(tr, key, [_load(fb, lst.elem, data, i)], {}, loc)
            got = _key_leaves(fb, k, loc)
            if got is None:
                raise error(loc, f"{which}() with a key returning a {type(k).__name__} is not "
                            "supported", "return a number (or a tuple of numbers) from the key",
                            E_UNSUPPORTED_CALL)
            return k, got

        def scan():  # the index of the best item (its key: the first item's, then better)
            k0, (leaves0, rebuild) = key_of(fb.const(0))
            shape = [type(x) for x in leaves0]

            def body(i, c):
                j = iadd(fb, i, 1)
                kx, (lx, _) = key_of(j)
                kbest = rebuild(iter(c[1:]))
                if [type(x) for x in lx] != shape or [x.type for x in lx] != [
                        x.type for x in c[1:]]:
                    raise error(loc, f"{which}() with a key whose result type changes between "
                                "items is not supported", "make the key return one type",
                                E_UNSUPPORTED_CALL)
                b = _better(tr, op, kx, kbest, loc)
                return [fb.emit("select", [b, ic(fb, j), c[0]])] + [
                    fb.emit("select", [b, x, y]) for x, y in zip(lx, c[1:])]
            return loop(fb, isub(fb, n, 1), [fb.const(0)] + leaves0, body)[0]
    if key is None:
        pass
    elif empty is False:
        best = _load(fb, lst.elem, data, scan())
    else:  # the key is called only when there is an item (CPython calls it per item)
        from ..ir import I64
        some, join = fb.new_block(), fb.new_block([I64])
        fb.cond_br(empty, join, some, [fb.const(0)], [])
        fb.set_block(some)
        fb.br(join, [scan()])
        fb.set_block(join)
        best = _load(fb, lst.elem, data, join.params[0])
    if default is MISSING or empty is False:
        return best
    return _either(tr, empty, default, best)


def _either(tr, empty, default, best):
    """`default if empty else best`: a select when both are IR values of one
    type, else a TypeFork (frontend/typefork.py)."""
    fb = tr.fb
    from .values import scalar_type
    if isinstance(best, Var) and (isinstance(default, Var) or type(default) in (
            int, float, bool)) and scalar_type(default) == best.type:
        d = default if isinstance(default, Var) else fb.const(default, best.type)
        return fb.emit("select", [empty, d, best])
    from .typefork import TypeFork
    return TypeFork(fb.emit("select", [empty, fb.const(1), fb.const(0)]), [best, default])
