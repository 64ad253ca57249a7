// Node: import the complex package by name, run the cases in argv[2], print outcomes.
import { readFileSync } from "node:fs";
import * as mod from "@py2wasm-test/complex";
import { runComplexCases } from "./complex_harness.mjs";

console.log(JSON.stringify(runComplexCases(mod, JSON.parse(readFileSync(process.argv[2], "utf8")))));
