"""Fixtures for the npm package tests: packages built with the real CLI,
packed with `npm pack`, installed offline into a fresh Node project.

Place in the pipeline: tests of the last stage (`package`), end to end from
`py2wasm build` to Node, bundlers and Chromium. The JS tools come from js/
(npm ci by scripts/setup-js.sh); a missing tool fails the test, it never
skips it.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "js"
HERE = Path(__file__).resolve().parent
MULTI_NAME = "@py2wasm-test/multi-fns"
ARRAYS_NAME = "@py2wasm-test/arrays"


def require_file(path: Path, hint: str = "run scripts/setup.sh") -> Path:
    if not path.exists():
        pytest.fail(f"{path} is missing: {hint}")
    return path


def node() -> str:
    exe = shutil.which("node")
    if not exe:
        pytest.fail("node is not installed: the npm package tests need Node 20+")
    return exe


def npm() -> str:
    exe = shutil.which("npm")
    if not exe:
        pytest.fail("npm is not installed")
    return exe


def tool(rel: str) -> Path:
    """A JS dev tool installed in js/node_modules."""
    return require_file(JS / "node_modules" / rel)


def run(cmd, cwd=None, check=True, **kw) -> subprocess.CompletedProcess:
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=300, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def tsc(cwd, *args) -> subprocess.CompletedProcess:
    """TypeScript's checker in strict mode with Node's module resolution, no
    output files and plain messages (`file(line,col): error TSxxxx`); returns
    the process without raising, for the test to assert on."""
    return run([node(), tool("typescript/bin/tsc"), "--strict", "--module", "nodenext", "--noEmit",
                "--pretty", "false", *args], cwd=cwd, check=False)


def tsc_rejects_each_line(cwd, name: str, header: str, bad) -> None:
    """Write `header` then one line per (code, error) of `bad` to `name` in
    cwd; tsc must fail, reporting exactly that error on each bad line."""
    lines = header.count("\n")
    (Path(cwd) / name).write_text(header + "\n".join(code for code, _ in bad) + "\n")
    p = tsc(cwd, name)
    assert p.returncode != 0
    for i, (code, err) in enumerate(bad):
        at = f"{name}({lines + i + 1},"
        assert at in p.stdout and err in p.stdout.split(at)[1].split("\n")[0], \
            f"expected {err} for {code!r}:\n{p.stdout}"


def py2wasm_build(src: Path, out: Path, *extra: str) -> Path:
    run([sys.executable, "-m", "py2wasm.cli", "build", src, "-o", out, *extra], cwd=ROOT)
    return out


def load_python(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def packages(tmp_path_factory) -> dict[str, Path]:
    """The fma example, the multi-function module and the NumPy array
    module, built by the CLI with their .wasm files next to the JavaScript
    (`--no-inline-wasm`: the loading route of large modules, which fetches
    or reads the file; tests/toolchains covers the inlined default)."""
    d = tmp_path_factory.mktemp("dist")
    return {
        "fma": py2wasm_build(ROOT / "examples" / "fma.py", d / "fma", "--no-inline-wasm"),
        MULTI_NAME: py2wasm_build(HERE / "multi.py", d / "multi", "--name", MULTI_NAME, "--version", "1.2.3",
                                  "--no-inline-wasm"),
        ARRAYS_NAME: py2wasm_build(HERE / "arrays.py", d / "arrays", "--name", ARRAYS_NAME, "--no-inline-wasm"),
    }


@pytest.fixture(scope="session")
def tarballs(packages, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("tarballs")
    out = {}
    for name, pkg in packages.items():
        p = run([npm(), "pack", "--json", "--pack-destination", d, pkg])
        info = json.loads(p.stdout)[0]
        out[name] = d / info["filename"]
    return out


@pytest.fixture(scope="session")
def app(tarballs, tmp_path_factory) -> Path:
    """A fresh Node project with both tarballs installed, offline."""
    d = tmp_path_factory.mktemp("app")
    (d / "package.json").write_text(json.dumps({"name": "app", "private": True, "type": "module"}))
    run([npm(), "install", "--offline", "--no-audit", "--no-fund", *tarballs.values()], cwd=d)
    shutil.copy(HERE / "harness.mjs", d / "harness.mjs")
    return d
