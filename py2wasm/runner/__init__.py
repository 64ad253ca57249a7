"""Run a backend `Build` under wasmtime, as Python functions.

Place in the pipeline: backend -> **runner**, used by `py2wasm.compile`
(api.py) and `py2wasm run`. See docs/internals.md section 5:
`Instance(build).call(name, args)` checks and converts the arguments,
calls the export through wasmtime's unchecked fast path (`callgen`; the
C call goes through a zero-argument thunk, runner/thunks.py, where the
platform allows),
converts the results back to Python values, and turns a trap into the
Python exception the manifest describes (type, CPython's message, and a
note naming the source line). Deep recursion (wasm stack exhausted with no
exception code set) raises RecursionError. The instance stays usable after
any exception.
"""
from __future__ import annotations

import ctypes
import threading
from typing import Any, Sequence

import wasmtime
from wasmtime import _ffi as wffi

from . import cranelift, thunks
from .callgen import I64_MAX, I64_MIN, make_caller
from .hostmath import define_math_import

EXC_GLOBAL = "py2wasm_exc"
HEAP_GLOBAL = "py2wasm_heap"  # the per-call arena (docs/internals.md, "Arrays")
HEAP_BASE = 16

_engines: dict = {}
_engine_lock = threading.Lock()


def engine(target: str = "relaxed-simd", opt: str = "speed") -> wasmtime.Engine:
    """One shared wasmtime Engine per build target and Cranelift level
    (creating one is expensive), with exactly the target's wasm features
    enabled: an "mvp" build runs with SIMD off, a "simd" build without
    relaxed SIMD. `opt`: Cranelift's optimization level ("none" for modules
    with a very large function: runner/cranelift.py)."""
    from ..targets import get_target
    tgt = get_target(target)
    with _engine_lock:
        key = tgt.name if opt == "speed" else (tgt.name, opt)
        e = _engines.get(key)
        if e is None:
            config = wasmtime.Config()
            # relaxed SIMD off before SIMD: the reverse order makes wasmtime panic
            config.wasm_relaxed_simd = tgt.relaxed
            config.wasm_simd = tgt.simd
            # linear memory never moves when it grows (it reserves its 4 GiB on 64-bit
            # hosts anyway): views of it made before a growth stay valid for the
            # addresses below the old size (runner/arraygen.py relies on it)
            config.memory_may_move = False
            config.cranelift_opt_level = opt
            e = _engines[key] = wasmtime.Engine(config)
        return e


# wasmtime_func_call_unchecked through a PyDLL handle: the GIL stays held
# during the call, so an Instance (its store and value buffers) cannot be
# entered from two threads at once; host callbacks re-enter Python safely.
# Arguments are passed as prebuilt c_void_p values without argtypes (half the
# cost of ctypes' pointer conversions): the call's C types are
# (wasmtime_context_t*, const wasmtime_func_t*, wasmtime_val_raw_t*, size_t,
# wasm_trap_t**) -> wasmtime_error_t*.
_pydll = ctypes.PyDLL(wffi.dll._name)
_call_unchecked = _pydll.wasmtime_func_call_unchecked
_call_unchecked.restype = ctypes.c_void_p
_call_unchecked.argtypes = None


def _addr(p) -> ctypes.c_void_p:
    return ctypes.c_void_p(ctypes.cast(p, ctypes.c_void_p).value)


def _exception_class(name: str):
    from ..errors import exception_class
    return exception_class(name) or RuntimeError


def _has_array_type(t) -> bool:
    if isinstance(t, dict):
        return "array" in t or any(_has_array_type(e) for e in t.get("tuple", ())) \
            or "optional" in t and _has_array_type(t["optional"])
    return False


def _has_array(entry: dict) -> bool:
    return any(_has_array_type(p["type"]) for p in entry["params"]) or \
        _has_array_type(entry["result"])


