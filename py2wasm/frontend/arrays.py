"""NumPy arrays during tracing: the array values (views over linear memory,
lazy elementwise expressions), i64 arithmetic on shapes and addresses, element
access, casts, broadcasting, and the loop nests that materialize expressions
(one loop nest per expression: the fusion).

Place in the pipeline: frontend value semantics (docs/internals.md section
1, "frontend-internal objects with symbolic fields"). The core every other
array module builds on: subscripts (array_indexing.py), stores and copies
(array_assign.py), Python operators and iteration (array_ops.py), transposes
and reshapes (array_shapes.py), and the NumPy functions (nplib.py, npfuncs_*.py).

Trace values introduced here:
- `Arr`: a strided view (dtype, ptr, shape, strides, root). `ptr` is the i64
  byte address of element [0, ..., 0]; `shape` and `strides` (in elements,
  not bytes; `None` = C-contiguous, derived from the shape) are tuples of
  known ints or i64 Vars. Slices, transposes and `None` axes make new views
  and never copy. `root` names the memory block for aliasing decisions:
  ("p", i) for parameter i of an exported function (the host copies each
  argument into its own block; arguments that share memory are views into
  one block and share the root ("p", g) of their group, `ArrayType.alias`), ("new", n) for a block allocated here, None
  when unknown.
- `Ew`: an elementwise expression over arrays and scalars (a NumPy ufunc
  name, its operands, the result dtype, the broadcast shape). It is lazy: it
  becomes memory only when stored into a variable, returned, passed to a
  call, reduced or assigned (`materialize`, `array_assign.assign`, reductions in
  `npfuncs_reduce`), each time with ONE loop nest that computes every node of the tree
  per element. `np.sqrt(a*a + b*b) * c` is one loop and no temporaries.
- `ArrIter`: the iterator of `for v in a` (a range iterator over axis 0).

Scalars read from arrays (`a[i]`, iteration) are NumPy scalars of the
array's dtype (`NpScalar`, see npscalars.py), as in NumPy.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..ir import BOOL, DTYPES, F64, I64, Var
from ..ir.types import INT_BITS, NARROW_INTS, PY_TYPE, int_range
from .index_arith import (  # noqa: F401  (re-exported: arrays.ic, arrays.iadd ...)
    ic, const_of, known, iadd, isub, imul, icmp, bor, band, bnot, isel, imax, imin,
    ifloordiv_pos, iprod, c_int)
from .iterators import RangeIter
from . import npscalars as nps
from .values import E_TYPE, TraceRaise, error, is_complex, scalar_type


FLOATS = ("float64", "float32")


def _itemsize(dtype: str) -> int:
    from .complex_arrays import itemsize  # complex128/complex64 are not DTYPES
    return itemsize(dtype)


def _cx(dtype) -> bool:
    return dtype in ("complex128", "complex64")
INTS = tuple(INT_BITS)
_fresh = itertools.count()


# --- values ------------------------------------------------------------------------------

class Arr:
    """A strided view of linear memory (see the module docstring). `c_order`:
    explicit strides known to be in C order of magnitude (a basic-slicing
    view of a C-contiguous array), so NumPy's K order of it is C order
    (frontend/korder_layout.py); False when unknown. `readonly`: NumPy's
    read-only views (`diagonal`, `broadcast_to`; frontend/npshape_views.py):
    a write through one raises NumPy's ValueError, and views of it keep it;
    a bool Var when only the run time knows (a reshape that is a view or a
    copy by its strides: viewcopy.view_or_copy; `check_writeable`)."""
    __slots__ = ("dtype", "ptr", "shape", "strides", "root", "c_order", "readonly")

    def __init__(self, dtype: str, ptr, shape: tuple, strides: Optional[tuple] = None,
                 root=None, c_order: bool = False, readonly: "bool | Var" = False):
        self.dtype = dtype
        self.ptr = ptr
        self.shape = tuple(shape)
        self.strides = None if strides is None else tuple(strides)
        self.root = root
        self.c_order = c_order and self.strides is not None
        self.readonly = readonly

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def itemsize(self) -> int:
        return _itemsize(self.dtype)

    def __repr__(self):
        return f"Arr({self.dtype}, {self.shape}, {self.strides}, root={self.root})"


@dataclass(frozen=True, eq=False)
class Ew:
    """A lazy elementwise expression (see the module docstring)."""
    op: str
    args: tuple
    dtype: str
    shape: tuple
    loop: tuple = ()  # the dtypes the operands are cast to (NumPy's ufunc loop)

    @property
    def ndim(self) -> int:
        return len(self.shape)


@dataclass(frozen=True, eq=False)
class ListLit:
    """A list literal `[a, b]`. Lists are not supported as values: this one can
    only be passed to NumPy functions (as a sequence) or looped over; any
    other use is a CompileError (it has no operators, methods or items)."""
    items: tuple


def unlist(v):
    """ListLits (nested) as tuples, for NumPy functions taking sequences."""
    if isinstance(v, ListLit):
        return tuple(unlist(x) for x in v.items)
    if type(v) is tuple and any(isinstance(x, (ListLit, tuple)) for x in v):
        return tuple(unlist(x) for x in v)
    return v


@dataclass(frozen=True, eq=False)
class ArrIter:
    """`iter(a)` over axis 0 of an array view: `pos` iterates the indices."""
    arr: Arr
    pos: RangeIter


def is_array(v) -> bool:
    return isinstance(v, (Arr, Ew))


def dtype_of(v) -> str:
    """NumPy dtype of an array value; of a Python scalar, the dtype NumPy gives it
    alone (operands combine with `loop_dtypes`, which treats them as weak)."""
    if is_array(v):
        return v.dtype
    if nps.is_np(v):
        return nps.dtype_name(v)
    from .complex_scalars import scalar_dtype
    if scalar_dtype(v) is not None:
        return scalar_dtype(v)
    t = scalar_type(v)
    return {I64: "int64", F64: "float64", BOOL: "bool"}[t]


def pytype_of(v):
    """A weak Python scalar's type for NumPy's type resolution (NEP 50)."""
    return PY_TYPE[scalar_type(v)]


def strides_of(fb, a: Arr) -> tuple:
    if a.strides is not None:
        return a.strides
    out = []
    s = 1
    for n in reversed(a.shape):
        out.append(s)
        s = imul(fb, s, n)
    return tuple(reversed(out))


def size_of(fb, v):
    return iprod(fb, v.shape)


def with_root_for_state(a: Arr):
    """The root an array keeps across a join: exported parameters only."""
    return a.root if isinstance(a.root, tuple) and a.root[0] == "p" else None


# --- NumPy's writeable flag ------------------------------------------------------------------

def check_writeable(fb, a: "Arr", msg: str, loc) -> None:
    """Raise NumPy's ValueError(msg) for a write into `a` when it is
    read-only: at trace time when `a.readonly` is True, at run time when it
    is a bool Var (a reshape that is a view of a read-only array or a
    copy, decided by run-time strides: viewcopy.view_or_copy)."""
    if a.readonly is True:
        raise TraceRaise("ValueError", msg)
    if isinstance(a.readonly, Var):
        fb.raise_if(a.readonly, "ValueError", msg, loc)


# --- state keys and block parameters (used by state.py) --------------------------------

def key_of_array(v, key_of):
    if isinstance(v, Arr):
        st = None if v.strides is None else tuple(
            ("k", s) if known(s) else I64 for s in v.strides)
        return ("arr", v.dtype, tuple(key_of(s) for s in v.shape), st, with_root_for_state(v)) + (
            ("c",) if v.c_order else ()) + (
            ("ro",) if v.readonly is True else ("ro?",) if isinstance(v.readonly, Var) else ())
    if isinstance(v, ArrIter):
        return ("arri", key_of_array(v.arr, key_of), key_of(v.pos))
    raise TypeError(f"unexpected {type(v).__name__}")


def array_leaves(v, leaves, out):
    if isinstance(v, Arr):
        leaves(v.ptr, out)
        for s in v.shape:
            leaves(s, out)
        if v.strides is not None:
            out.extend(s for s in v.strides if isinstance(s, Var))
        if isinstance(v.readonly, Var):
            out.append(v.readonly)
    elif isinstance(v, ArrIter):
        array_leaves(v.arr, leaves, out)
        leaves(v.pos, out)
    return out


def array_rebuild(v, rebuild, it):
    if isinstance(v, Arr):
        ptr = rebuild(v.ptr, it)
        shape = tuple(rebuild(s, it) for s in v.shape)
        strides = None if v.strides is None else tuple(
            next(it) if isinstance(s, Var) else s for s in v.strides)
        readonly = next(it) if isinstance(v.readonly, Var) else v.readonly
        return Arr(v.dtype, ptr, shape, strides, with_root_for_state(v), v.c_order, readonly)
    if isinstance(v, ArrIter):
        return ArrIter(array_rebuild(v.arr, rebuild, it), rebuild(v.pos, it))
    raise TypeError(type(v).__name__)


# --- loops ---------------------------------------------------------------------------------

def loop(fb, n, carried: list, body, parallel: bool = False):
    """for i in range(n): carried = body(i, carried). Returns the final carried.
    `parallel`: the caller promises the iterations are independent (each
    reads only memory no other iteration writes, e.g. a fresh output or an
    exactly aliasing in-place update): the header gets the IR loop metadata
    {"loop": "parallel"} the vectorizer (passes/vectorize.py) relies on."""
    types = [c.type for c in carried]
    n = ic(fb, n)
    header = fb.new_block([I64] + types)
    if parallel:
        header.meta["loop"] = "parallel"
    inner = fb.new_block()
    exit_ = fb.new_block(types)
    fb.br(header, [fb.const(0)] + list(carried))
    fb.set_block(header)
    i, *cs = header.params
    fb.cond_br(fb.emit("lt", [i, n]), inner, exit_, [], cs)
    fb.set_block(inner)
    new = body(i, cs)
    fb.br(header, [fb.emit("wadd", [i, fb.const(1)])] + list(new))
    fb.set_block(exit_)
    return list(exit_.params)


def loop_nest(fb, shape, carried: list, body, parallel: bool = False):
    """Loops over every index of `shape` in C order; body(idx, carried).
    `parallel`: every loop of the nest is parallel (see `loop`)."""
    shape = list(shape)

    def rec(d, idx, cs):
        if d == len(shape):
            return body(list(idx), cs)
        if known(shape[d]) and shape[d] == 1:
            return rec(d + 1, idx + [fb.const(0)], cs)
        return loop(fb, shape[d], cs, lambda i, c: rec(d + 1, idx + [i], c), parallel)
    return rec(0, [], list(carried))


# --- allocation ------------------------------------------------------------------------------

TOO_BIG = ("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum "
           "possible size.")


def alloc(tr, dtype: str, shape, loc) -> Arr:
    """A new array of `shape` (known ints or i64 Vars), checked as NumPy's
    PyArray_NewFromDescr checks it, dimension by dimension in order: a
    negative one is "negative dimensions are not allowed", and the product of
    the itemsize and the nonzero dimensions beyond int64 "array is too big"
    (ValueErrors, even when another dimension is 0); then the allocation
    (MemoryError when wasm32 memory runs out)."""
    fb = tr.fb
    shape = tuple(shape)
    nbytes = _itemsize(dtype)  # the itemsize times the nonzero dimensions so far (>= 1)
    n = nbytes  # the array's bytes
    for s in shape:
        if known(s):
            if s < 0:
                raise TraceRaise("ValueError", "negative dimensions are not allowed")
            if s == 0:
                n = 0
                continue
            if known(nbytes):
                if nbytes * s >= 2**63:
                    raise TraceRaise("ValueError", TOO_BIG)
            else:
                fb.raise_if(icmp(fb, "gt", nbytes, (2**63 - 1) // s), "ValueError", TOO_BIG, loc)
            nbytes, n = imul(fb, nbytes, s), _size_mul(fb, n, s, loc)
            continue
        fb.raise_if(icmp(fb, "lt", s, 0), "ValueError", "negative dimensions are not allowed", loc)
        limit = ((2**63 - 1) // nbytes if known(nbytes) else
                 fb.emit("floordiv", [ic(fb, 2**63 - 1), nbytes], loc=loc))
        fb.raise_if(icmp(fb, "gt", s, limit), "ValueError", TOO_BIG, loc)  # (limit >= 1 > 0)
        nbytes, n = imul(fb, nbytes, isel(fb, icmp(fb, "gt", s, 0), s, 1)), _size_mul(fb, n, s, loc)
    ptr = fb.emit("alloc", [ic(fb, n)], loc=loc)
    return Arr(dtype, ptr, shape, None, ("new", next(_fresh)))


def _size_mul(fb, n, s, loc):
    """n * s for alloc's byte count (it fits: alloc checked the shape first).
    A checked `mul`, as passes/ranges.py reads it: after `alloc c * m`
    returned, m <= 2**32 // c (the index bounds of loops over the array)."""
    if known(n) and known(s):
        return n * s
    return fb.emit("mul", [ic(fb, n), ic(fb, s)], loc=loc)


