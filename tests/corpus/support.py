"""Differential testing support: run a function under CPython and compiled by
py2wasm, and compare the outcomes precisely (in the style of Numba's
`assertPreciseEqual`).

Outcome = a returned value or a raised exception.
- Values: the Python types must be identical (`bool` is not `int`, `int` is
  not `float`, tuples stay tuples, recursively). Floats are compared by their
  bits (so `-0.0 != 0.0`); NaN matches any NaN (wasm leaves the sign and
  payload of a produced NaN unspecified; set PY2WASM_STRICT_NAN=1 to compare
  NaN bits too). `ulps=n` allows up to n units in the last place for results
  of transcendental functions (sign, zero sign, inf and NaN-ness still exact).
- Exceptions: same type (exactly, not a subclass) and same `str(e)`.

Documented deviations (README "Where py2wasm differs from CPython"):
- an int result outside int64: py2wasm raises OverflowError (type checked,
  message not). Detected automatically from CPython's result.
- `deviation="int_pow_negative"`: int ** negative int raises ValueError.
- `deviation="complex_pow"`: negative float ** non-integer float raises
  ValueError. In both cases the CPython side is checked to really be such a
  case, so a marker cannot hide a real failure.

PY2WASM_CORPUS_ORACLE=cpython replaces py2wasm.compile by the identity: it
validates the corpus itself (every function runs under CPython on all its
inputs, raises only the exceptions the subset has, deviation markers are
exact) without the compiler.
"""
from __future__ import annotations

import ast
import builtins
import inspect
import math
import os
import struct
import sys
from dataclasses import dataclass
from typing import Any, Optional

INT64_MIN = -2**63
INT64_MAX = 2**63 - 1

ORACLE_ONLY = os.environ.get("PY2WASM_CORPUS_ORACLE", "") == "cpython"
# PY2WASM_CORPUS_ORACLE=trace: frontend only (trace + IR verifier, per type
# signature; the call itself runs under CPython). A gate for the tracer while
# the backend is incomplete: every corpus function must trace without error.
TRACE_ONLY = os.environ.get("PY2WASM_CORPUS_ORACLE", "") == "trace"
STRICT_NAN = os.environ.get("PY2WASM_STRICT_NAN", "") == "1"

# Exceptions the subset can raise; anything else from CPython is a corpus bug.
SUBSET_EXCEPTIONS = (ZeroDivisionError, ValueError, OverflowError)
DEVIATIONS = ("int_pow_negative", "complex_pow")


@dataclass
class Outcome:
    value: Any = None
    exc: Optional[BaseException] = None

    def describe(self) -> str:
        if self.exc is not None:
            return f"raises {type(self.exc).__name__}({str(self.exc)!r})"
        return f"returns {show(self.value)}"


