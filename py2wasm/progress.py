"""A one-line progress display for long `py2wasm build` runs.

Place in the pipeline: the command line (cli.py). Shown on stderr only when
stderr is a terminal and the build has run for more than `delay` seconds
(short builds print nothing); `--quiet` turns it off. The environment
variable PY2WASM_PROGRESS_DELAY overrides `delay` (seconds; the tests set
0 to see the display on any machine). Each update rewrites
the line (`\\r` + erase), and `done()` erases it, so what stays on the
terminal is only the CLI's result line or error.
"""
from __future__ import annotations

import os
import sys
import threading
import time


class Progress:
    def __init__(self, stream=None, *, enabled: bool | None = None, delay: float = 1.0):
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty()) if enabled is None else enabled
        try:
            delay = float(os.environ.get("PY2WASM_PROGRESS_DELAY", delay))
        except ValueError:
            pass
        self.delay = delay
        self.t0 = time.monotonic()
        self.text = ""
        self.shown = False
        self.closed = False
        self.lock = threading.Lock()
        self.timer = None
        if self.enabled:  # show what is going on once the build has taken `delay` seconds
            self.timer = threading.Timer(delay, self._show)
            self.timer.daemon = True
            self.timer.start()

    def _write(self) -> None:
        elapsed = time.monotonic() - self.t0
        self.stream.write(f"\r\x1b[K{self.text} ({elapsed:.1f} s)")
        self.stream.flush()

    def _show(self) -> None:
        with self.lock:
            if not self.closed and self.text:
                self.shown = True
                self._write()

    def update(self, text: str) -> None:
        if not self.enabled:
            return
        with self.lock:
            self.text = text
            if not self.shown and time.monotonic() - self.t0 >= self.delay:
                self.shown = True  # the timer fired before there was anything to show
            if self.shown and not self.closed:
                self._write()

    def done(self) -> None:
        if not self.enabled:
            return
        with self.lock:
            self.closed = True
            if self.timer:
                self.timer.cancel()
            if self.shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
