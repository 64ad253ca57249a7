"""The engines of the benchmark suite: each runs a list of kernels and returns
one `harness.Outcome` per kernel, or says why it cannot run.

Python engines run in this process: CPython (the kernel module as written),
NumPy (the module's NAME_numpy version), Numba (@njit over every function of a
fresh copy of the module) and py2wasm under wasmtime (`py2wasm.compile`).
Node engines run one Node process each through `node/driver.mjs`: plain JS,
C compiled to wasm by clang, the npm package `py2wasm build` writes, and
Pyodide from node_modules. Availability is decided at run time (what is
installed, whether the compiler accepts the kernel), never hard-coded.
"""
from __future__ import annotations

import importlib.util
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

import numpy as np

from . import harness as H
from .suite import ARRAY, CALLS_JS, CALLS_PY, Kernel, out_dtype, out_shape

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
NODE_DIR = BENCH_DIR / "node"
PYODIDE_DIR = NODE_DIR / "node_modules" / "pyodide"
CLANG_CANDIDATES = ("clang-19", "clang-18", "clang-17", "clang-16", "clang-15", "clang-14", "clang")
C_FLAGS = ["--target=wasm32", "-O3", "-msimd128", "-mbulk-memory", "-nostdlib", "-Wl,--no-entry",
           "-Wl,--export-all", "-Wl,--allow-undefined"]


def load_module(path: Path, tag: str):
    """A fresh copy of a kernel module (its own globals), imported by path."""
    name = f"_bench_{tag}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def fresh_args(k: Kernel, args: tuple) -> tuple:
    """Copies of the array arguments, so in-place kernels start from the same data."""
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)


def pick_result(k: Kernel, args: tuple, ret):
    return args[k.result[1]] if k.mutates else ret


PY_ROW = "called from JS: see the JS row"
JS_ROW = "called from Python: see the Python row"


def condense_compile_error(msg: str) -> str:
    """`path:6: error[P2W008]: unsupported ...` -> `P2W008 unsupported ...`."""
    m = re.search(r"error\[(P2W\d+)\]:\s*(.*)", msg)
    return f"{m.group(1)} {m.group(2).strip()}" if m else first_line(msg)


def first_line(msg: str, limit: int = 300) -> str:
    msg = str(msg).strip()
    lines = [ln for ln in msg.splitlines() if ln.strip()]
    s = lines[0] if lines else msg
    return s[:limit]


class Engine:
    id = ""
    title = ""

    def availability(self) -> Optional[str]:
        """None if the engine can run here, else why not."""
        return None

    def run(self, kernels: list[Kernel], args: dict, expected: dict, policy: H.TimingPolicy,
            workdir: Path) -> dict:
        raise NotImplementedError


# ---------------------------------------------------------------- Python engines

class PythonEngine(Engine):
    """Runs kernels in this process; subclasses say how to get the callable."""

    def prepare(self, k: Kernel):
        """Return the callable for kernel k, or raise Unavailable."""
        raise NotImplementedError

    def run(self, kernels, args, expected, policy, workdir):
        res = {}
        for k in kernels:
            try:
                fn = self.prepare(k)
            except Unavailable as e:
                res[k.id] = H.unavailable(str(e))
                continue
            except Exception as e:  # noqa: BLE001  (a broken engine is a reason, not a crash)
                res[k.id] = H.unavailable(f"{type(e).__name__}: {first_line(e)}")
                continue
            res[k.id] = self.measure(k, fn, args[k.id], expected.get(k.id), policy)
        return res

    def measure(self, k, fn, a, want, policy):
        if k.kind == CALLS_PY or k.kind == CALLS_JS:
            n = a[0]

            def run_once(calls):
                return H.timed(H.call_loop, (fn, n), calls)
        elif k.mutates:
            def run_once(calls):
                call_args = fresh_args(k, a)
                t0 = H.now()
                r = fn(*call_args)
                t = H.now() - t0
                return t, pick_result(k, call_args, r)
        else:
            def run_once(calls):
                return H.timed(fn, a, calls)
        check = None
        if want is not None:
            check = lambda got: H.check_result(got, want[0], rtol=k.rtol)  # noqa: E731
        try:
            out, first = H.measure(run_once, policy, check, batchable=not k.mutates)
        except Unavailable as e:
            return H.unavailable(str(e))
        except Exception as e:  # noqa: BLE001
            return H.failed(f"{type(e).__name__}: {first_line(e)}")
        out.result = first
        return out


