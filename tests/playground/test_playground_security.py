"""Security of `py2wasm playground` against a running server (issue 7): token,
Origin, Host (DNS rebinding), size limits, a compile that loops forever, a
crashing compile, and the loopback-only bind policy."""
from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time

import pytest

from py2wasm.playground.security import BindError, Policy, SecurityError, check_bind



def request(server, method, path, *, body=None, headers=None, host=None, token=True):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    h = {"Host": host or f"{server.host}:{server.port}"}
    if token is True:
        h["X-Py2wasm-Token"] = server.token
    elif token:
        h["X-Py2wasm-Token"] = token
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for k, v in h.items():
        conn.putheader(k, v)
    if data is not None:
        conn.putheader("Content-Length", str(len(data)))
    conn.endheaders(data)
    r = conn.getresponse()
    raw = r.read()
    conn.close()
    try:
        payload = json.loads(raw)
    except ValueError:
        payload = raw.decode("utf-8", "replace")
    return r.status, payload


def compile_src(server, source, **kw):
    return request(server, "POST", "/api/compile", body={"source": source}, **kw)


OK_SRC = "def f(x: int) -> int:\n    return x + 1\n"


def test_page_needs_token(server):
    st, body = request(server, "GET", "/", token=None)
    assert st == 401 and "printed" in body
    st, body = request(server, "GET", "/?token=wrong-token", token=None)
    assert st == 403
    st, body = request(server, "GET", f"/?token={server.token}", token=None)
    assert st == 200 and "<title>py2wasm playground</title>" in body


def test_compile_without_token_refused(server):
    st, body = compile_src(server, OK_SRC, token=None)
    assert st == 401 and body["error"]["kind"] == "forbidden"


def test_compile_with_wrong_token_refused(server):
    st, body = compile_src(server, OK_SRC, token=server.token[:-1] + ("A" if server.token[-1] != "A" else "B"))
    assert st == 403 and "wrong token" in body["error"]["message"]


def test_examples_need_token(server):
    st, _ = request(server, "GET", "/api/examples", token=None)
    assert st == 401
    st, body = request(server, "GET", f"/api/examples?token={server.token}", token=None)
    assert st == 200 and {e["name"] for e in body["examples"]} >= {"fma", "mandelbrot", "softmax",
                                                                     "nbody", "fib"}


def test_foreign_origin_refused(server):
    st, body = compile_src(server, OK_SRC, headers={"Origin": "http://evil.example"})
    assert st == 403 and "Origin" in body["error"]["message"]
    st, _ = compile_src(server, OK_SRC, headers={"Origin": "null"})
    assert st == 403
    # a page on another port of this machine is another origin too
    st, _ = compile_src(server, OK_SRC, headers={"Origin": f"http://127.0.0.1:{server.port + 1}"})
    assert st == 403
    st, _ = compile_src(server, OK_SRC, headers={"Sec-Fetch-Site": "cross-site"})
    assert st == 403


def test_own_origin_accepted(server):
    st, body = compile_src(server, "def f(x: int) -> int:\n    return open(x)\n",
                           headers={"Origin": f"http://127.0.0.1:{server.port}"})
    assert st == 200 and body["error"]["kind"] == "compile"
    st, _ = request(server, "GET", "/static/index.html", host=f"localhost:{server.port}")
    assert st == 200


def test_foreign_host_refused_dns_rebinding(server):
    # a rebinding attack resolves evil.example to 127.0.0.1: the browser still sends its name
    st, body = compile_src(server, OK_SRC, host=f"evil.example:{server.port}")
    assert st == 403 and "DNS rebinding" in body["error"]["message"]
    st, _ = request(server, "GET", "/static/app.js", host=f"evil.example:{server.port}", token=None)
    assert st == 403
    st, _ = request(server, "GET", f"/?token={server.token}", host="evil.example", token=None)
    assert st == 403
    st, _ = compile_src(server, OK_SRC, host=f"127.0.0.1:{server.port + 1}")
    assert st == 403


def test_oversize_source_refused(server):
    big = "x = 1\n" * 20_000  # 120 kB > the 100 kB limit
    st, body = compile_src(server, big)
    assert st == 413 and body["error"]["kind"] == "limit"
    # a request announcing a body far beyond the limit is refused before any of it is read
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    conn.putrequest("POST", "/api/compile")
    for k, v in {"Content-Type": "application/json", "Content-Length": "50000000",
                 "X-Py2wasm-Token": server.token}.items():
        conn.putheader(k, v)
    conn.endheaders()
    r = conn.getresponse()
    assert r.status == 413 and json.loads(r.read())["error"]["kind"] == "limit"
    conn.close()


