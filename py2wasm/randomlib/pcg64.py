"""PCG64 (NumPy's default bit generator) in uint64 halves.

Place in the pipeline: traced library code (randomlib/__init__.py). The
128-bit state advances as NumPy's pcg_setseq_128_step_r does (state =
state * MULT + inc mod 2**128) and the output is the XSL-RR permutation of
the new state; the 64x64 -> 128 products are split in 32-bit halves with
wrapping np.uint64 arithmetic (NumPy scalar semantics, which compiled code
keeps). next_uint32 hands out the two halves of one 64-bit draw, low half
first, through the generator's has32/u32 buffer, as NumPy's pcg64_next32.
"""
from __future__ import annotations

import numpy as np

_MULT = 0x2360ED051FC65DA44385DF649FCCF645  # PCG's default 128-bit multiplier
MULT_HI = np.uint64(_MULT >> 64)
MULT_LO = np.uint64(_MULT & 0xFFFFFFFFFFFFFFFF)
M32 = np.uint64(0xFFFFFFFF)
U0 = np.uint64(0)
U1 = np.uint64(1)
S8 = np.uint64(8)
S11 = np.uint64(11)
S32 = np.uint64(32)
S58 = np.uint64(58)
U63 = np.uint64(63)
U64 = np.uint64(64)
TWO_M53 = 1.0 / 9007199254740992.0


def mulhi(a, b):
    """The high 64 bits of the 128-bit product of two uint64s."""
    a0 = a & M32
    a1 = a >> S32
    b0 = b & M32
    b1 = b >> S32
    w0 = a0 * b0
    t = a1 * b0 + (w0 >> S32)
    w1 = (t & M32) + a0 * b1
    return a1 * b1 + (t >> S32) + (w1 >> S32)


def next64(g):
    """One step of the LCG, then XSL-RR of the new state."""
    sh = g.sh
    sl = g.sl
    lo = sl * MULT_LO
    hi = mulhi(sl, MULT_LO) + sh * MULT_LO + sl * MULT_HI
    nl = lo + g.il
    nh = hi + g.ih
    if nl < lo:
        nh = nh + U1
    g.sh = nh
    g.sl = nl
    x = nh ^ nl
    rot = nh >> S58
    return (x >> rot) | (x << ((U64 - rot) & U63))


def next32(g):
    if g.has32:
        g.has32 = False
        return g.u32
    n = next64(g)
    g.has32 = True
    g.u32 = n >> S32
    return n & M32


def next_double(g):
    return float(next64(g) >> S11) * TWO_M53


def next_float(g):
    """NumPy's next_float: 24 bits of a 32-bit draw, as a float32 value
    (held in a float, exactly)."""
    return float(next32(g) >> S8) * (1.0 / 16777216.0)
