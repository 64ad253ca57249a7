"""Smoke test of benchmarks/simd.py: every kernel compiled for mvp, simd and
relaxed-simd + fastmath, each result checked (the simd build bit-identical to
the scalar one), the SIMD builds really vectorized, the table written."""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import simd as B  # noqa: E402


def test_quick_run_checks_and_tabulates(tmp_path):
    rows = B.run(quick=True, log=lambda *a: None)
    assert len(rows) == len(B.KERNELS)
    for r in rows:
        assert all(r["checks"].values()), (r["label"], r["checks"])
        assert r["features"]["mvp"] == []
        assert "simd128" in r["features"]["relaxed+fastmath"], r["label"]
        if not r["label"].startswith("dot"):  # np.dot keeps its order without fastmath
            assert "simd128" in r["features"]["simd"], r["label"]
    text = B.table(rows)
    assert text.count("\n") == len(rows) + 1 and "WRONG" not in text
    out = tmp_path / "simd.md"
    assert B.main(["--quick", "--out", str(out)]) == 0
    assert "| a*b+c float64 |" in out.read_text()
