#!/usr/bin/env bash
# Set up what the playground's front-end build and browser tests need
# (idempotent): Debian's chromium (driven by playwright-core, no browser
# download) and playground/node_modules from its lockfile. The bundled page
# itself is committed in py2wasm/playground/static/ (pip users need no Node);
# rebuild it after editing playground/src with `node playground/build.mjs`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
stamp=playground/node_modules/.py2wasm-lock.sha256
want=$(sha256sum playground/package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  (cd playground && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
