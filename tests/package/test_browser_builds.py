"""A package with two builds in headless Chromium (Debian's, driven by
playwright-core through browser_driver.mjs), no bundler: the page imports it
through an import map; the loader must pick the relaxed-SIMD build, fetch
only that file, and report it with `loaded()`; a second page forces the
baseline with `init(undefined, "simd")`.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from pathlib import Path

import pytest

from py2wasm.package import write_package

from . import simd_module as sm
from .conftest import HERE, JS, node, require_file, run

CHROMIUM = Path("/usr/bin/chromium")

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>py2wasm builds</title><link rel="icon" href="data:,">
<script type="importmap">{"imports": {"vecdemo": "./vecdemo/index.js"}}</script>
<script type="module">
import * as m from "vecdemo";
const calls = %s;
const out = {auto: m.loaded()};
%s
out.loaded = m.loaded();
out.results = calls.map(([fn, args]) => { try { return {value: m[fn](...args)}; } catch (e) { return {error: e.name}; } });
try { m.div(1, 0); } catch (e) { out.raised = e.name; }
window.__result = out;
</script>
</head><body></body></html>
"""


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}
    requested: list[str] = []

    def do_GET(self):
        type(self).requested.append(self.path)
        super().do_GET()

    def log_message(self, *args):
        pass


def test_chromium_loads_the_relaxed_build_and_says_so(tmp_path):
    require_file(CHROMIUM, "scripts/setup-js.sh installs Debian's chromium")
    require_file(JS / "node_modules" / "playwright-core" / "package.json")
    write_package([sm.build("simd"), sm.build("relaxed-simd")], tmp_path / "vecdemo", name="vecdemo",
                  version="0.1.0", inline=False)  # the .wasm files, to see which one is fetched
    calls = json.dumps([[fn, args] for fn, args, _ in sm.CALLS])
    (tmp_path / "auto.html").write_text(PAGE % (calls, ""))
    (tmp_path / "forced.html").write_text(PAGE % (calls, 'await m.init(undefined, "simd");'))
    Handler.requested = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        p = run([node(), HERE / "browser_driver.mjs", f"{base}/auto.html"], env={**os.environ, "PY2WASM_JS_DIR": str(JS)})
        auto_requests = [r for r in Handler.requested if r.endswith(".wasm")]
        Handler.requested = []
        q = run([node(), HERE / "browser_driver.mjs", f"{base}/forced.html"], env={**os.environ, "PY2WASM_JS_DIR": str(JS)})
        forced_requests = [r for r in Handler.requested if r.endswith(".wasm")]
    finally:
        server.shutdown()
        server.server_close()
    auto = json.loads(p.stdout)[f"{base}/auto.html"]
    forced = json.loads(q.stdout)[f"{base}/forced.html"]
    want = [{"value": v} for _, _, v in sm.CALLS]
    assert auto["errors"] == [] and auto["result"] is not None, auto
    assert (auto["result"]["auto"], auto["result"]["loaded"]) == ("relaxed-simd", "relaxed-simd")
    assert auto_requests == ["/vecdemo/vecdemo.relaxed.wasm"]
    assert auto["result"]["results"] == want and auto["result"]["raised"] == "ZeroDivisionError"
    assert forced["errors"] == [] and forced["result"] is not None, forced
    assert (forced["result"]["auto"], forced["result"]["loaded"]) == ("relaxed-simd", "simd")
    assert forced_requests == ["/vecdemo/vecdemo.relaxed.wasm", "/vecdemo/vecdemo.wasm"]
    assert forced["result"]["results"] == want
