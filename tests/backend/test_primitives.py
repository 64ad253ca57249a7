"""Every IR primitive, lowered to wasm and run under the runner, computes
exactly what the reference interpreter computes (values bit for bit, the
same exception with the same message) on edge values."""
import itertools

import pytest

from py2wasm import ir
from py2wasm.backend.lower_ops import LOWERINGS
from py2wasm.ir.primitives import MATH_BINARY, MATH_TERNARY, MATH_UNARY, PRIMITIVES

from .util import (BOOLS, FLOATS, INTS, SAMPLES, check_against_interpreter, module_of,
                   one_prim_module)

I, F, B = ir.I64, ir.F64, ir.BOOL
NUM2 = [(I, I), (F, F)]
CASES = {
    "add": NUM2, "sub": NUM2, "mul": NUM2, "truediv": NUM2, "floordiv": NUM2, "mod": NUM2,
    "pow": NUM2, "neg": [(I,), (F,)], "abs": [(I,), (F,)], "invert": [(I,)],
    "and": [(I, I), (B, B)], "or": [(I, I), (B, B)], "xor": [(I, I), (B, B)],
    "shl": [(I, I)], "shr": [(I, I)],
    **{c: [(I, I), (F, F), (I, F), (F, I), (B, B)] for c in ("eq", "ne", "lt", "le", "gt", "ge")},
    "not": [(B,)],
    "sqrt": [(F,)], "floor": [(F,)], "ceil": [(F,)], "trunc": [(F,)], "nearest": [(F,)],
    "fabs": [(F,)], "copysign": [(F, F)], "isnan": [(F,)], "isinf": [(F,)], "isfinite": [(F,)],
    "select": [(B, I, I), (B, F, F), (B, B, B)],
}
# Extra operands where the edge cases of a primitive live.
EXTRA = {
    "pow": {I: [0, 1, -1, 2, -2, 3, 10, 62, 63, 64, 65, 100, 3037000499, -3037000500]},
    "shl": {I: INTS + [31, 32, 62, 1000, 2**40]},
    "shr": {I: INTS + [31, 32, 62, 1000, 2**40]},
}


def _args(prim, types):
    pools = [EXTRA.get(prim, {}).get(t, SAMPLES[t]) for t in types]
    return list(itertools.product(*pools))


PARAMS = [pytest.param(p, ts, id=f"{p}-{'_'.join(t.name for t in ts)}")
          for p, tss in CASES.items() for ts in tss]


@pytest.mark.parametrize("prim, types", PARAMS)
def test_primitive_matches_interpreter(prim, types):
    m = one_prim_module(prim, types)
    check_against_interpreter(m, _args(prim, types), opt="O3")


@pytest.mark.parametrize("prim, types", [p for p in PARAMS if p.values[0] in (
    "add", "sub", "mul", "floordiv", "mod", "pow", "truediv", "shl", "lt", "ge")])
def test_primitive_unoptimized(prim, types):
    m = one_prim_module(prim, types)
    check_against_interpreter(m, _args(prim, types), opt="O0")


@pytest.mark.parametrize("src", [I, F, B])
@pytest.mark.parametrize("to", [I, F, B])
def test_convert(src, to):
    m = one_prim_module("convert", [src], {"to": to})
    check_against_interpreter(m, [(v,) for v in SAMPLES[src]])


@pytest.mark.parametrize("fn", MATH_UNARY + MATH_BINARY + MATH_TERNARY)
def test_math_import(fn):
    n = 1 if fn in MATH_UNARY else 2 if fn in MATH_BINARY else 3
    m = one_prim_module("math", [F] * n, {"fn": fn})
    vals = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 10.0, 1e300, -1e300, 800.0, -800.0,
            float("inf"), float("-inf"), float("nan")]
    check_against_interpreter(m, list(itertools.product(vals, repeat=n)))


@pytest.mark.parametrize("t", [I, F, B])
def test_const(t):
    vals = {I: [0, 1, -1, 2**63 - 1, -2**63], F: FLOATS, B: BOOLS}[t]
    for v in vals:
        fb = ir.FunctionBuilder("f", [], [t])
        fb.ret([fb.const(v, t)])
        m = module_of(fb.finish())
        check_against_interpreter(m, [()], opt="O0")


