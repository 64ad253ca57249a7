"""Probe (issue 15): matrix-vector products with the row groupings of
frontend/matmul_kernels.py as they are ("after") against the earlier fixed
ones ("before": `A @ x` always 3 rows per pass, `x @ A` always 8; set by
patching STREAM_BYTES / AXPY_BYTES before tracing), and NumPy on one
OpenBLAS thread, side by side in one process; CPU time per product, best
of interleaved rounds (benchmarks/matmul.py's kernel_time: 20 products
per call minus an empty call).

    OPENBLAS_NUM_THREADS=1 python benchmarks/probes/matvec_rows_ab.py --sizes 1000 2000
"""
import argparse
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import py2wasm  # noqa: E402
from benchmarks.matmul import atx, ax, kernel_time, npdot, xa  # noqa: E402
from py2wasm.frontend import matmul_kernels as mk  # noqa: E402

CASES = {"A @ x": ax, "np.dot(A, x)": npdot, "x @ A": xa, "A.T @ x": atx}
BEFORE = {"STREAM_BYTES": (1 << 62, 1 << 62), "AXPY_BYTES": 0}


def compiled(fn, ops, target, patch):
    saved = {k: getattr(mk, k) for k in patch}
    for k, v in patch.items():
        setattr(mk, k, v)
    try:
        c = py2wasm.compile(fn, target=target)
        c(*[o.copy() for o in ops], 1)  # traced and built now, with the patch
    finally:
        for k, v in saved.items():
            setattr(mk, k, v)
    return c


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000])
    p.add_argument("--dtypes", nargs="+", default=["float32", "float64"])
    p.add_argument("--cases", nargs="+", default=list(CASES))
    p.add_argument("--target", default="simd")
    p.add_argument("--rounds", type=int, default=4)
    args = p.parse_args()
    rng = np.random.default_rng(0)
    print(f"| case | dtype | n | NumPy (ms) | before (ms) | after (ms) | before / NumPy | "
          f"after / NumPy |\n|---|---|---:|---:|---:|---:|---:|---:|")
    for dt in args.dtypes:
        for n in args.sizes:
            a = rng.standard_normal((n, n)).astype(dt)
            x = rng.standard_normal(n).astype(dt)
            for name in args.cases:
                fn = CASES[name]
                ops = (x, a) if fn is xa else (a, x)
                sides = {"before": compiled(fn, ops, args.target, BEFORE),
                         "after": compiled(fn, ops, args.target, {})}
                want = sides["before"](*[o.copy() for o in ops], 1)
                assert np.float64(sides["after"](*[o.copy() for o in ops], 1)) == want
                t = {"numpy": np.inf, "before": np.inf, "after": np.inf}
                for _ in range(args.rounds):  # interleaved: each side sees the same load
                    t["numpy"] = min(t["numpy"], kernel_time(fn, ops, 20, 5))
                    for k, c in sides.items():
                        t[k] = min(t[k], kernel_time(c, ops, 20, 5))
                print(f"| {name} | {dt} | {n} | {t['numpy'] * 1e3:.3f} | {t['before'] * 1e3:.3f} | "
                      f"{t['after'] * 1e3:.3f} | {t['before'] / t['numpy']:.2f} | "
                      f"{t['after'] / t['numpy']:.2f} |", flush=True)
    print(f"\nload average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
