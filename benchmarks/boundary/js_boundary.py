"""The JS boundary benchmark (issue 12): package call vs raw wasm export vs
plain JavaScript, side by side in one Node process.

    python3 benchmarks/boundary/js_boundary.py [--quick] [--out FILE.md]

Builds `arrays_mod.py` and `scalars_mod.py` with `py2wasm build` (the CLI, as a
user does), assembles `saxpy_kernel.wat` (the C -> wasm stand-in: an f64x2
loop like clang -O3 -msimd128 emits for kernels/saxpy.c; used because
clang may not be installed) with Binaryen, runs `js_boundary.mjs` and prints
the markdown table ("raw" is the wasm export called directly, or for saxpy
zero-copy the kernel on data already in its memory).
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


def _ratio(a, b) -> str:
    return f"{a / b:.2f}×" if a is not None and b else ""


def _ns(v) -> str:
    if v is None:
        return ""
    return f"{v / 1e6:.3f} ms" if v >= 1e5 else f"{v:.1f} ns"


def table(data: dict) -> str:
    lines = [f"Node {data['node']}; ns per call (median); ratios = package / raw export and package / plain JS.", "",
             "| call | module | package | raw export | plain JS | pkg / raw | pkg / JS |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for r in data["rows"]:
        lines.append(f"| `{r['call']}` | {r['module']} | {_ns(r['pkg'])} | {_ns(r['raw'])} | {_ns(r['js'])} | "
                     f"{_ratio(r['pkg'], r['raw'])} | {_ratio(r['pkg'], r['js'])} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--out", help="also write the table to this file")
    args = ap.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        for mod in ("arrays_mod", "scalars_mod"):
            subprocess.run([sys.executable, "-m", "py2wasm.cli", "build", HERE / f"{mod}.py", "-o", d / mod],
                           check=True, env=env, cwd=REPO, capture_output=True)
        (d / "kernel.wasm").write_bytes(kernel_wasm())
        subprocess.run(["node", HERE / "js_boundary.mjs", d / "arrays_mod", d / "scalars_mod", d / "kernel.wasm",
                        d / "out.json"], check=True, env={**env, "JSB_QUICK": "1" if args.quick else "0"})
        data = json.loads((d / "out.json").read_text())
    text = table(data)
    print(text)
    if args.out:
        Path(args.out).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
