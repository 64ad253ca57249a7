"""`py2wasm build` with its two builds (simd, relaxed-simd), `--no-simd` and
`--fastmath`; the --target option of `wat` and `run`; errors in either build
write nothing.

Place in the pipeline: tests of the command line (py2wasm/cli.py) over the
package stage. The two-build packages themselves are tested in
tests/package/test_builds.py.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime
from click.testing import CliRunner

import py2wasm.api
from py2wasm import cli as cli_module
from py2wasm.errors import CompileError
from py2wasm.package.entries import ENTRY_FILES

ROOT = Path(__file__).resolve().parents[2]
FMA = ROOT / "examples" / "fma.py"
AXPY = '''import numpy as np
import numpy.typing as npt


def axpy(a: float, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """a * x + y, elementwise."""
    return a * x + y
'''


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "py2wasm.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def no_simd_engine() -> wasmtime.Engine:
    cfg = wasmtime.Config()
    cfg.wasm_relaxed_simd = False  # before SIMD: the other order panics
    cfg.wasm_simd = False
    return wasmtime.Engine(cfg)


@pytest.fixture
def recorded(monkeypatch):
    """build_module's target/fastmath arguments, per call, in-process."""
    calls = []
    real = py2wasm.api.build_module

    def spy(module, **kw):
        calls.append((kw.get("target"), kw.get("fastmath")))
        return real(module, **kw)

    monkeypatch.setattr(py2wasm.api, "build_module", spy)
    return calls


def invoke(*args):
    return CliRunner().invoke(cli_module.main, [str(a) for a in args], catch_exceptions=False)


def test_build_compiles_both_targets_and_ships_one_file_when_nothing_uses_simd(tmp_path, recorded):
    r = invoke("build", FMA, "-o", tmp_path / "fma", "--no-inline-wasm")
    assert r.exit_code == 0, r.output
    assert recorded == [("simd", False), ("relaxed-simd", False)]
    assert sorted(p.name for p in (tmp_path / "fma").iterdir()) == sorted([
        ".py2wasm-manifest.json", "README.md", "fma.wasm", "fma.wasm.d.ts", "fma.wasm.d.cts", *ENTRY_FILES,
        "package.json"])
    assert "fma.wasm 67 bytes (mvp)" in r.output
    js = (tmp_path / "fma" / "core.js").read_text()
    assert "WebAssembly.validate" not in js and '$b="mvp"' in js
    wasmtime.Module(no_simd_engine(), (tmp_path / "fma" / "fma.wasm").read_bytes())


def test_fastmath_reaches_both_builds_and_no_simd_builds_only_mvp(tmp_path, recorded):
    r = invoke("build", FMA, "-o", tmp_path / "a", "--fastmath")
    assert r.exit_code == 0, r.output
    assert recorded == [("simd", True), ("relaxed-simd", True)]
    recorded.clear()
    r = invoke("build", FMA, "-o", tmp_path / "b", "--no-simd", "--fastmath")
    assert r.exit_code == 0, r.output
    assert recorded == [("mvp", True)]


def test_no_simd_package_has_no_simd_instructions(tmp_path):
    src = tmp_path / "axpy.py"
    src.write_text(AXPY)
    out = tmp_path / "axpy"
    r = cli("build", src, "-o", out, "--no-simd", "--no-inline-wasm")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.glob("*.wasm")) == ["axpy.wasm"]
    wasm = (out / "axpy.wasm").read_bytes()
    wasmtime.Module(no_simd_engine(), wasm)  # an engine without SIMD accepts it
    assert json.loads((out / "package.json").read_text())["files"] == [*ENTRY_FILES, "axpy.wasm", "axpy.wasm.d.ts",
                                                                        "axpy.wasm.d.cts"]
    assert '"mvp"' in (out / "index.d.ts").read_text()
    wat = cli("wat", src, "--target", "mvp")
    assert wat.returncode == 0, wat.stderr
    assert "v128" not in wat.stdout and "f64x2" not in wat.stdout
    # Without --no-simd the same kernel is vectorized: an engine without SIMD refuses it.
    r = cli("build", src, "-o", tmp_path / "default", "--no-inline-wasm")
    assert r.returncode == 0, r.stderr
    assert "axpy.wasm" in r.stdout and "(simd)" in r.stdout
    with pytest.raises(wasmtime.WasmtimeError):
        wasmtime.Module(no_simd_engine(), (tmp_path / "default" / "axpy.wasm").read_bytes())
    assert "f64x2" in cli("wat", src).stdout