def test_raise_if():
    fb = ir.FunctionBuilder("f", [B, I], [I])
    c, x = fb.params
    fb.raise_if(c, "ValueError", "custom message", ir.Loc("r.py", 3, 1, "raise ValueError"))
    fb.ret([x])
    m = module_of(fb.finish())
    inst = check_against_interpreter(m, [(False, 5), (True, 5), (False, -1)])
    with pytest.raises(ValueError, match="custom message") as info:
        inst.call("f", (True, 1))
    assert info.value.__notes__ == ["raised by py2wasm-compiled code at r.py:3: raise ValueError"]


def test_call_with_multiple_results():
    g = ir.FunctionBuilder("g", [I, F], [F, I, B])
    a, x = g.params
    g.ret([g.emit("mul", [x, x]), g.emit("add", [a, a]), g.emit("lt", [a, x])])
    f = ir.FunctionBuilder("f", [I, F], [I, F, B])
    a, x = f.params
    y, b, c = f.emit_multi("call", [a, x], {"fn": "g", "results": (F, I, B)})
    f.ret([b, y, c])
    m = module_of(f.finish(), g.finish())
    check_against_interpreter(m, [(1, 2.0), (2**62, 0.5), (-3, float("nan")), (5, 5.5)])


def test_every_primitive_has_a_lowering_and_a_test():
    assert set(PRIMITIVES) <= set(LOWERINGS), set(PRIMITIVES) - set(LOWERINGS)
    from py2wasm.ir.primitives import SIMD_PRIMITIVES  # tests/backend/test_simd_primitives.py
    tested = set(CASES) | set(NEW) | {"convert", "math", "const", "raise_if", "call", "wrap",
                                      "alloc", "load", "store", "raise_if_fmt",
                                      "str_to_float", "str_format",
                                      "data_addr"} | \
        set(SIMD_PRIMITIVES) | \
        {"exc_code", "exc_is", "exc_take", "exc_throw"}  # try/except: end to end in
    # tests/frontend/test_trycatch.py (the IR interpreter has no pending exception)
    assert set(PRIMITIVES) <= tested, set(PRIMITIVES) - tested


# --- NumPy's C arithmetic and bit casts -------------------------------------------------

NEW = {"f64_to_bits": [(F,)], "f64_from_bits": [(I,)], "f32": [(F,)], "wadd": [(I, I)],
       "wsub": [(I, I)], "wmul": [(I, I)], "wneg": [(I,)], "fdiv": [(F, F)], "ftoi": [(F,)]}


@pytest.mark.parametrize("prim, types", [pytest.param(p, ts, id=p) for p, tss in NEW.items()
                                         for ts in tss])
def test_numpy_arithmetic(prim, types):
    vals = {F: FLOATS + [3.4028234663852886e38, 3.4028235677973366e38, 1e-45, 1.401298464324817e-45,
                         0.1 + 2**-30], I: INTS}
    m = one_prim_module(prim, types)
    check_against_interpreter(m, list(itertools.product(*[vals[t] for t in types])))


@pytest.mark.parametrize("dtype", ["int32", "uint8", "int64"])
def test_wrap(dtype):
    m = one_prim_module("wrap", [I], {"dtype": dtype})
    check_against_interpreter(m, [(v,) for v in INTS + [255, 256, -129, 2**31 - 1, 2**32 + 5]])


def test_fmod_is_computed_in_wasm_exactly():
    """C fmod is exact, so the runtime helper must equal the C library bit
    for bit (random bit patterns: subnormals, huge exponent gaps, NaNs)."""
    import random
    import struct

    from py2wasm.backend import compile_module
    from py2wasm.runner.hostmath import host_function

    m = one_prim_module("math", [F, F], {"fn": "fmod"})
    build = compile_module(m)
    assert build.manifest["imports"] == {}  # no host call
    from py2wasm.runner import Instance
    inst = Instance(build)
    c_fmod = host_function("fmod")
    rnd = random.Random(20261125)
    pool = FLOATS + [struct.unpack("<d", struct.pack("<Q", rnd.getrandbits(64)))[0]
                     for _ in range(3000)]

    def key(v):
        return "nan" if v != v else struct.pack("<d", v)
    for _ in range(20000):
        a, b = rnd.choice(pool), rnd.choice(pool)
        assert key(inst.call("f", (a, b))) == key(c_fmod(a, b)), (a, b)
