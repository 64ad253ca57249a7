"""The installed packages in headless Chromium (Debian's, driven by
playwright-core): a page served over localhost imports them by name through
an import map with no bundler, once with the correct `application/wasm`
MIME type (instantiateStreaming) and once from a server sending the wrong
one (the fallback); and an esbuild browser bundle with the .wasm files
copied beside it. Outcomes are checked against CPython.

Place in the pipeline: tests of the last stage (`package`). Chromium is
installed by scripts/setup-js.sh; if it is missing this test fails.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from .cases import all_cases, calls_json, check_results
from .conftest import ARRAYS_NAME, HERE, JS, MULTI_NAME, node, require_file, run, tool

CHROMIUM = Path("/usr/bin/chromium")

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>py2wasm package test</title><link rel="icon" href="data:,">
<script>
  // Count instantiateStreaming calls (a classic script runs before modules).
  window.__streaming = 0;
  const s = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (...a) => (window.__streaming++, s(...a));
</script>
{importmap}
<script type="module" src="{entry}"></script>
</head><body></body></html>
"""


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; under /badmime/ the same tree with .wasm sent as
    application/octet-stream, as a misconfigured server would."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}

    def translate_path(self, path):
        self.bad_mime = path.startswith("/badmime/")
        if self.bad_mime:
            path = path[len("/badmime"):]
        return super().translate_path(path)

    def guess_type(self, path):
        if getattr(self, "bad_mime", False) and str(path).endswith(".wasm"):
            return "application/octet-stream"
        return super().guess_type(path)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(app, packages, tmp_path_factory):
    """The app directory (node_modules with the installed tarballs) plus the
    pages, served on 127.0.0.1 for the duration of the module's tests."""
    cases = all_cases()
    (app / "cases.json").write_text(calls_json(cases))
    shutil.copy(HERE / "browser_main.mjs", app / "browser_main.mjs")
    imports = {"imports": {"fma": "./node_modules/fma/index.js",
                           MULTI_NAME: f"./node_modules/{MULTI_NAME}/index.js",
                           ARRAYS_NAME: f"./node_modules/{ARRAYS_NAME}/index.js"}}
    importmap = f'<script type="importmap">{json.dumps(imports)}</script>'
    (app / "index.html").write_text(PAGE.format(importmap=importmap, entry="./browser_main.mjs"))
    bundle = app / "bundle"
    bundle.mkdir(exist_ok=True)
    run([tool(".bin/esbuild"), "browser_main.mjs", "--bundle", "--format=esm", "--platform=browser",
         "--target=es2022", f"--outfile={bundle / 'main.js'}", "--log-level=warning"], cwd=app)
    for pkg in packages.values():
        for w in pkg.glob("*.wasm"):
            shutil.copy(w, bundle / w.name)
    shutil.copy(app / "cases.json", bundle / "cases.json")
    (bundle / "index.html").write_text(PAGE.format(importmap="", entry="./main.js"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(app)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", cases
    finally:
        server.shutdown()
        server.server_close()


def drive_page(directory, html_name: str, entry: str, imports: dict | None = None) -> dict:
    """Write `html_name` (PAGE with the import map `imports` and the module
    `entry`) into directory, serve directory on 127.0.0.1, load the page in
    headless Chromium and return what the driver saw ({"result", "errors"}),
    after checking the page finished without a failure."""
    importmap = f'<script type="importmap">{json.dumps(imports)}</script>' if imports else ""
    (Path(directory) / html_name).write_text(PAGE.format(importmap=importmap, entry=entry))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{html_name}"
        got = _drive([url])[url]
    finally:
        server.shutdown()
        server.server_close()
    assert got["result"] is not None, f"the page never finished: {got['errors']}"
    assert "failure" not in got["result"], got["result"]["failure"]
    return got


def _drive(urls):
    require_file(CHROMIUM, "scripts/setup-js.sh installs Debian's chromium")
    require_file(JS / "node_modules" / "playwright-core" / "package.json")
    p = run([node(), HERE / "browser_driver.mjs", *urls], env={**os.environ, "PY2WASM_JS_DIR": str(JS)})
    return json.loads(p.stdout)


def _check_page(got, cases, where, *, streaming):
    assert got["result"] is not None, f"{where}: the page never finished: {got['errors']}"
    res = got["result"]
    assert "failure" not in res, f"{where}: {res.get('failure')}"
    for pkg in cases:
        check_results(cases[pkg], res["outcomes"][pkg], f"{where} {pkg}")
    if streaming:
        assert res["streaming"] == len(cases), \
            f"{where}: expected instantiateStreaming for each of the {len(cases)} modules, got {res['streaming']}"
    else:
        assert res["streaming"] == 0, f"{where}: a wrong MIME type must use the bytes fallback"
    assert not got["errors"], f"{where}: console errors {got['errors']}"


def test_chromium_no_bundler_streaming_fallback_and_esbuild_bundle(site):
    base, cases = site
    urls = {"import map, application/wasm": f"{base}/index.html",
            "import map, wrong MIME type": f"{base}/badmime/index.html",
            "esbuild browser bundle": f"{base}/bundle/index.html"}
    got = _drive(list(urls.values()))
    _check_page(got[urls["import map, application/wasm"]], cases, "chromium import map", streaming=True)
    _check_page(got[urls["import map, wrong MIME type"]], cases, "chromium wrong MIME", streaming=False)
    _check_page(got[urls["esbuild browser bundle"]], cases, "chromium esbuild bundle", streaming=True)
