"""The shrinker keeps a failure's identity: a smaller program is accepted
only if it fails the same way (status, exception types and messages on both
sides, what differed), so a reduction never drifts to another failure."""
import ast

import numpy as np

from tests.fuzz import oracle, shrink
from tests.fuzz.program import Program, T


def test_signature_tells_messages_apart_but_not_numbers():
    a = oracle.Outcome("wrong exception", exc_type="-", ref_type="TypeError",
                       ref_msg="float() argument must be a string or a real number, not 'complex'")
    b = oracle.Outcome("wrong exception", exc_type="-", ref_type="TypeError",
                       ref_msg="unsupported operand type(s) for +: 'int' and 'str'")
    assert a.signature() != b.signature()
    c = oracle.Outcome("wrong exception", exc_type="IndexError", ref_type="IndexError",
                       exc_msg="index 7 is out of bounds for axis 0 with size 3",
                       ref_msg="index 5 is out of bounds for axis 0 with size 3")
    d = oracle.Outcome("wrong exception", exc_type="IndexError", ref_type="IndexError",
                       exc_msg="index 2 is out of bounds for axis 0 with size 1",
                       ref_msg="index -1 is out of bounds for axis 0 with size 1")
    assert c.signature() == d.signature()
    r = oracle.Outcome("wrong answer", where="result")
    g = oracle.Outcome("wrong answer", where="argument 0")
    assert r.signature() != g.signature()


def _program(src):
    mod = ast.parse(src)
    for node in ast.walk(mod):
        if isinstance(node, ast.Constant) and type(node.value) is int:
            T(node, "int")
    return Program(mod, [(np.zeros(3), 1)], "array", label="shrinktest")


def test_shrink_keeps_the_failing_exception(monkeypatch):
    # a fake oracle: the program "fails" whenever the reference raises; the
    # first statement raises a TypeError, the second (reached once the first
    # is deleted) another TypeError: deleting the first is not the same failure
    def fake_check(p, target, inputs=None):
        fn = p.load(True, dict(oracle.REF_NS))
        ref = oracle.run_reference(fn, p.inputs[0])
        if ref[0] != "raise":
            return oracle.Outcome("ok")
        e = ref[1]
        return oracle.Outcome("wrong exception", exc_type="-", ref_type=type(e).__name__,
                              ref_msg=str(e), index=0)
    monkeypatch.setattr(oracle, "check", fake_check)
    p = _program("def f(a, k):\n    x = len(k + 1)\n    y = k + None\n    return a\n")
    out = fake_check(p, "mvp")
    assert out.ref_type == "TypeError" and "len()" in out.ref_msg
    small = shrink.shrink(p, "mvp", out, budget_s=30)
    again = fake_check(small, "mvp")
    assert again.signature() == out.signature()
    assert "len(" in small.source()
