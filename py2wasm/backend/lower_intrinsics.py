"""Lowering of the bit intrinsics and of the linked math library.

Place in the pipeline: backend, beside `lower_ops` (which imports this
module so that its lowerings join `LOWERINGS`). Two things make compiled
modules self-contained (docs/internals.md section 4, Imports):

- the IR primitives behind `py2wasm.intrinsics`: `f64_to_bits` is
  `i64.reinterpret_f64`, `f64_from_bits` is `f64.reinterpret_i64` (bit
  copies, no exceptions), used by the math library `py2wasm.libm`;
- `linked_math_function(ctx, fn)`: the wasm-internal name of the library's
  C-semantics function `fn` when `passes/link_math` linked it into the
  module (so the backend's own use of C `pow`, for float `**`, calls it
  instead of importing it from the host), else None. (C `fmod` is never
  linked: `imports.NATIVE`.)
"""
from __future__ import annotations

from ..passes.link_math import library_function
from .binaryen import Op
from .lower_ops import lowering


@lowering("f64_to_bits")
def _f64_to_bits(L, e):
    return [L.set(e.outs[0], L.m.unary(Op.ReinterpretFloat64, L.get(e.ins[0])))]


@lowering("f64_from_bits")
def _f64_from_bits(L, e):
    return [L.set(e.outs[0], L.m.unary(Op.ReinterpretInt64, L.get(e.ins[0])))]


def linked_math_function(ctx, fn: str) -> str | None:
    """Internal name of the linked library function computing C's `fn`, if
    the module being lowered contains it (`ctx.ir_functions`)."""
    name = library_function(fn)
    if name in getattr(ctx, "ir_functions", ()):
        return ctx.function_name(name)
    return None
