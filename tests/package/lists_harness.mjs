// Run list cases through a built package (Node and the browser page share it).
// Each case: {fn, args}; numbers are {n: "text"} both ways (-0, NaN, Infinity survive).
const dec = (v) => Array.isArray(v) ? v.map(dec) : v !== null && typeof v === "object" ? Number(v.n) : v;
const enc = (v) => Array.isArray(v) ? v.map(enc) : typeof v === "number" ? { n: Object.is(v, -0) ? "-0" : String(v) } : v;

export function runListCases(pkg, cases) {
  return runEncodedCases(pkg, cases, dec, enc);
}

// The case loop, for any encoding (typedlists_harness.mjs has its own):
// each outcome is the result or the error, the arguments after the call (the
// caller's lists, mutated or not) and which argument the result is (-1: none).
export function runEncodedCases(pkg, cases, dec, enc) {
  const out = [];
  for (const { fn, args } of cases) {
    const a = args.map(dec);
    try {
      const r = pkg[fn](...a);
      out.push({ ok: enc(r), after: enc(a), ident: a.indexOf(r) });
    } catch (e) {
      out.push({ error: e.name, message: e.message, after: enc(a), value: typeof e.value === "bigint" ? String(e.value) : null });
    }
  }
  return out;
}
