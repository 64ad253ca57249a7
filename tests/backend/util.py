"""Helpers for backend tests: one-primitive IR modules, compiled and run
under the runner, compared with the reference interpreter (ir/interpret.py)."""
from __future__ import annotations

import math
import struct

from py2wasm import ir
from py2wasm.backend import compile_module
from py2wasm.ir.interpret import interpret
from py2wasm.ir.memory import Memory
from py2wasm.runner import Instance

LOC = ir.Loc("prim.py", 7, 1, "y = prim(x)")
I64_MIN, I64_MAX = -2**63, 2**63 - 1

INTS = [0, 1, -1, 2, -2, 3, -3, 5, -5, 7, -7, 10, 63, 64, 65, -64, 100, 2**31, -2**31,
        3037000499, 3037000500, -3037000500, 2**32, 2**53 - 1, 2**53, 2**53 + 1, -2**53 - 1,
        2**62, -2**62, I64_MAX, I64_MIN, I64_MAX - 1, I64_MIN + 1]
FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.0, -3.0, 2.0, 7.0, -7.0,
          0.1, 1 / 3, 1e-300, -1e-300, 5e-324, -5e-324, 2.2250738585072014e-308, 1e300, -1e300,
          1.7976931348623157e308, 9.2e18, 9.3e18, 9.223372036854775808e18,
          -9.223372036854775808e18, -9.223372036854777e18, 2.0**53, 2.0**53 + 2, 123.456,
          math.inf, -math.inf, math.nan, 0.49999999999999994, 4503599627370497.0]
BOOLS = [False, True]
SAMPLES = {ir.I64: INTS, ir.F64: FLOATS, ir.BOOL: BOOLS}


def module_of(*fns, exports=("f",)) -> ir.Module:
    """A verified module of finished IR functions; exports get a flat
    Python signature (x0, x1... -> a scalar, a tuple or None)."""
    m = ir.Module()
    for fn in fns:
        m.add(fn)
    for name in exports:
        fn = m.functions[name]
        rt = fn.result_types
        result = ir.NONE if not rt else rt[0] if len(rt) == 1 else ir.TupleType(tuple(rt))
        fn.sig = ir.PySignature(tuple((f"x{i}", p.type) for i, p in enumerate(fn.params)), result)
    m.exports = list(exports)
    m.source_file = "prim.py"
    ir.verify_module(m)
    return m


def one_prim_module(prim: str, in_types, params=None, name="f") -> ir.Module:
    fb = ir.FunctionBuilder(name, list(in_types), [], loc=LOC)
    outs = fb.emit_multi(prim, fb.params, params or {}, loc=LOC)
    fb.fn.result_types = [v.type for v in outs]
    fb.ret(outs)
    return module_of(fb.finish(), exports=(name,))


def key(v):
    if isinstance(v, (tuple, list)):
        return tuple(key(x) for x in v)
    if type(v) is float:
        return ("float", "nan" if v != v else struct.pack("<d", v))
    return (type(v).__name__, v)


def outcome_interp(m, args, name="f"):
    try:
        r = interpret(m, name, list(args), memory=Memory())
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))
    return ("ok", key(r[0] if len(r) == 1 else tuple(r)) if r else key(None))


def outcome_wasm(inst, args, name="f"):
    try:
        r = inst.call(name, args)
    except Exception as e:  # noqa: BLE001
        assert getattr(e, "__notes__", None), f"{e!r} has no note"
        return (type(e).__name__, str(e))
    return ("ok", key(r))


def check_against_interpreter(m, arg_lists, opt="O3", name="f"):
    """Compile at `opt`, run every argument list, compare with interpret.
    Returns the Instance (still usable after every exception)."""
    build = compile_module(m, opt=opt, name="t")
    inst = Instance(build)
    bad = []
    for args in arg_lists:
        want = outcome_interp(m, args, name)
        got = outcome_wasm(inst, args, name)
        if want != got:
            bad.append(f"{args!r}: wasm {got}, interpreter {want}")
    assert not bad, f"{len(bad)} mismatches at {opt}, e.g.:\n" + "\n".join(bad[:15])
    return inst
