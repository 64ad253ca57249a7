"""Which Cranelift optimization level compiles a wasm module under wasmtime.

Place in the pipeline: the runner (py2wasm.compile), between the backend's
Build and `wasmtime.Module`. Binaryen has already optimized the wasm (-O3),
and Cranelift's "speed" level grows faster than linearly with the size of
one function body: 10,000 `a += 1` statements (a 300 KB body) took 3.1 s of
CPU at "speed", 0.94 s at half that size, and 0.07 s at "none" (wasmtime
50, measured 2026-12-06: docs/scaling.md). A module with a function body
past `LARGE_BODY` bytes is compiled at "none" (register allocation and
instruction selection still run; Cranelift's own mid-end optimizations,
redundant after Binaryen's, do not); every other module, among them every
benchmark kernel (a few KB), at "speed".
"""
from __future__ import annotations

# bytes of one function body beyond which Cranelift's mid-end is skipped
# (64 KB at "speed": about 0.25 s; a benchmark kernel: under 8 KB)
LARGE_BODY = 64 * 1024


def _leb(data: bytes, i: int) -> tuple[int, int]:
    """An unsigned LEB128 at data[i]: (value, index after it)."""
    out = shift = 0
    while True:
        byte = data[i]
        i += 1
        out |= (byte & 0x7F) << shift
        if byte < 0x80:
            return out, i
        shift += 7


def largest_body(wasm: bytes) -> int:
    """The size in bytes of the largest function body of a wasm binary (0
    without a code section; a malformed binary: 0, wasmtime reports it)."""
    try:
        i = 8  # magic and version
        while i < len(wasm):
            section = wasm[i]
            size, i = _leb(wasm, i + 1)
            if section == 10:  # the code section: a count, then (size, body) each
                count, j = _leb(wasm, i)
                best = 0
                for _ in range(count):
                    n, j = _leb(wasm, j)
                    best = max(best, n)
                    j += n
                return best
            i += size
    except IndexError:
        pass
    return 0


def opt_level(wasm: bytes) -> str:
    """wasmtime's `cranelift_opt_level` for this module: "speed" or "none"."""
    return "none" if largest_body(wasm) > LARGE_BODY else "speed"