def test_fastmath_array_kernel_ships_a_relaxed_build(tmp_path):
    """a * x + y under --fastmath contracts to relaxed_madd in the relaxed
    build: the package ships it beside the SIMD128 baseline. Without
    --fastmath the relaxed build equals the baseline and is not shipped."""
    src = tmp_path / "axpy.py"
    src.write_text(AXPY)
    r = cli("build", src, "-o", tmp_path / "fast", "--fastmath", "--no-inline-wasm")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "fast").glob("*.wasm")) == ["axpy.relaxed.wasm", "axpy.wasm"]
    assert "axpy.relaxed.wasm" in r.stdout and "(relaxed-simd)" in r.stdout
    wat = cli("wat", src, "--target", "relaxed-simd", "--fastmath")
    assert "relaxed_fma" in wat.stdout or "relaxed_madd" in wat.stdout
    r = cli("build", src, "-o", tmp_path / "exact", "--no-inline-wasm")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "exact").glob("*.wasm")) == ["axpy.wasm"]


def test_an_error_in_the_second_build_writes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "fma"
    assert invoke("build", FMA, "-o", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = py2wasm.api.build_module

    def failing(module, **kw):
        if kw.get("target") == "relaxed-simd":
            raise CompileError("a construct only the relaxed build refuses", file="fma.py", line=2,
                               hint="(injected by the test)", code="P2W001")
        return real(module, **kw)

    monkeypatch.setattr(py2wasm.api, "build_module", failing)
    r = CliRunner().invoke(cli_module.main, ["build", str(FMA), "-o", str(out), "--version", "9.9.9"])
    assert r.exit_code == 1
    assert r.output.startswith("fma.py:2: error[P2W001]: a construct only the relaxed build refuses")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_compile_error_leaves_an_earlier_two_file_package_untouched(tmp_path):
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "pkg.wasm").write_bytes(b"\0asm earlier")
    (out / "pkg.relaxed.wasm").write_bytes(b"\0asm earlier relaxed")
    src = tmp_path / "pkg.py"
    src.write_text("def f(x):\n    return open(x)\n")
    r = cli("build", src, "-o", out, "--force")  # not ours, but we may overwrite: still nothing before a success
    assert r.returncode == 1 and r.stdout == "" and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"{src}:2")
    assert sorted(p.name for p in out.iterdir()) == ["pkg.relaxed.wasm", "pkg.wasm"]
    assert (out / "pkg.relaxed.wasm").read_bytes() == b"\0asm earlier relaxed"


def test_help_texts_say_what_the_flags_do():
    r = cli("build", "--help")
    text = " ".join(r.stdout.split())
    assert "--no-simd Build only for WebAssembly without SIMD (the mvp target)" in text
    assert "relaxed-SIMD build" in text and "loads the best one" in text
    assert "--fastmath Allow reassociating float reductions and contracting x * y + z" in text
    assert "--target [mvp|simd|relaxed-simd]" in " ".join(cli("wat", "--help").stdout.split())


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
def test_run_and_wat_take_a_target(target):
    r = cli("run", FMA, "fma", "--target", target, "--", "3", "-1", "2")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "-1"
    w = cli("wat", FMA, "--target", target)
    assert w.returncode == 0 and '(export "fma"' in w.stdout


def test_bad_target_is_one_clear_error():
    r = cli("wat", FMA, "--target", "sse4")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "'sse4' is not one of 'mvp', 'simd', 'relaxed-simd'" in r.stderr
