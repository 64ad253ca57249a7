// Load the shipped runtime pieces (py2wasm/package/runtime/pieces.json), the
// exact code a generated package inlines, as callable functions.
import { readFileSync } from "node:fs";

const file = new URL("../../py2wasm/package/runtime/pieces.json", import.meta.url);
const data = JSON.parse(readFileSync(file, "utf8"));
const evaluate = (expr) => new Function(`"use strict";return ${expr};`)();

export const rt = Object.fromEntries(Object.entries(data.runtime).map(([k, v]) => [k, evaluate(v)]));
export const math = Object.fromEntries(Object.entries(data.math).map(([k, v]) => [k, evaluate(v)]));

/*
 A test module speaking the py2wasm ABI, assembled from this WAT with
 wasmtime.wat2wasm (Python) and embedded here so the JS tests need no tools:
 (module
   (global $exc (export "py2wasm_exc") (mut i32) (i32.const 0))
   (func (export "raise") (param $code i32) (result f64)
     (global.set $exc (local.get $code)) unreachable)
   (func (export "bug") (result f64) unreachable)
   (func $rec (export "rec") (param $n i64) (result i64)
     (i64.add (call $rec (i64.add (local.get $n) (i64.const 1))) (i64.const 1)))
   (func (export "add") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1))))
*/
export const testWasm = Buffer.from(
  "AGFzbQEAAAABFQRgAX8BfGAAAXxgAX4BfmACfHwBfAMFBAABAgMGBgF/AUEACwcpBQtweTJ3YXNtX2V4YwMABXJhaXNlAAADYnVnAAEDcmVjAAIDYWRkAAMKIgQHACAAJAAACwMAAAsMACAAQgF8EAJCAXwLBwAgACABoAsAJQRuYW1lAQYBAgNyZWMCDgIAAQAEY29kZQIBAAFuBwYBAANleGM=",
  "base64",
);
