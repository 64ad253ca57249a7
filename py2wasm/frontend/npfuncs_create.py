"""NumPy array creation during tracing: `np.zeros/ones/full/empty`,
`np.array` from nested sequences, `np.arange`, `np.linspace`, `np.eye` /
`np.identity`, and `fill`.

Place in the pipeline: frontend value semantics; nplib.call dispatches the
creation functions here. New arrays are allocated with arrays.alloc.
"""
from __future__ import annotations

import math

import numpy as np

from ..ir import BOOL, F64, I64, Var
from ..ir.types import INT_BITS, int_range
from . import arrays as A
from . import array_assign, array_shapes
from . import npscalars as nps
from .arrays import (alloc, Arr, cast, dtype_of, iadd, ic, icmp, imul, is_array, known, loop_nest,
                     store)
from .values import E_TYPE, error, scalar_type, TraceRaise
from .npargs import _weak_dtype, bind, dtype_arg, REQUIRED


def as_array(tr, v, loc):
    """An array operand: arrays/expressions as they are, tuples via np.array."""
    if is_array(v):
        return v
    if isinstance(v, tuple):
        return array_from(tr, v, None, loc)
    raise error(loc, f"expected an array, got {A._tn(v)}", "pass a NumPy array", E_TYPE)


# --- creation ---------------------------------------------------------------------------------

def fill(tr, arr: Arr, value, loc):
    """np.full/full_like's copyto(casting='unsafe'): a Python float or a NumPy
    scalar becomes an element by C's cast (x86: NaN and out of range give the
    int32 or int64 minimum; ints wrap), never an exception; Python ints are
    range-checked."""
    value = nps.stored_unsafe(tr.fb, value, arr.dtype, loc)
    if not is_array(value) and scalar_type(value) is F64 and arr.dtype in _INT_RANGE:
        fb = tr.fb
        x = value if isinstance(value, Var) else fb.const(float(value), F64)
        value = cast(fb, x, "float64", arr.dtype, loc)
    array_assign.assign(tr, arr, value, loc, setitem=True)  # copyto: leading 1s dropped
    return arr


def full(tr, shape, value, dtype, loc):
    shape = array_shapes.shape_arg(shape, loc)
    if dtype is None:
        dtype = dtype_of(value) if is_array(value) else _weak_dtype(value, loc)
    out = alloc(tr, dtype, shape, loc)
    return fill(tr, out, value, loc)


def array_from(tr, v, dtype, loc, order="C"):
    if is_array(v):
        return array_assign.copy(tr, v if dtype is None else A.astype_node(v, dtype), loc,
                                 order)
    if scalar_type(v) is not None:
        raise error(loc, "0-d arrays are not supported", "use the number itself", E_TYPE)
    if not isinstance(v, tuple):
        raise error(loc, f"numpy.array of a {A._tn(v)} is not supported",
                    "build arrays from tuples of numbers", E_TYPE)
    shape = []
    x = v
    while isinstance(x, tuple):
        shape.append(len(x))
        x = x[0] if x else None
    flat = []

    def walk(x, d):
        if d == len(shape):
            if scalar_type(x) is None and not _real_np_scalar(x):
                raise error(loc, "numpy.array needs a rectangular nest of tuples of numbers",
                            "", E_TYPE)
            flat.append(x)
            return
        if not isinstance(x, tuple) or len(x) != shape[d]:
            raise error(loc, "numpy.array needs a rectangular nest of tuples of numbers",
                        "", E_TYPE)
        for y in x:
            walk(y, d + 1)
    walk(v, 0)
    if dtype is None:
        dts = [np.dtype(nps.dtype_name(y)) if _real_np_scalar(y) else
               np.asarray({I64: 0, F64: 0.0, BOOL: False}[scalar_type(y)]).dtype for y in flat]
        dtype = np.result_type(*dts).name if dts else "float64"  # a NumPy scalar: its dtype
    out = alloc(tr, dtype, tuple(shape), loc)
    fb = tr.fb
    for k, y in enumerate(flat):
        fb.emit_multi("store", [ic(fb, iadd(fb, out.ptr, k * out.itemsize)),
                                array_assign.scalar_to_dtype(tr, y, dtype, loc)], {"dtype": dtype})
    return out


def _real_np_scalar(x) -> bool:
    """A NumPy scalar of a real dtype (np.array([y[1], -y[0]]) of float64 elements)."""
    from .complex_scalars import is_npcx
    return nps.is_np(x) and not is_npcx(x)


