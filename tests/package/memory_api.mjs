// The memory API of a package with array functions (js/src/heap.ts), in
// Node: the cases of memory_cases.mjs under node:test. Run by
// test_memory_api.py:
//   node --test memory_api.mjs   (PKG = the package directory)
import { test } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { memoryCases } from "./memory_cases.mjs";

const M = await import(pathToFileURL(join(process.env.PKG, "index.js")).href);
for (const [name, fn] of memoryCases(M, assert)) test(name, fn);
