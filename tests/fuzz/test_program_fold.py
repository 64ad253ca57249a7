"""tests/fuzz/program._mark_dropped_constants: a constant expression
CPython's compiler folds and then drops (a true `and` operand, a false `or`
operand, a constant test) carries no int64 model in the reference, since
py2wasm never sees it; one that stays loaded keeps it (py2wasm checks the
folded constant: folded_constants.folded_overflows, the selected item of a
constant tuple subscripted by a constant included)."""
import ast

import py2wasm
import pytest

from tests.fuzz.program import Program


def _program(src: str) -> Program:
    mod = ast.parse(src)
    for n in ast.walk(mod):
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.LShift):
            n._refcall = "_lshift"
    return Program(module=mod, inputs=[(1,)], label="fold")


@pytest.mark.parametrize("src,modelled", [
    ("def f(x):\n    return 2 << 62 and x\n", False),
    ("def f(x):\n    return x if 2 << 62 else 0\n", False),
    ("def f(x):\n    if 2 << 62:\n        return x\n    return 0\n", False),
    ("def f(x):\n    return (2 << 62) or x\n", True),
    ("def f(x):\n    return x and 2 << 62\n", True),
    ("def f(x):\n    return (2 << 62) + x\n", True),
    # a constant tuple subscripted by a constant: CPython folds both
    ("def f(x):\n    return ((10, 256 << 64)[0], x)\n", False),
    ("def f(x):\n    return (10, 256 << 64)[x]\n", True),
    ("def f(x):\n    return ((10, 256 << 64)[-1], x)\n", True),
    ("def f(x):\n    return (10, 2 << 62)[-1] * 1.5 + x\n", True),
    # `not` of a folded int folds to a bool constant: still checked (seed 520000 #2518)
    ("def f(x):\n    v = not 100 << 100\n    return x\n", True),
])
def test_dropped_constants(src, modelled):
    p = _program(src)
    assert ("_lshift" in p.ref_source()) is modelled
    try:
        py2wasm.compile(p.load(reference=False))(1)
        raised = False
    except OverflowError:
        raised = True
    assert raised is modelled  # py2wasm raises exactly where the model does
