// Run the typed-list cases (lists of NumPy arrays and of NumPy scalars)
// through a built package (Node and the browser page share it).
// Encoding both ways: a number {n: "text"} (-0, NaN, Infinity survive), a
// BigInt {b: "text"}, an array {t: class name, s: shape, v: elements}
// (1-D: a bare TypedArray; N-d: {data, shape}), lists as arrays.
import { runEncodedCases } from "./lists_harness.mjs";

const dec = (v) => {
  if (Array.isArray(v)) return v.map(dec);
  if (v === null || typeof v !== "object") return v;
  if ("n" in v) return Number(v.n);
  if ("b" in v) return BigInt(v.b);
  const data = new globalThis[v.t](v.v.map(dec));
  return v.s.length === 1 ? data : { data, shape: v.s };
};
const enc = (v) => {
  if (Array.isArray(v)) return v.map(enc);
  if (typeof v === "number") return { n: Object.is(v, -0) ? "-0" : String(v) };
  if (typeof v === "bigint") return { b: String(v) };
  if (ArrayBuffer.isView(v)) return { t: v.constructor.name, s: [v.length], v: Array.from(v, enc) };
  if (v !== null && typeof v === "object") return { t: v.data.constructor.name, s: [...v.shape], v: Array.from(v.data, enc) };
  return v;
};

export function runTypedListCases(pkg, cases) {
  return runEncodedCases(pkg, cases, dec, enc);
}
