"""Host-side marshaling of NumPy arrays across the wasm ABI.

Place in the pipeline: runner (host side), used by `py2wasm.compile`'s
runner and by the tests that run IR under the reference interpreter
(`ir.interpret` with an `ir.memory.Memory`). It only needs a memory object
with `alloc(n) -> address`, `write(address, bytes)` and `read(address, n)`.

The ABI (docs/internals.md, "Arrays"): an array argument is copied into
linear memory C-contiguously and passed as (address: i64, shape[0..ndim-1]:
i64...). After the call every argument array is copied back into the
caller's array (so writes through the compiled function are visible,
exactly like in-place NumPy code). An array result is (address, shape...)
of a C-contiguous block in the callee's per-call arena; it is copied into
a fresh NumPy array before the next call frees the arena.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

import numpy as np

from ..ir.types import ArrayType, NoneType, ScalarType, TupleType

_PY = {"i64": int, "f64": float, "bool": bool}


def _libc_memcmp():
    import ctypes
    try:
        f = ctypes.CDLL(None).memcmp
    except (OSError, AttributeError):  # pragma: no cover - no libc symbol lookup
        return None
    f.restype = ctypes.c_int
    f.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t]
    return f


_memcmp = _libc_memcmp()


class ArgumentCopies:
    """The argument arrays placed in memory: (caller's array, address, nbytes)."""

    def __init__(self):
        self.items: list[tuple[np.ndarray, int, int]] = []

    def copy_back(self, read: Callable[[int, int], bytes]) -> None:
        for arr, addr, n in self.items:
            if not arr.flags.writeable or n == 0:
                continue
            raw = read(addr, n)
            if arr.flags.c_contiguous and _memcmp is not None:
                import ctypes
                if _memcmp(ctypes.addressof(raw) if isinstance(raw, ctypes.Array) else raw,
                           arr.ctypes.data, n) == 0:
                    continue
            data = np.frombuffer(raw, dtype=arr.dtype).reshape(arr.shape)
            arr[...] = data


def flatten_args(types, args, alloc: Callable[[int], int],
                 write: Callable[[int, bytes], None]) -> tuple[list, ArgumentCopies]:
    """The flat wasm arguments of Python arguments `args` of PyTypes `types`."""
    copies = ArgumentCopies()
    flat: list = []
    for t, a in zip(types, args):
        _flatten(t, a, flat, copies, alloc, write)
    return flat, copies


def _flatten(t, a, flat, copies, alloc, write):
    if isinstance(t, ArrayType):
        if not isinstance(a, np.ndarray) or a.dtype.name != t.dtype or a.ndim != t.ndim:
            got = f"{a.dtype.name} {a.ndim}-D array" if isinstance(a, np.ndarray) else \
                type(a).__name__
            raise TypeError(f"expected a {t.dtype} {t.ndim}-D array, got {got}")
        c = np.ascontiguousarray(a)
        if c.dtype.byteorder == ">":
            c = c.astype(c.dtype.newbyteorder("<"))
        raw = c.reshape(-1).view(np.uint8)  # the bytes, without a copy
        addr = alloc(len(raw))
        if len(raw):
            write(addr, raw)
        copies.items.append((a, addr, len(raw)))
        flat.append(addr)
        flat.extend(int(s) for s in a.shape)
    elif isinstance(t, TupleType):
        if not isinstance(a, tuple) or len(a) != len(t.elems):
            raise TypeError(f"expected a tuple of {len(t.elems)} items")
        for et, x in zip(t.elems, a):
            _flatten(et, x, flat, copies, alloc, write)
    elif isinstance(t, ScalarType):
        flat.append(a)
    elif isinstance(t, NoneType):
        pass


def unflatten_result(t, flat: Iterator, read: Callable[[int, int], bytes]) -> Any:
    """The Python value of a result of PyType `t` from the flat wasm results;
    arrays are copied out of linear memory into new NumPy arrays."""
    if isinstance(t, ArrayType):
        addr = next(flat)
        shape = tuple(int(next(flat)) for _ in range(t.ndim))
        dt = np.dtype(t.dtype)
        n = int(np.prod(shape, dtype=np.int64)) * dt.itemsize
        if not n:
            return np.zeros(shape, dtype=dt)
        return np.frombuffer(read(addr, n), dtype=dt).reshape(shape).copy()
    if isinstance(t, TupleType):
        return tuple(unflatten_result(e, flat, read) for e in t.elems)
    if isinstance(t, ScalarType):
        return _PY[t.name](next(flat))
    return None


# --- calls through wasmtime ---------------------------------------------------------------

HEAP_GLOBAL = "py2wasm_heap"
HEAP_BASE = 16
PAGE = 65536


def has_array(t) -> bool:
    """Does a manifest type (JSON form) mention an array?"""
    if isinstance(t, dict):
        return "array" in t or any(has_array(e) for e in t.get("tuple", ()))
    return False


def format_exception_message(entry: dict, get_arg: Callable[[int], int]) -> str:
    """The message of a manifest exception entry; entries with "args": n are
    str.format templates over the exported globals py2wasm_exc_arg0..n-1."""
    n = entry.get("args", 0)
    msg = entry["message"]
    return msg.format(*[get_arg(i) for i in range(n)]) if n else msg


class ArrayCaller:
    """A Python callable for an export whose signature has arrays: it resets
    the arena, copies argument arrays in, calls, copies results out and the
    argument arrays back (also when the call raises: NumPy code that writes
    then raises leaves its writes visible)."""

    def __init__(self, store, exports, func, entry: dict, make_exception, fast=None):
        """`make_exception(code)`: the Python exception for a non-zero
        py2wasm_exc code (reading py2wasm_exc_arg* for formatted messages).
        `fast`: the runner's unchecked caller of the flat signature (it
        raises the Python exception itself), else wasmtime's Func call."""
        self.fast = fast
        import wasmtime
        from ..ir.types import from_json
        self._wasmtime = wasmtime
        self.store = store
        self.func = func
        self.name = entry["name"]
        self.types = [from_json(p["type"]) for p in entry["params"]]
        self.result = from_json(entry["result"])
        try:
            self.memory = exports["memory"]
            self.heap = exports[HEAP_GLOBAL]
        except KeyError:  # the code never touches memory: keep the argument bytes here
            self.memory = _HostMemory()
            self.heap = self.memory.heap
        self.exc = exports["py2wasm_exc"]
        self._exports = exports
        self.make_exception = make_exception

    # memory access -------------------------------------------------------------------
    def alloc(self, n: int) -> int:
        """Bump-allocate argument space (the heap global is written once,
        before the call, by __call__)."""
        p = self._top
        new = (p + n + 15) // 16 * 16
        if new > 2**32:
            raise MemoryError("the arguments do not fit in wasm32 linear memory (4 GiB)")
        if new > self._size:
            try:
                self.memory.grow(self.store, (new - self._size + PAGE - 1) // PAGE)
            except Exception as e:  # noqa: BLE001 - wasmtime refuses to grow
                raise MemoryError("cannot grow wasm linear memory for the arguments") from e
            self._size = self.memory.data_len(self.store)
            self._base_addr = None
        self._top = new
        return p

    def _base(self) -> int:
        import ctypes
        if self._base_addr is None:
            self._base_addr = ctypes.addressof(self.memory.data_ptr(self.store).contents)
        return self._base_addr

    def write(self, addr: int, raw: bytes) -> None:
        import ctypes
        if isinstance(self.memory, _HostMemory):
            self.memory.write(self.store, raw, addr)
            return
        if addr + len(raw) > self._size:
            raise RuntimeError("write outside linear memory (a py2wasm bug)")
        src = raw.ctypes.data if isinstance(raw, np.ndarray) else raw
        ctypes.memmove(self._base() + addr, src, len(raw))

    def read(self, addr: int, n: int) -> bytes:
        import ctypes
        if isinstance(self.memory, _HostMemory):
            return self.memory.read(self.store, addr, addr + n)
        if addr < 0 or addr + n > self._size:
            raise RuntimeError("read outside linear memory (a py2wasm bug)")
        # a view of linear memory (no copy): callers copy what they keep
        return (ctypes.c_ubyte * n).from_address(self._base() + addr)

    # the call --------------------------------------------------------------------------
    def __call__(self, args: tuple):
        if len(args) != len(self.types):
            raise TypeError(f"{self.name}() takes {len(self.types)} positional argument(s) "
                            f"but {len(args)} were given")
        self._top = HEAP_BASE
        self._size = self.memory.data_len(self.store)
        self._base_addr = None
        flat, copies = flatten_args(self.types, [_check_scalar(self.name, t, a) for t, a in
                                                 zip(self.types, args)],
                                    self.alloc, self.write)
        self.heap.set_value(self.store, self._wasmtime.Val.i64(self._top))
        try:
            if self.fast is not None:
                res = self.fast(tuple(flat))
                res = [] if res is None else (list(res) if isinstance(res, tuple) else [res])
            else:
                res = self.func(self.store, *[int(x) if type(x) is bool else x for x in flat])
        except self._wasmtime.Trap as trap:
            self._after_call()
            copies.copy_back(self.read)
            raise self._exception(trap) from None
        except BaseException:
            self._after_call()
            copies.copy_back(self.read)
            raise
        self._after_call()
        copies.copy_back(self.read)
        if res is None:
            res = []
        elif not isinstance(res, (list, tuple)):
            res = [res]
        return unflatten_result(self.result, iter(res), self.read)

    def _after_call(self) -> None:
        """The call may have grown the memory: re-read its size and base."""
        self._size = self.memory.data_len(self.store)
        self._base_addr = None

    def _exception(self, trap):
        code = self.exc.value(self.store)
        if not code:
            if "call stack exhausted" in str(trap):
                return RecursionError("maximum recursion depth exceeded")
            return RuntimeError(f"wasm trap without a Python exception (a py2wasm bug): {trap}")
        self.exc.set_value(self.store, self._wasmtime.Val.i32(0))
        return self.make_exception(code)


class _HostMemory:
    """Stands in for linear memory when a module has none (its functions
    take or return arrays without reading or writing elements)."""

    class _Heap:
        def __init__(self):
            self.v = HEAP_BASE

        def value(self, store):
            return self.v

        def set_value(self, store, val):
            self.v = val.value

    def __init__(self):
        self.heap = self._Heap()
        self.data = bytearray()

    def data_len(self, store):
        return len(self.data)

    def grow(self, store, pages):
        self.data.extend(bytes(pages * PAGE))

    def write(self, store, raw, addr):
        self.data[addr:addr + len(raw)] = bytes(raw)

    def read(self, store, start, stop):
        return bytes(self.data[start:stop])


def _check_scalar(fname, t, v):
    """Scalar arguments converted like the scalar runner does."""
    from ..ir.types import ScalarType
    if not isinstance(t, ScalarType):
        return v
    if t.name == "i64":
        if type(v) not in (int, bool) and not isinstance(v, np.integer):
            raise TypeError(f"{fname}(): an argument must be int, not {type(v).__name__}")
        v = int(v)
        if not -2**63 <= v < 2**63:
            raise OverflowError(f"{fname}(): argument {v} does not fit in a 64-bit int")
        return v
    if t.name == "f64":
        if type(v) not in (int, float, bool) and not isinstance(v, (np.floating, np.integer)):
            raise TypeError(f"{fname}(): an argument must be float, not {type(v).__name__}")
        return float(v)
    if type(v) is not bool and not isinstance(v, np.bool_):
        raise TypeError(f"{fname}(): an argument must be bool, not {type(v).__name__}")
    return bool(v)


def caller_for(instance, entry: dict, func):
    """The ArrayCaller of a runner `Instance` export whose signature has
    arrays, or None (the scalar fast path applies)."""
    if not (any(has_array(p["type"]) for p in entry["params"]) or has_array(entry["result"])):
        return None
    exports = instance.instance.exports(instance.store)
    flat_entry = {"name": entry["name"], "doc": entry.get("doc", ""),
                  "line": entry.get("line", 0),
                  "params": [{"name": f"{p['name']}_{k}", "type": t}
                             for p in entry["params"] for k, t in enumerate(_flat_json(p["type"]))],
                  "result": _flat_result(entry["result"])}
    fast = instance._make_caller(flat_entry, func)  # noqa: SLF001 - the scalar fast path
    # The scalar path resets the arena before each call; here the arguments
    # are already in it (ArrayCaller sets py2wasm_heap past them): no reset.
    if "_reset" in getattr(fast, "__globals__", {}):
        fast.__globals__["_reset"] = _no_reset
    return ArrayCaller(instance.store, exports, func, entry,
                       instance._exception, fast)  # noqa: SLF001 - the runner's own conversion


def _no_reset() -> None:
    pass


def _flat_json(t) -> list:
    """The scalar manifest types of the flat wasm leaves of manifest type t."""
    if isinstance(t, dict) and "array" in t:
        return ["int"] * (1 + t["ndim"])
    if isinstance(t, dict):
        return [x for e in t["tuple"] for x in _flat_json(e)]
    return [] if t == "None" else [t]


def _flat_result(t):
    flat = _flat_json(t)
    if not flat:
        return "None"
    if len(flat) == 1 and not isinstance(t, dict):
        return flat[0]
    return {"tuple": flat}


def exception_message(instance, entry: dict) -> str:
    """The message of an exception-table entry, formatted with the exported
    py2wasm_exc_arg globals when the entry has "args"."""
    if not entry.get("args"):
        return entry["message"]
    exports = instance.instance.exports(instance.store)
    return format_exception_message(entry, lambda i: exports[f"py2wasm_exc_arg{i}"].value(
        instance.store))
