"""NumPy arrays during tracing: views over linear memory, lazy elementwise
expressions, indexing with bounds checks, broadcasting, and the loop nests
that materialize expressions (one loop nest per expression: the fusion).

Place in the pipeline: frontend value semantics (docs/internals.md section
1, "frontend-internal objects with symbolic fields"). Called by the opcode
handlers (subscripts, attributes, operators, iteration), by `operators`
(binary/compare/unary on arrays) and by `nplib` (NumPy functions).

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
  call, reduced or assigned (`materialize`, `assign`, reductions in
  `nplib`), each time with ONE loop nest that computes every node of the tree
  per element. `np.sqrt(a*a + b*b) * c` is one loop and no temporaries.
- `ArrIter`: the iterator of `for v in a` (a range iterator over axis 0).

Scalars read from arrays (`a[i]`, iteration) are NumPy scalars of the
array's dtype (`NpScalar`, see npscalars.py), as in NumPy.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Optional

import numpy as np

from ..ir import BOOL, DTYPES, F64, I64, Var
from ..ir.types import INT_BITS, NARROW_INTS, PY_TYPE, int_range
from .iterators import RangeIter
from . import npscalars as nps
from .values import (E_TYPE, E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, TraceRaise, error,
                     is_complex, scalar_type)

FLOATS = ("float64", "float32")


def _itemsize(dtype: str) -> int:
    from .complex_arrays import itemsize  # complex128/complex64 are not DTYPES
    return itemsize(dtype)


def _cx(dtype) -> bool:
    return dtype in ("complex128", "complex64")
INTS = tuple(INT_BITS)
_fresh = itertools.count()


# --- i64 arithmetic on known ints or Vars (addresses and shapes; folded) -----------------

def ic(fb, v) -> Var:
    """An i64 operand: known ints fold exactly here and wrap like the wasm
    operations they stand for (`wadd`, `wmul`) when they become constants: the
    address of an index past the bounds (checked before use) may not fit."""
    if isinstance(v, Var):
        return v
    v = int(v) & 0xFFFFFFFFFFFFFFFF
    return fb.const(v - (1 << 64) if v >= 1 << 63 else v, I64)


def known(v) -> bool:
    return not isinstance(v, Var)


def iadd(fb, a, b):
    if known(a) and known(b):
        return a + b
    if known(a) and a == 0:
        return b
    if known(b) and b == 0:
        return a
    return fb.emit("wadd", [ic(fb, a), ic(fb, b)])


def isub(fb, a, b):
    if known(a) and known(b):
        return a - b
    if known(b) and b == 0:
        return a
    return fb.emit("wsub", [ic(fb, a), ic(fb, b)])


def imul(fb, a, b):
    if known(a) and known(b):
        return a * b
    if (known(a) and a == 0) or (known(b) and b == 0):
        return 0
    if known(a) and a == 1:
        return b
    if known(b) and b == 1:
        return a
    return fb.emit("wmul", [ic(fb, a), ic(fb, b)])


def icmp(fb, op, a, b):
    if known(a) and known(b):
        return {"lt": a < b, "le": a <= b, "eq": a == b, "ne": a != b, "gt": a > b,
                "ge": a >= b}[op]
    return fb.emit(op, [ic(fb, a), ic(fb, b)])


def bor(fb, a, b):
    if a is True or b is True:
        return True
    if a is False:
        return b
    if b is False:
        return a
    return fb.emit("or", [a, b])


def band(fb, a, b):
    if a is False or b is False:
        return False
    if a is True:
        return b
    if b is True:
        return a
    return fb.emit("and", [a, b])


def bnot(fb, a):
    return (not a) if known(a) else fb.emit("not", [a])


def isel(fb, c, a, b):
    if c is True:
        return a
    if c is False:
        return b
    if known(a) and known(b) and a == b:
        return a
    return fb.emit("select", [c, ic(fb, a), ic(fb, b)])


def imax(fb, a, b):
    return isel(fb, icmp(fb, "ge", a, b), a, b)


def imin(fb, a, b):
    return isel(fb, icmp(fb, "le", a, b), a, b)


def ifloordiv_pos(fb, a, k: int):
    """a // k for a known k > 0."""
    if k == 1:
        return a
    if known(a):
        return a // k
    return fb.emit("floordiv", [a, fb.const(k)])


def iprod(fb, xs):
    r = 1
    for x in xs:
        r = imul(fb, r, x)
    return r


# --- values ------------------------------------------------------------------------------

class Arr:
    """A strided view of linear memory (see the module docstring)."""
    __slots__ = ("dtype", "ptr", "shape", "strides", "root")

    def __init__(self, dtype: str, ptr, shape: tuple, strides: Optional[tuple] = None,
                 root=None):
        self.dtype = dtype
        self.ptr = ptr
        self.shape = tuple(shape)
        self.strides = None if strides is None else tuple(strides)
        self.root = root

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


# --- state keys and block parameters (used by state.py) --------------------------------

def key_of_array(v, key_of):
    if isinstance(v, Arr):
        st = None if v.strides is None else tuple(
            ("k", s) if known(s) else I64 for s in v.strides)
        return ("arr", v.dtype, tuple(key_of(s) for s in v.shape), st, with_root_for_state(v))
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
        return Arr(v.dtype, ptr, shape, strides, with_root_for_state(v))
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

def alloc(tr, dtype: str, shape, loc) -> Arr:
    fb = tr.fb
    shape = tuple(shape)
    for s in shape:
        if known(s) and s < 0:
            raise TraceRaise("ValueError", "negative dimensions are not allowed")
    neg = False
    for s in shape:
        if not known(s):
            neg = bor(fb, neg, icmp(fb, "lt", s, 0))
    if neg is not False:
        fb.raise_if(neg, "ValueError", "negative dimensions are not allowed", loc)
    # checked multiplication: a size beyond int64 is an OverflowError, never a wrap
    n = _itemsize(dtype)
    for s in shape:
        if known(n) and known(s):
            n = n * s
            if n >= 2**63:
                raise TraceRaise("MemoryError", "array is too big")
        else:
            n = fb.emit("mul", [ic(fb, n), ic(fb, s)], loc=loc)
    ptr = fb.emit("alloc", [ic(fb, n)], loc=loc)
    return Arr(dtype, ptr, shape, None, ("new", next(_fresh)))


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


