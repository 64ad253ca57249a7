// Node side of the py2wasm benchmark suite: runs every kernel of a job under
// one engine and times it inside Node (performance.now), with warm-up.
//
//   node driver.mjs JOB.json OUT.json
//
// Engines: "js" (benchmarks/kernels/NAME.js), "c-wasm" (NAME.c compiled by
// clang to wasm32), "py2wasm-node" (the npm package `py2wasm build` wrote,
// imported through its index.js), "py2wasm-node-mem" (the same package with
// its arrays already in the module's memory: the zero-copy API) and "pyodide" (the Python source run by the
// npm `pyodide` package from node_modules, with the network switched off).
// The job and the output formats are written by benchmarks/engines.py; the
// calling conventions are described in benchmarks/suite.py.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const [jobPath, outPath] = process.argv.slice(2);
const job = JSON.parse(fs.readFileSync(jobPath, "utf8"));
const policy = job.policy;
// The clock of the timings (policy.clock): elapsed time, or this process's
// CPU time (user + system), in milliseconds like performance.now().
const now = policy.clock === "cpu"
  ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; }
  : () => performance.now();
const out = { engine: job.engine, node: process.version, results: {} };

// Array files hold float64 or float32 elements (a.dtype, default float64).
const CTORS = { float64: Float64Array, float32: Float32Array };
const isFloatArray = (v) => v instanceof Float64Array || v instanceof Float32Array;