def show(v: Any) -> str:
    """repr with types and float bits made explicit."""
    if type(v) is float:
        bits = struct.unpack("<Q", struct.pack("<d", v))[0]
        return f"float {v!r} (0x{bits:016x})"
    if type(v) is tuple:
        return "(" + ", ".join(show(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    return f"{type(v).__name__} {v!r}"


def run(fn, args, kwargs) -> Outcome:
    try:
        return Outcome(value=fn(*args, **kwargs))
    except Exception as e:  # noqa: BLE001 - every exception is an outcome
        return Outcome(exc=e)


def float_bits(x: float) -> int:
    return struct.unpack("<q", struct.pack("<d", x))[0]


def ulp_distance(a: float, b: float) -> int:
    """Distance in representable doubles between two finite-or-inf floats of the same sign."""
    def key(x):
        i = float_bits(x)
        return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF)
    return abs(key(a) - key(b))


def compare_values(expected: Any, actual: Any, ulps: int = 0, path: str = "result") -> Optional[str]:
    """None if `actual` is precisely `expected`, else a description of the difference."""
    if type(expected) is not type(actual):
        return f"{path}: type {type(actual).__name__}, expected {type(expected).__name__} " \
               f"(got {show(actual)}, expected {show(expected)})"
    if type(expected) is tuple:
        if len(expected) != len(actual):
            return f"{path}: tuple of length {len(actual)}, expected {len(expected)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            d = compare_values(e, a, ulps, f"{path}[{i}]")
            if d:
                return d
        return None
    if type(expected) is float:
        if math.isnan(expected) or math.isnan(actual):
            if math.isnan(expected) and math.isnan(actual):
                if STRICT_NAN and float_bits(expected) != float_bits(actual):
                    return f"{path}: NaN bits differ: {show(actual)}, expected {show(expected)}"
                return None
            return f"{path}: {show(actual)}, expected {show(expected)}"
        if float_bits(expected) == float_bits(actual):
            return None
        if ulps and math.copysign(1.0, expected) == math.copysign(1.0, actual) \
                and expected != 0.0 and actual != 0.0 \
                and not math.isinf(expected) and not math.isinf(actual) \
                and ulp_distance(expected, actual) <= ulps:
            return None
        extra = f" ({ulp_distance(expected, actual)} ulps apart)" \
            if math.copysign(1.0, expected) == math.copysign(1.0, actual) else ""
        return f"{path}: {show(actual)}, expected {show(expected)}{extra}"
    if expected != actual:
        return f"{path}: {show(actual)}, expected {show(expected)}"
    return None


def int_out_of_range(v: Any) -> bool:
    if type(v) is int:
        return not INT64_MIN <= v <= INT64_MAX
    if type(v) is tuple:
        return any(int_out_of_range(x) for x in v)
    return False


class Int64Overflow(OverflowError):
    """Raised by `check_int64` in an oracle: the int64 result py2wasm must
    refuse with OverflowError (documented deviation; message not compared)."""


def check_int64(v):
    """Identity on an int inside int64; Int64Overflow outside. Generated
    oracles wrap every int operation in it, so an intermediate overflow is
    expected as OverflowError exactly where py2wasm must raise it."""
    if type(v) is int and not INT64_MIN <= v <= INT64_MAX:
        raise Int64Overflow("integer overflow")
    if type(v) is tuple:
        for x in v:
            check_int64(x)
    return v


class _CheckInts(ast.NodeTransformer):
    """Inside function bodies: wrap every arithmetic result and call result in
    `_i(...)`, and turn `x op= e` into `x = _i(x op e)`."""

    def visit_BinOp(self, node):
        self.generic_visit(node)
        return ast.copy_location(ast.Call(ast.Name("_i", ast.Load()), [node], []), node)

    visit_UnaryOp = visit_BinOp

    def visit_Call(self, node):
        self.generic_visit(node)
        return ast.copy_location(ast.Call(ast.Name("_i", ast.Load()), [node], []), node)

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        assert isinstance(node.target, ast.Name), "checked twin: only `name op= e`"
        value = ast.BinOp(ast.Name(node.target.id, ast.Load()), node.op, node.value)
        return ast.copy_location(ast.Assign([node.target], ast.Call(ast.Name("_i", ast.Load()), [value], [])), node)


_twins: dict[str, dict] = {}


def checked_twin(fn):
    """The same function from an instrumented copy of its module in which
    every int operation is checked against int64 (`check_int64`): CPython's
    exact semantics with py2wasm's documented int64 rule, so an intermediate
    overflow (CPython fine, result back in range) is expected as
    OverflowError exactly where py2wasm must raise it."""
    mod = sys.modules[fn.__module__]
    ns = _twins.get(mod.__name__)
    if ns is None:
        path = inspect.getsourcefile(mod)
        tree = ast.parse(open(path).read(), path)
        for i, node in enumerate(tree.body):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                tree.body[i] = _CheckInts().visit(node)
        ast.fix_missing_locations(tree)
        ns = {"__name__": mod.__name__ + "__int64_checked", "__package__": mod.__package__,
              "__file__": path, "_i": check_int64}
        exec(builtins.compile(tree, path, "exec"), ns)
        _twins[mod.__name__] = ns
    return ns[fn.__name__]


class _Expect:
    """What py2wasm must do, derived from CPython's outcome."""

    def __init__(self, cpy: Outcome, deviation: Optional[str]):
        self.cpy = cpy
        self.exc_type: Optional[type] = None   # expect this exception type...
        self.exact_message = True              # ...with CPython's message?
        self.reason = ""
        if deviation is not None:
            assert deviation in DEVIATIONS, f"unknown deviation {deviation!r}"
            if deviation == "int_pow_negative":
                ok = cpy.exc is None and type(cpy.value) is float or isinstance(cpy.exc, ZeroDivisionError)
            else:
                ok = cpy.exc is None and type(cpy.value) is complex
            assert ok, f"deviation {deviation!r} marked but CPython {cpy.describe()}"
            self.exc_type, self.exact_message = ValueError, False
            self.reason = f"documented deviation {deviation}"
        elif isinstance(cpy.exc, Int64Overflow) or cpy.exc is None and int_out_of_range(cpy.value):
            self.exc_type, self.exact_message = OverflowError, False
            self.reason = "int result outside int64 (documented deviation)"
        elif cpy.exc is not None:
            assert isinstance(cpy.exc, SUBSET_EXCEPTIONS), \
                f"corpus bug: CPython raised {type(cpy.exc).__name__}: {cpy.exc}"
            self.exc_type = type(cpy.exc)
        else:
            assert type(cpy.value) is not complex, "corpus bug: complex result (mark deviation)"

    def check(self, actual: Outcome, ulps: int) -> Optional[str]:
        if self.exc_type is None:
            if actual.exc is not None:
                return f"raised {type(actual.exc).__name__}: {actual.exc}; " \
                       f"CPython {self.cpy.describe()}"
            return compare_values(self.cpy.value, actual.value, ulps)
        if actual.exc is None:
            return f"returned {show(actual.value)}; expected {self.exc_type.__name__} " \
                   f"({self.reason or 'CPython ' + self.cpy.describe()})"
        if type(actual.exc) is not self.exc_type:
            return f"raised {type(actual.exc).__name__}({str(actual.exc)!r}); expected " \
                   f"{self.exc_type.__name__} ({self.reason or 'CPython ' + self.cpy.describe()})"
        if self.exact_message and str(actual.exc) != str(self.cpy.exc):
            return f"exception message {str(actual.exc)!r}, CPython {str(self.cpy.exc)!r} " \
                   f"({self.exc_type.__name__})"
        return None


# ---------------------------------------------------------------- compiling
_compiled: dict[Any, Any] = {}          # fn -> compiled callable (one per function)
_compile_failures: dict[Any, BaseException] = {}   # (fn, type key) -> exception


def _type_key(v):
    return (tuple, tuple(_type_key(x) for x in v)) if type(v) is tuple else type(v)


def compiled(fn):
    """py2wasm.compile(fn), once per function for the whole test session."""
    c = _compiled.get(fn)
    if c is None:
        if ORACLE_ONLY or TRACE_ONLY:
            c = fn
        else:
            import py2wasm
            c = py2wasm.compile(fn)
        _compiled[fn] = c
    return c


class CompileFailed(AssertionError):
    pass


def _specialize(fn, c, args, kwargs):
    """Compile the version for these argument types (cached, failures too),
    so that a compile failure is reported as such and not as a run-time one."""
    if ORACLE_ONLY or not (TRACE_ONLY or hasattr(c, "specialize")):
        return
    bound = inspect.signature(fn).bind(*args, **kwargs)
    bound.apply_defaults()
    key = (fn, tuple(_type_key(a) for a in bound.arguments.values()))
    err = _compile_failures.get(key)
    if err is None and key in _compile_failures:
        return
    if err is None:
        try:
            if TRACE_ONLY:
                from py2wasm import ir
                from py2wasm.frontend import trace, types_of_values
                ir.verify_module(trace(fn, list(types_of_values(tuple(bound.arguments.values())))))
                _compile_failures[key] = None
            else:
                c.specialize(*args, **kwargs)
            return
        except Exception as e:  # noqa: BLE001
            err = _compile_failures[key] = e
    kind = "COMPILE ERROR" if type(err).__name__ == "CompileError" else \
        f"INTERNAL ERROR ({type(err).__module__}.{type(err).__name__})"
    raise CompileFailed(f"{kind} compiling {fn.__module__}.{fn.__qualname__} for argument types "
                        f"{[type(a).__name__ for a in bound.arguments.values()]}:\n{err}") from err


def validate_case(fn, args, kwargs=None, deviation=None, oracle=None) -> None:
    """The corpus case itself is sound under CPython: only subset exceptions,
    deviation markers are real, fn is deterministic and agrees with the
    checked oracle wherever no int64 overflow is expected."""
    kwargs = kwargs or {}
    expect = _Expect(run(oracle or fn, args, kwargs), deviation)
    if expect.exc_type is not None and not expect.exact_message:
        return
    d = expect.check(run(fn, args, kwargs), 0)
    assert d is None, f"CPython disagrees with itself/the oracle: {d}"


def assert_same(fn, *args, ulps: int = 0, kwargs: Optional[dict] = None,
                deviation: Optional[str] = None, oracle=None) -> None:
    """fn(*args, **kwargs) under CPython and compiled by py2wasm behave the same.
    `oracle`: a CPython function to compute the expected outcome instead of
    fn (the generated suites pass fn with every int operation checked)."""
    kwargs = kwargs or {}
    if ORACLE_ONLY:
        validate_case(fn, args, kwargs, deviation, oracle)
        return
    expect = _Expect(run(oracle or fn, args, kwargs), deviation)
    c = compiled(fn)
    _specialize(fn, c, args, kwargs)
    if TRACE_ONLY:
        return
    actual = run(c, args, kwargs)
    diff = expect.check(actual, ulps)
    if diff:
        call = f"{fn.__name__}({', '.join([repr(a) for a in args] + [f'{k}={v!r}' for k, v in kwargs.items()])})"
        raise AssertionError(f"MISMATCH {call}: {diff}")


# ---------------------------------------------------------------- corpus tables
@dataclass
class Case:
    fn: Any
    inputs: list           # list of argument tuples (or In(...) for per-input options)
    ulps: int = 0


@dataclass
class In:
    """One input with options: keyword arguments, a documented deviation."""
    args: tuple
    kwargs: Optional[dict] = None
    deviation: Optional[str] = None


def C(fn, *inputs, ulps: int = 0) -> Case:
    return Case(fn, [i if isinstance(i, In) else (i if type(i) is tuple else (i,)) for i in inputs], ulps)


def short_repr(v, limit=40) -> str:
    r = repr(v)
    return r if len(r) <= limit else r[:limit - 3] + "..."
