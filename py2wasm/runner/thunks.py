"""Zero-argument C entry points with bound arguments ("thunks").

Place in the pipeline: runner, used by `callgen` for the call into wasm.
A ctypes call costs ~0.1-0.15 µs per argument (each `c_void_p` argument is
converted through libffi), so the five fixed arguments of
`wasmtime_func_call_unchecked(ctx, func, args, nargs, trap_out)` cost more
than the wasm call itself. A thunk is a few machine instructions that load
those five values (all fixed for one exported function of one instance)
into the argument registers and jump to the C function; Python then calls
it with no arguments (~0.05 µs). A thunk for wasmtime_func_call_unchecked
also reads the trap out-parameter when the call returns no error
(`load`), so the caller tests one result instead of two.

Thunks exist on x86-64 Linux only (System V calling convention, `mmap` +
`mprotect`: the code page is written, then made read+execute, never
writable and executable at once). Anywhere else, or when the kernel refuses
executable memory, or with PY2WASM_NO_THUNKS=1 in the environment,
`available()` is False and callers pass the arguments through ctypes. The
first use runs a self-test (a thunk bound to libc's memmove) before any
thunk is trusted.
"""
from __future__ import annotations

import ctypes
import os
import platform
import struct
import sys
import threading
import weakref

_PAGE = 4096
_THUNK_SIZE = 96  # at most 89 bytes of code, padded
_PROT_READ, _PROT_WRITE, _PROT_EXEC = 1, 2, 4
_MAP_PRIVATE, _MAP_ANONYMOUS = 0x02, 0x20

_lock = threading.Lock()
_state: dict = {}


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    mmap, mprotect, munmap = libc.mmap, libc.mprotect, libc.munmap
    mmap.restype = ctypes.c_void_p
    mmap.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                     ctypes.c_long)
    mprotect.restype = munmap.restype = ctypes.c_int
    mprotect.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
    munmap.argtypes = (ctypes.c_void_p, ctypes.c_size_t)
    return mmap, mprotect, munmap


def _code(target: int, args, load: int | None = None) -> bytes:
    """x86-64: movabs rdi/rsi/rdx/rcx/r8, imm64 (the first five integer
    arguments), movabs rax, target; jmp rax. A tail jump: the callee returns
    straight to the thunk's caller with the stack as the caller left it.

    With `load` (an address): a call instead of the jump, and when the
    callee returns 0 the thunk returns the pointer-sized value at `load`
    (wasmtime_func_call_unchecked returns its error, and reports a trap
    through its out-parameter: one result then tells Python whether either
    happened). The frame (push rbp; mov rbp, rsp) keeps the stack 16-byte
    aligned for the call and frame-pointer walks intact."""
    ops = (b"\x48\xbf", b"\x48\xbe", b"\x48\xba", b"\x48\xb9", b"\x49\xb8")
    code = b"".join(op + struct.pack("<Q", a & 0xFFFFFFFFFFFFFFFF) for op, a in zip(ops, args))
    code += b"\x48\xb8" + struct.pack("<Q", target)
    if load is None:
        return code + b"\xff\xe0"
    tail = (b"\x48\xb8" + struct.pack("<Q", load & 0xFFFFFFFFFFFFFFFF)  # movabs rax, load
            + b"\x48\x8b\x00")  # mov rax, [rax]
    return (b"\x55\x48\x89\xe5" + code  # push rbp; mov rbp, rsp; ...
            + b"\xff\xd0"  # call rax
            + b"\x48\x85\xc0"  # test rax, rax
            + b"\x75" + bytes([len(tail)])  # jnz over the load
            + tail + b"\x5d\xc3")  # pop rbp; ret


class ThunkPage:
    """Executable memory holding thunks, unmapped when garbage collected.
    `make([(target, args[, load]), ...])` writes them all at once (the memory is
    writable only before it becomes executable) and returns one ctypes
    function per thunk (zero arguments, result a C pointer as int or None).
    The ctypes functions keep the page alive."""

    def __init__(self, specs):
        mmap, mprotect, munmap = _state["libc"]
        size = max(_PAGE, (len(specs) * _THUNK_SIZE + _PAGE - 1) // _PAGE * _PAGE)
        addr = mmap(None, size, _PROT_READ | _PROT_WRITE, _MAP_PRIVATE | _MAP_ANONYMOUS, -1, 0)
        if addr is None or addr == ctypes.c_void_p(-1).value:
            raise OSError(ctypes.get_errno(), "mmap failed")
        self.addr, self.size = addr, size
        weakref.finalize(self, munmap, addr, size)
        for i, (target, args, *load) in enumerate(specs):
            code = _code(target, args, *load)
            assert len(code) <= _THUNK_SIZE
            ctypes.memmove(addr + i * _THUNK_SIZE, code, len(code))
        if mprotect(addr, size, _PROT_READ | _PROT_EXEC) != 0:
            raise OSError(ctypes.get_errno(), "mprotect failed")
        proto = ctypes.PYFUNCTYPE(ctypes.c_void_p)  # the GIL stays held, as with PyDLL
        self.funcs = []
        for i in range(len(specs)):
            f = proto(addr + i * _THUNK_SIZE)
            f._page = self  # noqa: SLF001 - the page lives as long as any of its thunks
            self.funcs.append(f)


def _self_test() -> bool:
    """Both kinds, bound to libc functions: memmove (a non-zero result,
    returned as such) and memcmp of equal bytes (0: the loaded value)."""
    libc = ctypes.CDLL(None)
    move = ctypes.cast(libc.memmove, ctypes.c_void_p).value
    cmp = ctypes.cast(libc.memcmp, ctypes.c_void_p).value
    src = ctypes.create_string_buffer(b"py2wasm thunk ok", 16)
    dst = ctypes.create_string_buffer(16)
    dst2 = ctypes.create_string_buffer(16)
    cell = ctypes.c_void_p(0x1234_5678_9ABC)
    s, d, d2 = (ctypes.addressof(b) for b in (src, dst, dst2))
    f, g, h = ThunkPage([(move, (d, s, 16, 0, 0)), (move, (d2, s, 16, 0, 0), ctypes.addressof(cell)),
                         (cmp, (s, s, 16, 0, 0), ctypes.addressof(cell))]).funcs
    return (f() == d and dst.raw == src.raw and g() == d2 and dst2.raw == src.raw
            and h() == cell.value)


def available() -> bool:
    """Can this process make thunks? (decided once, by a self-test)"""
    ok = _state.get("ok")
    if ok is None:
        with _lock:
            ok = _state.get("ok")
            if ok is None:
                ok = False
                if (sys.platform.startswith("linux") and platform.machine() in ("x86_64", "AMD64")
                        and struct.calcsize("P") == 8 and not os.environ.get("PY2WASM_NO_THUNKS")):
                    try:
                        _state["libc"] = _libc()
                        ok = _self_test()
                    except (OSError, AttributeError, ValueError):
                        ok = False
                _state["ok"] = ok
    return ok


def thunks(specs) -> list:
    """Zero-argument callables, one per (C function address, up to five
    integer/pointer arguments[, load address]) in `specs`; requires
    `available()`. With a load address, a call whose C result is 0 returns
    the pointer-sized value stored at that address instead (None if 0)."""
    if not available():
        raise RuntimeError("thunks are not available on this platform")
    specs = [(t, tuple(a) + (0,) * (5 - len(a)), *rest) for t, a, *rest in specs]
    return ThunkPage(specs).funcs


__all__ = ["available", "thunks"]
