// Run complex-number cases against an imported package module. Numbers are
// encoded as strings both ways so that -0, Infinity and NaN survive JSON:
// a complex is {re, im} with string parts, a float a string.
const dec = (s) => (s === "-0" ? -0 : Number(s));
const enc = (x) => (Object.is(x, -0) ? "-0" : String(x));

function decode(v) {
  if (typeof v === "string") return dec(v);
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object" && "re" in v) return { re: dec(v.re), im: dec(v.im) };
  return v; // ints and booleans as they are
}

function encode(v) {
  if (typeof v === "number") return Number.isInteger(v) && !Object.is(v, -0) ? { int: v, f: enc(v) } : enc(v);
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === "object" && "re" in v) return { re: enc(v.re), im: enc(v.im) };
  return v;
}

export function runComplexCases(mod, cases) {
  return cases.map(({ fn, args }) => {
    try {
      return { ok: encode(mod[fn](...args.map(decode))) };
    } catch (e) {
      return { error: e.name, message: e.message };
    }
  });
}
