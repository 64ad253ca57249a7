"""`python -m tests.fuzz --count 20000 --target simd --seed S [--kind scalar|array]`:
the long fuzz run; prints each failure (shrunk to a ready-to-paste snippet)
and a summary line of counts per target."""
from __future__ import annotations

import argparse
import signal
import sys

from . import oracle
from .runner import run


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    ap.add_argument("--count", type=int, default=1000, help="programs to generate")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--target", action="append", choices=oracle.TARGETS,
                    help="build target (repeatable; default: all three)")
    ap.add_argument("--kind", choices=("scalar", "array", "py", "both", "all"), default="both",
                    help="both: scalar and array; all: scalar, array and py (lists, dicts, sets, "
                         "strings, dataclasses, generators)")
    ap.add_argument("--time-limit", type=float, default=None, help="stop after this many seconds")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--max-shrinks", type=int, default=20, help="failures to shrink (the rest are printed whole)")
    ap.add_argument("--exclude", action="append", default=[],
                    help="generator construct to leave out (docs/fuzzing.md)")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    ap.add_argument("--progress", type=int, default=0, metavar="N",
                    help="print the summary line every N programs")
    ap.add_argument("--batch", type=int, default=32, metavar="N",
                    help="programs per wasm module (tests/fuzz/batch.py; 1: each program standalone); "
                         "any outcome but ok is the standalone compile's")
    ap.add_argument("--cross-check", type=int, default=20, metavar="N",
                    help="with --batch: also check every N-th program standalone (0: never)")
    a = ap.parse_args(argv)
    kinds = {"both": ("scalar", "array"), "all": ("scalar", "array", "py")}.get(a.kind, (a.kind,))
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # kill: summary of what ran
    log = None if a.quiet else (lambda s: print(s, flush=True))
    s = run(count=a.count, seed=a.seed, targets=tuple(a.target or oracle.TARGETS), kinds=kinds,
            time_limit=a.time_limit, do_shrink=not a.no_shrink, exclude=a.exclude, log=log,
            max_shrinks=a.max_shrinks, progress=a.progress, batch=a.batch,
            cross_check=a.cross_check, interruptible=True)
    if s.refusals:
        print("refusals:")
        for msg, n in s.refusals.most_common(20):
            print(f"  {n:5d}  {msg}")
    print("summary:", s.line())
    return 1 if s.bad() else 0


if __name__ == "__main__":
    sys.exit(main())
