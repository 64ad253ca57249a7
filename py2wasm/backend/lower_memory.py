"""Lowering of the array primitives: linear memory, the per-call arena
allocator, element loads/stores by dtype, NumPy's C arithmetic (float32
rounding, wrapping integers, IEEE division, C float->int casts) and
exceptions with run-time message arguments.

Place in the pipeline: backend, beside `lower_ops` (its lowerings are
registered into `lower_ops.LOWERINGS` when this module is imported). What
each lowering computes is `ir/interpret.py` + `ir/memory.py`.

The memory ABI (docs/internals.md, "Arrays"):
- the module defines and exports one memory, `memory` (wasm32, growable up
  to 65536 pages), the first time a function uses a memory primitive;
- exported mutable global `py2wasm_heap` (i64): the arena's bump pointer.
  The host sets it to `HEAP_BASE` (16) before each call, allocates the
  argument arrays by bumping it (growing the memory as needed), calls, and
  copies the results out; everything allocated during a call is freed by
  the next reset, so memory does not grow across calls;
- `alloc` rounds to 16 bytes, grows the memory when needed and raises
  MemoryError (ir.messages.ALLOC_FAILED) past 4 GiB or when growing fails;
- `raise_if_fmt` stores its i64 arguments into the exported mutable globals
  `py2wasm_exc_arg0`..`py2wasm_exc_arg7` and raises with a code whose
  exception-table entry has `"args": n`: the message is
  `message.format(arg0, ..., arg{n-1})`; f64 operands travel as their bits
  and bools as 0/1, and the entry's `"kinds"` (ir/messages.py) says how to
  read each one back (absent: all ints).
"""
from __future__ import annotations

import cffi

from ..ir import DTYPES, messages
from ..ir.types import BOOL, F64, INT_BITS
from . import binaryen as bn
from .binaryen import Op
from .lower_ops import LOWERINGS, lowering

HEAP_GLOBAL = "py2wasm_heap"
EXC_ARGS = [f"py2wasm_exc_arg{i}" for i in range(8)]
HEAP_BASE = 16
MAX_PAGES = 65536

_ffi = cffi.FFI()
_ffi.include(bn.ffi)
_ffi.cdef("""
void BinaryenSetMemory(BinaryenModuleRef module, BinaryenIndex initial, BinaryenIndex maximum,
                       const char* exportName, const char** segments, bool* segmentPassive,
                       BinaryenExpressionRef* segmentOffsets, BinaryenIndex* segmentSizes,
                       BinaryenIndex numSegments, bool shared, bool memory64,
                       const char* name);
BinaryenExpressionRef BinaryenLoad(BinaryenModuleRef module, uint32_t bytes, bool signed_,
                                   uint32_t offset, uint32_t align, BinaryenType type,
                                   BinaryenExpressionRef ptr, const char* memoryName);
BinaryenExpressionRef BinaryenStore(BinaryenModuleRef module, uint32_t bytes, uint32_t offset,
                                    uint32_t align, BinaryenExpressionRef ptr,
                                    BinaryenExpressionRef value, BinaryenType type,
                                    const char* memoryName);
BinaryenExpressionRef BinaryenMemoryGrow(BinaryenModuleRef module, BinaryenExpressionRef delta,
                                         const char* memoryName, bool memoryIs64);
BinaryenExpressionRef BinaryenMemorySize(BinaryenModuleRef module, const char* memoryName,
                                         bool memoryIs64);
BinaryenType BinaryenTypeFloat32(void);
BinaryenOp BinaryenDemoteFloat64(void);
BinaryenOp BinaryenPromoteFloat32(void);
BinaryenOp BinaryenExtendS32Int64(void);
""")
_lib = _ffi.dlopen(bn._library_path())  # noqa: SLF001 - the same library binaryen.py opens
NULL = _ffi.NULL
F32 = _lib.BinaryenTypeFloat32()
DEMOTE = _lib.BinaryenDemoteFloat64()
PROMOTE = _lib.BinaryenPromoteFloat32()
EXTEND32 = _lib.BinaryenExtendS32Int64()


