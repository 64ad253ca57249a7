"""The build manifest (docs/internals.md section 4): exported functions with
their Python signatures, the exception table, the host imports, the build
target and the wasm features the module uses.

Place in the pipeline: backend output, read by the runner and the npm
package's JS loader.
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import ir
from ..ir.types import to_json
from ..ir.writes import module_writes, written_params

FORMAT = 1


def function_entry(fn: ir.Function, module: ir.Module | None = None, writes=None) -> dict:
    """`writes`: `ir.writes.module_writes(module)`, computed once by a caller
    describing several exports (it is a fixed point over the whole module)."""
    sig = fn.sig
    if sig is None:
        raise ValueError(f"exported IR function {fn.name!r} has no Python signature")
    params = [{"name": n, "type": to_json(t)} for n, t in sig.params]
    written = written_params(fn, module, writes)
    for i, p in enumerate(params):  # array parameters the function provably never writes
        if isinstance(p["type"], dict) and "array" in p["type"] and i not in written:
            p["readonly"] = True
    result = to_json(sig.result)
    return {"name": fn.name, "doc": fn.doc or "", "line": fn.loc.line if fn.loc else 0,
            "params": params, "result": result}


# Instruction names (Binaryen's text) that need a wasm feature beyond the MVP.
_SIMD_RE = re.compile(r"\b(v128|[if](?:8x16|16x8|32x4|64x2))\.")
_RELAXED_RE = re.compile(r"\b(?:[if](?:8x16|16x8|32x4|64x2))\.relaxed_")


def features_used(text: str) -> list[str]:
    """The wasm features the emitted module actually uses (a subset of
    ["simd128", "relaxed-simd"]), found by scanning its text for vector
    instructions (and v128 locals, globals and signatures)."""
    out = []
    if _SIMD_RE.search(text) or re.search(r"\bv128\b", text):
        out.append("simd128")
    if _RELAXED_RE.search(text):
        out.append("relaxed-simd")
    return out


def make_manifest(module: ir.Module, ctx, name: str, target=None, features=(),
                  writes=None) -> dict:
    """`writes`: `ir.writes.module_writes(module)` if the caller has it."""
    if writes is None and module.exports:
        writes = module_writes(module)
    return {
        "format": FORMAT,
        "module": name,
        "source": Path(module.source_file).name if module.source_file else "",
        "functions": [function_entry(module.functions[n], module, writes) for n in module.exports],
        "exceptions": ctx.exceptions.manifest(),
        "imports": {k: list(v) for k, v in ctx.imports.items()},
        "target": target.name if target is not None else ctx.target.name,
        "features": list(features),
    }