def check_index(fb, i, n, axis: int, loc):
    """The non-negative index for `i` on an axis of size `n`, after NumPy's
    IndexError check."""
    msg = "index {0} is out of bounds for axis %d with size {1}" % axis
    if known(i) and known(n):
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise TraceRaise("IndexError", msg.format(i, n))
        return j
    j = isel(fb, icmp(fb, "lt", i, 0), iadd(fb, i, n), i)
    oob = bor(fb, icmp(fb, "lt", j, 0), icmp(fb, "ge", j, n))
    if oob is True:
        raise TraceRaise("IndexError", msg.format(i, n))  # pragma: no cover - needs known n
    if oob is not False:
        fb.emit_multi("raise_if_fmt", [oob, ic(fb, i), ic(fb, n)],
                      {"exc": "IndexError", "msg": msg}, loc=loc)
    return j


def slice_view(fb, s: slice, n, loc=None):
    """(start, length, step) of slice `s` on an axis of size n (Python's
    slice.indices, symbolic when needed)."""
    step = 1 if s.step is None else s.step
    if isinstance(step, Var) and step.type is I64:
        from .indexing_fancy import slice_view_dynamic
        return slice_view_dynamic(fb, s, n, loc)
    if isinstance(step, Var) or type(step) not in (int, bool):
        raise _BadIndex(step, "step")
    if step == 0:
        raise TraceRaise("ValueError", "slice step cannot be zero")
    for b in (s.start, s.stop):
        if b is not None and not (isinstance(b, Var) and b.type is I64) and \
                type(b) not in (int, bool):
            raise _BadIndex(b, "bound")

    def clamp(b, lo_when_neg, hi):
        # b < 0: max(b + n, lo_when_neg); else min(b, hi)
        neg = icmp(fb, "lt", b, 0)
        return isel(fb, neg, imax(fb, iadd(fb, b, n), lo_when_neg), imin(fb, b, hi))

    if step > 0:
        start = 0 if s.start is None else clamp(s.start, 0, n)
        stop = n if s.stop is None else clamp(s.stop, 0, n)
        length = imax(fb, 0, ifloordiv_pos(fb, iadd(fb, isub(fb, stop, start), step - 1), step))
    else:
        start = isub(fb, n, 1) if s.start is None else clamp(s.start, -1, isub(fb, n, 1))
        stop = -1 if s.stop is None else clamp(s.stop, -1, isub(fb, n, 1))
        length = imax(fb, 0, ifloordiv_pos(fb, iadd(fb, isub(fb, start, stop), -step - 1),
                                           -step))
    return start, length, step


class _BadIndex(Exception):
    def __init__(self, v, what):
        self.v = v
        self.what = what


def _tn(v):
    if is_array(v):
        return "array"
    if nps.is_np(v):
        return nps.type_name(nps.dtype_name(v))
    if is_complex(v):
        return "complex"
    t = scalar_type(v)
    return t.pyname if t is not None else type(v).__name__


def _is_mask(key) -> bool:
    return is_array(key) and key.dtype == "bool"


def _mask_check(tr, a: Arr, mask, loc):
    """NumPy's IndexError when a boolean index's shape differs from a's."""
    fb = tr.fb
    if mask.ndim != a.ndim:
        raise error(loc, f"a {mask.ndim}-D boolean index on a {a.ndim}-D array is not "
                    "supported", "use a mask of the array's shape", E_UNSUPPORTED_VALUE)
    mask_shape_check(fb, mask, a.shape, 0, loc)


def mask_shape_check(fb, mask, sizes, axis0, loc):
    """NumPy's IndexError when the boolean index `mask` does not match the
    indexed axes' `sizes` (the first of them is axis `axis0`)."""
    for d, (n, m) in enumerate(zip(sizes, mask.shape)):
        msg = ("boolean index did not match indexed array along axis %d; size of axis is {0} "
               "but size of corresponding boolean axis is {1}" % (axis0 + d))
        bad = icmp(fb, "ne", n, m)
        if bad is True:
            raise TraceRaise("IndexError", msg.format(n, m))
        if bad is not False:
            fb.emit_multi("raise_if_fmt", [bad, ic(fb, n), ic(fb, m)],
                          {"exc": "IndexError", "msg": msg}, loc=loc)


def _mask_count(tr, mask, loc):
    fb = tr.fb
    plan = Plan(fb, mask, mask.shape)
    return loop_nest(fb, mask.shape, [fb.const(0)], lambda idx, cs: [fb.emit("wadd", [
        cs[0], fb.emit("convert", [element(tr, mask, idx, plan, loc)], {"to": I64})])])[0]


def mask_getitem(tr, a: Arr, mask, loc) -> Arr:
    """a[mask]: a new 1-D array of the selected elements in C order."""
    fb = tr.fb
    _mask_check(tr, a, mask, loc)
    count = _mask_count(tr, mask, loc)
    out = alloc(tr, a.dtype, (count,), loc)
    node = Ew("where", (mask, a, a), a.dtype, a.shape, ("bool", a.dtype, a.dtype))
    plan = Plan(fb, node, a.shape)

    def body(idx, cs):
        k = cs[0]
        sel = element(tr, mask, idx, plan, loc)
        then, join = fb.new_block(), fb.new_block([I64])
        fb.cond_br(sel, then, join, [], [k])
        fb.set_block(then)
        store(fb, out, [k], element(tr, a, idx, plan, loc))
        fb.br(join, [fb.emit("wadd", [k, fb.const(1)])])
        fb.set_block(join)
        return [join.params[0]]
    loop_nest(fb, a.shape, [fb.const(0)], body)
    return out


