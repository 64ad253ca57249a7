"""Python's cyclic garbage collector paused while a compile runs.

Place in the pipeline: around a whole compile (`py2wasm.compile`'s tracing
and build, `py2wasm build`). A compile allocates millions of long-lived,
acyclic objects (IR equations, Vars, the passes' facts); each of the
collector's full collections traverses all of them, about 25% of the CPU
time of a 10,000-statement function (measured: docs/scaling.md), and finds
almost nothing (5 objects in such a compile). Reference counting still
frees everything that is not in a cycle; cycles made during the compile are
collected after it, by the collector's next ordinary run.

Nested and concurrent compiles (threads) share one count: the collector
runs again when the last of them ends, if it was enabled before the first.
"""
from __future__ import annotations

import contextlib
import gc
import threading

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextlib.contextmanager
def paused_gc():
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
