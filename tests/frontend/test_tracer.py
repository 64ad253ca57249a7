"""IR-level tests of the bytecode tracer (run under 3.11, 3.12 and 3.13)."""
import pytest

import samples
from py2wasm import ir
import py2wasm
from py2wasm.errors import CompileError
from py2wasm.frontend import param_types_from_annotations, trace, trace_many, types_of_values
from py2wasm.frontend import values as V
from py2wasm.ir import BOOL, F64, I64, NONE, TupleType


def prims(m, name):
    return [e.prim for b in m.functions[name].blocks for e in b.eqns]


def terms(m, name, kind):
    return [b.term for b in m.functions[name].blocks if isinstance(b.term, kind)]


def line_of(fn, text):
    import inspect
    lines, start = inspect.getsourcelines(fn)
    for i, l in enumerate(lines):
        if text in l:
            return start + i
    raise AssertionError(text)


def check_error(fn, code, text=None, types=None):
    with pytest.raises(CompileError) as ei:
        trace(fn, types)
    e = ei.value
    assert e.code == code, str(e)
    assert e.file.endswith("samples.py"), str(e)
    if text is not None:
        assert e.line == line_of(fn, text), str(e)
        assert text.strip() in e.source_line
    return e


def test_range_loop_is_one_header_not_unrolled():
    m = trace(samples.range_sum)
    ir.verify_module(m)
    assert prims(m, "range_sum").count("lt") == 1   # one loop test
    assert prims(m, "range_sum").count("add") == 2  # i += 1 and s += i
    assert m.functions["range_sum"].sig == ir.PySignature((("n", I64),), I64)


def test_known_if_takes_one_branch():
    m = trace(samples.known_if)  # print() in the untaken branch is never traced
    assert terms(m, "known_if", ir.CondBr) == []
    assert prims(m, "known_if").count("mul") == 1


def test_recursion_infers_result_and_calls():
    m = trace(samples.fib)
    ir.verify_module(m)
    assert prims(m, "fib").count("call") == 2
    assert m.functions["fib"].result_types == [I64]


def test_mutual_recursion():
    m = trace(samples.is_odd)
    ir.verify_module(m)
    assert set(m.functions) == {"is_odd", "is_even"}
    assert m.functions["is_odd"].sig.result == BOOL


def test_recursion_type_error():
    check_error(samples.tuple_rec, V.E_RECURSION_TYPE)


def test_unstable_return_type():
    e = check_error(samples.float_accumulator, V.E_UNSTABLE_TYPE, "return s")
    assert "0.0" in e.hint


def test_versions_capped_names_variable():
    e = check_error(samples.growing_tuple, V.E_UNSTABLE_TYPE)
    assert "x" in e.construct


@pytest.mark.parametrize("fn,code,text", [
    (samples.uses_print, V.E_FORBIDDEN, "    print(x)"),
    (samples.uses_list, V.E_UNSUPPORTED_VALUE, "return a"),
    (samples.bad_attribute, V.E_ATTRIBUTE, "math.nosuch"),
    (samples.stores_global, V.E_UNSUPPORTED_OPCODE, "SCALE = x"),
    (samples.gen, V.E_GENERATOR, "yield x"),
])
def test_located_errors(fn, code, text):
    check_error(fn, code, text)


def test_try_compiles():  # frontend/trycatch.py (refused until 2026-12-07)
    c = py2wasm.compile(samples.uses_try)
    assert [c(x) for x in (0.0, 2.0, -0.0)] == [samples.uses_try(x) for x in (0.0, 2.0, -0.0)]


def test_list_hint():
    # lists cross the signature (frontend/lists_abi.py); an iterator over one does not
    e = check_error(samples.uses_list, V.E_UNSUPPORTED_VALUE)
    assert "list(it)" in e.hint and "list" in e.construct


def test_short_circuit_and_or_joins():
    m = trace(samples.and_or)
    ir.verify_module(m)
    assert m.functions["and_or"].result_types == [F64]


def test_unbound_local_path_raises():
    m = trace(samples.unbound)
    raises = terms(m, "unbound", ir.Raise)
    assert [r.exc for r in raises] == ["UnboundLocalError"]


def test_annotation_coerces_result():
    m = trace(samples.to_float)
    assert "convert" in prims(m, "to_float")
    assert m.functions["to_float"].result_types == [F64]


def test_tuple_params_and_results():
    m = trace(samples.pairs)
    f = m.functions["pairs"]
    assert [p.type for p in f.params] == [I64, F64, F64, I64, BOOL]
    assert f.sig.result == TupleType((F64, TupleType((I64, BOOL))))


def test_keyword_and_default_args_share_one_specialization():
    m = trace(samples.calls_helper)
    ir.verify_module(m)
    assert set(m.functions) == {"calls_helper", "helper"}
    assert prims(m, "calls_helper").count("call") == 3


def test_symbolic_step_checked_at_run_time():
    m = trace(samples.rng)
    ir.verify_module(m)
    assert "raise_if" in prims(m, "rng")
    assert "select" in prims(m, "rng")  # direction picked by the step's sign


def test_known_zero_step_raises():
    m = trace(samples.zero_step)
    r = terms(m, "zero_step", ir.Raise)
    assert [(x.exc, x.msg) for x in r] == [("ValueError", "range() arg 3 must not be zero")]


