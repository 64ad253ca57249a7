"""Array type annotations for `py2wasm build` (Numba-style).

Place in the pipeline: user-facing vocabulary read by the frontend's
signature code (`frontend/signature.py`). `py2wasm.f64[:]` is a 1-D float64
array, `py2wasm.f64[:, :]` a 2-D one, `py2wasm.i32[:, :, :]` a 3-D int32
array (f64 f32 i64 i32 i16 i8 u64 u32 u16 u8 boolean c128 c64); each is an
`ir.ArrayType`. `npt.NDArray[np.float64]` is also accepted and means a 1-D
array. NumPy scalar types (`np.float32`...) annotate scalars.
(`py2wasm.compile` needs no annotations: it specializes on the actual
arrays' dtype and ndim.)

    import py2wasm

    def smooth(a: py2wasm.f64[:, :]) -> py2wasm.f64[:, :]:
        ...
"""
from __future__ import annotations

from .ir.types import ArrayType


class ArrayAnnotation:
    """`dtype[:]`, `dtype[:, :]`...: indexing with one `:` per dimension."""

    def __init__(self, dtype: str):
        self.dtype = dtype

    def __getitem__(self, dims) -> ArrayType:
        dims = dims if isinstance(dims, tuple) else (dims,)
        if not dims or any(not (isinstance(d, slice) and d == slice(None)) for d in dims):
            raise TypeError(f"write py2wasm.{_SHORT[self.dtype]}[:] or [:, :] ... (one ':' "
                            "per dimension)")
        return ArrayType(self.dtype, len(dims))

    def __repr__(self) -> str:
        return f"py2wasm.{_SHORT[self.dtype]}"


_SHORT = {"float64": "f64", "float32": "f32", "int64": "i64", "int32": "i32", "uint8": "u8",
          "bool": "boolean", "int16": "i16", "int8": "i8", "uint64": "u64", "uint32": "u32",
          "uint16": "u16", "complex128": "c128", "complex64": "c64"}
f64 = ArrayAnnotation("float64")
f32 = ArrayAnnotation("float32")
i64 = ArrayAnnotation("int64")
i32 = ArrayAnnotation("int32")
u8 = ArrayAnnotation("uint8")
boolean = ArrayAnnotation("bool")
i16 = ArrayAnnotation("int16")
i8 = ArrayAnnotation("int8")
u32 = ArrayAnnotation("uint32")
u16 = ArrayAnnotation("uint16")
u64 = ArrayAnnotation("uint64")
c128 = ArrayAnnotation("complex128")
c64 = ArrayAnnotation("complex64")

__all__ = ["f64", "f32", "i64", "i32", "i16", "i8", "u64", "u32", "u16", "u8", "boolean", "c128",
           "c64",
           "ArrayAnnotation"]
