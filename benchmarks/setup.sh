#!/usr/bin/env bash
# Install the optional engines of the benchmark suite (idempotent). These are
# benchmark-only dependencies, not py2wasm's: the package never imports them.
#   - numba (the native-code reference) and matplotlib (the chart), with pip,
#     into the Python that runs the benchmarks ($PYTHON, default python3);
#   - the npm `pyodide` package into benchmarks/node/ from its lockfile (npm ci);
#   - Debian's clang-19 and lld-19 (C -> wasm32) with apt, if no clang is found.
# py2wasm itself must already be installed in that Python (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"

# scipy: Numba compiles `a @ b` and np.dot as calls into SciPy's BLAS (the
# linear-algebra table, `run.py --suite linalg`); without it they do not compile.
if ! "$PYTHON" -c "import numba, matplotlib, scipy" 2>/dev/null; then
  "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    "numba>=0.60" "matplotlib>=3.8" "scipy>=1.11"
fi

if [ ! -f node/node_modules/pyodide/pyodide.mjs ]; then
  (cd node && npm ci --no-audit --no-fund)
fi

if ! command -v clang-19 >/dev/null && ! command -v clang >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q clang-19 lld-19
fi
echo "benchmark engines: $("$PYTHON" -c 'import numba, matplotlib; print("numba", numba.__version__, "matplotlib", matplotlib.__version__)'), pyodide $(node -p 'require("./node/node_modules/pyodide/package.json").version'), $(clang-19 --version 2>/dev/null | head -1 || clang --version | head -1)"
