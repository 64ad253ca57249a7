"""The SIMD bit and conversion lane ops (ir/primitives.py SIMD_BIT_PRIMITIVES:
vbitcast vftoi vitof vshl vshr vband vbor vbxor vcopysign vall;
backend/lower_simd_bits.py) compiled to wasm SIMD128 and checked lane by lane
against the reference interpreter (ir/vinterpret.py), bit for bit."""
import itertools
import math
import random
import struct

import pytest

from py2wasm import ir
from py2wasm.ir.primitives import SIMD_BIT_PRIMITIVES
from py2wasm.ir.types import F64X2, I64X2, M32X4, M64X2

from .util import FLOATS, INTS, LOC, check_against_interpreter, module_of

I, F, B = ir.I64, ir.F64, ir.BOOL
TESTED = set()


def _bits(x):
    return struct.unpack("<q", struct.pack("<d", x))[0]


def _fn(prim, vtypes, params=None, extra=()):
    """f(lanes..., extra scalars...) -> the lanes of prim(vectors..., extra...)."""
    TESTED.add(prim)
    ins = [v.scalar for v in vtypes for _ in range(v.lanes)] + list(extra)
    fb = ir.FunctionBuilder("f", ins, [], loc=LOC)
    it = iter(fb.params)
    vecs = [fb.emit("vbuild", [next(it) for _ in range(v.lanes)], {"vtype": v}) for v in vtypes]
    (out,) = fb.emit_multi(prim, vecs + list(it), params or {}, loc=LOC)
    if isinstance(out.type, ir.types.VectorType):
        outs = [fb.emit("vextract", [out], {"lane": k}) for k in range(out.type.lanes)]
    else:
        outs = [out]
    fb.fn.result_types = [o.type for o in outs]
    fb.ret(outs)
    return module_of(fb.finish())


def _pairs(pool, n=80, seed=1, width=2):
    rng = random.Random(seed)
    return [tuple(rng.choice(pool) for _ in range(width)) for _ in range(n)]


# floats around the int32 limits and halves (vftoi), exact ints (vitof)
CONV_FLOATS = FLOATS + [2.0**31, 2.0**31 - 1, 2.0**31 - 0.5, -2.0**31, -2.0**31 - 1,
                        -2.0**31 + 0.5, 2147483647.9, -2147483648.9, 1022.5, -1021.5,
                        0.9999999999999999, -0.9999999999999999]


def test_bitcast_both_ways():
    nan_payload = struct.unpack("<d", struct.pack("<q", 0x7FF0000000000123))[0]
    floats = FLOATS + [nan_payload, -math.nan]
    check_against_interpreter(_fn("vbitcast", [F64X2], {"vtype": I64X2}),
                              _pairs(floats, 80))
    check_against_interpreter(_fn("vbitcast", [I64X2], {"vtype": F64X2}),
                              _pairs(INTS + [_bits(x) for x in floats], 80))


def test_ftoi_truncates_and_saturates_to_int32():
    check_against_interpreter(_fn("vftoi", [F64X2]), _pairs(CONV_FLOATS, 120))


def test_ftoi_equals_convert_in_int32():
    from py2wasm.ir.interpret import interpret
    m = _fn("vftoi", [F64X2])
    for x in (0.5, -0.5, 1023.7, -1022.2, 2.0**31 - 1, -2.0**31 + 0.25):
        assert interpret(m, "f", [x, -x]) == [int(x), int(-x)]


def test_itof_low_32_bits():
    check_against_interpreter(_fn("vitof", [I64X2]),
                              _pairs(INTS + [2**31 - 1, -2**31 + 1, 1023, -1074, 2**40 + 5], 100))


@pytest.mark.parametrize("prim", ["vshl", "vshr"])
def test_shifts(prim):
    rng = random.Random(2)
    args = [tuple(rng.choice(INTS) for _ in range(2)) + (c,)
            for c in [0, 1, 20, 32, 52, 63, 64, 65, 127] for _ in range(6)]
    check_against_interpreter(_fn(prim, [I64X2], extra=[I]), args)


@pytest.mark.parametrize("prim", ["vband", "vbor", "vbxor"])
def test_bitwise(prim):
    check_against_interpreter(_fn(prim, [I64X2, I64X2]), _pairs(INTS, 80, width=4))


def test_copysign():
    check_against_interpreter(_fn("vcopysign", [F64X2, F64X2]),
                              _pairs(FLOATS + [-math.nan], 120, width=4))


@pytest.mark.parametrize("mt", [M64X2, M32X4], ids=lambda v: v.name)
def test_all_true(mt):
    TESTED.add("vall")
    src = F64X2 if mt == M64X2 else ir.types.F32X4
    fb = ir.FunctionBuilder("f", [B] * mt.lanes, [B], loc=LOC)
    vals = [fb.emit("select", [b, fb.const(0.0), fb.const(1.0)]) for b in fb.params]
    m = fb.emit("veq", [fb.emit("vbuild", vals, {"vtype": src}),
                        fb.emit("vsplat", [fb.const(0.0)], {"vtype": src})])
    fb.ret([fb.emit("vall", [m])])
    check_against_interpreter(module_of(fb.finish()),
                              list(itertools.product([False, True], repeat=mt.lanes)))


def test_every_bit_primitive_is_tested():
    # runs last in this file (pytest keeps definition order)
    assert set(SIMD_BIT_PRIMITIVES) <= TESTED, set(SIMD_BIT_PRIMITIVES) - TESTED
