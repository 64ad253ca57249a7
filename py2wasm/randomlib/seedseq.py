"""NumPy's SeedSequence for a run-time int seed, and PCG64's seeding.

Place in the pipeline: traced library code (randomlib/__init__.py). With a
seed known only at run time, `np.random.default_rng(seed)` is traced as
`make_seeded(seed)`: the seed's 32-bit words enter SeedSequence's 4-word
pool through hashmix and the all-pairs mix (numpy/random/bit_generator.pyx
mix_entropy; an int64 seed has at most 2 words, and the missing words hash
as zeros exactly as NumPy's padding does), generate_state(4, uint64) draws
the 128-bit seed and increment, and pcg64_set_seed (pcg_setseq_128_srandom_r)
turns them into the state. uint32 arithmetic is np.uint64 arithmetic masked
to 32 bits (the low 32 bits of a wrapped product are the uint32 product).
"""
from __future__ import annotations

import numpy as np

from .generator import Generator
from .pcg64 import MULT_HI, MULT_LO, M32, S32, U0, U1, mulhi

INIT_A = np.uint64(0x43B0D7E5)
MULT_A = np.uint64(0x931E8875)
INIT_B = np.uint64(0x8B51F9DD)
MULT_B = np.uint64(0x58F38DED)
MIX_L = np.uint64(0xCA01F9DD)
MIX_R = np.uint64(0x4973F715)
X16 = np.uint64(16)
S63 = np.uint64(63)


def hashmix(value, hc):
    """SeedSequence's hashmix: (the hashed value, the next hash constant)."""
    value = value ^ hc
    hc = (hc * MULT_A) & M32
    value = (value * hc) & M32
    return value ^ (value >> X16), hc


def mix(x, y):
    r = (MIX_L * x - MIX_R * y) & M32
    return r ^ (r >> X16)


def _out(word, hc):
    """One word of generate_state: (the word, the next hash constant)."""
    word = word ^ hc
    hc = (hc * MULT_B) & M32
    word = (word * hc) & M32
    return word ^ (word >> X16), hc


def _step(sh, sl, ih, il):
    """One 128-bit LCG step: state * MULT + inc."""
    lo = sl * MULT_LO
    hi = mulhi(sl, MULT_LO) + sh * MULT_LO + sl * MULT_HI
    nl = lo + il
    nh = hi + ih
    if nl < lo:
        nh = nh + U1
    return nh, nl


def make_seeded(seed):
    if seed < 0:
        raise ValueError("expected non-negative integer")
    u = np.int64(seed).astype(np.uint64)
    hc = INIT_A
    m0, hc = hashmix(u & M32, hc)
    m1, hc = hashmix(u >> S32, hc)
    m2, hc = hashmix(U0, hc)
    m3, hc = hashmix(U0, hc)
    # every (source, destination) pair in NumPy's order, source != destination
    h, hc = hashmix(m0, hc)
    m1 = mix(m1, h)
    h, hc = hashmix(m0, hc)
    m2 = mix(m2, h)
    h, hc = hashmix(m0, hc)
    m3 = mix(m3, h)
    h, hc = hashmix(m1, hc)
    m0 = mix(m0, h)
    h, hc = hashmix(m1, hc)
    m2 = mix(m2, h)
    h, hc = hashmix(m1, hc)
    m3 = mix(m3, h)
    h, hc = hashmix(m2, hc)
    m0 = mix(m0, h)
    h, hc = hashmix(m2, hc)
    m1 = mix(m1, h)
    h, hc = hashmix(m2, hc)
    m3 = mix(m3, h)
    h, hc = hashmix(m3, hc)
    m0 = mix(m0, h)
    h, hc = hashmix(m3, hc)
    m1 = mix(m1, h)
    h, hc = hashmix(m3, hc)
    m2 = mix(m2, h)
    # generate_state(4, np.uint64): 8 uint32 words, pairs little-endian
    hc = INIT_B
    w0, hc = _out(m0, hc)
    w1, hc = _out(m1, hc)
    w2, hc = _out(m2, hc)
    w3, hc = _out(m3, hc)
    w4, hc = _out(m0, hc)
    w5, hc = _out(m1, hc)
    w6, hc = _out(m2, hc)
    w7, hc = _out(m3, hc)
    seed_hi = w0 | (w1 << S32)
    seed_lo = w2 | (w3 << S32)
    inc0 = w4 | (w5 << S32)
    inc1 = w6 | (w7 << S32)
    # pcg_setseq_128_srandom_r
    ih = (inc0 << U1) | (inc1 >> S63)
    il = (inc1 << U1) | U1
    sh, sl = _step(U0, U0, ih, il)
    nl = sl + seed_lo
    nh = sh + seed_hi
    if nl < sl:
        nh = nh + U1
    sh, sl = _step(nh, nl, ih, il)
    return Generator(sh, sl, ih, il)