class Instance:
    """A live wasm instance of a Build; `call(name, args)` runs an export."""

    def __init__(self, build):
        self.build = build
        self.manifest = build.manifest
        eng = engine(self.manifest.get("target", "relaxed-simd"), cranelift.opt_level(build.wasm))
        self.store = wasmtime.Store(eng)
        linker = wasmtime.Linker(eng)
        for module, fields in self.manifest.get("imports", {}).items():
            if module == "py2wasm":  # run-time strings (runner/strs.py)
                from .strs import define_str_imports
                define_str_imports(linker, fields)
                continue
            if module != "math":
                raise ValueError(f"the build imports from unknown host module {module!r}")
            for f in fields:
                define_math_import(linker, "math", f)
        self.module = wasmtime.Module(eng, build.wasm)
        self.instance = linker.instantiate(self.store, self.module)
        exports = self.instance.exports(self.store)
        self._exc_global = exports[EXC_GLOBAL]
        self._exceptions = self.manifest.get("exceptions", {})
        self._trap = ctypes.c_void_p(0)  # the call's wasm_trap_t* out-parameter
        self._exports = exports
        self._callers = {}
        self._entries = {}
        self._unbound: list = []  # callers' namespaces awaiting their thunk (_bind_thunks)
        self._batch = True  # _make_caller defers the thunks to one page for the instance
        for entry in self.manifest["functions"]:
            self._entries[entry["name"]] = entry
            func = exports[entry["name"]]
            caller = None
            if _has_array(entry):
                from .arrays import caller_for  # imports NumPy: only for array code
                caller = caller_for(self, entry, func)
            if caller is None:
                caller = self._make_caller(entry, func)
            self._callers[entry["name"]] = caller
        self._batch = False
        self._bind_thunks()

    # --- calls ----------------------------------------------------------
    def call(self, name: str, args: Sequence[Any]):
        """Run export `name` on Python arguments (a sequence)."""
        try:
            caller = self._callers[name]
        except KeyError:
            raise KeyError(f"the module exports no function {name!r}; it has "
                           f"{', '.join(self._callers) or 'none'}") from None
        return caller(tuple(args))

    def function(self, name: str):
        """The fast callable for export `name`: `f(args_tuple)`."""
        return self._callers[name]

    def method(self, name: str, miss):
        """A `__call__(self, *args, **kwargs)` for py2wasm.compile's
        per-signature class (api.py) running export `name` for positional
        arguments of exactly its manifest's types (NumPy arrays: exactly its
        dtype and ndim, and C-contiguous or not as the parameter says), and
        returning `miss(self, *args, **kwargs)` for any other call; None
        when the signature has no such guarded path (complex parameters in
        a signature with arrays, tuple parameters anywhere)."""
        entry = self._entries[name]
        caller = self._callers[name]
        if _has_array(entry):
            ac = getattr(caller, "array_caller", None)
            if ac is None:
                return None
            from .arraygen import fast_array_caller
            return fast_array_caller(ac, miss)
        return self._make_caller(entry, caller.func, miss=miss)

    def _make_caller(self, entry: dict, func: wasmtime.Func, reset_heap: bool = True, miss=None):
        """The generated fast caller of `entry` (a manifest entry of scalar
        types). The arena needs no reset from here: the export of a
        function without array parameters resets it on entry (backend/abi.py,
        "host" ABI); the array path (runner/arrays.py) places the arguments
        in the arena and sets py2wasm_heap itself. `reset_heap` is kept for
        callers of the old signature and ignored."""
        fname = entry["name"]
        params = entry["params"]

        def _arity(args):
            raise TypeError(f"{fname}() takes {len(params)} positional argument"
                            f"{'' if len(params) == 1 else 's'} but {len(args)} "
                            f"{'was' if len(args) == 1 else 'were'} given")

        def _bad(v, what, want):
            raise TypeError(f"{fname}(): argument {what!r} must be {want}, "
                            f"not {type(v).__name__}")

        def _int(v, what):
            if type(v) is bool:
                return int(v)
            _bad(v, what, "int")

        def _float(v, what):
            if type(v) in (int, bool):
                return float(v)  # OverflowError for an int too large, like CPython
            _bad(v, what, "float")

        def _complex(v, what):
            if type(v) in (int, bool, float):
                return complex(v)  # OverflowError for an int too large, like CPython
            _bad(v, what, "complex")

        def _range(v, what):
            raise OverflowError(f"{fname}(): argument {what!r} = {v} does not fit in a "
                                f"64-bit int (py2wasm ints are in [{I64_MIN}, {I64_MAX}])")

        env = {
            "_call": _call_unchecked, "_raw_t": wffi.wasmtime_val_raw_t,
            "_ctx": _addr(self.store._context()),
            "_func": ctypes.c_void_p(ctypes.addressof(func._func)),
            "_trap": self._trap, "_trapref": ctypes.c_void_p(ctypes.addressof(self._trap)),
            "_on_trap": self._on_trap, "_int": _int, "_float": _float, "_bad": _bad,
            "_complex": _complex,
            "_range": _range, "_arity": _arity,
        }
        if thunks.available():
            env["_call0"] = None  # bound by _bind_thunks
        caller, _ = make_caller(entry, env, miss)
        if caller is None:
            return None
        caller.func = func  # keep the wasmtime Func alive with its caller
        if thunks.available():
            ns = caller.__globals__
            # correct before the thunk is bound (the same call through ctypes)
            # (the thunk's result: the error, or else the trap pointer: one test after the call)
            trap = ns["_trap"]
            ns["_call0"] = lambda: _call_unchecked(ns["_ctx"], ns["_func"], ns["_bufp"],
                                                   ns["_n"], ns["_trapref"]) or trap.value
            self._unbound.append(ns)
            if not self._batch:
                self._bind_thunks()
        return caller

    def _bind_thunks(self) -> None:
        """Give every caller made since the last binding its zero-argument
        thunk of wasmtime_func_call_unchecked (runner/thunks.py), all on one
        executable page. A thunk returns the call's error or, when there is
        none, the trap its out-parameter received: `_call0()` is non-zero
        exactly when the call did not return normally."""
        pending, self._unbound = self._unbound, []
        if not pending:
            return
        target = ctypes.cast(_call_unchecked, ctypes.c_void_p).value
        specs = [(target, (ns["_ctx"].value, ns["_func"].value, ns["_bufp"].value,
                           ns["_n"].value, ns["_trapref"].value), ns["_trapref"].value)
                 for ns in pending]
        try:
            funcs = thunks.thunks(specs)
        except OSError:  # no executable memory after all: keep the ctypes calls
            return
        for ns, f in zip(pending, funcs):
            ns["_call0"] = f

    # --- traps ----------------------------------------------------------
    def _on_trap(self, error):
        """Raise the exception of a call that returned `error` (a
        wasmtime_error_t*) or left a trap in the out-parameter; a trap is
        tested first (a thunk's `error` is the trap pointer then)."""
        if error and not self._trap.value:
            raise wasmtime.WasmtimeError._from_ptr(
                ctypes.cast(error, ctypes.POINTER(wffi.wasmtime_error_t)))
        trap = wasmtime.Trap._from_ptr(ctypes.cast(self._trap.value,
                                                   ctypes.POINTER(wffi.wasm_trap_t)))
        self._trap.value = 0  # `trap` owns (and frees) it now
        code = self._exc_global.value(self.store)
        if code:
            self._exc_global.set_value(self.store, wasmtime.Val.i32(0))
            raise self._exception(code)
        if trap.trap_code == wasmtime.TrapCode.STACK_OVERFLOW:
            e = RecursionError("maximum recursion depth exceeded")
            e.add_note("py2wasm: the wasm call stack is exhausted (deep recursion)")
            raise e
        raise RuntimeError(f"wasm trap without a Python exception (a py2wasm bug): "
                           f"{trap.message}")

    def _exception(self, code: int) -> BaseException:
        entry = self._exceptions.get(str(code))
        if entry is None:
            return RuntimeError(f"wasm raised unknown exception code {code} (a py2wasm bug)")
        msg = entry["message"]
        if entry.get("args"):  # a str.format template over py2wasm_exc_arg0..
            from .arrays import exception_message
            msg = exception_message(self, entry)
        return self._make_exception(entry, msg)

    @staticmethod
    def _make_exception(entry: dict, msg: str) -> BaseException:
        """The Python exception of a manifest entry, with message `msg` and a
        note naming the source line."""
        from ..errors import make_exception
        e = make_exception(_exception_class(entry["type"]), msg)
        where = f"{entry.get('file') or '<unknown>'}:{entry.get('line', 0)}"
        src = entry.get("source", "")
        e.add_note(f"raised by py2wasm-compiled code at {where}" + (f": {src}" if src else ""))
        return e


__all__ = ["Instance", "engine"]
