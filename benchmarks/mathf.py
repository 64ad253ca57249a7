"""float32 math (issue 6): accuracy and speed of py2wasm's float32 library
(`py2wasm.libm.f32`) against float64-then-round, on NumPy float32 arrays.

Place in the pipeline: a benchmark script over compiled modules. For every
function it compiles `np.<ufunc>(a)` (or `(a, b)`) for float32 arrays twice
in one run: with the float32 library (`math[..., dtype="float32"]`) and with
the float64 library rounded to float32 (the frontend's `ufuncs.F32_LIBM`
dispatch set is overridden while each variant compiles), and runs both
under wasmtime.

Accuracy: a million float32 arguments per function (`libm.f32.accuracy`:
special values, random bit patterns over the whole domain, log-uniform and
uniform samples), through the compiled wasm. Reference: the correctly
rounded float32 value (the float64 function rounded; where a result differs
from it, mpmath at 120 bits decides, when installed). Columns: max ulp
(float32) from correctly rounded and the count of results that are not
correctly rounded, for the float32 library, float64-then-round and NumPy
on this machine, and max ulp between the float32 library and NumPy. The
wasm is checked bit-identical to the library's Python source on `--source`
arguments per function.

Speed: best time per element of the whole call (copy in, compute, copy
out) on `--sizes` float32 elements of typical arguments, over `--repeats`
interleaved runs (the minimum: the machine is shared, medians are noisy);
ratio = float64-then-round / float32 library (> 1: the float32 library is
faster). NumPy's time is for context.

    python benchmarks/mathf.py                  # 1e6 points; 1e5- and 1e6-element arrays
    python benchmarks/mathf.py --points 100000 --sizes 100000 --functions exp sin
    python benchmarks/mathf.py --exhaustive exp log   # all 2**32 float32 arguments
"""
from __future__ import annotations

import argparse
import contextlib
import linecache
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import py2wasm  # noqa: E402
from py2wasm.frontend import ufuncs  # noqa: E402
from py2wasm.libm.f32 import FUNCTIONS, arity  # noqa: E402
from py2wasm.libm.f32.accuracy import (NUMPY, arguments32, exact32, numpy32,  # noqa: E402
                                       ours32, reference32, ulp32)

# typical arguments for the speed runs (uniform)
SPEED_RANGE = {"exp": (-80.0, 80.0), "expm1": (-5.0, 5.0), "log": (0.0, 1000.0),
               "log2": (0.0, 1000.0), "log10": (0.0, 1000.0), "log1p": (-0.9, 100.0),
               "sin": (-100.0, 100.0), "cos": (-100.0, 100.0), "tan": (-100.0, 100.0),
               "asin": (-1.0, 1.0), "acos": (-1.0, 1.0), "atan": (-20.0, 20.0),
               "atan2": (-10.0, 10.0), "sinh": (-20.0, 20.0), "cosh": (-20.0, 20.0),
               "tanh": (-5.0, 5.0), "pow": (0.0, 4.0), "hypot": (-1e3, 1e3),
               "asinh": (-20.0, 20.0), "acosh": (1.0, 100.0), "atanh": (-1.0, 1.0)}


@contextlib.contextmanager
def dispatch(names):
    """Compile float32 ufuncs with the float32 library for `names` only."""
    saved = ufuncs.F32_LIBM
    ufuncs.F32_LIBM = frozenset(names)
    try:
        yield
    finally:
        ufuncs.F32_LIBM = saved


def kernel(name: str, tag: str):
    """A fresh Python function `np.<ufunc>(a[, b])` (compiled per object)."""
    k = arity(name)
    params = ", ".join("ab"[:k])
    src = (f"import numpy as np\n\ndef k_{name}_{tag}({params}):\n"
           f"    return np.{NUMPY[name].__name__}({params})\n")
    path = f"<mathf-{name}-{tag}>"
    linecache.cache[path] = (len(src), None, src.splitlines(True), path)
    ns: dict = {}
    exec(compile(src, path, "exec"), ns)
    return ns[f"k_{name}_{tag}"]


