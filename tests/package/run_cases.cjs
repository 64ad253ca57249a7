// CommonJS entry for the package tests: the documented route, await import().
const { readFileSync } = require("node:fs");

(async () => {
  const mods = { fma: await import("fma"), "@py2wasm-test/multi-fns": await import("@py2wasm-test/multi-fns"),
    "@py2wasm-test/arrays": await import("@py2wasm-test/arrays") };
  const { runCases } = await import("./harness.mjs");
  const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
  console.log(JSON.stringify(Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, runCases(mods[k], c)]))));
})();
