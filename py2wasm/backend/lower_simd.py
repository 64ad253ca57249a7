"""Lowering of the vector primitives (ir/primitives.py, "SIMD") to wasm
SIMD128 and relaxed SIMD.

Place in the pipeline: backend, beside `lower_ops` and `lower_memory` (its
lowerings are registered into `lower_ops.LOWERINGS` when this module is
imported). Only the vectorizer pass (passes/vectorize.py) emits these
primitives, and only for a SIMD target.
"""
from __future__ import annotations
