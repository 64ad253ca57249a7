"""A reference interpreter of the IR: every primitive with its Python
semantics, written with Python's own operators.

Place in the pipeline: beside the backend, not in it. It is the executable
specification of `ir/primitives.py` (what the backend must compute, which
exception it must raise, with which message) and a test oracle: IR built by
the frontend and run here must behave like CPython on the traced function.

    interpret(module, "f", [1, 2.5]) -> [3.5]      # flat arguments and results

Exceptions are raised as the Python exceptions they name (`raise_if`,
`Raise`, and the implicit ones of each primitive, e.g. OverflowError with
`messages.INT_OVERFLOW` for an i64 result outside int64).

Array code (`alloc`, `load`, `store`) runs on an `ir.memory.Memory`:
`interpret(module, "f", args, memory=mem)`; the caller puts the argument
arrays into `mem` and reads result arrays from it.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import math
import operator
from typing import Any, Sequence

from ..intrinsics import f64_from_bits, f64_to_bits
from . import memory as _memory
from .core import Br, CondBr, Function, Module, Raise, Return
from .messages import COMPLEX_POW, INT_OVERFLOW, INT_POW_NEGATIVE, format_message
from .types import BOOL, F64, I64, PY_TYPE

MAX_DEPTH = 400


def _int(v: int) -> int:
    if not -2**63 <= v < 2**63:
        raise OverflowError(INT_OVERFLOW)
    return v


def _checked(f):
    """An operation on Python numbers whose int results must fit int64."""
    def g(*args):
        r = f(*args)
        return _int(r) if type(r) is int else r
    return g


def _pow(a, b):
    if type(a) is int:
        if b < 0:
            if a == 0:
                return 0 ** b  # ZeroDivisionError with CPython's message
            raise ValueError(INT_POW_NEGATIVE)
        if b > 64 and abs(a) >= 2:
            raise OverflowError(INT_OVERFLOW)
        return a ** b
    r = a ** b
    if type(r) is complex:
        raise ValueError(COMPLEX_POW)
    return r


def _shl(a, b):
    if b > 64 and a != 0:  # 1 << 10**18 would take Python forever
        raise OverflowError(INT_OVERFLOW)
    return a << b


def _ieee(f):
    """IEEE rounding of a float to an integral float: signs and non-finite
    values pass through (floor(-0.5) == -1.0, ceil(-0.5) == -0.0)."""
    def g(x):
        return math.copysign(float(f(x)), x) if math.isfinite(x) else x
    return g


def _sqrt(x):
    return math.sqrt(x) if not x < 0 else math.nan


def _convert(v, to):
    if to is F64:
        return float(v)
    if to is BOOL:
        return bool(v)
    return _int(int(v))


_LIBM = None


def _c_libm(name: str):
    global _LIBM
    if _LIBM is None:
        _LIBM = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
    from .primitives import MATH_C_NAMES
    f = getattr(_LIBM, MATH_C_NAMES.get(name, name))
    f.restype = ctypes.c_double
    f.argtypes = [ctypes.c_double] * (3 if name == "fma" else
                                      2 if name in ("pow", "atan2", "hypot", "fmod") else 1)
    return f


def _math(fn: str, *args: float) -> float:
    """C libm semantics: CPython's math function where it returns (bit
    identical to what the Python runner imports), the C function's value
    (inf, nan...) where CPython raises instead."""
    if fn == "fma" and not hasattr(math, "fma"):  # before Python 3.13
        from ..libm.fma import fma  # exact (tests/mathlib checks it against Fraction)
        return fma(*args)
    try:
        return getattr(math, fn)(*args)
    except (ValueError, OverflowError):
        return _c_libm(fn)(*args)


_OPS = {
    "add": _checked(operator.add), "sub": _checked(operator.sub),
    "mul": _checked(operator.mul), "truediv": operator.truediv,
    "floordiv": _checked(operator.floordiv), "mod": operator.mod, "pow": _checked(_pow),
    "neg": _checked(operator.neg), "abs": _checked(abs), "invert": operator.invert,
    "and": operator.and_, "or": operator.or_, "xor": operator.xor,
    "shl": _checked(_shl), "shr": operator.rshift,
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
    "gt": operator.gt, "ge": operator.ge, "not": operator.not_,
    "sqrt": _sqrt, "floor": _ieee(math.floor), "ceil": _ieee(math.ceil),
    "trunc": _ieee(math.trunc), "nearest": _ieee(round), "fabs": math.fabs,
    "copysign": math.copysign, "isnan": math.isnan, "isinf": math.isinf,
    "isfinite": math.isfinite, "select": lambda c, a, b: a if c else b,
    "f64_to_bits": f64_to_bits.py, "f64_from_bits": f64_from_bits.py,
    # NumPy arrays (C arithmetic)
    "f32": _memory.f32, "wadd": lambda a, b: _memory.wrap("int64", a + b),
    "wsub": lambda a, b: _memory.wrap("int64", a - b),
    "wmul": lambda a, b: _memory.wrap("int64", a * b),
    "wneg": lambda a: _memory.wrap("int64", -a),
    "fdiv": lambda a, b: _fdiv(a, b), "ftoi": lambda x: _ftoi(x),
}


def _fdiv(a: float, b: float) -> float:
    if b != 0.0:
        return a / b
    if a != a or a == 0.0:
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def _ftoi(x: float) -> int:
    if x != x or not -2.0**63 <= x < 2.0**63:
        return -2**63
    return int(x)


_MEMORY: list = []  # the Memory of the running interpret() call (innermost last)


def _mem():
    if not _MEMORY:
        raise RuntimeError("array primitives need interpret(..., memory=Memory())")
    return _MEMORY[-1]


def _exception(name: str, msg: str) -> BaseException:
    from ..errors import exception_class, make_exception
    cls = exception_class(name)
    if cls is None:
        raise RuntimeError(f"IR raises unknown exception {name!r}")
    return make_exception(cls, msg)


def _eval(module: Module, e, ins: list, depth: int) -> list:
    p = e.prim
    if p == "const":
        return [e.params["value"]]
    if p == "convert":
        return [_convert(ins[0], e.params["to"])]
    if p == "math":
        return [_math(e.params["fn"], *ins)]
    if p == "raise_if":
        if all(ins):
            raise _exception(e.params["exc"], e.params["msg"])
        return []
    if p == "call":
        return _run(module, module.functions[e.params["fn"]], ins, depth + 1)
    if p == "load":
        return [_mem().load(e.params["dtype"], ins[0] + e.params.get("offset", 0))]
    if p == "store":
        _mem().store(e.params["dtype"], ins[0] + e.params.get("offset", 0), ins[1])
        return []
    if p == "alloc":
        return [_mem().alloc(ins[0])]
    if p == "data_addr":
        if module is None:  # constant folding: the address is a run-time value
            raise ValueError("data_addr needs the module")
        return [_mem().table(e.params["name"], module.data[e.params["name"]])]
    if p == "str_to_float":
        return [float(_read_str(ins[0]))]
    if p == "str_format":
        return [_str_format(ins)]
    if p == "wrap":
        return [_memory.wrap(e.params["dtype"], ins[0])]
    if p == "raise_if_fmt":
        if ins[0]:
            raise _exception(e.params["exc"], format_message(e.params["msg"], e.params.get("kinds"),
                                                             ins[1:], _read_str))
        return []
    if p[0] == "v":  # SIMD primitives (ir/vinterpret.py)
        from .vinterpret import eval_simd
        return eval_simd(e, ins, _MEMORY[-1] if _MEMORY else None)
    return [_OPS[p](*ins)]


def evaluate(e, ins: list) -> list:
    """The results of one equation on known inputs (not `call`): what the
    compiled code computes, or the Python exception it raises. Used by the
    constant-folding pass."""
    if e.prim == "call":
        raise ValueError("evaluate() does not run calls")
    return _eval(None, e, ins, 0)


def _run(module: Module, fn: Function, args: Sequence[Any], depth: int) -> list:
    if depth > MAX_DEPTH:
        raise RecursionError("maximum recursion depth exceeded")
    env = {v.id: a for v, a in zip(fn.params, args)}
    block = fn.entry
    while True:
        for e in block.eqns:
            outs = _eval(module, e, [env[v.id] for v in e.ins], depth)
            for o, v in zip(e.outs, outs):
                env[o.id] = v
        t = block.term
        if isinstance(t, Return):
            return [env[v.id] for v in t.values]
        if isinstance(t, Raise):
            raise _exception(t.exc, t.msg)
        if isinstance(t, Br):
            block, vals = t.target, [env[v.id] for v in t.args]
        elif isinstance(t, CondBr):
            block, vals = (t.then, t.then_args) if env[t.cond.id] else (t.else_, t.else_args)
            vals = [env[v.id] for v in vals]
        else:
            raise RuntimeError(f"block ^{block.label} of {fn.name} has no terminator")
        for p, v in zip(block.params, vals):
            env[p.id] = v


def interpret(module: Module, fn_name: str, args: Sequence[Any], memory=None) -> list:
    """Run IR function `fn_name` on flat arguments; the flat list of results.
    Array primitives use `memory` (an `ir.memory.Memory`)."""
    fn = module.functions[fn_name]
    if len(args) != len(fn.params):
        raise TypeError(f"{fn_name} takes {len(fn.params)} flat arguments, got {len(args)}")
    vals = []
    for p, a in zip(fn.params, args):
        if type(a) is not PY_TYPE[p.type] and not (p.type is F64 and type(a) in (int, bool)):
            raise TypeError(f"{fn_name}: argument {a!r} is not of type {p.type.pyname}")
        vals.append(_int(a) if p.type is I64 else PY_TYPE[p.type](a))
    if memory is None:
        return _run(module, fn, vals, 0)
    _MEMORY.append(memory)
    try:
        return _run(module, fn, vals, 0)
    finally:
        _MEMORY.pop()


def _str_format(ins) -> int:
    """str_format: the host's text written into the buffer block (ir/primitives.py)."""
    from .messages import format_field
    text = format_field(_read_str(ins[1]), ins[0], _read_str)
    m, buf = _mem(), ins[2]
    if len(text) > m.load("int64", buf):
        raise RuntimeError("str_format: the text is longer than its buffer (a py2wasm bug)")
    for i, ch in enumerate(text):
        m.store("int32", buf + 8 + 4 * i, ord(ch))
    return len(text)


def _read_str(addr: int) -> str:
    """A run-time string of a message (frontend/strvalues.py's layout)."""
    m = _mem()
    n = m.load("int64", addr)
    return m.read_bytes(addr + 8, 4 * n).decode("utf-32-le", "surrogatepass")
