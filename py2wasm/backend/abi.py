"""The exported entry points: one wrapper per exported function, in the ABI
of the host that calls it.

Place in the pipeline: backend, after every IR function is lowered
(`compile_module`). Internal calls between functions of a module use the
internal ABI (docs/internals.md section 4: int i64, float f64, bool i32, an
array = i64 address + i64 sizes); exports are wrappers around them, so an
entry point can do work an internal call must not (reset the arena) and
speak another ABI. Binaryen inlines the internal function into its wrapper
when the wrapper is its only caller.

Two ABIs (the build's `manifest["abi"]`):
- "host" (py2wasm.compile's runner, `py2wasm run`): the internal ABI. In a
  module with memory, a function without array parameters resets the arena
  itself (`py2wasm_heap = 16`) on entry; for a function that takes arrays
  the runner places them in the arena and writes the arena top past them
  as an i64 at byte 8 of memory (`TOP_ADDRESS`, in the 16 bytes no array
  uses), which the wrapper loads into `py2wasm_heap`: no global to set
  through the embedding API.
- "js" (the npm package): what JavaScript passes cheaply. `int` crosses as
  f64 (the JS binding passes only safe integers; the wrapper truncates to
  i64), a result `int` comes back as f64 when |v| <= 2**53 - 1, else as NaN
  with the exact value in the exported i64 global `py2wasm_big` (several
  int results out of range: the leftmost's value; a numpy.uint64 result
  is unsigned: above 2**53 - 1 it is NaN and its bits are in the global);
  `bool` i32; a complex two f64; a NumPy scalar its compute type (float32
  and float64 f64, integers as `int`, bool_ i32); an array is
  an i32 address and i32 sizes (unsigned; wasm32). In a module with memory
  the arena base is the exported mutable i32 global `py2wasm_base` (the end
  of the persistent heap JavaScript manages below it: js/src/heap.ts);
  a function without array parameters resets the arena to it on entry, a
  function with array parameters takes one more leading i32 parameter, the
  arena top after JavaScript placed the copied arguments there.
  A result that is one array of at most `SIZES_IN_MEMORY` dimensions
  (`sizes_in_memory`) comes back as its i32 address alone, its sizes
  stored as u32 at bytes 0, 4, 8, 12 of memory (the 16 bytes no array
  uses): one result keeps the call on V8's fast JS-to-wasm path, where a
  multi-value result costs an Array per call. Other results with arrays
  (tuples, more dimensions) stay multi-value.
"""
from __future__ import annotations

from typing import Any

from . import binaryen as bn
from .binaryen import Op

ABIS = ("host", "js")
BASE_GLOBAL = "py2wasm_base"
BIG_GLOBAL = "py2wasm_big"
HEAP_BASE = 16
TOP_ADDRESS = 8  # host ABI: where the runner leaves the arena top (in the 16 unused bytes)
SAFE = 2**53 - 1
SIZES_IN_MEMORY = 4  # js ABI: a lone array result of up to 4 dimensions leaves its sizes at bytes 0..15


def sizes_in_memory(result: Any) -> bool:
    """Does a js-ABI export with manifest result type `result` return the
    array's address alone, its sizes as u32 at bytes 0, 4, ... of memory?"""
    return _is_array(result) and result["ndim"] <= SIZES_IN_MEMORY


# NumPy scalar manifest types -> the base leaf they cross as (their compute
# type); "uint" is a numpy.uint64: an i64 of its bits, unsigned at the boundary.
_NUMPY_LEAVES = {"numpy.float64": "float", "numpy.float32": "float", "numpy.bool_": "bool",
                 "numpy.uint64": "uint"}


def _leaves(t: Any) -> list:
    """Manifest type -> its flattened leaves ("int" | "uint" | "float" | "bool" |
    array dict): a complex is two floats, a NumPy scalar its compute type."""
    if isinstance(t, dict) and "tuple" in t:
        return [x for e in t["tuple"] for x in _leaves(e)]
    if isinstance(t, dict) and "optional" in t:  # T | None: a bool flag, then T's leaves
        return ["bool"] + _leaves(t["optional"])
    if t == "None":
        return []
    if t in ("complex", "numpy.complex128", "numpy.complex64"):
        return ["float", "float"]
    if isinstance(t, str) and t.startswith("numpy."):
        return [_NUMPY_LEAVES.get(t, "int")]
    return [t]


def _is_array(t) -> bool:
    return isinstance(t, dict) and "array" in t


def _internal_types(leaves: list) -> list[int]:
    out = []
    for t in leaves:
        if _is_array(t):  # a strided array (py2wasm.compile's) also passes its strides
            out.extend([bn.i64] * (1 + t["ndim"] * (2 if t.get("strided") else 1)))
        else:
            out.append({"int": bn.i64, "uint": bn.i64, "float": bn.f64, "bool": bn.i32}[t])
    return out


def add_exports(ctx, module, entries: list[dict], abi: str, has_memory: bool) -> None:
    """Export every function of `entries` (manifest entries, in export
    order) through a wrapper in `abi` ("host" or "js")."""
    if abi not in ABIS:
        raise ValueError(f"abi must be one of {', '.join(ABIS)}, got {abi!r}")
    m = ctx.m
    if abi == "js" and has_memory:
        m.add_global(BASE_GLOBAL, bn.i32, True, m.i32(HEAP_BASE))
        m.add_global_export(BASE_GLOBAL, BASE_GLOBAL)
    big = abi == "js" and any(t in ("int", "uint") for e in entries for t in _leaves(e["result"]))
    if big:
        m.add_global(BIG_GLOBAL, bn.i64, True, m.i64(0))
        m.add_global_export(BIG_GLOBAL, BIG_GLOBAL)
    for e in entries:
        _wrapper(ctx, e, abi, has_memory)


