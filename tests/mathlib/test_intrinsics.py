"""py2wasm.intrinsics: CPython semantics, tracing to one IR primitive, and
the reference interpreter (tests/mathlib)."""
import math
import struct

import pytest

from py2wasm.frontend import trace
from py2wasm.intrinsics import f64_from_bits, f64_to_bits
from py2wasm.ir.interpret import interpret


def test_cpython_semantics():
    assert f64_to_bits(1.0) == 0x3FF0000000000000
    assert f64_to_bits(-0.0) == -2**63
    assert f64_to_bits(-1.0) == 0xBFF0000000000000 - 2**64
    assert f64_from_bits(-2**63) == 0.0 and math.copysign(1, f64_from_bits(-2**63)) == -1
    nan = struct.unpack("<d", struct.pack("<q", 0x7FF0000000000123))[0]
    assert f64_to_bits(nan) == 0x7FF0000000000123  # payload kept
    for x in (5e-324, 1.5, -math.inf, 1.7976931348623157e308):
        assert f64_from_bits(f64_to_bits(x)) == x
    with pytest.raises(OverflowError):
        f64_from_bits(2**63)
    with pytest.raises(TypeError):
        f64_to_bits(1)


def _bits_roundtrip(x: float) -> float:
    b = f64_to_bits(x)
    hi = b >> 32
    lo = b & 0xFFFFFFFF
    return f64_from_bits((hi << 32) | lo) + f64_from_bits(0x3FF0000000000000)


def test_traced_to_primitives_and_interpreted():
    m = trace(_bits_roundtrip)
    prims = [e.prim for b in m.functions["_bits_roundtrip"].blocks for e in b.eqns]
    assert "f64_to_bits" in prims and "f64_from_bits" in prims
    assert prims.count("const") <= 4  # the known call was folded to a constant
    for x in (-2.5, 0.0, -0.0, 1e-310, math.inf):
        assert interpret(m, "_bits_roundtrip", [x]) == [_bits_roundtrip(x)]
