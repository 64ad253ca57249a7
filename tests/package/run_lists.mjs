// node run_lists.mjs cases.json: the list cases through the installed package (lists_harness.mjs).
import { readFileSync } from "node:fs";
import * as pkg from "@py2wasm-test/lists";
import { runListCases } from "./lists_harness.mjs";

console.log(JSON.stringify(runListCases(pkg, JSON.parse(readFileSync(process.argv[2], "utf8")))));
