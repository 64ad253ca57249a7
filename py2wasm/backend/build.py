"""The result of the backend: the wasm binary, its manifest and its text.

Place in the pipeline: backend output, consumed by `runner` (py2wasm.compile),
`package` (npm) and the CLI (`py2wasm wat`). The manifest's format is
documented in docs/internals.md section 4.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Build:
    wasm: bytes
    manifest: dict
    text: str = field(repr=False, default="")

    def wat(self) -> str:
        """The module in WebAssembly text format (Binaryen's printer)."""
        return self.text
