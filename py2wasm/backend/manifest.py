"""The build manifest (docs/internals.md section 4): exported functions with
their Python signatures, the exception table and the host imports.

Place in the pipeline: backend output, read by the runner and the npm
package's JS loader.
"""
from __future__ import annotations

from pathlib import Path

from .. import ir
from ..ir.types import to_json

FORMAT = 1


def function_entry(fn: ir.Function) -> dict:
    sig = fn.sig
    if sig is None:
        raise ValueError(f"exported IR function {fn.name!r} has no Python signature")
    params = [{"name": n, "type": to_json(t)} for n, t in sig.params]
    result = to_json(sig.result)
    return {"name": fn.name, "doc": fn.doc or "", "line": fn.loc.line if fn.loc else 0,
            "params": params, "result": result}


def make_manifest(module: ir.Module, ctx, name: str) -> dict:
    return {
        "format": FORMAT,
        "module": name,
        "source": Path(module.source_file).name if module.source_file else "",
        "functions": [function_entry(module.functions[n]) for n in module.exports],
        "exceptions": ctx.exceptions.manifest(),
        "imports": {k: list(v) for k, v in ctx.imports.items()},
    }
