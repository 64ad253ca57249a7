"""Run array functions as wasm: frontend -> passes -> backend (with the
array lowering, backend/lower_memory.py) -> wasmtime, through the runner's
array marshaling (runner/arrays.py ArrayCaller), and compare with NumPy."""
from __future__ import annotations


import numpy as np
import wasmtime

import py2wasm.backend.lower_memory  # noqa: F401 - registers the array lowerings
from py2wasm.backend import compile_module
from py2wasm.frontend import trace, types_of_values
from py2wasm.passes import run_passes
from py2wasm.runner.arrays import ArrayCaller, format_exception_message
from py2wasm.runner.hostmath import arity, host_function
from tests.arrays.harness import _copy, run_py, same

_ENGINE = wasmtime.Engine()
_CACHE: dict = {}


def _exception_maker(store, exports, table):
    def make(code):
        entry = table[str(code)]
        msg = format_exception_message(
            entry, lambda i: exports[f"py2wasm_exc_arg{i}"].value(store))
        from py2wasm.errors import exception_class
        return (exception_class(entry["type"]) or RuntimeError)(msg)
    return make


class WasmFunction:
    def __init__(self, fn, types):
        module = run_passes(trace(fn, types), level=1)
        self.build = compile_module(module, name=fn.__name__)
        self.store = wasmtime.Store(_ENGINE)
        linker = wasmtime.Linker(_ENGINE)
        for f in self.build.manifest.get("imports", {}).get("math", []):
            ft = wasmtime.FuncType([wasmtime.ValType.f64()] * arity(f), [wasmtime.ValType.f64()])
            linker.define_func("math", f, ft, host_function(f))
        inst = linker.instantiate(self.store, wasmtime.Module(_ENGINE, self.build.wasm))
        exports = inst.exports(self.store)
        entry = next(e for e in self.build.manifest["functions"] if e["name"] == fn.__name__)
        self.caller = ArrayCaller(self.store, exports, exports[fn.__name__], entry,
                                  _exception_maker(self.store, exports,
                                                   self.build.manifest.get("exceptions", {})))
        self.memory = self.caller.memory

    def __call__(self, *args):
        return self.caller(args)


def wasm_function(fn, args) -> WasmFunction:
    types = types_of_values(args)
    key = (fn, tuple(types))
    if key not in _CACHE:
        _CACHE[key] = WasmFunction(fn, types)
    return _CACHE[key]


def run_wasm(fn, args):
    w = wasm_function(fn, args)
    try:
        return ("ok", w(*args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


def check_wasm(fn, *args, rtol=1e-12, atol=0.0):
    cargs = [_copy(a) for a in args]
    pargs = [_copy(a) for a in args]
    got = run_wasm(fn, cargs)
    want = run_py(fn, pargs)
    if want[0] != "ok" or got[0] != "ok":
        assert got == want, f"{fn.__name__}{args}: wasm {got!r}, NumPy {want!r}"
        return
    assert same(got[1], want[1], rtol, atol), \
        f"{fn.__name__}: wasm {got[1]!r}, NumPy {want[1]!r} (args {args!r})"
    for c, p in zip(cargs, pargs):
        if isinstance(p, np.ndarray):
            assert same(c, p, rtol, atol), f"{fn.__name__}: argument after the call {c!r}, " \
                f"NumPy {p!r}"
