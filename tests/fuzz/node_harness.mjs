// Runs fuzz cases against a py2wasm npm package in Node: argv[2] is the
// package's index.js, argv[3] a JSON file of {fn, args} cases. Prints one
// outcome per case: {ok: value} or {error: {name, message, value}}, and the
// arguments after the call. Encoding: tests/package/arrays_harness.mjs.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { encode, decodeArg } from "../package/arrays_harness.mjs";

const mod = await import(pathToFileURL(process.argv[2]).href);
const cases = JSON.parse(readFileSync(process.argv[3], "utf8"));
const out = cases.map(({ fn, args }) => {
  const values = args.map(decodeArg);
  let outcome;
  try {
    outcome = { ok: encode(mod[fn](...values)) };
  } catch (e) {
    outcome = { error: { name: e.name, message: e.message,
                         value: typeof e.value === "bigint" ? String(e.value) : null } };
  }
  outcome.after = values.map(encode);
  return outcome;
});
console.log(JSON.stringify(out));
