// The browser page's module for the array package: import it by name (an
// import map resolves it to node_modules, no bundler), run the cases from
// array_cases.json and publish the outcomes on window.__result.
import * as arrays from "@py2wasm-test/arrays";
import { runArrayCases } from "./arrays_harness.mjs";

try {
  const cases = await (await fetch(new URL("array_cases.json", document.baseURI))).json();
  window.__result = { outcomes: runArrayCases(arrays, cases) };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