def mask_setitem(tr, a: Arr, mask, value, loc) -> None:
    """a[mask] = value: a number, or an array of one value per true element
    (or of one element), in C order."""
    fb = tr.fb
    _mask_check(tr, a, mask, loc)
    mask = materialize(tr, mask, loc)
    if is_array(value):
        value = materialize(tr, value, loc, contiguous=True)
        if value.ndim != 1:
            raise error(loc, "assigning a multi-dimensional array through a boolean index is "
                        "not supported", "assign a number or a 1-D array", E_UNSUPPORTED_VALUE)
        if value.root is not None and value.root == a.root:
            value = copy(tr, value, loc)
        count = _mask_count(tr, mask, loc)
        n = value.shape[0]
        bad = band(fb, icmp(fb, "ne", n, count), icmp(fb, "ne", n, 1))
        msg = ("NumPy boolean array indexing assignment cannot assign {0} input values to the "
               "{1} output values where the mask is true")
        if bad is True:
            raise TraceRaise("ValueError", msg.format(n, count))
        if bad is not False:
            fb.emit_multi("raise_if_fmt", [bad, ic(fb, n), ic(fb, count)],
                          {"exc": "ValueError", "msg": msg}, loc=loc)
        step = isel(fb, icmp(fb, "eq", n, 1), 0, 1)
    else:
        x = scalar_to_dtype(tr, value, a.dtype, loc)
    plan = Plan(fb, Ew("where", (mask, a, a), a.dtype, a.shape, ("bool", a.dtype, a.dtype)),
                a.shape)

    def body(idx, cs):
        k = cs[0]
        sel = element(tr, mask, idx, plan, loc)
        then, join = fb.new_block(), fb.new_block([I64])
        fb.cond_br(sel, then, join, [], [k])
        fb.set_block(then)
        if is_array(value):
            v = cast(fb, load(fb, value, [imul(fb, k, step)]), value.dtype, a.dtype, loc)
        else:
            v = x
        fb.emit_multi("store", [plan.addr(a, idx), v], {"dtype": a.dtype})
        fb.br(join, [fb.emit("wadd", [k, fb.const(1)])])
        fb.set_block(join)
        return [join.params[0]]
    loop_nest(fb, a.shape, [fb.const(0)], body)


def _index_value(k, loc, fb=None):
    """An index item with NumPy integer scalars as Python ints (NumPy takes
    them as indices; a numpy.uint64 from 2**63 up raises OverflowError, as
    NumPy's conversion to a C long; a numpy.bool_ index is not supported)."""
    if nps.is_np(k) and nps.dtype_name(k) == "uint64" and fb is not None:
        if type(k) is not nps.NpScalar:
            if int(k) >= 2**63:
                raise TraceRaise("OverflowError", _C_LONG)
            return int(k)
        fb.raise_if(fb.emit("lt", [k.var, fb.const(0, I64)]), "OverflowError", _C_LONG, loc=loc)
        return k.var  # below 2**63: the same bits as an int64
    if nps.is_np(k):
        if nps.dtype_name(k) not in INT_BITS or nps.dtype_name(k) == "uint64":
            raise error(loc, f"an array index of type {nps.type_name(nps.dtype_name(k))} is "
                        "not supported", "index with ints, slices, None or ...", E_TYPE)
        return nps.demote(k, loc=loc)
    if isinstance(k, slice) and any(nps.is_np(x) for x in (k.start, k.stop, k.step)):
        return slice(*(_slice_bound(x, loc, fb) for x in (k.start, k.stop, k.step)))
    return k


def _slice_bound(x, loc, fb):
    """A NumPy integer slice bound as a Python int. A numpy.uint64 from 2**63
    up is 2**63 - 1: CPython clamps a slice bound to the index range
    (PySlice_Unpack), so `a[~np.uint64(100):]` is empty, not an error."""
    if nps.is_np(x) and nps.dtype_name(x) == "uint64":
        if type(x) is not nps.NpScalar:
            return min(int(x), 2**63 - 1)
        if fb is not None:
            big = fb.emit("lt", [x.var, fb.const(0, I64)])  # the bits of 2**63 and up
            return fb.emit("select", [big, fb.const(2**63 - 1, I64), x.var])
    return nps.demote(x, loc=loc)


def _no_complex_fancy(a, key, loc):
    from . import indexing_fancy
    if _cx(a.dtype) and (indexing_fancy.wants_fancy(a, key) or _is_mask(key)):
        raise error(loc, "indexing a complex array with an integer or boolean array is not "
                    "supported", "use slices, or loop over the indices", E_UNSUPPORTED_VALUE)


