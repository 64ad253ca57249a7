"""The quick fuzz budget run by the test suite: fixed seeds, scalar, array
and ordinary-Python (py) programs, every target (mvp, simd, relaxed-simd), compared with
CPython/NumPy. A failure prints each program shrunk to a ready-to-paste
reproduction. The long mode is `python -m tests.fuzz` (docs/fuzzing.md)."""
import pytest

from tests.fuzz.runner import QUICK_EXCLUDE, run

# (kind, seed, count): about two minutes on one core
BUDGET = [("scalar", 1, 120), ("scalar", 2, 80), ("array", 1, 60), ("array", 2, 60),
          ("py", 600, 40)]  # py: lists, dicts, sets, strs, records, generators


@pytest.mark.parametrize("kind,seed,count", BUDGET)
def test_quick_fuzz(kind, seed, count):
    s = run(count=count, seed=seed, kinds=(kind,), exclude=QUICK_EXCLUDE, max_shrinks=3)
    report = "\n".join(f"--- {f.outcome.status} [{kind} seed={f.seed} index={f.index} "
                       f"target={f.target}]: {f.outcome.detail}\n{f.snippet}" for f in s.failures)
    assert s.bad() == 0, f"{s.line()}\n{report}"
    # refusals are documented CompileErrors; the generators stay inside the
    # subset, so they must stay rare: at most 5% of the programs, or 5
    # programs for a budget item below 100 (the long runs measure the rate: 2.2% in
    # run H, 3.3% in run J, docs/fuzzing.md; at ~3%, 60 programs reach 4 or 5
    # refusals by chance in about one seed of ten, as array seed 2 did when
    # the twelfth session's generators changed its programs: 5 of 60, each a
    # documented refusal, a result whose type differs between paths, P2W004,
    # and the like)
    refused = sum(c["refused"] for c in s.counts.values())
    allowed = max(0.05 * count, 5) * len(s.counts)
    assert refused <= allowed, f"{s.line()}\n{dict(s.refusals)}"
