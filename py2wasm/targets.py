"""Build targets: which WebAssembly features a build may use.

Place in the pipeline: configuration shared by `api` (py2wasm.compile,
build_module), the passes (the vectorizer emits vector IR only for a SIMD
target), the backend (enables exactly the target's Binaryen features, so an
`mvp` build cannot contain a SIMD instruction: the validator refuses it) and
the runner (enables the same features in wasmtime).

- `mvp`: no SIMD (runtimes without SIMD128).
- `simd`: SIMD128 (the baseline of every current browser and Node 16+).
- `relaxed-simd`: SIMD128 + relaxed SIMD (fused multiply-add under fastmath;
  Node 22+, Chromium 114+; Node 20 needs a flag).
"""
from __future__ import annotations

from dataclasses import dataclass

TARGETS = ("mvp", "simd", "relaxed-simd")


@dataclass(frozen=True)
class Target:
    name: str
    simd: bool  # SIMD128 may be used
    relaxed: bool  # relaxed SIMD may be used (implies simd)

    @property
    def features(self) -> tuple[str, ...]:
        """The wasm feature names this target enables (manifest spelling)."""
        return (("simd128",) if self.simd else ()) + (("relaxed-simd",) if self.relaxed else ())


_BY_NAME = {
    "mvp": Target("mvp", False, False),
    "simd": Target("simd", True, False),
    "relaxed-simd": Target("relaxed-simd", True, True),
}


def get_target(name) -> Target:
    """The Target called `name` (a Target passes through); ValueError naming
    the choices otherwise."""
    if isinstance(name, Target):
        return name
    t = _BY_NAME.get(name)
    if t is None:
        raise ValueError(f"target must be one of {', '.join(TARGETS)}, got {name!r}")
    return t


__all__ = ["TARGETS", "Target", "get_target"]