def compiled(name: str, use_f32: bool):
    """py2wasm.compile of the kernel, specialized now for float32 arrays."""
    cf = py2wasm.compile(kernel(name, "f32" if use_f32 else "f64"))
    with dispatch([name] if use_f32 else []):
        cf(*[np.ones(2, dtype=np.float32)] * arity(name))
    build = list(cf.specializations.values())[-1].build
    assert build.manifest.get("imports", {}) == {}, build.manifest.get("imports")
    return cf


def _cols(args):
    return [np.ascontiguousarray(args[:, i]) for i in range(args.shape[1])]


def accuracy(name: str, new, old, points: int, seed: int, source: int, exact_limit: int):
    args = arguments32(name, points, seed)
    cols = _cols(args)
    ref = reference32(name, args)
    r_new, r_old, r_np = new(*cols), old(*cols), numpy32(name, args)
    # settle the arguments where the results disagree with the reference:
    # first where ours (new or old) do, then where NumPy does
    mine = (ulp32(r_new, ref) != 0) | (ulp32(r_old, ref) != 0)
    theirs = (ulp32(r_np, ref) != 0) & ~mine
    diff = np.concatenate([np.nonzero(mine)[0], np.nonzero(theirs)[0]])
    settled = 0
    for i in diff[:exact_limit]:
        e = exact32(name, args[i])
        if e is not None:
            ref[i] = e
            settled += 1
    out = dict(count=len(args), settled=settled, n_diff=len(diff),
               n_mine=int(mine.sum()))
    for tag, r in (("new", r_new), ("old", r_old), ("np", r_np)):
        d = ulp32(r, ref)
        out[f"max_{tag}"] = int(d.max())
        out[f"n_{tag}"] = int((d != 0).sum())
        out[f"worst_{tag}"] = [float(x) for x in args[int(d.argmax())]]
    out["max_new_np"] = int(ulp32(r_new, r_np).max())
    src = ours32(name, args[:source])
    out["source_diff"] = int((ulp32(src, r_new[:source]) != 0).sum())
    return out


def speed(name: str, new, old, size: int, repeats: int, seed: int):
    rng = np.random.default_rng(seed)
    lo, hi = SPEED_RANGE[name]
    cols = [rng.uniform(lo, hi, size).astype(np.float32) for _ in range(arity(name))]
    if name == "pow":
        cols[1] = rng.uniform(-4.0, 4.0, size).astype(np.float32)
    fns = {"new": new, "old": old, "np": NUMPY[name]}
    times = {k: [] for k in fns}
    for f in fns.values():
        f(*cols)  # warm up
    for _ in range(repeats):
        for k, f in fns.items():
            t = time.perf_counter()
            f(*cols)
            times[k].append(time.perf_counter() - t)
    return {k: min(v) / size * 1e9 for k, v in times.items()}


def exhaustive(name: str, chunk_bits: int = 24, exact_limit: int = 200000) -> dict:
    """Every float32 argument (2**32 bit patterns) of a unary function: the
    float32 library against float64-then-round through the compiled wasm;
    where they differ, mpmath decides which is correctly rounded."""
    new, old = compiled(name, True), compiled(name, False)
    step = 1 << chunk_bits
    out = dict(args=1 << 32, differ=0, new_wrong=0, old_wrong=0, max_new=0, unsettled=0)
    for start in range(0, 1 << 32, step):
        x = np.arange(start, start + step, dtype=np.uint64).astype(np.uint32).view(np.float32)
        r_new, r_old = new(x), old(x)
        d = np.nonzero(ulp32(r_new, r_old))[0]
        out["differ"] += len(d)
        for i in d:
            if out["differ"] > exact_limit:
                out["unsettled"] += 1
                continue
            e = exact32(name, [x[i]])
            if e is None:
                out["unsettled"] += 1
                continue
            dn = int(ulp32([e], [r_new[i]])[0])
            out["new_wrong"] += dn != 0
            out["old_wrong"] += int(ulp32([e], [r_old[i]])[0]) != 0
            out["max_new"] = max(out["max_new"], dn)
    return out