# --- element access ------------------------------------------------------------------------

def address(fb, a: Arr, idx, strides=None):
    strides = strides_of(fb, a) if strides is None else strides
    off = 0
    for i, s in zip(idx, strides):
        off = iadd(fb, off, imul(fb, i, s))
    return iadd(fb, a.ptr, imul(fb, off, a.itemsize))


def load(fb, a: Arr, idx, strides=None):
    if _cx(a.dtype):
        from .complex_arrays import load_at
        return load_at(fb, ic(fb, address(fb, a, idx, strides)), a.dtype)
    return fb.emit("load", [ic(fb, address(fb, a, idx, strides))], {"dtype": a.dtype})


def store(fb, a: Arr, idx, value, strides=None):
    if _cx(a.dtype):
        from .complex_arrays import store_at
        return store_at(fb, ic(fb, address(fb, a, idx, strides)), value, a.dtype)
    fb.emit_multi("store", [ic(fb, address(fb, a, idx, strides)), value], {"dtype": a.dtype})


def _tn(v):
    if is_array(v):
        return "array"
    if nps.is_np(v):
        return nps.type_name(nps.dtype_name(v))
    if is_complex(v):
        return "complex"
    t = scalar_type(v)
    return t.pyname if t is not None else type(v).__name__


# --- casts and NumPy's ufunc loops ------------------------------------------------------------

