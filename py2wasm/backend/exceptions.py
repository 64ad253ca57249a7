"""The exception table of one wasm module: every distinct (exception type,
message, source location) a module can raise gets a code >= 1.

Place in the pipeline: backend. The lowering asks for a code when it emits
a raise (`global.set $py2wasm_exc code; unreachable`); the table becomes the
manifest's "exceptions" section, which the runner and the JS loader read to
turn a trap back into the Python exception.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..ir import Loc

EXC_GLOBAL = "py2wasm_exc"


class ExceptionTable:
    def __init__(self):
        self._codes: dict[tuple, int] = {}
        self.entries: list[dict] = []

    def code(self, exc: str, msg: str, loc: Optional[Loc]) -> int:
        key = (exc, msg, loc.file if loc else "", loc.line if loc else 0,
               loc.source if loc else "")
        c = self._codes.get(key)
        if c is None:
            c = len(self.entries) + 1
            self._codes[key] = c
            self.entries.append({
                "type": exc, "message": msg,
                "file": Path(loc.file).name if loc and loc.file else "",
                "line": loc.line if loc else 0,
                "source": loc.source.strip() if loc else "",
            })
        return c

    def duplicate(self, code: int) -> int:
        """A new code for the same exception entry as `code`."""
        self.entries.append(dict(self.entries[code - 1]))
        return len(self.entries)

    def manifest(self) -> dict[str, dict]:
        return {str(i + 1): dict(e) for i, e in enumerate(self.entries)}
