"""A/B of the compiler on suite kernels: the npm package built from two (or
more) source trees, and clang's C -> wasm, in one Node process by CPU time.

    python3 benchmarks/ab.py before=/tmp/main-export after=. \\
        --kernels collatz,floyd_warshall [--rounds 20] [--quick] [--copy after]

(`--kernels all`: every scalar and array kernel of the suite.)

Each tree builds the kernels' packages (`py2wasm build`, run with that tree
first on PYTHONPATH); benchmarks/node/ab.mjs times every variant with its
arrays already in wasm memory (the package's zero-copy API; C's in its linear
memory; `--copy NAME`: that tree's package also with its arrays passed as
TypedArrays, copied in and out on every call), interleaved round by round,
and this prints per kernel the fastest
round's CPU time per call, each tree against C -> wasm and the trees' geomean.
CPU time of the process (not wall clock) absorbs most of the load of a shared
machine; the load average is printed with the table.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "benchmarks"

from benchmarks import engines as E  # noqa: E402
from benchmarks import harness as H  # noqa: E402
from benchmarks import suite as S  # noqa: E402


def build(tree: Path, k: S.Kernel, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, "-c", "import sys; from py2wasm.cli import main; sys.exit(main())",
           "build", str(k.py_path()), "-f", k.entry, "-o", str(out), "--force"]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(tree))
    if p.returncode != 0:
        raise SystemExit(f"build of {k.module} with {tree} failed: {p.stderr.strip()[-400:]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("trees", nargs="+", help="NAME=PATH of a py2wasm source tree")
    ap.add_argument("--kernels", required=True, help="comma-separated kernel ids")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--sample", type=float, default=0.05, help="CPU seconds per sample")
    ap.add_argument("--quick", action="store_true", help="the suite's quick sizes")
    ap.add_argument("--no-c", action="store_true", help="without C -> wasm")
    ap.add_argument("--copy", default="", help="comma-separated tree names also timed with their "
                    "arrays passed as TypedArrays (copied in and out by the package on each call)")
    a = ap.parse_args(argv)
    a.copy = set(filter(None, a.copy.split(",")))
    trees = [(t.split("=", 1)[0], Path(t.split("=", 1)[1]).resolve()) for t in a.trees]
    ids = a.kernels.split(",")
    ks = [k for k in S.kernels(a.quick) if (k.id in ids or "all" in ids) and k.kind in (S.SCALAR, S.ARRAY)]
    if not ks:
        raise SystemExit(f"no kernel among {ids}")
    work = Path(tempfile.mkdtemp(prefix="py2wasm-ab-"))
    variants = []
    for name, tree in trees:
        pkg = {}
        for k in ks:
            pkg[k.module] = str(work / f"{name}_{k.module}")
            build(tree, k, Path(pkg[k.module]))
        variants.append({"name": name, "kind": "pkg", "pkg": pkg})
        if name in a.copy:
            variants.append({"name": f"{name} (copying)", "kind": "pkg", "pkg": pkg, "copy": True})
    jobs = []
    c = {}
    node = E.NodeEngine()
    for k in ks:
        args = k.args()
        jobs.append({**node.kernel_job(k, args, work), "module": k.module})
        if not a.no_c:
            wasm = work / f"c_{k.module}.wasm"
            p = subprocess.run([E.find_clang(), *E.C_FLAGS, "-o", str(wasm), str(k.c_path())],
                               capture_output=True, text=True)
            if p.returncode != 0:
                raise SystemExit(f"clang failed on {k.c_path()}: {p.stderr.strip()}")
            c[k.id] = str(wasm)
    if c:
        variants.append({"name": "C", "kind": "c", "wasm": c})
    job = {"kernels": jobs, "variants": variants, "rounds": a.rounds, "sample_s": a.sample,
           "warmup_s": 0.3}
    (work / "ab.json").write_text(json.dumps(job))
    load0 = os.getloadavg()
    subprocess.run(["node", str(E.NODE_DIR / "ab.mjs"), str(work / "ab.json"), str(work / "out.json")],
                   check=True)
    load1 = os.getloadavg()
    res = json.loads((work / "out.json").read_text())
    names = [v["name"] for v in variants]
    print(f"CPU time per call, fastest of {a.rounds} interleaved rounds (median in parentheses); "
          f"Node {res['node']}; load average at start {load0[0]:.2f}, at end {load1[0]:.2f}")
    print("| kernel | " + " | ".join(names) + " | " + " | ".join(f"{n} / C" for n in names if n != "C") + " |")
    print("| --- |" + " ---: |" * (2 * len(names) - (1 if c else 0)))
    logs = {n: [] for n in names if n != "C"}
    for k in ks:
        r = res["kernels"][k.id]["variants"]
        checks = {n: r[n]["check"] for n in names}
        ref = checks[names[0]]
        for n, v in checks.items():
            if not (abs(v - ref) <= 1e-9 * max(1.0, abs(ref))):
                print(f"warning: {k.id}: {n}'s result checksum {v} differs from {names[0]}'s {ref}")
        best = {n: min(r[n]["times"]) for n in names}
        med = {n: H.median(r[n]["times"]) for n in names}
        cells = [f"{H.format_seconds(best[n])} ({H.format_seconds(med[n])})" for n in names]
        ratios = []
        if c:
            for n in logs:
                ratios.append(f"{best[n] / best['C']:.2f}")
                logs[n].append(math.log(best[n] / best["C"]))
        print(f"| {k.label} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
    if c:
        print("geomean / C: " + ", ".join(f"{n} {math.exp(sum(v) / len(v)):.2f}" for n, v in logs.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
