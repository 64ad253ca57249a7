// Import a package with several builds in this Node and report, as JSON,
// which build the loader picked, which .wasm files it read from disk and
// what the calls returned. Usage: node builds_node.mjs PKG_DIR CALLS_JSON [explicit]
// With "explicit", also exercise init(source, target) / init(undefined, target).
import { createRequire, syncBuiltinESMExports } from "node:module";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

// Observe the loader's file reads: it imports node:fs/promises dynamically,
// so patching the CommonJS object and syncing the ESM exports catches them.
const reads = [];
const fsp = createRequire(import.meta.url)("node:fs/promises");
const readFile = fsp.readFile;
fsp.readFile = (p, ...rest) => {
  const name = basename(p instanceof URL ? p.pathname : String(p));
  if (name.endsWith(".wasm")) reads.push(name);
  return readFile(p, ...rest);
};
syncBuiltinESMExports();

const [dir, callsFile, mode] = process.argv.slice(2);
const calls = JSON.parse(readFileSync(callsFile, "utf8"));
const m = await import(pathToFileURL(join(dir, "index.js")).href);

function outcomes() {
  return calls.map(([fn, args]) => {
    try { return { value: m[fn](...args) }; } catch (e) { return { error: e.name, message: e.message }; }
  });
}

const out = { node: process.versions.node, loaded: m.loaded(), reads: [...reads], results: outcomes() };
try { m.div(1, 0); } catch (e) { out.raised = [e.name, e.message]; }

if (mode === "explicit") {
  const steps = [];
  const step = async (label, f) => {
    reads.length = 0;
    let error = null;
    try { await f(); } catch (e) { error = [e.name, e.message]; }
    steps.push({ label, error, loaded: m.loaded(), reads: [...reads], results: outcomes() });
  };
  const files = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).files.filter((f) => f.endsWith(".wasm"));
  const bytes = Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f))]));
  await step("init(undefined, simd)", () => m.init(undefined, "simd"));
  await step("init(relaxed bytes, relaxed-simd)", () => m.init(bytes["vecdemo.relaxed.wasm"], "relaxed-simd"));
  await step("init(baseline bytes)", () => m.init(bytes["vecdemo.wasm"]));
  await step("init(relaxed Module, relaxed-simd)", () => m.init(new WebAssembly.Module(bytes["vecdemo.relaxed.wasm"]), "relaxed-simd"));
  await step("init(undefined, mvp)", () => m.init(undefined, "mvp"));
  await step("init()", () => m.init());
  out.steps = steps;
}
console.log(JSON.stringify(out));
