"""Containment and load of `py2wasm playground` (issue 17), against real
server processes: processes a compile starts never outlive it, output floods
are capped, the compile queue is bounded (200 or 503, never a reset),
a client that leaves cancels its compile, idle connections are closed,
malformed requests are answered, the Host check and escaping hold on every
path and error page, `--open` keeps the token off command lines, and
`--allow-remote` answers to this machine's own addresses."""
from __future__ import annotations

import http.client
import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from playground_helpers import start_server, stop_server
from py2wasm.playground.compile_queue import CompileQueue, QueueFull
from py2wasm.playground.sandbox import Limits, compile_in_sandbox
from py2wasm.playground.security import Policy, SecurityError, is_local_address

OK_SRC = "def f(x: int) -> int:\n    return x + 1\n"


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    s = start_server(tmp_path_factory.mktemp("playground-robust"), "--time-limit", "3",
                     "--parallel", "2", "--queue", "4", "--idle-timeout", "2",
                     env_extra={"PY2WASM_TEST_CANARY": "server-secret"})
    yield s
    stop_server(s)


def post(s, source, *, rid=None, timeout=60):
    conn = http.client.HTTPConnection(s.host, s.port, timeout=timeout)
    headers = {"Content-Type": "application/json", "X-Py2wasm-Token": s.token}
    if rid:
        headers["X-Py2wasm-Request"] = rid
    conn.request("POST", "/api/compile", body=json.dumps({"source": source}), headers=headers)
    r = conn.getresponse()
    body = json.loads(r.read())
    conn.close()
    return r.status, body, dict(r.getheaders())


def get(s, path, host=None, method="GET"):
    conn = http.client.HTTPConnection(s.host, s.port, timeout=30)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host or f"{s.host}:{s.port}")
    conn.endheaders()
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, data


def raw(s, data: bytes, wait=10.0) -> bytes:
    with socket.create_connection((s.host, s.port), timeout=wait) as c:
        c.sendall(data)
        chunks = []
        while True:
            try:
                b = c.recv(65536)
            except socket.timeout:
                break
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks)


