"""The playground's HTTP server (stdlib `http.server`).

Place in the pipeline: `py2wasm playground` (see `cli.py`) runs `serve()`.
Routes:

- `GET /?token=T`: the page (`static/index.html`); without the right token a
  short page that says to open the printed URL.
- `GET /static/NAME`: the bundled front-end files (public code; Host-checked).
- `GET /api/examples?token=T`: the examples menu (`examples/`).
- `POST /api/compile` (JSON `{"source", "filename", "opt"}`, token in the
  `X-Py2wasm-Token` header, an optional `X-Py2wasm-Request` id): waits its
  turn in the bounded compile queue (`compile_queue.py`; 503 with
  Retry-After when it is full), compiles in a sandboxed process tree
  (`sandbox.py`) and answers the build (manifest, IR, WAT, d.ts, JS, base64
  wasm, size) or the error, always as JSON. A client that disconnects
  cancels its compile, waiting or running.
- `GET /api/queue?id=ID&token=T`: where that request stands in the queue
  (the page shows it while it waits). A build's generated package files are kept in
  memory (the last `KEEP_MODULES`) and served at
- `GET /api/module/ID/index.js` and `/api/module/ID/NAME.wasm`: the page's
  worker imports that URL, so the wasm loads exactly as from the installed
  npm package (top-level await, wasm fetched beside index.js). ID is a
  random 128-bit name handed only to the token holder; the files are the
  output of that user's own compile and run nothing on the server.

Every request passes `security.Policy`, the Host check first and on every
path (unknown ones and error pages included); Origin and token on the API.
Reflected values are HTML-escaped. Connections idle longer than
`idle_timeout` seconds are closed; the listen backlog is 128.
"""
from __future__ import annotations

import base64
import html
import json
import re
import select
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
from .compile_queue import CompileQueue, QueueFull
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