def getitem(tr, a, key, loc, _addr=False):
    """a[key]: an element (Python scalar trace value) or a view. `_addr`:
    an element is returned as (array, address) instead (getitem_view)."""
    a = materialize(tr, a, loc)
    fb = tr.fb
    from . import indexing_fancy
    _no_complex_fancy(a, key, loc)
    if indexing_fancy.wants_fancy(a, key):
        return indexing_fancy.getitem(tr, a, key, loc)
    if _is_mask(key):
        return mask_getitem(tr, a, key, loc)
    items = tuple(_index_value(k, loc, fb) for k in (key if isinstance(key, tuple) else (key,)))
    for k in items:
        if is_array(k):
            raise error(loc, "indexing an array with an integer array (fancy indexing), or "
                        "with a boolean array inside a tuple, is not supported",
                        "use slices, a boolean mask of the array's shape, or a loop",
                        E_UNSUPPORTED_VALUE)
        if type(k) is bool or (isinstance(k, Var) and k.type is not I64):
            raise error(loc, f"an array index of type {_tn(k)} is not supported",
                        "index with ints, slices, None or ...", E_TYPE)
    nreal = sum(1 for k in items if k is not None and k is not Ellipsis)
    if sum(1 for k in items if k is Ellipsis) > 1:
        raise TraceRaise("IndexError", "an index can only have a single ellipsis ('...')")
    if nreal > a.ndim:
        raise TraceRaise("IndexError", f"too many indices for array: array is {a.ndim}-"
                         f"dimensional, but {nreal} were indexed")
    if Ellipsis in items:
        k = items.index(Ellipsis)
        items = items[:k] + (slice(None),) * (a.ndim - nreal) + items[k + 1:]
    else:
        items = items + (slice(None),) * (a.ndim - nreal)
    strides = strides_of(fb, a)
    off = 0
    shape, nstrides = [], []
    d = 0
    for k in items:
        if k is None:
            shape.append(1)
            nstrides.append(0)
            continue
        n, st = a.shape[d], strides[d]
        if isinstance(k, slice):
            try:
                start, length, step = slice_view(fb, k, n, loc)
            except _BadIndex as e:
                if e.what == "step":
                    raise error(loc, "a slice step must be an int known when compiling, got "
                                f"{'a run-time ' if isinstance(e.v, Var) else ''}{_tn(e.v)}",
                                "write the step as a constant", E_TYPE) from None
                raise error(loc, f"a slice bound of type {_tn(e.v)} is not supported",
                            "use ints or None", E_TYPE) from None
            off = iadd(fb, off, imul(fb, start, st))
            shape.append(length)
            nstrides.append(imul(fb, st, step))
        elif isinstance(k, Var) or type(k) is int:
            j = check_index(fb, k, n, d, loc)
            off = iadd(fb, off, imul(fb, j, st))
        else:
            raise error(loc, f"an array index of type {_tn(k)} is not supported",
                        "only integers, slices (`:`), ellipsis (`...`) and numpy.newaxis "
                        "(`None`) are valid indices", E_TYPE)
        d += 1
    ptr = iadd(fb, a.ptr, imul(fb, off, a.itemsize))
    if not shape and _addr:
        return (a, ic(fb, ptr))
    if not shape and _cx(a.dtype):
        from .complex_scalars import element_scalar
        return element_scalar(fb, a.dtype, ic(fb, ptr), loc)
    if not shape:
        return nps.NpScalar(a.dtype, fb.emit("load", [ic(fb, ptr)], {"dtype": a.dtype}, loc=loc))
    # a view that drops leading axes of a C-contiguous array and keeps the rest
    # whole stays C-contiguous
    keep_c = a.strides is None and all(
        not isinstance(k, slice) for k in items[:len(items) - len(shape)]) and all(
        isinstance(k, slice) and k == slice(None) for k in items[len(items) - len(shape):])
    return Arr(a.dtype, ptr, shape, None if keep_c else nstrides, a.root)


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
        v = fb.const(v, scalar_type(v))
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
    if known(v) and not -2**63 <= v < 2**63:  # NumPy converts to a C long first
        raise TraceRaise("OverflowError", _C_LONG)
    if dt not in NARROW_INTS + ("uint64",):
        return
    lo, hi = int_range(dt)
    hi = min(hi, 2**63 - 1)  # a Python int here is an int64
    msg = "Python integer {0} out of bounds for %s" % dt
    if known(v):
        if not lo <= v <= hi:
            raise TraceRaise("OverflowError", msg.format(v))
        return
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
    shape = broadcast_shapes(fb, [shape_of(v) for v in (c, x, y)], loc)
    return Ew("where", (c, x, y), dt, shape, ("bool", dt, dt))


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
        return v if isinstance(v, Var) else fb.const(v, scalar_type(v))
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


def materialize(tr, v, loc, *, contiguous=False):
    """An `Arr` holding the value of `v` (a copy for expressions; a view stays
    a view unless `contiguous` is asked and it is not C-contiguous)."""
    if isinstance(v, Arr):
        if not contiguous or v.strides is None:
            return v
    if not is_array(v):
        return v
    fb = tr.fb
    out = alloc(tr, v.dtype, v.shape, loc)
    plan = Plan(fb, v, v.shape)
    ost = strides_of(fb, out)

    def body(idx, cs):
        store(fb, out, idx, element(tr, v, idx, plan, loc), ost)
        return cs
    loop_nest(fb, v.shape, [], body, parallel=True)  # a fresh output
    return out


def settle(tr, v, loc):
    """Trace value `v` with every lazy expression materialized (tuples too)."""
    if isinstance(v, Ew):
        return materialize(tr, v, loc)
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
        return materialize(tr, v, loc, contiguous=True)
    if type(v) is tuple:
        return tuple(settle_return(tr, x, loc) for x in v)
    return v


def _roots(v, out):
    if isinstance(v, Arr):
        out.append(v.root)
    elif isinstance(v, Ew):
        for x in v.args:
            _roots(x, out)
    return out


def _same_view(a: Arr, b) -> bool:
    return isinstance(b, Arr) and a.dtype == b.dtype and a.ptr is b.ptr and \
        a.shape == b.shape and a.strides == b.strides and all(
            x is y or (known(x) and known(y) and x == y) for x, y in zip(a.shape, b.shape))


def _may_overlap(dest: Arr, v) -> bool:
    """Could computing `v` element by element read memory that writing `dest`
    has already changed? Only when they share a root, and v is not exactly the
    destination view read at the same index."""
    if isinstance(v, Arr):
        if _same_view(dest, v):
            return False
        return dest.root is None or v.root is None or dest.root == v.root
    if isinstance(v, Ew):
        return any(_may_overlap(dest, x) for x in v.args)
    return False


