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

import ctypes as _ctypes

import numpy as np

from ..ir.types import (ArrayType, ComplexType, DictType, ListType, NoneType, NumpyScalarType,
                        OptionalType, ScalarType, SetType, StrType, TupleType, flatten,
                        from_json)
from . import aliasing, strs
from .layout import compact_layout, view_in

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
_SMALL = 1 << 15  # copy-back compares up to this many bytes as bytes objects, then memcmp


class ArgumentCopies:
    """The argument arrays placed in memory: (caller's array, address, nbytes)."""

    def __init__(self):
        self.items: list[tuple[np.ndarray, int, int]] = []
        self.strided: list[tuple[np.ndarray, int, int, tuple, int]] = []

    def copy_back(self, read: Callable[[int, int], bytes]) -> None:
        for arr, base, n, strides, offset in self.strided:
            if arr.flags.writeable and n:
                buf = np.frombuffer(bytes(read(base, n)), np.uint8)
                np.copyto(arr, view_in(buf, offset * arr.itemsize, arr.shape,
                                       arr.dtype.newbyteorder("<"), strides))
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
        if t.strided:  # the compact layout with a's structure (runner/layout.py)
            strides, offset, span = compact_layout(a)
            dt = a.dtype.newbyteorder("<")
            isz = a.itemsize
            buf = np.zeros(span * isz, np.uint8)
            if a.size:
                np.copyto(view_in(buf, offset * isz, a.shape, dt, strides), a)
            base = alloc(len(buf))
            if len(buf):
                write(base, buf)
            copies.strided.append((a, base, len(buf), strides, offset))
            flat.append(base + offset * isz)
            flat.extend(int(s) for s in a.shape)
            flat.extend(strides)
            return
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
    elif isinstance(t, NumpyScalarType) and t.dtype in _NP_COMPLEX:
        if type(a) is not np.dtype(t.dtype).type:
            raise TypeError(f"expected a {t!r}, got {type(a).__name__}")
        flat.extend((float(a.real), float(a.imag)))
    elif isinstance(t, NumpyScalarType):
        if type(a) is not np.dtype(t.dtype).type:
            raise TypeError(f"expected a {t!r}, got {type(a).__name__}")
        x = _PY[t.compute.name](a.item())
        flat.append(x - 2**64 if t.dtype == "uint64" and x >= 2**63 else x)
    elif isinstance(t, ComplexType):
        a = complex(a)
        flat.extend((a.real, a.imag))
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
    if isinstance(t, NumpyScalarType) and t.dtype in _NP_COMPLEX:
        re = float(next(flat))
        return np.dtype(t.dtype).type(complex(re, float(next(flat))))
    if isinstance(t, NumpyScalarType):
        x = next(flat)
        return np.dtype(t.dtype).type(x & 0xFFFFFFFFFFFFFFFF if t.dtype == "uint64" else x)
    if isinstance(t, ComplexType):
        re = float(next(flat))
        return complex(re, float(next(flat)))
    return None


_NP_COMPLEX = ("complex128", "complex64")


# --- calls through wasmtime ---------------------------------------------------------------

HEAP_GLOBAL = "py2wasm_heap"
HEAP_BASE = 16
PAGE = 65536


def has_array(t) -> bool:
    """Does a manifest type (JSON form) mention an array?"""
    if isinstance(t, dict):
        return "array" in t or any(has_array(e) for e in t.get("tuple", ())) \
            or "optional" in t and has_array(t["optional"])
    return False


def format_exception_message(entry: dict, get_arg: Callable[[int], int], read_str=None) -> str:
    """The message of a manifest exception entry; entries with "args": n are
    str.format templates over the exported globals py2wasm_exc_arg0..n-1
    (`read_str`: address -> the run-time string there, for kind "str")."""
    n = entry.get("args", 0)
    msg = entry["message"]
    if not n:
        return msg
    kinds = entry.get("kinds")
    if not kinds:
        return msg.format(*[get_arg(i) for i in range(n)])
    from ..ir.messages import bits_value, format_message
    return format_message(msg, kinds, [bits_value(k, get_arg(i)) for i, k in enumerate(kinds)],
                          read_str)


# wasmtime's C API through a PyDLL handle (the GIL stays held), with prebuilt
# c_void_p arguments and no argtypes, as in runner/__init__.py: reading the
# memory's base and size and setting py2wasm_heap cost well under a
# microsecond this way (wasmtime-py's Global.set_value is ~20 us).
_capi = None


