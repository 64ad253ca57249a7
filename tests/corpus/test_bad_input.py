"""The bad-input corpus: every function in tests/corpus/bad/*.py uses a
construct outside the subset. Compiling it (py2wasm.compile(fn)(1.5)) must
raise py2wasm.CompileError - never another exception - located at the line
marked `# BAD` (the file of that line, the exact line), with a hint, and the
stable code `# BAD[P2Wnnn]` names where the README's error table fixes one.
A function may mark several lines only where the README leaves the location
open (a variable whose type differs between paths; try/except)."""
import importlib
import inspect
import os
import pkgutil
import re

import pytest

from . import bad, support

MARK = re.compile(r"#\s*BAD(?:\[(P2W\d{3})\])?\s*$")
MODULES = [importlib.import_module(f"{bad.__name__}.{m.name}") for m in pkgutil.iter_modules(bad.__path__)]
# error_in_helper's offending line is in the helper's file
HELPER_LOCATIONS = {"error_in_helper": "helper_other_file.helper"}


def _marks(fn):
    lines, first = inspect.getsourcelines(fn)
    out = []
    for i, text in enumerate(lines):
        m = MARK.search(text)
        if m:
            out.append((first + i, m.group(1), text.split("#")[0].strip()))
    return out


def _entries():
    out = []
    for mod in MODULES:
        for name, fn in vars(mod).items():
            if not (inspect.isfunction(fn) and fn.__module__ == mod.__name__):
                continue
            short = mod.__name__.rsplit(".", 1)[1]
            if short == "helper_other_file":
                continue
            where = fn
            if name in HELPER_LOCATIONS:
                m, f = HELPER_LOCATIONS[name].split(".")
                where = getattr(importlib.import_module(f"{bad.__name__}.{m}"), f)
            out.append(pytest.param(fn, where, id=f"{short}.{name}"))
    return out


ENTRIES = _entries()


def test_corpus_is_marked():
    assert len(ENTRIES) >= 20
    for p in ENTRIES:
        fn, where = p.values
        assert _marks(where), f"{fn.__name__}: no '# BAD' marker"


@pytest.mark.parametrize("fn, where", ENTRIES)
def test_bad_input_raises_located_compile_error(fn, where):
    if support.ORACLE_ONLY:
        pytest.skip("PY2WASM_CORPUS_ORACLE=cpython: needs the compiler")
    import py2wasm
    marks = _marks(where)
    with pytest.raises(py2wasm.CompileError) as info:
        if support.TRACE_ONLY:   # frontend only
            from py2wasm.frontend import trace, types_of_values
            trace(fn, list(types_of_values((1.5,))))
        else:
            py2wasm.compile(fn)(1.5)
    err = info.value
    expected_file = os.path.basename(inspect.getsourcefile(where))
    assert err.file is not None and os.path.basename(err.file) == expected_file, \
        f"file {err.file!r}, expected ...{expected_file}\n{err}"
    lines = [m[0] for m in marks]
    assert err.line in lines, f"line {err.line}, expected {' or '.join(map(str, lines))}\n{err}"
    line, code, text = next(m for m in marks if m[0] == err.line)
    if code:
        assert err.code == code, f"code {err.code}, expected {code}\n{err}"
    msg = str(err)
    assert f"{expected_file}:{line}" in msg, f"message does not locate {expected_file}:{line}:\n{msg}"
    assert err.hint and err.hint.strip(), f"no hint:\n{msg}"
    assert err.hint in msg, f"hint not in message:\n{msg}"
    assert text in msg, f"source line {text!r} not in message:\n{msg}"
    assert re.fullmatch(r"P2W\d{3}", err.code or ""), f"bad code {err.code!r}"

