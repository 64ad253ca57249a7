"""Linear memory for the reference interpreter: a growable byte array with a
per-call bump allocator, and element access by NumPy dtype.

Place in the pipeline: beside the backend, like `ir.interpret` (which uses it
for the `alloc`, `load` and `store` primitives). It models the wasm module's
memory: addresses are byte offsets, `reset()` frees everything allocated
since the last reset (what the host does between exported calls), and the
host side (tests, `py2wasm.runner.arrays`) copies NumPy arrays in and out
with `write_array` / `read_array`.
"""
from __future__ import annotations

import struct

from .messages import ALLOC_FAILED

_FMT = {"float64": "<d", "float32": "<f", "int64": "<q", "int32": "<i", "int16": "<h",
        "int8": "<b", "uint64": "<q", "uint32": "<I", "uint16": "<H", "uint8": "<B", "bool": "<B"}
ALIGN = 16
LIMIT = 2**32  # wasm32


class Memory:
    """`data` (a bytearray) and a bump pointer `top`. Address 0 is never
    handed out (the first 16 bytes are reserved)."""

    def __init__(self, limit: int = LIMIT):
        self.data = bytearray(ALIGN)
        self.base = ALIGN
        self.top = ALIGN
        self.limit = limit

    def alloc(self, nbytes: int) -> int:
        if nbytes < 0 or self.top + nbytes > self.limit:
            raise MemoryError(ALLOC_FAILED)
        addr = self.top
        self.top = (addr + nbytes + ALIGN - 1) // ALIGN * ALIGN
        if len(self.data) < self.top:
            self.data.extend(bytes(self.top - len(self.data)))
        return addr

    def reset(self) -> None:
        self.top = self.base
        self.tables = {}

    def table(self, name: str, blob: bytes) -> int:
        """The address of constant table `name` (`data_addr`): copied into
        the arena on its first use in a call, as the wasm module does."""
        tables = self.__dict__.setdefault("tables", {})
        addr = tables.get(name)
        if addr is None:
            addr = tables[name] = self.write_bytes(blob)
        return addr

    def _check(self, addr: int, n: int) -> None:
        if not ALIGN <= addr and addr + n <= self.top:
            raise RuntimeError(f"memory access out of bounds: {n} bytes at {addr} "
                               f"(allocated: {self.base}..{self.top})")

    def load(self, dtype: str, addr: int):
        fmt = _FMT[dtype]
        n = struct.calcsize(fmt)
        self._check(addr, n)
        v = struct.unpack_from(fmt, self.data, addr)[0]
        if dtype == "bool":
            return v != 0
        return float(v) if dtype.startswith("float") else int(v)

    def store(self, dtype: str, addr: int, value) -> None:
        fmt = _FMT[dtype]
        n = struct.calcsize(fmt)
        self._check(addr, n)
        if dtype == "float32":
            value = f32(value)
        elif dtype in _BITS:
            value = wrap(dtype, value)
        elif dtype == "bool":
            value = int(bool(value))
        struct.pack_into(fmt, self.data, addr, value)

    # --- the host side ---------------------------------------------------------
    def write_bytes(self, raw: bytes) -> int:
        addr = self.alloc(len(raw))
        self.data[addr:addr + len(raw)] = raw
        return addr

    def read_bytes(self, addr: int, n: int) -> bytes:
        if n:
            self._check(addr, n)
        return bytes(self.data[addr:addr + n])


def f32(x: float) -> float:
    """Round to the nearest float32 (overflow to +-inf), as an f64."""
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        # struct refuses finite values beyond float32's range; IEEE rounds
        # them to infinity unless they round down to FLT_MAX.
        fmax = 3.4028234663852886e38
        half_ulp = 2.0**103  # half of float32's last ulp below infinity
        if abs(x) < fmax + half_ulp:
            return fmax if x > 0 else -fmax
        return float("inf") if x > 0 else float("-inf")


from .types import INT_BITS as _BITS  # noqa: E402


def wrap(dtype: str, v: int) -> int:
    """The low bits of `v` as `dtype`, as the IR computes them (uint64: its
    bits as a signed i64)."""
    bits, signed = _BITS[dtype]
    signed = signed or bits == 64
    v &= (1 << bits) - 1
    if signed and v >= 1 << (bits - 1):
        v -= 1 << bits
    return v
