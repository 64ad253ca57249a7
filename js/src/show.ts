// `tag`: the class name of a typed array (or a DataView), else undefined.
// `show`: how an argument check names the JavaScript value it rejected: a primitive
// as written (strings quoted, bigints with their `n`), a typed array or an
// array with its length, a Map, a Set, an object, a function.
//
// One private helper shared by the runtime pieces (runtime, arrays, cxarrays,
// lists, containers, strings); build.mjs bundles it into each piece that uses
// it, so it is not a piece of its own.
export const tag = (v: unknown): string | undefined =>
  ArrayBuffer.isView(v) ? (v as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag] : undefined;

export function show(v: unknown): string {
  if (v === null || (typeof v !== "object" && typeof v !== "function")) {
    return typeof v === "string" ? JSON.stringify(v) : typeof v === "bigint" ? `${v}n` : String(v);
  }
  const t = tag(v);
  if (t) return `a ${t} of length ${(v as unknown as ArrayLike<unknown>).length}`;
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (v instanceof Map) return "a Map";
  if (v instanceof Set) return "a Set";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}
