"""Run one playground compile in a separate, limited process tree.

Place in the pipeline: between the playground server (`server.py`) and the
compiler. Tracing executes the user's module, so each compile gets:

- a supervisor (`reaper.py`, a child subreaper) that starts the compile
  process (`python -m py2wasm.playground.compile_child`) in a session of its
  own, stops it at the wall-clock time limit, and kills every process it left
  behind (double-forked or `setsid()` ones included) before it exits;
- resource limits set before anything runs (`resource.setrlimit`): address
  space (memory), CPU seconds (a backstop to the wall clock), the size of
  files it writes, no core dumps, and a cap on new processes (RLIMIT_NPROC;
  the kernel does not apply it to root, for whom the subreaper is the guard);
- a network namespace of its own with no interfaces up, where the kernel
  allows it (as root): the compile cannot reach the network, loopback included;
- a minimal environment (no variables of the server's but the few it needs);
- its output read as it comes, never all at once: the result is capped at
  `result_bytes`, the log (what the module prints) at `log_flood_bytes` (the
  compile is stopped beyond it; the page gets the head and the tail);
- a source size limit, checked before any process starts;
- a temporary working directory, removed afterwards whatever happened;
- cancellation: `cancelled()` is polled and ends the whole tree (the server
  passes "the client has gone away").

An infinite loop, a crash (signal, `os._exit`, MemoryError), a flood of
output or garbage becomes an error result that names the limit hit; the
server process is never affected.
"""
from __future__ import annotations

import ctypes
import json
import os
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Callable, Optional

OPT_LEVELS = ("O0", "O1", "O2", "O3", "Os", "Oz")
REAPER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reaper.py")
CLONE_NEWNET = 0x40000000
# the environment a compile sees: only these of the server's, plus its own
KEEP_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "SYSTEMROOT", "PYENV_VERSION")


@dataclass(frozen=True)
class Limits:
    time_s: float = 10.0               # wall clock per compile
    memory_bytes: int = 2 << 30        # RLIMIT_AS of the compile process
    source_bytes: int = 100_000        # UTF-8 size of the submitted source
    file_bytes: int = 64 << 20         # RLIMIT_FSIZE: largest file it may write
    log_bytes: int = 20_000            # captured output kept for the page (head + tail)
    log_flood_bytes: int = 8 << 20     # output beyond this stops the compile
    result_bytes: int = 256 << 20      # the compile's JSON result (IR, WAT, wasm)
    processes: int = 32                # new processes a compile may start (RLIMIT_NPROC)


def _error(kind: str, message: str, hint: str = "", log: str = "", limit: str = "") -> dict:
    err = {"kind": kind, "message": message, "hint": hint,
           "line": None, "col": None, "text": message}
    if limit:
        err["limit"] = limit
    return {"ok": False, "error": err, "log": log}


def _user_processes() -> int:
    """How many processes this user runs now (RLIMIT_NPROC counts them all)."""
    uid, n = os.getuid(), 0
    try:
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    if os.stat(f"/proc/{name}").st_uid == uid:
                        n += 1
                except OSError:
                    pass
    except OSError:
        pass
    return n


def _limit_child(limits: Limits, nproc: int):
    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        cpu = int(limits.time_s) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
        try:  # no network for the compile (needs root; elsewhere a no-op)
            ctypes.CDLL(None, use_errno=True).unshare(CLONE_NEWNET)
        except (OSError, AttributeError):
            pass
    return apply


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class _Capture:
    """One output stream read as it arrives: all of it up to `cap` bytes, or
    (with `keep_tail`) its first and last `keep` bytes, counting the rest."""

    def __init__(self, cap: int, keep: int = 0):
        self.cap, self.keep = cap, keep
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def add(self, data: bytes) -> None:
        self.total += len(data)
        if not self.keep:
            if len(self.head) < self.cap:
                self.head += data[: self.cap - len(self.head)]
            return
        room = self.keep - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            del self.tail[: max(0, len(self.tail) - self.keep)]

    @property
    def over(self) -> bool:
        return self.total > self.cap

    def text(self) -> str:
        head = self.head.decode("utf-8", "replace")
        if not self.tail:
            return head
        cut = self.total - len(self.head) - len(self.tail)
        middle = f"\n[... {cut} bytes of output cut ...]\n" if cut > 0 else ""
        return head + middle + self.tail.decode("utf-8", "replace")


def compile_in_sandbox(source: str, *, filename: str = "main.py", opt: str = "O3",
                       limits: Limits = Limits(),
                       cancelled: Callable[[], bool] = lambda: False) -> dict:
    """Compile `source` in a limited process tree; always returns a result
    dict (`ok` true with the build, or false with `error`; a refusal by a
    limit names it in `error.limit`: time, memory, cpu, output, result)."""
    size = len(source.encode("utf-8"))
    if size > limits.source_bytes:
        return _error("limit", f"source is {size} bytes; the playground accepts at most "
                               f"{limits.source_bytes}",
                      "use `py2wasm build` on the command line for large modules", limit="source")
    if opt not in OPT_LEVELS:
        return _error("request", f"unknown optimization level {opt!r}")
    workdir = tempfile.mkdtemp(prefix="py2wasm-playground-")
    env = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
    env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1", BINARYEN_CORES="1",
               PYTHONNOUSERSITE="1", HOME=workdir, TMPDIR=workdir)
    # the child imports py2wasm from wherever this process did (editable installs too)
    pkg_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = pkg_root
    request = json.dumps({"source": source, "filename": filename, "opt": opt}).encode("utf-8")
    status_r, status_w = os.pipe()
    progress_r, progress_w = os.pipe()
    env["PY2WASM_PASS_FDS"] = str(progress_w)
    env["PY2WASM_PROGRESS_FD"] = str(progress_w)
    proc: Optional[subprocess.Popen] = None
    try:
        cmd = [sys.executable, "-I", REAPER, str(status_w), repr(limits.time_s), "--",
               sys.executable, "-m", "py2wasm.playground.compile_child"]
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=workdir, env=env, close_fds=True, pass_fds=(status_w, progress_w),
            preexec_fn=_limit_child(limits, _user_processes() + limits.processes))
        os.close(status_w)
        os.close(progress_w)
        status_w = progress_w = -1
        return _supervise(proc, request, status_r, progress_r, limits, cancelled)
    finally:
        if proc is not None:
            _kill_group(proc)
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        for fd in (status_r, progress_r, status_w, progress_w):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        shutil.rmtree(workdir, ignore_errors=True)


