"""py2wasm: compile numeric Python functions to WebAssembly.

Pipeline: frontend (bytecode tracer) -> ir -> passes -> backend (Binaryen)
-> package (npm). `compile(fn)` runs the result under wasmtime.
"""
from .api import compile
from .annotations import boolean, c64, c128, f32, f64, i8, i16, i32, i64, u8, u16, u32, u64
from .errors import CompileError

__all__ = ["compile", "CompileError", "f64", "f32", "i64", "i32", "i16", "i8", "u64", "u32", "u16",
           "u8", "boolean", "c128", "c64"]
__version__ = "0.1.0"
