"""Lists of run-time strings: `s.split()`, `s.split(sep)`, `sep.join(xs)`,
`list(s)`.

Place in the pipeline: frontend, beside strvalues.py. A list of strs is a
frontend/lists.py list whose elements are the strings' addresses (element
type `ir.types.STR`); the operations are strlib.py functions that build the
list with `append`, so lists.py does the memory. Such lists live inside a
compiled function: as arguments or results they are refused (CompileError).
"""
from __future__ import annotations

from ..ir import I64, Var
from .values import E_UNSUPPORTED_CALL, TraceRaise, error


def split(tr, s, args, kwargs, loc):
    from . import strlib
    from .strvalues import _index_int, _tname, is_stringish, lib, to_str
    names = ("sep", "maxsplit")
    if len(args) > 2:
        raise TraceRaise("TypeError", f"split() takes at most 2 arguments ({len(args)} given)")
    vals = dict(zip(names, args))
    for k, v in kwargs.items():
        if k in vals:
            raise TraceRaise("TypeError", f"argument for split() given by name ('{k}') and "
                             "position")
        vals[k] = v
    sep = vals.get("sep")
    maxsplit = vals.get("maxsplit", -1)
    maxsplit = _index_int(tr, maxsplit, loc, "maxsplit")
    if sep is None:
        return lib(tr, strlib.split_space, [s, maxsplit], loc, "str.split")
    if not is_stringish(sep):
        raise TraceRaise("TypeError", f"must be str or None, not {_tname(sep)}")
    if type(sep) is str and not sep:
        raise TraceRaise("ValueError", "empty separator")
    return lib(tr, strlib.split_sep, [s, to_str(tr, sep, loc), maxsplit], loc, "str.split")


def join(tr, sep, items, loc):
    from . import strlib
    from .lists import Literal, PyList, as_list
    from .strvalues import is_stringish, lib, to_str, _tname
    from ..ir.types import STR
    if isinstance(items, Literal) or type(items) is tuple:
        parts = list(items.items if isinstance(items, Literal) else items)
        for k, x in enumerate(parts):
            if not is_stringish(x):
                raise TraceRaise("TypeError", f"sequence item {k}: expected str instance, "
                                 f"{_tname(x)} found")
        if not parts:
            return to_str(tr, "", loc)
        out = [to_str(tr, parts[0], loc)]
        for x in parts[1:]:
            out.append(to_str(tr, sep, loc))
            out.append(to_str(tr, x, loc))
        from .strvalues import concat_all
        return concat_all(tr, out, loc)
    if isinstance(items, PyList):
        if items.elem is None:
            return to_str(tr, "", loc)
        if items.elem == STR:
            return lib(tr, strlib.join, [sep, items], loc, "str.join")
        raise TraceRaise("TypeError", "sequence item 0: expected str instance, "
                         f"{getattr(items.elem, 'pyname', None) or {'float64': 'float', 'int64': 'int', 'bool': 'bool'}.get(items.elem, 'list')} found")
    from .calls import call_value
    try:  # any other iterable (reversed(xs), a generator...): as a list first
        as_list_ = call_value(tr, list, [items], {}, loc)
    except Exception:  # noqa: BLE001 - not iterable here: the refusal below
        as_list_ = None
    if isinstance(as_list_, PyList):
        return join(tr, sep, as_list_, loc)
    raise error(loc, f"str.join() of a {_tname(items)} is not supported",
                "join a list of strs", E_UNSUPPORTED_CALL)


def chars(tr, s, loc):
    from . import strlib
    from .strvalues import lib, to_str
    return lib(tr, strlib.chars, [to_str(tr, s, loc)], loc, "list")


def unpack(tr, lst, n: int, loc) -> tuple:
    """`a, b = xs` of a list: CPython's ValueError when its length is not n
    (checked at run time), else its n items."""
    from .lists import _field, _load, length
    fb = tr.fb
    m = length(fb, lst)
    if lst.elem is None:  # empty at run time
        if n:
            raise TraceRaise("ValueError", f"not enough values to unpack (expected {n}, got 0)")
        return ()
    few = fb.emit("lt", [m, fb.const(n)]) if isinstance(m, Var) else m < n
    many = fb.emit("gt", [m, fb.const(n)]) if isinstance(m, Var) else m > n
    fb.emit_multi("raise_if_fmt", [few, m], {"exc": "ValueError", "msg": "not enough values to "
                                             f"unpack (expected {n}, got {{0}})",
                                             "kinds": ("int",)}, loc=loc)
    fb.raise_if(many, "ValueError", f"too many values to unpack (expected {n})", loc)
    data = _field(fb, lst, 16)
    return tuple(_load(fb, lst.elem, data, k) for k in range(n))