def cast(fb, v, src: str, dst: str, loc=None):
    """An element value of dtype `src` (in its compute type) as dtype `dst`,
    with NumPy's C casts (float -> int truncates; int -> narrower int wraps)."""
    if src == dst:
        return v
    if _cx(src) or _cx(dst):
        from .complex_arrays import cast as cx_cast
        return cx_cast(fb, v, src, dst, loc)
    if known(v):
        v = const_of(fb, v)
    if dst in FLOATS:
        if src in FLOATS:
            x = v
        elif src == "uint64":
            from .unsigned import to_f64
            x = to_f64(fb, v)
        else:
            x = fb.emit("convert", [v], {"to": F64}, loc=loc)
        return fb.emit("f32", [x]) if dst == "float32" and src != "float32" else x
    if dst == "bool":
        return fb.emit("convert", [v], {"to": BOOL}, loc=loc)
    # integer destination
    if src == "bool":
        return fb.emit("convert", [v], {"to": I64}, loc=loc)
    if src in FLOATS:
        if dst == "uint64":
            from .unsigned import from_f64
            return from_f64(fb, v)
        i = fb.emit("ftoi", [v])
        if dst in ("int64", "uint32"):
            # uint32: NumPy's scalar loop goes through int64 (its SIMD loop
            # differs outside [0, 2**32): undefined in C, see docs/arrays.md)
            return i if dst == "int64" else fb.emit("wrap", [i], {"dtype": dst})
        # NumPy casts to int32 (and through it to int16, int8, uint16, uint8)
        # with x86's 32-bit conversion: NaN or outside int32 gives -2**31
        ok = fb.emit("and", [fb.emit("ge", [v, fb.const(-2.0**31)]),
                             fb.emit("lt", [v, fb.const(2.0**31)])])
        i = fb.emit("select", [ok, i, fb.const(-2**31)])
        return fb.emit("wrap", [i], {"dtype": dst})
    slo, shi = int_range(src)
    dlo, dhi = int_range(dst)
    if dlo <= slo and shi <= dhi:  # every value of src fits dst
        return v
    return fb.emit("wrap", [v], {"dtype": dst})


