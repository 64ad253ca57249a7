"""Matrix products in compiled code (issue 15): time of py2wasm's `a @ b`
(float64/float32, n x n) and matrix-vector products in both orientations
(`A @ x`, `x @ A`) against NumPy (OpenBLAS), side by side in one process.

Place in the pipeline: a benchmark script over compiled modules. Each
product is compiled once per target (`py2wasm.compile(fn, target=...)`),
checked against NumPy first (relative error), then timed: the best of
`--repeats` interleaved runs of each side (the machine is shared; the
minimum is the stable statistic). NumPy's BLAS threads are pinned to one
(`OPENBLAS_NUM_THREADS=1` before numpy is imported). The time of a compiled
call includes copying the operands into wasm memory and the result out.
Ratio = py2wasm / NumPy (> 1: slower than NumPy).

    python benchmarks/matmul.py                            # the full table
    python benchmarks/matmul.py --targets simd --sizes 256 --repeats 3
"""
from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import py2wasm  # noqa: E402


def _mm(a, b):
    return a @ b


def _vm(x, a):
    return x @ a


def cases(sizes, matvec):
    rng = np.random.default_rng(0)
    for dt in ("float64", "float32"):
        for n in sizes:
            yield (f"matmul {dt}", n, _mm, (rng.standard_normal((n, n)).astype(dt),
                                            rng.standard_normal((n, n)).astype(dt)))
    for dt in ("float64", "float32"):
        a = rng.standard_normal((matvec, matvec)).astype(dt)
        x = rng.standard_normal(matvec).astype(dt)
        yield (f"A @ x {dt}", matvec, _mm, (a, x))
        yield (f"x @ A {dt}", matvec, _vm, (x, a))


def best(fn, args):
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 512])
    p.add_argument("--matvec", type=int, default=2000)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--targets", nargs="+", default=["mvp", "simd", "relaxed-simd"])
    args = p.parse_args(argv)
    compiled = {(t, f): py2wasm.compile(f, target=t) for t in args.targets for f in (_mm, _vm)}
    print("| product | n | NumPy (ms) | " + " | ".join(f"{t} (ms) | {t} / NumPy"
                                                   for t in args.targets) + " |")
    print("|---|---:|---:|" + "---:|---:|" * len(args.targets))
    for name, n, fn, ops in cases(args.sizes, args.matvec):
        want = fn(*ops)
        scale = np.abs(want).max() or 1.0
        tol = 1e-4 if want.dtype == np.float32 else 1e-10
        for t in args.targets:
            got = compiled[t, fn](*ops)
            err = np.abs(np.asarray(got, np.float64) - want).max() / scale
            if not err < tol:
                raise SystemExit(f"{name} n={n} {t}: differs from NumPy by {err:.3g}")
        tn, tw = float("inf"), {t: float("inf") for t in args.targets}
        for _ in range(args.repeats):  # interleaved: every side sees the same load
            tn = min(tn, best(fn, ops))
            for t in args.targets:
                tw[t] = min(tw[t], best(compiled[t, fn], ops))
        print(f"| {name} | {n} | {tn * 1e3:.3f} | " + " | ".join(
            f"{tw[t] * 1e3:.3f} | {tw[t] / tn:.1f}" for t in args.targets) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
