"""Probe (issue 15): matrix-vector products compiled by several source trees
of py2wasm, side by side with NumPy on one OpenBLAS thread, in one run.

Each tree runs in a worker process of its own (PYTHONPATH = the tree) that
compiles the cases once and answers "time CASE DTYPE N" requests with the
CPU time per product of its own process (benchmarks/matmul.py's
kernel_time: 20 products per call minus an empty call, best of 5); the
parent times NumPy the same way. Rounds are interleaved (NumPy, then every
tree, per round), so every side sees the same load; cells are the medians
over the rounds (the best in parentheses) and the ratio is median / NumPy's
median. Results of every tree are checked equal to the first tree's (bits).

    python benchmarks/probes/matvec_trees_ab.py before=/tmp/main-export after=. \
        --sizes 500 1000 2000 --rounds 5

A tree may carry settings of frontend/matmul_kernels.py's module constants,
set in its worker before tracing: `pb128=.:PB=128,SV=6`.
"""
import argparse
import os
import statistics
import subprocess
import sys

os.environ["OPENBLAS_NUM_THREADS"] = "1"

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def worker() -> None:
    """Reads requests from stdin, answers on stdout (one line each)."""
    import numpy as np
    import py2wasm
    from py2wasm.frontend import matmul_kernels as mk
    for kv in filter(None, os.environ.get("MATVEC_PATCH", "").split(",")):
        k, v = kv.split("=")  # a kernel parameter set before tracing (e.g. RV=2)
        if k.startswith("LANES_"):  # LANES_float64=8
            mk.LANES[k[6:]] = int(v)
        elif isinstance(getattr(mk, k), tuple):  # a tuple constant: lo/hi
            setattr(mk, k, tuple(int(t) for t in v.split("/")))
        else:
            setattr(mk, k, type(getattr(mk, k))(v))
    sys.path.insert(0, ROOT)  # benchmarks.matmul of the parent's checkout (timing helpers)
    from benchmarks.matmul import atx, ax, kernel_time, npdot, xa
    cases = {"A @ x": ax, "np.dot(A, x)": npdot, "x @ A": xa, "A.T @ x": atx}
    compiled = {}
    for line in sys.stdin:
        case, dt, n, target, what = line.rstrip("\n").split("|")
        fn = cases[case]
        ops = _operands(np, case, dt, n)
        key = (case, dt, target)
        if key not in compiled:
            compiled[key] = py2wasm.compile(fn, target=target)
        c = compiled[key]
        if what == "check":
            r = np.float64(c(*[o.copy() for o in ops], 1))
            print(r.view(np.int64), flush=True)
        else:
            print(kernel_time(c, ops, 20, 5), flush=True)


def _operands(np, case, dt, size):
    """A (rows, cols) from a size "n" (square) or "RxC", and x to match."""
    xfirst, xrows = case == "x @ A", case in ("x @ A", "A.T @ x")
    rows, _, cols = str(size).partition("x")
    rows = int(rows)
    cols = int(cols or rows)
    rng = np.random.default_rng(rows * 7 + cols)
    a = rng.standard_normal((rows, cols)).astype(dt)
    x = rng.standard_normal(rows if xrows else cols).astype(dt)
    return (x, a) if xfirst else (a, x)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("trees", nargs="+", help="NAME=PATH of a py2wasm source tree")
    p.add_argument("--sizes", nargs="+", default=["500", "1000", "2000", "4000x5000"],
                   help='n (an n x n matrix) or RxC')
    p.add_argument("--dtypes", nargs="+", default=["float32", "float64"])
    p.add_argument("--cases", nargs="+", default=["A @ x", "np.dot(A, x)", "x @ A", "A.T @ x"])
    p.add_argument("--target", default="simd")
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    import numpy as np
    sys.path.insert(0, ROOT)
    from benchmarks.matmul import atx, ax, kernel_time, npdot, xa
    cases = {"A @ x": ax, "np.dot(A, x)": npdot, "x @ A": xa, "A.T @ x": atx}
    trees = [t.split("=", 1) for t in args.trees]
    procs = {}
    for name, path in trees:
        path, _, patch = path.partition(":")
        env = dict(os.environ, PYTHONPATH=os.path.abspath(path), MATVEC_PATCH=patch)
        procs[name] = subprocess.Popen([sys.executable, __file__, "--worker"], env=env,
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(name, *req):
        pr = procs[name]
        pr.stdin.write("|".join(map(str, req)) + "\n")
        pr.stdin.flush()
        return pr.stdout.readline().strip()

    names = [n for n, _ in trees]
    print(f"load average at the start: {', '.join(f'{v:.2f}' for v in os.getloadavg())}\n")
    print("| case | dtype | n | NumPy (ms) | " + " | ".join(f"{n} (ms)" for n in names) + " | "
          + " | ".join(f"{n} / NumPy" for n in names) + " |")
    print("|---|---|---:|---:|" + "---:|" * (2 * len(names)))
    try:
        for dt in args.dtypes:
            for n in args.sizes:
                for case in args.cases:
                    bits = {nm: ask(nm, case, dt, n, args.target, "check") for nm in names}
                    if len(set(bits.values())) != 1:
                        print(f"DIFFERENT RESULTS {case} {dt} {n}: {bits}", flush=True)
                    fn = cases[case]
                    ops = _operands(np, case, dt, n)
                    t = {k: [] for k in ["NumPy"] + names}
                    for _ in range(args.rounds):
                        t["NumPy"].append(kernel_time(fn, ops, 20, 5))
                        for nm in names:
                            t[nm].append(float(ask(nm, case, dt, n, args.target, "time")))
                    med = {k: statistics.median(v) for k, v in t.items()}
                    cells = [f"{med[k] * 1e3:.3f} ({min(t[k]) * 1e3:.3f})" for k in ["NumPy"] + names]
                    print(f"| {case} | {dt} | {n} | " + " | ".join(cells) + " | "
                          + " | ".join(f"{med[k] / med['NumPy']:.2f}" for k in names) + " |",
                          flush=True)
    finally:
        for pr in procs.values():
            pr.stdin.close()
            pr.wait()
    print(f"\nload average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        worker()
    else:
        main()
