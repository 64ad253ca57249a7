"""Python strs crossing py2wasm.compile's calls (the runner side of
frontend/strvalues.py's layout: an int64 length, then one int32 code point
per character).

Place in the pipeline: host side, used by runner/arrays.py's ArrayCaller for
parameters and results of type `ir.types.StrType`, and by exception messages
whose operands include a run-time string (message kind "str").
"""
from __future__ import annotations

import struct


def encode(s: str) -> bytes:
    """The block of `s` (lone surrogates are code points like any other)."""
    return struct.pack("<q", len(s)) + s.encode("utf-32-le", "surrogatepass")


def check(fname: str, v) -> str:
    if type(v) is not str:
        if isinstance(v, str):  # a str subclass: its text
            return str.__str__(v)
        raise TypeError(f"{fname}(): expected a str, got {type(v).__name__}")
    return v


def decode(u8, addr: int) -> str:
    """The str whose block is at `addr` of memory view `u8`."""
    if addr < 0 or addr + 8 > len(u8):
        raise RuntimeError("read outside linear memory (a py2wasm bug)")
    n = int(u8[addr:addr + 8].view("<i8")[0])
    end = addr + 8 + 4 * n
    if n < 0 or end > len(u8):
        raise RuntimeError("read outside linear memory (a py2wasm bug)")
    return bytes(u8[addr + 8:end]).decode("utf-32-le", "surrogatepass")


def _str_to_float(caller, addr: int) -> float:
    """py2wasm.str_to_float: Python's float() of the (validated, ASCII) text
    of the str block at `addr` of the caller's memory."""
    mem = caller["memory"]
    a = addr & 0xFFFFFFFF
    n = int.from_bytes(bytes(mem.read(caller, a, a + 8)), "little", signed=True)
    raw = bytes(mem.read(caller, a + 8, a + 8 + 4 * n))
    return float(raw.decode("utf-32-le"))


def _read(caller, mem, addr: int) -> str:
    a = addr & 0xFFFFFFFF
    n = int.from_bytes(bytes(mem.read(caller, a, a + 8)), "little", signed=True)
    return bytes(mem.read(caller, a + 8, a + 8 + 4 * n)).decode("utf-32-le", "surrogatepass")


def _str_format(caller, bits: int, desc: int, buf: int) -> int:
    """py2wasm.str_format: CPython's format() of the value whose 64 bits are
    `bits` (ir/messages.py's descriptor at `desc`), written into the buffer
    block at `buf`; returns its length in code points."""
    from ..ir.messages import bits_value, format_field, parse_descriptor
    mem = caller["memory"]
    d = _read(caller, mem, desc)
    kind = parse_descriptor(d)[0]
    text = format_field(d, bits_value(kind, bits), lambda a: _read(caller, mem, a))
    a = buf & 0xFFFFFFFF
    cap = int.from_bytes(bytes(mem.read(caller, a, a + 8)), "little", signed=True)
    if len(text) > cap:
        raise RuntimeError("py2wasm.str_format: the text is longer than its buffer (a py2wasm bug)")
    mem.write(caller, text.encode("utf-32-le", "surrogatepass"), a + 8)
    return len(text)


_IMPORTS = {"str_to_float": ((("i32",), ("f64",)), _str_to_float),
            "str_format": ((("i64", "i32", "i32"), ("i32",)), _str_format)}


def define_str_imports(linker, fields) -> None:
    """Define the "py2wasm" host imports a build uses in a wasmtime Linker."""
    import wasmtime
    for f in fields:
        if f not in _IMPORTS:
            raise ValueError(f"the build imports py2wasm.{f}, which the runner does not supply")
        (params, results), fn = _IMPORTS[f]
        ty = wasmtime.FuncType([getattr(wasmtime.ValType, t)() for t in params],
                               [getattr(wasmtime.ValType, t)() for t in results])
        linker.define_func("py2wasm", f, ty, fn, access_caller=True)


class StrPlacement:
    """The strs inside one call's argument containers (list elements, dict
    keys and values, set elements, record fields): each written once as a
    block in the arena; reading back maps a block still at its address to
    the caller's own str object (identity kept, no decoding), a new block
    (made by the compiled code) to a decoded str."""
    __slots__ = ("by_addr", "by_id")

    def __init__(self):
        self.by_addr: dict = {}  # block address -> the caller's str object
        self.by_id: dict = {}  # id(str object) -> block address

    def place(self, caller, fname: str, s) -> int:
        got = self.by_id.get(id(s))
        if got is not None and self.by_addr[got] is s:
            return got
        raw = encode(check(fname, s))
        addr = caller.alloc(len(raw))
        caller.write(addr, raw)
        self.by_addr[addr] = s
        self.by_id[id(s)] = addr
        return addr

    def read(self, u8, addr: int) -> str:
        own = self.by_addr.get(addr)
        if own is not None and type(own) is str:
            return own
        return decode(u8, addr)
