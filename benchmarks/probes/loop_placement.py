"""Probe: does a hot loop's speed under wasmtime depend on where Cranelift
places its machine code? (The float32 horner kernel of
benchmarks/probes/f32_scalar_ab.py ran 1.16-1.25x slower in the SIMD build
after backend/lower_f32 although its vector loop's instructions are the
same before and after.)

The module py2wasm.compile makes for horner (simd target) is taken as wasm
text; P instructions that change a global (`global.set` of an xor: a few
bytes of machine code each, never removed) are put at the start of the
function, which moves every loop behind them by a few bytes; each variant
is compiled by wasmtime, its machine code read back (`Module.serialize()` +
objdump) for the address of the vector loop's first `vmulps`, and timed
(the export called directly, n float32 elements, `reps` passes inside
wasm; CPU time, median of interleaved rounds of the best of 3).

    python benchmarks/probes/loop_placement.py [--pads 0 1 2 3 5 8] [--tree /tmp/old-export]
"""
import argparse
import ctypes
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np


def horner(a, b, reps):
    for _ in range(reps):
        for i in range(a.shape[0]):
            x = a[i]
            b[i] = ((x * np.float32(0.25) + np.float32(-0.5)) * x + np.float32(1.5)) * x + np.float32(2)
    return b[a.shape[0] - 1]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--pads", type=int, nargs="+", default=[0, 1, 2, 3, 5, 8])
    p.add_argument("--n", type=int, default=65536)
    p.add_argument("--reps", type=int, default=200)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--tree", default=None, help="a py2wasm source tree (default: this one)")
    args = p.parse_args()
    if args.tree:
        sys.path.insert(0, os.path.abspath(args.tree))
    import cffi
    import wasmtime

    import py2wasm
    from py2wasm.backend import binaryen as bn
    ffi = cffi.FFI()
    ffi.include(bn.ffi)
    ffi.cdef("BinaryenModuleRef BinaryenModuleParse(const char* text);")
    lib = ffi.dlopen(bn._library_path())  # noqa: SLF001

    f = py2wasm.compile(horner, target="simd")
    one = np.ones(8, np.float32)
    f(one, one.copy(), 1)
    text = f.wat().replace("(; has Stack IR ;) ", "")
    eng = wasmtime.Engine()
    store = wasmtime.Store(eng)
    n = args.n
    a = np.random.default_rng(0).uniform(0.5, 1.0, n).astype(np.float32)
    runs = {}
    for pad in args.pads:
        pads = "".join(f"(global.set $py2wasm_exc_arg7 (i64.xor (global.get $py2wasm_exc_arg7) "
                       f"(i64.const {1000 + j})))" for j in range(pad))
        wat = re.sub(r"(\(func \$export\.horner \(param[^\n]*\n(?:\s*\(local [^\n]*\n)*)",
                     lambda m, pads=pads: m.group(1) + pads + "\n", text, count=1)
        mref = lib.BinaryenModuleParse(wat.encode())
        out = bn.lib.BinaryenModuleAllocateAndWrite(mref, bn.ffi.NULL)
        mod = wasmtime.Module(eng, bytes(bn.ffi.buffer(out.binary, out.binaryBytes)))
        with tempfile.NamedTemporaryFile(suffix=".cwasm") as tf:
            tf.write(mod.serialize())
            tf.flush()
            dis = subprocess.run(["objdump", "-d", "--no-show-raw-insn", tf.name],
                                 capture_output=True, text=True).stdout
        muls = [int(ln.split(":")[0], 16) for ln in dis.splitlines() if "vmulps" in ln]
        ex = wasmtime.Instance(store, mod, []).exports(store)
        mem = ex["memory"]
        mem.grow(store, (8 * n) // 65536 + 4)
        base = ctypes.addressof(mem.data_ptr(store).contents)
        lin = np.frombuffer((ctypes.c_ubyte * mem.data_len(store)).from_address(base), np.uint8)
        pa, pb = 1 << 16, (1 << 16) + 4 * n + 64
        lin[pa:pa + 4 * n] = a.view(np.uint8)
        runs[pad] = (ex["horner"], pa, pb, muls[0] if muls else -1, [])
    for _ in range(args.rounds):
        for fn, pa, pb, _off, ts in runs.values():
            t = float("inf")
            for _ in range(3):
                t0 = time.process_time()
                fn(store, pa, n, pb, n, args.reps)
                t = min(t, time.process_time() - t0)
            ts.append(t / args.reps * 1e6)
    print(f"horner, simd, n = {n}; load average {os.getloadavg()[0]:.1f}")
    for pad, (_f, _pa, _pb, off, ts) in runs.items():
        print(f"  pad {pad:2d}: first vmulps of the vector loop at {off:#06x} ({off % 64:2d} mod 64): "
              f"{statistics.median(ts):6.2f} us (best {min(ts):.2f})")


if __name__ == "__main__":
    main()
