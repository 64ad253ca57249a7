"""NumPy's bounded integers: random_bounded_uint64_fill (Lemire's
multiply-and-reject, the 32-bit path through next_uint32 for ranges below
2**32, a plain draw for the full range) and random_interval (the masked
rejection NumPy's shuffle uses).

Place in the pipeline: traced library code (randomlib/__init__.py); values
are np.uint64 words, wrapping as NumPy's C code does.
"""
from __future__ import annotations

import numpy as np

from .pcg64 import M32, S32, U0, U1, mulhi, next32, next64

MAX64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def lemire32(g, rng):
    """A uniform value in [0, rng] for rng < 2**32 - 1 (NumPy's
    buffered_bounded_lemire_uint32)."""
    rng_excl = rng + U1
    m = next32(g) * rng_excl
    leftover = m & M32
    if leftover < rng_excl:
        threshold = (M32 - rng) % rng_excl
        while leftover < threshold:
            m = next32(g) * rng_excl
            leftover = m & M32
    return m >> S32


def lemire64(g, rng):
    """A uniform value in [0, rng] for 2**32 <= rng < 2**64 - 1 (NumPy's
    bounded_lemire_uint64)."""
    rng_excl = rng + U1
    x = next64(g)
    leftover = x * rng_excl
    if leftover < rng_excl:
        threshold = (MAX64 - rng) % rng_excl
        while leftover < threshold:
            x = next64(g)
            leftover = x * rng_excl
    return mulhi(x, rng_excl)


def bounded(g, rng):
    """A uniform value in [0, rng] (inclusive) as NumPy draws it for int64."""
    if rng == U0:
        return U0
    if rng < M32:
        return lemire32(g, rng)
    if rng == M32:
        return next32(g)
    if rng == MAX64:
        return next64(g)
    return lemire64(g, rng)


def interval(g, mx):
    """NumPy's random_interval: a value in [0, mx] by masked rejection."""
    if mx == U0:
        return U0
    mask = mx
    mask = mask | (mask >> np.uint64(1))
    mask = mask | (mask >> np.uint64(2))
    mask = mask | (mask >> np.uint64(4))
    mask = mask | (mask >> np.uint64(8))
    mask = mask | (mask >> np.uint64(16))
    mask = mask | (mask >> S32)
    if mx <= M32:
        value = next32(g) & mask
        while value > mx:
            value = next32(g) & mask
        return value
    value = next64(g) & mask
    while value > mx:
        value = next64(g) & mask
    return value
