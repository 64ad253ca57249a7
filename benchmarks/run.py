"""Run the py2wasm benchmark suite: every kernel under every engine, side by side.

    python3 benchmarks/run.py [--quick] [--out benchmarks/results]
                              [--kernels ID,...] [--engines ID,...] [--cpu-time]

Writes to the results folder: results.md (the table of medians and speed-ups
over CPython, measured in this run, plus compile times, package sizes, Pyodide
load time and size, Node peak memory), results.json (every time, every reason,
the machine) and results.png (the chart). `benchmarks/setup.sh` installs the
optional engines (Numba, matplotlib, Pyodide, clang/lld); an engine that cannot
run says why in the table. `--quick` uses smaller sizes and fewer repeats
(under two minutes on 2 cores).
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import gzip
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "benchmarks"

from benchmarks import engines as E  # noqa: E402
from benchmarks import harness as H  # noqa: E402
from benchmarks import suite as S  # noqa: E402

SHIPPED = (".js", ".mjs", ".wasm")   # what a page downloads (not README, d.ts, package.json)
PYODIDE_CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                      "pyodide-lock.json")


def machine_info() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / (1 << 20), 1)
                break
    except OSError:
        pass
    if Path("/etc/debian_version").exists():
        info["debian"] = Path("/etc/debian_version").read_text().strip()
    import numpy as np
    info["numpy"] = np.__version__
    try:
        import numba
        info["numba"] = numba.__version__
    except ImportError:
        info["numba"] = None
    try:
        import wasmtime
        info["wasmtime"] = getattr(wasmtime, "__version__", None) or _dist_version("wasmtime")
    except ImportError:
        info["wasmtime"] = None
    info["node"] = E.node_version()
    clang = E.find_clang()
    info["clang"] = E.clang_version(clang) if clang else None
    pj = E.PYODIDE_DIR / "package.json"
    if pj.exists():
        import json
        info["pyodide"] = json.loads(pj.read_text()).get("version")
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             cwd=E.REPO).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "py2wasm"], capture_output=True,
                               text=True, cwd=E.REPO).stdout.strip()
        info["py2wasm_commit"] = rev + ("+dirty" if dirty else "")
    except OSError:
        pass
    info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    info["openblas_env"] = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                                       "OPENBLAS_NUM_THREADS") if k in os.environ}
    return info


def _dist_version(name):
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def dir_size(d: Path, suffixes: tuple = ()) -> tuple[int, int]:
    """(bytes, gzip -9 bytes) of every file under d (or only those with these suffixes)."""
    raw = gz = 0
    for p in sorted(d.rglob("*")):
        if p.is_file() and (not suffixes or p.suffix in suffixes):
            data = p.read_bytes()
            raw += len(data)
            gz += len(gzip.compress(data, 9))
    return raw, gz


def pyodide_download() -> dict | None:
    if not (E.PYODIDE_DIR / "pyodide.mjs").exists():
        return None
    raw = gz = 0
    files = {}
    for name in PYODIDE_CORE_FILES:
        p = E.PYODIDE_DIR / name
        if p.exists():
            data = p.read_bytes()
            files[name] = len(data)
            raw += len(data)
            gz += len(gzip.compress(data, 6))
    return {"bytes": raw, "gzip_bytes": gz, "files": files}


def node_baseline_rss() -> int | None:
    try:
        p = subprocess.run(["node", "-e", "console.log(/VmHWM:\\s+(\\d+)/.exec("
                            "require('fs').readFileSync('/proc/self/status', 'utf8'))[1])"],
                           capture_output=True, text=True, timeout=60)
        return int(p.stdout.strip()) * 1024
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def pyodide_loads(workdir: Path, n: int) -> list[float]:
    """Load times of Pyodide in n more Node processes (the driver with no kernels)."""
    import json
    out = []
    for i in range(n):
        job = workdir / f"job_pyodide_load_{i}.json"
        res = workdir / f"out_pyodide_load_{i}.json"
        job.write_text(json.dumps({"engine": "pyodide", "kernels": [], "policy": H.QUICK.to_json(),
                                   "out_dir": str(workdir), "pyodide_dir": str(E.PYODIDE_DIR)}))
        p = subprocess.run(["node", str(E.NODE_DIR / "driver.mjs"), str(job), str(res)],
                           capture_output=True, text=True, timeout=600)
        if p.returncode == 0 and res.exists():
            d = json.loads(res.read_text())
            if d.get("load_s") is not None:
                out.append(d["load_s"])
    return out


def compile_times(workdir: Path, repeats: int) -> dict:
    """Wall time of `py2wasm build` (a new Python process each time) and the package size."""
    out = {}
    sources = [(f"examples/{p.name}", p) for p in sorted((E.REPO / "examples").glob("*.py"))]
    sources.append(("benchmarks/modules/numeric300.py", E.BENCH_DIR / "modules" / "numeric300.py"))
    for label, src in sources:
        lines = len(src.read_text().splitlines())
        walls, why = [], None
        for i in range(repeats):
            d = workdir / f"build_{src.stem}_{i}"
            wall, why = E.py2wasm_build(src, d, [])
            if why:
                break
            walls.append(wall)
        entry = {"lines": lines}
        if why:
            entry["reason"] = why
        else:
            entry["wall_s"] = walls
            entry["median_s"] = H.median(walls)
            raw, gz = dir_size(workdir / f"build_{src.stem}_0")
            entry["package_bytes"], entry["package_gzip_bytes"] = raw, gz
            raw, gz = dir_size(workdir / f"build_{src.stem}_0", SHIPPED)
            entry["shipped_bytes"], entry["shipped_gzip_bytes"] = raw, gz
            wasm = sorted((workdir / f"build_{src.stem}_0").glob("*.wasm"))
            entry["wasm_bytes"] = sum(p.stat().st_size for p in wasm)
        out[label] = entry
    return out


def run(quick: bool, outdir: Path, kernel_ids=None, engine_ids=None, log=print,
        policy: H.TimingPolicy | None = None, kernels: list | None = None,
        extras: bool = True, keep_work: bool = False, publish: bool = False,
        cpu_time: bool = False, suite: str = "main") -> dict:
    t_start = time.perf_counter()
    load_start = [round(x, 2) for x in os.getloadavg()]
    policy = policy or (H.QUICK if quick else H.FULL)
    if cpu_time:
        policy = dataclasses.replace(policy, clock="cpu")
    H.use_clock(policy.clock)
    ks = kernels if kernels is not None else S.kernels(quick, suite)
    if kernel_ids:
        ks = [k for k in ks if k.id in kernel_ids or k.module in kernel_ids]
    engines = E.all_engines()
    if engine_ids:
        engines = [e for e in engines if e.id in engine_ids or e.id == "cpython"]
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="py2wasm-bench-"))
    args = {k.id: k.args() for k in ks}

    results: dict = {k.id: {} for k in ks}
    engine_info: dict = {}
    expected: dict = {}
    for eng in engines:
        t0 = time.perf_counter()
        why = eng.availability()
        if why:
            log(f"{eng.id}: not available: {why}")
            for k in ks:
                results[k.id][eng.id] = H.unavailable(why)
            engine_info[eng.id] = {"available": False, "reason": why}
            continue
        if isinstance(eng, E.Py2WasmNode):
            if isinstance(eng, E.Py2WasmNodeInMemory):
                eng.builds.update(next((e.builds for e in engines if type(e) is E.Py2WasmNode), {}))
            eng.prebuild(ks, work)
        log(f"{eng.id}: running {len(ks)} kernels ...")
        res = eng.run(ks, args, expected, policy, work)
        for k in ks:
            o = res.get(k.id) or H.unavailable("not run")
            results[k.id][eng.id] = o
            if eng.id == "cpython" and o.status == H.OK:
                expected[k.id] = (o.result,)
            log(f"  {k.id:16s} {o.status:11s} {H.format_seconds(o.median):>10s} {o.reason[:90]}")
        info = {"available": True, "seconds": time.perf_counter() - t0}
        if getattr(eng, "process_info", None):
            info.update(eng.process_info)
        if isinstance(eng, E.Py2WasmNode):
            info["builds"] = {m: {"wall_s": b["wall_s"], "error": b["error"]} for m, b in eng.builds.items()}
        engine_info[eng.id] = info
        if eng.id == "cpython" and not expected:
            log("CPython produced no reference result")

    extra: dict = {}
    if extras:
        log("compile times and sizes ...")
        extra["py2wasm_build"] = compile_times(work, 1 if quick else 3)
        extra["pyodide_download"] = pyodide_download()
        extra["node_baseline_rss_bytes"] = node_baseline_rss()
        first = engine_info.get("pyodide", {}).get("load_s")
        if first is not None:
            loads = [first] + pyodide_loads(work, 0 if quick else 2)
            extra["pyodide_load_s"] = {"runs": loads, "median": H.median(loads)}
        pkg = engine_info.get("py2wasm-node", {}).get("builds", {})
        sizes = {}
        for m, b in pkg.items():
            d = work / f"pkg_{m}"
            if not b["error"] and d.exists():
                raw, gz = dir_size(d)
                sraw, sgz = dir_size(d, SHIPPED)
                sizes[m] = {"bytes": raw, "gzip_bytes": gz, "shipped_bytes": sraw, "shipped_gzip_bytes": sgz}
        extra["kernel_package_sizes"] = sizes

    rows = [(k.id, k.label) for k in ks]
    cols = [(e.id, e.title) for e in engines]
    data = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "machine": {**machine_info(), "load_average_start": load_start},
        "policy": policy.to_json(),
        "kernels": [{"id": k.id, "label": k.label, "module": k.module, "kind": k.kind,
                     "rtol": k.rtol, "notes": k.notes} for k in ks],
        "engines": engine_info,
        "results": {kid: {eid: o.to_json() for eid, o in r.items()} for kid, r in results.items()},
        "extra": extra,
        "total_seconds": time.perf_counter() - t_start,
    }
    H.write_json(outdir / "results.json", data)
    chart_err = H.write_chart(outdir / "results.png", rows, cols, results)
    md = render_markdown(data, rows, cols, results, chart_err)
    (outdir / "results.md").write_text(md)
    if publish:
        # The committed copy: benchmarks/RESULTS.md (+ .png, .json) for the README.
        H.write_json(E.BENCH_DIR / "RESULTS.json", data)
        if not chart_err:
            shutil.copyfile(outdir / "results.png", E.BENCH_DIR / "RESULTS.png")
        (E.BENCH_DIR / "RESULTS.md").write_text(
            md.replace("](results.png)", "](RESULTS.png)").replace(
                "# py2wasm benchmarks (full run)", "# py2wasm benchmarks: latest full run"))
    if not keep_work:
        shutil.rmtree(work, ignore_errors=True)
    log(f"wrote {outdir}/results.md, results.json" + ("" if chart_err else ", results.png")
        + f" in {data['total_seconds']:.0f} s")
    return {"data": data, "results": results, "markdown": md}


def render_markdown(data, rows, cols, results, chart_err=None) -> str:
    m = data["machine"]
    lines = [f"# py2wasm benchmarks ({data['mode']} run)", ""]
    lines.append(f"Measured {data['date']} on {m.get('cpu', '?')} ({m.get('cores')} cores, "
                 f"{m.get('memory_gib')} GiB), Debian {m.get('debian', '?')}; CPython {m['python']}, "
                 f"NumPy {m['numpy']} (OPENBLAS_NUM_THREADS={m.get('openblas_env', {}).get('OPENBLAS_NUM_THREADS', 'unset')}), Numba {m.get('numba') or '-'}, wasmtime {m.get('wasmtime') or '-'}, "
                 f"Node {m.get('node') or '-'}, {m.get('clang') or 'no clang'}, Pyodide "
                 f"{m.get('pyodide') or '-'}; py2wasm {m.get('py2wasm_commit', '?')}. "
                 f"Load average (1, 5, 15 min) at the start: "
                 f"{', '.join(map(str, m.get('load_average_start', [])))}, at the end: "
                 f"{', '.join(map(str, m.get('load_average', [])))} (other work on the machine makes "
                 "times noisier).")
    lines.append("")
    p = data["policy"]
    clock = ("CPU time of the process running the kernel (--cpu-time: the time other processes "
             "take on a loaded machine is not counted)") if p.get("clock") == "cpu" else "elapsed time"
    lines.append(f"Each cell: median time per call ({clock}) over {p['min_repeats']}-{p['max_repeats']} timed samples "
                 f"after a warm-up of at least {p['warmup']} call(s) and {p['warmup_time']} s (a sample "
                 f"of a kernel faster than {H.format_seconds(p['min_sample'])} times several calls), "
                 "and in parentheses the speed-up over CPython "
                 "measured in the same run (>1× is faster). Every result was checked against CPython's "
                 "before it was timed; a wrong one would show as **WRONG**. Node engines are timed "
                 "inside Node. For C → wasm the inputs are already in linear memory; the py2wasm "
                 "package and JS columns include their own argument handling (the package copies "
                 "arrays in and out on each call), the package's \"arrays in memory\" column "
                 "keeps them in the module's memory (its zero-copy API), like C → wasm.")
    lines.append("")
    lines.append("Speed-up over CPython at a glance (n/a: see the full table below):")
    lines.append("")
    lines.append(H.compact_table(rows, cols, results))
    lines.append("")
    lines.append("### Times")
    lines.append("")
    table, notes = H.markdown_table(rows, cols, results)
    lines.append(table)
    lines.append("")
    lines.extend(vs_c_lines(rows, cols, results))
    kn = [k for k in data["kernels"] if k.get("notes")]
    for k in kn:
        lines.append(f"- {k['label']}: {k['notes']}.")
    if notes:
        lines.append("")
        lines.append("Notes:")
        for i, n in enumerate(notes, 1):
            lines.append(f"{i}. {n}")
    lines.append("")
    ex = data.get("extra") or {}
    if ex:
        lines.append("## Compile time and size")
        lines.append("")
        lines.append("| | `py2wasm build` wall time (incl. Python start-up) | downloaded by a page (.js + .wasm) | gzip | whole npm package | gzip |")
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
        fb = H.format_bytes
        for label, e in ex.get("py2wasm_build", {}).items():
            if "reason" in e:
                lines.append(f"| {label} ({e['lines']} lines) | not available: {H._short(e['reason'], 120)} | | | | |")
            else:
                lines.append(f"| {label} ({e['lines']} lines) | {H.format_seconds(e['median_s'])} | "
                             f"{fb(e['shipped_bytes'])} | {fb(e['shipped_gzip_bytes'])} | "
                             f"{fb(e['package_bytes'])} | {fb(e['package_gzip_bytes'])} |")
        for m_, s in sorted((ex.get("kernel_package_sizes") or {}).items()):
            lines.append(f"| kernel package `{m_}` | | {fb(s['shipped_bytes'])} | {fb(s['shipped_gzip_bytes'])} | "
                         f"{fb(s['bytes'])} | {fb(s['gzip_bytes'])} |")
        pd = ex.get("pyodide_download")
        if pd:
            lines.append(f"| Pyodide core ({', '.join(pd['files'])}) | | "
                         f"{fb(pd['bytes'])} | {fb(pd['gzip_bytes'])} | | |")
        else:
            lines.append("| Pyodide core | not available: pyodide is not installed | | | | |")
        lines.append("")
        eng = data["engines"]
        py = eng.get("pyodide", {})
        pl = ex.get("pyodide_load_s")
        if pl:
            lines.append(f"Pyodide load time in Node (loadPyodide from node_modules, no network): "
                         f"{H.format_seconds(pl['median'])}"
                         + (f" (median of {len(pl['runs'])} processes: "
                            f"{', '.join(H.format_seconds(x) for x in pl['runs'])})" if len(pl['runs']) > 1 else "")
                         + ".")
        else:
            lines.append(f"Pyodide load time: not available: {py.get('reason') or py.get('load_error') or '?'}.")
        lines.append("")
        lines.append("Peak memory (max RSS) of each Node process, which ran all kernels of its engine"
                     + (f"; an empty `node -e` process: {H.format_bytes(ex['node_baseline_rss_bytes'])}"
                        if ex.get("node_baseline_rss_bytes") else "") + ":")
        lines.append("")
        for eid, title in cols:
            e = eng.get(eid, {})
            if "peak_rss_bytes" in e:
                ran = sum(1 for kid, _ in rows if results.get(kid, {}).get(eid) is not None
                          and results[kid][eid].status == H.OK)
                lines.append(f"- {title}: {H.format_bytes(e['peak_rss_bytes'])} "
                             f"({ran} kernel(s) ran in it)")
        lines.append("")
    ct = [(label, results[kid].get("py2wasm-wasmtime"), results[kid].get("numba")) for kid, label in rows]
    ct = [(label, p, n) for label, p, n in ct
          if (p is not None and "compile_s" in p.extra) or (n is not None and "compile_s" in n.extra)]
    if ct:
        lines.append("First call (compile included) from Python: `py2wasm.compile` (trace, lower, "
                     "optimize, instantiate under wasmtime) and Numba `@njit`:")
        lines.append("")
        lines.append("| kernel | py2wasm.compile | Numba |")
        lines.append("| --- | ---: | ---: |")
        for label, p, n in ct:
            fp = H.format_seconds(p.extra["compile_s"]) if p is not None and "compile_s" in p.extra else "-"
            fn_ = H.format_seconds(n.extra["compile_s"]) if n is not None and "compile_s" in n.extra else "-"
            lines.append(f"| {label} | {fp} | {fn_} |")
        lines.append("")
    if chart_err:
        lines.append(f"Chart: not written: {chart_err}")
    else:
        lines.append("![speed-up over CPython](results.png)")
    lines.append("")
    lines.append(f"Total time of this run: {data['total_seconds']:.0f} s.")
    lines.append("")
    return "\n".join(lines)


def vs_c_ratios(rows, cols, results, ref: str = "c-wasm") -> dict:
    """{engine: (geomean of time / C -> wasm's time, kernels counted)} over the
    kernels where both ran (C -> wasm's inputs are in its memory: compare the
    package's in-memory column for the compiler against the compiler)."""
    out = {}
    for eid, _ in cols:
        if eid == ref:
            continue
        logs = []
        for kid, _ in rows:
            c, o = results[kid].get(ref), results[kid].get(eid)
            if c is not None and o is not None and c.median and o.median:
                logs.append(math.log(o.median / c.median))
        if logs:
            out[eid] = (math.exp(sum(logs) / len(logs)), len(logs))
    return out


def vs_c_lines(rows, cols, results) -> list[str]:
    r = vs_c_ratios(rows, cols, results)
    if not r:
        return []
    titles = dict(cols)
    out = ["Time relative to C → wasm (clang), geometric mean over the kernels both ran "
           "(<1 is faster than C → wasm):", ""]
    for eid, (g, n) in r.items():
        out.append(f"- {titles[eid]}: {g:.2f}× ({n} kernels)")
    out.append("")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, few repeats (< 2 min)")
    ap.add_argument("--out", default=str(E.BENCH_DIR / "results"), help="results folder")
    ap.add_argument("--suite", choices=S.SUITES, default="main",
                    help="main: the README's table (default); linalg: the linear-algebra table "
                         "(a @ b, matrix-vector, dot, stencils; float64 and float32)")
    ap.add_argument("--kernels", default="", help="comma-separated kernel ids or module names")
    ap.add_argument("--engines", default="", help="comma-separated engine ids (CPython always runs)")
    ap.add_argument("--no-extras", action="store_true", help="skip compile times and sizes")
    ap.add_argument("--cpu-time", action="store_true",
                    help="time with the CPU time of the process running each kernel instead of "
                         "elapsed time (a loaded machine)")
    ap.add_argument("--blas-threads", type=int, default=1,
                    help="OPENBLAS_NUM_THREADS for NumPy (default 1, like the other engines)")
    ap.add_argument("--publish", action="store_true",
                    help="also write benchmarks/RESULTS.md/.png/.json (the committed copy)")
    ap.add_argument("--keep-work", action="store_true",
                    help="keep the temporary folder (built packages, wasm, inputs)")
    a = ap.parse_args(argv)
    if a.publish and a.suite != "main":
        ap.error("--publish writes the README's table (benchmarks/RESULTS.md): only with --suite main")
    # The BLAS environment must be set before NumPy loads: re-run this command
    # with it. OPENBLAS_CORETYPE/L2_SIZE (set on some machines for old OpenBLAS
    # builds) slow a current NumPy down: dropped for this command alone. BLAS
    # threads: one, like every other engine here (multi-threaded OpenBLAS on a
    # busy 2-core machine measured 15-40x slower for dot and matmul 256).
    threads = str(a.blas_threads)
    drop = [k for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ]
    if not os.environ.get("PY2WASM_BENCH_REEXEC") and (
            drop or os.environ.get("OPENBLAS_NUM_THREADS") != threads):
        env = {k: v for k, v in os.environ.items() if k not in drop}
        env["OPENBLAS_NUM_THREADS"] = threads
        env["PY2WASM_BENCH_REEXEC"] = "1"
        os.execve(sys.executable, [sys.executable, *sys.argv], env)
    run(a.quick, Path(a.out), kernel_ids=set(filter(None, a.kernels.split(","))),
        engine_ids=set(filter(None, a.engines.split(","))), extras=not a.no_extras,
        keep_work=a.keep_work, publish=a.publish, cpu_time=a.cpu_time,
        suite=a.suite,
        log=lambda *m: print(*m, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
