"""numpy.linalg in compiled code (issue 14): time of py2wasm's
`np.linalg.solve/inv/cholesky/eigh/svd/det` (py2wasm/linalg, run as wasm
under wasmtime) against NumPy (OpenBLAS/LAPACK) on the same matrices, side
by side in one process.

Place in the pipeline: a benchmark script over compiled modules. Each
routine is compiled once (`py2wasm.compile` of `lambda a: np.linalg.X(a)`),
checked against NumPy first (residual-based, as tests/linalg), then timed:
the best of `--repeats` interleaved runs of each side (the machine is
shared; the minimum is the stable statistic). NumPy's BLAS threads are
pinned to one (`OPENBLAS_NUM_THREADS=1` before numpy is imported) so both
sides use one core. Ratio = py2wasm / NumPy (> 1: slower than NumPy).

    python benchmarks/linalg.py                       # n = 100, 200, 300, 500
    python benchmarks/linalg.py --sizes 100 --repeats 3 --routines solve inv
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


def _solve(a, b):
    return np.linalg.solve(a, b)


def _inv(a, b):
    return np.linalg.inv(a)


def _det(a, b):
    return np.linalg.det(a)


def _cholesky(a, b):
    return np.linalg.cholesky(a)


def _eigh(a, b):
    return np.linalg.eigh(a)


def _svd(a, b):
    return np.linalg.svd(a, compute_uv=False)


ROUTINES = {"solve": _solve, "inv": _inv, "det": _det, "cholesky": _cholesky, "eigh": _eigh,
            "svd": _svd}


def inputs(n: int, rng):
    a = rng.standard_normal((n, n))
    spd = a @ a.T + n * np.eye(n)  # symmetric positive definite: valid for every routine
    return spd, rng.standard_normal(n)


def check(name, got, want, a):
    if name == "eigh":
        got, want = got[0], want[0]
    if np.array_equal(got, want):  # equal, infinities (a det that overflows) included
        return
    scale = np.abs(want).max() if np.ndim(want) else abs(want)
    err = np.abs(np.asarray(got) - np.asarray(want)).max() / (scale or 1.0)
    if not err < 1e-8 * np.linalg.cond(a):
        raise SystemExit(f"{name}: py2wasm differs from NumPy by {err:.3g} (relative)")


def best(fn, args, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 300, 500])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--routines", nargs="+", default=list(ROUTINES), choices=list(ROUTINES))
    args = p.parse_args(argv)
    rng = np.random.default_rng(0)
    print("| routine | n | NumPy (ms) | py2wasm (ms) | py2wasm / NumPy |")
    print("|---|---:|---:|---:|---:|")
    for name in args.routines:
        fn = ROUTINES[name]
        compiled = py2wasm.compile(fn)
        for n in args.sizes:
            a, b = inputs(n, rng)
            check(name, compiled(a, b), fn(a, b), a)
            tn = tw = float("inf")
            for _ in range(args.repeats):  # interleaved: both sides see the same load
                tn = min(tn, best(fn, (a, b), 1))
                tw = min(tw, best(compiled, (a, b), 1))
            print(f"| {name} | {n} | {tn * 1e3:.2f} | {tw * 1e3:.2f} | {tw / tn:.1f} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
