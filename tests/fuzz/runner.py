"""The fuzz loop: generate, check on each target, shrink failures, count.

`run(...)` returns a Summary (counts per target and status, and the shrunk
failures); `python -m tests.fuzz` is its command line.
"""
from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field

from . import gen_array, gen_py, gen_scalar, oracle
from .shrink import shrink


@dataclass
class Failure:
    seed: int
    index: int
    target: str
    outcome: oracle.Outcome
    snippet: str


@dataclass
class Summary:
    counts: dict = field(default_factory=dict)  # target -> Counter(status)
    failures: list = field(default_factory=list)
    refusals: Counter = field(default_factory=Counter)
    programs: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def line(self) -> str:
        parts = []
        for t, c in self.counts.items():
            parts.append(f"{t}: " + " / ".join(f"{c.get(s, 0)} {s}" for s in oracle.STATUSES))
        stop = " (interrupted)" if self.interrupted else ""
        return f"{self.programs} programs in {self.seconds:.0f}s{stop}; " + "; ".join(parts)

    def bad(self) -> int:
        return sum(c[s] for c in self.counts.values()
                   for s in ("wrong answer", "wrong exception", "internal error"))


# Constructs left out of the quick budget while a bug they find is being
# fixed elsewhere (`--exclude` names; docs/fuzzing.md): none at present, the
# issue-13 bugs they covered are fixed, so the quick budget generates them all.
QUICK_EXCLUDE: tuple = ()

GENERATORS = {"scalar": gen_scalar.generate, "array": gen_array.generate, "py": gen_py.generate}


def program_for(seed: int, index: int, kind: str, exclude=()):
    rng = random.Random(f"{seed}:{index}:{kind}")
    return GENERATORS[kind](rng, gen_scalar.Options(exclude), label=f"{seed}-{index}")


def run(*, count: int, seed: int, targets=oracle.TARGETS, kinds=("scalar", "array"),
        time_limit: float | None = None, do_shrink: bool = True, exclude=(),
        log=None, max_shrinks: int = 20, progress: int = 0, batch: int = 1,
        cross_check: int = 0, interruptible: bool = False) -> Summary:
    """`batch` > 1: check that many programs per wasm module (tests/fuzz/batch.py;
    a non-ok outcome is always the standalone `oracle.check`'s); with
    `cross_check` N, every N-th program is also checked standalone.
    `interruptible`: a KeyboardInterrupt ends the run with the counts so far."""
    summary = Summary(counts={t: Counter() for t in targets})
    start = time.monotonic()
    step = max(1, batch)
    try:
        _loop(summary, start, count, step, seed, targets, kinds, time_limit, do_shrink, exclude,
              log, max_shrinks, progress, cross_check)
    except KeyboardInterrupt:  # SIGINT, or SIGTERM from the command line: the counts so far
        if not interruptible:
            raise
        summary.interrupted = True
    summary.seconds = time.monotonic() - start
    return summary


def _loop(summary, start, count, step, seed, targets, kinds, time_limit, do_shrink, exclude,
          log, max_shrinks, progress, cross_check):
    from .batch import check_batch

    for first in range(0, count, step):
        if time_limit is not None and time.monotonic() - start > time_limit:
            break
        idx = list(range(first, min(count, first + step)))
        progs = [program_for(seed, i, kinds[i % len(kinds)], exclude) for i in idx]
        if step == 1:
            outs = [{t: oracle.check(progs[0], t) for t in targets}]
        else:
            outs = check_batch(progs, targets)
        for i, prog, res in zip(idx, progs, outs):
            if progress and log and i and i % progress == 0:
                summary.seconds = time.monotonic() - start
                log(f"progress: {summary.line()}")
            if step > 1 and cross_check and i % cross_check == 0:
                for t in targets:
                    if res[t].status == "ok":  # the others are standalone outcomes already
                        res[t] = oracle.check(prog, t)
            summary.programs += 1
            for t in targets:
                _count(summary, seed, i, prog, t, res[t], do_shrink, max_shrinks, log)


def _count(summary, seed, i, prog, t, out, do_shrink, max_shrinks, log):
    summary.counts[t][out.status] += 1
    if out.status == "refused":
        summary.refusals[out.detail[:120]] += 1
    if out.failed:
        small = prog
        if do_shrink and len(summary.failures) < max_shrinks:
            small = shrink(prog, t, out)
            out = oracle.check(small, t) if small is not prog else out
        snippet = small.snippet(t)
        summary.failures.append(Failure(seed, i, t, out, snippet))
        if log:
            log(f"--- {out.status} [{prog.kind} seed={seed} index={i} target={t}]: {out.detail}\n"
                + snippet)
