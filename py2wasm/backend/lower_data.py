"""Lowering of the IR module's constant tables (`ir.Module.data`) and of
`data_addr`: wasm passive data segments, copied into the per-call arena on
their first use in a call.

Place in the pipeline: backend, beside `lower_memory` (its lowering joins
`lower_ops.LOWERINGS` when this module is imported). `compile_module` calls
`prepare` before lowering (the segments are part of the memory, which
`lower_memory.ensure_memory` makes once) and `entry_resets` for each export.

Why passive and copied: every host lays out linear memory from address 16
(the persistent JavaScript heap below `py2wasm_base`, the per-call arena
above it: js/src/heap.ts, runner/arrays.py), so no fixed region is free for
active segments. A table used by a function is instead copied once per
exported call: the first `data_addr` of table k in a call allocates its
size in the arena (`alloc`: 16-aligned, MemoryError when memory cannot
grow) and `memory.init`s it there, keeping the address in the mutable i64
global `py2wasm_data<k>`; later uses read the global. Each export's wrapper
(`backend/abi.py`) zeroes the globals on entry, since the arena it resets
frees the copies. Nothing a host writes can overwrite a table during the
call: the arena only grows during a call. Only tables some function of the
module names become segments; a module without them is unchanged.
"""
from __future__ import annotations

from .. import ir
from ..ir import messages
from . import binaryen as bn
from .binaryen import Op
from .lower_ops import lowering
import cffi

GLOBAL = "py2wasm_data{}"

_ffi = cffi.FFI()
_ffi.include(bn.ffi)
_ffi.cdef("""
BinaryenExpressionRef BinaryenMemoryInit(BinaryenModuleRef module, const char* segment,
                                         BinaryenExpressionRef dest, BinaryenExpressionRef offset,
                                         BinaryenExpressionRef size, const char* memoryName);
""")
_lib = _ffi.dlopen(bn._library_path())  # noqa: SLF001 - the same library binaryen.py opens
NULL = _ffi.NULL


def used_tables(module: ir.Module) -> list[str]:
    """The names of the constant tables some function uses, in module order."""
    used = {e.params["name"] for fn in module.functions.values() for b in fn.blocks
            for e in b.eqns if e.prim == "data_addr"}
    return [n for n in module.data if n in used]


def prepare(ctx, module: ir.Module) -> None:
    """Record the tables the module's functions use (`ctx.data_segments`,
    bytes in segment order; `ctx.data_index`, name -> segment) before any
    function is lowered, and make the memory with them."""
    names = used_tables(module)
    ctx.data_segments = [module.data[n] for n in names]
    ctx.data_index = {n: i for i, n in enumerate(names)}
    if names:
        from .lower_memory import ensure_memory
        ensure_memory(ctx)
        for i in range(len(names)):
            ctx.m.add_global(GLOBAL.format(i), bn.i64, True, ctx.m.i64(0))


def segments(ctx):
    """(segment bytes list) for `BinaryenSetMemory`: all passive."""
    return getattr(ctx, "data_segments", [])


def entry_resets(ctx) -> list:
    """Statements an export's wrapper runs first: forget the arena copies."""
    m = ctx.m
    return [m.global_set(GLOBAL.format(i), m.i64(0))
            for i in range(len(getattr(ctx, "data_segments", ())))]


@lowering("data_addr")
def _data_addr(L, e):
    from .lower_memory import _alloc_helper
    from .runtime import HELPERS
    m = L.m
    k = L.ctx.data_index[e.params["name"]]
    size = len(L.ctx.data_segments[k])
    g = GLOBAL.format(k)
    HELPERS.setdefault("array_alloc", _alloc_helper)
    alloc = L.ctx.helper("array_alloc")
    code = L.code("MemoryError", messages.ALLOC_FAILED, e.loc)
    copy = m.block(None, [
        m.global_set(g, m.call(alloc, [m.i64(size), m.i32(code)], bn.i64)),
        _lib.BinaryenMemoryInit(m.ref, str(k).encode(),  # Binaryen names segments "0", "1"...
                                m.unary(Op.WrapInt64, m.global_get(g, bn.i64)), m.i32(0),
                                m.i32(size), NULL),
    ], bn.none)
    return [m.if_(m.unary(Op.EqZInt64, m.global_get(g, bn.i64)), copy),
            L.set(e.outs[0], m.global_get(g, bn.i64))]
