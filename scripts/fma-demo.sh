#!/usr/bin/env bash
# The main job: set up, build examples/fma.py into an npm package, install it
# into a scratch Node project and call it by name.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/pythons.sh
"$PY311" -m py2wasm.cli build examples/fma.py -o dist/fma --force  # the demo owns dist/fma
app="$(mktemp -d)"
trap 'rm -rf "$app"' EXIT
(cd "$app" && npm init -y >/dev/null && npm install --no-audit --no-fund --offline "$OLDPWD/dist/fma" >/dev/null)
cat > "$app/main.mjs" <<'JS'
import { fma } from "fma";
console.log(`fma(3, -1, 2) = ${fma(3, -1, 2)}`);
JS
node "$app/main.mjs"
