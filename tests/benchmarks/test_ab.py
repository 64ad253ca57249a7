"""benchmarks/ab.py end to end on the smallest kernel: a package built from
this tree (in memory and copying) and C -> wasm timed in one Node process;
the table names every variant and the ratios to C."""
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import ab  # noqa: E402
from benchmarks import engines as E  # noqa: E402


@pytest.mark.skipif(E.node_version() is None or E.find_clang() is None, reason="needs node and clang")
def test_ab_table(capsys):
    assert shutil.which("node")
    ab.main([f"this={REPO}", "--kernels", "fib,dot", "--quick", "--rounds", "2", "--sample", "0.002",
             "--copy", "this"])
    out = capsys.readouterr().out
    assert "| kernel | this | this (copying) | C | this / C | this (copying) / C |" in out
    assert "| fib(25) |" in out and "| dot n=1e5 |" in out
    assert "geomean / C: this " in out and "differs" not in out
