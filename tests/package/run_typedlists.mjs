// node run_typedlists.mjs cases.json: the typed-list cases through the installed package (typedlists_harness.mjs).
import { readFileSync } from "node:fs";
import * as pkg from "@py2wasm-test/typedlists";
import { runTypedListCases } from "./typedlists_harness.mjs";

console.log(JSON.stringify(runTypedListCases(pkg, JSON.parse(readFileSync(process.argv[2], "utf8")))));