def assign(tr, dest: Arr, value, loc, *, casting="unsafe", ufunc=None):
    """dest[...] = value with broadcasting (NumPy's setitem/`out=` semantics)."""
    fb = tr.fb
    if is_array(value):
        if _same_view(dest, value):
            return
        vshape = value.shape
        # value must broadcast to dest's shape
        if len(vshape) > dest.ndim:
            _broadcast_into_error(fb, vshape, dest.shape, loc, force=True)
        for vs, ds in zip(vshape[::-1], dest.shape[::-1]):
            if known(vs) and known(ds) and vs != 1 and vs != ds:
                _broadcast_into_error(fb, vshape, dest.shape, loc, force=True)
        bad = False
        for vs, ds in zip(vshape[::-1], dest.shape[::-1]):
            if known(vs) and vs == 1 or vs is ds:
                continue
            bad = bor(fb, bad, band(fb, icmp(fb, "ne", vs, 1), icmp(fb, "ne", vs, ds)))
        if bad is not False:
            _broadcast_into_error(fb, vshape, dest.shape, loc, cond=bad)
        if _may_overlap(dest, value):
            value = materialize(tr, value, loc, contiguous=True)
            if isinstance(value, Arr) and value.root == dest.root and value is not dest:
                value = copy(tr, value, loc)
        src = dtype_of(value)
    else:
        from .complex_scalars import is_npcx
        if scalar_type(value) is None and not nps.is_np(value) and not is_complex(value) \
                and not is_npcx(value):
            raise error(loc, f"assigning a {_tn(value)} to array elements is not supported",
                        "assign numbers or arrays", E_TYPE)
        src = None
    if casting == "same_kind" and is_array(value) or casting == "same_kind":
        s = value.dtype if is_array(value) else None
        if s is not None and not np.can_cast(s, dest.dtype, "same_kind"):
            raise error(loc, f"Cannot cast ufunc '{ufunc}' output from dtype('{s}') to "
                        f"dtype('{dest.dtype}') with casting rule 'same_kind'",
                        "use an explicit astype() or a new array", E_TYPE)
    scal = None
    if src is None:
        scal = scalar_to_dtype(tr, value, dest.dtype, loc)
    plan = Plan(fb, value, dest.shape) if src is not None else None
    dst = strides_of(fb, dest)

    def body(idx, cs):
        if src is None:
            v = scal
        else:
            v = cast(fb, element(tr, value, idx, plan, loc), src, dest.dtype, loc)
        store(fb, dest, idx, v, dst)
        return cs
    # parallel: a value sharing memory with dest was copied above unless it is
    # dest itself read at the same index (_may_overlap)
    loop_nest(fb, dest.shape, [], body, parallel=True)


def _broadcast_into_error(fb, vshape, dshape, loc, cond=None, force=False):
    force = force or cond is True  # a mismatch known while tracing
    args: list = []
    msg = ("could not broadcast input array from shape " + _fmt_shape(vshape, args)
           + " into shape " + _fmt_shape(dshape, args))
    if force and not args:
        raise TraceRaise("ValueError", msg)
    if len(args) > 8:
        args, msg = [], "could not broadcast input array into the destination shape"
    c = fb.const(True) if force else cond
    fb.emit_multi("raise_if_fmt", [c] + [ic(fb, a) for a in args],
                  {"exc": "ValueError", "msg": msg}, loc=loc)


def scalar_to_dtype(tr, v, dtype, loc):
    """A Python scalar stored into an array of `dtype` (NumPy's setitem:
    int() of a float for integer arrays, OverflowError outside the dtype). A
    NumPy scalar is cast like astype (C casts, no range check), except into
    a signed integer array, where NumPy converts a NumPy scalar of another
    type through a Python int as well (`int8_array[0] = np.int64(300)`
    raises OverflowError, `= np.float64(nan)` ValueError)."""
    fb = tr.fb
    from .complex_scalars import is_npcx, to_dtype
    if _cx(dtype) or is_npcx(v):
        return to_dtype(tr, v, dtype, loc)
    if nps.is_np(v):
        sd = nps.dtype_name(v)
        if dtype not in _SIGNED or sd in (dtype, "bool"):
            return cast(fb, nps.var_of(fb, v), sd, dtype, loc)
        if type(v) is not nps.NpScalar:
            v = v.item()  # the Python int or float
        elif sd in FLOATS:
            v = nps.as_float(fb, v, loc)
        else:
            if sd == "uint64":  # from 2**63 up: no C long
                fb.raise_if(fb.emit("lt", [v.var, fb.const(0, I64)]), "OverflowError", _C_LONG,
                            loc)
            v = v.var
    t = scalar_type(v)
    if known(v) and not isinstance(v, (bool, int, float)):  # e.g. a complex folded from constants
        try:
            (float if dtype in FLOATS else int if dtype != "bool" else bool)(v)
        except TypeError as e:  # NumPy's setitem raises the same TypeError at run time
            raise TraceRaise("TypeError", str(e)) from None
    if is_complex(v):
        raise error(loc, f"storing a complex into a {dtype} array is not supported",
                    "complex arrays are not supported yet: store z.real, z.imag or abs(z)",
                    E_TYPE)
    if dtype in FLOATS:
        x = v if t is F64 else (float(v) if known(v) else fb.emit("convert", [v], {"to": F64}))
        x = ic(fb, x) if not known(x) else fb.const(float(x), F64)
        return fb.emit("f32", [x]) if dtype == "float32" else x
    if dtype == "bool":
        if known(v):
            return fb.const(bool(v), BOOL)
        return v if t is BOOL else fb.emit("convert", [v], {"to": BOOL}, loc=loc)
    if t is F64:
        if known(v):
            try:
                v = int(v)
            except (ValueError, OverflowError) as e:
                raise TraceRaise(type(e).__name__, str(e)) from None
        else:
            # NumPy's setitem: int(x) (NaN and inf raise like int()), then a C
            # long: finite floats outside int64 raise with CPython's wording
            x = ic(fb, v)
            big = fb.emit("and", [fb.emit("isfinite", [x]), fb.emit("or", [
                fb.emit("ge", [x, fb.const(2.0**63)]), fb.emit("lt", [x, fb.const(-2.0**63)])])])
            fb.raise_if(big, "OverflowError", _C_LONG, loc)
            v = fb.emit("convert", [x], {"to": I64}, loc=loc)
    elif t is BOOL:
        v = int(v) if known(v) else fb.emit("convert", [v], {"to": I64})
    if known(v) and not -2**63 <= v < 2**63:
        raise TraceRaise("OverflowError", _C_LONG)
    if dtype in NARROW_INTS + ("uint64",):
        check_weak_int(fb, v, dtype, loc)
    return ic(fb, v) if not known(v) else fb.const(v, I64)


