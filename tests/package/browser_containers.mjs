// The browser page's module for the dicts-and-sets package (import map, no bundler).
import * as pkg from "@py2wasm-test/containers";
import { runContainerCases } from "./containers_harness.mjs";

try {
  const cases = await (await fetch(new URL("cases.json", document.baseURI))).json();
  window.__result = { outcomes: runContainerCases(pkg, cases) };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
