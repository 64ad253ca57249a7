// How an argument check names the JavaScript value it rejected.
// `brief`: a primitive as written (strings quoted, bigints with their `n`), an
// array with its length, an object, a function: what the scalar checks of the
// runtime piece need (they are in every package, fma's included: kept small).
// `show`: brief, and a typed array with its class and length, a Map, a Set:
// for the pieces that take arrays and containers (arrays, cxarrays, lists,
// containers, strings).
// `tag`: the class name of a typed array (or a DataView), else undefined.
//
// Private helpers shared by the runtime pieces; build.mjs bundles them into
// each piece that uses them, so they are not pieces of their own.
export const tag = (v: unknown): string | undefined =>
  ArrayBuffer.isView(v) ? (v as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag] : undefined;

export const brief = (v: unknown): string =>
  v === null || (typeof v !== "object" && typeof v !== "function")
    ? typeof v === "string" ? JSON.stringify(v) : typeof v === "bigint" ? `${v}n` : String(v)
    : Array.isArray(v) ? `an array of length ${v.length}` : typeof v === "object" ? "an object" : "a function";

export function show(v: unknown): string {
  const t = tag(v);
  if (t) return `a ${t} of length ${(v as unknown as ArrayLike<unknown>).length}`;
  if (v instanceof Map) return "a Map";
  if (v instanceof Set) return "a Set";
  return brief(v);
}