def signature_has_arrays(module) -> bool:
    """Does an exported signature take or return arrays? (Then the module
    has a memory even if its code never touches elements.)"""
    from ..ir.types import ArrayType, TupleType

    def has(t):
        return isinstance(t, ArrayType) or (isinstance(t, TupleType) and any(map(has, t.elems)))
    return any(has(t) for n in module.exports for _, t in module.functions[n].sig.params) or \
        any(has(module.functions[n].sig.result) for n in module.exports)


def ensure_memory(ctx) -> None:
    """Memory, heap pointer and exception-argument globals, once per module."""
    if getattr(ctx, "_py2wasm_memory", False):
        return
    ctx._py2wasm_memory = True
    m = ctx.m
    export = _ffi.new("char[]", b"memory")
    name = _ffi.new("char[]", b"0")
    m._keep.extend([export, name])  # noqa: SLF001
    from .lower_data import segments  # constant tables: passive segments (lower_data.py)
    segs = segments(ctx)
    datas = [_ffi.new("char[]", s) for s in segs]
    m._keep.extend(datas)  # noqa: SLF001
    n = len(segs)
    _lib.BinaryenSetMemory(m.ref, 1, MAX_PAGES, export,
                           _ffi.new("char*[]", datas) if n else NULL,
                           _ffi.new("bool[]", [True] * n) if n else NULL,
                           _ffi.new("BinaryenExpressionRef[]", [NULL] * n) if n else NULL,
                           _ffi.new("BinaryenIndex[]", [len(s) for s in segs]) if n else NULL,
                           n, False, False, name)
    m.add_global(HEAP_GLOBAL, bn.i64, True, m.i64(HEAP_BASE))
    m.add_global_export(HEAP_GLOBAL, HEAP_GLOBAL)
    for g in EXC_ARGS:
        m.add_global(g, bn.i64, True, m.i64(0))
        m.add_global_export(g, g)


def _addr(L, v):
    """An i64 address as wasm32's i32 (a sum the lowering marked, in 32
    bits: FunctionLowering._note_narrow_addresses)."""
    m = L.m
    d = getattr(L, "narrow", {}).get(v.id)
    if d is not None:
        a, b = d.ins
        op = Op.AddInt32 if d.prim == "wadd" else Op.SubInt32
        return m.binary(op, m.unary(Op.WrapInt64, L.get(a)), m.unary(Op.WrapInt64, L.get(b)))
    return m.unary(Op.WrapInt64, L.get(v))