def _c_api():
    global _capi
    if _capi is None:
        import ctypes
        from wasmtime import _ffi as wffi
        dll = ctypes.PyDLL(wffi.dll._name)
        data, size, gset = (dll.wasmtime_memory_data, dll.wasmtime_memory_data_size,
                            dll.wasmtime_global_set)
        data.restype, size.restype, gset.restype = (ctypes.c_void_p, ctypes.c_size_t,
                                                    ctypes.c_void_p)
        data.argtypes = size.argtypes = gset.argtypes = None
        _capi = (data, size, gset, wffi)
    return _capi


class _Plan:
    """How one parameter or result (a PyType) crosses the ABI, precomputed."""
    __slots__ = ("kind", "t", "dtype", "name", "ndim", "itemsize", "elems", "strided", "ro",
                 "alias")

    def __init__(self, t, ro: bool = False):
        self.t = t
        self.ro = ro  # an array parameter the function never writes (manifest "readonly")
        self.alias = None
        if isinstance(t, StrType):  # a Python str (runner/strs.py)
            self.kind = "str"
        elif isinstance(t, (ListType, DictType, SetType)):  # a list, dict, set: runner/lists.py
            self.kind = "l"
        elif isinstance(t, ArrayType):
            self.kind = "a"
            self.dtype = np.dtype(t.dtype)  # little-endian (native), as in memory
            self.name, self.ndim, self.itemsize = t.dtype, t.ndim, self.dtype.itemsize
            self.strided = t.strided
            self.alias = t.alias  # a view into its group's one block (runner/aliasing.py)
        elif isinstance(t, TupleType):
            self.kind = "t"
            self.elems = [_Plan(e, ro) for e in t.elems]
        elif isinstance(t, ScalarType):
            self.kind = "s"
            self.name = t.name
        elif isinstance(t, NumpyScalarType) and t.dtype in _NP_COMPLEX:
            self.kind = "npc"
            self.dtype = np.dtype(t.dtype).type
        elif isinstance(t, NumpyScalarType):
            self.kind = "np"
            self.dtype = np.dtype(t.dtype).type  # the NumPy scalar type
            self.name = t.compute.name
        elif isinstance(t, ComplexType):
            self.kind = "c"
        elif isinstance(t, OptionalType):  # a flag, then elem's leaves (zeros for None)
            self.kind = "o"
            self.elems = [_Plan(t.elem, ro)]
            self.name = [_PY[x.name](0) for x in flatten(t.elem)]  # the None path's leaves
        else:
            self.kind = "n"


_GROUP_PLAN = _Plan(ArrayType("uint8", 1))  # an aliasing group's block, as bytes


