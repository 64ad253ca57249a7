"""Whole modules through the backend: every optimization level computes the
same results, the wasm validates and has the documented ABI (exports, the
py2wasm_exc global, math imports), the text shows what we expect, and the
manifest is exactly as docs/internals.md describes."""
import math

import pytest

from py2wasm import ir
from py2wasm.backend import Build, compile_module
from py2wasm.backend import binaryen as bn
from py2wasm.frontend import trace, trace_many, types_of_values
from py2wasm.ir.interpret import interpret
from py2wasm.runner import Instance

OPT_LEVELS = ["O0", "O1", "O2", "O3", "Os", "Oz"]


def fma(x, y, z):
    """x * y + z"""
    return x * y + z


def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def stats(a, b):
    s = 0.0
    m = -math.inf
    for i in range(a, b):
        x = math.sin(i) / (i - 5)
        s += x
        if x > m:
            m = x
    return s, (m, b - a > 3)


def divide(x, y):
    return x / y


CASES = [(fma, [(3, -1, 2), (2**61, 2, 2**62 - 1), (1.5, 2.0, -0.0)]),
         (collatz, [(1,), (27,), (97,), (2**40 + 1,)]),
         (fib, [(0,), (1,), (20,)]),
         (stats, [(0, 10), (6, 7), (-3, 50), (5, 6)]),
         (divide, [(1.0, 3.0), (1.0, 0.0), (7, 2), (2**63 - 1, 3)])]


def _outcome(f, *args):
    try:
        return ("ok", repr(f(*args)))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


@pytest.mark.parametrize("opt", OPT_LEVELS)
@pytest.mark.parametrize("fn, inputs", CASES, ids=[c[0].__name__ for c in CASES])
def test_every_opt_level_agrees_with_cpython(fn, inputs, opt):
    for args in inputs:
        m = trace(fn, list(types_of_values(args)))
        inst = Instance(compile_module(m, opt=opt, name=fn.__name__))
        assert _outcome(inst.call, fn.__name__, args) == _outcome(fn, *args), (args, opt)


@pytest.mark.parametrize("opt", OPT_LEVELS)
def test_int64_overflow_at_every_opt_level(opt):
    inst = Instance(compile_module(trace(fma, [ir.I64] * 3), opt=opt))
    with pytest.raises(OverflowError, match="does not fit in a 64-bit int"):
        inst.call("fma", (2**62, 2, 0))
    assert inst.call("fma", (-2**62, 2, 0)) == -2**63


def test_build_is_valid_wasm_with_the_abi():
    b = compile_module(trace(fma, [ir.F64] * 3), name="fma")
    assert isinstance(b, Build)
    assert b.wasm[:8] == b"\0asm\x01\0\0\0"
    text = b.wat()
    assert '(export "fma" (func' in text
    assert '(export "py2wasm_exc" (global' in text
    assert "(global $py2wasm_exc (mut i32) (i32.const 0))" in text
    assert "f64.mul" in text and "f64.add" in text
    assert "(import" not in text


def test_int_arithmetic_checks_overflow_in_the_text():
    b = compile_module(trace(fma, [ir.I64] * 3), opt="O0")
    text = b.wat()
    assert "i64.mul" in text and "i64.add" in text and "unreachable" in text
    assert "global.set $py2wasm_exc" in text


def test_manifest_exactly():
    m = trace(divide, [ir.F64, ir.F64])
    m.source_file = "/somewhere/test_modules.py"
    b = compile_module(m, name="divide")
    line = divide.__code__.co_firstlineno
    assert b.manifest == {
        "format": 1, "module": "divide", "source": "test_modules.py",
        "functions": [{"name": "divide", "doc": "", "line": line,
                       "params": [{"name": "x", "type": "float"}, {"name": "y", "type": "float"}],
                       "result": "float"}],
        "exceptions": {"1": {"type": "ZeroDivisionError", "message": "float division by zero",
                             "file": "test_modules.py", "line": line + 1,
                             "source": "return x / y"}},
        "imports": {},
        "target": "simd", "features": [],
    }


def test_manifest_tuples_docs_and_imports():
    m = trace_many([(fma, None), (stats, [ir.I64, ir.I64])])
    b = compile_module(m, name="mod")
    fns = {f["name"]: f for f in b.manifest["functions"]}
    assert fns["fma"]["doc"] == "x * y + z"
    assert fns["stats"]["result"] == {"tuple": ["float", {"tuple": ["float", "bool"]}]}
    assert fns["stats"]["params"] == [{"name": "a", "type": "int"}, {"name": "b", "type": "int"}]
    assert b.manifest["imports"] == {"math": ["sin"]}
    assert '(import "math" "sin"' in b.wat()
    kinds = {(e["type"], e["message"]) for e in b.manifest["exceptions"].values()}
    assert ("ZeroDivisionError", "float division by zero") in kinds
    assert all(int(k) >= 1 for k in b.manifest["exceptions"])


def test_exception_codes_are_distinct_per_location():
    def two(x, y):
        a = x / y
        b = y / x
        return a + b
    b = compile_module(trace(two, [ir.F64, ir.F64]))
    lines = sorted(e["line"] for e in b.manifest["exceptions"].values())
    assert lines == [two.__code__.co_firstlineno + 1, two.__code__.co_firstlineno + 2]


def test_recursion_and_multiple_exports_in_one_module():
    m = trace_many([(fib, [ir.I64]), (collatz, [ir.I64])])
    inst = Instance(compile_module(m))
    assert inst.call("fib", (25,)) == 75025
    assert inst.call("collatz", (27,)) == 111
    assert interpret(m, "fib", [10]) == [55]


def test_invalid_module_is_an_internal_error_with_binaryen_message():
    with bn.Module() as m:
        m.add_function("bad", [bn.i64], [bn.i32], [], m.local_get(0, bn.i64))
        with pytest.raises(bn.ValidationError, match="function body type must match"):
            m.validate()


def test_unknown_opt_level():
    with pytest.raises(ValueError, match="opt must be one of"):
        compile_module(trace(fma, [ir.F64] * 3), opt="O4")