def loop_dtypes(ufunc, operands, loc):
    """NumPy's loop for `ufunc` on these operands: (input dtypes, output dtype).
    Python scalars are weak (NEP 50), arrays strong."""
    from .complex_scalars import is_npcx
    spec = tuple(np.dtype(dtype_of(v)) if is_array(v) or nps.is_np(v) or is_npcx(v)
                 else complex if is_complex(v)
                 else nps.weak(scalar_type(v)) for v in operands)  # a Python bool is bool_
    try:
        res = ufunc.resolve_dtypes(spec + (None,) * ufunc.nout)
    except Exception as e:  # noqa: BLE001 - NumPy's own TypeError/UFuncTypeError
        if isinstance(e, TypeError):  # NumPy raises it when the operation runs
            raise TraceRaise("TypeError", str(e)) from None
        raise error(loc, f"numpy.{ufunc.__name__} on {', '.join(_dtname(v) for v in operands)}"
                    f" is not supported: {e}", "convert the operands with astype()",
                    E_TYPE) from None
    names = [d.name for d in res]
    if any(_cx(n) for n in names):
        from .complex_arrays import check_loop
        check_loop(ufunc.__name__, names, operands, loc)
    for n in names:
        if n not in DTYPES and not _cx(n):
            raise error(loc, f"numpy.{ufunc.__name__} on {', '.join(_dtname(v) for v in operands)}"
                        f" computes in {n}, which is not supported",
                        "convert the operands to float64 or float32 with astype() first",
                        E_TYPE)
    return tuple(names[:ufunc.nin]), names[ufunc.nin]


