"""Test-only stand-ins for frontend/operators.py and frontend/builtins.py
(written by another engineer), installed by conftest.py only while those
modules do not exist yet. Minimal: enough for the tracer's tests."""
import math
import types

from py2wasm.ir import BOOL, F64, I64, Var
from py2wasm.frontend.values import TraceRaise, scalar_type

_BIN = {"+": "add", "-": "sub", "*": "mul", "/": "truediv", "//": "floordiv", "%": "mod",
        "**": "pow", "&": "and", "|": "or", "^": "xor", "<<": "shl", ">>": "shr"}
_CMP = {"<": "lt", "<=": "le", "==": "eq", "!=": "ne", ">": "gt", ">=": "ge"}
_PY = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
       "/": lambda a, b: a / b, "//": lambda a, b: a // b, "%": lambda a, b: a % b,
       "**": lambda a, b: a ** b, "&": lambda a, b: a & b, "|": lambda a, b: a | b,
       "^": lambda a, b: a ^ b, "<<": lambda a, b: a << b, ">>": lambda a, b: a >> b,
       "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, "==": lambda a, b: a == b,
       "!=": lambda a, b: a != b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def _mat(fb, v, t):
    if isinstance(v, Var):
        if v.type is t:
            return v
        return fb.emit("convert", [v], {"to": t})
    return fb.const(t.pyname == "float" and float(v) or (int(v) if t is I64 else v), t)


def _py(op, a, b):
    try:
        return _PY[op](a, b)
    except ZeroDivisionError as e:
        raise TraceRaise("ZeroDivisionError", str(e))


def binary(fb, op, a, b, loc):
    if not isinstance(a, Var) and not isinstance(b, Var):
        return _py(op, a, b)
    ta, tb = scalar_type(a), scalar_type(b)
    t = F64 if F64 in (ta, tb) or op == "/" else I64
    if op == "/":
        return fb.emit("truediv", [_mat(fb, a, t if ta is not I64 else I64), _mat(fb, b, t if tb is not I64 else I64)]) \
            if ta is tb and ta is I64 else fb.emit("truediv", [_mat(fb, a, F64), _mat(fb, b, F64)])
    return fb.emit(_BIN[op], [_mat(fb, a, t), _mat(fb, b, t)])


def compare(fb, op, a, b, loc):
    if not isinstance(a, Var) and not isinstance(b, Var):
        return _py(op, a, b)
    ta, tb = scalar_type(a), scalar_type(b)
    t = F64 if F64 in (ta, tb) else (BOOL if ta is tb is BOOL else I64)
    return fb.emit(_CMP[op], [_mat(fb, a, t), _mat(fb, b, t)])


def unary(fb, op, a, loc):
    if not isinstance(a, Var):
        return {"-": lambda: -a, "+": lambda: +a, "~": lambda: ~a, "not": lambda: not a}[op]()
    if op == "not":
        return fb.emit("not", [truth(fb, a, loc)])
    if op == "+":
        return a
    return fb.emit({"-": "neg", "~": "invert"}[op], [a])


def truth(fb, v, loc):
    if not isinstance(v, Var):
        return bool(v)
    return v if v.type is BOOL else fb.emit("convert", [v], {"to": BOOL})


def coerce(fb, v, t, loc):
    return _mat(fb, v, t)


class NotABuiltin(Exception):
    pass


def call_builtin(fb, fn, args, kwargs, loc):
    if fn is math.sqrt and isinstance(args[0], Var):
        return fb.emit("sqrt", [_mat(fb, args[0], F64)])
    if fn is float:
        return _mat(fb, args[0], F64) if isinstance(args[0], Var) else float(args[0])
    if fn is int:
        return fb.emit("convert", [args[0]], {"to": I64}) if isinstance(args[0], Var) else int(args[0])
    if fn is bool:
        return truth(fb, args[0], loc)
    if fn in (min, max) and len(args) == 2 and not kwargs:
        a, b = args
        if not isinstance(a, Var) and not isinstance(b, Var):
            return fn(a, b)
        t = F64 if F64 in (scalar_type(a), scalar_type(b)) else I64
        if scalar_type(a) is not scalar_type(b):
            raise NotABuiltin(fn)
        c = fb.emit("lt" if fn is min else "gt", [_mat(fb, b, t), _mat(fb, a, t)])
        return fb.emit("select", [c, _mat(fb, b, t), _mat(fb, a, t)])
    if fn is abs:
        return fb.emit("abs", [args[0]]) if isinstance(args[0], Var) else abs(args[0])
    raise NotABuiltin(fn)


def install():
    import sys
    import py2wasm.frontend as fe
    for name in ("operators", "builtins"):
        full = f"py2wasm.frontend.{name}"
        try:
            __import__(full)
        except ImportError:
            m = types.ModuleType(full)
            if name == "operators":
                for k in ("binary", "compare", "unary", "truth", "coerce"):
                    setattr(m, k, globals()[k])
            else:
                m.NotABuiltin = NotABuiltin
                m.call_builtin = call_builtin
            sys.modules[full] = m
            setattr(fe, name, m)