def processes_matching(text: str) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != os.getpid():
            try:
                cmd = Path(f"/proc/{name}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if text.encode() in cmd:
                found.append(int(name))
    return found


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def threads(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    raise AssertionError("no Threads")


# -- containment ------------------------------------------------------------------

def test_escaped_process_is_killed_with_the_compile(srv):
    # a new session, holding the compile's stderr: before, it outlived the compile
    # and the request waited for it to exit
    src = ('import subprocess\nsubprocess.Popen(["sleep", "131.25"], start_new_session=True)\n'
           + OK_SRC)
    t0 = time.monotonic()
    st, body, _ = post(srv, src)
    assert st == 200 and body["ok"], body
    # it did not wait for the 131 s sleep (the bound leaves room for a slow compile on a
    # loaded machine: the compile itself, not the escaped process, is what takes time)
    assert time.monotonic() - t0 < 30
    assert processes_matching("sleep 131.25") == []


def test_double_forked_daemon_is_killed(srv):
    src = ("import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
           "        os.execvp('sleep', ['sleep', '132.5'])\n    os._exit(0)\n" + OK_SRC)
    st, body, _ = post(srv, src)
    assert st == 200 and body["ok"], body
    assert processes_matching("sleep 132.5") == []


def test_many_children_are_all_killed(srv):
    src = ("import subprocess\nfor i in range(20):\n"
           "    subprocess.Popen(['sleep', '133.75'], start_new_session=True)\n" + OK_SRC)
    st, body, _ = post(srv, src)
    assert st == 200 and body["ok"], body
    assert processes_matching("sleep 133.75") == []


def test_output_flood_is_capped_and_server_memory_stays_flat(srv):
    before = rss_kib(srv.proc.pid)
    t0 = time.monotonic()
    st, body, _ = post(srv, 'while True:\n    print("hello" * 100)\n')
    took = time.monotonic() - t0
    assert st == 200 and body["error"]["kind"] == "limit" and body["error"]["limit"] == "output"
    assert "output limit" in body["error"]["message"]
    assert len(body["log"]) < 30_000 and "bytes of output cut" in body["log"]
    assert took < 8
    assert rss_kib(srv.proc.pid) - before < 64 * 1024  # KiB: the flood was not buffered


def test_compile_environment_is_minimal_and_limited(srv):
    src = ("import os, resource\nprint('ENV', sorted(os.environ))\n"
           "print('NPROC', resource.getrlimit(resource.RLIMIT_NPROC))\n" + OK_SRC)
    st, body, _ = post(srv, src)
    assert body["ok"], body
    assert "PY2WASM_TEST_CANARY" not in body["log"] and "server-secret" not in body["log"]
    nproc = next(line for line in body["log"].splitlines() if line.startswith("NPROC"))
    assert "-1" not in nproc  # a finite RLIMIT_NPROC


@pytest.mark.skipif(os.geteuid() != 0, reason="a network namespace needs root (CI runs as root)")
def test_compile_has_no_network_as_root(srv):
    src = ("import socket\ntry:\n"
           f"    socket.create_connection(('127.0.0.1', {srv.port}), timeout=2)\n"
           "    print('NET reached')\nexcept OSError as e:\n    print('NET', e)\n" + OK_SRC)
    st, body, _ = post(srv, src)
    assert body["ok"], body
    assert "NET reached" not in body["log"] and "NET" in body["log"]


def test_timeout_names_the_phase(srv):
    # top-level code that never ends
    st, body, _ = post(srv, "while True:\n    pass\n")
    assert body["error"]["kind"] == "timeout" and body["error"]["limit"] == "time"
    assert "top-level code" in body["error"]["message"]
    # the compile itself taking too long (here: a trace-time attribute that never
    # returns) is never blamed on an infinite loop in the module
    src = ("class C:\n    @property\n    def k(self):\n        while True:\n            pass\n\n"
           "CFG = C()\n\ndef f(x: float) -> float:\n    return x * CFG.k\n")
    st, body, _ = post(srv, src)
    assert body["error"]["kind"] == "timeout"
    assert body["error"]["message"].startswith("compiling f took longer than the 3 s time limit")
    assert "infinite" not in body["error"]["message"] + body["error"]["hint"]


def test_sandbox_reports_memory_limit_by_name():
    r = compile_in_sandbox("x = bytearray(1 << 31)\nx = [x, bytearray(1 << 31)]\n",
                           limits=Limits(time_s=5, memory_bytes=512 << 20))
    assert r["ok"] is False
    # a MemoryError at top level is located in the user's file (a compile error) or,
    # where the process died of it, reported as the memory limit
    assert "MemoryError" in r["error"]["message"] or r["error"].get("limit") == "memory"


def test_cancelled_compile_stops_the_tree():
    stop_at = time.monotonic() + 0.5
    t0 = time.monotonic()
    r = compile_in_sandbox("import subprocess\nsubprocess.Popen(['sleep', '134.5'])\n"
                           "while True:\n    pass\n", limits=Limits(time_s=20),
                           cancelled=lambda: time.monotonic() > stop_at)
    assert r["error"]["kind"] == "cancelled"
    assert time.monotonic() - t0 < 5
    assert processes_matching("sleep 134.5") == []


# -- load -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def roomy(tmp_path_factory):
    """A server whose time limit is generous: a loaded machine must not turn
    the load test's compiles into timeouts."""
    s = start_server(tmp_path_factory.mktemp("playground-load"), "--time-limit", "60",
                     "--parallel", "2", "--queue", "4")
    yield s
    stop_server(s)


def test_concurrent_compiles_answered_200_or_503_never_reset(roomy):
    srv = roomy
    results: list = []
    lock = threading.Lock()

    def one():
        try:
            st, body, headers = post(srv, OK_SRC, timeout=120)
            out = (st, body.get("ok") or body.get("error"), headers.get("Retry-After"))
        except Exception as e:  # a reset or a refused connection fails the test
            out = ("exception", repr(e), None)
        with lock:
            results.append(out)

    ts = [threading.Thread(target=one) for _ in range(50)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(180)
    assert len(results) == 50
    assert all(r[0] in (200, 503) for r in results), [r for r in results if r[0] not in (200, 503)]
    ok = [r for r in results if r[0] == 200]
    busy = [r for r in results if r[0] == 503]
    assert ok and all(r[1] is True for r in ok), ok
    assert busy and all(r[2] and int(r[2]) >= 1 for r in busy)  # Retry-After on every 503
    # the server is idle again afterwards
    st, data = get(srv, f"/api/queue?token={srv.token}")
    q = json.loads(data)
    assert st == 200 and q["running"] == 0 and q["waiting"] == 0


def test_queue_position_is_visible(srv):
    slow = "import time\ntime.sleep(1.5)\n" + OK_SRC
    ts = [threading.Thread(target=post, args=(srv, slow), kwargs={"rid": f"slow-{i}"})
          for i in range(2)]
    for t in ts:
        t.start()
    time.sleep(0.3)
    waiter = threading.Thread(target=post, args=(srv, OK_SRC), kwargs={"rid": "waiter-1"})
    waiter.start()
    seen = None
    for _ in range(50):
        st, data = get(srv, f"/api/queue?id=waiter-1&token={srv.token}")
        seen = json.loads(data)
        if seen["state"] == "waiting":
            break
        time.sleep(0.02)
    assert seen["state"] == "waiting" and seen["ahead"] == 0 and seen["running"] == 2
    for t in ts + [waiter]:
        t.join(60)
    st, data = get(srv, f"/api/queue?id=waiter-1&token={srv.token}")
    assert json.loads(data)["state"] == "unknown"
    st, _ = get(srv, "/api/queue?id=x")  # the token is needed
    assert st == 401


def test_client_disconnect_cancels_the_compile(srv):
    body = json.dumps({"source": "import subprocess\nsubprocess.Popen(['sleep', '135.5'])\n"
                                 "while True:\n    pass\n"}).encode()
    c = socket.create_connection((srv.host, srv.port), timeout=10)
    c.sendall(b"POST /api/compile HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
              b"X-Py2wasm-Token: %s\r\nX-Py2wasm-Request: gone-1\r\nContent-Length: %d\r\n\r\n"
              % (srv.host.encode(), srv.port, srv.token.encode(), len(body)) + body)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not processes_matching("sleep 135.5"):
        time.sleep(0.05)  # wait until the module's code runs
    assert processes_matching("sleep 135.5")
    st, data = get(srv, f"/api/queue?id=gone-1&token={srv.token}")
    assert json.loads(data)["state"] == "running"
    c.close()
    t0 = time.monotonic()
    while time.monotonic() - t0 < 2.5:  # well before the 3 s time limit
        st, data = get(srv, f"/api/queue?id=gone-1&token={srv.token}")
        if json.loads(data)["state"] == "unknown" and not processes_matching("sleep 135.5"):
            break
        time.sleep(0.05)
    assert json.loads(data)["state"] == "unknown"
    assert processes_matching("sleep 135.5") == []
    time.sleep(0.2)
    assert "Traceback" not in srv.log_text() and "BrokenPipe" not in srv.log_text()


def test_idle_connections_are_closed(srv):
    base = threads(srv.proc.pid)
    socks = [socket.create_connection((srv.host, srv.port), timeout=10) for _ in range(60)]
    time.sleep(0.5)
    assert threads(srv.proc.pid) > base  # one thread per connection while they are open
    time.sleep(3.0)  # --idle-timeout 2: the server has closed them
    closed = 0
    for s in socks:
        try:
            closed += s.recv(1) == b""
        except (ConnectionResetError, socket.timeout):
            closed += 1
        s.close()
    assert closed == len(socks)
    deadline = time.monotonic() + 5
    while threads(srv.proc.pid) > base + 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert threads(srv.proc.pid) <= base + 2


# -- HTTP hygiene -----------------------------------------------------------------

@pytest.mark.parametrize("line", [b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9 x\r\n\r\n",
                                  b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
                                  b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n"])
def test_malformed_request_lines_are_answered(srv, line):
    reply = raw(srv, line)
    if reply.startswith(b"HTTP/1."):
        assert reply.split(b"\r\n", 1)[0].split()[1] in (b"400", b"414", b"505"), reply[:200]
    else:  # a one-word request line is HTTP/0.9: the error page comes without a status line
        assert b"Error code: 400" in reply, reply[:200]
    st, _ = get(srv, f"/?token={srv.token}")
    assert st == 200
    assert "Traceback" not in srv.log_text()


def test_foreign_host_refused_on_every_path(srv):
    evil = f"evil.example:{srv.port}"
    for path in ("/nope", "/static/nope.js", "/api/nope", "/api/module/x/index.js", "/favicon.ico"):
        st, _ = get(srv, path, host=evil)
        assert st == 403, path
    st, _ = get(srv, "/nope", host=evil, method="PUT")  # http.server's own error page
    assert st == 403
    st, _ = get(srv, "/nope")  # the right Host: a plain 404
    assert st == 404


def test_reflected_values_are_escaped(srv):
    hostile = f"<script>alert(1)</script>:{srv.port}"
    st, data = get(srv, "/", host=hostile)
    assert st == 403 and b"<script>" not in data
    reply = raw(srv, b"GET /<script>x</script> HTTP/9.9\r\n\r\n")
    assert b"<script>" not in reply
    reply = raw(srv, f"PUT /<b>x HTTP/1.1\r\nHost: {srv.host}:{srv.port}\r\n\r\n".encode())
    assert b"<b>" not in reply and b"HTTP/1." in reply


def test_open_keeps_the_token_off_command_lines(tmp_path):
    record = tmp_path / "browser-args.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {record}\n')
    browser.chmod(0o755)
    s = start_server(tmp_path / "srv", "--open", env_extra={"BROWSER": f"{browser} %s"})
    try:
        deadline = time.monotonic() + 20
        while not record.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        args = record.read_text()
        assert s.token not in args
        page = Path(args.strip().removeprefix("file://"))
        assert s.token in page.read_text()  # the private file carries it
        assert stat.S_IMODE(page.stat().st_mode) == 0o600
        assert stat.S_IMODE(page.parent.stat().st_mode) == 0o700
    finally:
        stop_server(s)
    assert not page.exists()  # removed when the server stops


def test_allow_remote_answers_to_this_machines_addresses(tmp_path):
    s = start_server(tmp_path, "--host", "0.0.0.0", "--allow-remote")
    try:
        # any address of this machine (127.0.0.2 is one on Linux) is accepted as Host
        st, _ = get(s, f"/?token={s.token}", host=f"127.0.0.2:{s.port}")
        assert st == 200
        st, _ = get(s, f"/?token={s.token}", host=f"192.0.2.1:{s.port}")  # not this machine
        assert st == 403
        st, _ = get(s, f"/?token={s.token}", host=f"evil.example:{s.port}")
        assert st == 403
    finally:
        stop_server(s)


def test_policy_any_interface_unit():
    p = Policy(token="t", port=9000, bind_host="0.0.0.0", extra_hosts=("box.lan",))
    p.check_host("127.0.0.2:9000")
    p.check_host("box.lan:9000")
    p.check_origin("http://127.0.0.2:9000")
    for bad in ("127.0.0.2:9001", "192.0.2.1:9000", "evil.example:9000", "box.lan"):
        with pytest.raises(SecurityError):
            p.check_host(bad)
    assert is_local_address("127.0.0.1") and not is_local_address("192.0.2.1")
    assert not is_local_address("localhost.evil")
    # loopback-only servers do not widen: an IP literal of this machine is refused
    with pytest.raises(SecurityError):
        Policy(token="t", port=9000).check_host("127.0.0.2:9000")


def test_queue_unit():
    q = CompileQueue(running=1, waiting=1)
    assert q.enter("a")
    got = []
    t = threading.Thread(target=lambda: got.append(q.enter("b")))
    t.start()
    time.sleep(0.2)
    assert q.position("b") == {"state": "waiting", "ahead": 0, "running": 1, "waiting": 1,
                               "slots": 1, "limit": 1}
    with pytest.raises(QueueFull):
        q.enter("c")
    q.leave("a")
    t.join(5)
    assert got == [True] and q.position("b")["state"] == "running"
    # a waiter whose client leaves gives up its place and holds no slot
    assert q.enter("d", cancelled=lambda: True, poll_s=0.01) is False
    assert q.position("d")["state"] == "unknown"
    q.leave("b")
    assert q.position(None)["running"] == 0