def _dtname(v):
    return v.dtype if is_array(v) else _tn(v)


def check_weak_int(fb, v, dt, loc):
    """A Python int operand of a loop of a narrow int dtype must fit the dtype
    (NumPy 2: OverflowError 'Python integer 300 out of bounds for uint8')."""
    if scalar_type(v) is not I64 or dt not in INTS:
        return
    if known(v) and not -2**63 <= v < (2**64 if dt in ("uint64", "uint32") else 2**63):
        # NumPy converts to a C long first (a uint64 or uint32 loop: to an
        # unsigned C long long when that fails, so [2**63, 2**64) is taken
        # by uint64, and out of bounds for uint32)
        raise TraceRaise("OverflowError", _C_LONG)
    if dt not in NARROW_INTS + ("uint64",):
        return
    lo, hi = int_range(dt)
    msg = "Python integer {0} out of bounds for %s" % dt
    if known(v):
        if not lo <= v <= hi:
            raise TraceRaise("OverflowError", msg.format(v))
        return
    hi = min(hi, 2**63 - 1)  # a run-time Python int is an int64
    bad = bor(fb, icmp(fb, "lt", v, lo), icmp(fb, "gt", v, hi))
    fb.emit_multi("raise_if_fmt", [bad, v], {"exc": "OverflowError", "msg": msg}, loc=loc)


# --- broadcasting ---------------------------------------------------------------------------

def _fmt_shape(shape, args: list, newaxis=False) -> str:
    parts = []
    for s in shape:
        if newaxis and known(s) and s == -1:
            parts.append("newaxis")  # NumPy's reshape message spells -1 so
        elif known(s):
            parts.append(str(s))
        else:
            parts.append("{%d}" % len(args))
            args.append(s)
    return "(" + ",".join(parts) + ("," if len(shape) == 1 else "") + ")"