class ArrayCaller:
    """A Python callable for an export whose signature has arrays: it resets
    the arena, copies argument arrays in, calls, copies results out and the
    argument arrays back (also when the call raises: NumPy code that writes
    then raises leaves its writes visible).

    Linear memory is accessed through one NumPy uint8 view, rebuilt only when
    the memory's base or size changed (growth, also during a call); the heap
    global is set through wasmtime's C API with a preallocated value."""

    def __init__(self, store, exports, func, entry: dict, make_exception, fast=None):
        """`make_exception(code)`: the Python exception for a non-zero
        py2wasm_exc code (reading py2wasm_exc_arg* for formatted messages).
        `fast`: the runner's unchecked caller of the flat signature (it
        raises the Python exception itself and must not reset the arena),
        else wasmtime's Func call."""
        self.fast = fast
        import ctypes
        import wasmtime
        from ..ir.types import from_json
        self._wasmtime = wasmtime
        self.store = store
        self.func = func
        self.name = entry["name"]
        self.types = [from_json(p["type"]) for p in entry["params"]]
        self.result = from_json(entry["result"])
        self._plans = [_Plan(t, bool(p.get("readonly"))) for t, p in zip(self.types, entry["params"])]
        self._rplan = _Plan(self.result)
        self._nparams = len(self.types)
        # the aliasing groups this specialization was compiled for (runner/aliasing.py)
        self._expect = tuple(p.alias if p.kind == "a" else None for p in self._plans)
        self._groups: dict = {}
        for i, p in enumerate(self._plans):
            if p.kind == "a" and p.alias is not None:
                self._groups.setdefault(p.alias, []).append(i)
        if not self._groups:
            self._expect = None
        self._gplace: dict = {}
        try:
            self.memory = exports["memory"]
            self.heap = exports[HEAP_GLOBAL]
        except KeyError:  # the code never touches memory: keep the argument bytes here
            self.memory = _HostMemory()
            self.heap = self.memory.heap
        self._host = isinstance(self.memory, _HostMemory)
        if not self._host:
            data, size, _, _ = _c_api()
            ctx = ctypes.c_void_p(ctypes.cast(store._context(), ctypes.c_void_p).value)
            mem = ctypes.c_void_p(ctypes.addressof(self.memory._memory))
            self._keep = (self.memory, self.heap)
            self._mem_base = lambda: data(ctx, mem) or 0
            self._mem_size = lambda: size(ctx, mem)
        # the host ABI's arena top for a call (backend/abi.py): an i64 at byte
        # TOP_ADDRESS of memory, written through an int64 view of its first 16
        # bytes (rebuilt with the memory view), not a global set through the C API
        self._top_view = self._top_of = None
        self._view_size = self._view_base = None
        self._typed_of, self._typed = None, {}
        self._u8 = None
        self.exc = exports["py2wasm_exc"]
        self._exports = exports
        self.make_exception = make_exception
        self._lists = None

    # memory access -------------------------------------------------------------------
    def _view(self):
        """(base address, uint8 view of all of linear memory), current. The
        memory moves only when it grows, so an unchanged size means an
        unchanged base."""
        if self._host:
            buf = self.memory.buf
            return buf.ctypes.data if len(buf) else 0, buf
        size = self._mem_size()
        if size != self._view_size:
            import ctypes
            base = self._mem_base()
            self._u8 = (np.frombuffer((ctypes.c_ubyte * size).from_address(base), np.uint8)
                        if size else np.zeros(0, np.uint8))
            self._view_size, self._view_base = size, base
        return self._view_base, self._u8

    def _elems(self, u8, addr: int, count: int, plan) -> np.ndarray:
        """The `count` elements of `plan`'s dtype at `addr` of memory view
        `u8`, as a 1-D view (a slice of a typed view of all of memory, cached
        per memory view: cheaper than slicing bytes and viewing each time)."""
        isz = plan.itemsize
        if addr % isz:
            return u8[addr:addr + count * isz].view(plan.dtype)
        if self._typed_of is not u8:
            self._typed_of, self._typed = u8, {}
        tv = self._typed.get(plan.dtype)
        if tv is None:  # memory sizes are whole 64 KiB pages: divisible by itemsize
            tv = self._typed[plan.dtype] = u8.view(plan.dtype)
        i = addr // isz
        return tv[i:i + count]

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
        self._top = new
        return p

    def write(self, addr: int, raw) -> None:
        """Copy bytes (bytes or a uint8 array) to linear memory at `addr`."""
        _, u8 = self._view()
        if addr < 0 or addr + len(raw) > len(u8):
            raise RuntimeError("write outside linear memory (a py2wasm bug)")
        u8[addr:addr + len(raw)] = np.frombuffer(raw, np.uint8) if isinstance(raw, bytes) \
            else raw

    def read(self, addr: int, n: int) -> np.ndarray:
        """A uint8 view of `n` bytes of linear memory at `addr` (no copy:
        callers copy what they keep)."""
        _, u8 = self._view()
        if addr < 0 or addr + n > len(u8):
            raise RuntimeError("read outside linear memory (a py2wasm bug)")
        return u8[addr:addr + n]

    # the call --------------------------------------------------------------------------
    def _place(self, plan, a, flat, placed):
        """Check argument `a` of `plan`, allocate its array space, append its
        flat leaves; arrays go to `placed` as (array, address, nbytes, plan)."""
        k = plan.kind
        if k == "a":
            if not isinstance(a, np.ndarray) or a.ndim != plan.ndim or (
                    a.dtype is not plan.dtype and a.dtype.name != plan.name):
                got = f"{a.dtype.name} {a.ndim}-D array" if isinstance(a, np.ndarray) else \
                    type(a).__name__
                raise TypeError(f"expected a {plan.name} {plan.ndim}-D array, got {got}")
            if plan.alias is not None:  # a view into its group's block (runner/aliasing.py)
                addr, lo = self._gplace[plan.alias]
                off, strides = aliasing.member_layout(a, lo)
                flat.append(addr + off)
                flat.extend(a.shape)
                flat.extend(strides)
                return
            if plan.strided:  # the compact layout with a's structure (runner/layout.py)
                strides, offset, span = compact_layout(a)
                n = span * plan.itemsize
                addr = self.alloc(n) + offset * plan.itemsize
                placed.append((a, addr, n, plan, strides))
                flat.append(addr)
                flat.extend(a.shape)
                flat.extend(strides)
                return
            n = a.size * plan.itemsize
            addr = self.alloc(n)
            placed.append((a, addr, n, plan, None))
            flat.append(addr)
            flat.extend(a.shape)
        elif k == "s":
            flat.append(a)
        elif k == "str":
            raw = strs.encode(strs.check(self.name, a))
            addr = self.alloc(len(raw))
            self.write(addr, raw)
            flat.append(addr)
        elif k == "l":
            if self._lists is None:
                from .lists import ListPlacement
                self._lists = ListPlacement()
            self._lists.place(self, self.name, plan.t, a, flat, plan.ro)
        elif k == "npc":
            if type(a) is not plan.dtype:
                raise TypeError(f"expected a numpy.{plan.dtype.__name__}, got "
                                f"{type(a).__name__}")
            flat.extend((float(a.real), float(a.imag)))
        elif k == "np":  # exactly the specialized NumPy type, as its compute value
            if type(a) is not plan.dtype:
                raise TypeError(f"expected a numpy.{plan.dtype.__name__}, got "
                                f"{type(a).__name__}")
            x = _PY[plan.name](a.item())
            flat.append(x - 2**64 if plan.dtype is np.uint64 and x >= 2**63 else x)
        elif k == "c":
            if type(a) not in (complex, float, int, bool):
                raise TypeError(f"expected a complex, got {type(a).__name__}")
            a = complex(a)
            flat.extend((a.real, a.imag))
        elif k == "t":
            if not isinstance(a, tuple) or len(a) != len(plan.elems):
                raise TypeError(f"expected a tuple of {len(plan.elems)} items")
            for p, x in zip(plan.elems, a):
                self._place(p, x, flat, placed)
        elif k == "o":
            flat.append(a is not None)
            if a is None:
                flat.extend(plan.name)
            else:
                self._place(plan.elems[0], a, flat, placed)

    def __call__(self, args: tuple):
        if len(args) != self._nparams:
            raise TypeError(f"{self.name}() takes {len(self.types)} positional argument(s) "
                            f"but {len(args)} were given")
        plans = self._plans
        name = self.name
        args = [a if p.kind != "s" else _check_scalar_plan(name, p, a)
                for p, a in zip(plans, args)]
        base, u8 = self._view()
        self._top = HEAP_BASE
        self._size = len(u8)
        flat: list = []
        placed: list = []
        self._lists = None  # the argument lists placed (runner/lists.py)
        ndarray = np.ndarray
        if aliasing.overlap_groups(args) != self._expect:
            self._alias_mismatch(args)
        if self._groups:
            self._place_groups(args, placed)
        for p, a in zip(plans, args):
            if p.kind == "a" and type(a) is ndarray and a.dtype is p.dtype and a.ndim == p.ndim \
                    and not p.strided:
                # the common case of _place, inlined: an exact-dtype array that fits
                n = a.size * p.itemsize
                addr = self._top
                new = (addr + n + 15) // 16 * 16
                if new <= self._size:
                    self._top = new
                    placed.append((a, addr, n, p, None))
                    flat.append(addr)
                    flat.extend(a.shape)
                    continue
            self._place(p, a, flat, placed)
        if placed:
            if self._size != len(u8):  # grown for the arguments
                base, u8 = self._view()
            for a, addr, n, p, st in placed:
                if n and st is not None:
                    np.copyto(view_in(u8, addr, a.shape, p.dtype, st), a)
                elif n:
                    dst = self._elems(u8, addr, a.size, p)
                    np.copyto(dst if p.ndim == 1 else dst.reshape(a.shape), a)
        if self._host:
            self.heap.v = self._top
        else:
            if self._top_of is not u8:
                self._top_of, self._top_view = u8, u8[:16].view(np.int64)
            self._top_view[1] = self._top  # TOP_ADDRESS = 8
        try:
            if self.fast is not None:
                res = self.fast(tuple(flat))
            else:
                res = self.func(self.store, *[int(x) if type(x) is bool else x for x in flat])
        except self._wasmtime.Trap as trap:
            self._copy_back(placed, *self._view())
            if self._lists is not None:
                self._lists.read_back(self._view()[1])
            raise self._exception(trap) from None
        except BaseException:
            self._copy_back(placed, *self._view())
            if self._lists is not None:
                self._lists.read_back(self._view()[1])
            raise
        base, u8 = self._view()  # the call may have grown (and moved) the memory
        if placed:
            self._copy_back(placed, base, u8)
        if self._lists is not None:
            self._lists.read_back(u8)
        if self._rplan.kind == "n":
            return None
        if self._rplan.kind == "a" and self._rplan.ndim == 1:  # one 1-D array
            return self._array1(res[0], res[1], u8)
        if not isinstance(res, (list, tuple)):
            res = (res,)
        return self._unflatten(self._rplan, iter(res), u8)

    def _alias_mismatch(self, args):
        for p, a in zip(self._plans, args):  # a wrong argument type is reported first
            if p.kind == "a" and (not isinstance(a, np.ndarray) or a.ndim != p.ndim or (
                    a.dtype is not p.dtype and a.dtype.name != p.name)):
                self._place(p, a, [], [])  # raises the TypeError
        raise ValueError(
            f"{self.name}(): the argument arrays share memory differently from what this "
            "compiled version was made for (py2wasm.compile picks the right version: "
            "call the compiled function, not its instance)")

    def _place_groups(self, args, placed) -> None:
        """Allocate each aliasing group's block: the caller's bytes that
        cover all its members, copied in (and back) once as one entry of
        `placed`; members are passed as views into it (_place)."""
        self._gplace = {}
        for g, members in self._groups.items():
            arrs = [args[i] for i in members]
            for i, a in zip(members, arrs):
                p = self._plans[i]
                if not isinstance(a, np.ndarray) or a.ndim != p.ndim or (
                        a.dtype is not p.dtype and a.dtype.name != p.name):
                    self._place(p, a, [], [])  # raises the TypeError
                if not a.dtype.isnative:
                    raise ValueError(f"{self.name}(): a non-native byte order array shares "
                                     "memory with another argument: pass a copy")
            lo, hi = aliasing.group_block(arrs)
            n = hi - lo
            addr = self.alloc(n)
            self._gplace[g] = (addr, lo)
            if n:
                host = aliasing.host_bytes(lo, hi, any(a.flags.writeable for a in arrs))
                placed.append((host, addr, n, _GROUP_PLAN, None))

    def _array1(self, addr, size, u8):
        """A 1-D array result: a copy of its elements in linear memory."""
        plan = self._rplan
        n = size * plan.itemsize
        if not n:
            return np.zeros((size,), dtype=plan.dtype)
        if addr < 0 or addr + n > len(u8):
            raise RuntimeError("read outside linear memory (a py2wasm bug)")
        return self._elems(u8, addr, size, plan).copy()

    def _copy_back(self, placed, base, u8) -> None:
        """Copy each writable argument array back from linear memory (`u8`
        at address `base`, read after the call), skipping unchanged ones."""
        for arr, addr, n, p, st in placed:
            if not n or p.ro:
                continue
            fl = arr.flags
            if not fl.writeable:
                continue
            if st is not None:
                np.copyto(arr, view_in(u8, addr, arr.shape, p.dtype, st))
                continue
            if fl.c_contiguous:
                if n <= _SMALL:  # comparing two small bytes objects beats ctypes' call cost
                    if u8[addr:addr + n].tobytes() == arr.tobytes():
                        continue
                elif _memcmp is not None and _memcmp(
                        base + addr, _ctypes.addressof(_ctypes.c_char.from_buffer(arr)), n) == 0:
                    continue
            src = self._elems(u8, addr, arr.size, p)
            np.copyto(arr, src if p.ndim == 1 else src.reshape(arr.shape))

    def _unflatten(self, plan, flat, u8):
        k = plan.kind
        if k == "a":
            addr = next(flat)
            shape = tuple(int(next(flat)) for _ in range(plan.ndim))
            n = 1
            for s in shape:
                n *= s
            n *= plan.itemsize
            if not n:
                return np.zeros(shape, dtype=plan.dtype)
            if addr < 0 or addr + n > len(u8):
                raise RuntimeError("read outside linear memory (a py2wasm bug)")
            out = u8[addr:addr + n].view(plan.dtype)
            return (out if plan.ndim == 1 else out.reshape(shape)).copy()
        if k == "t":
            return tuple(self._unflatten(e, flat, u8) for e in plan.elems)
        if k == "o":  # T | None: its leaves are read (and skipped) either way
            if next(flat):
                return self._unflatten(plan.elems[0], flat, u8)
            for _ in plan.name:
                next(flat)
            return None
        if k == "str":
            return strs.decode(u8, next(flat))
        if k == "l":
            from .lists import result_list
            return result_list(self._lists, u8, next(flat), plan.t)
        if k == "s":
            return _PY[plan.name](next(flat))
        if k == "npc":
            re = float(next(flat))
            return plan.dtype(complex(re, float(next(flat))))
        if k == "np":
            x = next(flat)
            return plan.dtype(x & 0xFFFFFFFFFFFFFFFF if plan.dtype is np.uint64 else x)
        if k == "c":
            re = float(next(flat))
            return complex(re, float(next(flat)))
        return None

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
    take or return arrays without reading or writing elements). `buf` is a
    uint8 array, replaced (never resized in place) when it grows."""

    class _Heap:
        def __init__(self):
            self.v = HEAP_BASE

        def value(self, store):
            return self.v

        def set_value(self, store, val):
            self.v = val.value

    def __init__(self):
        self.heap = self._Heap()
        self.buf = np.zeros(0, np.uint8)

    def data_len(self, store):
        return len(self.buf)

    def grow(self, store, pages):
        self.buf = np.concatenate([self.buf, np.zeros(pages * PAGE, np.uint8)])

    def write(self, store, raw, addr):
        self.buf[addr:addr + len(raw)] = np.frombuffer(bytes(raw), np.uint8)

    def read(self, store, start, stop):
        return self.buf[start:stop].tobytes()


def _check_scalar_plan(fname, plan, v):
    """_check_scalar with the exact types' fast path first."""
    name = plan.name
    tv = type(v)
    if name == "f64":
        if tv is float:
            return v
    elif name == "i64":
        if tv is int and -2**63 <= v < 2**63:
            return v
    elif tv is bool:
        return v
    return _check_scalar(fname, plan.t, v)


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
    # The arguments are already in the arena (ArrayCaller sets py2wasm_heap
    # past them): the flat caller must not reset it.
    fast = instance._make_caller(flat_entry, func, reset_heap=False)  # noqa: SLF001
    ac = ArrayCaller(instance.store, exports, func, entry,
                     instance._exception, fast)  # noqa: SLF001 - the runner's own conversion
    from .arraygen import fast_array_caller
    return fast_array_caller(ac) or ac