function readArray(a) {
  const buf = fs.readFileSync(a.file);
  const Ctor = CTORS[a.dtype ?? "float64"];
  const data = new Ctor(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return a.shape.length === 1 ? data : { data, shape: a.shape };
}

function cloneArg(a) {
  if (isFloatArray(a)) return a.slice();
  if (a && isFloatArray(a.data)) return { data: a.data.slice(), shape: a.shape.slice() };
  return a;
}

let outCounter = 0;
function encode(v) {
  if (typeof v === "bigint") return { int: v.toString() };
  if (typeof v === "number") {
    if (Number.isFinite(v)) return v;
    return { float: Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf" };
  }
  if (typeof v === "boolean" || v === null || v === undefined) return v ?? null;
  if (isFloatArray(v) || (v && isFloatArray(v.data))) {
    const data = isFloatArray(v) ? v : v.data;
    const shape = isFloatArray(v) ? [v.length] : v.shape;
    const file = path.join(job.out_dir, `${job.engine}_${outCounter++}.bin`);
    fs.writeFileSync(file, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return { array: file, shape, dtype: data instanceof Float32Array ? "float32" : "float64" };
  }
  if (ArrayBuffer.isView(v)) return encode(Float64Array.from(v, Number));
  if (Array.isArray(v)) return { tuple: v.map(encode) };
  return { unknown: String(v) };
}

// Times run(calls) -> [seconds per call, result] under the policy (the same
// rules as harness.TimingPolicy in Python); returns {times, first, ...}.
function measure(run, batchable) {
  let [t, first] = run(1);
  const firstRun = t;
  let warm = 1, spent = t;
  while (t < policy.long_run && (warm < policy.warmup || spent < policy.warmup_time) && warm < 100000) {
    [t] = run(1);
    warm++;
    spent += t;
  }
  const reps = !batchable || t >= policy.min_sample ? 1
    : Math.max(1, Math.min(1000000, Math.floor(policy.min_sample / Math.max(t, 1e-9)) + 1));
  const times = [];
  let total = 0;
  while (times.length < policy.max_repeats) {
    [t] = run(reps);
    times.push(t);
    total += t * reps;
    if (times.length >= policy.min_repeats && total >= policy.budget) break;
  }
  return { times, first, first_run: firstRun, warmup_calls: warm, calls_per_sample: reps };
}

// Calls f `calls` times in one timed region; returns [seconds per call, last result].
function timed(f, calls) {
  let r;
  const t0 = now();
  for (let i = 0; i < calls; i++) r = f();
  return [(now() - t0) / 1e3 / calls, r];
}

function jsCallLoop(f, n) {
  let acc = 0.0;
  for (let i = 0; i < n; i++) acc = f(acc, 0.999, 1.0);
  return acc;
}

// ------------------------------------------------------------- engines

const MATH_IMPORTS = {
  exp: Math.exp, log: Math.log, sin: Math.sin, cos: Math.cos, tan: Math.tan, pow: Math.pow,
  atan2: Math.atan2, fmod: (a, b) => a % b,
};

async function prepareJs(k) {
  const mod = await import(pathToFileURL(k.js_path).href);
  const fn = mod[k.entry];
  if (typeof fn !== "function") throw new Error(`${k.js_path} exports no function ${k.entry}`);
  return makeCaller(k, fn);
}

async function preparePackage(k) {
  const index = path.join(k.pkg_dir, "index.js");
  const mod = await import(pathToFileURL(index).href);
  const fn = mod[k.entry];
  if (typeof fn !== "function") throw new Error(`${index} exports no function ${k.entry}`);
  return makeCaller(k, fn);
}

// py2wasm-node-mem: the same package, its array arguments made once in the
// module's memory (alloc/array: WasmArrays, passed in place), array results
// kept there (keep(): no copy out; each freed by the next call, inside the
// timed loop) and arguments written in place restored outside the timing,
// as prepareC does for C -> wasm. Scalar kernels: the same call as py2wasm-node.
async function preparePackageInMemory(k) {
  const index = path.join(k.pkg_dir, "index.js");
  const mod = await import(pathToFileURL(index).href);
  const fn = mod[k.entry];
  if (typeof fn !== "function") throw new Error(`${index} exports no function ${k.entry}`);
  if (!k.args.some((a) => a.type === "array")) return makeCaller(k, fn);
  if (typeof mod.alloc !== "function" || typeof mod.keep !== "function") {
    throw new Error(`${index} exports no memory API (alloc, array, keep)`);
  }
  const pristine = [];
  const args = k.args.map((a) => {
    if (a.type !== "array") return a.value;
    const arr = readArray(a);
    const data = isFloatArray(arr) ? arr : arr.data;
    const dtype = a.dtype ?? "float64";
    const w = a.shape.length === 1 ? mod.alloc(CTORS[dtype], data.length) : mod.array({ shape: a.shape, dtype });
    w.data.set(data);
    pristine.push([w, data]);
    return w;
  });
  const plain = (w) => (w.shape.length === 1 ? w.data.slice() : { data: w.data.slice(), shape: w.shape });
  if (k.result.arg !== undefined) {
    return () => {
      for (const [w, data] of pristine) w.data.set(data);
      const t0 = now();
      fn(...args);
      const t = (now() - t0) / 1e3;
      return [t, plain(args[k.result.arg])];
    };
  }
  if (k.result !== "out") return (calls) => timed(() => fn(...args), calls);
  let last = null;
  return (calls) => {
    const [t] = timed(() => { if (last) last.free(); return (last = mod.keep(fn, ...args)); }, calls);
    return [t, plain(last)];
  };
}

// JS-convention callers (js and py2wasm-node): args as in suite.py.
function makeCaller(k, fn) {
  if (k.kind === "calls_js") {
    const n = k.args[0].value;
    return (calls) => timed(() => jsCallLoop(fn, n), calls);
  }
  const pristine = k.args.map((a) => (a.type === "array" ? readArray(a) : a.value));
  if (k.result.arg === undefined) return (calls) => timed(() => fn(...pristine), calls);
  return () => {
    const args = pristine.map(cloneArg);
    const t0 = now();
    fn(...args);
    return [(now() - t0) / 1e3, args[k.result.arg]];
  };
}

async function prepareC(k) {
  const bytes = fs.readFileSync(k.wasm_path);
  const { instance } = await WebAssembly.instantiate(bytes, { env: MATH_IMPORTS });
  const ex = instance.exports;
  const fn = ex[k.entry];
  if (typeof fn !== "function") throw new Error(`${k.wasm_path} exports no function ${k.entry}`);
  if (k.kind === "calls_js") {
    const n = k.args[0].value;
    return (calls) => timed(() => jsCallLoop(fn, n), calls);
  }
  const mem = ex.memory;
  let heap = ex.__heap_base ? Number(ex.__heap_base.value) : 65536;
  const alloc = (nbytes) => {
    heap = (heap + 15) & ~15;
    const p = heap;
    heap += nbytes;
    const need = heap - mem.buffer.byteLength;
    if (need > 0) mem.grow(Math.ceil(need / 65536));
    return p;
  };
  const arrays = [];   // {ptr, data}
  const flat = [];
  const argPtr = {};
  k.args.forEach((a, i) => {
    if (a.type === "array") {
      const arr = readArray(a);
      const data = isFloatArray(arr) ? arr : arr.data;
      const ptr = alloc(data.byteLength);
      arrays.push({ ptr, data });
      argPtr[i] = { ptr, n: data.length, shape: a.shape, Ctor: data.constructor };
      flat.push(ptr, ...a.shape);
    } else {
      flat.push(a.value);
    }
  });
  let outPtr = null;
  const OutCtor = CTORS[k.out_dtype ?? "float64"];
  if (k.result === "out") {
    const n = k.out_shape.reduce((x, y) => x * y, 1);
    outPtr = alloc(OutCtor.BYTES_PER_ELEMENT * n);
    flat.push(outPtr);
  }
  const load = () => { for (const { ptr, data } of arrays) new data.constructor(mem.buffer, ptr, data.length).set(data); };
  load();
  const view = (ptr, shape, Ctor = OutCtor) => {
    const n = shape.reduce((x, y) => x * y, 1);
    const data = new Ctor(mem.buffer, ptr, n).slice();
    return shape.length === 1 ? data : { data, shape };
  };
  if (k.result.arg !== undefined) {
    return () => {
      load();
      const t0 = now();
      fn(...flat);
      const t = (now() - t0) / 1e3;
      const a = argPtr[k.result.arg];
      return [t, view(a.ptr, a.shape, a.Ctor)];
    };
  }
  return (calls) => {
    const [t, r] = timed(() => fn(...flat), calls);
    return [t, k.result === "out" ? view(outPtr, k.out_shape) : r];
  };
}

let pyodide = null;
async function loadPy() {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, ...rest) => {
    const s = String(url);
    if (/^https?:/.test(s)) throw new Error(`network disabled in the benchmark: ${s}`);
    return realFetch(url, ...rest);
  };
  const dir = job.pyodide_dir;
  const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
  const t0 = performance.now();
  pyodide = await loadPyodide({ indexURL: dir + path.sep, stdout: () => {}, stderr: () => {} });
  out.load_s = (performance.now() - t0) / 1e3;
  out.python = pyodide.runPython("import sys; sys.version.split()[0]");
  out.pyodide_version = pyodide.version;
}

// The line of an error message that names the error (Pyodide's PythonError
// carries the whole traceback and ends with a link).
function errorText(e) {
  const lines = String(e.message).trim().split("\n").map((l) => l.trim()).filter(Boolean);
  const named = lines.filter((l) => /^[A-Za-z_.]*(Error|Exception)\b/.test(l));
  return `${e.name || "Error"}: ${named.length ? named[named.length - 1] : lines[lines.length - 1]}`;
}

function fromPy(v) {
  if (v && typeof v === "object" && typeof v.toJs === "function") {
    const j = v.toJs();
    v.destroy();
    return j;
  }
  return v;
}

async function preparePyodide(k) {
  const ns = pyodide.globals.get("dict")();
  pyodide.runPython(fs.readFileSync(k.py_path, "utf8"), { globals: ns });
  const fn = ns.get(k.entry);
  if (!fn) throw new Error(`${k.py_path} defines no ${k.entry}`);
  if (k.kind === "calls_js") {
    const n = k.args[0].value;
    return (calls) => timed(() => jsCallLoop(fn, n), calls);
  }
  if (k.kind === "calls_py") {
    pyodide.runPython(job.call_loop_source, { globals: ns });
    const loop = ns.get("call_loop");
    const n = k.args[0].value;
    return (calls) => { const [t, r] = timed(() => loop(fn, n), calls); return [t, fromPy(r)]; };
  }
  if (k.args.some((a) => a.type === "array")) throw new Error("array arguments need NumPy inside Pyodide");
  const args = k.args.map((a) => a.value);
  return (calls) => { const [t, r] = timed(() => fn(...args), calls); return [t, fromPy(r)]; };
}

// ------------------------------------------------------------- main

const prepare = {
  js: prepareJs, "c-wasm": prepareC, "py2wasm-node": preparePackage,
  "py2wasm-node-mem": preparePackageInMemory, pyodide: preparePyodide,
}[job.engine];
if (!prepare) throw new Error(`unknown engine ${job.engine}`);
if (job.engine === "pyodide") {
  try { await loadPy(); } catch (e) { out.load_error = `${e.name}: ${e.message}`; }
}
for (const k of job.kernels) {
  const res = (out.results[k.id] = {});
  if (out.load_error) { res.status = "unavailable"; res.reason = `Pyodide did not load: ${out.load_error}`; continue; }
  let run;
  try {
    run = await prepare(k);
  } catch (e) {
    res.status = "unavailable";
    res.reason = errorText(e);
    continue;
  }
  try {
    const m = measure(run, k.result.arg === undefined);
    res.status = "ok";
    res.times = m.times;
    res.first_run = m.first_run;
    res.warmup_calls = m.warmup_calls;
    res.calls_per_sample = m.calls_per_sample;
    res.result = encode(m.first);
  } catch (e) {
    res.status = "failed";
    res.reason = errorText(e);
  }
}
// VmHWM is this process's own peak; maxRSS may still hold the parent's from before exec.
try {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  out.peak_rss_bytes = Number(m[1]) * 1024;
} catch {
  out.peak_rss_bytes = process.resourceUsage().maxRSS * 1024;
}
fs.writeFileSync(outPath, JSON.stringify(out));
