"""`raise_if` with one operand, and its two-operand form (raise when both
hold; passes/ifconvert.py makes it, the backend tests the second operand
only when the first holds): the typing rule and the reference interpreter."""
import pytest

from py2wasm.ir import BOOL, I64, FunctionBuilder, Module, verify_module
from py2wasm.ir.interpret import interpret
from py2wasm.ir.primitives import type_of


def two_operand_module():
    fb = FunctionBuilder("f", [I64, I64], [I64], param_hints=["a", "b"])
    a, b = fb.params
    zero = fb.const(0)
    fb.emit_multi("raise_if", [fb.emit("gt", [a, zero]), fb.emit("gt", [b, zero])],
                  {"exc": "OverflowError", "msg": "both"})
    fb.ret([a])
    m = Module()
    m.add(fb.finish())
    verify_module(m)
    return m


@pytest.mark.parametrize("a,b", [(1, 1), (1, 0), (0, 1), (0, 0), (5, -5), (-5, 5)])
def test_two_operands_raise_only_when_both_hold(a, b):
    m = two_operand_module()
    if a > 0 and b > 0:
        with pytest.raises(OverflowError, match="both"):
            interpret(m, "f", [a, b])
    else:
        assert interpret(m, "f", [a, b]) == [a]


def test_operand_count_and_types():
    params = {"exc": "OverflowError", "msg": "m"}
    assert type_of("raise_if", [BOOL], params) == []
    assert type_of("raise_if", [BOOL, BOOL], params) == []
    for bad in ([BOOL, BOOL, BOOL], [I64], [BOOL, I64], []):
        with pytest.raises(TypeError):
            type_of("raise_if", bad, params)
