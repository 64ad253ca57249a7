"""What compiled generators take from the installed NumPy, at trace time.

Place in the pipeline: called by frontend/random_calls.py and randomlib's
hooks while tracing, never traced itself.

- `seeded_state(seed)`: the PCG64 state and increment of
  `np.random.default_rng(seed)` (NumPy's SeedSequence hashing of the seed),
  as four uint64 words.
- `ziggurat()`: NumPy's ziggurat tables for random_standard_normal
  (ki_double, wi_double, fi_double: 256 entries each). NumPy keeps them as
  static constants inside its `numpy.random._generator` extension; they are
  read from that file, found by their defining properties (wi's last entry
  is r / 2**52 with r the ziggurat's tail start; ki's second entry is 0 and
  the others are below 2**52; fi starts at 1.0, decreases, and ends at
  exp(-r*r/2)), so the compiled normal draws use exactly NumPy's numbers.
  None when they cannot be found (then normal draws are a CompileError).
"""
from __future__ import annotations

import functools
import math
import struct

ZIG_R = 3.6541528853610088       # NumPy's ziggurat_nor_r
ZIG_INV_R = 0.27366123732975828  # NumPy's ziggurat_nor_inv_r


def seeded_state(seed):
    import numpy as np
    st = np.random.default_rng(seed).bit_generator.state
    s, inc = st["state"]["state"], st["state"]["inc"]
    m = (1 << 64) - 1
    return (np.uint64(s >> 64), np.uint64(s & m), np.uint64(inc >> 64), np.uint64(inc & m))


def _find_tables(b: bytes):
    wkey = struct.pack("<d", ZIG_R / 2.0**52)
    fend = math.exp(-0.5 * ZIG_R * ZIG_R)
    at = b.find(wkey)
    while at >= 0:
        ws = at - 255 * 8
        if ws >= 0:
            wi = struct.unpack_from("<256d", b, ws)
            if all(0.0 < w < 1e-15 for w in wi) and all(wi[i] < wi[i + 1] for i in range(1, 255)):
                break
        at = b.find(wkey, at + 1)
    else:
        return None
    ki = fi = None
    one = struct.pack("<d", 1.0)
    for off in range(max(0, ws - 65536), min(len(b) - 2048, ws + 65536), 8):
        if ki is None and b[off + 8:off + 16] == b"\0" * 8:
            v = struct.unpack_from("<256Q", b, off)
            if v[0] > 2**51 and all(0 < x < 2**52 for i, x in enumerate(v) if i != 1):
                ki = v
        if fi is None and b[off:off + 8] == one:
            v = struct.unpack_from("<256d", b, off)
            if all(v[i] > v[i + 1] > 0.0 for i in range(255)) and abs(v[255] - fend) < 1e-12:
                fi = v
    if ki is None or fi is None:
        return None
    return tuple(ki), tuple(wi), tuple(fi)


@functools.lru_cache(maxsize=1)
def ziggurat():
    try:
        from numpy.random import _generator
        with open(_generator.__file__, "rb") as f:
            return _find_tables(f.read())
    except (OSError, ImportError, AttributeError, struct.error):
        return None


@functools.lru_cache(maxsize=1)
def ziggurat_blob():
    """The tables as the bytes compiled code reads (randomlib/hooks.py)."""
    ki, wi, fi = ziggurat()
    return struct.pack("<256Q", *ki) + struct.pack("<256d", *wi) + struct.pack("<256d", *fi)