class Unavailable(Exception):
    """An engine cannot run a kernel, for the reason given."""


class CPython(PythonEngine):
    id, title = "cpython", "CPython"

    def availability(self):
        return None

    def prepare(self, k):
        mod = load_module(k.py_path(), "cpython")
        return getattr(mod, k.entry)


class NumPyEngine(PythonEngine):
    id, title = "numpy", "NumPy"

    def prepare(self, k):
        if k.kind != ARRAY or not k.numpy:
            raise Unavailable(k.numpy_reason or "no NumPy version")
        mod = load_module(k.py_path(), "numpy")
        return getattr(mod, k.numpy)


class NumbaEngine(PythonEngine):
    id, title = "numba", "Numba @njit"

    def availability(self):
        try:
            import numba  # noqa: F401
        except ImportError as e:
            return f"numba is not installed ({e}); run benchmarks/setup.sh"
        return None

    def prepare(self, k):
        import numba

        if k.kind == CALLS_JS:
            raise Unavailable(JS_ROW)
        mod = load_module(k.py_path(), "numba")
        for name, obj in list(vars(mod).items()):
            if inspect.isfunction(obj) and obj.__module__ == mod.__name__:
                setattr(mod, name, numba.njit(cache=False)(obj))
        return getattr(mod, k.entry)

    def measure(self, k, fn, a, want, policy):
        # Numba compiles at the first call: do it here so that a typing error is
        # reported as "cannot compile", and the compile time is recorded.
        t0 = time.perf_counter()
        try:
            if k.kind == CALLS_PY:
                fn(0.0, 0.999, 1.0)
            else:
                fn(*fresh_args(k, a))
        except Exception as e:  # noqa: BLE001
            return H.unavailable(f"Numba cannot compile it: {type(e).__name__}: {first_line(e)}")
        compile_s = time.perf_counter() - t0
        out = super().measure(k, fn, a, want, policy)
        out.extra["compile_s"] = compile_s
        return out


def py2wasm_compile_probe() -> Optional[str]:
    """None if `py2wasm.compile(fma)(3, -1, 2) == -1` works, else why not."""
    try:
        import py2wasm
        mod = load_module(BENCH_DIR / "kernels" / "fma.py", "probe")
        got = py2wasm.compile(mod.fma)(3.0, -1.0, 2.0)
    except Exception as e:  # noqa: BLE001
        return f"py2wasm.compile(fma)(3, -1, 2) raised {type(e).__name__}: {first_line(e)}"
    if got != -1:
        return f"py2wasm.compile(fma)(3, -1, 2) returned {got!r}, not -1"
    return None


def _is_array_arg(v) -> bool:
    return isinstance(v, np.ndarray)


class Py2WasmWasmtime(PythonEngine):
    id, title = "py2wasm-wasmtime", "py2wasm (wasmtime, from Python)"

    def availability(self):
        return py2wasm_compile_probe()

    def prepare(self, k):
        import py2wasm

        if k.kind == CALLS_JS:
            raise Unavailable(JS_ROW)
        mod = load_module(k.py_path(), "py2wasm")
        return py2wasm.compile(getattr(mod, k.entry))

    def measure(self, k, fn, a, want, policy):
        import py2wasm

        t0 = time.perf_counter()
        try:
            if k.kind == CALLS_PY:
                fn(0.0, 0.999, 1.0)
            else:
                fn(*fresh_args(k, a))
        except (py2wasm.CompileError, NotImplementedError) as e:
            # Refused by the compiler (or a stage not written yet): not a wrong answer.
            msg = condense_compile_error(str(e))
            if isinstance(e, NotImplementedError):
                msg = f"NotImplementedError: {msg}"
            if any(_is_array_arg(v) for v in a) or k.kind == ARRAY:
                return H.unavailable(f"arrays not supported yet ({msg})")
            return H.unavailable(f"{type(e).__name__}: {msg}")
        except Exception as e:  # noqa: BLE001  (a run-time error is judged below)
            pass
        compile_s = time.perf_counter() - t0
        out = super().measure(k, fn, a, want, policy)
        out.extra["compile_s"] = compile_s   # the first call: trace, compile, instantiate, run
        return out


