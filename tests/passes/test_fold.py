"""Constant folding: folds what is known, keeps what must raise at run time,
and never changes what a function computes (checked with the reference
interpreter on traced functions)."""
import math

import pytest

from py2wasm.frontend import trace
from py2wasm.ir import F64, I64, FunctionBuilder, Module, format_function, verify_module
from py2wasm.ir.interpret import interpret
from py2wasm.passes import dce, fold


def module_of(fb):
    fn = fb.finish()
    return Module({fn.name: fn})


def prims(m, name="f"):
    return [e.prim for b in m.functions[name].blocks for e in b.eqns]


def test_arithmetic_on_constants_folds_to_one_const():
    fb = FunctionBuilder("f", [I64], [I64])
    (x,) = fb.params
    k = fb.emit("mul", [fb.const(6), fb.const(7)])
    fb.ret([fb.emit("add", [x, fb.emit("floordiv", [k, fb.const(-4)])])])
    m = dce(fold(module_of(fb)))
    verify_module(m)
    assert prims(m) == ["const", "add"]
    assert interpret(m, "f", [1]) == [1 + 42 // -4]


def test_an_operation_that_raises_is_kept_for_run_time():
    fb = FunctionBuilder("f", [I64], [I64])
    (x,) = fb.params
    fb.ret([fb.emit("add", [x, fb.emit("floordiv", [fb.const(1), fb.const(0)])])])
    m = dce(fold(module_of(fb)))
    assert "floordiv" in prims(m)
    with pytest.raises(ZeroDivisionError):
        interpret(m, "f", [1])


def test_overflow_is_not_folded_away():
    fb = FunctionBuilder("f", [I64], [I64])
    fb.ret([fb.emit("add", [fb.const(2**63 - 1), fb.const(1)])])
    m = dce(fold(module_of(fb)))
    with pytest.raises(OverflowError):
        interpret(m, "f", [0])


def test_known_condition_becomes_a_branch_and_dead_block_goes():
    fb = FunctionBuilder("f", [F64], [F64])
    (x,) = fb.params
    yes, no = fb.new_block(), fb.new_block()
    fb.cond_br(fb.emit("lt", [fb.const(1.0), fb.const(2.0)]), yes, no)
    fb.set_block(yes)
    fb.ret([x])
    fb.set_block(no)
    fb.raise_("ValueError", "never")
    m = fold(module_of(fb))
    verify_module(m)
    assert len(m.functions["f"].blocks) == 2
    assert "raise" not in format_function(m.functions["f"]).lower()


def test_false_raise_if_disappears_true_one_stays():
    fb = FunctionBuilder("f", [F64], [F64])
    (x,) = fb.params
    fb.raise_if(fb.emit("isnan", [fb.const(1.0)]), "ValueError", "no")
    fb.raise_if(fb.emit("isnan", [fb.const(math.nan)]), "ValueError", "yes")
    fb.ret([x])
    m = dce(fold(module_of(fb)))
    assert prims(m).count("raise_if") == 1
    with pytest.raises(ValueError, match="yes"):
        interpret(m, "f", [1.0])


def test_negative_zero_and_nan_constants_keep_their_bits():
    fb = FunctionBuilder("f", [F64], [F64, F64])
    (x,) = fb.params
    nz = fb.emit("neg", [fb.const(0.0)])
    nan = fb.emit("sub", [fb.const(math.inf), fb.const(math.inf)])
    fb.ret([fb.emit("copysign", [x, nz]), nan])
    m = dce(fold(module_of(fb)))
    r = interpret(m, "f", [3.0])
    assert r[0] == -3.0 and math.isnan(r[1])


def loops(n: int, x: float) -> float:
    k = 3
    s = 0.0
    for i in range(n):
        if k * 2 > 5:
            s += x * i - k
        else:
            s -= 1.0
    return s + (1 << k) // 3


def branches(a: int, b: int) -> int:
    c = 10
    if c > 3:
        a = a + c * c
    return a % b if b else -a


@pytest.mark.parametrize("fn,argsets", [
    (loops, [(0, 1.5), (5, -2.25), (17, 0.1)]),
    (branches, [(1, 3), (-7, 0), (2**40, -9)]),
])
def test_folding_traced_functions_changes_nothing_observable(fn, argsets):
    before = trace(fn)
    after = dce(fold(trace(fn)))
    verify_module(after)
    for args in argsets:
        assert interpret(after, fn.__name__, list(args)) == interpret(before, fn.__name__, list(args))


def test_fold_function_counts_each_change():
    from py2wasm.passes.fold import fold_function
    fb = FunctionBuilder("f", [I64], [I64])
    (x,) = fb.params
    k = fb.emit("add", [fb.const(1), fb.const(2)])          # 1 fold
    fb.raise_if(fb.emit("lt", [k, fb.const(0)]), "ValueError", "no")  # 1 fold + 1 dropped
    fb.ret([fb.emit("add", [x, k])])
    fn = fb.finish()
    assert fold_function(fn) == 3
    assert fold_function(fn) == 0
