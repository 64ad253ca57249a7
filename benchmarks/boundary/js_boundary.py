"""The JS boundary benchmark (issue 12): package call vs raw wasm export vs
plain JavaScript, side by side in one Node process.

    python3 benchmarks/boundary/js_boundary.py [--quick] [--out FILE.md] [--compile-calls]

Builds `arrays_mod.py` and `scalars_mod.py` with `py2wasm build` (the CLI, as a
user does), assembles `saxpy_kernel.wat` (the C -> wasm stand-in: an f64x2
loop like clang -O3 -msimd128 emits for kernels/saxpy.c; used because clang
may not be installed) with Binaryen, runs `js_boundary.mjs` (each timing the
fastest of interleaved samples: on a shared machine noise only adds time)
and prints the markdown table (times are Node's CPU time per call, so that
the other processes of a shared machine do not count; "raw" is the wasm
export called directly (small arrays: on data already in its memory), or for saxpy
zero-copy the kernel on data already in its memory), then times the same
functions through `py2wasm.compile` from Python; with `--compile-calls` also
benchmarks/compile_calls.py's table in the same run. The load average of the
machine at the start and the end heads the output (the machine is shared).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def kernel_wasm() -> bytes:
    import cffi

    from py2wasm.backend import binaryen as bn
    ffi = cffi.FFI()
    ffi.cdef("void* BinaryenModuleParse(const char* text);")
    lib = ffi.dlopen(bn._library_path())  # noqa: SLF001
    m = bn.Module.__new__(bn.Module)
    m.ref = bn.ffi.cast("BinaryenModuleRef", lib.BinaryenModuleParse((HERE / "saxpy_kernel.wat").read_bytes()))
    m._keep = []  # noqa: SLF001
    try:
        bn.lib.BinaryenModuleSetFeatures(m.ref, bn.FEATURES_ENABLED | bn.FEATURE_SIMD128)
        m.validate()
        return m.emit_binary()
    finally:
        m.dispose()


def _ratio(a, b) -> str:  # noqa: D103
    return f"{a / b:.2f}×" if a is not None and b else ""


def _ns(v) -> str:
    if v is None:
        return ""
    return f"{v / 1e6:.3f} ms" if v >= 1e5 else f"{v:.1f} ns"


def table(data: dict) -> str:
    lines = [f"Node {data['node']}; ns of CPU time per call (fastest of interleaved samples); ratios = package / raw export and package / plain JS.", "",
             "| call | module | package | raw export | plain JS | pkg / raw | pkg / JS |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for r in data["rows"]:
        lines.append(f"| `{r['call']}` | {r['module']} | {_ns(r['pkg'])} | {_ns(r['raw'])} | {_ns(r['js'])} | "
                     f"{_ratio(r['pkg'], r['raw'])} | {_ratio(r['pkg'], r['js'])} |")
    return "\n".join(lines) + "\n"


def python_rows(quick: bool) -> list[tuple[str, float, float]]:
    """py2wasm.compile calls from Python: (call, py2wasm us, CPython us),
    each the fastest of several timed batches (the machine is shared)."""
    import time

    import numpy as np

    import py2wasm
    sys.path.insert(0, str(HERE))
    import arrays_mod as m

    def best(fn, args, n):
        b = float("inf")
        for _ in range(5 if quick else 15):
            t0 = time.thread_time()  # CPU time: the shared machine's other processes do not count
            for _ in range(n):
                fn(*args)
            b = min(b, (time.thread_time() - t0) / n)
        return b * 1e6

    x, y = np.arange(1000.0), np.ones(1000)
    rows = []
    for label, fn, args, n in [("addf(x, y)", m.addf, (1.5, 2.0), 20000), ("addi(x, y)", m.addi, (3, 4), 20000),
                               ("mandel(cx, cy, 20)", m.mandel, (-0.5, 0.1, 20), 20000),
                               ("total(a), n = 1e3", m.total, (x,), 5000),
                               ("saxpy(2, x, y), n = 1e3", m.saxpy, (2.0, x, y), 5000)]:
        c = py2wasm.compile(fn)
        c(*args)
        rows.append((label, best(c, args, n), best(fn, args, n)))
    return rows


def python_table(rows) -> str:
    lines = ["py2wasm.compile from Python (wasmtime); µs per call (fastest batch), CPython running the same "
             "function for reference.", "",
             "| call | py2wasm.compile | CPython |", "|---|---:|---:|"]
    for label, p, c in rows:
        lines.append(f"| `{label}` | {p:.2f} µs | {c:.2f} µs |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    ap.add_argument("--quick", action="store_true", help="fewer samples (noisier)")
    ap.add_argument("--out", help="also write the table to this file")
    ap.add_argument("--repo", default=str(REPO),
                    help="the py2wasm source tree that builds the packages (default: this one; another "
                         "checkout measures an older version: run with PYTHONPATH=that tree, so the Python "
                         "rows use it too)")
    ap.add_argument("--python-only", action="store_true", help="only the py2wasm.compile rows")
    ap.add_argument("--compile-calls", action="store_true",
                    help="also benchmarks/compile_calls.py's table (py2wasm.compile calls from Python), in this run")
    args = ap.parse_args(argv)
    load0 = os.getloadavg()
    if args.python_only:
        text = python_table(python_rows(args.quick))
        print(text)
        if args.out:
            Path(args.out).write_text(text)
        return 0
    env = {**os.environ, "PYTHONPATH": args.repo + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        for mod in ("arrays_mod", "scalars_mod"):
            subprocess.run([sys.executable, "-m", "py2wasm.cli", "build", HERE / f"{mod}.py", "-o", d / mod,
                            "--no-inline-wasm"],  # the .wasm beside it: the raw export's module
                           check=True, env=env, cwd=args.repo, capture_output=True)
        (d / "kernel.wasm").write_bytes(kernel_wasm())
        subprocess.run(["node", HERE / "js_boundary.mjs", d / "arrays_mod", d / "scalars_mod", d / "kernel.wasm",
                        d / "out.json"], check=True, env={**env, "JSB_QUICK": "1" if args.quick else "0"})
        data = json.loads((d / "out.json").read_text())
    text = table(data) + "\n" + python_table(python_rows(args.quick))
    if args.compile_calls:
        sys.path.insert(0, str(HERE.parent))
        import compile_calls
        text += "\n" + compile_calls.table(compile_calls.run(args.quick, 1000))
    load = "load average (1, 5, 15 min) at the start: {:.2f}, {:.2f}, {:.2f}; at the end: {:.2f}, {:.2f}, {:.2f}"
    text = load.format(*load0, *os.getloadavg()) + "\n\n" + text
    print(text)
    if args.out:
        Path(args.out).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
