// The browser page's module for the strvalues package (import map, no bundler).
import * as pkg from "@py2wasm-test/strvalues";
import { runStrCases } from "./strvalues_harness.mjs";

try {
  const cases = await (await fetch(new URL("cases.json", document.baseURI))).json();
  window.__result = { outcomes: runStrCases(pkg, cases) };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