def arange(tr, args, kwargs, loc):
    """NumPy's PyArray_ArangeObj: the length is ceil((stop - start) / step);
    the first element is `start` and the second `start + step` (Python
    numbers), each converted as NumPy's setitem converts them (an
    out-of-range int raises, a float becomes an integer element by int());
    the rest is the dtype's fill function: `x0 + i * (x1 - x0)` in the
    dtype's arithmetic (float32 rounding, integer wrapping), so
    `np.arange(0.5, 5, 1.5, dtype=np.int64)` is [0, 2, 4]. A bool result
    longer than 2 is NumPy's TypeError (no fill function)."""
    b = bind(loc, "arange", args, kwargs, [("start", REQUIRED), ("stop", None), ("step", None),
                                             ("dtype", None)])
    # with a NumPy scalar the length's division is NumPy's: no ZeroDivisionError
    np_step = any(nps.is_np(v) for v in (b["start"], b["stop"], b["step"]))
    start, stop, step = _index_scalars((b["start"], b["stop"], b["step"]), loc, floats=True)
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    vals = (start, stop, step)
    for x in vals:
        if scalar_type(x) is None:
            raise error(loc, "numpy.arange takes numbers", "", E_TYPE)
    isint = all(scalar_type(x) in (I64, BOOL) for x in vals)
    dtype = dtype_arg(b["dtype"], loc, "int64" if isint else "float64")
    fb = tr.fb
    if isint:
        if known(step):
            if step == 0 and np_step:
                _np_zero_step(fb, start, stop, loc, step)
            if step == 0:
                raise TraceRaise("ZeroDivisionError", "division by zero")
            k = abs(step)
            d = A.isub(fb, stop, start) if step > 0 else A.isub(fb, start, stop)
            n = A.imax(fb, 0, A.ifloordiv_pos(fb, iadd(fb, d, k - 1), k))
        else:
            if np_step:
                _np_zero_step(fb, start, stop, loc, step)
            fb.raise_if(fb.emit("eq", [step, fb.const(0)]), "ZeroDivisionError",
                        "division by zero", loc)
            pos = fb.emit("gt", [step, fb.const(0)])
            k = fb.emit("select", [pos, step, fb.emit("wneg", [step])])
            d = fb.emit("select", [pos, ic(fb, A.isub(fb, stop, start)),
                                   ic(fb, A.isub(fb, start, stop))])
            n = A.imax(fb, 0, fb.emit("floordiv", [fb.emit("wadd", [d, fb.emit(
                "wsub", [k, fb.const(1)])]), k]))
    else:
        fs = [x if scalar_type(x) is F64 else (float(x) if known(x) else
              fb.emit("convert", [x], {"to": F64})) for x in vals]
        fs = [fb.const(x, F64) if known(x) else x for x in fs]
        fstart, fstop, fstep = fs
        q = fb.emit("fdiv", [fb.emit("sub", [fstop, fstart]), fstep])
        # Python's true division (stop - start) / step with a float operand
        if not np_step:
            fb.raise_if(fb.emit("eq", [fstep, fb.const(0.0)]), "ZeroDivisionError",
                        "float division by zero", loc)
        fb.raise_if(fb.emit("ne", [q, q]), "ValueError", _NAN_LENGTH, loc)
        fb.raise_if(fb.emit("not", [fb.emit("lt", [fb.emit("fabs", [q]), fb.const(2.0**63)])]),
                    "ValueError", _TOO_BIG, loc)
        n = A.imax(fb, 0, fb.emit("ftoi", [fb.emit("ceil", [q])]))
    if dtype == "bool":
        if known(n) and n > 2:
            raise TraceRaise("TypeError", _BOOL_ARANGE)
        if not known(n):
            fb.raise_if(fb.emit("gt", [n, fb.const(2)]), "TypeError", _BOOL_ARANGE, loc)
    out = alloc(tr, dtype, (n,), loc)
    from .operators import binary

    def firsts():  # elements 0 and 1: converted as NumPy's setitem converts them
        _when_length(tr, n, 1, lambda: store(fb, out, (0,), array_assign.scalar_to_dtype(
            tr, start, dtype, loc)), loc)
        _when_length(tr, n, 2, lambda: store(fb, out, (1,), array_assign.scalar_to_dtype(
            tr, binary(fb, "+", start, step, loc), dtype, loc)), loc)
    if dtype == "bool" or (known(n) and n <= 2):
        firsts()
        return out
    f32 = (lambda v: fb.emit("f32", [v])) if dtype == "float32" else (lambda v: v)

    def fill():  # the dtype's fill function x0 + i * (x1 - x0)
        x0 = _converted(tr, start, dtype, loc)
        x1 = _converted(tr, binary(fb, "+", start, step, loc), dtype, loc)
        if dtype in ("float64", "float32"):
            x0, x1 = (fb.const(x, scalar_type(x)) if known(x) else x for x in (x0, x1))
            delta = f32(fb.emit("sub", [x1, x0]))
        else:  # known values fold (np.arange(n) stores the index itself)
            delta = A.isub(fb, x1, x0)
            delta = (delta + 2**63) % 2**64 - 2**63 if known(delta) else delta

        def body(idx, cs):  # from element 0, a unit-stride loop (it vectorizes)
            i = idx[0]
            if dtype in ("float64", "float32"):
                fi = f32(fb.emit("convert", [ic(fb, i)], {"to": F64}))
                v = f32(fb.emit("add", [x0, f32(fb.emit("mul", [fi, delta]))]))
            else:
                v = ic(fb, iadd(fb, x0, imul(fb, i, delta)))
                v = cast(fb, v, "int64", dtype) if dtype not in ("int64", "uint64") else v
            store(fb, out, idx, v)
            return cs
        loop_nest(fb, (n,), [], body)
    _when_length(tr, n, 3, fill, loc)
    firsts()  # NumPy stores the first two as converted (a float fill may differ there)
    return out


