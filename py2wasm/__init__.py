"""py2wasm: compile numeric Python functions to WebAssembly.

Pipeline: frontend (bytecode tracer) -> ir -> passes -> backend (Binaryen)
-> package (npm). `compile(fn)` runs the result under wasmtime.
"""
from .api import compile
from .errors import CompileError

__all__ = ["compile", "CompileError"]
__version__ = "0.1.0"
