// The browser page's module for the typed-lists package (import map, no bundler).
import * as pkg from "@py2wasm-test/typedlists";
import { runTypedListCases } from "./typedlists_harness.mjs";

try {
  const cases = await (await fetch(new URL("cases.json", document.baseURI))).json();
  window.__result = { outcomes: runTypedListCases(pkg, cases) };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
