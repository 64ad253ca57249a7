"""Every SIMD primitive (ir/primitives.py, "SIMD"; backend/lower_simd.py)
compiled to wasm SIMD128 and checked lane by lane against the reference
interpreter (ir/interpret.py + ir/vinterpret.py), bit for bit (NaNs as NaN)."""
import itertools
import math
import random

import pytest

from py2wasm import ir
from py2wasm.backend import compile_module
from py2wasm.ir.primitives import SIMD_PRIMITIVES
from py2wasm.ir.types import F32X4, F64X2, I32X4, I64X2, M32X4, M64X2, mask_of

from .util import FLOATS, INTS, LOC, check_against_interpreter, module_of

I, F, B = ir.I64, ir.F64, ir.BOOL
FLOAT_V, INT_V = (F64X2, F32X4), (I64X2, I32X4)
TESTED = set()


def _vec_fn(prim, vtypes, params=None, out_lanes=None, name="f"):
    """f(lanes of operand 0, lanes of operand 1, ...) -> the lanes of prim's
    result: operands built with vbuild, the result read with vextract."""
    TESTED.add(prim)
    params = params or {}
    ins = [v.scalar for v in vtypes for _ in range(v.lanes)]
    fb = ir.FunctionBuilder(name, ins, [], loc=LOC)
    it = iter(fb.params)
    vecs = []
    for v in vtypes:
        lanes = [next(it) for _ in range(v.lanes)]
        if v.is_mask:
            src = F64X2 if v == M64X2 else F32X4
            z = fb.emit("vsplat", [fb.const(0.0)], {"vtype": src})
            vals = [fb.emit("select", [b, fb.const(0.0), fb.const(1.0)]) for b in lanes]
            vecs.append(fb.emit("veq", [fb.emit("vbuild", vals, {"vtype": src}), z]))
        else:
            vecs.append(fb.emit("vbuild", lanes, {"vtype": v}))
    (out,) = fb.emit_multi(prim, vecs, params, loc=LOC)
    outs = [fb.emit("vextract", [out], {"lane": k}) for k in range(out.type.lanes)]
    fb.fn.result_types = [o.type for o in outs]
    fb.ret(outs)
    return module_of(fb.finish(), exports=(name,))


F32S = [x for x in FLOATS if abs(x) < 1e38 or not math.isfinite(x)] + [0.1, 3.4e38, 1e-45]


def _samples(t, n, count=60):
    rng = random.Random(hash((t.name, n)) & 0xffff)
    pool = {F64X2: FLOATS, F32X4: F32S, I64X2: INTS, I32X4: INTS,
            M64X2: [False, True], M32X4: [False, True]}[t]
    out = []
    for _ in range(count):
        out.append(tuple(rng.choice(pool) for _ in range(n)))
    return out


def _args(vtypes, count=60):
    n = sum(v.lanes for v in vtypes)
    return _samples(vtypes[0], n, count)


@pytest.mark.parametrize("prim", ["vadd", "vsub", "vmul"])
@pytest.mark.parametrize("vt", FLOAT_V + INT_V, ids=lambda v: v.name)
def test_arithmetic(prim, vt):
    check_against_interpreter(_vec_fn(prim, [vt, vt]), _args([vt, vt], 80))


@pytest.mark.parametrize("vt", FLOAT_V, ids=lambda v: v.name)
def test_division_is_ieee(vt):
    args = _args([vt, vt], 80) + [(1.0,) * vt.lanes + (0.0,) * vt.lanes,
                                  (-1.0, 0.0, math.nan, 1.0)[:vt.lanes] * 2]
    check_against_interpreter(_vec_fn("vdiv", [vt, vt]), args)


@pytest.mark.parametrize("prim", ["vneg", "vabs", "vsqrt", "vfloor", "vceil", "vtrunc",
                                  "vnearest"])
@pytest.mark.parametrize("vt", FLOAT_V, ids=lambda v: v.name)
def test_float_unary(prim, vt):
    check_against_interpreter(_vec_fn(prim, [vt]), _args([vt], 80))


@pytest.mark.parametrize("vt", INT_V, ids=lambda v: v.name)
def test_int_neg_wraps(vt):
    check_against_interpreter(_vec_fn("vneg", [vt]), _args([vt], 60))


@pytest.mark.parametrize("prim", ["veq", "vne", "vlt", "vle", "vgt", "vge"])
@pytest.mark.parametrize("vt", FLOAT_V + INT_V, ids=lambda v: v.name)
def test_comparisons(prim, vt):
    args = _args([vt, vt], 80)
    args += [x + x for x in _args([vt], 10)]  # equal operands
    check_against_interpreter(_vec_fn(prim, [vt, vt]), args)


@pytest.mark.parametrize("vt", FLOAT_V, ids=lambda v: v.name)
def test_isnan(vt):
    check_against_interpreter(_vec_fn("visnan", [vt]), _args([vt], 40))


