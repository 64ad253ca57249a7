// Run list cases through the built package: node run_lists.mjs cases.json
// Each case: {fn, args}; numbers are {n: "text"} both ways (-0, NaN, Infinity survive).
import { readFileSync } from "node:fs";
import * as pkg from "@py2wasm-test/lists";

const dec = (v) => Array.isArray(v) ? v.map(dec) : v !== null && typeof v === "object" ? Number(v.n) : v;
const enc = (v) => Array.isArray(v) ? v.map(enc) : typeof v === "number" ? { n: Object.is(v, -0) ? "-0" : String(v) } : v;
const out = [];
for (const { fn, args } of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  const a = args.map(dec);
  const keep = a.map((x) => x);
  try {
    const r = pkg[fn](...a);
    out.push({ ok: enc(r), after: enc(a), same: a.map((x, i) => x === keep[i]), ident: a.indexOf(r) });
  } catch (e) {
    out.push({ error: e.name, message: e.message, after: enc(a), value: typeof e.value === "bigint" ? String(e.value) : null });
  }
}
console.log(JSON.stringify(out));
