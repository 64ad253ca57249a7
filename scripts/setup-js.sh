#!/usr/bin/env bash
# The JS side of setup (called by scripts/setup.sh; idempotent): js/'s pinned
# dev tools from package-lock.json (npm ci), the compiled runtime, and Debian's
# chromium for the browser tests. The runtime build's output
# (py2wasm/package/runtime/pieces.json) is committed so pip users need no Node;
# it is only built here when missing, and js/test/build.test.mjs fails if the
# committed file differs from what js/src compiles to.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "py2wasm: node (20 or later) is required for the JS tests" >&2; exit 1; }
cd js
# npm ci wipes node_modules, so only run it when the lock file changed.
stamp=node_modules/.py2wasm-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
[ -f ../py2wasm/package/runtime/pieces.json ] || npm run --silent build
cd ..
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q chromium >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q chromium >/dev/null
  fi
fi
