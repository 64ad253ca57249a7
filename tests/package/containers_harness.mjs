// Run dict/set cases through a built package (Node and the browser page share it).
// Numbers are {n: "text"} both ways (-0, NaN, Infinity survive); a Map is
// {map: [[k, v], ...]}, a Set {set: [...]}, in their iteration order; a
// plain object (a dataclass instance) {obj: [[name, value], ...]}.
const dec = (v) => Array.isArray(v) ? v.map(dec)
  : v !== null && typeof v === "object" ? ("map" in v ? new Map(v.map.map(([k, x]) => [dec(k), dec(x)]))
    : "set" in v ? new Set(v.set.map(dec)) : "obj" in v ? Object.fromEntries(v.obj.map(([k, x]) => [k, dec(x)]))
      : Number(v.n)) : v;
const enc = (v) => Array.isArray(v) ? v.map(enc) : v instanceof Map ? { map: [...v].map(([k, x]) => [enc(k), enc(x)]) }
  : v instanceof Set ? { set: [...v].map(enc) }
    : v !== null && typeof v === "object" ? { obj: Object.entries(v).map(([k, x]) => [k, enc(x)]) } : typeof v === "number" ? { n: Object.is(v, -0) ? "-0" : String(v) } : v;

export function runContainerCases(pkg, cases) {
  const out = [];
  for (const { fn, args } of cases) {
    const a = args.map(dec);
    try {
      const r = pkg[fn](...a);
      out.push({ ok: enc(r), after: enc(a), ident: a.indexOf(r) });
    } catch (e) {
      out.push({ error: e.name, message: e.message, after: enc(a) });
    }
  }
  return out;
}