# ---------------------------------------------------------------- Node engines

def node_version() -> Optional[str]:
    node = shutil.which("node")
    if not node:
        return None
    try:
        return subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def find_clang() -> Optional[str]:
    for c in CLANG_CANDIDATES:
        p = shutil.which(c)
        if p:
            return p
    return None


def clang_version(clang: str) -> str:
    out = subprocess.run([clang, "--version"], capture_output=True, text=True).stdout
    return first_line(out)


def py2wasm_command() -> list[str]:
    exe = Path(sys.executable).with_name("py2wasm")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "import sys; from py2wasm.cli import main; sys.exit(main())"]


ARRAY_DTYPES = ("float64", "float32")   # what the Node driver reads and writes


def write_array(path: Path, a: np.ndarray) -> dict:
    """A float32 array stays float32 (the linear-algebra table's f32 rows);
    any other array is written as float64."""
    dtype = a.dtype.name if a.dtype.name in ARRAY_DTYPES else "float64"
    a = np.ascontiguousarray(a, dtype=dtype)
    path.write_bytes(a.tobytes())
    return {"type": "array", "file": str(path), "shape": list(a.shape), "dtype": dtype}


def encode_args(k: Kernel, a: tuple, workdir: Path) -> list:
    out = []
    for i, v in enumerate(a):
        if isinstance(v, np.ndarray):
            out.append(write_array(workdir / f"arg_{k.id}_{i}.bin", v))
        elif isinstance(v, (bool, np.bool_)):
            out.append({"type": "bool", "value": bool(v)})
        elif isinstance(v, (int, np.integer)):
            out.append({"type": "int", "value": int(v)})
        else:
            out.append({"type": "float", "value": float(v)})
    return out


def decode_result(v):
    if isinstance(v, dict):
        if "int" in v:
            return int(v["int"])
        if "float" in v:
            return float(v["float"])
        if "array" in v:
            data = np.fromfile(v["array"], dtype=v.get("dtype", "float64"))
            return data.reshape(v["shape"])
        if "tuple" in v:
            return tuple(decode_result(x) for x in v["tuple"])
        return v
    return v