def _converted(tr, v, dtype, loc):
    """`v` as an element of `dtype` (array_assign.scalar_to_dtype), a known
    value where `v` is a known int that fits (so the fill loop folds)."""
    if type(v) is int and dtype in INT_BITS:
        lo, hi = int_range(dtype)
        if lo <= v <= hi and v < 2**63:
            return v
    return array_assign.scalar_to_dtype(tr, v, dtype, loc)


def _index_scalars(vals, loc, floats=False):
    """NumPy integer scalars (not uint64: no C long from 2**63 up) where NumPy
    takes integers, as their Python int values (`np.eye(a.argmax())`);
    `floats`: float64 NumPy scalars too (the same value as a Python float)."""
    kinds = tuple(d for d in INT_BITS if d != "uint64") + (("float64",) if floats else ())
    return tuple(nps.demote(v, loc=loc) if nps.is_np(v) and nps.dtype_name(v) in kinds else v
                 for v in vals)


_NAN_LENGTH = "arange: cannot compute length"
_TOO_BIG = "Maximum allowed size exceeded"


def _np_zero_step(fb, start, stop, loc, step):
    """A zero integer step with a NumPy scalar among the arguments: NumPy's
    division gives nan (stop == start: ValueError) or an infinite length
    (another ValueError), never Python's ZeroDivisionError."""
    same = icmp(fb, "eq", start, stop)
    if known(step):  # step == 0: this path raises
        if known(same):
            raise TraceRaise("ValueError", _NAN_LENGTH if same else _TOO_BIG)
        fb.raise_if(same, "ValueError", _NAN_LENGTH, loc)
        raise TraceRaise("ValueError", _TOO_BIG)
    zero = fb.emit("eq", [step, fb.const(0)])
    if not known(same) or same:
        fb.raise_if(zero if known(same) else fb.emit("and", [zero, same]), "ValueError",
                    _NAN_LENGTH, loc)
    fb.raise_if(zero, "ValueError", _TOO_BIG, loc)


_BOOL_ARANGE = "arange() is only supported for booleans when the result has at most length 2."


def _when_length(tr, n, k, emit, loc):
    """Run `emit` (IR for one element of a new array) only if the length n
    is at least k: NumPy converts the element (and may raise) only then."""
    fb = tr.fb
    if known(n):
        if n >= k:
            emit()
        return
    then, join = fb.new_block(), fb.new_block()
    fb.cond_br(fb.emit("ge", [n, fb.const(k)]), then, join)
    fb.set_block(then)
    try:
        emit()
    except TraceRaise as e:  # known to raise whenever the element is converted
        fb.raise_(e.exc, e.msg, loc)
    else:
        fb.br(join)
    fb.set_block(join)


