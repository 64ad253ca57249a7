"""Load a user's Python file and pick the functions to compile.

Place in the pipeline: before the frontend, for the CLI and the playground.
The file is imported as a fresh module (its top level runs, as it would under
`python FILE`); its public top-level functions are those defined in the file
itself whose names do not start with an underscore.
"""
from __future__ import annotations

import importlib.util
import inspect
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Callable, Optional, Sequence

from .errors import CompileError

_counter = 0


def load_file(path: str | Path) -> ModuleType:
    """Import `path` as a new module. Errors while running its top level
    become a CompileError located at the failing line of that file."""
    global _counter
    path = Path(path)
    if not path.is_file():
        raise CompileError(f"no such file: {path}", file=str(path), code="P2W020",
                           hint="pass the path of a Python source file")
    if path.suffix != ".py":
        raise CompileError(f"not a Python source file: {path}", file=str(path), code="P2W020",
                           hint="py2wasm compiles .py files")
    _counter += 1
    name = f"_py2wasm_user_{_counter}_{path.stem.replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(name, path.resolve())
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    try:
        spec.loader.exec_module(mod)
    except SyntaxError as e:
        raise CompileError(f"syntax error: {e.msg}", file=str(path), line=e.lineno,
                           col=e.offset, source_line=e.text or "", code="P2W021",
                           hint="the file must be valid Python") from None
    except Exception as e:  # the user's module failed while importing
        line = None
        for fr in traceback.extract_tb(e.__traceback__):
            if Path(fr.filename).resolve() == path.resolve():
                line = fr.lineno
        raise CompileError(f"importing the file raised {type(e).__name__}: {e}",
                           file=str(path), line=line, code="P2W022",
                           hint="py2wasm runs the file's top level to find its functions; "
                                "it must import without errors") from None
    return mod


def public_functions(mod: ModuleType, names: Optional[Sequence[str]] = None,
                     file: str = "") -> list[Callable]:
    """The functions to compile: `names` in that order, or every public
    function defined in the file, in source order."""
    defined = [f for f in vars(mod).values()
               if inspect.isfunction(f) and f.__module__ == mod.__name__]
    if names:
        out = []
        for n in names:
            f = getattr(mod, n, None)
            if not inspect.isfunction(f):
                avail = ", ".join(g.__name__ for g in defined) or "none"
                raise CompileError(f"no function named {n!r} in the file", file=file or mod.__file__,
                                   code="P2W023", hint=f"functions defined there: {avail}")
            out.append(f)
        return out
    out = [f for f in defined if not f.__name__.startswith("_")]
    out.sort(key=lambda f: f.__code__.co_firstlineno)
    if not out:
        raise CompileError("the file defines no public function", file=file or mod.__file__,
                           code="P2W024", hint="define a top-level `def` whose name does not "
                                               "start with an underscore")
    return out
