"""Star-unpacking: `a, *rest = xs`, `first, *mid, last = t` (UNPACK_EX).

Place in the pipeline: frontend; `op_UNPACK_EX` is mixed into
opcodes.Handlers (`StarUnpackOps`). A tuple (known length) is split when
compiling; a list is split at run time: its length checked against the
targets (CPython's ValueError and message), the items before and after the
starred target read by index and the starred target a slice (a new list,
as CPython makes one whatever the sequence).
"""
from __future__ import annotations

from ..ir import I64, Var
from . import lists
from .state import Frame
from .values import E_TYPE, TraceRaise, error


class StarUnpackOps:
    def op_UNPACK_EX(self, ins, f):
        before, after = ins.arg & 0xFF, ins.arg >> 8
        v = f.stack.pop()
        loc = self.loc_of(ins)
        if isinstance(v, range):
            v = tuple(v)
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