def linspace(tr, args, kwargs, loc):
    b = bind(loc, "linspace", args, kwargs, [("start", REQUIRED), ("stop", REQUIRED),
                                               ("num", 50), ("endpoint", True),
                                               ("retstep", False), ("dtype", None)])
    fb = tr.fb
    num = _index_scalars((b["num"],), loc)[0]
    if not (type(num) is int or (isinstance(num, Var) and num.type is I64)):
        raise error(loc, "numpy.linspace num= must be an int", "", E_TYPE)
    if known(num) and num < 0:
        raise TraceRaise("ValueError", f"Number of samples, {num}, must be non-negative.")
    if not known(num):
        fb.emit_multi("raise_if_fmt", [fb.emit("lt", [num, fb.const(0)]), num],
                      {"exc": "ValueError", "msg": "Number of samples, {0}, must be "
                       "non-negative."}, loc=loc)
    endpoint, retstep = b["endpoint"], b["retstep"]
    if type(endpoint) is not bool or type(retstep) is not bool:
        raise error(loc, "numpy.linspace endpoint= and retstep= must be known bools", "", E_TYPE)
    dtype = dtype_arg(b["dtype"], loc, "float64")
    ends = _index_scalars((b["start"], b["stop"]), loc, floats=True)
    if any(scalar_type(x) not in (F64, I64, BOOL) for x in ends):
        raise error(loc, "numpy.linspace takes Python numbers, float64 or integer NumPy scalars",
                    "convert the bounds with float()", E_TYPE)
    f = [x if scalar_type(x) is F64 else (float(x) if known(x) else
         fb.emit("convert", [x], {"to": F64})) for x in ends]
    start, stop = [fb.const(x, F64) if known(x) else x for x in f]
    div = A.isub(fb, num, 1) if endpoint else num
    delta = fb.emit("sub", [stop, start])
    fdiv_ = fb.emit("convert", [ic(fb, div)], {"to": F64})
    step = fb.emit("fdiv", [delta, fdiv_])
    out = alloc(tr, dtype, (num,), loc)
    step0 = fb.emit("eq", [step, fb.const(0.0)])

    def body(idx, cs):
        i = fb.emit("convert", [idx[0]], {"to": F64})
        y = fb.emit("select", [step0, fb.emit("mul", [fb.emit("fdiv", [i, fdiv_]), delta]),
                               fb.emit("mul", [i, step])])
        # NumPy: div <= 0 (num 0, or 1 with endpoint) has no step: y = i * delta
        y = fb.emit("select", [ic_bool(fb, icmp(fb, "gt", div, 0)), y,
                               fb.emit("mul", [i, delta])])
        y = fb.emit("add", [y, start])
        if endpoint:
            last = fb.emit("eq", [idx[0], ic(fb, A.isub(fb, num, 1))])
            y = fb.emit("select", [fb.emit("and", [last, ic_bool(fb, icmp(fb, "gt", num, 1))]),
                                   stop, y])
        if dtype in _INT_RANGE:  # NumPy floors the values for an integer dtype
            y = fb.emit("floor", [y])
        store(fb, out, idx, cast(fb, y, "float64", dtype))
        return cs
    loop_nest(fb, (num,), [], body)
    if not retstep:
        return out
    # NumPy's step: delta / div (an np.float64) when div > 0, else the Python float nan
    has_step = icmp(fb, "gt", div, 0)
    if has_step is False:
        return out, math.nan
    from .npscalars import make
    if has_step is True:
        return out, make("float64", step)
    return out, make("float64", fb.emit("select", [has_step, step, fb.const(math.nan, F64)]))


def ic_bool(fb, v):
    return fb.const(v, BOOL) if known(v) else v


def eye(tr, args, kwargs, loc, name="eye"):
    if name == "identity":
        b = bind(loc, name, args, kwargs, [("n", REQUIRED), ("dtype", None)])
        n, m, k = b["n"], b["n"], 0
    else:
        b = bind(loc, name, args, kwargs, [("N", REQUIRED), ("M", None), ("k", 0),
                                           ("dtype", None)])
        n, m, k = b["N"], b["M"] if b["M"] is not None else b["N"], b["k"]
    n, m, k = _index_scalars((n, m, k), loc)
    dtype = dtype_arg(b["dtype"], loc, "float64")
    out = full(tr, (n, m), 0, dtype, loc)
    fb = tr.fb
    # the diagonal: rows max(0, -k) .. ; count = max(0, min(n, m - k) - max(0, -k))
    r0 = A.imax(fb, 0, A.isub(fb, 0, k))
    cnt = A.imax(fb, 0, A.isub(fb, A.imin(fb, n, A.isub(fb, m, k)), r0))
    one = array_assign.scalar_to_dtype(tr, 1, dtype, loc)

    def body(idx, cs):
        i = iadd(fb, idx[0], r0)
        store(fb, out, [i, iadd(fb, i, k)], one)
        return cs
    loop_nest(fb, (cnt,), [], body)
    return out


_INT_RANGE = {d: int_range(d) for d in INT_BITS}
