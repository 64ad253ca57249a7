"""Smoke test of benchmarks/mathf.py (the float32 library's accuracy and
speed benchmark, tests/mathlib): a tiny run over two functions writes the
table with every column, reports no problem, and the dispatch column says
which path NumPy float32 ufuncs take."""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import mathf  # noqa: E402


def test_mathf_tiny_run(tmp_path, capsys):
    out = tmp_path / "mathf.md"
    rc = mathf.main(["--points", "400", "--sizes", "64", "128", "--repeats", "1", "--source",
                     "100", "--functions", "exp", "acos", "--out", str(out)])
    assert rc == 0
    text = out.read_text()
    assert capsys.readouterr().out.strip() == text.strip()
    rows = {line.split(" | ")[0][2:]: line.split(" | ") for line in text.splitlines()
            if line.startswith("| exp ") or line.startswith("| acos ")}
    assert set(rows) == {"exp", "acos"}
    assert rows["exp"][-1] == "float32 |" and rows["acos"][-1] == "f64 then round |"
    for cells in rows.values():
        assert len(cells) == 8
        assert cells[2].split(" / ")[0] in ("0", "1")  # max ulp of the float32 library
        assert len(cells[6].split(" / ")) == 2  # a speed-up per size
