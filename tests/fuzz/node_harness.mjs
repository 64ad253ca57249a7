// Runs fuzz cases against a py2wasm npm package in Node: argv[2] is the
// package's index.js, argv[3] a JSON file of {fn, args} cases. Prints one
// outcome per case: {ok: value, same: i} (`same`: the result is argument i
// itself, else -1) or {error: {name, message, value}}, and the arguments
// after the call. The encoding both ways: tests/fuzz/node_values.py.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const CLASSES = { Float64Array, Float32Array, BigInt64Array, Int32Array, Int16Array, Int8Array,
                  BigUint64Array, Uint32Array, Uint16Array, Uint8Array };

const numText = (x) => (Object.is(x, -0) ? "-0" : String(x));

export function encode(v) {
  if (typeof v === "number") return { num: numText(v) };
  if (typeof v === "boolean") return { bool: v };
  if (typeof v === "string") return { str: v };
  if (typeof v === "bigint") return { big: String(v) };
  if (v === undefined) return { none: true };
  if (v === null) return { null: true };
  if (ArrayBuffer.isView(v)) return { ta: v[Symbol.toStringTag], v: Array.from(v, numText) };
  if (Array.isArray(v)) return { tuple: v.map(encode) };
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [encode(k), encode(x)]) };
  if (v instanceof Set) return { set: [...v].map(encode) };
  if (typeof v === "object" && ArrayBuffer.isView(v.data) && "shape" in v) {
    return { nd: encode(v.data), shape: Array.from(v.shape) };
  }
  if (typeof v === "object") return { obj: Object.entries(v).map(([k, x]) => [k, encode(x)]) };
  return { other: typeof v, value: String(v) };
}

export function decodeArg(a) {
  if (Array.isArray(a)) return a.map(decodeArg);
  if (a === null || typeof a !== "object") return a;
  if ("num" in a) return Number(a.num);
  if ("ta" in a) {
    const C = CLASSES[a.ta];
    return C === BigInt64Array || C === BigUint64Array ? C.from(a.v, BigInt) : C.from(a.v, Number);
  }
  if ("nd" in a) return { data: decodeArg(a.nd), shape: a.shape };
  if ("map" in a) return new Map(a.map.map(([k, x]) => [decodeArg(k), decodeArg(x)]));
  if ("set" in a) return new Set(a.set.map(decodeArg));
  if ("obj" in a) return Object.fromEntries(a.obj.map(([k, x]) => [k, decodeArg(x)]));
  throw new Error(`cannot decode ${JSON.stringify(a)}`);
}

const mod = await import(pathToFileURL(process.argv[2]).href);
const cases = JSON.parse(readFileSync(process.argv[3], "utf8"));
const out = cases.map(({ fn, args }) => {
  const values = args.map(decodeArg);
  let outcome;
  try {
    const r = mod[fn](...values);
    outcome = { ok: encode(r), same: typeof r === "object" && r !== null ? values.indexOf(r) : -1 };
  } catch (e) {
    outcome = { error: { name: e.name, message: e.message, isError: e instanceof Error,
                         value: typeof e.value === "bigint" ? String(e.value) : null } };
  }
  outcome.after = values.map(encode);
  return outcome;
});
console.log(JSON.stringify(out));
