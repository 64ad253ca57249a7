"""The py2wasm command line on the seed's fma example and on bad input."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FMA = ROOT / "examples" / "fma.py"


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "py2wasm.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_ir_prints_typed_ir_with_float_defaults():
    r = cli("ir", FMA)
    assert r.returncode == 0, r.stderr
    assert "def fma(" in r.stdout
    assert "(x: float, y: float, z: float) -> float" in r.stdout
    assert "mul" in r.stdout and "add" in r.stdout


def test_wat_prints_optimized_module_exporting_fma():
    r = cli("wat", FMA)
    assert r.returncode == 0, r.stderr
    assert "(module" in r.stdout
    assert '(export "fma"' in r.stdout
    assert "f64.mul" in r.stdout


def test_run_specializes_on_argument_types():
    r = cli("run", FMA, "fma", "--", "3", "-1", "2")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "-1"
    r = cli("run", FMA, "fma", "--", "1.5", "2", "0.25")
    assert r.stdout.strip() == "3.25"


def test_run_reports_python_exception(tmp_path):
    src = tmp_path / "div.py"
    src.write_text("def div(a, b):\n    return a / b\n")
    r = cli("run", src, "div", "1.0", "0.0")
    assert r.returncode == 1
    assert r.stderr.startswith("ZeroDivisionError: float division by zero")
    assert "div.py:2" in r.stderr


def test_build_writes_package(tmp_path):
    out = tmp_path / "pkg"
    r = cli("build", FMA, "-o", out)
    assert r.returncode == 0, r.stderr
    assert (out / "package.json").is_file()
    assert json.loads((out / "package.json").read_text())["name"] == "fma"
    assert (out / "index.js").is_file() and (out / "index.cjs").is_file() and (out / ".py2wasm-manifest.json").is_file()
    assert "$b64(" in (out / "core.js").read_text()  # small: the wasm is inlined
    assert not any(p.suffix == ".wasm" for p in out.iterdir())


def test_compile_error_is_one_message_exit_1_and_leaves_output_untouched(tmp_path):
    src = tmp_path / "bad.py"
    src.write_text("def f(x):\n    y = x + 1\n    return open(y)\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("earlier output")
    r = cli("build", src, "-o", out, "--force")  # past the foreign-file check: the compile error decides
    assert r.returncode == 1
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith(f"{src}:3")
    assert "hint:" in r.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert (out / "keep.txt").read_text() == "earlier output"


@pytest.mark.parametrize("args, needle", [
    (["ir", "no_such_file.py"], "no such file"),
    (["run", FMA, "nope"], "no function named 'nope'"),
])
def test_bad_invocations_fail_cleanly(args, needle):
    r = cli(*args)
    assert r.returncode == 1
    assert needle in r.stderr
    assert "Traceback" not in r.stderr


def test_import_error_in_user_file_is_located(tmp_path):
    src = tmp_path / "boom.py"
    src.write_text("import math\nX = 1 / 0\ndef f(x):\n    return x\n")
    r = cli("ir", src)
    assert r.returncode == 1
    assert f"{src}:2" in r.stderr
    assert "ZeroDivisionError" in r.stderr
