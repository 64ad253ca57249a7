"""run_passes verifies what it hands to the backend; with
PY2WASM_VERIFY_EACH_PASS (the test suite's setting) after every pass too, so
the broken pass is the one named in the failure."""
import pytest

import py2wasm.passes as passes
from py2wasm.frontend import trace
from py2wasm.ir import F64
from py2wasm.ir.verify import IRVerificationError


def f(x: float, y: float) -> float:
    return x * y + 1.0


def _breaks(module):
    """A pass that leaves a use of an undefined value: drops every block's
    first equation (its result is still used)."""
    for fn in module.functions.values():
        for b in fn.blocks:
            if b.eqns:
                del b.eqns[0]
                return module
    return module


def _pipeline(monkeypatch, broken_after):
    seen = []

    def spy(name, p):
        def run(m):
            seen.append(name)
            return p(m)
        return run
    pipe = []
    for name, p in passes.PIPELINE:
        pipe.append((name, spy(name, p)))
        if name == broken_after:
            pipe.append(("broken", spy("broken", _breaks)))
    monkeypatch.setattr(passes, "PIPELINE", tuple(pipe))
    return seen


@pytest.mark.parametrize("each", ["1", "0"])
def test_a_broken_pass_never_reaches_the_backend(monkeypatch, each):
    monkeypatch.setenv("PY2WASM_VERIFY_EACH_PASS", each)
    seen = _pipeline(monkeypatch, "inline")
    m = trace(f, [F64, F64])
    with pytest.raises(IRVerificationError):
        passes.run_passes(m)
    if each == "1":  # caught right after the broken pass: no later pass ran
        assert seen[-1] == "broken"
    else:  # caught once, at the end
        assert seen[-1] == "dce"


def test_correct_pipeline_verifies_clean(monkeypatch):
    monkeypatch.setenv("PY2WASM_VERIFY_EACH_PASS", "0")
    passes.run_passes(trace(f, [F64, F64]))
