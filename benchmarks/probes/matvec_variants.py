"""Probe (issue 15): is the float32 matrix-vector gap the engine's or the
loop's? The loops of matvec_variants.h run as wasm (clang -O3 -msimd128,
wasmtime) and as native 128-bit SSE code without FMA (clang -O3 -msse4.2
-mno-avx -mno-fma, loaded with ctypes) on the same matrix, placed in the
wasm instance's linear memory, next to NumPy (one OpenBLAS thread) on its
own copy and on the copy in linear memory; CPU time per call, best of
interleaved rounds. RESULTS.md "matrix-vector: row streams".

    OPENBLAS_NUM_THREADS=1 python benchmarks/probes/matvec_variants.py 2000 mv_1_2,mv_3_2,xa_8_1
"""
import ctypes
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import wasmtime  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
from benchmarks.engines import C_FLAGS, find_clang  # noqa: E402


def build(tmp: Path):
    src = tmp / "matvec_variants.c"
    src.write_text(f'#include "{HERE / "matvec_variants.h"}"\n')
    wasm, so = tmp / "matvec_variants.wasm", tmp / "matvec_variants.so"
    clang = find_clang()
    subprocess.run([clang, *C_FLAGS, "-Wl,--initial-memory=134217728", "-o", str(wasm), str(src)],
                   check=True)
    subprocess.run([clang, "-O3", "-msse4.2", "-mno-avx", "-mno-fma", "-shared", "-fPIC", "-o",
                    str(so), str(src)], check=True)
    return wasm, so


def best(f, reps=20, repeats=5):
    t = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        for _ in range(reps):
            f()
        t = min(t, (time.process_time() - t0) / reps)
    return t * 1e3


def main(n: int, names: list, rounds: int = 4) -> None:
    wasm, so = build(Path("/tmp"))
    eng = wasmtime.Engine()
    store = wasmtime.Store(eng)
    mod = wasmtime.Module.from_file(eng, str(wasm))
    linker = wasmtime.Linker(eng)
    linker.define_unknown_imports_as_traps(mod)
    ex = linker.instantiate(store, mod).exports(store)
    mem = ex["memory"]
    if mem.data_len(store) < 2 * n * n * 4 + (4 << 20):
        mem.grow(store, (2 * n * n * 4) // 65536 + 64)
    base = ctypes.addressof(mem.data_ptr(store).contents)
    lin = np.frombuffer((ctypes.c_ubyte * mem.data_len(store)).from_address(base), np.uint8)
    lib = ctypes.CDLL(str(so))
    a = np.random.default_rng(0).standard_normal((n, n)).astype(np.float32)
    x = np.ones(n, np.float32)
    pa = 1 << 20
    px, py = pa + a.nbytes, pa + a.nbytes + x.nbytes + 64
    aw = lin[pa:pa + a.nbytes].view(np.float32).reshape(n, n)
    aw[:] = a
    lin[px:px + x.nbytes] = x.view(np.uint8)
    res: dict = {}

    def rec(k, v):
        res[k] = min(res.get(k, float("inf")), v)
    for _ in range(rounds):
        rec("NumPy A @ x", best(lambda: a @ x))
        rec("NumPy x @ A", best(lambda: x @ a))
        rec("NumPy A @ x, A in linear memory", best(lambda: aw @ x))
        for nm in names:
            f = getattr(lib, nm)
            f.restype = None
            args = (ctypes.c_void_p(base + pa), n, n, ctypes.c_void_p(base + px),
                    ctypes.c_void_p(base + py))
            rec(f"native SSE {nm}", best(lambda: f(*args)))
            rec(f"wasm {nm}", best(lambda: ex[nm](store, pa, n, n, px, py)))
    for k, v in res.items():
        print(f"{k:32s} {v:.3f} ms")
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    default = "mv_1_2,mv_1_4,mv_3_2,mv_8_1,xa_4_1,xa_8_1"
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000,
         (sys.argv[2] if len(sys.argv) > 2 else default).split(","))
