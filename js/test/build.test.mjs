// The committed runtime pieces are exactly what js/src compiles to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("..", import.meta.url));

test("tsc --strict accepts js/src", () => {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { cwd: dir, stdio: "pipe" });
});

test("py2wasm/package/runtime/pieces.json is up to date with js/src", () => {
  const out = execFileSync(process.execPath, ["build.mjs", "--check"], { cwd: dir, encoding: "utf8" });
  assert.match(out, /up to date/);
});
