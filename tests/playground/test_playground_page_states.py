"""The playground page's states in headless chromium (issue 17;
playground/e2e/page_states.mjs): an edited example keeps its JS twin, preset
inputs and canvas while the signature matches and says why they went away
when it changes; the menu marks the edit; the code survives a reload; Revert
restores the example; a restarted server (new token) and a stopped one are
told apart; a page opened as a file says how to open it."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from playground_helpers import ROOT, start_server, stop_server
from test_playground_browser import ARTIFACTS, CHROMIUM, ok, require_tools

SCRIPT = ROOT / "playground" / "e2e" / "page_states.mjs"


def file_copy(folder):
    """The page laid out as `--export` writes it (index.html beside static/),
    to be opened as a file."""
    static = ROOT / "py2wasm" / "playground" / "static"
    shutil.copytree(static, folder / "static")
    shutil.copyfile(static / "index.html", folder / "index.html")
    return folder / "index.html"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    require_tools()
    srv = start_server(tmp_path_factory.mktemp("page-states"))
    try:
        cfg = {"url": srv.url, "pid": srv.proc.pid, "python": sys.executable, "cwd": str(ROOT),
               "port": srv.port, "artifacts": str(ARTIFACTS), "chromium": CHROMIUM,
               "fileUrl": file_copy(tmp_path_factory.mktemp("as-file")).as_uri()}
        r = subprocess.run(["node", str(SCRIPT), json.dumps(cfg)], capture_output=True, text=True,
                           timeout=240, cwd=SCRIPT.parent)
        assert r.returncode == 0, f"page_states.mjs failed:\n{r.stderr[-4000:]}"
        return json.loads(r.stdout)
    finally:
        stop_server(srv)  # already stopped by the script: harmless
        subprocess.run(["pkill", "-f", f"playground --port {srv.port}"], check=False)


def test_edited_example_keeps_twin_inputs_and_canvas(report):
    s = ok(report, "edited-example-keeps-extras")
    assert s["menu"] == "Mandelbrot (edited)" or s["menu"].endswith("(edited)")
    assert s["revertShown"]
    assert s["compile"]["error"] is None and s["compile"]["canvasShown"]
    assert s["compile"]["inputs"] != ["0.0", "0.0", "0"]  # the example's preset inputs
    assert "plain JS" in s["run"]["timing"]  # the twin still runs


def test_changed_signature_drops_extras_and_says_why(report):
    c = ok(report, "changed-signature-drops-extras")["compile"]
    assert c["error"] is None
    assert "no longer apply" in c["status"] and "mandelbrot" in c["status"]
    assert "signature changed" in c["status"]
    assert not c["canvasShown"]


def test_reload_restores_the_edited_code(report):
    s = ok(report, "reload-restores-code")
    assert s["same"] and s["menu"].endswith("(edited)")
    assert "restored" in s["status"]


def test_revert_restores_the_example(report):
    s = ok(report, "revert")
    assert s["pristine"] and not s["menu"].endswith("(edited)")
    assert s["compile"]["canvasShown"]
    assert s["afterReload"] == s["menu"]  # the same example, its own code (no draft)


def test_restarted_server_is_named(report):
    s = ok(report, "server-restarted")
    assert s["newUrl"]
    err = s["compile"]["error"]
    assert err.startswith("Server restarted") and "new secret token" in err
    assert "kept in this browser" in err


def test_stopped_server_is_named(report):
    s = ok(report, "server-stopped")
    err = s["compile"]["error"]
    assert err.startswith("Server not running") and "py2wasm playground" in err
    assert s["kept"], s["text"]


def test_file_url_explains_itself(report):
    s = ok(report, "opened-as-file")
    assert "opened as a file" in s["status"] and "py2wasm playground" in s["status"]


def test_no_page_errors(report):
    # the stopped server's failed fetch is expected in the console; nothing may throw
    assert report["pageErrors"] == []
