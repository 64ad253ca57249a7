// A/B of benchmarks/kernels/matmul.py (the triple loop): two npm packages that
// `py2wasm build benchmarks/kernels/matmul.py` wrote (e.g. before and after a
// change) and the same loop in C compiled by clang to wasm (benchmarks/engines.py's
// C_FLAGS), in one Node process, 15 interleaved rounds, CPU time
// (process.cpuUsage: on a shared machine the time other processes hold the
// core is not counted), the best round per engine. Results are checked equal.
//
//   node ab_matmul.mjs OLD_PKG_DIR NEW_PKG_DIR matmul_c.wasm 64 256
import fs from "node:fs";
import { pathToFileURL } from "node:url";
const [oldDir, newDir, cWasm, ...sizes] = process.argv.slice(2);
const oldM = await import(pathToFileURL(oldDir + "/index.js"));
const newM = await import(pathToFileURL(newDir + "/index.js"));
const { instance } = await WebAssembly.instantiate(fs.readFileSync(cWasm), { env: {} });
const ex = instance.exports;
function cpu() { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; }
for (const n of sizes.map(Number)) {
  const a = new Float64Array(n * n).map(() => Math.random());
  const b = new Float64Array(n * n).map(() => Math.random());
  const mem = ex.memory;
  let heap = (Number(ex.__heap_base.value) + 15) & ~15;
  const pa = heap, pb = pa + 8 * n * n, pc = pb + 8 * n * n;
  const need = pc + 8 * n * n - mem.buffer.byteLength;
  if (need > 0) mem.grow(Math.ceil(need / 65536));
  new Float64Array(mem.buffer, pa, n * n).set(a);
  new Float64Array(mem.buffer, pb, n * n).set(b);
  const engines = {
    old: () => oldM.matmul({ data: a, shape: [n, n] }, { data: b, shape: [n, n] }),
    new: () => newM.matmul({ data: a, shape: [n, n] }, { data: b, shape: [n, n] }),
    c: () => ex.matmul(pa, n, n, pb, n, n, pc),
  };
  const ro = engines.old(), rn = engines.new(); engines.c();
  const rc = new Float64Array(mem.buffer, pc, n * n);
  const d = ro.data ?? ro, e = rn.data ?? rn;
  for (let i = 0; i < n * n; i++) if (d[i] !== e[i] || d[i] !== rc[i]) throw new Error("results differ at " + i);
  const calls = Math.max(1, Math.round(2e6 / (n * n * n)));
  const best = { old: Infinity, new: Infinity, c: Infinity };
  for (let r = 0; r < 15; r++) for (const k of Object.keys(engines)) {
    const t0 = cpu(); for (let q = 0; q < calls; q++) engines[k](); const t = (cpu() - t0) / calls;
    if (t < best[k]) best[k] = t;
  }
  const f = (t) => (t * 1e3).toFixed(3) + " ms";
  console.log(`matmul ${n}: old ${f(best.old)}  new ${f(best.new)}  c-wasm ${f(best.c)}  c/new ${(best.c / best.new).toFixed(2)}x  c/old ${(best.c / best.old).toFixed(2)}x`);
}
