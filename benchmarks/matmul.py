"""Linear algebra and stencils in compiled code (issue 15): py2wasm's `a @ b`
(float64/float32, n x n), matrix-vector products in every orientation
(`A @ x`, `x @ A`, `A.T @ x`, `np.dot(A, x)`), the 1-D dot product and 2-D/3-D
stencils (slice expressions and explicit loops) against NumPy (OpenBLAS),
side by side in one process.

Place in the pipeline: a benchmark script over compiled modules. Each case
is a function that repeats the operation `reps` times (and keeps a value of
each result); it is compiled once per target (`py2wasm.compile(fn,
target=...)`), checked against NumPy first, then timed as the kernel's own
time: (time of a call with `reps` = R - time of a call with `reps` = 0) / R
(R = `--reps`, default 1, for matrix products; `--small-reps`, default 20,
for the others, whose results are small), each the best of `--repeats` interleaved calls
(the machine is shared; the minimum is the stable statistic), timed by the
process's CPU time (`--clock cpu`, the default: the time other processes hold
the core is not counted; `--clock wall` for elapsed time). So the time excludes copying the
operands into wasm memory (a 2000 x 2000 float64 matrix is 32 MB per call:
that copy belongs to the JS boundary, not to the kernel). NumPy runs the
same Python function (its loop costs it a few microseconds per repetition).
NumPy's BLAS threads are pinned to one (`OPENBLAS_NUM_THREADS=1` before
numpy is imported). Ratio = py2wasm / NumPy (> 1: slower than NumPy).

    python benchmarks/matmul.py                            # the full table
    python benchmarks/matmul.py --targets simd --sizes 256 --repeats 3
    python benchmarks/matmul.py --only stencil             # cases whose name has it
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


def mm(a, b, reps: int):
    s = 0.0
    for _ in range(reps):
        s += float((a @ b)[0, 0])
    return s


def ax(a, x, reps: int):
    s = 0.0
    for _ in range(reps):
        s += float((a @ x)[0])
    return s


def xa(x, a, reps: int):
    s = 0.0
    for _ in range(reps):
        s += float((x @ a)[0])
    return s


def atx(a, x, reps: int):
    s = 0.0
    for _ in range(reps):
        s += float((a.T @ x)[0])
    return s


def npdot(a, x, reps: int):
    s = 0.0
    for _ in range(reps):
        s += float(np.dot(a, x)[0])
    return s


def dot1(x, y, reps: int):
    s = 0.0
    for _ in range(reps):
        s += float(x @ y)
    return s


def stencil2(a, b, reps: int):
    for _ in range(reps):
        b[1:-1, 1:-1] = 0.2 * (a[1:-1, 1:-1] + a[1:-1, :-2] + a[1:-1, 2:] + a[2:, 1:-1]
                               + a[:-2, 1:-1])
        a[1:-1, 1:-1] = 0.2 * (b[1:-1, 1:-1] + b[1:-1, :-2] + b[1:-1, 2:] + b[2:, 1:-1]
                               + b[:-2, 1:-1])
    return float(a[1, 1])


def stencil3(a, b, reps: int):
    for _ in range(reps):
        b[1:-1, 1:-1, 1:-1] = (a[1:-1, 1:-1, 1:-1] * 0.4 + 0.1 * (
            a[:-2, 1:-1, 1:-1] + a[2:, 1:-1, 1:-1] + a[1:-1, :-2, 1:-1] + a[1:-1, 2:, 1:-1]
            + a[1:-1, 1:-1, :-2] + a[1:-1, 1:-1, 2:]))
        a[1:-1, 1:-1, 1:-1] = (b[1:-1, 1:-1, 1:-1] * 0.4 + 0.1 * (
            b[:-2, 1:-1, 1:-1] + b[2:, 1:-1, 1:-1] + b[1:-1, :-2, 1:-1] + b[1:-1, 2:, 1:-1]
            + b[1:-1, 1:-1, :-2] + b[1:-1, 1:-1, 2:]))
    return float(a[1, 1, 1])


def jacobi_loops(a, b, reps: int):
    n = a.shape[0]
    for _ in range(reps):
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                b[i, j] = 0.2 * (a[i, j] + a[i, j - 1] + a[i, j + 1] + a[i + 1, j] + a[i - 1, j])
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                a[i, j] = 0.2 * (b[i, j] + b[i, j - 1] + b[i, j + 1] + b[i + 1, j] + b[i - 1, j])
    return float(a[1, 1])


def cases(sizes, matvec, dot_n, grid, grid3):
    rng = np.random.default_rng(0)
    for dt in ("float64", "float32"):
        for n in sizes:
            yield (f"matmul {dt}", n, mm, (rng.standard_normal((n, n)).astype(dt),
                                           rng.standard_normal((n, n)).astype(dt)))
    for dt in ("float64", "float32"):
        for mv in matvec:
            a = rng.standard_normal((mv, mv)).astype(dt)
            x = rng.standard_normal(mv).astype(dt)
            yield (f"A @ x {dt}", mv, ax, (a, x))
            yield (f"x @ A {dt}", mv, xa, (x, a))
            yield (f"A.T @ x {dt}", mv, atx, (a, x))
            yield (f"np.dot(A, x) {dt}", mv, npdot, (a, x))
    for dt in ("float64", "float32"):
        yield (f"x @ y (1-D) {dt}", dot_n, dot1, (rng.standard_normal(dot_n).astype(dt),
                                                 rng.standard_normal(dot_n).astype(dt)))
    g = rng.uniform(0.0, 1.0, (grid, grid))
    yield ("stencil 2-D slices (jacobi, 2 sweeps)", grid, stencil2, (g, g.copy()))
    yield ("stencil 2-D loops (jacobi, 2 sweeps; NumPy: slices)", grid, jacobi_loops,
           (g.copy(), g.copy()))
    g3 = rng.uniform(0.0, 1.0, (grid3, grid3, grid3))
    yield ("stencil 3-D slices (7-point, 2 sweeps)", grid3, stencil3, (g3, g3.copy()))


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def kernel_time(fn, ops, reps, repeats, clock=time.process_time):
    """Best-of-`repeats` seconds per repetition, without the call's copies."""
    def best(r):
        t = float("inf")
        for _ in range(repeats):
            args = [o.copy() for o in ops]  # stencils update their operands in place
            t0 = clock()
            fn(*args, r)
            t = min(t, clock() - t0)
        return t
    return max(best(reps) - best(0), 0.0) / reps


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 512, 1024])
    p.add_argument("--matvec", type=int, nargs="+", default=[500, 1000, 2000],
                   help="matrix-vector sizes (n x n)")
    p.add_argument("--dot", type=int, default=1_000_000)
    p.add_argument("--grid", type=int, default=256)
    p.add_argument("--grid3", type=int, default=64)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--reps", type=int, default=1,
                   help="operations per timed call (each allocates its result in the call's "
                   "arena: many per call measure fresh memory pages too)")
    p.add_argument("--targets", nargs="+", default=["mvp", "simd", "relaxed-simd"])
    p.add_argument("--small-reps", type=int, default=20,
                   help="operations per timed call for everything but matmul")
    p.add_argument("--only", default="", help="run only cases whose name contains this")
    p.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                   help="cpu: this process's CPU time (default: on a shared machine the "
                   "time other processes hold the core is not counted); wall: elapsed time")
    args = p.parse_args(argv)
    clock = CLOCKS[args.clock]
    compiled: dict = {}
    print("| case | n | NumPy (ms) | " + " | ".join(f"{t} (ms) | {t} / NumPy"
                                                for t in args.targets) + " |")
    print("|---|---:|---:|" + "---:|---:|" * len(args.targets))
    for name, n, fn, ops in cases(args.sizes, args.matvec, args.dot, args.grid, args.grid3):
        if args.only not in name:
            continue
        ref = stencil2 if fn is jacobi_loops else fn  # NumPy runs the slice form
        want = ref(*[o.copy() for o in ops], 1)
        tol = 1e-4 if ops[0].dtype == np.float32 else 1e-9
        for t in args.targets:
            if (t, fn) not in compiled:
                compiled[t, fn] = py2wasm.compile(fn, target=t)
            got = compiled[t, fn](*[o.copy() for o in ops], 1)
            if not abs(got - want) <= tol * max(1.0, abs(want)) * (n if "@" in name or
                                                                   "dot" in name else 1):
                raise SystemExit(f"{name} n={n} {t}: {got} differs from NumPy's {want}")
        # matrix-vector products, dots and stencils allocate little per
        # repetition: several per call average out the noise of copying the
        # operands in (32 MB for a 2000 x 2000 float64 matrix)
        reps = args.reps if name.startswith("matmul") else max(args.reps, args.small_reps)
        tn, tw = float("inf"), {t: float("inf") for t in args.targets}
        for _ in range(2):  # interleaved: every side sees the same load
            tn = min(tn, kernel_time(ref, ops, reps, args.repeats, clock))
            for t in args.targets:
                tw[t] = min(tw[t], kernel_time(compiled[t, fn], ops, reps, args.repeats, clock))
        print(f"| {name} | {n} | {tn * 1e3:.3f} | " + " | ".join(
            f"{tw[t] * 1e3:.3f} | {tw[t] / tn:.2f}" for t in args.targets) + " |", flush=True)
    print(f"\n{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, {args.clock} clock, load "
          f"average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
