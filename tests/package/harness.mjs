// Runs call cases against an imported py2wasm package and encodes the
// outcomes as JSON for the Python tests (Node, CommonJS, bundles, browser).
// Numbers travel as strings (String(x), "-0" for negative zero) so NaN,
// infinities and every bit of a double survive; tuples are arrays.
export function encode(v) {
  if (typeof v === "number") return { num: Object.is(v, -0) ? "-0" : String(v) };
  if (Array.isArray(v)) return { tuple: v.map(encode) };
  if (v === undefined) return { none: true };
  return { other: typeof v, value: v };
}

export function runCases(mod, cases) {
  return cases.map(({ fn, args }) => {
    try {
      return { ok: encode(mod[fn](...args.map(decodeArg))) };
    } catch (e) {
      return {
        error: {
          name: e.name, message: e.message, typeError: e instanceof TypeError, rangeError: e instanceof RangeError,
          value: typeof e.value === "bigint" ? e.value.toString() : null,
        },
      };
    }
  });
}

// Arguments: JSON values, with {"num": "NaN"} style for non-JSON numbers.
function decodeArg(a) {
  if (a && typeof a === "object" && !Array.isArray(a) && "num" in a) return Number(a.num);
  if (Array.isArray(a)) return a.map(decodeArg);
  return a;
}
