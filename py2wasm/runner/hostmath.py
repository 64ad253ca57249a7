"""The host side of the wasm "math" imports for the Python runner.

Place in the pipeline: runner. Modules import transcendental functions as
`(f64[, f64]) -> f64` with C libm semantics (docs/internals.md section 4).
We give CPython's own `math` functions (so results are bit-identical to
CPython) and, where CPython raises instead of returning (math.sin(inf),
math.fmod(x, 0.0), math.exp(1000.0)...), the C library's value: the module
itself has already made CPython's checks.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import math

from ..ir.primitives import MATH_BINARY, MATH_C_NAMES, MATH_TERNARY, MATH_UNARY

_libm = None


def _c_function(name: str):
    global _libm
    if _libm is None:
        _libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
    f = getattr(_libm, MATH_C_NAMES.get(name, name))
    f.restype = ctypes.c_double
    f.argtypes = [ctypes.c_double] * arity(name)
    return f


def host_function(name: str):
    """A Python callable with C semantics for math function `name`."""
    if name not in MATH_UNARY and name not in MATH_BINARY and name not in MATH_TERNARY:
        raise KeyError(f"unknown math import {name!r}")
    if name in MATH_TERNARY:  # C's fma is correctly rounded; Python < 3.13 has none
        c3 = _c_function(name)
        return lambda x, y, z: c3(x, y, z)
    py = getattr(math, name)
    c = _c_function(name)
    if name in MATH_BINARY:
        def f2(x, y):
            try:
                return py(x, y)
            except (ValueError, OverflowError):
                return c(x, y)
        return f2

    def f1(x):
        try:
            return py(x)
        except (ValueError, OverflowError):
            return c(x)
    return f1


def arity(name: str) -> int:
    return 3 if name in MATH_TERNARY else 2 if name in MATH_BINARY else 1


# --- fast host calls ------------------------------------------------------------------
# wasmtime-py's `Linker.define_func` converts every argument and result through
# `Val` objects (~11 µs a call). The math imports are plain f64 functions, so
# we define them with wasmtime's *unchecked* host-function API: a ctypes
# callback that reads and writes the raw value slots (~1 µs). One callback
# per function, shared by every linker, kept alive for the process.
_callbacks: dict = {}


def _unchecked_callback(name: str):
    from wasmtime import _ffi as wffi

    cb = _callbacks.get(name)
    if cb is not None:
        return cb
    fn = host_function(name)
    n = arity(name)

    def fail(e: BaseException) -> int:  # a trap: the runner reports a py2wasm bug
        msg = f"host math.{name} failed: {e!r}".encode()
        trap = wffi.wasmtime_trap_new(ctypes.create_string_buffer(msg), len(msg))
        return ctypes.cast(trap, ctypes.c_void_p).value

    if n == 1:
        def call(env, caller, vals, nvals):
            try:
                v = vals[0]
                v.f64 = fn(v.f64)
                return 0
            except BaseException as e:  # noqa: BLE001 - never unwind through C
                return fail(e)
    elif n == 2:
        def call(env, caller, vals, nvals):
            try:
                v = vals[0]
                v.f64 = fn(v.f64, vals[1].f64)
                return 0
            except BaseException as e:  # noqa: BLE001
                return fail(e)
    else:
        def call(env, caller, vals, nvals):
            try:
                v = vals[0]
                v.f64 = fn(v.f64, vals[1].f64, vals[2].f64)
                return 0
            except BaseException as e:  # noqa: BLE001
                return fail(e)
    cb = _callbacks[name] = wffi.wasmtime_func_unchecked_callback_t(call)
    return cb


def define_math_import(linker, module: str, name: str) -> None:
    """Define `module.name` (f64... -> f64) in a wasmtime Linker, fast."""
    import wasmtime
    from wasmtime import _ffi as wffi

    ft = wasmtime.FuncType([wasmtime.ValType.f64()] * arity(name), [wasmtime.ValType.f64()])
    mod_b, name_b = module.encode(), name.encode()
    finalizer = ctypes.CFUNCTYPE(None, ctypes.c_void_p)()
    err = wffi.wasmtime_linker_define_func_unchecked(
        linker.ptr(), ctypes.create_string_buffer(mod_b), len(mod_b),
        ctypes.create_string_buffer(name_b), len(name_b), ft.ptr(),
        _unchecked_callback(name), None, finalizer)
    if err:
        raise wasmtime.WasmtimeError._from_ptr(err)
