// Node entry for the package tests: import both packages by name, run the
// cases given as a JSON file (argv[2]) and print the outcomes as JSON.
import * as fma from "fma";
import * as multi from "@py2wasm-test/multi-fns";
import * as arrays from "@py2wasm-test/arrays";
import { readFileSync } from "node:fs";
import { runCases } from "./harness.mjs";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const mods = { fma, "@py2wasm-test/multi-fns": multi, "@py2wasm-test/arrays": arrays };
console.log(JSON.stringify(Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, runCases(mods[k], c)]))));
