"""Test helper for the value-semantics tests: build a one-function IR module
through the frontend's operators/builtins on parameter Vars, run it with the
reference interpreter (py2wasm/ir/interpret.py) and compare with CPython.

`compiled(build, args)` -> ("ok", value) or (exc name, message);
`cpython(fn, args)` -> the same for CPython with py2wasm's documented
deviations (int64 overflow, int ** negative int, complex powers)."""
import math
import struct

from py2wasm import ir
from py2wasm.frontend.values import TraceRaise
from py2wasm.ir.interpret import interpret
from py2wasm.ir.messages import COMPLEX_POW, INT_OVERFLOW, INT_POW_NEGATIVE

LOC = ir.Loc("t.py", 1, 0, "x")
I64_MIN, I64_MAX = -2**63, 2**63 - 1

INTS = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, 63, 64, -64, 2**31, -2**31, 3037000499, 3037000500,
        2**53 + 1, I64_MAX, I64_MIN, I64_MAX - 1, I64_MIN + 1]
FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.0, 1e-300, -1e-300, 5e-324, 1e300,
          -1e300, 1.7976931348623157e308, 9.2e18, 9.3e18, -9.223372036854775808e18,
          math.inf, -math.inf, math.nan, 2.0**53, 0.1, 1 / 3]
BOOLS = [False, True]
SAMPLES = {ir.I64: INTS, ir.F64: FLOATS, ir.BOOL: BOOLS}


def type_of(v):
    return {bool: ir.BOOL, int: ir.I64, float: ir.F64}[type(v)]


def _leaves(v, out):
    if isinstance(v, tuple):
        for x in v:
            _leaves(x, out)
    else:
        out.append(v)
    return out


def _rebuild(template, it):
    if isinstance(template, tuple):
        return tuple(_rebuild(x, it) for x in template)
    return next(it)


def build_module(build, types):
    """(module, structure template) of `build(fb, *params)`; or a TraceRaise
    outcome when the traced path certainly raises."""
    fb = ir.FunctionBuilder("f", list(types), [])
    fb.loc = LOC
    try:
        out = build(fb, *fb.params)
    except TraceRaise as e:
        fb.raise_(e.exc, e.msg, LOC)
        out = None
    leaves = [] if out is None else _leaves(out, [])
    vals = []
    for v in leaves:
        vals.append(v if isinstance(v, ir.Var) else fb.const(v, type_of(v)))
    if out is not None:
        fb.fn.result_types = [v.type for v in vals]
        fb.ret(vals)
    m = ir.Module()
    m.add(fb.finish())
    ir.verify_module(m)
    return m, out


def compiled(build, args, types=None):
    types = types or [type_of(a) for a in args]
    m, template = build_module(build, types)
    try:
        flat = interpret(m, "f", list(args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))
    return ("ok", _rebuild(template, iter(flat)))


def _check(v):
    if type(v) is int and not I64_MIN <= v <= I64_MAX:
        raise OverflowError(INT_OVERFLOW)
    if isinstance(v, tuple):
        for x in v:
            _check(x)
    return v


def cpython(fn, args):
    try:
        r = fn(*args)
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))
    try:
        if type(r) is complex:
            raise ValueError(COMPLEX_POW)
        return ("ok", _check(r))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


def int_pow_deviation(a, b):
    """CPython's int ** negative int is a float; compiled code raises."""
    return type(a) in (int, bool) and type(b) in (int, bool) and b < 0 and a != 0


def _key(v):
    if isinstance(v, tuple):
        return tuple(_key(x) for x in v)
    if type(v) is float:
        return ("float", "nan" if v != v else struct.pack("<d", v))
    return (type(v).__name__, v)


def same(a, b):
    """Outcomes equal: same exception and message, or values of the same
    type, floats bit for bit (any NaN matches any NaN)."""
    if a[0] != b[0]:
        return False
    if a[0] != "ok":
        return a[1] == b[1]
    return _key(a[1]) == _key(b[1])
