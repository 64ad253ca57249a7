"""The long mode's batches (tests/fuzz/batch.py) give every program the
outcome of its standalone check: same statuses, on programs that pass,
programs the tracer refuses, and a program that fails."""
import ast

from tests.fuzz import oracle
from tests.fuzz.batch import STATS, check_batch
from tests.fuzz.program import Program
from tests.fuzz.runner import program_for


def _program(src, inputs):
    return Program(ast.parse(src), inputs, label="batchtest")


def test_batch_outcomes_equal_standalone():
    progs = [program_for(31, i, ("scalar", "array")[i % 2]) for i in range(10)]
    # refused by the tracer (a located CompileError): checked standalone
    progs.append(_program("def f(x):\n    return x.nosuchattr\n", [(1.0,)]))
    # a library function with a program of its own in the same module
    progs.append(_program("def f(x):\n    return math.sin(x) + math.exp(x)\n", [(0.5,), (-2.0,)]))
    targets = ("mvp", "simd")
    before = STATS["batched"]
    got = check_batch(progs, targets)
    assert STATS["batched"] > before  # the batch path ran, not only the fallback
    for p, res in zip(progs, got):
        for t in targets:
            want = oracle.check(p, t)
            assert res[t].status == want.status, (p.source(), t, res[t], want)
            assert res[t].detail == want.detail or want.status == "ok", (p.source(), t)
    assert got[-2]["mvp"].status == "refused"
    assert got[-1]["mvp"].status == "ok"


class _Wrong(Program):
    """A program whose reference disagrees with it: a "wrong answer" that
    the batch must hand to the standalone check (same outcome, same detail)."""

    def ref_source(self) -> str:
        return self.source().replace("return x * 2.0", "return x * 3.0")


def test_batch_failure_is_the_standalone_outcome():
    wrong = _Wrong(ast.parse("def f(x):\n    return x * 2.0\n"), [(1.5,)], label="batchwrong")
    progs = [program_for(32, 0, "scalar"), wrong, program_for(32, 1, "array")]
    before = STATS["standalone"]
    got = check_batch(progs, ("simd",))
    assert STATS["standalone"] >= before + 1
    want = oracle.check(wrong, "simd")
    assert want.status == "wrong answer"
    assert (got[1]["simd"].status, got[1]["simd"].detail) == (want.status, want.detail)
    assert got[0]["simd"].status in ("ok", "refused") and got[2]["simd"].status in ("ok", "refused")
