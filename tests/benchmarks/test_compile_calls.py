"""Smoke test of benchmarks/compile_calls.py: every row compiles, its result
is checked against CPython's before timing, and the table has one row per
case with positive times."""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import compile_calls as CC  # noqa: E402


def test_compile_calls_runs_every_case():
    rows = CC.run(quick=True, batch=4, batches=2)
    assert [r[0] for r in rows] == [c[0] for c in CC.cases()]
    assert all(t > 0 for r in rows for t in r[1:])
    text = CC.table(rows)
    assert text.count("\n") == len(rows) + 2 and "compiled / CPython" in text
