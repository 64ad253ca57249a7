"""The backend: IR module -> validated, optimized wasm + manifest (a `Build`).

Place in the pipeline: frontend -> ir -> passes -> **backend** -> package /
runner. Layout: `binaryen` (cffi wrapper), `context` (per-module state),
`lower_function` (blocks, Relooper, block arguments), `lower_ops` (one
lowering per scalar primitive), `lower_memory` (array primitives: linear
memory, arena, NumPy's C arithmetic), `lower_data` (constant tables:
passive data segments), `lower_simd` (vector primitives, SIMD128 and
relaxed SIMD), `lower_intrinsics` (bit casts, the
linked math library), `runtime` (helper functions), `imports` (C math:
linked library or host import), `exceptions` (the exception table),
`abi` (the exported entry points), `manifest`, `build`.
"""
from __future__ import annotations

from .. import ir
from . import binaryen as bn
from . import pipeline
from . import lower_intrinsics, lower_memory, lower_simd  # noqa: F401 - register their lowerings
from . import lower_simd_bits  # noqa: F401 - registers its lowerings
from . import lower_data
from . import lower_catch
from .build import Build
from .context import ModuleContext
from .exceptions import EXC_GLOBAL
from .lower_function import FunctionLowering
from .lower_memory import ensure_memory, signature_has_arrays
from .abi import add_exports
from .manifest import features_used, function_entry, make_manifest
from ..ir.writes import module_writes
from ..targets import get_target

__all__ = ["compile_module", "Build"]


def compile_module(module: ir.Module, *, opt: str = "O3", name: str = "module",
                   target: str = "simd", abi: str = "host") -> Build:
    """Lower `module` to wasm, validate it, optimize it at `opt` ("O0".."O3",
    "Os", "Oz") and return the Build. `target` (py2wasm.targets: "mvp",
    "simd", "relaxed-simd") decides which wasm features Binaryen accepts: a
    vector primitive in an "mvp" build is a validation error. A validation
    failure is an internal error (binaryen.ValidationError), never a
    CompileError. `abi` is the ABI of the exported entry points (backend/abi.py):
    "host" for py2wasm.compile's runner, "js" for the npm package."""
    if opt not in bn.OPT_LEVELS:
        raise ValueError(f"opt must be one of {', '.join(bn.OPT_LEVELS)}, got {opt!r}")
    tgt = get_target(target)
    with bn.Module(simd=tgt.simd, relaxed=tgt.relaxed) as m:
        ctx = ModuleContext(m, ir_functions=set(module.functions), target=tgt)
        m.add_global(EXC_GLOBAL, bn.i32, True, m.i32(0))
        m.add_global_export(EXC_GLOBAL, EXC_GLOBAL)
        lower_data.prepare(ctx, module)  # constant tables: segments of the memory
        if signature_has_arrays(module):  # the host places array arguments in memory
            ensure_memory(ctx)
        custom = {}  # function ref -> its Binaryen pipeline (pipeline.choose)
        for fn in module.functions.values():
            lowering = FunctionLowering(ctx, fn)
            ref = lowering.lower()
            chosen = pipeline.choose(lowering.size, lowering.nblocks)
            if chosen is not None:
                custom[ref] = chosen
        # which array parameters each export may write: one fixed point over
        # the module for all exports (per export it was quadratic in their number)
        writes = module_writes(module) if module.exports else None
        entries = [function_entry(module.functions[n], module, writes) for n in module.exports]
        add_exports(ctx, module, entries, abi, getattr(ctx, "_py2wasm_memory", False))
        lower_catch.finish(ctx)  # exception class tests, over the complete table
        m.validate()
        m.optimize(opt, custom=custom)
        m.validate()
        wasm = m.emit_binary()
        text = m.emit_text()
    manifest = make_manifest(module, ctx, name, tgt, features_used(text), entries)
    if abi != "host":
        manifest["abi"] = abi
    return Build(wasm=wasm, manifest=manifest, text=text)