def test_form_post_refused(server):
    # a cross-site <form> can only send simple content types: never compiled
    st, _ = request(server, "POST", "/api/compile", body=b"source=x",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert st == 415


def test_static_files_only_from_static_dir(server):
    for path in ("/static/../server.py", "/static/..%2fserver.py", "/static/.hidden", "/etc/passwd"):
        st, _ = request(server, "GET", path, token=None)
        assert st == 404, path


def test_security_headers(server):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    conn.request("GET", f"/?token={server.token}")
    r = conn.getresponse()
    r.read()
    assert r.getheader("Referrer-Policy") == "no-referrer"  # the token never leaks in Referer
    assert "frame-ancestors 'none'" in r.getheader("Content-Security-Policy")
    conn.close()


def test_infinite_loop_killed_at_time_limit_and_server_keeps_serving(server):
    t0 = time.monotonic()
    st, body = compile_src(server, "while True:\n    pass\n")
    took = time.monotonic() - t0
    assert st == 200 and body["ok"] is False and body["error"]["kind"] == "timeout"
    assert 2.9 <= took < 8, took  # the server runs with --time-limit 3
    # tracing a function that loops forever is stopped the same way
    st, body = compile_src(server, "def f(x: int) -> int:\n    while True:\n        x += 0\n"
                                   "    return x\n\nwhile f(1):\n    pass\n")
    assert body["error"]["kind"] == "timeout"
    st, body = request(server, "GET", f"/api/examples?token={server.token}", token=None)
    assert st == 200
    st, body = compile_src(server, "def f(x: int) -> int:\n    return open(x)\n")
    assert body["error"]["kind"] == "compile" and body["error"]["line"] == 2


def test_crash_reported_and_server_keeps_serving(server):
    st, body = compile_src(server, "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n")
    assert st == 200 and body["error"]["kind"] == "crash" and "SIGSEGV" in body["error"]["message"]
    st, body = compile_src(server, "import os\nos._exit(7)\n")
    assert body["error"]["kind"] == "crash" and "status 7" in body["error"]["message"]
    st, _ = request(server, "GET", f"/?token={server.token}", token=None)
    assert st == 200


def test_memory_limit(server):
    # the server runs with --memory-limit 1536 (MiB): a 4 GiB allocation fails inside the child
    st, body = compile_src(server, "big = bytearray(4 << 30)\n\ndef f(x):\n    return x\n")
    assert st == 200 and body["ok"] is False
    assert "MemoryError" in body["error"]["message"]
    assert body["error"]["line"] == 1


def test_user_prints_do_not_corrupt_result_and_temp_dirs_removed(server):
    st, body = compile_src(server, "print('{\"ok\": true}')\nimport sys\nprint('x', file=sys.stderr)\n"
                                   "def f(x: int) -> int:\n    return open(x)\n")
    assert body["ok"] is False and body["error"]["line"] == 5
    assert '{"ok": true}' in body["log"]
    left = [p for p in server.tmpdir.iterdir() if p.name.startswith("py2wasm-playground-")]
    assert left == []


def test_non_loopback_bind_refused_without_flag():
    r = subprocess.run([sys.executable, "-m", "py2wasm.cli", "playground", "--host", "0.0.0.0",
                        "--port", "0"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "--allow-remote" in r.stderr and "http://" not in r.stdout


def test_non_loopback_bind_with_flag_warns():
    # 192.0.2.1 (TEST-NET-1) is on no interface here: the warning comes first, then bind fails
    r = subprocess.run([sys.executable, "-m", "py2wasm.cli", "playground", "--host", "192.0.2.1",
                        "--allow-remote", "--port", "0"], capture_output=True, text=True, timeout=60)
    assert "WARNING: --allow-remote" in r.stderr and "run Python code" in r.stderr
    assert r.returncode == 1 and "cannot listen on 192.0.2.1" in r.stderr


def test_bind_policy_unit():
    assert check_bind("127.0.0.1", False) is None
    assert check_bind("::1", False) is None
    assert check_bind("localhost", False) is None
    with pytest.raises(BindError):
        check_bind("192.0.2.1", False)
    assert "WARNING" in check_bind("192.0.2.1", True)


def test_policy_unit():
    p = Policy(token="t0k", port=8765)
    p.check_host("127.0.0.1:8765")
    p.check_host("localhost:8765")
    p.check_host("[::1]:8765")
    for bad in (None, "", "127.0.0.1", "127.0.0.1:8766", "evil.example:8765", "127.0.0.1.nip.io:8765"):
        with pytest.raises(SecurityError):
            p.check_host(bad)
    p.check_origin(None)
    p.check_origin("http://localhost:8765")
    for bad in ("https://127.0.0.1:8765", "http://evil.example", "null"):
        with pytest.raises(SecurityError):
            p.check_origin(bad)
    p.check_token("t0k")
    for bad in (None, "", "t0K", "t0k "):
        with pytest.raises(SecurityError):
            p.check_token(bad)
