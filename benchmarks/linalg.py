"""np.linalg and sorting compiled by py2wasm (wasmtime, called from Python)
against NumPy (LAPACK/OpenBLAS on one thread): median times and the ratio
py2wasm / NumPy, as a Markdown table.

    OPENBLAS_NUM_THREADS=1 python3 benchmarks/linalg.py [--sizes 100,200,300,500]

Place: benchmarks (not part of the test suite). The kernels are the plain
Python ones of py2wasm/frontend/linalg_kernels.py and npkernels.py (LAPACK's
unblocked algorithms and a merge sort), so the ratio measures how far an
unblocked, scalar wasm implementation is from blocked, vectorized LAPACK.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import py2wasm  # noqa: E402


def solve(a, b): return np.linalg.solve(a, b)
def inv(a): return np.linalg.inv(a)
def cholesky(a): return np.linalg.cholesky(a)
def eigh(a): return np.linalg.eigh(a)
def det(a): return np.linalg.det(a)
def sort(x): return np.sort(x)


def _time(f, args, repeat):
    f(*args)
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        f(*args)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="100,200,300,500")
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    rng = np.random.default_rng(0)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        a = rng.normal(size=(n, n)) + n * np.eye(n)
        spd = a @ a.T
        cases = [("solve", solve, (a, rng.normal(size=n))), ("inv", inv, (a,)),
                 ("det", det, (a,)), ("cholesky", cholesky, (spd,)), ("eigh", eigh, (spd,)),
                 ("sort (n² values)", sort, (rng.normal(size=n * n),))]
        for name, fn, fargs in cases:
            compiled = py2wasm.compile(fn)
            tw = _time(compiled, fargs, args.repeat)
            tn = _time(fn, fargs, args.repeat)
            rows.append((name, n, tw, tn))
            print(f"{name} n={n}: py2wasm {tw * 1e3:.2f} ms, NumPy {tn * 1e3:.2f} ms",
                  file=sys.stderr)
    print("| function | n | py2wasm (wasmtime) | NumPy (1 thread) | py2wasm / NumPy |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, n, tw, tn in rows:
        print(f"| {name} | {n} | {tw * 1e3:.2f} ms | {tn * 1e3:.2f} ms | {tw / tn:.3g}× |")


if __name__ == "__main__":
    main()
