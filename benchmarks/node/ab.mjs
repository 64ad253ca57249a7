// A/B timing of suite kernels in one Node process, by CPU time:
//
//   node ab.mjs JOB.json OUT.json      (written and read by benchmarks/ab.py)
//
// Every variant of a kernel (py2wasm packages built from different source
// trees, with their arrays in the module's memory or, for a "copy" variant,
// passed as TypedArrays the package copies; C -> wasm with its data in its
// memory) runs in rounds, interleaved (the order rotates every round), so
// that load from other processes falls on all of them alike. A sample is the
// CPU time (process.cpuUsage: user + system of this process) of `calls`
// calls (for a kernel that updates an argument in place, each call measured
// on its own so that restoring the argument stays outside the measurement). Out: per variant, the
// per-call CPU seconds of every round.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [jobPath, outPath] = process.argv.slice(2);
const job = JSON.parse(fs.readFileSync(jobPath, "utf8"));

function readArray(a) {
  const buf = fs.readFileSync(a.file);
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

const MATH_IMPORTS = {
  exp: Math.exp, log: Math.log, sin: Math.sin, cos: Math.cos, tan: Math.tan, pow: Math.pow,
  atan2: Math.atan2, fmod: (a, b) => a % b,
};

// A variant: { setup(): restore in-place arguments, call(): one call, result(): a number checksum }.
// copy: the arrays as plain TypedArrays (the package copies them in and out
// on every call), else WasmArrays in the module's memory.
async function preparePackage(k, dir, copy) {
  const mod = await import(pathToFileURL(path.join(dir, "index.js")).href);
  const fn = mod[k.entry];
  const restore = [];
  const args = k.args.map((a) => {
    if (a.type !== "array") return a.value;
    const data = readArray(a);
    if (copy) {
      const c = data.slice();
      restore.push([{ data: c }, data]);
      return a.shape.length === 1 ? c : { data: c, shape: a.shape };
    }
    const w = a.shape.length === 1 ? mod.alloc(Float64Array, data.length) : mod.array({ shape: a.shape, dtype: "float64" });
    w.data.set(data);
    restore.push([w, data]);
    return w;
  });
  let last = null;
  const call = k.result === "out" && !copy
    ? () => { if (last) last.free(); last = mod.keep(fn, ...args); }
    : () => { last = fn(...args); };
  const sum = (d) => { let s = 0; for (let i = 0; i < d.length; i++) s += d[i]; return s; };
  return {
    setup: () => { for (const [w, data] of restore) w.data.set(data); },
    call,
    result: () => {
      const data = (v) => (v instanceof Float64Array ? v : v.data);
      return k.result === "out" ? sum(data(last)) : k.result.arg !== undefined ? sum(data(args[k.result.arg])) : Number(last);
    },
  };
}

async function prepareC(k, wasm) {
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasm), { env: MATH_IMPORTS });
  const ex = instance.exports;
  const fn = ex[k.entry];
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
  const arrays = [];
  const flat = [];
  const ptrs = {};
  k.args.forEach((a, i) => {
    if (a.type === "array") {
      const data = readArray(a);
      const ptr = alloc(data.byteLength);
      arrays.push({ ptr, data });
      ptrs[i] = { ptr, n: data.length };
      flat.push(ptr, ...a.shape);
    } else flat.push(a.value);
  });
  let outN = 0, outPtr = 0;
  if (k.result === "out") {
    outN = k.out_shape.reduce((x, y) => x * y, 1);
    outPtr = alloc(8 * outN);
    flat.push(outPtr);
  }
  const setup = () => { for (const { ptr, data } of arrays) new Float64Array(mem.buffer, ptr, data.length).set(data); };
  setup();
  let last;
  const sum = (p, n) => new Float64Array(mem.buffer, p, n).reduce((s, x) => s + x, 0);
  return {
    setup,
    call: () => { last = fn(...flat); },
    result: () => (k.result === "out" ? sum(outPtr, outN)
      : k.result.arg !== undefined ? sum(ptrs[k.result.arg].ptr, ptrs[k.result.arg].n) : Number(last)),
  };
}

function cpu() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function sample(v, calls, inPlace) {
  if (!inPlace) {  // one measurement around all calls (cpuUsage costs ~1 µs)
    const t0 = cpu();
    for (let i = 0; i < calls; i++) v.call();
    return (cpu() - t0) / calls;
  }
  let t = 0;
  for (let i = 0; i < calls; i++) {
    if (inPlace) v.setup();
    const t0 = cpu();
    v.call();
    t += cpu() - t0;
  }
  return t / calls;
}

const out = { node: process.version, kernels: {} };
for (const k of job.kernels) {
  const inPlace = k.result.arg !== undefined;
  const vs = [];
  for (const v of job.variants) {
    const p = v.kind === "c" ? await prepareC(k, v.wasm[k.id]) : await preparePackage(k, v.pkg[k.module], v.copy);
    vs.push({ name: v.name, ...p });
  }
  // warm-up (the optimizing tier), then calls per sample for >= job.sample_s of CPU
  let per = 0;
  for (const v of vs) {
    let spent = 0, n = 0;
    while (spent < job.warmup_s || n < 3) { spent += sample(v, 1, inPlace); n++; }
    per = Math.max(per, spent / n);
  }
  const calls = Math.max(1, Math.round(job.sample_s / Math.max(per, 1e-7)));
  const res = (out.kernels[k.id] = { calls_per_sample: calls, variants: {} });
  for (const v of vs) {
    v.setup();
    v.call();
    res.variants[v.name] = { times: [], check: v.result() };
  }
  for (let r = 0; r < job.rounds; r++) {
    for (let j = 0; j < vs.length; j++) {
      const v = vs[(j + r) % vs.length];
      res.variants[v.name].times.push(sample(v, calls, inPlace));
    }
  }
}
fs.writeFileSync(outPath, JSON.stringify(out));