def test_nested_loops_break_continue_else_return():
    m = trace(samples.loops)
    ir.verify_module(m)
    assert prims(m, "loops").count("truediv") == 1  # while body traced once


def test_tuple_iteration_is_unrolled():
    m = trace(samples.tuples_iter)
    ir.verify_module(m)
    assert terms(m, "tuples_iter", ir.CondBr) == []
    sig = m.functions["tuples_iter"].sig
    assert sig.result == TupleType((F64, I64, BOOL))


def test_swap_and_none_result():
    ir.verify_module(trace(samples.swap))
    m = trace(samples.no_return)
    assert m.functions["no_return"].sig.result == NONE
    assert m.functions["no_return"].result_types == []


def test_assert_and_raise():
    m = trace(samples.asserts)
    got = sorted((r.exc, r.msg) for r in terms(m, "asserts", ir.Raise))
    assert got == [("AssertionError", "x must be positive"), ("ValueError", "too big")]
    assert all(r.loc.file.endswith("samples.py") for r in terms(m, "asserts", ir.Raise))


def test_trace_many_and_explicit_types():
    m = trace_many([(samples.range_sum, None), (samples.to_float, [I64])])
    assert m.exports == ["range_sum", "to_float"]
    assert m.functions["to_float"].sig.result == F64


def test_signatures():
    assert param_types_from_annotations(samples.pairs, F64) == [
        TupleType((I64, F64)), TupleType((F64, TupleType((I64, BOOL))))]
    assert param_types_from_annotations(samples.and_or, I64) == [I64, I64]
    assert types_of_values([1, 2.0, True, (1, (2.0,))]) == [
        I64, F64, BOOL, TupleType((I64, TupleType((F64,))))]
    from py2wasm.ir.types import STR
    assert types_of_values(["x"]) == [STR]  # a str argument (frontend/strvalues.py)
    with pytest.raises(CompileError) as ei:
        types_of_values([b"x"])
    assert ei.value.code == V.E_UNSUPPORTED_VALUE

    def bad(x: list):
        return x
    with pytest.raises(CompileError) as ei:
        param_types_from_annotations(bad, F64)
    assert ei.value.code == V.E_SIGNATURE


def test_locations_on_equations():
    m = trace(samples.range_sum)
    locs = {e.loc.line for b in m.functions["range_sum"].blocks for e in b.eqns}
    assert line_of(samples.range_sum, "s += i") in locs


def test_unhandled_opcode_is_a_located_error():
    e = check_error(samples.defines_class, V.E_UNSUPPORTED_OPCODE, "class C:")
    assert "LOAD_BUILD_CLASS" in e.construct


def test_unsupported_call():
    check_error(samples.unsupported_call, V.E_UNSUPPORTED_CALL, "memoryview(")


def test_string_annotations():
    import samples_future
    assert param_types_from_annotations(samples_future.f, F64) == [
        I64, TupleType((I64, F64)), BOOL]
    m = trace(samples_future.f)
    assert m.functions["f"].sig.result == F64


def test_unsupported_python_version(monkeypatch):
    import sys
    from py2wasm.frontend import tracer
    monkeypatch.setattr(sys, "version_info", (3, 99, 0))
    with pytest.raises(CompileError) as ei:
        trace(samples.range_sum)
    assert ei.value.code == V.E_UNSUPPORTED_OPCODE


def test_unannotated_mutual_recursion_tries_candidates():
    m = trace(samples.even_u, [I64])
    ir.verify_module(m)
    assert m.functions["even_u"].sig.result == BOOL


def test_helper_returning_a_range():
    m = trace(samples.uses_down_range)
    ir.verify_module(m)
    assert m.functions["down_range"].result_types == [I64, I64, I64]


def test_namedtuple_global_attributes():
    m = trace(samples.apply_params)
    assert prims(m, "apply_params").count("mul") == 1


RANGE_SUM_IR = """\
def range_sum(a_n:i64) -> i64:    # (n: int) -> int
  ^0(a_n:i64):
    b:i64 = const 0                         # samples.py:11
    c:i64 = const 0
    br ^1(b, c, a_n)
  ^1(d_s:i64, e:i64, f:i64):
    g:bool = lt e f
    cond_br g, ^3(), ^2(d_s)
  ^3():
    h:i64 = const 1
    i:i64 = add e h
    j:i64 = add d_s e                       # samples.py:12
    br ^1(j, i, f)
  ^2(k_s:i64):
    return k_s
"""


def test_range_loop_ir_text_is_the_same_on_every_version():
    assert ir.format_module(trace(samples.range_sum)) == RANGE_SUM_IR


def test_layouts_that_never_settle_are_a_located_error(monkeypatch):
    """Tracing again while layouts grow is capped: an error at the function, never a hang."""
    import py2wasm.frontend as F
    orig = F._export

    def grows(mt, *a, **k):
        orig(mt, *a, **k)
        mt.layouts_grew = True
    monkeypatch.setattr(F, "_export", grows)

    def f(x: int) -> int:
        return x + 1
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(f)(1)
    assert e.value.code == "P2W011" and "did not settle" in str(e.value)
    assert e.value.line == f.__code__.co_firstlineno