def _flat_json(t) -> list:
    """The scalar manifest types of the flat wasm leaves of manifest type t."""
    if isinstance(t, dict) and "array" in t:
        return ["int"] * (1 + t["ndim"] * (2 if t.get("strided") else 1))
    if t in ("numpy.complex128", "numpy.complex64"):
        return ["float", "float"]
    if isinstance(t, str) and t.startswith("numpy."):  # the ArrayCaller converts these
        return [{"f64": "float", "i64": "int", "bool": "bool"}[from_json(t).compute.name]]
    if isinstance(t, dict) and "optional" in t:
        return ["bool"] + _flat_json(t["optional"])
    if isinstance(t, dict):
        return [x for e in t["tuple"] for x in _flat_json(e)]
    if t == "complex":
        return ["float", "float"]
    return [] if t == "None" else [t]


def _flat_result(t):
    flat = _flat_json(t)
    if not flat:
        return "None"
    if len(flat) == 1 and not isinstance(t, dict) and t != "complex" and \
            t not in ("numpy.complex128", "numpy.complex64"):
        return flat[0]
    return {"tuple": flat}


def exception_message(instance, entry: dict) -> str:
    """The message of an exception-table entry, formatted with the exported
    py2wasm_exc_arg globals when the entry has "args"."""
    if not entry.get("args"):
        return entry["message"]
    exports = instance.instance.exports(instance.store)

    def read_str(addr: int) -> str:
        mem = exports["memory"]
        u8 = np.frombuffer(bytes(mem.read(instance.store, 0, mem.data_len(instance.store))),
                           np.uint8)
        return strs.decode(u8, addr)
    return format_exception_message(entry, lambda i: exports[f"py2wasm_exc_arg{i}"].value(
        instance.store), read_str)
