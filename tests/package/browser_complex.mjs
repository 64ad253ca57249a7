// The browser page's module for the complex package (import map, no bundler).
import * as mod from "@py2wasm-test/complex";
import { runComplexCases } from "./complex_harness.mjs";

try {
  const cases = await (await fetch(new URL("complex_cases.json", document.baseURI))).json();
  window.__result = { outcomes: runComplexCases(mod, cases) };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
