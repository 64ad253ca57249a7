"""The IR's primitive operations: their names, arity, typing rules and the
Python exceptions each may raise.

Place in the pipeline: the contract between the frontend (which emits these),
the passes (which rewrite them) and the backend (which lowers every one of
them). Every primitive has *Python* semantics: `floordiv` on i64 rounds toward
negative infinity, `add` on i64 raises OverflowError when the result leaves
the int64 range, `truediv` raises ZeroDivisionError, and so on. A primitive's
implicit exceptions are listed in `raises`; an equation carries the source
location that the exception message names.

Typing rules take the input types and the equation's params and return the
output types, or raise `TypeError` with a human-readable reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .types import BOOL, F64, I64, SCALARS, ScalarType

TypeRule = Callable[[list[ScalarType], dict], list[ScalarType]]


@dataclass(frozen=True)
class Primitive:
    name: str
    nin: int | None  # None: variadic (call)
    rule: TypeRule
    raises: tuple[str, ...] = ()
    pure: bool = True  # False: must not be removed or reordered (raise_if, call)
    doc: str = ""


PRIMITIVES: dict[str, Primitive] = {}


def _def(name, nin, rule, raises=(), pure=True, doc=""):
    PRIMITIVES[name] = Primitive(name, nin, rule, tuple(raises), pure, doc)


def _fail(msg):
    raise TypeError(msg)


def _same(allowed, what="operands"):
    def rule(ts, params):
        if len(set(ts)) != 1 or ts[0] not in allowed:
            _fail(f"expects {len(ts)} {what} of one type among "
                  f"{', '.join(t.name for t in allowed)}, got {', '.join(t.name for t in ts)}")
        return [ts[0]]
    return rule


def _to(out, allowed, same=True):
    def rule(ts, params):
        if any(t not in allowed for t in ts) or (same and len(set(ts)) != 1):
            _fail(f"expects operands among {', '.join(t.name for t in allowed)}"
                  f"{' of one type' if same else ''}, got {', '.join(t.name for t in ts)}")
        return [out]
    return rule


NUM = (I64, F64)

# --- arithmetic (Python semantics) -------------------------------------------
_def("add", 2, _same(NUM), ["OverflowError"], doc="a + b; i64 raises OverflowError outside int64")
_def("sub", 2, _same(NUM), ["OverflowError"], doc="a - b")
_def("mul", 2, _same(NUM), ["OverflowError"], doc="a * b")
_def("truediv", 2, _to(F64, NUM), ["ZeroDivisionError"],
     doc="a / b -> f64; i64 operands give the correctly rounded quotient")
_def("floordiv", 2, _same(NUM), ["ZeroDivisionError", "OverflowError"],
     doc="a // b, rounding toward -inf (float: CPython's float_floor_div)")
_def("mod", 2, _same(NUM), ["ZeroDivisionError"],
     doc="a % b, result has the sign of b (float: CPython's float_rem)")
_def("pow", 2, _same(NUM), ["ZeroDivisionError", "ValueError", "OverflowError"],
     doc="a ** b; i64: ValueError for a negative exponent (CPython would return a "
         "float), OverflowError outside int64; f64: CPython's float_pow rules")
_def("neg", 1, _same(NUM), ["OverflowError"], doc="-a")
_def("abs", 1, _same(NUM), ["OverflowError"], doc="abs(a)")
_def("invert", 1, _same((I64,)), doc="~a")
# --- bitwise --------------------------------------------------------------
_def("and", 2, _same((I64, BOOL)), doc="a & b")
_def("or", 2, _same((I64, BOOL)), doc="a | b")
_def("xor", 2, _same((I64, BOOL)), doc="a ^ b")
_def("shl", 2, _same((I64,)), ["ValueError", "OverflowError"],
     doc="a << b; ValueError for negative count, OverflowError outside int64")
_def("shr", 2, _same((I64,)), ["ValueError"],
     doc="a >> b (arithmetic; counts >= 64 give 0 or -1); ValueError for negative count")
# --- comparisons ---------------------------------------------------------
# Operands may mix i64 and f64: the comparison is exact, as in CPython
# (2**53 + 1 != 2.0**53). bool only compares with bool.


def _cmp_rule(ts, params):
    a, b = ts
    if a == b or (a in NUM and b in NUM):
        return [BOOL]
    _fail(f"cannot compare {a.name} with {b.name}")


for _n in ("eq", "ne", "lt", "le", "gt", "ge"):
    _def(_n, 2, _cmp_rule, doc=f"a {_n} b -> bool, exact across int/float")
_def("not", 1, _same((BOOL,)), doc="not a")
# --- conversions ---------------------------------------------------------


def _convert_rule(ts, params):
    to = params.get("to")
    if to not in SCALARS:
        _fail(f"convert needs params to= a scalar type, got {to!r}")
    return [to]


_def("convert", 1, _convert_rule, ["ValueError", "OverflowError"],
     doc="Python conversion to params['to']: f64->i64 is int(x) (truncates; NaN "
         "raises ValueError, inf or out of int64 OverflowError); i64->f64 is "
         "float(x) (round half even); any->bool is truthiness (NaN is True); "
         "bool->i64/f64 is 0/1")
# --- float functions (IEEE, no exceptions) --------------------------------
for _n in ("sqrt", "floor", "ceil", "trunc", "nearest", "fabs"):
    _def(_n, 1, _same((F64,)), doc=f"IEEE {_n} on f64 (nearest rounds half to even)")
_def("copysign", 2, _same((F64,)), doc="copysign(a, b)")
for _n in ("isnan", "isinf", "isfinite"):
    _def(_n, 1, _to(BOOL, (F64,)), doc=f"math.{_n}")

# Transcendental functions: host-provided (imported) or built-in
# implementations. No exception here: the frontend emits the domain checks
# CPython's math module makes (raise_if).
MATH_UNARY = ("exp", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
              "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
              "erf", "erfc", "gamma", "lgamma")
# the C library's name where it differs (C's gamma() is lgamma; tgamma is Gamma)
MATH_C_NAMES = {"gamma": "tgamma"}
MATH_BINARY = ("pow", "atan2", "hypot", "fmod")
MATH_TERNARY = ("fma",)  # correctly rounded x*y + z (C fma)


def _math_rule(ts, params):
    fn = params.get("fn")
    if fn in MATH_UNARY:
        want = 1
    elif fn in MATH_BINARY:
        want = 2
    elif fn in MATH_TERNARY:
        want = 3
    else:
        _fail(f"unknown math function {fn!r}")
    if len(ts) != want or any(t != F64 for t in ts):
        _fail(f"math.{fn} takes {want} f64 operand(s), got {', '.join(t.name for t in ts)}")
    return [F64]


# --- bit reinterpretation (py2wasm.intrinsics) ---------------------------
_def("f64_to_bits", 1, _to(I64, (F64,)),
     doc="the IEEE-754 bits of an f64 as a signed i64 (wasm i64.reinterpret_f64)")
_def("f64_from_bits", 1, _to(F64, (I64,)),
     doc="the f64 whose IEEE-754 bits are the i64 (wasm f64.reinterpret_i64)")

_def("math", None, _math_rule,
     doc="C-libm-style params['fn'] on f64 (pow here is C pow, no Python checks)")
# --- misc ----------------------------------------------------------------


def _select_rule(ts, params):
    c, a, b = ts
    if c != BOOL or a != b:
        _fail(f"select expects (bool, T, T), got ({c.name}, {a.name}, {b.name})")
    return [a]


_def("select", 3, _select_rule, doc="c ? a : b (both evaluated)")


def _const_rule(ts, params):
    t = params.get("type")
    v = params.get("value")
    if t not in SCALARS:
        _fail(f"const needs a scalar type, got {t!r}")
    if t == I64:
        ok = type(v) is int and -2**63 <= v < 2**63
    elif t == F64:
        ok = type(v) is float
    else:  # BOOL
        ok = type(v) is bool
    if not ok:
        _fail(f"const value {v!r} does not fit type {t.name}")
    return [t]


_def("const", 0, _const_rule, doc="params value= (Python int/float/bool), type=")


def _raise_if_rule(ts, params):
    if ts not in ([BOOL], [BOOL, BOOL]):
        _fail("raise_if expects one or two bool operands")
    if not params.get("exc") or not isinstance(params.get("msg"), str):
        _fail("raise_if needs params exc= (exception name) and msg=")
    return []


_def("raise_if", None, _raise_if_rule, pure=False,
     doc="raise params['exc'](params['msg']) when the operand is true; with two operands "
         "when both are (the second is tested only when the first holds: put the rarely "
         "true one first)")


def _call_rule(ts, params):
    # The verifier checks against the callee's signature; here only shape.
    if "fn" not in params or "results" not in params:
        _fail("call needs params fn= (function name) and results= (types)")
    return list(params["results"])


_def("call", None, _call_rule, ["*"], pure=False,
     doc="call IR function params['fn']; may raise whatever the callee raises")


# --- NumPy arrays: linear memory and NumPy's (C's) arithmetic ---------------
# An address is an i64 byte offset into the module's linear memory. Element
# types are the `types.DTYPES` names; an element is computed in its dtype's
# `compute` scalar type. The frontend emits every bounds check before a
# load/store: these never trap. None of these may be reordered across each
# other (pure=False) except the arithmetic ones.
from .types import DTYPES  # noqa: E402


def _dtype_param(params):
    d = DTYPES.get(params.get("dtype"))
    if d is None:
        _fail(f"needs params dtype= one of {', '.join(DTYPES)}, got {params.get('dtype')!r}")
    return d


def _alloc_rule(ts, params):
    if ts != [I64]:
        _fail("alloc expects one i64 operand (bytes)")
    return [I64]


def _load_rule(ts, params):
    d = _dtype_param(params)
    if ts != [I64]:
        _fail("load expects one i64 operand (address)")
    return [d.compute]


def _store_rule(ts, params):
    d = _dtype_param(params)
    if ts != [I64, d.compute]:
        _fail(f"store[{d.name}] expects (i64 address, {d.compute.name} value), got "
              f"({', '.join(t.name for t in ts)})")
    return []


def _wrap_rule(ts, params):
    d = _dtype_param(params)
    if ts != [I64] or d.compute is not I64:
        _fail("wrap expects one i64 operand and an integer dtype")
    return [I64]


def _raise_fmt_rule(ts, params):
    if not ts or ts[0] != BOOL or any(t not in (I64, F64, BOOL) for t in ts[1:]):
        _fail("raise_if_fmt expects (bool, i64|f64|bool...)")
    if len(ts) - 1 > 8:
        _fail("raise_if_fmt takes at most 8 message arguments")
    if not params.get("exc") or not isinstance(params.get("msg"), str):
        _fail("raise_if_fmt needs params exc= and msg= (a str.format template)")
    kinds = params.get("kinds")
    if kinds is not None:
        if not isinstance(kinds, tuple) or len(kinds) != len(ts) - 1:
            _fail("raise_if_fmt params kinds= needs one kind per message argument")
        for k, t in zip(kinds, ts[1:]):
            ok = {"int": I64, "float": F64, "bool": BOOL, "str": I64}.get(k)
            if ok is None and not (isinstance(k, str) and k.startswith("np.")):
                _fail(f"raise_if_fmt: unknown message kind {k!r}")
            if ok is not None and ok != t:
                _fail(f"raise_if_fmt: a {k} message argument must be {ok.name}, got {t.name}")
    return []


_def("str_to_float", 1, _to(F64, (I64,)), pure=False,
     doc="the float of the str block at the address (frontend/strvalues.py's layout), "
         "whose text the frontend validated and normalized to ASCII `[-]digits[.digits]"
         "[e[-]digits]`: the correctly rounded double, by the host (Python's float(), "
         "JavaScript's Number(): both correctly rounded, so identical)")
def _str_format_rule(ts, params):
    if len(ts) != 3 or ts[0] not in (I64, F64, BOOL) or list(ts[1:]) != [I64, I64]:
        _fail("str_format expects (i64|f64|bool value, i64 descriptor, i64 buffer)")
    return [I64]


_def("str_format", 3, _str_format_rule, pure=False,
     doc="format(conv(value), spec) by the host, as CPython: operand 1 is the str block "
         "of the descriptor `kind|conv|spec` (ir/messages.py's format_descriptor: a message "
         "kind, ''/s/r/a, a format spec), operand 2 a str block whose length field is its "
         "capacity; the host writes the text's code points after that field and returns "
         "their count (never more than the capacity: the frontend bounds it). A value of "
         "kind 'str' is the address of its block")


_def("alloc", 1, _alloc_rule, ["MemoryError"], pure=False,
     doc="a fresh 16-byte-aligned block of operand bytes of linear memory (contents "
         "unspecified); MemoryError when linear memory cannot grow to hold it. Freed "
         "when the exported call returns (per-call arena)")
_def("load", 1, _load_rule, pure=False,
     doc="the params['dtype'] element at the address (plus params['offset'], a "
         "constant byte count >= 0, if given: the address must then be in bounds), as "
         "its compute type (exact: float32 -> f64, signed ints sign- and unsigned ints "
         "zero-extended to i64, bool 0/1)")
_def("store", 2, _store_rule, pure=False,
     doc="store the value at the address (plus params['offset'], as for load) as "
         "params['dtype'] (float32: rounded to nearest; narrow ints: the low bits; "
         "bool: 0/1)")


def _data_addr_rule(ts, params):
    if not isinstance(params.get("name"), str):
        _fail("data_addr needs params name= (a constant table of the module)")
    return [I64]


_def("data_addr", 0, _data_addr_rule,
     doc="the address of the module's constant table params['name'] (ir.Module.data): "
         "read-only bytes valid until the exported call returns (loads only; the "
         "verifier checks the name)")
_def("f32", 1, _same((F64,)), doc="round an f64 to the nearest float32 (as an f64)")
for _n, _d in (("wadd", "a + b"), ("wsub", "a - b"), ("wmul", "a * b")):
    _def(_n, 2, _same((I64,)), doc=f"{_d} modulo 2**64 (two's complement, no exception)")
_def("wneg", 1, _same((I64,)), doc="-a modulo 2**64")
_def("wrap", 1, _wrap_rule, doc="the low bits of an i64 as params['dtype'] "
     "(signed: the sign-extended low 8/16/32 bits, unsigned: the low 8/16/32 bits, "
     "int64: itself)")
_def("fdiv", 2, _same((F64,)), doc="IEEE a / b (x/0 is +-inf or nan, no exception)")
_def("ftoi", 1, _to(I64, (F64,)),
     doc="C cast f64 -> i64 truncating toward zero, as NumPy's astype does on x86-64: "
         "NaN and values outside int64 give -2**63")
_def("raise_if_fmt", None, _raise_fmt_rule, pure=False,
     doc="raise params['exc'](params['msg'].format(*ins[1:])) when ins[0] is true; "
         "message arguments are i64, f64 or bool (NumPy's run-time messages: 'index 10 "
         "is out of bounds for axis 0 with size 10'; f-strings); optional params['kinds'] "
         "says which Python object each stands for (ir/messages.format_message)")


# --- SIMD (wasm v128; emitted only by passes/vectorize.py for a SIMD target) -----
# A vector is a VectorType value (types.py): f64x2, f32x4, i64x2, i32x4 and the
# masks m64x2/m32x4 that lane-wise comparisons give. Every operation is
# lane-wise with the NumPy/C semantics of the scalar array primitives: float
# arithmetic is IEEE (`vdiv` is `fdiv`), integer arithmetic wraps (`wadd`...),
# f32x4 arithmetic rounds each lane to float32 (= `f32(op(x, y))` on f32-exact
# lanes for + - * / sqrt). None raises. Loads and stores are unaligned and
# contiguous: lane k is the element at address + k * itemsize.
from .types import (F32X4, F64X2, FLOAT_VECTORS, I32X4, I64X2, INT_VECTORS,  # noqa: E402
                    M32X4, M64X2, VECTORS, VectorType, mask_of)

NUM_VECTORS = FLOAT_VECTORS + INT_VECTORS
# (element dtype in memory, vector type) pairs that vload/vstore support: a
# vector of fewer lanes than 16 / itemsize moves only its lanes' bytes
# (float32 <-> f64x2: two elements, converted exactly / rounded like `store`;
# int32/uint8 <-> i64x2: sign-/zero-extended like `load`, the low bits stored
# like `store`; bool <-> a mask: one 0/1 byte per lane).
VMEMORY = {("float64", F64X2), ("float32", F32X4), ("float32", F64X2),
           ("int64", I64X2), ("int32", I32X4), ("int32", I64X2), ("uint8", I64X2),
           ("bool", M64X2), ("bool", M32X4)}


def _vtype_param(params, allowed=VECTORS):
    t = params.get("vtype")
    if t not in allowed:
        _fail(f"needs params vtype= one of {', '.join(v.name for v in allowed)}, got {t!r}")
    return t


def _vload_rule(ts, params):
    t = _vtype_param(params)
    if (params.get("dtype"), t) not in VMEMORY or ts != [I64]:
        _fail(f"vload expects one i64 address and (dtype, vtype) among "
              f"{sorted((d, v.name) for d, v in VMEMORY)}")
    if params.get("offset") and (params["dtype"], t.name) not in (("float64", "f64x2"),
                                                                  ("float32", "f32x4")):
        _fail("vload with an offset: float64 into f64x2 or float32 into f32x4 only")
    return [t]


def _vstore_rule(ts, params):
    if len(ts) != 2 or ts[0] != I64 or (params.get("dtype"), ts[1]) not in VMEMORY:
        _fail(f"vstore expects (i64 address, vector) with (dtype, vector type) among "
              f"{sorted((d, v.name) for d, v in VMEMORY)}")
    return []


def _vsplat_rule(ts, params):
    t = _vtype_param(params)
    if ts != [t.scalar]:
        _fail(f"vsplat to {t.name} expects one {t.scalar.name}")
    return [t]


def _vbuild_rule(ts, params):
    t = _vtype_param(params, NUM_VECTORS)
    if ts != [t.scalar] * t.lanes:
        _fail(f"vbuild of {t.name} expects {t.lanes} {t.scalar.name} operands")
    return [t]


def _vextract_rule(ts, params):
    if len(ts) != 1 or not isinstance(ts[0], VectorType):
        _fail("vextract expects one vector")
    k = params.get("lane")
    if type(k) is not int or not 0 <= k < ts[0].lanes:
        _fail(f"vextract needs params lane= an int in 0..{ts[0].lanes - 1}")
    return [ts[0].scalar]


def _vsame(allowed):
    return _same(allowed, "vectors")


def _vcmp_rule(ts, params):
    if len(set(ts)) != 1 or ts[0] not in NUM_VECTORS:
        _fail(f"compares two vectors of one type among f64x2, f32x4, i64x2, i32x4, got "
              f"{', '.join(t.name for t in ts)}")
    return [mask_of(ts[0])]


def _vmask_rule(ts, params):
    if ts[0] not in NUM_VECTORS or ts != [ts[0]]:
        _fail("expects one float vector")
    return [mask_of(ts[0])]


def _vselect_rule(ts, params):
    m, a, b = ts
    if a != b or a not in NUM_VECTORS or m != mask_of(a):
        _fail(f"vselect expects (mask, T, T) with the mask of T, got "
              f"({', '.join(t.name for t in ts)})")
    return [a]


def _vf32_rule(ts, params):
    if ts != [F64X2]:
        _fail("vf32 expects one f64x2")
    return [F64X2]


_def("vload", 1, _vload_rule, pure=False,
     doc="params vtype.lanes elements of params['dtype'] at the address (contiguous) "
         "as one vector; float32 into f64x2 converts exactly (params['offset'] as "
         "for load: float64/f64x2 and float32/f32x4 only)")
_def("vstore", 2, _vstore_rule, pure=False,
     doc="store the vector's lanes as contiguous params['dtype'] elements at the "
         "address (float32 from f64x2: each lane rounded to nearest)")
_def("vsplat", 1, _vsplat_rule, doc="a vtype vector with every lane = the scalar "
     "(f32x4: rounded to float32; i32x4: the low 32 bits)")
_def("vbuild", None, _vbuild_rule, doc="a vtype vector of the operands, lane 0 first "
     "(rounded/wrapped like vsplat)")
_def("vextract", 1, _vextract_rule, doc="lane params['lane'] as its scalar type (exact)")
for _n, _d in (("vadd", "+"), ("vsub", "-"), ("vmul", "*")):
    _def(_n, 2, _vsame(NUM_VECTORS), doc=f"lane-wise a {_d} b (IEEE; integers wrap)")
_def("vdiv", 2, _vsame(FLOAT_VECTORS), doc="lane-wise IEEE a / b (fdiv)")
_def("vneg", 1, _vsame(NUM_VECTORS), doc="lane-wise -a (integers wrap)")
for _n in ("vabs", "vsqrt", "vfloor", "vceil", "vtrunc", "vnearest"):
    _def(_n, 1, _vsame(FLOAT_VECTORS), doc=f"lane-wise IEEE {_n[1:]} (nearest: half to even)")
for _n in ("veq", "vne", "vlt", "vle", "vgt", "vge"):
    _def(_n, 2, _vcmp_rule, doc=f"lane-wise a {_n[1:]} b -> mask (IEEE: NaN compares false "
         "except ne)")
_def("visnan", 1, _vmask_rule, doc="lane-wise isnan -> mask")
for _n in ("vand", "vor", "vxor"):
    _def(_n, 2, _vsame(tuple(v for v in VECTORS if v.is_mask)), doc=f"lane-wise mask {_n[1:]}")
_def("vnot", 1, _vsame(tuple(v for v in VECTORS if v.is_mask)), doc="lane-wise mask not")
_def("vselect", 3, _vselect_rule, doc="lane-wise m ? a : b (v128.bitselect)")
_def("vf32", 1, _vf32_rule, doc="each f64x2 lane rounded to the nearest float32 (f32)")


def _vwrap_rule(ts, params):
    if ts != [I64X2] or params.get("dtype") not in ("int64", "int32", "uint8"):
        _fail("vwrap expects one i64x2 and params dtype= int64, int32 or uint8")
    return [I64X2]


_def("vwrap", 1, _vwrap_rule, doc="each i64x2 lane's low bits as params['dtype'] (wrap)")
_def("vfma", 3, _vsame(FLOAT_VECTORS),
     doc="lane-wise a * b + c, fused or not (relaxed SIMD's relaxed_madd: the "
         "implementation chooses; only under fastmath)")

# --- SIMD bit and conversion lane ops (passes/vectorize_math.py: widened libm cores) ---
# Lane-wise versions of the scalar operations the math library's cores use
# (the F_core functions of libm/exp.py, log.py): bit casts, int<->float
# conversions, i64 shifts and bitwise ops, copysign, and "every lane true".
# Total functions, no exception.


def _vbitcast_rule(ts, params):
    t = _vtype_param(params, (F64X2, I64X2))
    if len(ts) != 1 or {ts[0], t} != {F64X2, I64X2}:
        _fail("vbitcast converts between f64x2 and i64x2 (params vtype= the result type)")
    return [t]


def _vconv_rule(src, dst):
    def rule(ts, params):
        if ts != [src]:
            _fail(f"expects one {src.name}")
        return [dst]
    return rule


def _vshift_rule(ts, params):
    if ts != [I64X2, I64]:
        _fail("expects (i64x2, i64 count)")
    return [I64X2]


def _vall_rule(ts, params):
    if len(ts) != 1 or ts[0] not in (M64X2, M32X4):
        _fail("vall expects one mask")
    return [BOOL]


_def("vbitcast", 1, _vbitcast_rule,
     doc="the same 128 bits as params['vtype'] (f64x2 <-> i64x2: f64_to_bits / "
         "f64_from_bits of each lane)")
_def("vftoi", 1, _vconv_rule(F64X2, I64X2),
     doc="each f64x2 lane truncated toward zero and saturated to int32 (NaN -> 0), "
         "as an i64x2 lane (= `convert[to=i64]` for lanes in (-2**31, 2**31))")
_def("vitof", 1, _vconv_rule(I64X2, F64X2),
     doc="each i64x2 lane's low 32 bits, sign-extended, as an exact f64 "
         "(= `convert[to=f64]` for lanes in int32)")
_def("vshl", 2, _vshift_rule, doc="each i64x2 lane << (count mod 64), modulo 2**64")
_def("vshr", 2, _vshift_rule, doc="each i64x2 lane >> (count mod 64), arithmetic")
for _n, _d in (("vband", "&"), ("vbor", "|"), ("vbxor", "^")):
    _def(_n, 2, _vsame((I64X2,)), doc=f"lane-wise i64 a {_d} b")
_def("vcopysign", 2, _vsame((F64X2,)), doc="lane-wise copysign(a, b)")
_def("vall", 1, _vall_rule, doc="bool: every lane of the mask is true")
SIMD_BIT_PRIMITIVES = ("vbitcast", "vftoi", "vitof", "vshl", "vshr", "vband", "vbor", "vbxor",
                       "vcopysign", "vall")

# --- caught exceptions (try/except: frontend/trycatch.py, backend/lower_catch.py) ---------
# An exception is an i64 code (the module's exception table entry, 0: none).
# An equation with params catch=True does not trap when it raises: it stores
# its code in the pending-exception global and ends; `exc_take` then reads
# (and clears) it. A function with `soft` set returns (zeros) instead of
# trapping, its pending exception set, and returns likewise after a call
# that left one pending.
_def("exc_take", 0, lambda ts, params: [I64], pure=False,
     doc="the pending exception's code (0: none), which is cleared")
_def("exc_code", 0, lambda ts, params: [I64], pure=False,
     doc="the code of params['exc'](params['msg']) raised at this equation's location")
_def("exc_is", 1, _to(BOOL, (I64,)),
     doc="the exception of code ins[0] is an instance of the class named params['cls']")
_def("exc_throw", 1, lambda ts, params: [] if ts == [I64] else _fail("exc_throw takes an i64"),
     ["*"], pure=False, doc="raise (again) the exception of code ins[0]")

SIMD_PRIMITIVES = tuple(n for n in PRIMITIVES if n.startswith("v"))


def may_raise(prim: str) -> bool:
    """Whether an equation of `prim` may raise (implicitly, or as its purpose)."""
    p = PRIMITIVES[prim]
    return bool(p.raises) or prim in ("raise_if", "raise_if_fmt")


def type_of(prim: str, ins: list[ScalarType], params: dict) -> list[ScalarType]:
    p = PRIMITIVES.get(prim)
    if p is None:
        raise TypeError(f"unknown primitive {prim!r}")
    if p.nin is not None and len(ins) != p.nin:
        raise TypeError(f"{prim} takes {p.nin} operand(s), got {len(ins)}")
    return p.rule(ins, params)
