"""The compile process of the playground: source in, JSON result out.

Place in the pipeline: run by `sandbox.py` as `python -m
py2wasm.playground.compile_child` in a fresh temporary directory, under
resource limits. It chains the same public stages as `py2wasm build`
(`sourcefile.load_file` -> `public_functions` -> `frontend.trace_many` ->
`api.build_module` -> `package.javascript_module` and
`typescript_declarations`), so the page shows exactly what the CLI and
the npm package produce.

Progress: before each phase it writes one line to the descriptor named by
`PY2WASM_PROGRESS_FD` (`module`, then `compile NAMES`), so that a compile
stopped by the time limit can say whether the module's own top-level code or
compiling a (big) function took the time.

Protocol: one JSON request on stdin (`{"source", "filename", "opt"}`); one JSON
result written to the original stdout. The user's module may print: its fd 1
is pointed at stderr (which the parent captures as the log) before any user
code runs, so nothing it prints can corrupt the result.
"""
from __future__ import annotations

import base64
import gzip
import json
import os
import re
import sys
import time
import traceback
from pathlib import Path

MODULE_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def error_json(e, user_file: Path) -> dict:
    """A CompileError as the page needs it: located in the editor only when
    it points into the user's own file."""
    in_file = False
    try:
        in_file = Path(e.file).resolve() == user_file.resolve() or Path(e.file).name == user_file.name
    except (TypeError, ValueError, OSError):
        pass
    return {
        "kind": "compile",
        "message": e.construct,
        "code": e.code,
        "hint": e.hint,
        "line": e.line if in_file else None,
        "col": e.col if in_file else None,
        "source_line": e.source_line,
        "text": str(e).replace(str(user_file.parent) + os.sep, ""),
    }


def progress(phase: str) -> None:
    """Tell the sandbox which phase runs now (see the module docstring)."""
    fd = os.environ.get("PY2WASM_PROGRESS_FD")
    if fd:
        try:
            os.write(int(fd), (phase + "\n").encode("utf-8"))
        except (OSError, ValueError):
            pass


def compile_source(source: str, filename: str, opt: str) -> dict:
    from ..api import build_module
    from ..errors import CompileError
    from ..frontend import trace_many
    from ..ir import F64, format_module
    from ..sourcefile import load_file, public_functions

    stem = Path(filename).stem
    if not MODULE_NAME_RE.fullmatch(stem):
        stem = "module"
    src_dir = Path.cwd() / "src"  # not on sys.path: a file named numpy.py shadows nothing
    src_dir.mkdir(exist_ok=True)
    path = src_dir / f"{stem}.py"
    path.write_text(source, encoding="utf-8")
    t0 = time.perf_counter()
    try:
        progress("module")
        mod = load_file(path)
        fns = public_functions(mod, None, str(path))
        progress("compile " + ", ".join(f.__name__ for f in fns))
        module = trace_many([(f, None) for f in fns], default=F64)
        module.source_file = path.name
        ir_text = format_module(module)
        t1 = time.perf_counter()
        build = build_module(module, opt=opt, name=stem)
    except CompileError as e:
        return {"ok": False, "error": error_json(e, path)}
    t2 = time.perf_counter()
    from ..package import javascript_module, typescript_declarations
    manifest = build.manifest
    js = javascript_module(manifest, name=stem)
    return {
        "ok": True,
        "module": stem,
        "manifest": manifest,
        "ir": ir_text,
        "wat": build.wat(),
        "dts": typescript_declarations(manifest),
        "js": js,
        "wasm": base64.b64encode(build.wasm).decode("ascii"),
        "size": len(build.wasm),
        "size_gzip": len(gzip.compress(build.wasm, 9, mtime=0)),
        "js_size": len(js.encode("utf-8")),
        "timings_ms": {"frontend": round((t1 - t0) * 1000, 1),
                       "backend": round((t2 - t1) * 1000, 1)},
    }


def main() -> None:
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # user prints go to the captured log, never into the result
    sys.stdout = sys.stderr
    req = json.loads(sys.stdin.read())
    try:
        result = compile_source(req["source"], req.get("filename", "main.py"), req.get("opt", "O3"))
    except Exception as e:  # a bug in py2wasm (not in the user's code): say so plainly
        result = {"ok": False, "error": {
            "kind": "internal", "message": f"internal error: {type(e).__name__}: {e}",
            "line": None, "col": None, "hint": "this is a py2wasm bug, not your code",
            "text": traceback.format_exc()}}
    out.write(json.dumps(result))
    out.flush()


if __name__ == "__main__":
    main()
