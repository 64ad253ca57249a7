"""Handlers of the opcodes that build values: f-strings (FORMAT_*,
CONVERT_VALUE, BUILD_STRING), tuples, list/dict/set literals and
comprehension appends (BUILD_*, LIST_APPEND, SET_ADD, MAP_ADD, LIST_EXTEND,
SET_UPDATE) and UNPACK_SEQUENCE.

Place in the pipeline: frontend; `ContainerOps` is one of the mixins that
opcodes.Handlers gathers for tracer.FunctionTracer's dispatch table; the
values themselves are built by strings/strfmt/strvalues, lists, dicts, sets.
"""
from __future__ import annotations

from ..ir import Var
from . import arrays, dicts, lists, sets, strings, strfmt, strvalues
from .values import E_TYPE, E_UNSUPPORTED_OPCODE, TraceRaise, error


class ContainerOps:
    """f-strings, container literals, comprehension appends, unpacking."""

    # --- f-strings (frontend/strings.py) ---------------------------------------------
    def op_FORMAT_VALUE(self, ins, f):  # 3.11, 3.12
        spec = f.stack.pop() if ins.arg & 0x04 else ""
        conv = (None, "s", "r", "a")[ins.arg & 0x03]
        self._push_formatted(ins, f, f.stack.pop(), conv, spec)

    def op_CONVERT_VALUE(self, ins, f):  # 3.13: !s !r !a, formatted by the next FORMAT_*
        f.stack.append(_Converted(f.stack.pop(), (None, "s", "r", "a")[ins.arg]))

    def op_FORMAT_SIMPLE(self, ins, f):  # 3.13
        self._format(ins, f, "")

    def op_FORMAT_WITH_SPEC(self, ins, f):  # 3.13
        self._format(ins, f, f.stack.pop())

    def _format(self, ins, f, spec):
        v, conv = f.stack.pop(), None
        if isinstance(v, _Converted):
            v, conv = v.value, v.conv
        self._push_formatted(ins, f, v, conv, spec)

    def _push_formatted(self, ins, f, v, conv, spec):
        """f"{v!conv:spec}" pushed: a run-time spec (strfmt.py), a run-time
        string (strvalues.py) or a number or known value (strings.py)."""
        if strfmt.is_run_time_spec(spec):  # f"{x:{w}.{p}f}" (strfmt.py)
            f.stack.append(strfmt.run_time_spec(self, v, conv, spec, self.loc_of(ins)))
            return
        from . import container_repr  # f"{xs}": the list's text
        r = container_repr.field(self, v, conv, spec, self.loc_of(ins))
        if r is not container_repr.NO:
            f.stack.append(r)
            return
        if strvalues.is_str(v):
            f.stack.append(strvalues.format_value(self, v, conv, spec, self.loc_of(ins)))
            return
        f.stack.append(strings.format_value(v, conv, spec, self.loc_of(ins)))

    def op_BUILD_STRING(self, ins, f):
        n = ins.arg
        parts = list(f.stack[len(f.stack) - n:]) if n else []
        del f.stack[len(f.stack) - n:]
        f.stack.append(strings.build_string(parts, self.loc_of(ins)))

    def op_BUILD_MAP(self, ins, f):
        n = ins.arg
        items = f.stack[len(f.stack) - 2 * n:] if n else []
        del f.stack[len(f.stack) - 2 * n:]
        pairs = [(items[2 * i], items[2 * i + 1]) for i in range(n)]
        site = ("map", self.code, ins.offset)
        f.stack.append(dicts.from_items(self, pairs, site, self.loc_of(ins)))

    def op_BUILD_CONST_KEY_MAP(self, ins, f):
        keys = f.stack.pop()
        n = ins.arg
        values = f.stack[len(f.stack) - n:]
        del f.stack[len(f.stack) - n:]
        site = ("map", self.code, ins.offset)
        f.stack.append(dicts.from_items(self, list(zip(keys, values)), site, self.loc_of(ins)))

    def op_BUILD_SET(self, ins, f):
        n = ins.arg
        items = f.stack[len(f.stack) - n:] if n else []
        del f.stack[len(f.stack) - n:]
        f.stack.append(sets.from_items(self, items, ("set", self.code, ins.offset),
                                       self.loc_of(ins)))

    def op_SET_ADD(self, ins, f):  # set comprehensions
        v = f.stack.pop()
        s = f.stack[-ins.arg]
        if not sets.is_set(s):
            raise error(self.loc_of(ins), "SET_ADD on a non-set", "", E_UNSUPPORTED_OPCODE)
        sets.add(self, s, v, self.loc_of(ins))

    def op_SET_UPDATE(self, ins, f):  # {1, 2, 3}: BUILD_SET 0, then the frozenset constant
        src = f.stack.pop()
        s = f.stack[-ins.arg]
        loc = self.loc_of(ins)
        if isinstance(src, frozenset) and sets.is_set(s) and s.et is None and src:
            s = f.stack[-ins.arg] = sets.from_items(self, [next(iter(src))], s.site, loc)
        sets.update_from_iterable(self, s, src, loc)

    def op_MAP_ADD(self, ins, f):  # dict comprehensions
        value = f.stack.pop()
        key = f.stack.pop()
        d = f.stack[-ins.arg]
        if not dicts.is_dict(d):
            raise error(self.loc_of(ins), "MAP_ADD on a non-dict", "", E_UNSUPPORTED_OPCODE)
        dicts.setitem(self, d, key, value, self.loc_of(ins))

    def op_BUILD_TUPLE(self, ins, f):
        n = ins.arg
        items = tuple(f.stack[len(f.stack) - n:]) if n else ()
        del f.stack[len(f.stack) - n:]
        f.stack.append(items)

    def op_BUILD_LIST(self, ins, f):
        """A list literal: only as an argument of NumPy functions (np.array([...]),
        np.stack([a, b])) or to loop over (arrays.ListLit)."""
        n = ins.arg
        items = tuple(f.stack[len(f.stack) - n:]) if n else ()
        del f.stack[len(f.stack) - n:]
        f.stack.append(lists.Literal(items, ins.offset))

    def op_LIST_APPEND(self, ins, f):  # comprehensions
        if ins.arg == 1 and isinstance(f.stack[-2], lists.Literal):
            return self.display_append(ins, f)  # `[*t, x]` (unpack_star.py)
        v = f.stack.pop()
        loc = self.loc_of(ins)
        lst = lists.as_list(self, f.stack[-ins.arg], loc)
        f.stack[-ins.arg] = lst
        lists.append(self, lst, v, loc)

    def op_LIST_EXTEND(self, ins, f):  # [1, 2, 3]: BUILD_LIST 0, LOAD_CONST (1, 2, 3)
        src = f.stack.pop()
        lst = f.stack[-ins.arg]
        if lists.is_list(lst) or lists.is_list(src):
            lst = f.stack[-ins.arg] = lists.as_list(self, lst, self.loc_of(ins))
            lists.extend(self, lst, src, self.loc_of(ins))
            return
        if not isinstance(lst, arrays.ListLit) or not isinstance(src, (tuple, arrays.ListLit)):
            raise error(self.loc_of(ins), "lists are not supported", "use tuples",
                        E_UNSUPPORTED_OPCODE)
        f.stack[-ins.arg] = lists.Literal(lst.items + tuple(
            src.items if isinstance(src, arrays.ListLit) else src), getattr(lst, "site", None))

    def op_UNPACK_SEQUENCE(self, ins, f):
        v = f.stack.pop()
        loc = self.loc_of(ins)
        if isinstance(v, range):
            v = tuple(v)
        if lists.is_list(v):  # a, b = s.split(","): its length checked at run time
            from .strlists import unpack
            v = unpack(self, v, ins.arg, loc)
        if arrays.is_array(v):  # y, x = np.mgrid[...]: the items along axis 0
            from .indexing_fancy import unpack
            v = unpack(self, v, ins.arg, loc)
        if not isinstance(v, tuple):
            raise error(loc, f"cannot unpack a {type(v).__name__ if not isinstance(v, Var) else v.type.pyname}",
                        "only tuples can be unpacked", E_TYPE)
        if len(v) != ins.arg:
            if len(v) > ins.arg:
                raise TraceRaise("ValueError", f"too many values to unpack (expected {ins.arg})")
            raise TraceRaise("ValueError",
                             f"not enough values to unpack (expected {ins.arg}, got {len(v)})")
        f.stack.extend(reversed(v))


class _Converted:
    """3.13's CONVERT_VALUE result: a value and its conversion, for FORMAT_*."""
    __slots__ = ("value", "conv")

    def __init__(self, value, conv):
        self.value = value
        self.conv = conv
