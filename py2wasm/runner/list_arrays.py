"""Host-side marshaling of lists of NumPy arrays (py2wasm.compile).

Place in the pipeline: runner (host side), used by runner/lists.py for a
`ListType` whose element is an `ir.ArrayType` (frontend/lists_ofarrays.py:
an element's slot is int64 words ptr, shape..., strides in elements).
Each array of an argument list is copied once (by object: one array in two
places is one block, so writes through either are seen through both) into
the per-call arena, C-contiguous; after the call, also when it raised, the
data of every placed array is copied back into the caller's array (writes
through `xs[i][j] = v` are seen, as in CPython). Reading a list back (an
argument the function changed, or a result), an element that is still a
placed array is the caller's own object; any other element is a new array
copied from memory (a view the function made into an argument's array comes
back as a copy: the documented deviation).
"""
from __future__ import annotations

import numpy as np

from ..ir.types import ArrayType


def check(fname: str, t: ArrayType, a: list) -> None:
    for x in a:
        if type(x) is not np.ndarray or x.dtype.name != t.dtype or x.ndim != t.ndim:
            got = (f"a {x.dtype.name} array of {x.ndim} dimensions" if type(x) is np.ndarray
                   else f"a {type(x).__name__}")
            raise TypeError(f"{fname}(): expected a list of {t.dtype} arrays of {t.ndim} "
                            f"dimensions, found {got}")


class ArrayBlocks:
    """The arrays placed for one call: id -> (array, address); and by slot."""
    __slots__ = ("by_id", "by_slot")

    def __init__(self):
        self.by_id: dict = {}
        self.by_slot: dict = {}  # (addr, shape, strides) -> array

    def place(self, caller, t: ArrayType, a: list) -> np.ndarray:
        """The slots of list `a` (its arrays written to the arena)."""
        dt = np.dtype(t.dtype).newbyteorder("<")
        rows = []
        for x in a:
            got = self.by_id.get(id(x))
            if got is None or got[0] is not x:
                raw = np.ascontiguousarray(x, dt)
                addr = caller.alloc(max(raw.nbytes, 1))
                if raw.nbytes:
                    caller.write(addr, raw.reshape(-1).view(np.uint8))
                got = self.by_id[id(x)] = (x, addr)
                self.by_slot[_key(addr, x.shape)] = x
            rows.append([got[1], *x.shape, *_c_strides(x.shape)])
        return np.array(rows, "<i8").reshape(-1)

    def copy_back(self, u8) -> None:
        """The data of every placed array back into the caller's array."""
        for x, addr in self.by_id.values():
            n = x.nbytes
            if n and x.flags.writeable:
                if addr < 0 or addr + n > len(u8):
                    raise RuntimeError("read outside linear memory (a py2wasm bug)")
                x[...] = u8[addr:addr + n].view(np.dtype(x.dtype).newbyteorder("<")).reshape(
                    x.shape)


def _c_strides(shape) -> list:
    out, s = [], 1
    for n in reversed(shape):
        out.append(s)
        s *= n
    return out[::-1]


def _key(addr, shape):
    return (int(addr), tuple(int(s) for s in shape), tuple(_c_strides(shape)))


def read(u8, data: int, n: int, t: ArrayType, blocks) -> list:
    """The arrays of a list's `n` slots at `data`."""
    w = 1 + 2 * t.ndim
    nbytes = 8 * w * n
    if data < 0 or data + nbytes > len(u8):
        raise RuntimeError("read outside linear memory (a py2wasm bug)")
    slots = u8[data:data + nbytes].view("<i8").reshape(n, w).tolist()
    dt = np.dtype(t.dtype).newbyteorder("<")
    out = []
    for s in slots:
        addr, shape, strides = s[0], tuple(s[1:1 + t.ndim]), tuple(s[1 + t.ndim:])
        own = None if blocks is None else blocks.by_slot.get((addr, shape, strides))
        if own is not None:
            out.append(own)
            continue
        out.append(_copy_out(u8, addr, shape, strides, dt))
    return out


def _copy_out(u8, addr, shape, strides, dt) -> np.ndarray:
    if any(s == 0 for s in shape):
        return np.zeros(shape, dt.newbyteorder("="))
    lo = hi = addr
    for n, s in zip(shape, strides):  # the bytes the view spans, checked
        ext = (n - 1) * s * dt.itemsize
        lo, hi = (lo + ext, hi) if ext < 0 else (lo, hi + ext)
    if lo < 0 or hi + dt.itemsize > len(u8):
        raise RuntimeError("read outside linear memory (a py2wasm bug)")
    base = u8[lo:hi + dt.itemsize]
    view = np.lib.stride_tricks.as_strided(base[addr - lo:].view(dt), shape,
                                           tuple(s * dt.itemsize for s in strides))
    return np.array(view, dt.newbyteorder("="))
