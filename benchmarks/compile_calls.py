"""Call overhead of `py2wasm.compile` from Python (issue 12), side by side
in one process: the compiled function, the same function run by CPython,
and a no-op Python function of the same arity (the floor of any Python call).

    python3 benchmarks/compile_calls.py [--quick] [--out FILE.md]

Each figure is the fastest of many short batches (a batch is `--batch`
calls in a plain `for` loop, timed by the thread's CPU time,
`time.thread_time`: the other processes of a shared machine do not count,
and preemption and cache pollution only ever add time, so the minimum over
many batches is the honest cost of a call). Rows: scalar calls (float, int, bool, a NumPy
float64 scalar), array calls at n = 4 and n = 1e3 (a reduction, a
read-only map that returns a new array, and an in-place update), and a
strided view. Ratios: compiled / CPython and compiled / no-op.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import py2wasm  # noqa: E402


def addf(x, y):
    return x + y


def addi(x, y):
    return x + y


def both(p, q):
    return p and not q


def mulnp(x, y):
    return x * y


def total(a):
    return np.sum(a)


def scale(a, k):
    return a * k


def bump(a, k):
    for i in range(len(a)):
        a[i] += k


def noop1(a):
    return a


def noop2(a, b):
    return a


def _loop(fn, args, n):
    t0 = time.thread_time()
    for _ in range(n):
        fn(*args)
    return time.thread_time() - t0


def best(fn, args, n, batches):
    """µs per call: the fastest of `batches` batches of `n` calls."""
    return min(_loop(fn, args, n) for _ in range(batches)) / n * 1e6


def cases():
    x4, x1k = np.arange(4.0), np.arange(1000.0)
    big = np.arange(2000.0)
    return [
        ("addf(x, y): float", addf, (1.5, 2.25), noop2),
        ("addi(x, y): int", addi, (3, 4), noop2),
        ("both(p, q): bool", both, (True, False), noop2),
        ("mulnp(x, y): numpy.float64", mulnp, (np.float64(1.5), np.float64(2.0)), noop2),
        ("total(a), n = 4", total, (x4,), noop1),
        ("total(a), n = 1e3", total, (x1k,), noop1),
        ("scale(a, 2.0), n = 4", scale, (x4, 2.0), noop2),
        ("scale(a, 2.0), n = 1e3", scale, (x1k, 2.0), noop2),
        ("bump(a, 1.0) in place, n = 1e3", bump, (x1k.copy(), 1.0), noop2),
        ("total(a[::2]) strided view, n = 1e3", total, (big[::2],), noop1),
    ]


def run(quick, batch, batches=None):
    batches = batches or (60 if quick else 300)
    rows = []
    for label, fn, args, noop in cases():
        c = py2wasm.compile(fn)
        c(*args)  # compile, and check the result is CPython's
        want, got = fn(*args), c(*args)
        if isinstance(want, np.ndarray):
            assert np.array_equal(want, got), label
        elif "in place" not in label:
            assert want == got and type(want) is type(got), (label, want, got)
        n = batch if "1e3" not in label else max(batch // 4, 1)
        p = best(c, args, n, batches)
        cp = best(fn, args, n, batches)
        nop = best(noop, args, n, batches)
        rows.append((label, p, cp, nop))
    return rows


def table(rows):
    lines = ["| call | py2wasm.compile | CPython | no-op Python call | compiled / CPython "
             "| compiled / no-op |", "|---|---:|---:|---:|---:|---:|"]
    for label, p, cp, nop in rows:
        lines.append(f"| `{label}` | {p:.3f} µs | {cp:.3f} µs | {nop:.3f} µs | {p / cp:.2f}× "
                     f"| {p / nop:.1f}× |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer batches (noisier)")
    ap.add_argument("--batch", type=int, default=1000, help="calls per timed batch (default 1000)")
    ap.add_argument("--out", help="also write the table to this file")
    args = ap.parse_args(argv)
    text = table(run(args.quick, args.batch))
    print(text)
    if args.out:
        Path(args.out).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
