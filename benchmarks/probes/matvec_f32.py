"""Probe (issue 15): py2wasm's float32 `A @ x` and `x @ A` next to the same
loops written in C with wasm SIMD intrinsics (matvec_f32.c, compiled here by
clang -O3 -msimd128) and NumPy, in one process under wasmtime, CPU time.

    OPENBLAS_NUM_THREADS=1 python benchmarks/probes/matvec_f32.py [n]
"""
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import wasmtime

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
import py2wasm  # noqa: E402
from benchmarks.engines import C_FLAGS, find_clang  # noqa: E402
from benchmarks.matmul import ax, kernel_time, xa  # noqa: E402


def main(n: int) -> None:
    wasm = Path("/tmp") / "matvec_f32_probe.wasm"
    subprocess.run([find_clang(), *C_FLAGS, "-Wl,--initial-memory=134217728", "-o", str(wasm),
                    str(HERE / "matvec_f32.c")], check=True)
    rng = np.random.default_rng(0)
    A = rng.standard_normal((n, n)).astype(np.float32)
    x = rng.standard_normal(n).astype(np.float32)
    eng = wasmtime.Engine()
    store = wasmtime.Store(eng)
    mod = wasmtime.Module.from_file(eng, str(wasm))
    linker = wasmtime.Linker(eng)
    linker.define_unknown_imports_as_traps(mod)
    ex = linker.instantiate(store, mod).exports(store)
    mem = ex["memory"]
    pa = 1 << 20
    px, py = pa + A.nbytes, pa + A.nbytes + x.nbytes
    mem.write(store, A.tobytes(), pa)
    mem.write(store, x.tobytes(), px)

    def c(name):
        best = float("inf")
        for _ in range(9):
            t = time.process_time()
            for _ in range(20):
                ex[name](store, pa, n, n, px, py)
            best = min(best, (time.process_time() - t) / 20)
        return best * 1e3
    fax, fxa = py2wasm.compile(ax, target="simd"), py2wasm.compile(xa, target="simd")
    for _ in range(3):
        print(f"n={n} A @ x: py2wasm {kernel_time(fax, (A, x), 20, 7) * 1e3:.3f} ms, C "
              f"{c('mv3'):.3f} (k x2 {c('mv3u'):.3f}, 4 rows {c('mv4'):.3f}, 2 rows {c('mv2'):.3f}),"
              f" NumPy {kernel_time(ax, (A, x), 20, 7) * 1e3:.3f}")
        print(f"n={n} x @ A: py2wasm {kernel_time(fxa, (x, A), 20, 7) * 1e3:.3f} ms, C "
              f"{c('xa8'):.3f} (4 rows x 2 vectors {c('xa4'):.3f}),"
              f" NumPy {kernel_time(xa, (x, A), 20, 7) * 1e3:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
