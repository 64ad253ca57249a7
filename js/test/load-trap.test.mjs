// Loading from every kind of source, and mapping traps to Python exceptions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { rt, testWasm } from "./pieces.mjs";

const table = { 1: ["ZeroDivisionError", "integer division or modulo by zero (m.py:3: return a // b)"], 2: ["ValueError", "math domain error (m.py:5: return sqrt(x))"] };
const here = () => new URL("file:///nonexistent/index.js");

async function withServer(handler, fn) {
  const server = createServer(handler);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  try {
    return await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
  }
}

test("load from bytes, views, a compiled Module and a Response", async () => {
  for (const src of [testWasm, new Uint8Array(testWasm), testWasm.buffer.slice(testWasm.byteOffset, testWasm.byteOffset + testWasm.length), new WebAssembly.Module(testWasm),
    new Response(testWasm, { headers: { "Content-Type": "application/wasm" } }), Promise.resolve(new Response(testWasm))]) {
    const ex = await rt.load(here, {}, src);
    assert.equal(ex.add(1, 2), 3);
  }
});

test("load reads file: URLs from disk in Node (absolute URL, or a string relative to the default URL)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "py2wasm-rt-"));
  try {
    writeFileSync(join(dir, "m.wasm"), testWasm);
    const url = pathToFileURL(join(dir, "m.wasm"));
    assert.equal((await rt.load(() => url, {})).add(2, 3), 5);
    assert.equal((await rt.load(here, {}, url.href)).add(2, 4), 6);
    assert.equal((await rt.load(() => url, {}, "./m.wasm")).add(2, 5), 7);
    await assert.rejects(rt.load(() => new URL("missing.wasm", url), {}), { code: "ENOENT" });
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test("load over HTTP: streaming with application/wasm, fallback for a wrong MIME type, HTTP errors", async () => {
  const seen = [];
  await withServer((req, res) => {
    seen.push(req.url);
    if (req.url === "/missing.wasm") { res.writeHead(404).end("no"); return; }
    res.writeHead(200, { "Content-Type": req.url === "/good.wasm" ? "application/wasm" : "application/octet-stream" }).end(testWasm);
  }, async (base) => {
    const streamed = WebAssembly.instantiateStreaming;
    let streamingCalls = 0;
    WebAssembly.instantiateStreaming = (...a) => { streamingCalls++; return streamed(...a); };
    try {
      assert.equal((await rt.load(() => new URL(`${base}/good.wasm`), {})).add(1, 1), 2);
      assert.equal(streamingCalls, 1);
      assert.equal((await rt.load(here, {}, `${base}/wrong-mime.wasm`)).add(1, 2), 3);
      assert.equal(streamingCalls, 1, "a wrong MIME type must not go through instantiateStreaming");
      assert.equal((await rt.load(here, {}, new Request(`${base}/good.wasm`))).add(1, 3), 4);
      assert.equal((await rt.load(here, {}, fetch(`${base}/wrong-mime.wasm`))).add(1, 4), 5);
      await assert.rejects(rt.load(() => new URL(`${base}/missing.wasm`), {}), { message: /cannot load .*missing\.wasm: HTTP 404/ });
    } finally {
      WebAssembly.instantiateStreaming = streamed;
    }
  });
  assert.deepEqual(seen, ["/good.wasm", "/wrong-mime.wasm", "/good.wasm", "/wrong-mime.wasm", "/missing.wasm"]);
});

async function state() {
  return { n: "m", t: table, e: await rt.load(here, {}, testWasm) };
}

function call(st, f) {
  try { return f(); } catch (e) { throw rt.trap(e, st); }
}

test("a Python exception becomes an Error named after it, with the source line; the global is reset and the instance stays usable", async () => {
  const st = await state();
  for (const code of [1, 2, 1]) {
    assert.throws(() => call(st, () => st.e.raise(code)), (e) => {
      assert.equal(e.constructor, Error);
      assert.equal(e.name, table[code][0]);
      assert.equal(e.message, table[code][1]);
      assert.match(String(e), new RegExp(`^${table[code][0]}: `));
      return true;
    });
    assert.equal(st.e.py2wasm_exc.value, 0);
    assert.equal(call(st, () => st.e.add(2, 3)), 5);
  }
  assert.throws(() => call(st, () => st.e.raise(99)), { name: "SystemError", message: "unknown py2wasm exception code 99" });
});

test("stack exhaustion becomes a RangeError named RecursionError; the instance stays usable", async () => {
  const st = await state();
  assert.throws(() => call(st, () => st.e.rec(0n)), (e) => e instanceof RangeError && e.name === "RecursionError" && e.message === "maximum recursion depth exceeded" && e.cause instanceof RangeError);
  assert.equal(call(st, () => st.e.add(1, 1)), 2);
});

test("a trap without a Python exception is passed on unchanged", async () => {
  const st = await state();
  assert.throws(() => call(st, () => st.e.bug()), (e) => e instanceof WebAssembly.RuntimeError);
});

test("calls before the module is loaded say so, with the load failure as cause", () => {
  const failure = new Error("ENOENT: no such file");
  const st = { n: "pkg", t: table, f: failure };
  const e = rt.trap(new TypeError("x"), st);
  assert.equal(e.message, "pkg: the WebAssembly module is not loaded: ENOENT: no such file; call `await init(source)` with the .wasm URL or bytes");
  assert.equal(e.cause, failure);
  assert.match(rt.trap(new TypeError("x"), { n: "pkg", t: table }).message, /not loaded; await init\(\) first/);
});
