"""The oracle's model of `float ** float` with a negative base and a
fractional exponent: py2wasm raises the documented ValueError at run time,
but on two constant expressions CPython's compiler folds the `**` itself
(a complex constant in the bytecode, which the tracer sees), so the
reference evaluates those with CPython (program._constant,
reference._ipow_const). Found by the long run of 2026-12-06 (third
session: seed 14000 index 463, seed 15000 index 162, every target)."""
import ast

from tests.fuzz import oracle
from tests.fuzz.program import Program


def _program(src, args):
    mod = ast.parse(src)
    for node in ast.walk(mod):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            node._refcall = "_ipow"  # as gen_scalar marks it
    return Program(mod, [args], label="powmodel")


def _ok_everywhere(p):
    for t in oracle.TARGETS:
        out = oracle.check(p, t)
        assert out.status == "ok", (t, out)


def test_constant_operands_are_folded_by_cpython():
    p = _program("def f(p0, p1):\n    return (p1, (-0.5) ** 3 ** (-1.0))\n", (0.0, 1))
    assert "_ipow_const(-0.5, _ipow_const(3, -1.0))" in p.ref_source()
    _ok_everywhere(p)


def test_a_variable_holding_a_constant_is_not_folded():
    p = _program("def f(p0, p1):\n    x = -0.5\n    return (p1, x ** 3.5)\n", (0.0, 1))
    assert "_ipow(x, 3.5)" in p.ref_source()
    _ok_everywhere(p)  # the documented ValueError on both sides


def test_run_time_operands_raise_the_documented_value_error():
    _ok_everywhere(_program("def f(p0, p1):\n    return (p1, p0 ** 3.5)\n", (-0.5, 1)))
