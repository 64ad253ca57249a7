"""Host-side marshaling of NumPy arrays across the wasm ABI.

Place in the pipeline: runner (host side), used by `py2wasm.compile`'s
runner and by the tests that run IR under the reference interpreter
(`ir.interpret` with an `ir.memory.Memory`). It only needs a memory object
with `alloc(n) -> address`, `write(address, bytes)` and `read(address, n)`.

The ABI (docs/internals.md, "Arrays"): an array argument is copied into
linear memory C-contiguously and passed as (address: i64, shape[0..ndim-1]:
i64...). After the call every argument array is copied back into the
caller's array (so writes through the compiled function are visible,
exactly like in-place NumPy code). An array result is (address, shape...)
of a C-contiguous block in the callee's per-call arena; it is copied into
a fresh NumPy array before the next call frees the arena.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

import numpy as np

from ..ir.types import ArrayType, NoneType, ScalarType, TupleType

_PY = {"i64": int, "f64": float, "bool": bool}


class ArgumentCopies:
    """The argument arrays placed in memory: (caller's array, address, nbytes)."""

    def __init__(self):
        self.items: list[tuple[np.ndarray, int, int]] = []

    def copy_back(self, read: Callable[[int, int], bytes]) -> None:
        for arr, addr, n in self.items:
            if not arr.flags.writeable or n == 0:
                continue
            data = np.frombuffer(read(addr, n), dtype=arr.dtype).reshape(arr.shape)
            if not np.array_equal(data, arr, equal_nan=arr.dtype.kind == "f"):
                arr[...] = data


def flatten_args(types, args, alloc: Callable[[int], int],
                 write: Callable[[int, bytes], None]) -> tuple[list, ArgumentCopies]:
    """The flat wasm arguments of Python arguments `args` of PyTypes `types`."""
    copies = ArgumentCopies()
    flat: list = []
    for t, a in zip(types, args):
        _flatten(t, a, flat, copies, alloc, write)
    return flat, copies


def _flatten(t, a, flat, copies, alloc, write):
    if isinstance(t, ArrayType):
        if not isinstance(a, np.ndarray) or a.dtype.name != t.dtype or a.ndim != t.ndim:
            got = f"{a.dtype.name} {a.ndim}-D array" if isinstance(a, np.ndarray) else \
                type(a).__name__
            raise TypeError(f"expected a {t.dtype} {t.ndim}-D array, got {got}")
        c = np.ascontiguousarray(a)
        if c.dtype.byteorder == ">":
            c = c.astype(c.dtype.newbyteorder("<"))
        raw = c.tobytes()
        addr = alloc(len(raw))
        if raw:
            write(addr, raw)
        copies.items.append((a, addr, len(raw)))
        flat.append(addr)
        flat.extend(int(s) for s in a.shape)
    elif isinstance(t, TupleType):
        if not isinstance(a, tuple) or len(a) != len(t.elems):
            raise TypeError(f"expected a tuple of {len(t.elems)} items")
        for et, x in zip(t.elems, a):
            _flatten(et, x, flat, copies, alloc, write)
    elif isinstance(t, ScalarType):
        flat.append(a)
    elif isinstance(t, NoneType):
        pass


def unflatten_result(t, flat: Iterator, read: Callable[[int, int], bytes]) -> Any:
    """The Python value of a result of PyType `t` from the flat wasm results;
    arrays are copied out of linear memory into new NumPy arrays."""
    if isinstance(t, ArrayType):
        addr = next(flat)
        shape = tuple(int(next(flat)) for _ in range(t.ndim))
        dt = np.dtype(t.dtype)
        n = int(np.prod(shape, dtype=np.int64)) * dt.itemsize
        data = read(addr, n) if n else b""
        return np.frombuffer(data, dtype=dt).reshape(shape).copy()
    if isinstance(t, TupleType):
        return tuple(unflatten_result(e, flat, read) for e in t.elems)
    if isinstance(t, ScalarType):
        return _PY[t.name](next(flat))
    return None