def row_text(name, a, sps):
    ratios = " / ".join(f"{s['old'] / s['new']:.2f}" for s in sps)
    s = sps[-1]
    return (f"| {name} | {a['count']:,} | {a['max_new']} / {a['max_old']} / {a['max_np']} | "
            f"{a['n_new']} / {a['n_old']} / {a['n_np']} | {a['max_new_np']} | "
            f"{s['new']:.1f} / {s['old']:.1f} / {s['np']:.1f} | {ratios} | "
            f"{'float32' if name in ufuncs.F32_LIBM else 'f64 then round'} |")


def header(sizes):
    return ("| function | arguments | max ulp from correctly rounded: float32 lib / f64 then "
            "round / NumPy | not correctly rounded: float32 lib / f64 then round / NumPy | "
            "max ulp float32 lib vs NumPy | ns per element at "
            f"{sizes[-1]:,}: float32 lib / f64 then round / NumPy | speed-up at "
            f"{' / '.join(f'{n:,}' for n in sizes)} | dispatch |\n"
            "|---|---:|---:|---:|---:|---:|---:|---|")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--points", type=int, default=1_000_000, help="accuracy arguments")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000],
                    help="array lengths for speed (the table's ns columns: the last)")
    ap.add_argument("--repeats", type=int, default=11)
    ap.add_argument("--source", type=int, default=3000,
                    help="arguments per function checked against the Python source")
    ap.add_argument("--exact", type=int, default=20000,
                    help="max disagreeing arguments per function settled with mpmath")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--functions", nargs="*", default=sorted(FUNCTIONS))
    ap.add_argument("--out", help="also write the table to this file")
    ap.add_argument("--exhaustive", nargs="+", metavar="FUNCTION",
                    help="instead: every float32 argument of these unary functions, float32 "
                         "library vs float64-then-round, disagreements settled by mpmath")
    a = ap.parse_args(argv)
    if a.exhaustive:
        for name in a.exhaustive:
            t = time.time()
            r = exhaustive(name)
            print(f"{name}: {r} ({time.time() - t:.0f} s)", flush=True)
        return 0
    unknown = [f for f in a.functions if f not in FUNCTIONS]
    if unknown:
        ap.error(f"unknown functions: {' '.join(unknown)}")
    t0 = time.time()
    rows, problems = [], []
    for name in a.functions:
        new, old = compiled(name, True), compiled(name, False)
        acc = accuracy(name, new, old, a.points, a.seed, a.source, a.exact)
        sp = [speed(name, new, old, n, a.repeats, a.seed + 1) for n in a.sizes]
        rows.append(row_text(name, acc, sp))
        print(f"{name}: {acc} {sp}", file=sys.stderr, flush=True)
        if acc["source_diff"]:
            problems.append(f"{name}: wasm differs from the Python source on "
                            f"{acc['source_diff']} arguments")
        if acc["max_new"] > 1:
            problems.append(f"{name}: {acc['max_new']} ulp from correctly rounded at "
                            f"{acc['worst_new']}")
    load = os.getloadavg()[0]
    sizes = ", ".join(f"{n:,}" for n in a.sizes)
    text = (header(a.sizes) + "\n" + "\n".join(rows) +
            f"\n\n{len(rows)} functions, {a.points:,} accuracy arguments each, {sizes}-element "
            f"float32 arrays for speed (best of {a.repeats}), {time.time() - t0:.0f} s, "
            f"Python {sys.version.split()[0]}, NumPy {np.__version__}, load {load:.2f}\n")
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