_LOAD = {  # dtype -> (bytes, signed, wasm type, convert to compute type)
    "float64": (8, False, "f64", None), "float32": (4, False, "f32", "promote"),
    "bool": (1, False, "i32", "bool"),
}
_LOAD.update({d: (bits // 8, signed and bits < 64, "i64", None)
              for d, (bits, signed) in INT_BITS.items()})


def _wtype(name):
    return {"f64": bn.f64, "f32": F32, "i64": bn.i64, "i32": bn.i32}[name]


def i64_load(m, ptr):
    """`i64.load` (8-byte aligned) at i32 address expression `ptr`."""
    return _lib.BinaryenLoad(m.ref, 8, False, 0, 8, bn.i64, ptr, NULL)


def i32_store(m, ptr, value):
    """`i32.store` (4-byte aligned) of i32 expression `value` at i32 address expression `ptr`."""
    return _lib.BinaryenStore(m.ref, 4, 0, 4, ptr, value, bn.i32, NULL)


@lowering("load")
def _load(L, e):
    ensure_memory(L.ctx)
    m = L.m
    dt = e.params["dtype"]
    nbytes, signed, wt, conv = _LOAD[dt]
    x = _lib.BinaryenLoad(m.ref, nbytes, signed, e.params.get("offset", 0), nbytes, _wtype(wt),
                          _addr(L, e.ins[0]), NULL)
    if conv == "promote":
        x = m.unary(PROMOTE, x)
    elif conv == "bool":
        x = m.binary(Op.NeInt32, x, m.i32(0))
    return [L.set(e.outs[0], x)]


@lowering("store")
def _store(L, e):
    ensure_memory(L.ctx)
    m = L.m
    dt = e.params["dtype"]
    addr, v = e.ins
    x = L.get(v)
    nbytes = DTYPES[dt].size
    if dt == "float32":
        x, wt = L.get32(v), F32  # the f32 local itself for a value kept in one
    elif dt == "float64":
        wt = bn.f64
    elif dt == "bool":
        wt = bn.i32
    else:
        wt = bn.i64
    return [_lib.BinaryenStore(m.ref, nbytes, e.params.get("offset", 0), nbytes, _addr(L, addr), x,
                               wt, NULL)]


def _alloc_helper(ctx, name):
    """(n: i64, exc code: i32) -> i64: bump-allocate n bytes (16-aligned)."""
    from .runtime import _Fn
    ensure_memory(ctx)
    f = _Fn(ctx, [bn.i64, bn.i32], [bn.i64])
    m = f.m
    n, code = 0, 1
    p, new, need = f.local(bn.i64), f.local(bn.i64), f.local(bn.i64)
    heap = m.global_get(HEAP_GLOBAL, bn.i64)
    size_bytes = m.binary(Op.ShlInt64, m.unary(Op.ExtendUInt32, _lib.BinaryenMemorySize(
        m.ref, NULL, False)), m.i64(16))
    fail = ctx.raise_code(f.get(code))
    f.finish(name, [
        f.set(p, heap),
        # new = (p + n + 15) & ~15, with n < 2**63 and p < 2**32: no i64 overflow
        m.if_(m.binary(Op.GtUInt64, f.get(n), m.i64(2**32)), fail),
        f.set(new, m.binary(Op.AndInt64, m.binary(Op.AddInt64, m.binary(
            Op.AddInt64, f.get(p), f.get(n)), m.i64(15)), m.i64(~15))),
        m.if_(m.binary(Op.GtUInt64, f.get(new), m.i64(2**32)), ctx.raise_code(f.get(code))),
        m.if_(m.binary(Op.GtUInt64, f.get(new), size_bytes), m.block(None, [
            f.set(need, m.binary(Op.ShrUInt64, m.binary(
                Op.AddInt64, m.binary(Op.SubInt64, f.get(new), m.binary(
                    Op.ShlInt64, m.unary(Op.ExtendUInt32, _lib.BinaryenMemorySize(
                        m.ref, NULL, False)), m.i64(16))), m.i64(65535)), m.i64(16))),
            m.if_(m.binary(Op.EqInt32, _lib.BinaryenMemoryGrow(
                m.ref, m.unary(Op.WrapInt64, f.get(need)), NULL, False), m.i32(-1)),
                ctx.raise_code(f.get(code))),
        ])),
        m.global_set(HEAP_GLOBAL, f.get(new)),
        m.return_(f.get(p)),
    ])


@lowering("alloc")
def _alloc(L, e):
    ensure_memory(L.ctx)
    m = L.m
    from .runtime import HELPERS
    HELPERS.setdefault("array_alloc", _alloc_helper)
    fn = L.ctx.helper("array_alloc")
    code = L.code("MemoryError", messages.ALLOC_FAILED, e.loc)
    return [L.set(e.outs[0], m.call(fn, [L.get(e.ins[0]), m.i32(code)], bn.i64))]


@lowering("f32")
def _f32(L, e):
    m = L.m
    return [L.set32(e.outs[0], L.get32(e.ins[0]))]


@lowering("wadd", "wsub", "wmul")
def _wrapping(L, e):
    op = {"wadd": Op.AddInt64, "wsub": Op.SubInt64, "wmul": Op.MulInt64}[e.prim]
    a, b = e.ins
    return [L.set(e.outs[0], L.m.binary(op, L.get(a), L.get(b)))]


@lowering("wneg")
def _wneg(L, e):
    return [L.set(e.outs[0], L.m.binary(Op.SubInt64, L.m.i64(0), L.get(e.ins[0])))]


@lowering("wrap")
def _wrap(L, e):
    m = L.m
    dt = e.params["dtype"]
    x = L.get(e.ins[0])
    bits, signed = INT_BITS[dt]
    if bits == 32 and signed:
        x = m.unary(EXTEND32, x)
    elif bits < 64 and signed:  # sign-extend the low bits: shift up, shift back
        k = m.i64(64 - bits)
        x = m.binary(Op.ShrSInt64, m.binary(Op.ShlInt64, x, k), m.i64(64 - bits))
    elif bits < 64:
        x = m.binary(Op.AndInt64, x, m.i64((1 << bits) - 1))
    return [L.set(e.outs[0], x)]


@lowering("fdiv")
def _fdiv(L, e):
    a, b = e.ins
    return [L.set(e.outs[0], L.m.binary(Op.DivFloat64, L.get(a), L.get(b)))]


@lowering("ftoi")
def _ftoi(L, e):
    """C cast on x86-64: NaN or out of int64 range -> -2**63."""
    m = L.m
    x = e.ins[0]
    ok = m.binary(Op.AndInt32, m.binary(Op.GeFloat64, L.get(x), m.f64(-9223372036854775808.0)),
                  m.binary(Op.LtFloat64, L.get(x), m.f64(9223372036854775808.0)))
    return [L.set(e.outs[0], m.select(ok, m.unary(Op.TruncSatSFloat64ToInt64, L.get(x)),
                                      m.i64(-2**63), bn.i64))]


@lowering("raise_if_fmt")
def _raise_if_fmt(L, e):
    ensure_memory(L.ctx)
    m = L.m
    cond, *args = e.ins
    code = L.code(e.params["exc"], e.params["msg"], e.loc)
    table = L.ctx.exceptions
    entry = table.entries[code - 1]
    kinds = e.params.get("kinds")
    kinds = list(kinds) if kinds is not None else None
    if "args" in entry and (entry["args"], entry.get("kinds")) != (len(args), kinds):
        # the same source line traced for other operand types: its own entry
        code = table.duplicate(code)
        entry = table.entries[code - 1]
    entry["args"] = len(args)
    entry.pop("kinds", None)
    if kinds is not None:
        entry["kinds"] = kinds

    def bits(a):  # every operand travels as 64 bits: f64 reinterpreted, bool 0/1
        if a.type is F64:
            return m.unary(Op.ReinterpretFloat64, L.get(a))
        if a.type is BOOL:
            return m.unary(Op.ExtendUInt32, L.get(a))
        return L.get(a)
    sets = [m.global_set(EXC_ARGS[i], bits(a)) for i, a in enumerate(args)]
    raise_ = L.raise_expr(m.i32(code))
    c = L.get(cond)
    return [m.if_(c, m.block(None, sets + [raise_], bn.unreachable_type))]


@lowering("str_to_float")
def _str_to_float(L, e):
    """The host's float of a validated str block: import py2wasm.str_to_float
    (i32 address) -> f64 (runner/strs.py, js/src/strings.ts `sfloat`)."""
    ensure_memory(L.ctx)
    name = L.ctx.host_import(STR_MODULE, "str_to_float", [bn.i32], [bn.f64])
    return [L.set(e.outs[0], L.m.call(name, [_addr(L, e.ins[0])], bn.f64))]


@lowering("str_format")
def _str_format(L, e):
    """format(value, spec) by the host: import py2wasm.str_format (i64 value
    bits, i32 descriptor block, i32 buffer block) -> i32 count (runner/strs.py,
    js/src/strings.ts `sformat`). Operand bits as raise_if_fmt's."""
    ensure_memory(L.ctx)
    m = L.m
    v, desc, buf = e.ins
    bits = L.get(v)
    if v.type is F64:
        bits = m.unary(Op.ReinterpretFloat64, bits)
    elif v.type is BOOL:
        bits = m.unary(Op.ExtendUInt32, bits)
    name = L.ctx.host_import(STR_MODULE, "str_format", [bn.i64, bn.i32, bn.i32], [bn.i32])
    n = m.call(name, [bits, _addr(L, desc), _addr(L, buf)], bn.i32)
    return [L.set(e.outs[0], m.unary(Op.ExtendUInt32, n))]


STR_MODULE = "py2wasm"  # host imports of run-time strings (frontend/strvalues.py)
MEMORY_PRIMITIVES = ("load", "store", "alloc", "f32", "wadd", "wsub", "wmul", "wneg", "wrap",
                     "fdiv", "ftoi", "raise_if_fmt", "str_to_float", "str_format")
assert all(p in LOWERINGS for p in MEMORY_PRIMITIVES)
