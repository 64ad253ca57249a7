// Complex arrays in the memory API, piece by piece: heap.ts (alloc/array of
// "complex128"/"complex64", keep's K), cxarrays.ts (cxa takes a complex
// WasmArray in place, cxo/cxo1 make WasmComplexArrays under keep), arrays.ts
// (a complex WasmArray is refused where a real array is expected), on a bare
// WebAssembly.Memory standing in for a module's exports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rt } from "./pieces.mjs";

function state() {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const py2wasm_base = new WebAssembly.Global({ value: "i32", mutable: true }, 16);
  return { n: "pkg", e: { memory, py2wasm_base }, x: 0, b: 16, p: 16, l: null, r: null, v: [], q: [], c: 0, z: [] };
}

test("alloc/array of complex dtypes: interleaved parts, length in complex elements, zeroed or copied", () => {
  const st = state();
  const api = rt.heap(st, "pkg");
  const z = api.alloc("complex128", 3);
  assert.equal(z.dtype, "complex128");
  assert.equal(z.length, 3);
  assert.ok(z.data instanceof Float64Array && z.data.length === 6);
  assert.ok(rt.isWasmArray(z));
  const g = api.array({ dtype: "complex64", shape: [2, 2], data: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]) });
  assert.ok(g.data instanceof Float32Array);
  assert.deepEqual([...g.data], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(g.shape, [2, 2]);
  assert.ok(g.byteOffset >= z.byteOffset + 48); // 3 complex128 = 48 bytes, no overlap
  const e = api.array({ dtype: "complex128", shape: [0] });
  assert.equal(e.data.length, 0);
  assert.throws(() => api.array({ dtype: "complex64", shape: [3], data: new Float32Array(4) }), { name: "RangeError" });
  assert.throws(() => api.array({ dtype: "complex128", shape: [1], data: [1, 2] }), { name: "TypeError" });
  assert.throws(() => api.alloc("complex256", 1), { name: "TypeError" });
  assert.equal(st.l, 3); // the failed array() freed what it took
  for (const h of [z, g, e]) h.free();
  assert.equal(st.l, 0);
  assert.equal(st.b, 16); // every block given back
});

test("cxa passes a complex WasmArray in place; put gives its own address", () => {
  const st = state();
  const api = rt.heap(st, "pkg");
  const z = api.array({ dtype: "complex128", shape: [2, 3] });
  const d = rt.cxa(st, z, 0, 2, "f", "z", 4);
  assert.equal(d, z.data);
  assert.deepEqual(st.z.slice(4, 6), [2, 3]);
  rt.start(st);
  assert.equal(rt.put(st, d, 0), z.byteOffset); // zero copy
  assert.equal(st.c, 0); // nothing to copy back
  const msg = (why) => (e) => e instanceof TypeError && e.message.startsWith("f(): argument 'z' must be a complex128 array") && e.message.endsWith(why);
  assert.throws(() => rt.cxa(st, z, 0, 1, "f", "z", 0), msg(", got a WasmArray of shape [2, 3]"));
  assert.throws(() => rt.cxa(st, z, 1, 2, "f", "z", 0), (e) => e instanceof TypeError && /complex64 array/.test(e.message) && /dtype "complex128"/.test(e.message));
  const real = api.alloc(Float64Array, 4);
  assert.throws(() => rt.cxa(st, real, 0, 1, "f", "z", 0), msg(", got a WasmArray of real numbers"));
  // and a complex WasmArray is never taken for a real array of twice the length
  const z1 = api.alloc("complex128", 2);
  assert.throws(() => rt.arg1(z1, 0, "f", "x"), (e) => e instanceof TypeError && /WasmArray of dtype "complex128"/.test(e.message));
  assert.throws(() => rt.argn(st, z, 0, 2, "f", "m", 0), { name: "TypeError" });
  z.free();
  assert.throws(() => rt.cxa(st, z, 0, 2, "f", "z", 0), /already freed/);
  real.free();
  z1.free();
});

test("under keep, cxo and cxo1 make WasmComplexArrays in place; otherwise copies", () => {
  const st = state();
  const api = rt.heap(st, "pkg");
  rt.start(st);
  const addr = st.b + 64; // a result in the arena
  new Float64Array(st.e.memory.buffer, addr, 4).set([1, 2, 3, 4]);
  const copy = rt.cxo(st, 0, addr, 2);
  assert.ok(!rt.isWasmArray(copy));
  assert.deepEqual([...copy.data], [1, 2, 3, 4]);
  st.k = true;
  const kept = rt.cxo(st, 0, addr, 2);
  st.k = false;
  assert.ok(rt.isWasmArray(kept));
  assert.equal(kept.dtype, "complex128");
  assert.equal(kept.byteOffset, addr); // in place: the heap now reaches past it
  assert.deepEqual([...kept.data], [1, 2, 3, 4]);
  assert.ok(st.b >= addr + 32);
  new Uint32Array(st.e.memory.buffer, 0, 2).set([1, 2]); // cxo1: sizes at bytes 0, 4
  const a64 = st.b + 32;
  new Float32Array(st.e.memory.buffer, a64, 4).set([5, 6, 7, 8]);
  st.k = true;
  const k64 = rt.cxo1(st, 1, 2, a64);
  st.k = false;
  assert.equal(k64.dtype, "complex64");
  assert.deepEqual(k64.shape, [1, 2]);
  assert.deepEqual([...k64.data], [5, 6, 7, 8]);
  kept.free();
  k64.free();
  assert.equal(st.l, 0);
  void api;
});
