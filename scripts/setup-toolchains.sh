#!/usr/bin/env bash
# The JavaScript toolchains the toolchain matrix (tests/toolchains/) runs
# generated packages through, pinned by tests/toolchains/package-lock.json:
# TypeScript, Jest + babel, Vitest, esbuild, rollup, webpack 5, Vite 5-8,
# publint, @arethetypeswrong/cli and playwright-core (Debian's chromium,
# installed by setup-js.sh). Called by scripts/setup.sh; idempotent: npm ci
# runs only when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/../tests/toolchains"
command -v npm >/dev/null || { echo "py2wasm: npm (Node 20 or later) is required for the toolchain matrix" >&2; exit 1; }
stamp=node_modules/.py2wasm-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
