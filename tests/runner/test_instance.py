"""The runner: argument checks and conversions, results back to Python
types, traps back to Python exceptions (type, CPython's message, a note
naming the source line), RecursionError, and an instance that stays usable."""
import math
import sys

import pytest

from py2wasm import ir
from py2wasm.backend import compile_module
from py2wasm.frontend import trace
from py2wasm.runner import Instance

I, F, B = ir.I64, ir.F64, ir.BOOL
T = ir.TupleType


def instance(fn, types):
    return Instance(compile_module(trace(fn, types), name=fn.__name__))


def mix(n, x, flag, pair):
    a, b = pair
    return (n + a, x * b), not flag, n


def nothing(x):
    y = x + 1.0  # noqa: F841
    return None


def div(a, b):
    return a // b


def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1


@pytest.fixture(scope="module")
def mixed():
    return instance(mix, [I, F, B, T((I, F))])


def test_nested_tuple_params_and_results(mixed):
    r = mixed.call("mix", (2, 1.5, True, (10, -2.0)))
    assert r == ((12, -3.0), False, 2)
    assert type(r[0][0]) is int and type(r[0][1]) is float and type(r[1]) is bool


def test_argument_conversions(mixed):
    # bool is an int, int and bool convert to float, like Python's own rules
    assert mixed.call("mix", (True, 2, False, (False, 3))) == ((1, 6.0), True, 1)
    r = mixed.call("mix", (-2**63, 0.5, True, (2**63 - 1, math.inf)))
    assert r == ((-1, math.inf), False, -2**63)
    r = mixed.call("mix", (0, -0.0, True, (0, 1.0)))
    assert math.copysign(1.0, r[0][1]) == -1.0


def test_int_out_of_range_is_overflow_error(mixed):
    for v in (2**63, -2**63 - 1, 10**30):
        with pytest.raises(OverflowError, match="does not fit in a 64-bit int"):
            mixed.call("mix", (v, 1.0, True, (1, 1.0)))
    with pytest.raises(OverflowError, match="does not fit in a 64-bit int"):
        mixed.call("mix", (1, 1.0, True, (2**64, 1.0)))


@pytest.mark.parametrize("args, msg", [
    (("1", 1.0, True, (1, 1.0)), "argument 'n' must be int, not str"),
    ((1.0, 1.0, True, (1, 1.0)), "argument 'n' must be int, not float"),
    ((1, "x", True, (1, 1.0)), "argument 'x' must be float, not str"),
    ((1, 1.0, 1, (1, 1.0)), "argument 'flag' must be bool, not int"),
    ((1, 1.0, True, [1, 1.0]), "argument 'pair' must be tuple\\[int, float\\], not list"),
    ((1, 1.0, True, (1, 1.0, 2)), "argument 'pair' must be tuple\\[int, float\\], not tuple"),
    ((1, 1.0, True, (1, None)), "argument 'pair\\[1\\]' must be float, not NoneType"),
])
def test_wrong_argument_types_are_type_errors(mixed, args, msg):
    with pytest.raises(TypeError, match=msg):
        mixed.call("mix", args)


def test_wrong_argument_count(mixed):
    with pytest.raises(TypeError, match=r"mix\(\) takes 4 positional arguments but 2 were given"):
        mixed.call("mix", (1, 2.0))


def test_unknown_function(mixed):
    with pytest.raises(KeyError, match="exports no function 'nope'"):
        mixed.call("nope", ())


def test_none_result():
    assert instance(nothing, [F]).call("nothing", (1.0,)) is None


def test_exception_type_message_note_and_reuse():
    inst = instance(div, [I, I])
    line = div.__code__.co_firstlineno + 1
    for _ in range(3):
        with pytest.raises(ZeroDivisionError) as info:
            inst.call("div", (1, 0))
        e = info.value
        assert e.args == ("integer division or modulo by zero",)
        assert e.__notes__ == [f"raised by py2wasm-compiled code at test_instance.py:{line}: "
                               "return a // b"]
        assert inst.call("div", (7, -2)) == -4  # usable again
    with pytest.raises(OverflowError, match="integer overflow"):
        inst.call("div", (-2**63, -1))
    assert inst._exc_global.value(inst.store) == 0
    assert inst.call("div", (-2**63, 1)) == -2**63


def test_deep_recursion_is_recursion_error_and_instance_survives():
    inst = instance(deep, [I])
    assert inst.call("deep", (500,)) == 500
    with pytest.raises(RecursionError, match="maximum recursion depth exceeded"):
        inst.call("deep", (10**7,))
    assert inst.call("deep", (100,)) == 100


def test_math_imports_are_cpythons():
    def f(x):
        return math.sin(x) + math.exp(x) * math.atan2(x, 2.0)
    inst = instance(f, [F])
    for x in (0.0, 0.5, -3.25, 100.0, 1e-8):
        assert inst.call("f", (x,)) == f(x)


def test_fast_path_result_is_exact_float():
    def f(x, y):
        return x / y
    inst = instance(f, [F, F])
    assert inst.call("f", (1.0, 3.0)) == 1.0 / 3.0
    assert math.isnan(inst.call("f", (math.nan, 1.0)))
    with pytest.raises(ZeroDivisionError, match="float division by zero"):
        inst.call("f", (1.0, -0.0))


def test_function_callable_is_the_fast_path(mixed):
    call = mixed.function("mix")
    assert call((1, 2.0, False, (3, 4.0))) == ((4, 8.0), True, 1)
