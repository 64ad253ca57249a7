# Sourced by the other scripts: locate the CPython interpreters py2wasm supports.
# PY311 is the main one; PY312 and PY313 run the tracer and differential suites.
_pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
_find_py() {  # $1 = minor version, e.g. 3.12
  local p
  for p in "$_pyenv_root"/versions/"$1".*/bin/python "$(command -v python"$1" 2>/dev/null)"; do
    if [ -x "$p" ] && "$p" -c 'import sys; sys.exit(0)' 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
PY311="$(_find_py 3.11)" || { echo "py2wasm: Python 3.11 not found" >&2; exit 1; }
PY312="$(_find_py 3.12 || true)"
PY313="$(_find_py 3.13 || true)"
