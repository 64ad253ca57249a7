"""Transcendental functions: where a module gets `math[fn=...]` from.

Place in the pipeline: backend, used by `lower_ops` (the `math` primitive;
float `%` and `//` need C's fmod) and `runtime` (float `**` needs C's pow).
C's `fmod` is exact: it is always the runtime helper `runtime.fmod`, the one
fmod of py2wasm (the math library has none). On a relaxed-SIMD target, `fma`
is `lower_fma`'s helper: `f64x2.relaxed_madd` once a probe showed it fused,
else the function below. Any other function comes from
the math library (py2wasm.libm) when `passes/link_math` linked it into the
module, else from the host module "math" (docs/internals.md section 4: C
libm semantics, `(f64[, f64[, f64]]) -> f64`). This is the one place that
makes that choice.
"""
from __future__ import annotations

from . import binaryen as bn
from ..ir.primitives import MATH_BINARY, MATH_TERNARY, MATH_UNARY

HOST_MODULE = "math"
# C functions computed exactly by a runtime helper (backend/runtime.py) in
# every build: correctly rounded by definition, so bit-identical to every
# host's (passes/link_math.NOT_LINKED leaves them to the backend).
NATIVE = ("fmod",)


def math_function(ctx, fn: str) -> str:
    """Internal name of a callable `(f64[, f64[, f64]]) -> f64` computing C's
    `fn`: the runtime helper for NATIVE ones, `lower_fma`'s probed
    relaxed_madd for fma on a relaxed-SIMD target, the linked math library's
    function when `passes/link_math` put it in the module, else a host
    import."""
    if fn in NATIVE:  # exact in wasm: no host call, no library function
        return ctx.helper(fn)
    if fn == "fma" and ctx.target.relaxed:
        return ctx.helper("fma_relaxed")
    return software_math_function(ctx, fn)


def software_math_function(ctx, fn: str) -> str:
    """The linked library's function computing C's `fn`, else a host import."""
    from .lower_intrinsics import linked_math_function
    linked = linked_math_function(ctx, fn)
    if linked is not None:
        return linked
    if fn in MATH_UNARY:
        params = [bn.f64]
    elif fn in MATH_BINARY:
        params = [bn.f64, bn.f64]
    elif fn in MATH_TERNARY:
        params = [bn.f64, bn.f64, bn.f64]
    else:
        raise ValueError(f"unknown math function {fn!r}")
    return ctx.host_import(HOST_MODULE, fn, params, [bn.f64])


def call_math(ctx, fn: str, args: list) -> object:
    return ctx.m.call(math_function(ctx, fn), args, bn.f64)
