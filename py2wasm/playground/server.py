"""The playground's HTTP server (stdlib `http.server`).

Place in the pipeline: `py2wasm playground` (see `cli.py`) runs `serve()`.
Routes:

- `GET /?token=T`: the page (`static/index.html`); without the right token a
  short page that says to open the printed URL.
- `GET /static/NAME`: the bundled front-end files (public code; Host-checked).
- `GET /api/examples?token=T`: the examples menu (`examples/`).
- `POST /api/compile` (JSON `{"source", "filename", "opt"}`, token in the
  `X-Py2wasm-Token` header): compiles in a sandboxed process (`sandbox.py`)
  and answers the build (manifest, IR, WAT, d.ts, JS, base64 wasm, size) or
  the error, always as JSON. A build's generated package files are kept in
  memory (the last `KEEP_MODULES`) and served at
- `GET /api/module/ID/index.js` and `/api/module/ID/NAME.wasm`: the page's
  worker imports that URL, so the wasm loads exactly as from the installed
  npm package (top-level await, wasm fetched beside index.js). ID is a
  random 128-bit name handed only to the token holder; the files are the
  output of that user's own compile and run nothing on the server.

Every request passes `security.Policy` (Host on all paths; Origin and token
on the API). Compiles run at most `max_parallel` at a time.
"""
from __future__ import annotations

import base64
import json
import mimetypes
import secrets
from collections import OrderedDict
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qs, urlsplit

from .examples import load_examples
from .sandbox import Limits, compile_in_sandbox
from .security import Policy, SecurityError

STATIC = Path(__file__).resolve().parent / "static"
KEEP_MODULES = 64

# Sent with every response. The page imports generated JS through blob: URLs
# in its worker, and instantiates wasm ('wasm-unsafe-eval'); CodeMirror
# injects its styles at run time. no-referrer keeps the token out of Referer.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' blob: 'wasm-unsafe-eval'; "
        "worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "connect-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

NO_TOKEN_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>py2wasm playground</title><body style="font-family:sans-serif;max-width:40em;margin:2em auto">
<h1>py2wasm playground</h1><p>{message}.</p>
<p>Open the URL that <code>py2wasm playground</code> printed in its terminal: it carries a
secret token, because this server runs the Python code it compiles.</p></body></html>"""


class PlaygroundServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, addr, policy: Policy, limits: Limits, max_parallel: int = 2, quiet=False):
        host = addr[0]
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__(addr, Handler)
        self.policy = policy
        self.limits = limits
        self.quiet = quiet
        self.compile_slots = threading.BoundedSemaphore(max_parallel)
        self.modules: OrderedDict[str, dict[str, bytes]] = OrderedDict()
        self.modules_lock = threading.Lock()

    def keep_module(self, result: dict) -> str:
        """Store a successful build's package files; return its URL path."""
        mid = secrets.token_hex(16)
        files = {"index.js": result["js"].encode("utf-8"),
                 f"{result['module']}.wasm": base64.b64decode(result["wasm"])}
        with self.modules_lock:
            self.modules[mid] = files
            while len(self.modules) > KEEP_MODULES:
                self.modules.popitem(last=False)
        return f"api/module/{mid}/index.js"


