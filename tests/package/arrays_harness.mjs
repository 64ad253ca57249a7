// Runs array call cases against an imported py2wasm package and encodes the
// outcomes (results, and every argument after the call) as JSON for the
// Python tests. Elements travel as strings (String(x), "-0" for negative
// zero; BigInts in decimal) so every bit of a double and every int64 survive.
export function encode(v) {
  if (typeof v === "number") return { num: Object.is(v, -0) ? "-0" : String(v) };
  if (typeof v === "boolean") return { bool: v };
  if (ArrayBuffer.isView(v)) return { ta: v[Symbol.toStringTag], v: Array.from(v, (x) => (Object.is(x, -0) ? "-0" : String(x))) };
  if (Array.isArray(v)) return { tuple: v.map(encode) };
  if (v === undefined) return { none: true };
  if (v && typeof v === "object" && "data" in v && "shape" in v) {
    return { nd: encode(v.data), shape: v.shape, keys: Object.keys(v).sort(), shapeIsArray: Array.isArray(v.shape) };
  }
  return { other: typeof v, value: String(v) };
}

const CLASSES = { Float64Array, Float32Array, BigInt64Array, Int32Array, Int16Array, Int8Array, BigUint64Array, Uint32Array, Uint16Array, Uint8Array, Uint8ClampedArray };

// {"ta": "Float64Array", "v": ["1.5", ...]}, {"nd": ta, "shape": [...]},
// {"num": "NaN"}, plain JSON (numbers, booleans, arrays: passed as they are).
export function decodeArg(a) {
  if (a && typeof a === "object" && !Array.isArray(a)) {
    if ("num" in a) return Number(a.num);
    if ("ta" in a) {
      const C = CLASSES[a.ta];
      return C === BigInt64Array || C === BigUint64Array ? C.from(a.v, BigInt) : C.from(a.v, Number);
    }
    if ("nd" in a) return { data: decodeArg(a.nd), shape: a.shape };
  }
  if (Array.isArray(a)) return a.map(decodeArg); // a tuple (or a plain array, to be refused)
  return a;
}

export function runArrayCases(mod, cases) {
  return cases.map(({ fn, args }) => {
    const values = args.map(decodeArg);
    let outcome;
    try {
      outcome = { ok: encode(mod[fn](...values)) };
    } catch (e) {
      outcome = { error: { name: e.name, message: e.message, typeError: e instanceof TypeError, rangeError: e instanceof RangeError } };
    }
    outcome.after = values.map(encode);
    return outcome;
  });
}
