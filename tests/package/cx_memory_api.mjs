// Complex arrays through the memory API, in Node: the cases of
// cx_memory_cases.mjs under node:test. Run by test_cx_memory_api.py:
//   node --test cx_memory_api.mjs   (PKG = the package directory)
import { test } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { cxMemoryCases } from "./cx_memory_cases.mjs";

const M = await import(pathToFileURL(join(process.env.PKG, "index.js")).href);
for (const [name, fn] of cxMemoryCases(M, assert)) test(name, fn);
