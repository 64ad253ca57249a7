// What inlining a package's wasm costs at load time (py2wasm/package/entries.py,
// INLINE_THRESHOLD): for synthetic modules of growing size, the time to decode
// the base64 text the way the generated `b64` piece does in engines without
// Uint8Array.fromBase64 (atob + a byte loop), to compile and instantiate
// synchronously (initSync: what an inlined package does on import), and to
// compile asynchronously from the bytes (what a file-based package does after
// its fetch). Usage: node benchmarks/node/inline_wasm.mjs
// Each module has N functions (f64, f64) -> f64 whose bodies are chains of
// f64.add/f64.mul, sized to the target byte count.

function leb(n) {
  const out = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}

function section(id, bytes) { return [id, ...leb(bytes.length), ...bytes]; }

function module(targetBytes) {
  const ops = 200; // pairs per body: ~800 bytes per function
  const body = [0, 0x20, 0]; // no locals, local.get 0
  for (let i = 0; i < ops; i++) body.push(0x20, 1, i % 2 ? 0xa2 : 0xa0); // local.get 1, f64.mul/add
  body.push(0x0b);
  const fn = [...leb(body.length), ...body];
  const n = Math.max(1, Math.round(targetBytes / fn.length));
  const type = section(1, [1, 0x60, 2, 0x7c, 0x7c, 1, 0x7c]);
  const funcs = section(3, [...leb(n), ...new Array(n).fill(0)]);
  const exp = section(7, [1, 1, 0x66, 0, 0]); // export "f" = func 0
  const code = [...leb(n)];
  for (let i = 0; i < n; i++) code.push(...fn);
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...funcs, ...exp, ...section(10, code)]);
}

function decode(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// V8 caches compiled modules by their bytes: each repetition gets a copy
// with another export name, so every compile is a real one.
let variant = 0;
function fresh(bytes) {
  const b = bytes.slice();
  b[exportNameAt(b)] = 0x61 + (variant++ % 26);
  return b;
}
function exportNameAt(b) { return b.indexOf(0x66, 8 + 9 + 2); } // the "f" of the export section

function best(f, bytes, reps = 7) {
  let t = Infinity;
  for (let i = 0; i < reps; i++) { const b = fresh(bytes); const t0 = performance.now(); f(b); t = Math.min(t, performance.now() - t0); }
  return t;
}

async function bestAsync(f, bytes, reps = 7) {
  let t = Infinity;
  for (let i = 0; i < reps; i++) { const b = fresh(bytes); const t0 = performance.now(); await f(b); t = Math.min(t, performance.now() - t0); }
  return t;
}

console.log(`node ${process.versions.node}; best of 7, ms`);
console.log("wasm KiB | base64 KiB | decode | sync compile+instantiate | async compile+instantiate");
for (const kib of [4, 16, 64, 256, 1024, 4096]) {
  const bytes = module(kib * 1024);
  const text = Buffer.from(bytes).toString("base64");
  const dec = best(() => decode(text), bytes);
  const sync = best((b) => new WebAssembly.Instance(new WebAssembly.Module(b), {}), bytes);
  const asyn = await bestAsync((b) => WebAssembly.instantiate(b, {}), bytes);
  console.log(`${(bytes.length / 1024).toFixed(0).padStart(8)} | ${(text.length / 1024).toFixed(0).padStart(10)} | ${dec.toFixed(2).padStart(6)} | ${sync.toFixed(2).padStart(24)} | ${asyn.toFixed(2).padStart(25)}`);
}