def broadcast_shapes(fb, shapes, loc, msg_head="operands could not be broadcast together "
                     "with shapes ", sep=" ", exc="ValueError"):
    n = max((len(s) for s in shapes), default=0)
    padded = [(1,) * (n - len(s)) + tuple(s) for s in shapes]
    out = []
    bad = False
    for d in range(n):
        dims = [p[d] for p in padded]
        o = 1
        for x in dims:
            if known(x) and x == 1:
                continue
            if known(o) and o == 1:
                o = x
            elif x is o or (known(x) and known(o) and x == o):
                continue
            elif known(x) and known(o):
                bad = True
            else:
                o = isel(fb, icmp(fb, "eq", o, 1), x, o)
        out.append(o)
        if bad is True:
            break
        for x in dims:
            if (known(x) and x == 1) or x is o:
                continue
            bad = bor(fb, bad, band(fb, icmp(fb, "ne", x, 1), icmp(fb, "ne", x, o)))
    if bad is not False:
        args: list = []
        msg = msg_head + "".join(_fmt_shape(s, args) + sep for s in shapes)  # NumPy's trailing space
        if bad is True and not args:
            raise TraceRaise(exc, msg)
        if len(args) > 8:
            args = []
            msg = msg_head.rstrip() + " of run-time sizes"
        if bad is True:
            bad = fb.const(True)
        fb.emit_multi("raise_if_fmt", [bad] + [ic(fb, a) for a in args],
                      {"exc": exc, "msg": msg}, loc=loc)
    return tuple(out)


def shape_of(v):
    return v.shape if is_array(v) else ()


# --- elementwise expressions ------------------------------------------------------------------

def ufunc_node(tr, ufunc, operands, loc, out_dtype=None):
    """The lazy expression `ufunc(*operands)` (arrays, expressions, scalars)."""
    fb = tr.fb
    from .complex_scalars import is_npcx
    for v in operands:
        if not is_array(v) and scalar_type(v) is None and not nps.is_np(v) \
                and not is_complex(v) and not is_npcx(v):
            raise error(loc, f"numpy.{ufunc.__name__} of a {_tn(v)} is not supported",
                        "pass arrays or numbers", E_TYPE)
    loops, res = loop_dtypes(ufunc, operands, loc)
    from .weakints import exact_int_comparison, uint64_against_runtime_int
    # comparisons are exempt from the range check
    ufunc, operands, loops, check = exact_int_comparison(ufunc, operands, loops)
    below = uint64_against_runtime_int(fb, ufunc, operands, loops) if check else None
    if below is not None:  # uint64_array < v: exact for a negative run-time v too
        operands, check = below[0], False
    for v, dt in zip(operands, loops):
        if check and not is_array(v):
            check_weak_int(fb, v, dt, loc)
    # a known Python int in a float loop is a float constant (2**64 too)
    operands = tuple(_int_as_float(v) if dt in FLOATS and type(v) is int and known(v) else v
                     for v, dt in zip(operands, loops))
    shape = broadcast_shapes(fb, [shape_of(v) for v in operands], loc)
    node = Ew(ufunc.__name__, tuple(operands), out_dtype or res, shape, loops)
    if below is not None:
        neg, answer = below[1], below[2]
        if not answer:
            neg = fb.emit("not", [neg], loc=loc)
        node = Ew("logical_or" if answer else "logical_and", (node, neg), "bool", shape,
                  ("bool", "bool"))
    if ufunc is np.power and loops[1] not in FLOATS and not _cx(loops[1]) and not (
            known(operands[1]) and not is_array(operands[1])
            and type(operands[1]) is not nps.NpScalar and operands[1] >= 0):
        # an integer power may raise (negative exponent): NumPy computes it
        # here, before anything later is checked, and even if it is unused
        return materialize(tr, node, loc)
    return node


def _int_as_float(v: int) -> float:
    try:
        return float(v)
    except OverflowError as e:  # NumPy: 'int too large to convert to float'
        raise TraceRaise("OverflowError", str(e)) from None


