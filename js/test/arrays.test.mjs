// The array pieces: argument checks (arr) and the call context (ain) on
// hand-written modules speaking the array ABI, with and without memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rt, arrayWasm, noMemoryWasm } from "./pieces.mjs";

const F64 = 0, F32 = 1, I64 = 2, I32 = 3, U8 = 4, BOOL = 5;

test("arr: 1-D arguments are TypedArrays of exactly the dtype's class", () => {
  const x = new Float64Array([1, 2, 3]);
  const a = rt.arr(x, F64, 1, "f", "x");
  assert.equal(a.v, x);
  assert.deepEqual(a.s, [3]);
  assert.deepEqual(a.b, [3n]);
  assert.equal(rt.arr(new BigInt64Array(2), I64, 1, "f", "x").v.length, 2);
  assert.equal(rt.arr(Buffer.from([1, 2]), U8, 1, "f", "x").v.length, 2); // a Node Buffer is a Uint8Array
  for (const [v, k, shown] of [[[1, 2], F64, "an array of length 2"], [new Float32Array(2), F64, "a Float32Array of length 2"],
    [new Float64Array(2), I64, "a Float64Array of length 2"], [new Uint8ClampedArray(1), U8, "a Uint8ClampedArray of length 1"],
    [new Int32Array(1), F32, "a Int32Array of length 1"], [null, I32, "null"], [3, F64, "3"]]) {
    assert.throws(() => rt.arr(v, k, 1, "fn", "p"), (e) => e instanceof TypeError && e.message.startsWith("fn(): argument 'p' must be a ") && e.message.endsWith(`-D array), got ${shown}`));
  }
  assert.throws(() => rt.arr(new BigInt64Array(1), F64, 1, "fn", "p"), { name: "TypeError", message: "fn(): argument 'p' must be a Float64Array (Python float64 1-D array), got a BigInt64Array of length 1" });
});

test("arr: N-d arguments are {data, shape} with ndim non-negative integer sizes whose product is data.length", () => {
  const d = new Int32Array(6);
  const a = rt.arr({ data: d, shape: [2, 3] }, I32, 2, "f", "m");
  assert.equal(a.v, d);
  assert.deepEqual(a.b, [2n, 3n]);
  assert.deepEqual(rt.arr({ data: new Float64Array(0), shape: [0, 5, 2] }, F64, 3, "f", "m").s, [0, 5, 2]);
  const want = "f(): argument 'm' must be {data: Int32Array, shape: [number, number]} (Python int32 2-D array)";
  for (const [v, E, tail] of [
    [d, TypeError, ", got a Int32Array of length 6"],
    [{ data: d }, TypeError, ", got shape: undefined"],
    [{ data: [1, 2], shape: [1, 2] }, TypeError, ", got data: an array of length 2"],
    [{ data: d, shape: [6] }, TypeError, ", got shape: an array of length 1"],
    [{ data: d, shape: [2, "3"] }, TypeError, ', got a shape holding "3"'],
    [{ data: d, shape: [2, 1.5] }, TypeError, ", got a shape holding 1.5"],
    [{ data: d, shape: [-2, -3] }, RangeError, ", got a negative size in shape [-2, -3]"],
    [{ data: d, shape: [2, 2] }, RangeError, ": shape [2, 2] has 4 elements, data has 6"],
  ]) {
    assert.throws(() => rt.arr(v, I32, 2, "f", "m"), (e) => e.constructor === E && e.message === want + tail);
  }
});

test("arr: bool arrays must hold only 0 and 1", () => {
  assert.equal(rt.arr(new Uint8Array([0, 1, 1]), BOOL, 1, "f", "b").v.length, 3);
  assert.throws(() => rt.arr(new Uint8Array([0, 1, 255]), BOOL, 1, "f", "b"), { name: "RangeError", message: "f(): argument 'b' is a bool array: its Uint8Array must hold only 0 and 1, element 2 is 255" });
  assert.equal(rt.arr(new Uint8Array([0, 1, 255]), U8, 1, "f", "b").v.length, 3); // uint8: any byte
});

async function instance(bytes) {
  return (await WebAssembly.instantiate(bytes, {})).instance.exports;
}

