#!/usr/bin/env bash
# Set up everything py2wasm and its tests need on a fresh machine (idempotent):
# the Python package (editable) with its test extras in CPython 3.11, 3.12 and
# 3.13, the JS toolchain in js/ (npm ci), Debian's chromium for browser tests and
# the pinned toolchain matrix in tests/toolchains/ (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pythons.sh
for py in "$PY311" "$PY312" "$PY313"; do
  [ -n "$py" ] || continue
  # This checkout installed before the distribution was renamed py2wasm-numeric:
  # drop that editable "py2wasm" (only if it is this checkout, never another project's).
  if "$py" -m pip show py2wasm 2>/dev/null | grep -qx "Editable project location: $PWD"; then
    "$py" -m pip uninstall -y -q --root-user-action=ignore py2wasm
  fi
  "$py" -m pip install -q --disable-pip-version-check --root-user-action=ignore -e ".[test]"
done
if [ -f scripts/setup-js.sh ]; then bash scripts/setup-js.sh; fi
if [ -f scripts/setup-toolchains.sh ]; then bash scripts/setup-toolchains.sh; fi
if [ -f scripts/setup-playground.sh ]; then bash scripts/setup-playground.sh; fi
