"""The page bundle committed in py2wasm/playground/static/ (so pip users need
no Node) is exactly what playground/build.mjs builds from playground/src."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from playground_helpers import ROOT


def test_committed_bundle_is_up_to_date(tmp_path):
    if shutil.which("node") is None or not (ROOT / "playground/node_modules/esbuild").is_dir():
        pytest.fail("node and playground/node_modules are needed: run scripts/setup-playground.sh")
    r = subprocess.run(["node", str(ROOT / "playground/build.mjs"), str(tmp_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    static = ROOT / "py2wasm/playground/static"
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(p.name for p in static.iterdir())
    stale = [n for n in built if (tmp_path / n).read_bytes() != (static / n).read_bytes()]
    assert stale == [], f"stale bundle files {stale}: run `node playground/build.mjs` and commit"
