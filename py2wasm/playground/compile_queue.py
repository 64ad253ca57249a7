"""The playground's bounded compile queue: fair, cancellable, observable.

Place in the pipeline: between the HTTP handler (`server.py`) and the
sandbox (`sandbox.py`). At most `running` compiles run at once; at most
`waiting` more wait their turn in arrival order (FIFO); a request beyond
that is refused at once (the server answers 503 with Retry-After) instead of
piling up threads. A waiting request gives up its place when its client goes
away (`cancelled()` polled), and anyone may ask where a ticket stands
(`position`), which the page shows while it waits.
"""
from __future__ import annotations

import threading
from collections import deque
from typing import Callable, Optional


class QueueFull(Exception):
    """No room left in the queue: the caller should answer 503."""


class CompileQueue:
    def __init__(self, running: int = 2, waiting: int = 16):
        self.slots = running
        self.limit = waiting
        self._lock = threading.Condition()
        self._active: set[str] = set()
        self._waiting: deque[str] = deque()

    def enter(self, ticket: str, cancelled: Callable[[], bool] = lambda: False,
              poll_s: float = 0.1) -> bool:
        """Wait for a compile slot. True: the caller holds a slot and must
        call `leave(ticket)`; False: cancelled while waiting (no slot held).
        Raises QueueFull when all slots are busy and the queue is full."""
        with self._lock:
            if len(self._active) < self.slots and not self._waiting:
                self._active.add(ticket)
                return True
            if len(self._waiting) >= self.limit:
                raise QueueFull(f"{len(self._active)} compiles running and "
                                f"{len(self._waiting)} waiting")
            self._waiting.append(ticket)
            try:
                while True:
                    if self._waiting[0] == ticket and len(self._active) < self.slots:
                        self._waiting.popleft()
                        self._active.add(ticket)
                        self._lock.notify_all()
                        return True
                    if cancelled():
                        return False
                    self._lock.wait(poll_s)
            finally:
                if ticket in self._waiting:
                    self._waiting.remove(ticket)
                    self._lock.notify_all()

    def leave(self, ticket: str) -> None:
        with self._lock:
            self._active.discard(ticket)
            self._lock.notify_all()

    def position(self, ticket: Optional[str]) -> dict:
        """Where `ticket` stands: `{"state": "running"|"waiting"|"unknown",
        "ahead": N, "running": R, "waiting": W}`."""
        with self._lock:
            state, ahead = "unknown", 0
            if ticket in self._active:
                state = "running"
            elif ticket in self._waiting:
                state, ahead = "waiting", list(self._waiting).index(ticket)
            return {"state": state, "ahead": ahead, "running": len(self._active),
                    "waiting": len(self._waiting), "slots": self.slots, "limit": self.limit}

    def retry_after(self, typical_s: float) -> int:
        """Seconds a refused client should wait before trying again."""
        with self._lock:
            return max(1, int(typical_s * (1 + len(self._waiting) / max(1, self.slots)) + 0.5))

