"""Helpers of the playground tests (imported by conftest.py and the tests
under this unique module name): a real `py2wasm playground` server
process on a free loopback port, with its temporary directory under the test's
own tmp dir (so the tests can see that compiles clean up after themselves)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, parse_qs

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    url: str
    host: str
    port: int
    token: str
    proc: subprocess.Popen
    tmpdir: Path
    log: Path  # the server's stderr (request log, warnings, any traceback)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def start_server(tmpdir: Path, *extra: str, env_extra: dict | None = None) -> Server:
    tmpdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, TMPDIR=str(tmpdir), PYTHONUNBUFFERED="1", **(env_extra or {}))
    log = tmpdir / "server.log"
    # stderr to a file: a pipe nobody reads would block the server once full
    with open(log, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "py2wasm.cli", "playground", "--port", "0",
                                 *extra], stdout=subprocess.PIPE, stderr=err, text=True, env=env,
                                cwd=ROOT)
    deadline = time.monotonic() + 30
    url = None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        m = re.search(r"http://\S+", line)
        if m:
            url = m.group(0)
            break
    if url is None:
        proc.kill()
        raise RuntimeError(f"playground did not print its URL: {log.read_text()}")
    p = urlsplit(url)
    return Server(url, p.hostname, p.port, parse_qs(p.query)["token"][0], proc, tmpdir, log)


def stop_server(s: Server) -> None:
    s.proc.terminate()
    try:
        s.proc.wait(10)
    except subprocess.TimeoutExpired:
        s.proc.kill()
        s.proc.wait()
