"""Test harness for NumPy array functions: trace with the frontend, verify the
IR, run it with the reference interpreter (ir.interpret) on an ir.memory
linear memory through the runner's marshaling (py2wasm.runner.arrays), and
compare with NumPy/CPython: results, in-place updates of argument arrays,
and exceptions (type and message).
"""
from __future__ import annotations

import numpy as np

from py2wasm.frontend import trace, types_of_values
from py2wasm.ir import verify_module
from py2wasm.ir.interpret import interpret
from py2wasm.ir.memory import Memory
from py2wasm.passes import run_passes
from py2wasm.runner.arrays import flatten_args, unflatten_result


def _write(mem):
    def write(addr, raw):
        mem.data[addr:addr + len(raw)] = bytes(raw)
    return write


_CACHE: dict = {}


def compiled_module(fn, types, passes=True):
    """The traced, verified (and optimized) IR module of fn for these types,
    cached (hypothesis runs one function on many shapes)."""
    key = (fn, tuple(types), passes)
    if key not in _CACHE:
        module = trace(fn, types)
        verify_module(module)
        if passes:
            module = run_passes(module, level=1)
        _CACHE[key] = module
    return _CACHE[key]


def run_ir(fn, args, *, passes=True):
    """(module, outcome) where outcome is ("ok", value) or (exc name, message)."""
    types = types_of_values(args)
    module = compiled_module(fn, types, passes)
    mem = Memory()
    flat, copies = flatten_args(types, args, mem.alloc, _write(mem))
    try:
        res = interpret(module, fn.__name__, flat, memory=mem)
    except Exception as e:  # noqa: BLE001 - compared with CPython's
        copies.copy_back(mem.read_bytes)
        return module, (type(e).__name__, str(e))
    copies.copy_back(mem.read_bytes)
    sig = module.functions[fn.__name__].sig
    return module, ("ok", unflatten_result(sig.result, iter(res), mem.read_bytes))


def run_py(fn, args):
    import warnings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


_UNIFIED = {float: np.float64, int: np.int64, bool: np.bool_}


def same(a, b, rtol=1e-12, atol=0.0) -> bool:
    if isinstance(a, tuple) or isinstance(b, tuple):
        return isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b) and all(
            same(x, y, rtol, atol) for x, y in zip(a, b))
    if isinstance(b, np.ndarray) or isinstance(a, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind == "f":
            tol = max(rtol, 1e-5 if a.dtype == np.float32 else 0)
            return bool(np.allclose(a, b, rtol=tol, atol=max(atol, tol * 1e-3),
                                    equal_nan=True))
        return bool(np.array_equal(a, b))
    if (isinstance(a, np.generic) or isinstance(b, np.generic)) and type(a) is not type(b) \
            and not (type(a) is int and type(b) is np.uint64) \
            and not (type(b) in (float, int, bool) and type(a) is _UNIFIED.get(type(b))):
        # NumPy scalars come back as the same NumPy type. Documented deviations:
        # sums of unsigned ints are Python ints (NumPy: uint64); a function
        # returning a Python number on one path and the NumPy scalar of the same
        # kind on another returns the NumPy scalar on both (tracer.py).
        return False
    if isinstance(b, np.float32):  # NumPy sums float32 pairwise in float32
        rtol = max(rtol, 1e-6)
    if isinstance(a, np.generic) and type(a) is type(b):
        a, b = a.item(), b.item()
    if isinstance(b, (np.floating, float)) or isinstance(a, float):
        a, b = float(a), float(b)
        if a != a and b != b:
            return True
        return a == b or abs(a - b) <= rtol * max(abs(a), abs(b)) + atol
    if isinstance(b, np.generic):
        b = b.item()
    return a == b and type(a) is type(b if not isinstance(b, np.bool_) else bool(b))


def strided(a):
    """A non-contiguous view (every other element of a bigger buffer) equal to a."""
    buf = np.zeros(tuple(2 * s for s in a.shape) or (1,), dtype=a.dtype)
    view = buf[tuple(slice(None, None, 2) for _ in a.shape)]
    view[...] = a
    return view


def _copy(a):
    if not isinstance(a, np.ndarray):
        return a
    return a.copy() if a.flags.c_contiguous or a.ndim == 0 else strided(a)


def check(fn, *args, rtol=1e-12, atol=0.0):
    """Run `fn` compiled (IR interpreter) and in CPython on copies of the
    arguments; assert equal results, equal argument arrays afterwards, and
    the same exception type and message."""
    cargs = [_copy(a) for a in args]
    pargs = [_copy(a) for a in args]
    _, got = run_ir(fn, cargs)
    want = run_py(fn, pargs)
    if want[0] != "ok" or got[0] != "ok":
        assert got == want, f"{fn.__name__}{args}: compiled {got!r}, NumPy {want!r}"
        return
    assert same(got[1], want[1], rtol, atol), \
        f"{fn.__name__}: compiled {got[1]!r}, NumPy {want[1]!r} (args {args!r})"
    for c, p in zip(cargs, pargs):
        if isinstance(p, np.ndarray):
            assert same(c, p, rtol, atol), f"{fn.__name__}: argument after the call " \
                f"{c!r}, NumPy {p!r}"
    return got[1]
