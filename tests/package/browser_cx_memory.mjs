// The browser page's module for complex arrays through the memory API:
// import the package by name (an import map resolves it, no bundler), run
// cx_memory_cases.mjs in order and publish [name, "ok" | error] pairs on
// window.__result.
import * as M from "cxmem-pkg";
import { cxMemoryCases } from "./cx_memory_cases.mjs";
import { assert } from "./mini_assert.mjs";

const outcomes = [];
try {
  for (const [name, fn] of cxMemoryCases(M, assert)) {
    try {
      await fn();
      outcomes.push([name, "ok"]);
    } catch (e) {
      outcomes.push([name, String(e && e.stack || e)]);
    }
  }
  window.__result = { outcomes };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