@pytest.mark.parametrize("prim", ["vand", "vor", "vxor"])
@pytest.mark.parametrize("mt", [M64X2, M32X4], ids=lambda v: v.name)
def test_mask_logic(prim, mt):
    args = list(itertools.product([False, True], repeat=2 * mt.lanes))[:64]
    check_against_interpreter(_vec_fn(prim, [mt, mt]), args)


@pytest.mark.parametrize("mt", [M64X2, M32X4], ids=lambda v: v.name)
def test_mask_not(mt):
    check_against_interpreter(_vec_fn("vnot", [mt]),
                              list(itertools.product([False, True], repeat=mt.lanes)))


@pytest.mark.parametrize("vt", FLOAT_V + INT_V, ids=lambda v: v.name)
def test_select(vt):
    mt = mask_of(vt)
    TESTED.add("vselect")
    ins = [B] * vt.lanes + [vt.scalar] * (2 * vt.lanes)
    fb = ir.FunctionBuilder("f", ins, [], loc=LOC)
    ps = fb.params
    src = F64X2 if mt == M64X2 else F32X4
    vals = [fb.emit("select", [b, fb.const(0.0), fb.const(1.0)]) for b in ps[:vt.lanes]]
    m = fb.emit("veq", [fb.emit("vbuild", vals, {"vtype": src}),
                        fb.emit("vsplat", [fb.const(0.0)], {"vtype": src})])
    a = fb.emit("vbuild", ps[vt.lanes:2 * vt.lanes], {"vtype": vt})
    b = fb.emit("vbuild", ps[2 * vt.lanes:], {"vtype": vt})
    r = fb.emit("vselect", [m, a, b])
    outs = [fb.emit("vextract", [r], {"lane": k}) for k in range(vt.lanes)]
    fb.fn.result_types = [o.type for o in outs]
    fb.ret(outs)
    rng = random.Random(5)
    pool = FLOATS if vt.scalar is F else INTS
    args = [tuple(rng.choice([False, True]) for _ in range(vt.lanes)) +
            tuple(rng.choice(pool) for _ in range(2 * vt.lanes)) for _ in range(40)]
    check_against_interpreter(module_of(fb.finish()), args)


@pytest.mark.parametrize("dtype", ["int64", "int32", "uint8"])
def test_wrap(dtype):
    check_against_interpreter(_vec_fn("vwrap", [I64X2], {"dtype": dtype}), _args([I64X2], 80))


def test_f32_rounding_of_f64x2():
    check_against_interpreter(_vec_fn("vf32", [F64X2]), _args([F64X2], 80) +
                              [(3.4028235677973366e38, 1e-46), (0.1, -0.1)])


@pytest.mark.parametrize("vt", [F64X2, F32X4, I64X2, I32X4], ids=lambda v: v.name)
def test_splat_and_extract(vt):
    TESTED.update(("vsplat", "vextract"))
    fb = ir.FunctionBuilder("f", [vt.scalar], [], loc=LOC)
    v = fb.emit("vsplat", fb.params, {"vtype": vt})
    outs = [fb.emit("vextract", [v], {"lane": k}) for k in range(vt.lanes)]
    fb.fn.result_types = [o.type for o in outs]
    fb.ret(outs)
    pool = F32S + [0.1, 1e300] if vt.scalar is F else INTS
    check_against_interpreter(module_of(fb.finish()), [(x,) for x in pool])


@pytest.mark.parametrize("target", ["simd", "relaxed-simd"])
@pytest.mark.parametrize("vt", FLOAT_V, ids=lambda v: v.name)
def test_fma_is_fused_or_not(vt, target):
    """vfma may fuse or not (relaxed_madd): the result is one of the two."""
    from py2wasm.ir.interpret import interpret
    from py2wasm.ir.memory import f32
    from py2wasm.runner import Instance
    m = _vec_fn("vfma", [vt, vt, vt])
    build = compile_module(m, target=target)
    assert ("relaxed-simd" in build.manifest["features"]) == (target == "relaxed-simd")
    inst = Instance(build)
    rnd = f32 if vt == F32X4 else float
    for args in _args([vt, vt, vt], 60) + [(0.1,) * (3 * vt.lanes)]:
        got = inst.call("f", args)
        want = interpret(m, "f", list(args))
        a = [rnd(x) for x in args]
        n = vt.lanes
        for k in range(n):
            unfused = rnd(rnd(a[k] * a[n + k]) + a[2 * n + k]) if \
                math.isfinite(a[k] * a[n + k]) or True else None
            ok = {repr(want[k]), repr(unfused)}
            assert repr(got[k]) in ok or (math.isnan(got[k]) and math.isnan(want[k])), \
                (args, got, want)


@pytest.mark.parametrize("dtype,vt", [("float64", F64X2), ("float32", F32X4),
                                      ("float32", F64X2), ("int64", I64X2),
                                      ("int32", I32X4), ("int32", I64X2), ("uint8", I64X2)],
                         ids=str)