def _supervise(proc: subprocess.Popen, request: bytes, status_r: int, progress_r: int,
               limits: Limits, cancelled: Callable[[], bool]) -> dict:
    """Feed the request, read every stream as it comes with caps, stop the
    tree on a limit or a cancel, and turn what happened into a result."""
    out = _Capture(limits.result_bytes)
    log = _Capture(limits.log_flood_bytes, keep=limits.log_bytes // 2)
    status = _Capture(1 << 16)
    progress = _Capture(1 << 16, keep=4096)
    sel = selectors.DefaultSelector()
    streams = {proc.stdout.fileno(): out, proc.stderr.fileno(): log,
               status_r: status, progress_r: progress}
    for fd in streams:
        os.set_blocking(fd, False)
        sel.register(fd, selectors.EVENT_READ)
    try:
        proc.stdin.write(request)
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass
    # the reaper enforces time_s itself; this is the backstop if it cannot
    deadline = time.monotonic() + limits.time_s + 5
    stopped: Optional[str] = None
    while sel.get_map():
        if stopped is None:
            if out.over:
                stopped = "result"
            elif log.over:
                stopped = "output"
            elif cancelled():
                stopped = "cancelled"
            elif time.monotonic() > deadline:
                stopped = "time"
            if stopped:
                # SIGTERM: the reaper kills the whole tree, reports and exits
                try:
                    proc.send_signal(signal.SIGTERM)
                except ProcessLookupError:
                    pass
                deadline = time.monotonic() + 3
        elif time.monotonic() > deadline:
            _kill_group(proc)
            break
        for key, _ in sel.select(timeout=0.1):
            try:
                data = os.read(key.fd, 1 << 16)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if data:
                streams[key.fd].add(data)
            else:
                sel.unregister(key.fd)
    sel.close()
    proc.wait()
    text = log.text()
    try:
        verdict = json.loads(status.text().strip().splitlines()[0])
    except (ValueError, IndexError):
        verdict = {"status": "lost", "code": None}
    phase = progress.text().strip().splitlines()[-1:] or [""]
    if stopped == "cancelled" or verdict["status"] == "cancelled" and stopped is None:
        return _error("cancelled", "the compile was cancelled (the page went away)", log=text)
    if stopped == "output":
        return _error("limit", f"the module printed more than {limits.log_flood_bytes >> 20} MiB "
                               "and was stopped (output limit)",
                      "print less at the module's top level", log=text, limit="output")
    if stopped == "result":
        return _error("limit", f"the compiled result is larger than {limits.result_bytes >> 20} MiB "
                               "(result size limit)",
                      "compile fewer or smaller functions, or use `py2wasm build`", log=text,
                      limit="result")
    if verdict["status"] == "timeout" or stopped == "time":
        return _timeout_error(phase[0], limits, text)
    if verdict["status"] == "signal":
        sig = verdict["code"]
        if sig == signal.SIGXCPU:
            return _error("limit", "the compile used more CPU time than allowed and was stopped "
                                   "(CPU limit)", log=text, limit="cpu")
        name = signal.Signals(sig).name if sig in signal.valid_signals() else str(sig)
        return _crash(f"the compile process crashed (signal {name})", limits, text)
    if verdict["status"] == "exit" and verdict["code"] != 0:
        return _crash(f"the compile process exited with status {verdict['code']} before "
                      "giving a result", limits, text)
    try:
        result = json.loads(out.text())
    except ValueError:
        return _crash("the compile process gave no readable result", limits, text)
    result["log"] = text
    return result


def _timeout_error(phase: str, limits: Limits, log: str) -> dict:
    """What was running when the clock ran out, said plainly: the module's own
    top-level code, or compiling a named function (a big but finite one)."""
    what, _, name = phase.partition(" ")
    if what == "compile":
        return _error("timeout", f"compiling {name or 'the module'} took longer than the "
                                 f"{limits.time_s:g} s time limit and was stopped",
                      "the function may just be large: split it, or use `py2wasm build` on the "
                      "command line, which has no time limit", log=log, limit="time")
    return _error("timeout", f"running the module's top-level code took longer than the "
                             f"{limits.time_s:g} s time limit and was stopped",
                  "tracing runs the module's top level first; look for a loop there that "
                  "never ends", log=log, limit="time")


def _crash(msg: str, limits: Limits, log: str) -> dict:
    if "MemoryError" in log:
        return _error("limit", f"the compile ran out of memory (limit "
                               f"{limits.memory_bytes >> 20} MiB) and was stopped (memory limit)",
                      "the module's top-level code or tracing needs more memory; "
                      "see the log", log=log, limit="memory")
    return _error("crash", msg, "the module's top-level code or tracing failed; see the log",
                  log=log)
