"""Probe (issue 15): float32 scalar arithmetic compiled by several source
trees of py2wasm, side by side in one run (backend/lower_f32.py: f32 wasm
operators and f32 locals instead of f64 arithmetic + demote/promote).

Kernels (float32 arrays of N elements, `reps` passes per call):
- recurrence: s = s * a[i] + b[i] / (a[i] + 3): a loop-carried chain, scalar
  on every target;
- horner: out[i] = ((a[i] * c3 + c2) * a[i] + c1) * a[i] + c0, elementwise
  (scalar in the mvp build, f32x4 lanes in the SIMD builds);
- axpy: b[i] = a[i] * 1.5 + b[i], elementwise (like horner);
- hypot: np.sqrt(a * a + b * b), a NumPy array expression;
- A @ x: a float32 matrix-vector product (its scalar tree and tail).
Each tree runs in a worker process (PYTHONPATH = the tree) answering "time"
requests with its own CPU time per pass (benchmarks/matmul.py kernel_time);
rounds are interleaved, cells are medians (best in parentheses), the last
column the ratio of the last tree to the first. Results are checked equal
(bits) across trees.

    python benchmarks/probes/f32_scalar_ab.py before=/tmp/main-export after=. --rounds 7
"""
import argparse
import os
import statistics
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def recurrence(a, b, reps):
    s = a[0]
    for _ in range(reps):
        for i in range(a.shape[0]):
            s = s * a[i] + b[i] / (a[i] + np.float32(3))
    return s


def horner(a, b, reps):
    for _ in range(reps):
        for i in range(a.shape[0]):
            x = a[i]
            b[i] = ((x * np.float32(0.25) + np.float32(-0.5)) * x + np.float32(1.5)) * x + np.float32(2)
    return b[a.shape[0] - 1]


def axpy(a, b, reps):
    for _ in range(reps):
        for i in range(a.shape[0]):
            b[i] = a[i] * np.float32(1.5) + b[i]
    return b[a.shape[0] - 1]


def hypot(a, b, reps):
    c = a
    for _ in range(reps):
        c = np.sqrt(a * a + b * b)
    return c[a.shape[0] - 1]


def matvec(a, b, reps):
    n = a.shape[0]
    m = a.reshape((32, n // 32))
    x = b[:n // 32]
    y = m @ x
    for _ in range(reps):
        y = m @ x
    return y[0]


KERNELS = {"recurrence": recurrence, "horner": horner, "axpy": axpy, "hypot": hypot, "A @ x": matvec}


def _operands(np, n):
    rng = np.random.default_rng(n)
    return [rng.uniform(0.5, 1.0, n).astype(np.float32), rng.uniform(-1, 1, n).astype(np.float32)]


def worker() -> None:
    import numpy as np
    import py2wasm
    sys.path.insert(0, ROOT)
    from benchmarks.matmul import kernel_time
    compiled = {}
    for line in sys.stdin:
        name, n, target, what = line.rstrip("\n").split("|")
        ops = _operands(np, int(n))
        if (name, target) not in compiled:
            compiled[name, target] = py2wasm.compile(KERNELS[name], target=target)
        c = compiled[name, target]
        if what == "check":
            print(int(np.float32(c(*[o.copy() for o in ops], 1)).view(np.uint32)), flush=True)
        else:
            print(kernel_time(c, ops, 20, 5), flush=True)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("trees", nargs="+", help="NAME=PATH of a py2wasm source tree")
    p.add_argument("--n", type=int, default=4096)
    p.add_argument("--targets", nargs="+", default=["mvp", "simd"])
    p.add_argument("--kernels", nargs="+", default=list(KERNELS))
    p.add_argument("--rounds", type=int, default=7)
    args = p.parse_args()
    trees = [t.split("=", 1) for t in args.trees]
    names = [n for n, _ in trees]
    procs = {nm: subprocess.Popen([sys.executable, __file__, "--worker"],
                                  env=dict(os.environ, PYTHONPATH=os.path.abspath(path)),
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for nm, path in trees}

    def ask(nm, *req):
        pr = procs[nm]
        pr.stdin.write("|".join(map(str, req)) + "\n")
        pr.stdin.flush()
        return pr.stdout.readline().strip()

    print(f"load average at the start: {', '.join(f'{v:.2f}' for v in os.getloadavg())}\n")
    print("| kernel | target | n | " + " | ".join(f"{n} (us)" for n in names)
          + f" | {names[-1]} / {names[0]} |")
    print("|---|---|---:|" + "---:|" * (len(names) + 1))
    try:
        for k in args.kernels:
            for target in args.targets:
                bits = {nm: ask(nm, k, args.n, target, "check") for nm in names}
                if len(set(bits.values())) != 1:
                    print(f"DIFFERENT RESULTS {k} {target}: {bits}", flush=True)
                t = {nm: [] for nm in names}
                for _ in range(args.rounds):
                    for nm in names:
                        t[nm].append(float(ask(nm, k, args.n, target, "time")))
                med = {nm: statistics.median(v) for nm, v in t.items()}
                print(f"| {k} | {target} | {args.n} | "
                      + " | ".join(f"{med[nm] * 1e6:.1f} ({min(t[nm]) * 1e6:.1f})" for nm in names)
                      + f" | {med[names[-1]] / med[names[0]]:.2f} |", flush=True)
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