def _wrapper(ctx, entry: dict, abi: str, has_memory: bool) -> None:
    from .lower_memory import HEAP_GLOBAL
    m = ctx.m
    name = entry["name"]
    internal = ctx.function_name(name)
    pleaves = [t for p in entry["params"] for t in _leaves(p["type"])]
    rleaves = _leaves(entry["result"])
    takes_arrays = any(_is_array(t) for t in pleaves)
    itypes = _internal_types(pleaves)
    rtypes = _internal_types(rleaves)
    params: list[int] = []
    args = []
    from .lower_data import entry_resets
    stmts = entry_resets(ctx)  # constant tables copied into the arena by an earlier call
    if abi == "host":
        if not has_memory:  # nothing to do: export the function itself
            m.add_function_export(internal, name)
            return
        params = list(itypes)
        args = [m.local_get(i, t) for i, t in enumerate(itypes)]
        if takes_arrays:  # the host wrote the arena top (past the arguments) at TOP_ADDRESS
            from .lower_memory import i64_load
            stmts.append(m.global_set(HEAP_GLOBAL, i64_load(m, m.i32(TOP_ADDRESS))))
        else:
            stmts.append(m.global_set(HEAP_GLOBAL, m.i64(HEAP_BASE)))
    else:
        if takes_arrays:  # the arena top after the copied arguments
            params.append(bn.i32)
            stmts.append(m.global_set(HEAP_GLOBAL, m.unary(Op.ExtendUInt32, m.local_get(0, bn.i32))))
        elif has_memory:
            stmts.append(m.global_set(HEAP_GLOBAL, m.unary(Op.ExtendUInt32, m.global_get(BASE_GLOBAL, bn.i32))))
        for t in pleaves:
            if _is_array(t):
                for _ in range(1 + t["ndim"]):
                    args.append(m.unary(Op.ExtendUInt32, m.local_get(len(params), bn.i32)))
                    params.append(bn.i32)
            elif t in ("int", "uint"):  # JS passes safe integers (uint64: non-negative ones)
                args.append(m.unary(Op.TruncSatSFloat64ToInt64, m.local_get(len(params), bn.f64)))
                params.append(bn.f64)
            else:
                ty = bn.f64 if t == "float" else bn.i32
                args.append(m.local_get(len(params), ty))
                params.append(ty)
    call = m.call(internal, args, bn.tuple_type(rtypes) if rtypes else bn.none)
    locals_: list[int] = []

    def local(t) -> int:
        locals_.append(t)
        return len(params) + len(locals_) - 1

    if abi == "host" or not any(t in ("int", "uint") or _is_array(t) for t in rleaves):
        stmts.append(call)
        results = rtypes
    else:
        # convert each result leaf; NaN + py2wasm_big for an int out of the safe range
        if len(rtypes) == 1:
            tmp = local(rtypes[0])
            stmts.append(m.local_set(tmp, call))
            raw_fn = [lambda tmp=tmp: m.local_get(tmp, rtypes[0])]
        else:
            tt = bn.tuple_type(rtypes)
            tup = local(tt)
            stmts.append(m.local_set(tup, call))
            raw_fn = []
            for k, t in enumerate(rtypes):
                loc = local(t)
                stmts.append(m.local_set(loc, m.tuple_extract(m.local_get(tup, tt), k)))
                raw_fn.append(lambda loc=loc, t=t: m.local_get(loc, t))
        results = []
        outs = []
        k = 0
        checks = []
        for t in rleaves:
            if _is_array(t):
                for _ in range(1 + t["ndim"]):
                    outs.append(m.unary(Op.WrapInt64, raw_fn[k]()))
                    results.append(bn.i32)
                    k += 1
            elif t in ("int", "uint"):
                v = raw_fn[k]

                if t == "int":
                    def unsafe(v=v):  # |v| > 2**53 - 1
                        return m.binary(Op.GtUInt64, m.binary(Op.AddInt64, v(), m.i64(SAFE)),
                                        m.i64(2 * SAFE))
                else:
                    def unsafe(v=v):  # a uint64 above 2**53 - 1 (its bits, unsigned)
                        return m.binary(Op.GtUInt64, v(), m.i64(SAFE))
                checks.append(m.if_(unsafe(), m.global_set(BIG_GLOBAL, v())))
                outs.append(m.select(unsafe(), m.f64(float("nan")), m.unary(Op.ConvertSInt64ToFloat64, v()),
                                     bn.f64))
                results.append(bn.f64)
                k += 1
            else:
                outs.append(raw_fn[k]())
                results.append(rtypes[k])
                k += 1
        stmts.extend(reversed(checks))  # right to left: the leftmost int out of range wins
        if sizes_in_memory(entry["result"]):  # sizes to bytes 0, 4, ...; the address is the result
            from .lower_memory import i32_store
            stmts.extend(i32_store(m, m.i32(4 * d), outs[1 + d]) for d in range(entry["result"]["ndim"]))
            outs, results = outs[:1], results[:1]
        stmts.append(outs[0] if len(outs) == 1 else m.tuple_make(outs))
    rt = bn.tuple_type(results) if results else bn.none
    body = m.block(None, stmts, rt)
    wname = "export." + name
    m.add_function(wname, params, results, locals_, body)
    m.add_function_export(wname, name)