def test_load_store_roundtrip(dtype, vt):
    """store scalars, vload them, add 1 lane-wise, vstore, load scalars back."""
    TESTED.update(("vload", "vstore"))
    size = ir.types.DTYPES[dtype].size
    n = vt.lanes
    fb = ir.FunctionBuilder("f", [vt.scalar] * n + [I], [], loc=LOC)
    *xs, off = fb.params
    base = fb.emit("wadd", [fb.emit("alloc", [fb.const(64)]), off])  # unaligned too
    for k, x in enumerate(xs):
        fb.emit_multi("store", [fb.emit("wadd", [base, fb.const(k * size)]), x],
                      {"dtype": dtype})
    v = fb.emit("vload", [base], {"dtype": dtype, "vtype": vt})
    one = fb.emit("vsplat", [fb.const(1.0 if vt.scalar is F else 1)], {"vtype": vt})
    w = fb.emit("vadd", [v, one])
    fb.emit_multi("vstore", [fb.emit("wadd", [base, fb.const(n * size)]), w], {"dtype": dtype})
    outs = [fb.emit("load", [fb.emit("wadd", [base, fb.const(k * size)])], {"dtype": dtype})
            for k in range(2 * n)]
    fb.fn.result_types = [o.type for o in outs]
    fb.ret(outs)
    pool = F32S if dtype == "float32" else FLOATS if vt.scalar is F else \
        [x for x in INTS if -2**31 <= x < 2**31] if dtype == "int32" else \
        [x & 255 for x in INTS] if dtype == "uint8" else INTS
    rng = random.Random(3)
    args = [tuple(rng.choice(pool) for _ in range(n)) + (rng.choice([0, 1, 3, 8]),)
            for _ in range(40)]
    check_against_interpreter(module_of(fb.finish()), args)


def test_vbuild_lanes():
    for vt in (F64X2, F32X4, I64X2, I32X4):
        fb = ir.FunctionBuilder("f", [vt.scalar] * vt.lanes, [], loc=LOC)
        v = fb.emit("vbuild", fb.params, {"vtype": vt})
        outs = [fb.emit("vextract", [v], {"lane": k}) for k in range(vt.lanes)]
        fb.fn.result_types = [o.type for o in outs]
        fb.ret(outs)
        pool = F32S if vt == F32X4 else FLOATS if vt.scalar is F else INTS
        check_against_interpreter(module_of(fb.finish()), _samples(vt, vt.lanes, 30) if
                                  vt.scalar is F else [tuple(pool[i:i + vt.lanes])
                                                       for i in range(len(pool) - vt.lanes)])


def test_simd_build_uses_simd128_and_mvp_refuses_it():
    import py2wasm.backend.binaryen as bn
    m = _vec_fn("vadd", [F64X2, F64X2])
    assert compile_module(m, target="simd").manifest["features"] == ["simd128"]
    with pytest.raises(bn.ValidationError):
        compile_module(m, target="mvp")


def test_every_simd_primitive_is_tested():
    # runs last in this file (pytest keeps definition order)
    # the bit and conversion lane ops are tested in test_simd_bits.py
    from py2wasm.ir.primitives import SIMD_BIT_PRIMITIVES
    prims = set(SIMD_PRIMITIVES) - set(SIMD_BIT_PRIMITIVES)
    assert prims <= TESTED | {"vbuild"}, prims - TESTED


@pytest.mark.parametrize("mt", [M64X2, M32X4], ids=lambda v: v.name)
def test_bool_load_store_roundtrip(mt):
    """bool elements (one 0/1 byte) <-> mask lanes: store, vload, vnot,
    vstore at an odd offset, load the bytes back (neighbours untouched)."""
    TESTED.update(("vload", "vstore"))
    n = mt.lanes
    fb = ir.FunctionBuilder("f", [B] * n + [I], [], loc=LOC)
    *xs, off = fb.params
    base = fb.emit("wadd", [fb.emit("alloc", [fb.const(64)]), off])
    for k in range(2 * n + 2):
        fb.emit_multi("store", [fb.emit("wadd", [base, fb.const(k)]), fb.const(True)],
                      {"dtype": "bool"})
    for k, x in enumerate(xs):
        fb.emit_multi("store", [fb.emit("wadd", [base, fb.const(k)]), x], {"dtype": "bool"})
    v = fb.emit("vload", [base], {"dtype": "bool", "vtype": mt})
    fb.emit_multi("vstore", [fb.emit("wadd", [base, fb.const(n + 1)]), fb.emit("vnot", [v])],
                  {"dtype": "bool"})
    outs = [fb.emit("load", [fb.emit("wadd", [base, fb.const(k)])], {"dtype": "bool"})
            for k in range(2 * n + 2)]
    fb.fn.result_types = [o.type for o in outs]
    fb.ret(outs)
    args = [bits + (o,) for bits in itertools.product([False, True], repeat=n) for o in (0, 3)]
    check_against_interpreter(module_of(fb.finish()), args)
