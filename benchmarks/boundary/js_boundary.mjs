// The JS boundary benchmark (issue 12): one Node process, each call timed
// three ways side by side: through the npm package, through the raw wasm
// export of the same module, and as plain JavaScript. Driven by
// js_boundary.py, which builds the packages and the saxpy reference kernel:
//   node js_boundary.mjs <arrays package dir> <scalars package dir> <kernel.wasm> <out.json>
import { readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [dirA, dirS, kernelPath, outPath] = process.argv.slice(2);
const QUICK = process.env.JSB_QUICK === "1";

async function raw(dir) {
  const bytes = await readFile(join(dir, basename(dir) + ".wasm"));
  const mod = await WebAssembly.compile(bytes);
  const imports = {};
  for (const imp of WebAssembly.Module.imports(mod)) (imports[imp.module] ??= {})[imp.name] = Math[imp.name];
  return (await WebAssembly.instantiate(mod, imports)).exports;
}
const A = await import(pathToFileURL(join(dirA, "index.js")).href);
const S = await import(pathToFileURL(join(dirS, "index.js")).href);
const rawA = await raw(dirA), rawS = await raw(dirS);
const kernel = (await WebAssembly.instantiate(await readFile(kernelPath))).instance.exports;

// ns per call of each loop in `loops` (`loop(n)` makes n calls; each loop
// its own function, so V8 optimizes each call site on its own): after a
// warm-up, samples of the loops interleaved, and the fastest sample of each
// (on a shared, loaded machine the minimum is the stable statistic: the
// noise only ever adds time).
// Time is this process's CPU time (process.cpuUsage, user + system, in µs),
// not wall time: on the shared 2-core machine wall time mostly measures the
// other processes (a descheduled sample), CPU time the calls themselves.
let sink = 0;
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
function time(loops, n) {
  const t0 = performance.now();
  while (performance.now() - t0 < (QUICK ? 100 : 300)) for (const loop of loops) if (loop) sink += loop(Math.max(1, n >> 3));
  const best = loops.map(() => Infinity);
  for (let s = 0; s < (QUICK ? 7 : 21); s++) {
    loops.forEach((loop, j) => {
      if (!loop) return;
      const t = cpu();
      sink += loop(n);
      best[j] = Math.min(best[j], ((cpu() - t) * 1e3) / n);
    });
  }
  return best.map((b) => (b === Infinity ? null : b));
}
// Does export `f` take its int parameters as BigInt (i64)?
const bigArgs = (f, ...args) => { try { f(...args); return false; } catch (e) { return e instanceof TypeError; } };

const N = QUICK ? 200_000 : 2_000_000;
const rows = [];
const row = (call, module, n, pkg, rawLoop, jsLoop) => {
  const [p, r, j] = time([pkg, rawLoop, jsLoop], n);
  rows.push({ call, module, pkg: p, raw: r, js: j });
};

// --- scalars, in both modules
const jsaddf = (x, y) => x + y, jsaddi = (x, y) => x + y, jsboth = (p, q) => p && !q;
function jsmandel(cr, ci, maxiter) {
  let zr = 0, zi = 0;
  for (let i = 0; i < maxiter; i++) {
    const zr2 = zr * zr, zi2 = zi * zi;
    if (zr2 + zi2 > 4) return i;
    zi = 2 * zr * zi + ci;
    zr = zr2 - zi2 + cr;
  }
  return maxiter;
}
// A loop over `body` (a statement adding to `a`) compiled on its own: every
// loop gets a fresh function, so V8's type feedback of one call site never
// mixes modules (closures of one function literal would share it).
const loop = (body, env) => new Function(...Object.keys(env), `return (n) => { let a = 0; for (let i = 0; i < n; i++) { ${body}; } return a; }`)(...Object.values(env));
for (const [label, P, R] of [["with arrays", A, rawA], ["scalars only", S, rawS]]) {
  const big = bigArgs(R.addi, 1, 2);
  const env = { P, R, jsaddf, jsaddi, jsboth, jsmandel };
  row("addf(x, y)", label, N, loop("a += P.addf(i, 0.5)", env), loop("a += R.addf(i, 0.5)", env),
    loop("a += jsaddf(i, 0.5)", env));
  row("addi(x, y)", label, N, loop("a += P.addi(i, 3)", env),
    loop(big ? "a += Number(R.addi(BigInt(i), 3n))" : "a += R.addi(i, 3)", env), loop("a += jsaddi(i, 3)", env));
  row("both(p, q) (bool)", label, N, loop("a += P.both((i & 1) === 0, false) ? 1 : 0", env),
    loop("a += R.both((i & 1) === 0, false) ? 1 : 0", env), loop("a += jsboth((i & 1) === 0, false) ? 1 : 0", env));
  row("mandel(cx, cy, 20)", label, N >> 2, loop("a += P.mandel(-0.75 + (i & 63) / 256, 0.1, 20)", env),
    loop(big ? "a += Number(R.mandel(-0.75 + (i & 63) / 256, 0.1, 20n))" : "a += R.mandel(-0.75 + (i & 63) / 256, 0.1, 20)", env),
    loop("a += jsmandel(-0.75 + (i & 63) / 256, 0.1, 20)", env));
}

// --- small arrays (n = 4): the package against a plain JS loop
const a4 = new Float64Array([0.5, -1.25, 2, 3.5]);
function jstotal(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; }
function jsscale(a, k) { const o = new Float64Array(a.length); for (let i = 0; i < a.length; i++) o[i] = a[i] * k; return o; }
function jssoftmax(x) {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  const e = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) { e[i] = Math.exp(x[i] - m); s += e[i]; }
  for (let i = 0; i < x.length; i++) e[i] /= s;
  return e;
}
const M = N >> 2;
// "raw export" of these rows: the export called on the 4 elements placed
// once in its memory (no copy in, result not copied out): the floor of a call
new Float64Array(rawA.memory.buffer, 16, 4).set(a4);
const envA = { A, a4, jstotal, jsscale, jssoftmax, rawA };
const rawArr = (f) => (rawA.total.length === 3 ? loop(f, envA) : null); // js ABI: (arena top, address, n)
row("total(a), n = 4", "with arrays", M, loop("a += A.total(a4)", envA), rawArr("a += rawA.total(48, 16, 4)"),
  loop("a += jstotal(a4)", envA));
