// The browser page's module for the memory API: import the package by name
// (an import map resolves it, no bundler), run memory_cases.mjs in order
// and publish [name, "ok" | error] pairs on window.__result.
import * as M from "memtest-pkg";
import { memoryCases } from "./memory_cases.mjs";
import { assert } from "./mini_assert.mjs";

const outcomes = [];
try {
  for (const [name, fn] of memoryCases(M, assert)) {
    try {
      await fn();
      outcomes.push([name, "ok"]);
    } catch (e) {
      outcomes.push([name, String(e && e.stack || e)]);
    }
  }
  window.__result = { outcomes, dispose: typeof Symbol.dispose };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