_C_LONG = "Python int too large to convert to C long"  # CPython's PyLong_AsLong
_SIGNED = ("int8", "int16", "int32", "int64")


def copy(tr, a, loc) -> Arr:
    """A fresh C-contiguous copy."""
    if isinstance(a, Ew):
        return materialize(tr, a, loc)
    return materialize(tr, Ew("astype", (a,), a.dtype, a.shape, (a.dtype,)), loc)


def setitem(tr, a, key, value, loc):
    if isinstance(a, Ew):
        raise error(loc, "assigning into the result of an expression has no effect",
                    "store the expression in a variable first", E_TYPE)
    from . import indexing_fancy
    _no_complex_fancy(a, key, loc)
    if indexing_fancy.wants_fancy(a, key):
        return indexing_fancy.setitem(tr, a, key, value, loc)
    if _is_mask(key):
        return mask_setitem(tr, a, key, value, loc)
    view = getitem_view(tr, a, key, loc)
    if isinstance(view, tuple):  # a single element
        arr, ptr = view
        fb = tr.fb
        if is_array(value):
            if value.ndim:
                # NumPy: setting an element with a sequence
                raise TraceRaise("ValueError", "setting an array element with a sequence.")
        x = scalar_to_dtype(tr, value, arr.dtype, loc)
        if _cx(arr.dtype):
            from .complex_arrays import store_at
            store_at(fb, ic(fb, ptr), x, arr.dtype, loc)
            return
        fb.emit_multi("store", [ic(fb, ptr), x], {"dtype": arr.dtype}, loc=loc)
        return
    assign(tr, view, settle(tr, value, loc) if isinstance(value, tuple) else value, loc)


def getitem_view(tr, a, key, loc):
    """Like getitem, but an element is returned as (array, address)."""
    fb = tr.fb
    if _cx(a.dtype):
        return getitem(tr, a, key, loc, _addr=True)
    r = getitem(tr, a, key, loc)
    if isinstance(r, nps.NpScalar):
        r = r.var
    if isinstance(r, Var):
        # getitem ended with the element load: drop it and keep its address
        e = fb.block.eqns[-1]
        assert e.prim == "load" and e.outs[0] is r
        fb.block.eqns.pop()
        return (a, e.ins[0])
    return r


# --- Python operators on arrays ------------------------------------------------------------

BINARY_UFUNCS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide,
                 "//": np.floor_divide, "%": np.remainder, "**": np.power, "&": np.bitwise_and,
                 "|": np.bitwise_or, "^": np.bitwise_xor, "<<": np.left_shift,
                 ">>": np.right_shift}
COMPARE_UFUNCS = {"<": np.less, "<=": np.less_equal, "==": np.equal, "!=": np.not_equal,
                  ">": np.greater, ">=": np.greater_equal}
UNARY_UFUNCS = {"-": np.negative, "+": np.positive, "~": np.invert}


def _operand(tr, v, loc):
    from .complex_scalars import is_npcx
    if is_array(v) or scalar_type(v) is not None or nps.is_np(v) or is_complex(v) \
            or is_npcx(v):
        return v
    if isinstance(v, tuple):
        from .nplib import array_from
        return array_from(tr, v, None, loc)
    raise error(loc, f"an array operation with a {_tn(v)} is not supported",
                "combine arrays with arrays or numbers", E_TYPE)


def binary(tr, op, a, b, loc):
    if op == "@":
        if (is_array(a) and _cx(a.dtype)) or (is_array(b) and _cx(b.dtype)):
            from .complex_calls import dot
            return dot(tr, a, b, loc, "matmul")
        from .nplib import matmul
        return matmul(tr, a, b, loc)
    if op not in BINARY_UFUNCS:
        raise error(loc, f"operator {op} on arrays is not supported", "", E_TYPE)
    if op == "**" and is_array(a) and _cx(a.dtype):
        from .complex_calls import power
        return power(tr, a, b, loc)
    if op == "**" and is_array(a) and type(b) in (int, float) and b in (2, 0.5, -1, 1) \
            and (a.dtype in FLOATS or type(b) is int and b in (1, 2)) \
            and not (a.dtype == "bool" and b == 1):  # NumPy: bool ** 1 is power's int64
        # NumPy's fast scalar powers: square, sqrt, reciprocal, positive (same values
        # as its fast path, which differ from pow() in the last bit)
        fast = {2: np.square, 0.5: np.sqrt, -1: np.reciprocal, 1: np.positive}[b]
        node = ufunc_node(tr, fast, [a], loc)
        want = loop_dtypes(np.power, [a, b], loc)[1]
        return node if node.dtype == want else astype_node(node, want)
    if op == "**" and is_array(a) and isinstance(b, Var) and b.type in (I64, F64):
        return _runtime_scalar_power(tr, a, b, loc)
    return ufunc_node(tr, BINARY_UFUNCS[op], [_operand(tr, a, loc), _operand(tr, b, loc)],
                      loc)


