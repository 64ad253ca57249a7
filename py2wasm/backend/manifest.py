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
    # the address-flow analysis only when there is an array parameter to mark
    written = (written_params(fn, module, writes)
               if any(isinstance(t, ir.types.ArrayType) for _, t in sig.params) else set())
    for i, p in enumerate(params):  # array parameters the function provably never writes
        if isinstance(p["type"], dict) and "list" in p["type"]:  # the frontend's finding
            if getattr(sig.params[i][1], "readonly", False):
                p["readonly"] = True
        elif isinstance(p["type"], dict) and "array" in p["type"] and i not in written:
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
    # every such name contains one of these: a plain substring scan rules
    # most scalar modules out at once (the regexes cost 0.2 s on 3 MB of text)
    if not any(s in text for s in ("v128", "x16.", "x8.", "x4.", "x2.")):
        return out
    if _SIMD_RE.search(text) or re.search(r"\bv128\b", text):
        out.append("simd128")
    if _RELAXED_RE.search(text):
        out.append("relaxed-simd")
    return out


def make_manifest(module: ir.Module, ctx, name: str, target=None, features=(),
                  entries=None) -> dict:
    """`entries`: the exports' `function_entry`s when already made (they share
    one `ir.writes.module_writes` fixed point)."""
    if entries is None:
        writes = module_writes(module) if module.exports else None
        entries = [function_entry(module.functions[n], module, writes) for n in module.exports]
    return {
        "format": FORMAT,
        "module": name,
        "source": Path(module.source_file).name if module.source_file else "",
        "functions": entries,
        "exceptions": ctx.exceptions.manifest(),
        "imports": {k: list(v) for k, v in ctx.imports.items()},
        "target": target.name if target is not None else ctx.target.name,
        "features": list(features),
    }
