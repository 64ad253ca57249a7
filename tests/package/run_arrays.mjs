// Node entry for the array package tests: capture the wasm instance the
// package creates (to watch its memory), import the package by name, run the
// cases from argv[2], then repeat calls and report the memory's size.
import { readFileSync } from "node:fs";
import { runArrayCases } from "./arrays_harness.mjs";

const instances = [];
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...a) => {
  const r = await instantiate(...a);
  instances.push(r.instance ?? r);
  return r;
};
const mod = await import("@py2wasm-test/arrays");
WebAssembly.instantiate = instantiate;
const memory = instances[0].exports.memory;

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const outcomes = runArrayCases(mod, cases);

// Repeated calls: memory grows to the largest call's needs, then stays flat.
const x = Float64Array.from({ length: 20000 }, (_, i) => Math.sin(i));
const m = { data: new Float64Array(100 * 100), shape: [100, 100] };
const sizes = [];
for (let round = 0; round < 3; round++) {
  for (let i = 0; i < 300; i++) {
    mod.softmax(x);
    mod.affine(m, new Float64Array(100), 0.5);
    mod.total(50000);
    mod.stats(new Float64Array(1000));
    try { mod.set_then_get(x, 1e6); } catch { /* IndexError */ }
  }
  sizes.push(memory.buffer.byteLength);
}

console.log(JSON.stringify({ outcomes, sizes }));
