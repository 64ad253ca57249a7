"""Run the pytest suite as independent jobs on every core (scripts/test.sh).

The suite is one pytest run per top-level test directory on CPython 3.11, and
the tracer and differential directories again on 3.12 and 3.13. The jobs share
nothing but the read-only checkout (each test writes under its own tmp_path),
so they run side by side, as many at a time as the machine has cores, longest
first. Each job's output is printed whole when it ends, with its duration;
the exit status is non-zero when any job failed.

Usage: python scripts/parallel_suite.py PY311 PY312 PY313 [--jobs N]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = ["-m", "pytest", "-p", "no:cacheprovider"]  # -q comes from pyproject's addopts

# Test directories, the longest first (measured: durations printed at the end
# of every run; a directory missing here runs after these).
ORDER_311 = ["arrays", "frontend", "scaling", "package", "fuzz", "corpus", "linalg",
             "toolchains", "passes", "playground", "complex", "mathlib", "cli", "benchmarks",
             "runner", "backend", "ir"]  # 2026-12-07 on 2 busy cores: 1404 s ... 4 s
# Run again on 3.12 and 3.13: the tracer reads each version's bytecode.
OTHER_VERSIONS = ["frontend", "corpus", "ir"]


def jobs(py311: str, py312: str, py313: str) -> list[tuple[str, list[str]]]:
    present = sorted(p.name for p in (ROOT / "tests").iterdir()
                     if p.is_dir() and any(p.rglob("test_*.py")))
    ordered = [d for d in ORDER_311 if d in present] + [d for d in present if d not in ORDER_311]
    out: list[tuple[str, list[str]]] = []
    for d in ordered:
        out.append((f"3.11 tests/{d}", [py311, *PYTEST, f"tests/{d}"]))
        if d in OTHER_VERSIONS:
            for name, py in (("3.12", py312), ("3.13", py313)):
                out.append((f"{name} tests/{d}", [py, *PYTEST, f"tests/{d}"]))
    out.append(("3.13 math.fma on every target",
                [py313, *PYTEST, "tests/backend/test_fma_relaxed.py"]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("py311")
    ap.add_argument("py312")
    ap.add_argument("py313")
    ap.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    a = ap.parse_args()
    queue = jobs(a.py311, a.py312, a.py313)
    lock = threading.Lock()
    results: list[tuple[str, int, float]] = []
    start = time.monotonic()

    def worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                name, cmd = queue.pop(0)
            t0 = time.monotonic()
            proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            took = time.monotonic() - t0
            with lock:
                results.append((name, proc.returncode, took))
                status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
                print(f"== {name}: {status} in {took:.0f} s "
                      f"(at {time.monotonic() - start:.0f} s)", flush=True)
                if proc.returncode != 0 or os.environ.get("PY2WASM_SUITE_VERBOSE"):
                    print(proc.stdout, flush=True)
                else:
                    tail = proc.stdout.strip().splitlines()[-1:] or [""]
                    print(f"   {tail[0]}", flush=True)

    threads = [threading.Thread(target=worker) for _ in range(a.jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failed = [r for r in results if r[1] != 0]
    print(f"== {len(results)} jobs in {time.monotonic() - start:.0f} s on {a.jobs} workers; "
          f"longest: " + ", ".join(f"{n} {t:.0f} s" for n, _, t in
                                    sorted(results, key=lambda r: -r[2])[:6]), flush=True)
    if failed:
        print("== FAILED: " + ", ".join(n for n, _, _ in failed), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
