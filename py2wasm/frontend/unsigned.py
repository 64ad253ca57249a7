"""uint64 arithmetic on i64 IR values: a uint64 is its 64 bits in an i64
(values from 2**63 up read as negative), so addition, subtraction,
multiplication, bitwise operations and wrap-around are the i64 ones; this
module gives the operations whose answer depends on the sign: comparisons,
floor division and remainder, and conversions to and from float64.

Place in the pipeline: frontend value semantics, used by `ufuncs` (uint64
loops), `arrays.cast` and `npscalars`. Everything is built from existing
IR primitives (no new primitive: the backend and the interpreter need
nothing new).
"""
from __future__ import annotations

from ..ir import F64, I64

MIN = -2**63
_CMP = {"lt", "le", "gt", "ge", "eq", "ne"}


def _c(fb, v, t=I64):
    return fb.const(v, t)


def flip(fb, v):
    """v with its top bit flipped: unsigned order becomes signed order."""
    return fb.emit("xor", [v, _c(fb, MIN)])


def ucmp(fb, prim: str, a, b):
    """The unsigned comparison `prim` (lt le gt ge eq ne) of two i64s."""
    if prim in ("eq", "ne"):
        return fb.emit(prim, [a, b])
    return fb.emit(prim, [flip(fb, a), flip(fb, b)])


def lshr1(fb, v):
    """v >> 1 as unsigned (a logical shift)."""
    return fb.emit("and", [fb.emit("shr", [v, _c(fb, 1)]), _c(fb, 2**63 - 1)])


def to_f64(fb, v):
    """The uint64 `v` as the nearest float64 (round half even): values below
    2**63 convert directly; above, (v >> 1 | v & 1) is converted and doubled
    (the kept low bit makes the halving round correctly)."""
    small = fb.emit("ge", [v, _c(fb, 0)])
    direct = fb.emit("convert", [v], {"to": F64})
    half = fb.emit("or", [lshr1(fb, v), fb.emit("and", [v, _c(fb, 1)])])
    big = fb.emit("mul", [fb.emit("convert", [half], {"to": F64}), _c(fb, 2.0, F64)])
    return fb.emit("select", [small, direct, big])


def from_f64(fb, x):
    """float64 -> uint64 as NumPy's C cast on x86-64: below 2**63 the signed
    conversion (`ftoi`: NaN and values out of range give -2**63); from 2**63
    up, the conversion of x - 2**63 with the top bit set."""
    lo = fb.emit("ftoi", [x])
    hi = fb.emit("xor", [fb.emit("ftoi", [fb.emit("sub", [x, _c(fb, 2.0**63, F64)])]),
                         _c(fb, MIN)])
    return fb.emit("select", [fb.emit("ge", [x, _c(fb, 2.0**63, F64)]), hi, lo])


def divmod_(fb, a, b):
    """(a // b, a % b) of uint64s, b != 0 (Hacker's Delight `divlu`: a
    signed division of a >> 1, doubled, then one correction step)."""
    zero = _c(fb, 0)
    one = _c(fb, 1)
    # b >= 2**63: the quotient is 1 if a >= b else 0
    bbig = fb.emit("lt", [b, zero])
    qbig = fb.emit("convert", [ucmp(fb, "ge", a, b)], {"to": I64})
    # otherwise: q = ((a >> 1) // b) << 1, then + 1 if the remainder is still >= b
    safe_b = fb.emit("select", [bbig, one, b])
    h = fb.emit("floordiv", [lshr1(fb, a), safe_b])  # both non-negative: truncating
    q = fb.emit("wadd", [h, h])
    r = fb.emit("wsub", [a, fb.emit("wmul", [q, safe_b])])
    fix = ucmp(fb, "ge", r, safe_b)
    q = fb.emit("wadd", [q, fb.emit("convert", [fix], {"to": I64})])
    q = fb.emit("select", [bbig, qbig, q])
    return q, fb.emit("wsub", [a, fb.emit("wmul", [q, b])])
