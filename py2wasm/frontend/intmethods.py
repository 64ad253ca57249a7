"""Methods of Python ints known only at run time: `n.bit_length()` and
`n.bit_count()` (an int or a bool).

Place in the pipeline: frontend value semantics; `opcodes_attrs` (attribute
lookup) hands `n.bit_length` here as an `IntMethod`, which `calls` calls like
the other bound number methods (complexes.BoundMethod). Known ints fold with
Python's own method.

Both work on |n| as a uint64 (`-2**63` is 2**63: 64 bits): bit_length by a
binary search of shifts (32, 16, ... 1), bit_count by the SWAR popcount.
"""
from __future__ import annotations

from ..ir import BOOL, I64, Var
from .complexes import BoundMethod
from .values import E_TYPE, error

METHODS = ("bit_length", "bit_count")


class IntMethod(BoundMethod):
    """`n.bit_length` / `n.bit_count` of a run-time int, waiting for its call."""
    __slots__ = ("name",)

    def __init__(self, obj, name: str):
        super().__init__(obj)
        self.name = name

    def call(self, fb, args, kwargs, loc):
        if args or kwargs:
            raise error(loc, f"int.{self.name}() takes no arguments", "", E_TYPE)
        n = self.obj
        if type(n) in (int, bool):
            return getattr(n, self.name)()  # known: Python's own method
        if n.type is BOOL:
            n = fb.emit("convert", [n], {"to": I64}, loc=loc)
        c = fb.const
        neg = fb.emit("lt", [n, c(0)])
        u = fb.emit("select", [neg, fb.emit("wneg", [n]), n])  # |n| as uint64 bits
        if self.name == "bit_count":
            return _popcount(fb, u)
        top = fb.emit("lt", [u, c(0)])  # 2**63: 64 bits
        r = c(0)
        for sh in (32, 16, 8, 4, 2, 1):
            t = fb.emit("shr", [u, c(sh)])  # u >= 0 here (or top): arithmetic = logical
            nz = fb.emit("ne", [t, c(0)])
            u = fb.emit("select", [nz, t, u])
            r = fb.emit("wadd", [r, fb.emit("select", [nz, c(sh), c(0)])])
        r = fb.emit("wadd", [r, fb.emit("convert", [fb.emit("ne", [u, c(0)])], {"to": I64})])
        return fb.emit("select", [top, c(64), r])


def _popcount(fb, u):
    c = fb.const

    def lshr(x, k):  # logical shift right of 64 bits: arithmetic shift, high bits cleared
        return fb.emit("and", [fb.emit("shr", [x, c(k)]), c((1 << (64 - k)) - 1)])
    m1, m2, m4 = 0x5555555555555555, 0x3333333333333333, 0x0F0F0F0F0F0F0F0F
    x = fb.emit("wsub", [u, fb.emit("and", [lshr(u, 1), c(m1)])])
    x = fb.emit("wadd", [fb.emit("and", [x, c(m2)]), fb.emit("and", [lshr(x, 2), c(m2)])])
    x = fb.emit("and", [fb.emit("wadd", [x, lshr(x, 4)]), c(m4)])
    return lshr(fb.emit("wmul", [x, c(0x0101010101010101)]), 56)


def attribute(obj, name: str, loc):
    """`n.bit_length` of a known or run-time int (or bool); None: not ours."""
    if name not in METHODS:
        return None
    if type(obj) in (int, bool) or isinstance(obj, Var) and obj.type in (I64, BOOL):
        return IntMethod(obj, name)
    return None
