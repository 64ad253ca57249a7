// loadSync (initSync) and b64 (inlined wasm): the pieces an inlined or
// manually loaded package instantiates with (js/src/load.ts), and argc's
// message for optional parameters (Python defaults).
import { test } from "node:test";
import assert from "node:assert/strict";
import { rt, testWasm } from "./pieces.mjs";

test("b64 decodes base64 to the same bytes with atob and with fromBase64", () => {
  const text = Buffer.from(testWasm).toString("base64");
  assert.deepEqual(Buffer.from(rt.b64(text)), Buffer.from(testWasm));
  const had = Object.hasOwn(Uint8Array, "fromBase64");
  const seen = [];
  Uint8Array.fromBase64 = (s) => { seen.push(s); return new Uint8Array([1, 2]); };
  try {
    assert.deepEqual([...rt.b64("AQI=")], [1, 2]);
    assert.deepEqual(seen, ["AQI="]);
  } finally {
    if (!had) delete Uint8Array.fromBase64;
  }
  assert.deepEqual([...rt.b64("")], []);
});

test("loadSync instantiates from bytes of any view, a Buffer or a compiled Module", () => {
  const bytes = new Uint8Array(testWasm);
  for (const source of [bytes, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), testWasm,
                        new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), new WebAssembly.Module(bytes)]) {
    const ex = rt.loadSync({}, source);
    assert.equal(ex.add(1.5, 2), 3.5);
  }
});

test("loadSync keeps the compiled module and the imports when given a state", () => {
  const st = {};
  const imports = {};
  rt.loadSync(imports, new Uint8Array(testWasm), st);
  assert.ok(st.w instanceof WebAssembly.Module);
  assert.equal(st.i, imports);
});

test("loadSync refuses what only the asynchronous init can load, naming it", () => {
  for (const [source, what] of [[new URL("file:///x.wasm"), "a URL"], ["x.wasm", "x.wasm"], [undefined, "undefined"],
                                 [Promise.resolve(testWasm), "a Promise"]]) {
    assert.throws(() => rt.loadSync({}, source), (e) => e instanceof TypeError && e.message.includes(`got ${what}`) &&
      e.message.includes("await init(source)"));
  }
  assert.throws(() => rt.loadSync({}, new Uint8Array([0, 97, 115, 109, 9, 0, 0, 0])), WebAssembly.CompileError);
});

test("argc states the range when the last parameters have defaults", () => {
  assert.throws(() => rt.argc(0, "scaled", ["a", "scale", "shift"], 1),
    { name: "TypeError", message: "scaled(a, scale, shift) takes 1 to 3 arguments, got 0" });
  assert.throws(() => rt.argc(4, "f", ["a", "b"]), { message: "f(a, b) takes 2 arguments, got 4" });
  assert.throws(() => rt.argc(2, "g", ["a"], 1), { message: "g(a) takes 1 argument, got 2" });
});