def where_node(tr, c, x, y, loc):
    fb = tr.fb
    spec = [np.dtype(dtype_of(v)) if is_array(v) or nps.is_np(v) else pytype_of(v)
            for v in (x, y)]  # NumPy scalars are strong (NEP 50), Python numbers weak
    dt = np.result_type(*[s if not isinstance(s, type) else s(0) for s in spec]).name \
        if all(is_array(v) for v in (x, y)) else _weak_result(x, y)
    if dt not in DTYPES:
        raise error(loc, f"numpy.where gives {dt}, which is not supported", "", E_TYPE)
    x, y = (_where_int(v, dt) for v in (x, y))
    shape = broadcast_shapes(fb, [shape_of(v) for v in (c, x, y)], loc)
    return Ew("where", (c, x, y), dt, shape, ("bool", dt, dt))


def _where_int(v, dt):
    """A known Python int branch of np.where outside int64: a float (a float
    result), else NumPy's conversion to a C long (an unsigned C long long
    for [2**63, 2**64), whose bits are then cast to dt like any int64)."""
    if type(v) is not int or -2**63 <= v < 2**63:
        return v
    if dt in FLOATS:
        return _int_as_float(v)
    if not 2**63 <= v < 2**64:
        raise TraceRaise("OverflowError", _C_LONG)
    return v


def _weak_result(*vals):
    strong = [np.dtype(dtype_of(v)) for v in vals if is_array(v) or nps.is_np(v)]
    weak = [pytype_of(v)(0) for v in vals if not is_array(v) and not nps.is_np(v)]
    return np.result_type(*strong, *weak).name


def astype_node(v, dtype: str):
    return Ew("astype", (v,), dtype, shape_of(v), (dtype,))


class Plan:
    """Hoisted per-leaf addressing for evaluating an expression over a shape:
    each array leaf's byte strides with broadcast axes set to 0."""

    def __init__(self, fb, node, shape):
        self.fb = fb
        self.n = len(shape)
        self.leaves: dict[int, tuple] = {}
        self.cache: dict = {}  # loads of the current element (x*x loads x once)
        self.block = None
        self._prepare(node, shape)

    def _prepare(self, v, shape):
        fb = self.fb
        if isinstance(v, Arr):
            if id(v) in self.leaves:
                return
            st = strides_of(fb, v)
            bst = []
            for s, n, o in zip(st, v.shape, shape[len(shape) - v.ndim:]):
                if known(n) and n == 1 and not (known(o) and o == 1):
                    bst.append(0)
                elif n is o or (known(n) and known(o)) or (known(n) and n != 1):
                    bst.append(imul(fb, s, v.itemsize))
                else:
                    bst.append(isel(fb, icmp(fb, "eq", n, 1), 0, imul(fb, s, v.itemsize)))
            self.leaves[id(v)] = (v, [ic(fb, b) if not known(b) else b for b in bst])
        elif isinstance(v, Ew):
            for x in v.args:
                self._prepare(x, shape)

    def addr(self, a: Arr, idx):
        fb = self.fb
        _, bst = self.leaves[id(a)]
        off = a.ptr
        for i, b in zip(idx[self.n - a.ndim:], bst):
            off = iadd(fb, off, imul(fb, i, b))
        return ic(fb, off)


def element(tr, v, idx, plan, loc):
    """The value of expression `v` at index `idx` (compute type of its dtype)."""
    fb = tr.fb
    if isinstance(v, Arr):
        key = (id(v), tuple(id(i) for i in idx))
        if plan.block is not fb.block:
            plan.cache, plan.block = {}, fb.block
        x = plan.cache.get(key)
        if x is None and _cx(v.dtype):
            from .complex_arrays import load_at
            x = plan.cache[key] = load_at(fb, plan.addr(v, idx), v.dtype)
        if x is None:
            x = plan.cache[key] = fb.emit("load", [plan.addr(v, idx)], {"dtype": v.dtype})
        return x
    if not isinstance(v, Ew):
        if nps.is_np(v):
            return nps.var_of(fb, v)
        from .complex_scalars import element_value
        if element_value(v) is not None:
            return element_value(v)
        return v if isinstance(v, Var) else const_of(fb, v)
    vals = []
    for x, dt in zip(v.args, v.loop):
        e = element(tr, x, idx, plan, loc)
        vals.append(cast(fb, e, dtype_of(x), dt, loc))
    if _cx(v.dtype) or any(_cx(d) for d in v.loop) or v.op.startswith("cx."):
        from .complex_arrays import apply as cx_apply
        r = cx_apply(tr, v.op, v.loop, v.dtype, vals, loc)
        if not isinstance(r, (Var, tuple)) and v.dtype in DTYPES:
            # known whatever the element (a real array == a complex with a
            # nonzero imaginary part is False): a constant of the result dtype
            t = DTYPES[v.dtype].compute
            r = fb.const(PY_TYPE[t](r), t)
        return r
    from .ufuncs import apply
    return apply(fb, v.op, v.loop, v.dtype, vals, loc)