class Handler(BaseHTTPRequestHandler):
    server: PlaygroundServer
    server_version = "py2wasm-playground"
    sys_version = ""

    # -- plumbing ------------------------------------------------------------
    def log_message(self, fmt, *args):
        if not self.server.quiet:
            path = self.path.split("?", 1)[0]  # never log the token
            sys.stderr.write(f"[playground] {self.command} {path} {args[1] if len(args) > 1 else ''}\n")

    def _send(self, status: int, body: bytes, ctype: str, extra: Optional[dict] = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in SECURITY_HEADERS.items():
            self.send_header(k, v)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, obj) -> None:
        self._send(status, json.dumps(obj).encode("utf-8"), "application/json",
                   {"Cache-Control": "no-store"})

    def _refuse(self, e: SecurityError, html: bool = False) -> None:
        if html:
            page = NO_TOKEN_PAGE.format(message=str(e).split(":")[0].capitalize())
            self._send(e.status, page.encode(), "text/html; charset=utf-8", {"Cache-Control": "no-store"})
        else:
            self._json(e.status, {"ok": False, "error": {"kind": "forbidden", "message": str(e)}})

    def _query_token(self) -> Optional[str]:
        q = parse_qs(urlsplit(self.path).query)
        return q.get("token", [None])[0]

    # -- routes --------------------------------------------------------------
    def do_GET(self):
        path = urlsplit(self.path).path
        policy = self.server.policy
        try:
            if path in ("/", "/index.html"):
                try:
                    policy.check_request(self.headers, self._query_token(), need_token=True)
                except SecurityError as e:
                    return self._refuse(e, html=True)
                return self._static("index.html")
            if path.startswith("/static/"):
                policy.check_request(self.headers, None, need_token=False)
                return self._static(path[len("/static/"):])
            if path == "/api/examples":
                policy.check_request(self.headers, self._query_token(), need_token=True)
                return self._json(200, {"mode": "live", "examples": load_examples()})
            if path.startswith("/api/module/"):
                policy.check_request(self.headers, None, need_token=False)
                return self._module(path[len("/api/module/"):])
            if path == "/favicon.ico":
                policy.check_request(self.headers, None, need_token=False)
                return self._send(204, b"", "image/x-icon")
        except SecurityError as e:
            return self._refuse(e)
        self._json(404, {"ok": False, "error": {"kind": "not_found", "message": "no such page"}})

    do_HEAD = do_GET

    def _static(self, name: str) -> None:
        # only plain files directly in static/: no traversal, no dotfiles
        if not name or "/" in name or "\\" in name or name.startswith("."):
            return self._json(404, {"ok": False, "error": {"kind": "not_found", "message": name}})
        f = STATIC / name
        if not f.is_file():
            return self._json(404, {"ok": False, "error": {"kind": "not_found", "message": name}})
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith("javascript"):
            ctype += "; charset=utf-8"
        self._send(200, f.read_bytes(), ctype, {"Cache-Control": "no-cache"})

    def _module(self, rest: str) -> None:
        mid, _, name = rest.partition("/")
        with self.server.modules_lock:
            files = self.server.modules.get(mid)
        body = files.get(name) if files else None
        if body is None:
            return self._json(404, {"ok": False, "error": {"kind": "not_found",
                                                           "message": "no such module (recompile)"}})
        ctype = "text/javascript; charset=utf-8" if name.endswith(".js") else "application/wasm"
        self._send(200, body, ctype, {"Cache-Control": "no-store"})

    def do_POST(self):
        path = urlsplit(self.path).path
        try:
            self.server.policy.check_request(self.headers, self._query_token(), need_token=True)
        except SecurityError as e:
            return self._refuse(e)
        if path != "/api/compile":
            return self._json(404, {"ok": False, "error": {"kind": "not_found", "message": path}})
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            return self._json(415, {"ok": False, "error": {
                "kind": "request", "message": "send the source as application/json"}})
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._json(411, {"ok": False, "error": {"kind": "request",
                                                           "message": "Content-Length required"}})
        limit = self.server.limits.source_bytes
        # JSON escaping can grow a source up to 6x (\uXXXX); refuse anything beyond that unread
        if length < 0 or length > 6 * limit + 4096:
            self.close_connection = True
            return self._json(413, {"ok": False, "error": {
                "kind": "limit", "message": f"request of {length} bytes is too large; "
                                           f"the source limit is {limit} bytes"}})
        try:
            req = json.loads(self.rfile.read(length).decode("utf-8"))
            source = req["source"]
            if not isinstance(source, str):
                raise TypeError
            filename = str(req.get("filename") or "main.py")
            opt = str(req.get("opt") or "O3")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            return self._json(400, {"ok": False, "error": {
                "kind": "request", "message": 'expected JSON {"source": "..."}'}})
        if len(source.encode("utf-8")) > limit:
            return self._json(413, {"ok": False, "error": {
                "kind": "limit", "message": f"source is {len(source.encode('utf-8'))} bytes; "
                                            f"the playground accepts at most {limit}"}})
        with self.server.compile_slots:
            result = compile_in_sandbox(source, filename=filename, opt=opt,
                                        limits=self.server.limits)
        if result.get("ok"):
            result["module_url"] = self.server.keep_module(result)
        self._json(200, result)


def make_server(host: str = "127.0.0.1", port: int = 0, *, token: str,
                limits: Limits = Limits(), quiet: bool = False) -> PlaygroundServer:
    """Bind (port 0 picks a free port) without serving yet."""
    srv = PlaygroundServer((host, port), Policy(token=token, port=0, bind_host=host), limits,
                           quiet=quiet)
    real_port = srv.server_address[1]
    srv.policy = Policy(token=token, port=real_port, bind_host=host)
    return srv


def url_of(srv: PlaygroundServer, token: str) -> str:
    host = srv.server_address[0]
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{srv.server_address[1]}/?token={token}"
