// Bundler route with the wasm embedded (esbuild --loader:.wasm=binary): the
// automatic load at import cannot find the file next to the bundle, so the
// consumer passes the bytes to init() and everything works from one file.
import { fma, init } from "fma";
import wasm from "fma/fma.wasm";

let before;
try { fma(1, 2, 3); } catch (e) { before = e.message; }
await init(wasm);
console.log(JSON.stringify({ before, after: fma(3, -1, 2) }));
