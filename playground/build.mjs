// Bundles the playground page into py2wasm/playground/static/ (committed, so
// `pip install py2wasm` users need no Node). Run by scripts/setup-playground.sh
// and checked by tests/playground/test_bundle.py (the committed bundle must be
// what this script builds from src/).
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, "..", "py2wasm", "playground", "static");
mkdirSync(out, { recursive: true });

await esbuild.build({
  entryPoints: { app: join(here, "src", "main.js"), worker: join(here, "src", "worker.js") },
  outdir: out,
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
});
for (const f of ["index.html", "style.css", "boot.js"]) copyFileSync(join(here, "src", f), join(out, f));
