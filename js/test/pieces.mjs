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

/*
 Modules speaking the array ABI (docs/internals.md, "Arrays"), assembled the
 same way. arrayWasm:
 (module
   (memory (export "memory") 1 65536)
   (global $heap (export "py2wasm_heap") (mut i64) (i64.const 16))
   (global $exc (export "py2wasm_exc") (mut i32) (i32.const 0))
   (global $arg0 (export "py2wasm_exc_arg0") (mut i64) (i64.const 0))
   (func (export "heap") (result i64) (global.get $heap))
   ;; a[0] *= 2 in place, returns b
   (func (export "double_first") (param $a i64) (param $n i64) (param $b i64) (param $m i64) (result i64 i64)
     (f64.store (i32.wrap_i64 (local.get $a)) (f64.mul (f64.load (i32.wrap_i64 (local.get $a))) (f64.const 2)))
     (local.get $b) (local.get $m))
   ;; grows the memory by 2 pages and returns a 1-element result beyond the old end
   (func (export "grow_result") (result i64 i64)
     (drop (memory.grow (i32.const 2)))
     (f64.store (i32.const 131080) (f64.const 2.5))
     (i64.const 131080) (i64.const 1))
   ;; a[0] = 7, then raises exception 1 with run-time argument i
   (func (export "write_then_raise") (param $a i64) (param $n i64) (param $i i64)
     (f64.store (i32.wrap_i64 (local.get $a)) (f64.const 7))
     (global.set $arg0 (local.get $i)) (global.set $exc (i32.const 1)) unreachable))
 noMemoryWasm (no memory export: the host keeps the argument bytes):
 (module
   (global (export "py2wasm_exc") (mut i32) (i32.const 0))
   (func (export "second") (param $a i64) (param $n i64) (param $b i64) (param $m i64) (result i64 i64)
     (local.get $b) (local.get $m)))
*/
export const arrayWasm = Buffer.from(
  "AGFzbQEAAAABGQRgAAF+YAR+fn5+An5+YAACfn5gA35+fgADBQQAAQIDBQYBAQGAgAQGEAN+AUIQC38BQQALfgFCAAsHcQgGbWVtb3J5AgAMcHkyd2FzbV9oZWFwAwALcHkyd2FzbV9leGMDARBweTJ3YXNtX2V4Y19hcmcwAwIEaGVhcAAADGRvdWJsZV9maXJzdAABC2dyb3dfcmVzdWx0AAIQd3JpdGVfdGhlbl9yYWlzZQADClwEBAAjAAscACAApyAApysDAEQAAAAAAAAAQKI5AwAgAiADCx0AQQJAABpBiIAIRAAAAAAAAARAOQMAQoiACEIBCxoAIACnRAAAAAAAABxAOQMAIAIkAkEBJAEACwA1BG5hbWUCGgIBBAABYQEBbgIBYgMBbQMDAAFhAQFuAgFpBxIDAARoZWFwAQNleGMCBGFyZzA=",
  "base64",
);
export const noMemoryWasm = Buffer.from("AGFzbQEAAAABCgFgBH5+fn4Cfn4DAgEABgYBfwFBAAsHGAILcHkyd2FzbV9leGMDAAZzZWNvbmQAAAoIAQYAIAIgAwsAFgRuYW1lAg8BAAQAAWEBAW4CAWIDAW0=", "base64");