def materialize(tr, v, loc, *, contiguous=False, order="C"):
    """An `Arr` holding the value of `v` (a copy for expressions; a view stays
    a view unless `contiguous` is asked and it is not C-contiguous). A copy
    is C-ordered, or with order "K" laid out as NumPy lays out the result
    (frontend/korder_layout.py: the memory order of its operands)."""
    if isinstance(v, Arr):
        if not contiguous or v.strides is None:
            return v
    if not is_array(v):
        return v
    if order == "K" and not contiguous:
        from .korder_layout import materialize_k
        return materialize_k(tr, v, loc)
    fb = tr.fb
    out = alloc(tr, v.dtype, v.shape, loc)
    plan = Plan(fb, v, v.shape)
    ost = strides_of(fb, out)

    def body(idx, cs):
        store(fb, out, idx, element(tr, v, idx, plan, loc), ost)
        return cs
    loop_nest(fb, v.shape, [], body, parallel=True)  # a fresh output
    return out


def scalar_if_0d(tr, v, loc):
    """An operator's or ufunc's result: NumPy returns a NumPy scalar, not a
    0-d array, when every array operand is 0-d (`z * 2` of `z = a.reshape(())`)."""
    if is_array(v) and v.shape == ():
        from .array_indexing import getitem
        return getitem(tr, materialize(tr, v, loc), (), loc)
    return v


def settle(tr, v, loc):
    """Trace value `v` with every lazy expression materialized (tuples too),
    laid out as NumPy lays out the result (order 'K')."""
    if isinstance(v, Ew):
        return materialize(tr, v, loc, order="K")
    if type(v) is tuple and any(isinstance(x, (Ew, tuple)) for x in v):
        return tuple(settle(tr, x, loc) for x in v)
    return v


def settle_frame(tr, frame, loc):
    """A frame whose locals and stack hold no lazy expression (at joins)."""
    frame.locals = [settle(tr, v, loc) for v in frame.locals]
    frame.stack = [settle(tr, v, loc) for v in frame.stack]
    return frame


def param_root(v, i):
    """Parameter i's own root, or the root its placeholder already has: the
    one shared by parameters that alias (`ArrayType.alias`, signature.placeholder)."""
    if isinstance(v, Arr):
        return Arr(v.dtype, v.ptr, v.shape, v.strides, v.root if v.root is not None else ("p", i))
    return v


def settle_return(tr, v, loc):
    """A value crossing a signature: arrays C-contiguous, expressions computed."""
    if is_array(v):
        a = materialize(tr, v, loc, contiguous=True)
        if tr.export and with_root_for_state(a) is not None:
            # the caller gets a new array either way: an argument returned on one
            # path joins a computed array returned on another (`u = u + du` in a loop)
            a = Arr(a.dtype, a.ptr, a.shape, a.strides, None)
        return a
    if type(v) is tuple:
        return tuple(settle_return(tr, x, loc) for x in v)
    return v


_C_LONG = "Python int too large to convert to C long"  # CPython's PyLong_AsLong


__all__ = ["Arr", "Ew", "ArrIter", "is_array", "materialize", "settle", "settle_return",
           "ufunc_node", "where_node", "astype_node", "alloc", "loop", "loop_nest", "element",
           "Plan", "cast", "dtype_of"]