def _runtime_scalar_power(tr, a, b: Var, loc):
    """array ** a run-time Python scalar. NumPy's operator looks at the
    exponent's value: 2 is np.square (on bool arrays: int8), and on float
    arrays -1 is np.reciprocal and 0.5 is np.sqrt (sqrt(-0.0) is -0.0 and
    sqrt(-inf) nan, where pow gives 0.0 and inf). Each fast path is selected
    by value here, element by element, in the same fused loop."""
    if b.type is I64 and a.dtype == "bool":
        raise error(loc, "a bool array ** a run-time int is not supported: NumPy's result "
                    "dtype depends on the value (int8 for 2, int64 otherwise)",
                    "write a constant exponent, or astype() the array first", E_TYPE)
    node = ufunc_node(tr, np.power, [a, b], loc)
    if a.dtype not in FLOATS:
        return node
    fb = tr.fb
    for k, fast in ([(0.5, np.sqrt)] if b.type is F64 else [(2, np.square), (-1, np.reciprocal)]):
        is_k = fb.emit("eq", [b, fb.const(k, b.type)])
        node = where_node(tr, is_k, ufunc_node(tr, fast, [a], loc), node, loc)
    return node


def compare(tr, op, a, b, loc):
    return ufunc_node(tr, COMPARE_UFUNCS[op], [_operand(tr, a, loc), _operand(tr, b, loc)],
                      loc)


def unary(tr, op, a, loc):
    if op == "not":
        return bnot(tr.fb, truth(tr, a, loc))
    return ufunc_node(tr, UNARY_UFUNCS[op], [a], loc)


def inplace(tr, op, a: Arr, b, loc):
    """a op= b: computed into a's memory (NumPy's same_kind casting)."""
    if op == "@":
        raise error(loc, "in-place matrix multiplication (@=) is not supported",
                    "write a = a @ b", E_TYPE)
    fb = tr.fb
    broadcast_shapes(fb, [a.shape, shape_of(b), a.shape], loc)  # NumPy lists `out` too
    node = binary(tr, op, a, b, loc)
    if node.dtype != a.dtype and not np.can_cast(node.dtype, a.dtype, "same_kind"):
        raise error(loc, f"Cannot cast ufunc '{node.op}' output from dtype('{node.dtype}') to "
                    f"dtype('{a.dtype}') with casting rule 'same_kind'",
                    "NumPy raises UFuncTypeError here; use a = a op b or astype()", E_TYPE)
    # the result must have a's shape (NumPy: non-broadcastable output operand)
    fb = tr.fb
    if len(node.shape) > a.ndim:
        raise TraceRaise("ValueError", "non-broadcastable output operand with shape "
                         + _fmt_shape(a.shape, []) + " doesn't match the broadcast shape "
                         + _fmt_shape(node.shape, []))
    bad = False
    for ns, as_ in zip(node.shape[::-1], a.shape[::-1]):
        if ns is as_:
            continue
        bad = bor(fb, bad, icmp(fb, "ne", ns, as_))
    if bad is not False:
        args: list = []
        msg = ("non-broadcastable output operand with shape " + _fmt_shape(a.shape, args)
               + " doesn't match the broadcast shape " + _fmt_shape(node.shape, args))
        if len(args) > 8:
            args, msg = [], "non-broadcastable output operand"
        if bad is True:
            if not args:
                raise TraceRaise("ValueError", msg)
            bad = fb.const(True)
        fb.emit_multi("raise_if_fmt", [bad] + [ic(fb, x) for x in args],
                      {"exc": "ValueError", "msg": msg}, loc=loc)
    assign(tr, a, node, loc)
    return a


def truth(tr, v, loc):
    """bool(array): only for one element (NumPy's ValueError otherwise)."""
    fb = tr.fb
    a = materialize(tr, v, loc)
    n = size_of(fb, a)
    bad = icmp(fb, "ne", n, 1)
    msg = ("The truth value of an array with more than one element is ambiguous. "
           "Use a.any() or a.all()")
    if bad is True:
        raise TraceRaise("ValueError", msg if not (known(n) and n == 0) else
                         "The truth value of an empty array is ambiguous. Use `array.size > 0`"
                         " to check that an array is not empty.")
    if bad is not False:
        fb.raise_if(bad, "ValueError", msg, loc)
    x = load(fb, a, [0] * a.ndim)
    if _cx(a.dtype):
        return cast(fb, x, a.dtype, "bool", loc)
    return x if x.type is BOOL else fb.emit("convert", [x], {"to": BOOL})


# --- iteration --------------------------------------------------------------------------------

def get_iter(tr, v, loc):
    a = materialize(tr, v, loc)
    if a.ndim == 0:
        raise TraceRaise("TypeError", "iteration over a 0-d array")
    return ArrIter(a, RangeIter(0, a.shape[0], 1))


def iter_item(tr, a: Arr, i, loc):
    """a[i] for a known-in-bounds i (no check)."""
    fb = tr.fb
    st = strides_of(fb, a)
    ptr = iadd(fb, a.ptr, imul(fb, imul(fb, i, st[0]), a.itemsize))
    if a.ndim == 1 and _cx(a.dtype):
        from .complex_scalars import element_scalar
        return element_scalar(fb, a.dtype, ic(fb, ptr), loc)
    if a.ndim == 1:
        return nps.NpScalar(a.dtype, fb.emit("load", [ic(fb, ptr)], {"dtype": a.dtype}, loc=loc))
    return Arr(a.dtype, ptr, a.shape[1:], None if a.strides is None else st[1:], a.root)


# --- transposes and reshapes (views) --------------------------------------------------------