test("ain: arena reset to 16, 16-byte aligned copies in, heap past them, copy-back, results copied out", async () => {
  const st = { n: "m", t: {}, e: await instance(arrayWasm) };
  st.e.py2wasm_heap.value = 12345n; // left over from an earlier call
  const a = rt.arr(new Float64Array([1.5, 2, 3]), F64, 1, "f", "a");
  const b = rt.arr(new Float64Array([4, 5, 6, 7]), F64, 1, "f", "b");
  const c = rt.ain(st, [a, b]);
  assert.equal(a.a, 16n);
  assert.equal(b.a, 48n); // 16 + 24 rounded up to 16
  assert.equal(st.e.heap(), 80n);
  const [addr, n] = st.e.double_first(a.a, ...a.b, b.a, ...b.b);
  c.b();
  assert.deepEqual(Array.from(a.v), [3, 2, 3]);
  const out = c.o(F64, addr, [n]);
  assert.ok(out instanceof Float64Array);
  assert.deepEqual(Array.from(out), [4, 5, 6, 7]);
  const nd = c.o(F64, addr, [2n, 2n]);
  assert.deepEqual(nd.shape, [2, 2]);
  assert.notEqual(out.buffer, st.e.memory.buffer); // a copy, not a view of wasm memory
  new Float64Array(st.e.memory.buffer, 48, 4).fill(0);
  assert.deepEqual(Array.from(out), [4, 5, 6, 7]);
  const empty = c.o(I32, 16n, [0n]);
  assert.ok(empty instanceof Int32Array && empty.length === 0);
});

test("ain grows the memory for large arguments; results written after a growth during the call are read from the new buffer", async () => {
  const st = { n: "m", t: {}, e: await instance(arrayWasm) };
  const pages = st.e.memory.buffer.byteLength / 65536;
  const big = rt.arr(new Float64Array(100000).fill(1.25), F64, 1, "f", "a");
  rt.ain(st, [big]);
  assert.equal(st.e.memory.buffer.byteLength, Math.ceil((16 + 800000) / 65536) * 65536);
  assert.ok(st.e.memory.buffer.byteLength / 65536 > pages);
  assert.equal(new Float64Array(st.e.memory.buffer, 16, 100000)[99999], 1.25);
  const st2 = { n: "m", t: {}, e: await instance(arrayWasm) };
  const c = rt.ain(st2, []);
  assert.equal(st2.e.heap(), 16n);
  const [addr, n] = st2.e.grow_result();
  assert.deepEqual(Array.from(c.o(F64, addr, [n])), [2.5]);
});

test("ain: arguments beyond wasm32's 4 GiB are an Error named MemoryError", async () => {
  const st = { n: "m", t: {}, e: await instance(arrayWasm) };
  const huge = { v: { byteLength: 2 ** 32 }, s: [2 ** 29], b: [2n ** 29n], a: 0n };
  assert.throws(() => rt.ain(st, [huge]), (e) => e.name === "MemoryError" && !(e instanceof RangeError) && /4 GiB/.test(e.message));
});

test("a raising call: copy-back still happens and the message is formatted from py2wasm_exc_arg globals", async () => {
  const st = { n: "m", t: { 1: ["IndexError", (g) => "index " + g.py2wasm_exc_arg0.value + " is out of bounds (m.py:2: a[i])"] }, e: await instance(arrayWasm) };
  const a = rt.arr(new Float64Array([1, 2]), F64, 1, "f", "a");
  let c;
  assert.throws(() => {
    try { c = rt.ain(st, [a]); st.e.write_then_raise(a.a, ...a.b, -9007199254740993n); } catch (e) { throw rt.trap(e, st); } finally { c.b(); }
  }, { name: "IndexError", message: "index -9007199254740993 is out of bounds (m.py:2: a[i])" });
  assert.deepEqual(Array.from(a.v), [7, 2]);
  assert.equal(st.e.py2wasm_exc.value, 0);
});

test("a module without memory: the argument bytes live in the package state and results are read from there", async () => {
  const st = { n: "m", t: {}, e: await instance(noMemoryWasm) };
  for (let round = 0; round < 2; round++) {
    const a = rt.arr(new Int32Array([1, 2, 3]), I32, 1, "f", "a");
    const b = rt.arr({ data: new Int32Array([4, 5, 6, 7 + round]), shape: [2, 2] }, I32, 2, "f", "b");
    const c = rt.ain(st, [a, b]);
    const [addr, rows] = st.e.second(a.a, ...a.b, b.a, b.b[0]);
    c.b();
    const out = c.o(I32, addr, [rows, 2n]);
    assert.deepEqual(out.shape, [2, 2]);
    assert.deepEqual(Array.from(out.data), [4, 5, 6, 7 + round]);
    assert.notEqual(out.data.buffer, b.v.buffer);
    assert.deepEqual(Array.from(a.v), [1, 2, 3]);
  }
  assert.ok(st.m instanceof Uint8Array && st.m.byteLength === 65536);
});

test("ain on a package that is not loaded throws (the wrapper's trap then explains)", () => {
  assert.throws(() => rt.ain({ n: "m", t: {} }, []), TypeError);
});
