"""The callables numeric code passes as `key=` (and calls like any function):
`operator.itemgetter(...)`, `operator.attrgetter(...)` and unbound methods of
the builtin types (`str.lower`, `str.strip`...).

Place in the pipeline: frontend; calls.call_value asks `call` before it
refuses a callable. `itemgetter(1)` with known arguments is made by Python
itself (a known value); calling one subscripts its argument through a traced
helper (library code: known indices stay known, so a tuple field is chosen
when tracing); `str.lower(s)` is `s.lower()`, the tracer's own attribute
lookup on the argument, so whatever methods the argument's type supports.
"""
from __future__ import annotations

import operator

NO = object()

_MAKERS = (operator.itemgetter, operator.attrgetter)


def _known(v) -> bool:
    if type(v) is tuple:
        return all(_known(x) for x in v)
    return type(v) in (int, str, bool) or v is None


def _getitem(x, i):
    return x[i]


def call(tr, fn, args, kwargs, loc):
    """`fn(*args, **kwargs)` when fn is one of ours; NO otherwise."""
    from .calls import call_python, call_value
    from .values import E_UNSUPPORTED_CALL, error
    if fn in _MAKERS:
        if kwargs or not args or not all(_known(a) for a in args):
            raise error(loc, f"operator.{fn.__name__}() needs constant arguments", "",
                        E_UNSUPPORTED_CALL)
        return fn(*args)
    if type(fn) in _MAKERS:
        if kwargs or len(args) != 1:
            raise error(loc, f"an operator.{type(fn).__name__} takes one argument", "",
                        E_UNSUPPORTED_CALL)
        parts = fn.__reduce__()[1]
        x = args[0]
        if type(fn) is operator.itemgetter:
            got = [call_python(tr, _getitem, [x, i], {}, loc, site=loc, public="itemgetter")
                   for i in parts]
        else:
            got = []
            for name in parts:
                v = x
                for attr in name.split("."):
                    v = tr.getattr(v, attr, loc)
                got.append(v)
        return got[0] if len(got) == 1 else tuple(got)
    if getattr(fn, "__objclass__", None) is str and type(fn).__name__ == "method_descriptor" \
            and args:
        from .strvalues import is_str
        if is_str(args[0]) or type(args[0]) is str:
            return call_value(tr, tr.getattr(args[0], fn.__name__, loc), list(args[1:]),
                              dict(kwargs), loc)
    return NO
