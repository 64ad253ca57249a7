"""The whole suite verifies the IR after every pass (py2wasm.passes), so a
broken pass is reported by name where it breaks; users' builds verify once,
before the backend."""
import os

os.environ.setdefault("PY2WASM_VERIFY_EACH_PASS", "1")