class NodeEngine(Engine):
    """One Node process per engine, running all its kernels (driver.mjs)."""
    timeout = 1200

    def availability(self):
        if node_version() is None:
            return "node is not installed"
        return None

    def kernel_job(self, k: Kernel, a: tuple, workdir: Path) -> Optional[dict]:
        """The job entry for k, or raise Unavailable."""
        result = k.result if not k.mutates else {"arg": k.result[1]}
        return {"id": k.id, "kind": k.kind, "entry": k.entry, "args": encode_args(k, a, workdir),
                "result": result, "out_shape": out_shape(k, a), "out_dtype": out_dtype(a)}

    def job_extra(self) -> dict:
        return {}

    def run(self, kernels, args, expected, policy, workdir):
        res: dict = {}
        entries = []
        for k in kernels:
            try:
                entries.append(self.kernel_job(k, args[k.id], workdir))
            except Unavailable as e:
                res[k.id] = H.unavailable(str(e))
        if not entries:
            return res
        job = {"engine": self.id, "policy": policy.to_json(), "kernels": entries,
               "out_dir": str(workdir), **self.job_extra()}
        job_path = workdir / f"job_{self.id}.json"
        out_path = workdir / f"out_{self.id}.json"
        job_path.write_text(json.dumps(job))
        cmd = ["node", str(NODE_DIR / "driver.mjs"), str(job_path), str(out_path)]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            for e in entries:
                res[e["id"]] = H.failed(f"the Node process timed out after {self.timeout} s")
            return res
        if p.returncode != 0 or not out_path.exists():
            why = first_line(p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}")
            for e in entries:
                res[e["id"]] = H.failed(f"node driver failed: {why}")
            return res
        data = json.loads(out_path.read_text())
        self.process_info = {k: v for k, v in data.items() if k != "results"}
        by_id = {k.id: k for k in kernels}
        for kid, r in data["results"].items():
            k = by_id[kid]
            if r["status"] == "unavailable":
                res[kid] = H.unavailable(self.explain(k, r["reason"]))
            elif r["status"] == "failed":
                res[kid] = H.failed(r["reason"])
            else:
                got = decode_result(r.get("result"))
                o = H.Outcome(H.OK, times=r["times"], extra={k_: r.get(k_) for k_ in ("first_run", "warmup_calls", "calls_per_sample")})
                want = expected.get(kid)
                if want is not None:
                    c = H.check_result(got, want[0], rtol=k.rtol)
                    o.extra["max_rel_err"] = c.max_rel_err
                    if not c.ok:
                        o = H.Outcome(H.WRONG, reason=c.detail, extra=o.extra)
                o.result = got
                res[kid] = o
        return res

    def explain(self, k: Kernel, reason: str) -> str:
        return reason


class PlainJS(NodeEngine):
    id, title = "js", "plain JS (Node)"

    def kernel_job(self, k, a, workdir):
        if k.kind == CALLS_PY:
            raise Unavailable(PY_ROW)
        if not k.js_path().exists():
            raise Unavailable(f"no JavaScript version ({k.js_path().name})")
        return {**super().kernel_job(k, a, workdir), "js_path": str(k.js_path())}


class CWasm(NodeEngine):
    id, title = "c-wasm", "C → wasm (clang, Node)"

    def availability(self):
        why = super().availability()
        if why:
            return why
        if find_clang() is None:
            return "clang is not installed (apt-get install clang-19 lld-19; see benchmarks/setup.sh)"
        return None

    def kernel_job(self, k, a, workdir):
        if k.kind == CALLS_PY:
            raise Unavailable(PY_ROW)
        src = k.c_path()
        if not src.exists():
            raise Unavailable(f"no C version ({src.name})")
        wasm = workdir / f"c_{k.module}.wasm"
        if not wasm.exists():
            p = subprocess.run([find_clang(), *C_FLAGS, "-o", str(wasm), str(src)],
                               capture_output=True, text=True)
            if p.returncode != 0:
                raise Unavailable(f"clang failed: {first_line(p.stderr)}")
        return {**super().kernel_job(k, a, workdir), "wasm_path": str(wasm)}


def py2wasm_build(src: Path, outdir: Path, functions: list[str], timeout: float = 600) -> tuple[float, Optional[str]]:
    """Run `py2wasm build` as a user does (a new Python process); return
    (wall seconds, None) or (wall seconds, why it did not write a package)."""
    # .wasm files beside the JS (not inlined): the results report wasm sizes
    cmd = py2wasm_command() + ["build", str(src), "-o", str(outdir), "--no-inline-wasm", "--force"]
    for f in functions:
        cmd += ["-f", f]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(REPO))
    except subprocess.TimeoutExpired:
        return timeout, f"py2wasm build timed out after {timeout} s"
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        err = p.stderr.strip().splitlines()
        located = [ln for ln in err if "error[" in ln]
        msg = located[0] if located else (err[-1] if err else f"exit status {p.returncode}")
        return wall, f"py2wasm build failed: {condense_compile_error(msg.strip())}"
    if not (outdir / "index.js").exists():
        return wall, "py2wasm build wrote no index.js"
    return wall, None


