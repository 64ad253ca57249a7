"""Star-unpacking: `a, *rest = xs`, `first, *mid, last = t` (UNPACK_EX),
and starred items of known length: `(*t, x)`, `[*xs, *ys]`, `f(*args)`.

Place in the pipeline: frontend; `op_UNPACK_EX` is mixed into
opcodes.Handlers (`StarUnpackOps`, `StarBuildOps`, before the families
whose handlers they extend). A tuple (known length) is split when
compiling; a list is split at run time: its length checked against the
targets (CPython's ValueError and message), the items before and after the
starred target read by index and the starred target a slice (a new list,
as CPython makes one whatever the sequence).
"""
from __future__ import annotations

from ..ir import I64, Var
from . import lists
from .state import Frame
from .arrays import ListLit
from .values import E_TYPE, E_UNSUPPORTED_OPCODE, TraceRaise, error


class StarUnpackOps:
    def op_UNPACK_EX(self, ins, f):
        before, after = ins.arg & 0xFF, ins.arg >> 8
        v = f.stack.pop()
        loc = self.loc_of(ins)
        if isinstance(v, range):
            v = tuple(v)
        if isinstance(v, ListLit):  # `first, *rest = [a, b, c]`: a display's known items
            v = tuple(v.items)
        want = before + after
        if isinstance(v, tuple):
            if len(v) < want:
                raise TraceRaise("ValueError", f"not enough values to unpack (expected at least "
                                 f"{want}, got {len(v)})")
            mid = lists.as_list(self, lists.Literal(tuple(v[before:len(v) - after]), ins.offset),
                                loc)
            parts = list(v[:before]) + [mid] + list(v[len(v) - after:])
        elif lists.is_list(v):
            lst = lists.as_list(self, v, loc)
            fb = self.fb
            n = lists.length(fb, lst)
            if isinstance(n, Var):
                short = fb.emit("lt", [n, fb.const(want, I64)])
                fb.emit_multi("raise_if_fmt", [short, n], {
                    "exc": "ValueError",
                    "msg": f"not enough values to unpack (expected at least {want}, got {{}})"},
                    loc)
            elif n < want:
                raise TraceRaise("ValueError", f"not enough values to unpack (expected at least "
                                 f"{want}, got {n})")
            parts = [self._subscr(ins, lst, i) for i in range(before)]
            parts.append(self._subscr(ins, lst, slice(before, -after if after else None)))
            parts += [self._subscr(ins, lst, i - after) for i in range(after)]
        else:
            raise error(loc, f"cannot star-unpack a {type(v).__name__}",
                        "star-unpack a tuple or a list", E_TYPE)
        f.stack.extend(reversed(parts))

    def _subscr(self, ins, seq, idx):
        g = Frame([], [seq, idx])
        self.op_BINARY_SUBSCR(ins, g)
        return g.stack[-1]


class StarBuildOps:
    """`(*t, x)`, `[*xs, *ys]` of known length and `f(*args)` with a tuple
    or a list display of known length: the items are known when compiling."""

    def display_append(self, ins, f):
        """LIST_APPEND into a display `[*t, x]` (a comprehension appends with
        its iterator between): the list stays known items."""
        v = f.stack.pop()
        lst = f.stack[-1]
        f.stack[-1] = lists.Literal(lst.items + (v,), lst.site)

    def op_LIST_TO_TUPLE(self, ins, f):  # 3.11; 3.12+: CALL_INTRINSIC_1 INTRINSIC_LIST_TO_TUPLE
        v = f.stack.pop()
        if not isinstance(v, ListLit):
            raise error(self.loc_of(ins), "a tuple of a list whose length is known only "
                        "at run time", "build the tuple from a tuple or a list display",
                        E_TYPE)
        f.stack.append(tuple(v.items))

    def op_CALL_FUNCTION_EX(self, ins, f):
        loc = self.loc_of(ins)
        if ins.arg & 1:
            raise error(loc, "calls with **kwargs are not supported",
                        "pass the keyword arguments by name", E_UNSUPPORTED_OPCODE)
        args = f.stack[-1]
        if isinstance(args, ListLit):
            args = tuple(args.items)
        if not isinstance(args, tuple):
            import math
            fn = f.stack[-3] if self.version >= (3, 13) else f.stack[-2]
            if fn is math.hypot:  # a run-time list or array (frontend/vecnorm.py)
                return self.call_star_hypot(ins, f)
            raise error(loc, "f(*args) needs a tuple or a list display (known length)",
                        "pass a tuple", E_TYPE)
        f.stack.pop()
        f.stack.extend(args)
        return self._call(ins, f, len(args), ())


class YieldFromOps:
    """`yield from it` in a generator consumed by compiled code, which only
    ever asks for the next item (never send() or throw()): the loop
    GET_YIELD_FROM_ITER / SEND / YIELD_VALUE is stepped like a for loop
    (`iter_next`), and the value of the `yield from` expression is None
    (the inner generator's return value is not kept)."""

    def op_GET_YIELD_FROM_ITER(self, ins, f):
        return self.op_GET_ITER(ins, f)

    def op_SEND(self, ins, f):
        sent = f.stack.pop()
        if sent is not None:
            raise error(self.loc_of(ins), "send() of a value to a generator is not supported",
                        "iterate over the generator", E_UNSUPPORTED_OPCODE)
        done = f.copy()
        if self.version == (3, 11):  # the iterator replaced by the result
            done.stack[-1] = None
        else:  # the result above the iterator (END_SEND pops it)
            done.stack.append(None)
        return self.iter_next(ins, f, ins.argval, done)

    def op_END_SEND(self, ins, f):  # 3.12+
        v = f.stack.pop()
        f.stack[-1] = v
