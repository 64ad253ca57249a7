"""The supervisor of one playground compile: whatever it starts dies with it.

Place in the pipeline: `sandbox.py` runs this file as a script (standard
library only, no py2wasm import, so it starts in a few milliseconds):

    python reaper.py STATUS_FD TIME_LIMIT -- COMMAND...

It makes itself a *child subreaper* (Linux `prctl(PR_SET_CHILD_SUBREAPER)`),
so every process the compile starts, even one that double-forks or calls
`setsid()` to leave its process group, is re-parented to this process instead
of to init when its parent dies. It then runs COMMAND (the compile child) in a
new session, waits at most TIME_LIMIT seconds (or until SIGTERM from the
server), and before it exits it kills every descendant that is left, repeating
until it has no children at all. Descendants therefore never outlive the
compile, and nothing can keep the server's pipes open after it.

Its verdict goes to STATUS_FD as one JSON line (the compile child does not
inherit that descriptor, so user code cannot forge it):
`{"status": "exit"|"signal"|"timeout"|"cancelled", "code": N, "stray": K}`,
where `stray` counts the leftover processes it had to kill.

Where prctl is unavailable (not Linux) it still kills the process group, the
best that platform allows; `subreaper` in the verdict says which was used.
"""
from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def children_of(pid: int) -> list[int]:
    """Direct children of `pid` (from /proc: every task's `children` list,
    falling back to a scan of every process's parent id)."""
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids.extend(int(x) for x in f.read().split())
        return kids
    except OSError:
        pass
    for name in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
            # the command name may hold spaces and parentheses: parse after the last ')'
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(name))
        except (OSError, IndexError, ValueError):
            continue
    return kids


def kill_descendants(deadline_s: float = 5.0) -> int:
    """SIGKILL every child (re-parented orphans included) and reap it, again
    and again, until this process has no children left. Returns how many
    processes were killed."""
    me = os.getpid()
    killed: set[int] = set()
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        kids = children_of(me)
        for pid in kids:
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        killed.update(kids)
        # reap whatever has died; stop once there is nothing left to wait for
        try:
            while True:
                pid, _ = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
        except ChildProcessError:
            return len(killed)
        time.sleep(0.01)
    return len(killed)


def main(argv: list[str]) -> int:
    status_fd = int(argv[1])
    time_limit = float(argv[2])
    cmd = argv[argv.index("--") + 1:]
    subreaper = become_subreaper()
    status = os.fdopen(status_fd, "w")
    stop = {"why": None}

    def on_term(signum, frame):
        stop["why"] = "cancelled"

    signal.signal(signal.SIGTERM, on_term)
    proc = subprocess.Popen(cmd, start_new_session=True, close_fds=True,
                            pass_fds=tuple(int(x) for x in os.environ.get(
                                "PY2WASM_PASS_FDS", "").split(",") if x))
    deadline = time.monotonic() + time_limit
    verdict: dict = {}
    while True:
        rc = proc.poll()
        if rc is not None:
            verdict = ({"status": "exit", "code": rc} if rc >= 0
                       else {"status": "signal", "code": -rc})
            break
        if stop["why"] or time.monotonic() >= deadline:
            verdict = {"status": stop["why"] or "timeout", "code": None}
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            proc.wait()
            break
        time.sleep(0.005)
    verdict["stray"] = kill_descendants()
    verdict["subreaper"] = subreaper
    status.write(json.dumps(verdict) + "\n")
    status.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