class Py2WasmNode(NodeEngine):
    id, title = "py2wasm-node", "py2wasm (npm package, Node)"

    def __init__(self):
        self.builds: dict = {}

    def availability(self):
        why = super().availability()
        if why:
            return why
        with tempfile.TemporaryDirectory() as d:
            _, why = py2wasm_build(REPO / "examples" / "fma.py", Path(d) / "fma", [])
        if why:
            return f"`py2wasm build examples/fma.py` does not work yet: {why}"
        return None

    def prebuild(self, kernels: list[Kernel], workdir: Path, jobs: int = 2) -> None:
        """Build one package per kernel module, `jobs` builds at a time (before any timing)."""
        from concurrent.futures import ThreadPoolExecutor

        todo = {}   # module -> (source, package folder, its kernels' entries)
        for k in kernels:
            if k.kind == CALLS_PY:
                continue
            entries = todo.setdefault(k.module, (k.py_path(), workdir / f"pkg_{k.module}", []))[2]
            if k.entry not in entries:
                entries.append(k.entry)
        with ThreadPoolExecutor(max_workers=jobs) as ex:
            futs = {m: ex.submit(py2wasm_build, src, out, entries) for m, (src, out, entries) in todo.items()}
            for m, f in futs.items():
                wall, why = f.result()
                self.builds[m] = {"dir": todo[m][1], "wall_s": wall, "error": why}

    def kernel_job(self, k, a, workdir):
        if k.kind == CALLS_PY:
            raise Unavailable(PY_ROW)
        b = self.builds.get(k.module)
        if b is None:
            self.prebuild([k], workdir, jobs=1)
            b = self.builds[k.module]
        if b["error"]:
            if k.kind == ARRAY:
                raise Unavailable(f"arrays not supported yet ({b['error'].replace('py2wasm build failed: ', 'build: ')})")
            raise Unavailable(b["error"])
        return {**super().kernel_job(k, a, workdir), "pkg_dir": str(b["dir"])}


class Py2WasmNodeInMemory(Py2WasmNode):
    """The same packages as Py2WasmNode, their array arguments kept in the
    module's memory (the package's zero-copy API: `alloc`/`array`, `keep` for
    array results) before the timing starts, like C -> wasm's data: no copy in
    or out per call. Arguments a kernel updates in place are restored outside
    the timed region, as for C -> wasm."""
    id, title = "py2wasm-node-mem", "py2wasm (npm package, arrays in memory)"

    def prebuild(self, kernels, workdir, jobs=2):
        # Packages already built in this run (run.py hands over the copying
        # column's builds) are reused: both columns time the same package.
        todo = [k for k in kernels if k.module not in self.builds]
        if todo:
            super().prebuild(todo, workdir, jobs)


class Pyodide(NodeEngine):
    id, title = "pyodide", "Pyodide (Node)"

    def availability(self):
        why = super().availability()
        if why:
            return why
        if not (PYODIDE_DIR / "pyodide.mjs").exists():
            return "the pyodide npm package is not installed in benchmarks/node (run benchmarks/setup.sh)"
        return None

    def job_extra(self):
        return {"pyodide_dir": str(PYODIDE_DIR), "call_loop_source": inspect.getsource(H.call_loop)}

    def kernel_job(self, k, a, workdir):
        return {**super().kernel_job(k, a, workdir), "py_path": str(k.py_path())}

    def explain(self, k, reason):
        if "'numpy'" in reason or "need NumPy" in reason:
            return ("no NumPy offline: Pyodide downloads its NumPy wheel from its CDN "
                    f"({reason})")
        return reason


def all_engines() -> list[Engine]:
    return [CPython(), NumPyEngine(), NumbaEngine(), Py2WasmWasmtime(), Py2WasmNode(),
            Py2WasmNodeInMemory(), PlainJS(), CWasm(), Pyodide()]
