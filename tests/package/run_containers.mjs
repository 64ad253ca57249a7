// node run_containers.mjs cases.json: the dict/set cases through the installed package.
import { readFileSync } from "node:fs";
import * as pkg from "@py2wasm-test/containers";
import { runContainerCases } from "./containers_harness.mjs";

console.log(JSON.stringify(runContainerCases(pkg, JSON.parse(readFileSync(process.argv[2], "utf8")))));
