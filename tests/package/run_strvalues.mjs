// node run_strvalues.mjs cases.json: the str cases through the installed package.
import { readFileSync } from "node:fs";
import * as pkg from "@py2wasm-test/strvalues";
import { runStrCases } from "./strvalues_harness.mjs";

console.log(JSON.stringify(runStrCases(pkg, JSON.parse(readFileSync(process.argv[2], "utf8")))));
