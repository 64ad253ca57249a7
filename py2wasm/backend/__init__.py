"""The backend: IR module -> validated, optimized wasm + manifest (a `Build`).

Place in the pipeline: frontend -> ir -> passes -> **backend** -> package /
runner. Layout: `binaryen` (cffi wrapper), `context` (per-module state),
`lower_function` (blocks, Relooper, block arguments), `lower_ops` (one
lowering per primitive), `runtime` (helper functions), `imports` (math from
the host), `exceptions` (the exception table), `manifest`, `build`.
"""
from __future__ import annotations

from .. import ir
from . import binaryen as bn
from .build import Build
from .context import ModuleContext
from .exceptions import EXC_GLOBAL
from .lower_function import FunctionLowering
from .manifest import make_manifest

__all__ = ["compile_module", "Build"]


def compile_module(module: ir.Module, *, opt: str = "O3", name: str = "module") -> Build:
    """Lower `module` to wasm, validate it, optimize it at `opt` ("O0".."O3",
    "Os", "Oz") and return the Build. A validation failure is an internal
    error (binaryen.ValidationError), never a CompileError."""
    if opt not in bn.OPT_LEVELS:
        raise ValueError(f"opt must be one of {', '.join(bn.OPT_LEVELS)}, got {opt!r}")
    with bn.Module() as m:
        ctx = ModuleContext(m)
        m.add_global(EXC_GLOBAL, bn.i32, True, m.i32(0))
        m.add_global_export(EXC_GLOBAL, EXC_GLOBAL)
        for fn in module.functions.values():
            FunctionLowering(ctx, fn).lower()
        for export in module.exports:
            m.add_function_export(ctx.function_name(export), export)
        m.validate()
        m.optimize(opt)
        m.validate()
        wasm = m.emit_binary()
        text = m.emit_text()
    return Build(wasm=wasm, manifest=make_manifest(module, ctx, name), text=text)