def transpose(tr, a, axes, loc):
    a = materialize(tr, a, loc)
    fb = tr.fb
    if axes is None:
        axes = tuple(range(a.ndim))[::-1]
    axes = tuple(normalize_axis(ax, a.ndim, loc) for ax in axes)
    if sorted(axes) != list(range(a.ndim)):
        raise error(loc, "axes don't match array", "give each axis once", E_TYPE)
    st = strides_of(fb, a)
    if axes == tuple(range(a.ndim)):
        return a
    return Arr(a.dtype, a.ptr, tuple(a.shape[k] for k in axes), tuple(st[k] for k in axes),
               a.root)


def normalize_axis(ax, ndim, loc=None):
    """An axis known when compiling, in range(ndim). A bad axis is a
    CompileError: NumPy's AxisError would certainly be raised."""
    if type(ax) is not int:
        raise error(loc, f"an axis must be an int known when compiling, got {_tn(ax)}",
                    "write the axis as a constant", E_TYPE)
    if not -ndim <= ax < ndim:
        raise error(loc, f"axis {ax} is out of bounds for array of dimension {ndim}",
                    "NumPy raises AxisError here", E_TYPE)
    return ax % ndim if ndim else ax


def reshape(tr, a, shape, loc):
    """A view where NumPy gives one (decided at run time from the strides
    when needed: frontend/viewcopy.py), else a contiguous copy reshaped."""
    fb = tr.fb
    a = materialize(tr, a, loc)
    shape = tuple(shape)
    for s in shape:
        if not (type(s) is int or (isinstance(s, Var) and s.type is I64)):
            raise error(loc, f"a shape entry of type {_tn(s)} is not supported", "use ints",
                        E_TYPE)
    n = size_of(fb, a)
    unknown = [i for i, s in enumerate(shape) if known(s) and s == -1]
    if len(unknown) > 1:
        raise TraceRaise("ValueError", "can only specify one unknown dimension")
    if any(known(s) and s < -1 for s in shape):
        raise TraceRaise("ValueError", "negative dimensions not allowed")
    rest = iprod(fb, [s for s in shape if not (known(s) and s == -1)])
    # NumPy's _fix_unknown_dimension: with -1, a zero product of the other
    # sizes is an error too (even for an empty array)
    if unknown:
        bad = bor(fb, icmp(fb, "eq", rest, 0), icmp(fb, "ne", _imod0(fb, n, rest), 0))
    else:
        bad = icmp(fb, "ne", rest, n)
    if bad is not False:
        args: list = []
        text = ("cannot reshape array of size " + _fmt_dim(n, args) + " into shape "
                + _fmt_newshape(shape, args))
        if len(args) > 8:
            args, text = [], "cannot reshape the array into the given shape"
        if bad is True and not args:
            raise TraceRaise("ValueError", text)
        fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                      + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": text}, loc=loc)
    if unknown:
        k = unknown[0]
        m = (n // rest if rest else 0) if known(n) and known(rest) else fb.emit(
            "floordiv", [ic(fb, n), ic(fb, isel(fb, icmp(fb, "eq", rest, 0), 1, rest))])
        shape = shape[:k] + (m,) + shape[k + 1:]
    from .viewcopy import c_contiguous, nocopy_reshape, view_or_copy
    if c_contiguous(fb, a) is True:
        return Arr(a.dtype, a.ptr, shape, None, a.root)
    ok, view_strides = nocopy_reshape(fb, a, shape)
    return view_or_copy(tr, a, ok, shape, view_strides, loc)


def _imod0(fb, a, b):
    """a % b for sizes, 0 when b == 0 (the caller tests b == 0 itself)."""
    if known(a) and known(b):
        return a % b if b else 0
    return fb.emit("mod", [ic(fb, a), ic(fb, isel(fb, icmp(fb, "eq", b, 0), 1, b))])


def _fmt_dim(v, args: list) -> str:
    if known(v):
        return str(v)
    args.append(v)
    return "{%d}" % (len(args) - 1)


def fmt_dim_once(v, args: list) -> str:
    """A size in a run-time message: its text when known, else a `{i}`
    placeholder for it in `args` (raise_if_fmt's operands), each value once
    (a value already in args is referred to again)."""
    if known(v):
        return str(v)
    for i, x in enumerate(args):
        if x is v:
            return "{%d}" % i
    args.append(v)
    return "{%d}" % (len(args) - 1)


def _fmt_newshape(shape, args: list) -> str:
    """NumPy's convert_shape_to_string for reshape messages: leading -1s
    are dropped, later ones print as 'newaxis', a trailing comma only for one
    entry: (2,newaxis), (4,), and (2) for (-1, 2)."""
    i = 0
    while i < len(shape) and known(shape[i]) and shape[i] < 0:
        i += 1
    if i == len(shape):
        return "()"
    parts = [_fmt_dim(shape[i], args)]
    for s in shape[i + 1:]:
        parts.append("newaxis" if known(s) and s < 0 else _fmt_dim(s, args))
    return "(" + ",".join(parts) + ("," if len(shape) == 1 else "") + ")"


def shape_arg(v, loc, what="shape"):
    """An int or a tuple of ints (known or i64 Vars) as a shape tuple."""
    items = v if isinstance(v, tuple) else (v,)
    # NumPy integer scalars are sizes too (np.zeros(a.argmax())); uint64 needs a C long
    items = tuple(nps.demote(s, loc=loc) if nps.is_np(s) and nps.dtype_name(s) in INT_BITS
                  and nps.dtype_name(s) != "uint64" else s for s in items)
    for s in items:
        if not (type(s) is int or (isinstance(s, Var) and s.type is I64)):
            raise error(loc, f"{what} must be an int or a tuple of ints, got {_tn(s)}",
                        "use ints", E_TYPE)
    return tuple(items)


__all__ = ["Arr", "Ew", "ArrIter", "is_array", "getitem", "setitem", "materialize",
           "settle", "settle_return", "assign", "ufunc_node", "where_node", "astype_node",
           "alloc", "loop", "loop_nest", "element", "Plan", "cast", "copy", "transpose",
           "reshape", "get_iter", "iter_item", "dtype_of"]
