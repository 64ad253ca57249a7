"""SIMD vs scalar builds of py2wasm array kernels, side by side in one run.

    python3 benchmarks/simd.py [--quick] [--out FILE.md]

Each kernel is compiled three times with `py2wasm.compile`: target "mvp"
(scalar wasm), "simd" (SIMD128, results bit-identical to the scalar build)
and "relaxed-simd" with fastmath=True (reassociated reductions, fused
multiply-add). Every build's result is checked before timing: the simd build
must equal the mvp build bit for bit (and NumPy; with fastmath the result
must be within 1e-12 relative for float64, 1e-5 for float32: reassociation
and contraction round differently). Each call repeats the kernel `reps`
times inside wasm (about 1e7 elements per call) so that the host's copy of
the arguments into linear memory does not hide the loop; the table gives the
fastest of the samples (the machine is shared: the minimum is the least
disturbed by other work) per kernel pass and the speed-up over the mvp
build, the samples taken interleaved (mvp, simd, relaxed+fastmath, mvp, ...)
in the same run.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import py2wasm  # noqa: E402


def axpy(a, b, c, out, reps):
    for _ in range(reps):
        out[:] = a * b + c
    return out


def hypot(a, b, out, reps):
    for _ in range(reps):
        out[:] = np.sqrt(a * a + b * b)
    return out


def strided(a, out, reps):
    for _ in range(reps):
        out[:] = a[::3] * 2.0 + 1.0
    return out


def total(a, reps):
    s = 0.0
    for _ in range(reps):
        s += float(np.sum(a))
    return s


def biggest(a, reps):
    s = 0.0
    for _ in range(reps):
        s += float(np.max(a))
    return s


def dot(a, b, reps):
    s = 0.0
    for _ in range(reps):
        s += float(np.dot(a, b))
    return s


# (label, function, number of array inputs, has an out array, dtype)
KERNELS = [
    ("a*b+c float64", axpy, 3, True, "float64"),
    ("a*b+c float32", axpy, 3, True, "float32"),
    ("sqrt(a*a+b*b) float64", hypot, 2, True, "float64"),
    ("sqrt(a*a+b*b) float32", hypot, 2, True, "float32"),
    ("a[::3]*2+1 float64 (strided view)", strided, 1, True, "float64"),
    ("sum float64", total, 1, False, "float64"),
    ("sum float32", total, 1, False, "float32"),
    ("max float64", biggest, 1, False, "float64"),
    ("dot (np.dot) float64", dot, 2, False, "float64"),
]


# vectorized math library calls (passes/vectorize_math.py)
def exp_(a, out, reps):
    for _ in range(reps):
        out[:] = np.exp(a)
    return out


def log_(a, out, reps):
    for _ in range(reps):
        out[:] = np.log(a)
    return out


def softmax(a, out, reps):
    for _ in range(reps):
        e = np.exp(a - np.max(a))
        out[:] = e / np.sum(e)
    return out


def tanh_(a, out, reps):
    for _ in range(reps):
        out[:] = np.tanh(a)
    return out


KERNELS += [
    ("np.exp float64", exp_, 1, True, "float64"),
    ("np.exp float32", exp_, 1, True, "float32"),
    ("np.log float64", log_, 1, True, "float64"),
    ("np.log float32", log_, 1, True, "float32"),
    ("np.tanh float64", tanh_, 1, True, "float64"),
    ("softmax float64", softmax, 1, True, "float64"),
]
BUILDS = (("mvp", dict(target="mvp")), ("simd", dict(target="simd")),
          ("relaxed+fastmath", dict(target="relaxed-simd", fastmath=True)))


def make_args(fn, nin, has_out, dtype, n, reps, rng):
    size = 3 * n if fn is strided else n
    arrays = [rng.uniform(0.5, 1.5, size).astype(dtype) for _ in range(nin)]
    if has_out:
        arrays.append(np.zeros(n, dtype))
    return arrays + [reps]


def _same(x, y) -> bool:
    if isinstance(x, np.ndarray):
        return x.dtype == y.dtype and x.tobytes() == y.tobytes()
    return float(x).hex() == float(y).hex()


def _close(x, y, dtype) -> bool:
    """fastmath's tolerance: reassociated sums and contracted a*b+c differ
    from NumPy by a few rounding errors of the dtype."""
    rtol = 1e-12 if dtype == "float64" else 1e-5
    return bool(np.allclose(np.asarray(x, float), np.asarray(y, float), rtol=rtol, atol=0))


def measure(label, fn, nin, has_out, dtype, n, *, repeats, elements, rng):
    reps = max(1, elements // n)
    args = make_args(fn, nin, has_out, dtype, n, reps, rng)
    fns = {name: py2wasm.compile(fn, **kw) for name, kw in BUILDS}
    ref = fn(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
    results = {name: f(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
               for name, f in fns.items()}
    # float32 results are rounded differently by NumPy's own SIMD loops only
    # where NumPy is not exact; py2wasm's float32 arithmetic is NumPy's
    checks = {
        "mvp": _same(results["mvp"], ref) or _close(results["mvp"], ref, dtype),
        "simd": _same(results["simd"], results["mvp"]),
        "relaxed+fastmath": _close(results["relaxed+fastmath"], ref, dtype),
    }
    features = {name: f.specialize(*args).build.manifest["features"] for name, f in fns.items()}
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, f in fns.items():
            t0 = time.perf_counter()
            f(*args)
            times[name].append((time.perf_counter() - t0) / reps)
    best = {name: min(ts) for name, ts in times.items()}
    med = {name: statistics.median(ts) for name, ts in times.items()}
    return {"label": label, "n": n, "reps": reps, "best": best, "median": med,
            "checks": checks, "features": features}


def _fmt_time(s: float) -> str:
    if s >= 1e-3:
        return f"{s * 1e3:.3g} ms"
    return f"{s * 1e6:.3g} µs"


def table(rows) -> str:
    lines = ["| kernel | n | mvp (scalar) | simd | speed-up | relaxed-simd + fastmath | speed-up |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        m = r["best"]
        ok = r["checks"]
        cell = {k: _fmt_time(m[k]) + ("" if ok[k] else " **WRONG**") for k in m}
        simd_vec = "simd128" in r["features"]["simd"]
        lines.append(
            f"| {r['label']} | {r['n']:.0e} | {cell['mvp']} | {cell['simd']}"
            f"{'' if simd_vec else ' (scalar)'} | {m['mvp'] / m['simd']:.2f}× | "
            f"{cell['relaxed+fastmath']} | {m['mvp'] / m['relaxed+fastmath']:.2f}× |")
    return "\n".join(lines)


def run(quick: bool = False, log=print):
    sizes = (1000,) if quick else (1000, 100_000, 1_000_000)
    repeats = 1 if quick else REPEATS
    elements = 20_000 if quick else 10_000_000
    rng = np.random.default_rng(0)
    rows = []
    for label, fn, nin, has_out, dtype in KERNELS:
        for n in sizes:
            r = measure(label, fn, nin, has_out, dtype, n, repeats=repeats, elements=elements,
                        rng=rng)
            log(f"{label} n={n}: mvp {_fmt_time(r['best']['mvp'])}, simd "
                f"{_fmt_time(r['best']['simd'])}, relaxed+fastmath "
                f"{_fmt_time(r['best']['relaxed+fastmath'])}")
            rows.append(r)
    return rows


REPEATS = 9


def header() -> str:
    load = os.getloadavg()
    rev = os.popen("git -C " + str(Path(__file__).resolve().parent.parent) +
                   " rev-parse --short HEAD").read().strip()
    return (f"Measured {datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}"
            f" on {platform.processor() or platform.machine()} ({os.cpu_count()} cores), CPython "
            f"{platform.python_version()}, NumPy {np.__version__}, py2wasm {rev}; load average "
            f"at the end {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}. Each cell: the fastest "
            f"of {REPEATS} interleaved samples per kernel pass; speed-up over the mvp (scalar) "
            f"build in the same run. simd: bit-identical to mvp; relaxed-simd + fastmath: "
            f"reassociated reductions and fused multiply-add. (scalar): not vectorized "
            f"without fastmath.")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="n=1e3 only, one sample (a smoke run)")
    ap.add_argument("--out", type=Path, help="also write the Markdown table to this file")
    args = ap.parse_args(argv)
    rows = run(args.quick)
    text = header() + "\n\n" + table(rows) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text)
    bad = [r for r in rows if not all(r["checks"].values())]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
