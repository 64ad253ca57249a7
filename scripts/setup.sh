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
  "$py" -m pip install -q --disable-pip-version-check --root-user-action=ignore -e ".[test]"
done
if [ -f scripts/setup-js.sh ]; then bash scripts/setup-js.sh; fi
if [ -f scripts/setup-toolchains.sh ]; then bash scripts/setup-toolchains.sh; fi
if [ -f scripts/setup-playground.sh ]; then bash scripts/setup-playground.sh; fi
