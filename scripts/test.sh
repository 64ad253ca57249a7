#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: set up, the JS runtime's node
# tests, then every test on CPython 3.11, the tracer and differential
# suites on 3.12 and 3.13, and math.fma's target tests on 3.13.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/pythons.sh
export BINARYEN_CORES=1
echo "== node --test: the JS runtime (js/)"
(cd js && node --test --test-reporter=spec test/*.test.mjs)
echo "== CPython 3.11: full suite"
"$PY311" -m pytest tests -q -p no:cacheprovider
for py in "$PY312" "$PY313"; do
  [ -n "$py" ] || { echo "py2wasm: Python 3.12/3.13 missing: the suite needs all three" >&2; exit 1; }
  echo "== $("$py" -V): tracer and differential suites"
  "$py" -m pytest tests/ir tests/frontend tests/corpus -q -p no:cacheprovider
done
echo "== $("$PY313" -V): math.fma (new in 3.13) on every build target"
"$PY313" -m pytest tests/backend/test_fma_relaxed.py -q -p no:cacheprovider
