// The browser page's module: import both packages by name (an import map
// resolves them to node_modules, no bundler; or esbuild bundles this file),
// run the cases from cases.json and publish the outcomes on window.__result.
import * as fma from "fma";
import * as multi from "@py2wasm-test/multi-fns";
import * as arrays from "@py2wasm-test/arrays";
import { runCases } from "./harness.mjs";

try {
  const cases = await (await fetch(new URL("cases.json", document.baseURI))).json();
  const mods = { fma, "@py2wasm-test/multi-fns": multi, "@py2wasm-test/arrays": arrays };
  window.__result = {
    outcomes: Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, runCases(mods[k], c)])),
    streaming: window.__streaming,
  };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
