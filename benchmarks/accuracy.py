"""Accuracy of py2wasm's own math library (issue 6): a million arguments per
function, max ulp error against CPython's `math`, as a Markdown table.

Place in the pipeline: a benchmark script over `py2wasm.libm` (the math
library compiled into every module that uses `math.*`). It runs the
library's Python source under CPython: the compiled wasm computes the same
IEEE operations in the same order (no fma contraction, no reassociation), so
it is bit-identical; `--wasm N` checks that claim on N arguments per function
through `py2wasm.compile` (and that the modules import nothing).

    python benchmarks/accuracy.py                 # 1e6 points, 2 processes
    python benchmarks/accuracy.py --points 100000 --functions sin cos
    python benchmarks/accuracy.py --wasm 2000     # + bit-identity with the wasm

Columns: `max ulp vs CPython` over all arguments (`py2wasm.libm.accuracy`:
special values, domain edges, random bit patterns, log-uniform and uniform
samples); where the library and CPython differ by more than 1 ulp, both are
measured against the exact value (mpmath, 200 bits) on up to 1000 such
arguments: these are places where glibc's own error exceeds half an ulp; the
last column is the max error from the exact value of both on an extra
sample (`--exact N`, default 20000). fma is compared with the exact
rational result (CPython 3.11 has no math.fma; 3.13's is glibc's correctly
rounded fma).
"""
from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from py2wasm.libm import FUNCTIONS  # noqa: E402
from py2wasm.libm.accuracy import arguments, measure, reference, true_error  # noqa: E402


def _one(job):
    name, points, exact_n, seed = job
    t = time.time()
    r = measure(name, n=points, seed=seed)
    fn, ref = FUNCTIONS[name], reference(name)
    over_ours = over_cp = 0.0
    for args, _d in r.over:
        over_ours = max(over_ours, true_error(name, fn(*args), args))
        over_cp = max(over_cp, true_error(name, ref(*args), args))
    ex_ours = ex_cp = 0.0
    if exact_n:
        for args in arguments(name, exact_n, seed=seed + 1)[:exact_n]:
            ex_ours = max(ex_ours, true_error(name, fn(*args), args))
            ex_cp = max(ex_cp, true_error(name, ref(*args), args))
    return dict(name=name, count=r.count, max_ulp=r.max_ulp, worst=r.worst, n_over=r.n_over,
                over_ours=over_ours, over_cp=over_cp, checked=len(r.over),
                ex_ours=ex_ours, ex_cp=ex_cp, seconds=time.time() - t)


def _fmt(x: float) -> str:
    if x == math.inf:
        return "inf"
    return f"{x:.3f}" if x != int(x) else str(int(x))


def table(rows: list[dict], exact_n: int) -> str:
    out = ["| function | arguments | max ulp vs CPython | args > 1 ulp from CPython | "
           "ulp from exact there: py2wasm / CPython | "
           f"max ulp from exact ({exact_n} args): py2wasm / CPython |",
           "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        there = (f"{_fmt(r['over_ours'])} / {_fmt(r['over_cp'])}" if r["n_over"] else "-")
        if r["n_over"] > r["checked"]:
            there += f" (first {r['checked']})"
        ref = "exact" if r["name"] == "fma" else "CPython"
        out.append(f"| {r['name']} | {r['count']:,} | {_fmt(r['max_ulp'])}"
                   f"{' (vs exact)' if ref == 'exact' else ''} | {r['n_over']} | {there} | "
                   f"{_fmt(r['ex_ours'])} / {_fmt(r['ex_cp'])} |")
    return "\n".join(out)


def check_wasm(names: list[str], n: int) -> list[str]:
    """The compiled functions are bit-identical to the library's source on n
    arguments each, and their modules import nothing."""
    import struct

    import py2wasm
    from py2wasm.libm import arity
    problems = []
    for name in names:
        k = arity(name)
        params = ", ".join(f"a{i}: float" for i in range(k))
        src = f"import math\ndef w_{name}({params}) -> float:\n    return math.{name}({params.replace(': float', '')})\n"
        if name == "fma" and not hasattr(math, "fma"):
            continue  # math.fma does not exist before Python 3.13
        ns: dict = {}
        path = f"<accuracy-{name}>"
        import linecache
        linecache.cache[path] = (len(src), None, src.splitlines(True), path)
        exec(compile(src, path, "exec"), ns)
        cf = py2wasm.compile(ns[f"w_{name}"])
        fn = FUNCTIONS[name]
        bad = 0
        for args in arguments(name, n, seed=7)[:n]:
            try:
                got = cf(*args)
            except (ValueError, OverflowError):
                continue  # CPython's checks raised (the library is not called then)
            want = fn(*args)
            if struct.pack("<d", got) != struct.pack("<d", want) and not (got != got and want != want):
                bad += 1
        imports = cf.specializations and list(cf.specializations.values())[-1].build.manifest.get("imports")
        if bad or imports:
            problems.append(f"{name}: {bad} differences, imports {imports}")
        print(f"wasm {name}: {n} arguments, {bad} differences, imports {imports or {}}",
              file=sys.stderr)
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--exact", type=int, default=20000, help="extra sample vs the exact value")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--functions", nargs="*", default=sorted(FUNCTIONS))
    ap.add_argument("--wasm", type=int, default=0, help="check N arguments per function in wasm")
    ap.add_argument("--out", help="also write the table to this file")
    a = ap.parse_args(argv)
    unknown = [f for f in a.functions if f not in FUNCTIONS]
    if unknown:
        ap.error(f"unknown functions: {' '.join(unknown)}")
    t = time.time()
    jobs = [(name, a.points, a.exact, a.seed) for name in a.functions]
    with multiprocessing.Pool(a.jobs) as pool:
        rows = []
        for r in pool.imap(_one, jobs):
            rows.append(r)
            print(f"{r['name']}: max {r['max_ulp']} ulp, {r['n_over']} > 1 ({r['seconds']:.0f}s)",
                  file=sys.stderr, flush=True)
    text = table(rows, a.exact)
    text += (f"\n\n{len(rows)} functions, {a.points:,} points each, {time.time() - t:.0f} s, "
             f"Python {sys.version.split()[0]}\n")
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    if a.wasm:
        problems = check_wasm(a.functions, a.wasm)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
