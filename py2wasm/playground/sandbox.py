"""Run one playground compile in a separate, limited process.

Place in the pipeline: between the playground server (`server.py`) and the
compiler. Tracing executes the user's module, so each compile gets:

- a fresh process (`python -m py2wasm.playground.compile_child`) in its own
  session (process group), killed as a group at the wall-clock time limit;
- resource limits set in the child before it starts (`resource.setrlimit`):
  address space (memory), CPU seconds (a backstop to the wall clock), the
  size of files it writes, and no core dumps;
- a source size limit, checked before any process starts;
- a temporary working directory, removed afterwards whatever happened.

An infinite loop, a crash (signal, `os._exit`, MemoryError) or garbage output
becomes an error result for the page; the server process is never affected.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Optional

OPT_LEVELS = ("O0", "O1", "O2", "O3", "Os", "Oz")


@dataclass(frozen=True)
class Limits:
    time_s: float = 10.0               # wall clock per compile
    memory_bytes: int = 2 << 30        # RLIMIT_AS of the compile process
    source_bytes: int = 100_000        # UTF-8 size of the submitted source
    file_bytes: int = 64 << 20         # RLIMIT_FSIZE: largest file it may write
    log_bytes: int = 20_000            # captured stderr kept for the page


def _error(kind: str, message: str, hint: str = "", log: str = "") -> dict:
    return {"ok": False, "error": {"kind": kind, "message": message, "hint": hint,
                                   "line": None, "col": None, "text": message},
            "log": log}


def _limit_child(limits: Limits):
    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        cpu = int(limits.time_s) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def compile_in_sandbox(source: str, *, filename: str = "main.py", opt: str = "O3",
                       limits: Limits = Limits()) -> dict:
    """Compile `source` in a limited child process; always returns a result
    dict (`ok` true with the build, or false with `error`)."""
    size = len(source.encode("utf-8"))
    if size > limits.source_bytes:
        return _error("limit", f"source is {size} bytes; the playground accepts at most "
                               f"{limits.source_bytes}",
                      "use `py2wasm build` on the command line for large modules")
    if opt not in OPT_LEVELS:
        return _error("request", f"unknown optimization level {opt!r}")
    workdir = tempfile.mkdtemp(prefix="py2wasm-playground-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PY2WASM_PLAYGROUND")}
    env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1", BINARYEN_CORES="1",
               HOME=workdir, TMPDIR=workdir)
    # the child imports py2wasm from wherever this process did (editable installs too)
    pkg_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = pkg_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    request = json.dumps({"source": source, "filename": filename, "opt": opt})
    proc: Optional[subprocess.Popen] = None
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "py2wasm.playground.compile_child"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=workdir, env=env, preexec_fn=_limit_child(limits), close_fds=True)
        try:
            out, err = proc.communicate(request.encode("utf-8"), timeout=limits.time_s)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            out, err = proc.communicate()
            return _error("timeout", f"compiling took longer than {limits.time_s:g} s and was "
                                     "stopped (an infinite loop in the module's code?)",
                          "tracing runs the module's top level and unrolls what it can; "
                          "look for a loop that never ends",
                          log=_tail(err, limits))
        finally:
            _kill_group(proc)  # nothing the user's code started may outlive the compile
        log = _tail(err, limits)
        rc = proc.returncode
        if rc != 0:
            if rc < 0:
                name = signal.Signals(-rc).name if -rc in signal.valid_signals() else str(-rc)
                if -rc == signal.SIGXCPU:
                    msg = "the compile used more CPU time than allowed and was stopped"
                else:
                    msg = f"the compile process crashed (signal {name})"
            else:
                msg = f"the compile process exited with status {rc} before giving a result"
            if "MemoryError" in log:
                msg = (f"the compile ran out of memory (limit "
                       f"{limits.memory_bytes >> 20} MiB) and was stopped")
            return _error("crash", msg, "the module's top-level code or tracing failed; "
                                        "see the log", log=log)
        try:
            result = json.loads(out.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _error("crash", "the compile process gave no readable result", log=log)
        result["log"] = log
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _tail(err: bytes, limits: Limits) -> str:
    text = err.decode("utf-8", "replace")
    if len(text) > limits.log_bytes:
        text = "[... earlier output cut ...]\n" + text[-limits.log_bytes:]
    return text