row("scale(a, 2), n = 4", "with arrays", M, loop("a += A.scale(a4, 2)[1]", envA), rawArr("rawA.scale(48, 16, 4, 2); a += 1"),
  loop("a += jsscale(a4, 2)[1]", envA));
row("softmax(a), n = 4", "with arrays", M, loop("a += A.softmax(a4)[1]", envA), rawArr("rawA.softmax(48, 16, 4); a += 1"),
  loop("a += jssoftmax(a4)[1]", envA));
if (typeof A.alloc === "function") {
  const z4 = A.array(a4);
  envA.z4 = z4;
  envA.z4d = z4.data;
  row("total(a), n = 4, zero-copy (WasmArray)", "with arrays", M, loop("a += A.total(z4)", envA),
    rawArr("a += rawA.total(48, 16, 4)"), loop("a += jstotal(a4)", envA));
  row("total(a), n = 4, zero-copy (its data view)", "with arrays", M, loop("a += A.total(z4d)", envA),
    rawArr("a += rawA.total(48, 16, 4)"), loop("a += jstotal(a4)", envA));
  row("scale(a, 2), n = 4, zero-copy argument", "with arrays", M, loop("a += A.scale(z4, 2)[1]", envA),
    rawArr("rawA.scale(48, 16, 4, 2); a += 1"), loop("a += jsscale(a4, 2)[1]", envA));
  row("softmax(a), n = 4, zero-copy argument", "with arrays", M, loop("a += A.softmax(z4)[1]", envA),
    rawArr("rawA.softmax(48, 16, 4); a += 1"), loop("a += jssoftmax(a4)[1]", envA));
}

// --- saxpy at n = 1e6: copying (ordinary TypedArrays) against plain JS;
// zero-copy (arrays living in the module's memory) against the kernel
const n6 = 1_000_000, K = QUICK ? 5 : 20;
const x6 = new Float64Array(n6).map((_, i) => i * 1e-3), y6 = new Float64Array(n6).map((_, i) => 1 - i * 1e-4);
function jssaxpy(a, x, y) { const o = new Float64Array(x.length); for (let i = 0; i < x.length; i++) o[i] = a * x[i] + y[i]; return o; }
function jssaxpyInto(a, x, y, o) { for (let i = 0; i < x.length; i++) o[i] = a * x[i] + y[i]; }
const o6 = new Float64Array(n6);
// the kernel: its arrays in its own memory, placed once
const km = kernel.memory;
km.grow(Math.ceil((3 * 8 * n6 + 64) / 65536));
const kx = 16, ky = kx + 8 * n6, ko = ky + 8 * n6;
new Float64Array(km.buffer, kx, n6).set(x6);
new Float64Array(km.buffer, ky, n6).set(y6);
const kout = new Float64Array(km.buffer, ko, n6);
const env6 = { A, x6, y6, o6, jssaxpy, jssaxpyInto, kernel, kx, ky, ko, n6, kout };
const kernelLoop = loop("kernel.saxpy(2, kx, ky, ko, n6); a += kout[7]", env6);
row("saxpy n = 1e6, copying", "with arrays", K, loop("a += A.saxpy(2, x6, y6)[7]", env6), null,
  loop("a += jssaxpy(2, x6, y6)[7]", env6));
row("saxpy_into n = 1e6, copying", "with arrays", K, loop("A.saxpy_into(2, x6, y6, o6); a += o6[7]", env6), null,
  loop("jssaxpyInto(2, x6, y6, o6); a += o6[7]", env6));
if (typeof A.alloc === "function") {
  const zx = A.alloc(Float64Array, n6), zy = A.alloc(Float64Array, n6), zo = A.alloc(Float64Array, n6);
  zx.data.set(x6); zy.data.set(y6);
  Object.assign(env6, { zx, zy, zo });
  row("saxpy_into n = 1e6, zero-copy (alloc)", "with arrays", K, loop("A.saxpy_into(2, zx, zy, zo); a += zo.data[7]", env6),
    kernelLoop, loop("jssaxpyInto(2, x6, y6, o6); a += o6[7]", env6));
  row("saxpy n = 1e6, zero-copy args, result copied", "with arrays", K, loop("a += A.saxpy(2, zx, zy)[7]", env6),
    kernelLoop, loop("a += jssaxpy(2, x6, y6)[7]", env6));
  row("saxpy n = 1e6, zero-copy args, keep() result", "with arrays", K,
    loop("const r = A.keep(A.saxpy, 2, zx, zy); a += r.data[7]; r.free()", env6), kernelLoop, loop("a += jssaxpy(2, x6, y6)[7]", env6));
  zx.free(); zy.free(); zo.free();
} else {
  row("saxpy n = 1e6: the C -> wasm kernel (data in memory)", "kernel", K, null, kernelLoop, null);
}
await writeFile(outPath, JSON.stringify({ node: process.version, rows, sink: Number.isFinite(sink) }, null, 1));
