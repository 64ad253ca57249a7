"""tests/fuzz/program._mark_dropped_constants: a constant expression
CPython's compiler folds and then drops (a true `and` operand, a false `or`
operand, a constant test, any constant met through `not`/`and`/`or` in a
branch's test, which compiles to jumps) carries no int64 model in the reference, since
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
    # a branch's test is jumps: `not`, `and`, `or` there leave no constant loaded
    # (run H, seed 570000 #7366: `if not (8862187791967666127 ** 2 or 5):`)
    ("def f(x):\n    if not (100 << 100 or 5):\n        pass\n    return x\n", False),
    ("def f(x):\n    if x and (100 << 100 or x):\n        return 0\n    return x\n", False),
    ("def f(x):\n    while not (100 << 100) and x:\n        x -= 1\n    return x\n", False),
    ("def f(x):\n    assert x or 100 << 100\n    return x\n", False),
    ("def f(x):\n    return 1 if not (x and 100 << 100) else 2\n", False),
    ("def f(x):\n    if (100 << 100) + x:\n        return 0\n    return x\n", True),
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