REQUEST_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class PlaygroundServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the listen backlog: bursts wait in the kernel, not reset

    def __init__(self, addr, policy: Policy, limits: Limits, max_parallel: int = 2,
                 max_queue: int = 16, idle_timeout: float = 15.0, quiet=False):
        host = addr[0]
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__(addr, Handler)
        self.policy = policy
        self.limits = limits
        self.quiet = quiet
        self.idle_timeout = idle_timeout
        self.queue = CompileQueue(running=max_parallel, waiting=max_queue)
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

    def handle_error(self, request, client_address):
        # a client that went away (reset, broken pipe, idle timeout) is not a server error
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, socket.timeout)):
            return
        super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    server: PlaygroundServer
    server_version = "py2wasm-playground"
    sys_version = ""

    # -- plumbing ------------------------------------------------------------
    def setup(self):
        self.timeout = self.server.idle_timeout  # socket timeout: idle connections are closed
        super().setup()

    def log_message(self, fmt, *args):
        if self.server.quiet:
            return
        # a malformed request line leaves command/path unset: log what there is
        command = getattr(self, "command", None) or "-"
        path = (getattr(self, "path", None) or "-").split("?", 1)[0]  # never log the token
        detail = args[1] if len(args) > 1 else (fmt % args if args else fmt)
        line = f"[playground] {command} {path} {detail}"
        sys.stderr.write(line.encode("ascii", "backslashreplace").decode("ascii")[:300] + "\n")

    def _send(self, status: int, body: bytes, ctype: str, extra: Optional[dict] = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        # every response, error pages of http.server included, carries them
        for k, v in SECURITY_HEADERS.items():
            self.send_header(k, v)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        """http.server's own error pages (malformed request, unknown method):
        the Host check applies to them too, and they reflect nothing of the
        request (only the standard phrase of the status)."""
        headers = getattr(self, "headers", None)
        if headers is not None and code != HTTPStatus.BAD_REQUEST:
            try:
                self.server.policy.check_host(headers.get("Host"))
            except SecurityError as e:
                code = e.status
        self.close_connection = True
        super().send_error(code, None, None)

    def _json(self, status: int, obj, extra: Optional[dict] = None) -> None:
        self._send(status, json.dumps(obj).encode("utf-8"), "application/json",
                   {"Cache-Control": "no-store", **(extra or {})})

    def _refuse(self, e: SecurityError, as_html: bool = False) -> None:
        if as_html:
            message = html.escape(str(e).split(":")[0].capitalize())
            page = NO_TOKEN_PAGE.format(message=message)
            self._send(e.status, page.encode(), "text/html; charset=utf-8", {"Cache-Control": "no-store"})
        else:
            self._json(e.status, {"ok": False, "error": {"kind": "forbidden", "message": str(e)}})

    def _query_token(self) -> Optional[str]:
        q = parse_qs(urlsplit(self.path).query)
        return q.get("token", [None])[0]

    def _client_gone(self) -> bool:
        """True once the client has closed its connection (readable with no
        data); a pipelined next request (readable with data) is not gone."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            if not readable:
                return False
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    # -- routes --------------------------------------------------------------
    def do_GET(self):
        path = urlsplit(self.path).path
        policy = self.server.policy
        try:  # the Host check comes first, for every path (DNS rebinding)
            policy.check_host(self.headers.get("Host"))
        except SecurityError as e:
            return self._refuse(e, as_html=path in ("/", "/index.html"))
        try:
            if path in ("/", "/index.html"):
                try:
                    policy.check_request(self.headers, self._query_token(), need_token=True)
                except SecurityError as e:
                    return self._refuse(e, as_html=True)
                return self._static("index.html")
            if path.startswith("/static/"):
                policy.check_request(self.headers, None, need_token=False)
                return self._static(path[len("/static/"):])
            if path == "/api/examples":
                policy.check_request(self.headers, self._query_token(), need_token=True)
                return self._json(200, {"mode": "live", "examples": load_examples()})
            if path == "/api/queue":
                policy.check_request(self.headers, self._query_token(), need_token=True)
                rid = parse_qs(urlsplit(self.path).query).get("id", [None])[0]
                return self._json(200, self.server.queue.position(rid))
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
        rid = self.headers.get("X-Py2wasm-Request") or ""
        ticket = rid if REQUEST_ID_RE.fullmatch(rid) else secrets.token_hex(8)
        queue = self.server.queue
        try:
            if not queue.enter(ticket, self._client_gone):
                self.close_connection = True
                return  # the client left while waiting: nobody to answer
        except QueueFull as e:
            retry = queue.retry_after(min(self.server.limits.time_s, 3.0))
            return self._json(503, {"ok": False, "error": {
                "kind": "busy", "message": f"the playground is busy ({e}); "
                                           f"try again in {retry} s", "retry_after": retry}},
                              extra={"Retry-After": str(retry)})
        try:
            result = compile_in_sandbox(source, filename=filename, opt=opt,
                                        limits=self.server.limits, cancelled=self._client_gone)
        finally:
            queue.leave(ticket)
        if result.get("error", {}).get("kind") == "cancelled":
            self.close_connection = True
            return
        if result.get("ok"):
            result["module_url"] = self.server.keep_module(result)
        self._json(200, result)


def make_server(host: str = "127.0.0.1", port: int = 0, *, token: str,
                limits: Limits = Limits(), quiet: bool = False, max_parallel: int = 2,
                max_queue: int = 16, idle_timeout: float = 15.0,
                extra_hosts: tuple[str, ...] = ()) -> PlaygroundServer:
    """Bind (port 0 picks a free port) without serving yet."""
    srv = PlaygroundServer((host, port), Policy(token=token, port=0, bind_host=host), limits,
                           max_parallel=max_parallel, max_queue=max_queue,
                           idle_timeout=idle_timeout, quiet=quiet)
    real_port = srv.server_address[1]
    srv.policy = Policy(token=token, port=real_port, bind_host=host, extra_hosts=extra_hosts)
    return srv


def url_of(srv: PlaygroundServer, token: str) -> str:
    host = srv.server_address[0]
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{srv.server_address[1]}/?token={token}"
