#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: set up, the JS runtime's node
# tests, then every test on CPython 3.11, the tracer and differential
# suites on 3.12 and 3.13, and math.fma's target tests on 3.13, as
# independent pytest jobs on every core (scripts/parallel_suite.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/pythons.sh
export BINARYEN_CORES=1
echo "== node --test: the JS runtime (js/)"
(cd js && node --test --test-reporter=spec test/*.test.mjs)
for py in "$PY312" "$PY313"; do
  [ -n "$py" ] || { echo "py2wasm: Python 3.12/3.13 missing: the suite needs all three" >&2; exit 1; }
done
echo "== pytest: every test on CPython 3.11; tests/ir, tests/frontend, tests/corpus on 3.12 and 3.13 too"
"$PY311" scripts/parallel_suite.py "$PY311" "$PY312" "$PY313"
