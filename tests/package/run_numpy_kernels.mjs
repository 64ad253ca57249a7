// Calls the numpy_kernels package with the JSON cases given as argv[2] and
// prints the results as JSON (tests/package/test_numpy_kernels.py).
import { readFileSync } from "node:fs";
import * as pkg from "numpy-kernels";

const CLASSES = { f64: Float64Array, i64: BigInt64Array };

function decode(a) {
  if (a !== null && typeof a === "object" && "t" in a) {
    const C = CLASSES[a.t];
    const data = a.t === "i64" ? C.from(a.v.map((x) => BigInt(x))) : C.from(a.v.map(Number));
    return a.shape.length === 1 ? data : { data, shape: a.shape };
  }
  return a;
}

function encode(v) {
  if (v instanceof Float64Array) return { v: Array.from(v, (x) => String(x)), shape: [v.length] };
  if (v instanceof BigInt64Array) return { v: Array.from(v, (x) => String(x)), shape: [v.length] };
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === "object" && "data" in v) {
    return { v: Array.from(v.data, (x) => String(x)), shape: Array.from(v.shape) };
  }
  if (typeof v === "number") return { num: String(v) };
  return v === undefined ? null : v;
}

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = [];
for (const c of cases) {
  const args = c.args.map(decode);
  try {
    const r = pkg[c.fn](...args);
    out.push({ value: encode(r), after: args.map(encode) });
  } catch (e) {
    out.push({ raises: e.name, message: e.message });
  }
}
console.log(JSON.stringify(out));
