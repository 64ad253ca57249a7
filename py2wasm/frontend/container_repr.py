"""`str()`/`repr()` of lists, dicts, sets and tuples holding them, and
f-string fields showing them (`f"{xs}"`, `f"{d!r}"`, `raise
ValueError(f"bad {xs}")`): CPython's text (`[1.0, 0.1]`, `{1: 'a'}`,
`set()`, `{(1, 2): [3]}`), each item by its own repr (shortest float
repr, quoted strs), written in Python and traced like strlib.py.

Place in the pipeline: frontend; calls.call_value asks `call` (str, repr)
before the container modules, and the f-string field builders
(opcodes_containers._push_formatted, strfmt._field) ask `field` first. A
format spec on a container is CPython's TypeError; `!a` (ascii) of one is
refused (P2W010). Sets of strs show py2wasm's order (see README).
"""
from __future__ import annotations

from .values import E_UNSUPPORTED_VALUE, TraceRaise, error

NO = object()


def list_repr(xs):
    return "[" + ", ".join([repr(x) for x in xs]) + "]"


def dict_repr(d):
    return "{" + ", ".join([repr(k) + ": " + repr(v) for k, v in d.items()]) + "}"


def set_repr(s):
    body = ", ".join([repr(x) for x in s])  # a run-time str on both paths
    if len(s) == 0:
        return "set()" + body
    return "{" + body + "}"


def tuple_repr(t):
    parts = [repr(x) for x in t]
    if len(parts) == 1:
        return "(" + parts[0] + ",)"
    return "(" + ", ".join(parts) + ")"


def _kind(v):
    from .dicts import PyDict
    from .lists import Literal, PyList
    from .sets import PySet
    if isinstance(v, (PyList, Literal)):
        return "list"
    if isinstance(v, PyDict):
        return "dict"
    if isinstance(v, PySet):
        return "set"
    if type(v) is tuple and any(_kind(x) is not None for x in v):
        return "tuple"
    return None


def involved(v) -> bool:
    return _kind(v) is not None


def to_text(tr, v, loc):
    """The PyStr of repr(v) for a container (or a tuple holding one)."""
    from .calls import call_python
    from .lists import Literal, as_list
    kind = _kind(v)
    if isinstance(v, Literal):
        lst = as_list(tr, v, loc, strict=False)
        if lst is None:  # items of several types
            raise error(loc, "str() of a list literal mixing item types is not supported",
                        "build the text from its items", E_UNSUPPORTED_VALUE)
        v = lst
    fn = {"list": list_repr, "dict": dict_repr, "set": set_repr, "tuple": tuple_repr}[kind]
    return call_python(tr, fn, [v], {}, loc, site=loc, public="repr")


def field(tr, v, conv, spec, loc):
    """f"{v!conv:spec}" of a container: its text (a PyStr), or NO."""
    kind = _kind(v)
    if kind is None:
        return NO
    if conv == "a":
        raise error(loc, f"ascii() of a {kind} known only at run time is not supported",
                    "use !r", E_UNSUPPORTED_VALUE)
    if spec:
        raise TraceRaise("TypeError", f"unsupported format string passed to {kind}.__format__")
    from .strvalues import format_value
    return format_value(tr, to_text(tr, v, loc), None, "", loc)  # a field, as a str's


def call(tr, fn, args, kwargs, loc):
    """str(v) / repr(v) / format(v[, '']) of a container; NO when not ours."""
    if not (fn is str or fn is repr or fn is format) or kwargs or not args or len(args) > (
            2 if fn is format else 1) or not involved(args[0]):
        return NO
    spec = args[1] if len(args) == 2 else ""
    if type(spec) is not str:
        return NO
    return field(tr, args[0], None, spec, loc)
