"""i64 arithmetic on shapes, strides, indices and addresses while tracing:
known ints fold exactly, symbolic ones become wasm-style wrapping i64 IR
operations (`wadd wsub wmul`), and booleans fold `and`/`or`/`not`/`select`.

Place in the pipeline: frontend value semantics, under `arrays.py` (which
re-exports these names) and every array module that computes an address.
"""
from __future__ import annotations

from ..ir import I64, Var
from .values import TraceRaise, scalar_type


# --- i64 arithmetic on known ints or Vars (addresses and shapes; folded) -----------------

def ic(fb, v) -> Var:
    """An i64 operand: known ints fold exactly here and wrap like the wasm
    operations they stand for (`wadd`, `wmul`) when they become constants: the
    address of an index past the bounds (checked before use) may not fit."""
    if isinstance(v, Var):
        return v
    v = int(v) & 0xFFFFFFFFFFFFFFFF
    return fb.const(v - (1 << 64) if v >= 1 << 63 else v, I64)


def const_of(fb, v) -> Var:
    """A known scalar operand as a constant. A Python int in [2**63, 2**64)
    reaches an elementwise loop only as a uint64 operand (NumPy takes it as
    an unsigned C long long; `check_weak_int`, `where_node`): its 64 bits."""
    if type(v) is int and 2**63 <= v < 2**64:
        return fb.const(v - 2**64, I64)
    return fb.const(v, scalar_type(v))


def known(v) -> bool:
    return not isinstance(v, Var)


def iadd(fb, a, b):
    if known(a) and known(b):
        return a + b
    if known(a) and a == 0:
        return b
    if known(b) and b == 0:
        return a
    return fb.emit("wadd", [ic(fb, a), ic(fb, b)])


def isub(fb, a, b):
    if known(a) and known(b):
        return a - b
    if known(b) and b == 0:
        return a
    return fb.emit("wsub", [ic(fb, a), ic(fb, b)])


def imul(fb, a, b):
    if known(a) and known(b):
        return a * b
    if (known(a) and a == 0) or (known(b) and b == 0):
        return 0
    if known(a) and a == 1:
        return b
    if known(b) and b == 1:
        return a
    return fb.emit("wmul", [ic(fb, a), ic(fb, b)])


def icmp(fb, op, a, b):
    if known(a) and known(b):
        return {"lt": a < b, "le": a <= b, "eq": a == b, "ne": a != b, "gt": a > b,
                "ge": a >= b}[op]
    return fb.emit(op, [ic(fb, a), ic(fb, b)])


def bor(fb, a, b):
    if a is True or b is True:
        return True
    if a is False:
        return b
    if b is False:
        return a
    return fb.emit("or", [a, b])


def band(fb, a, b):
    if a is False or b is False:
        return False
    if a is True:
        return b
    if b is True:
        return a
    return fb.emit("and", [a, b])


def bnot(fb, a):
    return (not a) if known(a) else fb.emit("not", [a])


def isel(fb, c, a, b):
    if c is True:
        return a
    if c is False:
        return b
    if known(a) and known(b) and a == b:
        return a
    return fb.emit("select", [c, ic(fb, a), ic(fb, b)])


def imax(fb, a, b):
    return isel(fb, icmp(fb, "ge", a, b), a, b)


def imin(fb, a, b):
    return isel(fb, icmp(fb, "le", a, b), a, b)


def ifloordiv_pos(fb, a, k: int):
    """a // k for a known k > 0."""
    if k == 1:
        return a
    if known(a):
        return a // k
    return fb.emit("floordiv", [a, fb.const(k)])


def iprod(fb, xs):
    r = 1
    for x in xs:
        r = imul(fb, r, x)
    return r


# --- NumPy's C int parameters ----------------------------------------------------------------

def c_int(fb, v, loc):
    """v (a known int or an i64 Var) converted as NumPy converts a C `int`
    argument (PyArray_PythonPyIntFromInt: `offset` of diagonal): outside
    int32 an OverflowError with NumPy's message, before anything else."""
    lo, hi = -2**31, 2**31 - 1
    msgs = ("signed integer is greater than maximum", "signed integer is less than minimum")
    if not isinstance(v, Var):
        if v > hi or v < lo:
            raise TraceRaise("OverflowError", msgs[0] if v > hi else msgs[1])
        return v
    fb.raise_if(icmp(fb, "gt", v, hi), "OverflowError", msgs[0], loc)
    fb.raise_if(icmp(fb, "lt", v, lo), "OverflowError", msgs[1], loc)
    return v
