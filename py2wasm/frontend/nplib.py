"""NumPy functions and array methods during tracing: creation, reductions
(fused with the expression they reduce), cumulative sums, linear algebra,
joining, shape functions and NumPy's elementwise functions.

Place in the pipeline: frontend value semantics; `calls.call_value` hands
every `numpy` callee and every bound array method (`ArrayMethod`) here.
Arrays and lazy expressions are `arrays.Arr` / `arrays.Ew`. Anything not
listed raises a located CompileError naming the function or argument.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..ir import BOOL, DTYPES, F64, I64, Var
from ..ir.types import INT_BITS, NARROW_INTS, int_range
from . import arrays as A
from .arrays import (Arr, Ew, alloc, band, bor, cast, dtype_of, element, ic, icmp, iadd,
                     imul, is_array, isel, known, loop, loop_nest, materialize, store,
                     strides_of)
from .ufuncs import SUPPORTED as UFUNCS
from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type


@dataclass(frozen=True, eq=False)
class ArrayMethod:
    """`a.name` for an array method, waiting for its call."""
    arr: object
    name: str


# --- arguments ------------------------------------------------------------------------------

def bind(loc, name, args, kwargs, params):
    """Bind like Python: `params` is a list of (name, default); REQUIRED marks
    a required parameter. Unknown keywords are a CompileError naming them."""
    out = {}
    sig = f"numpy.{name}(" + ", ".join(p if d is REQUIRED else f"{p}={d!r}"
                                       for p, d in params) + ")"
    if len(args) > len(params):
        raise error(loc, f"numpy.{name}() takes at most {len(params)} positional arguments "
                    f"here ({len(args)} given); supported signature: {sig}", "",
                    E_UNSUPPORTED_CALL)
    for (p, _), a in zip(params, args):
        out[p] = a
    for k, v in kwargs.items():
        if k not in dict(params):
            raise error(loc, f"argument {k}= of numpy.{name}() is not supported",
                        f"supported signature: {sig}", E_UNSUPPORTED_CALL)
        if k in out:
            raise error(loc, f"numpy.{name}() got multiple values for {k!r}", "", E_TYPE)
        out[k] = v
    for p, d in params:
        if p not in out:
            if d is REQUIRED:
                raise error(loc, f"numpy.{name}() missing argument {p!r}; signature: {sig}",
                            "", E_TYPE)
            out[p] = d
    return out


REQUIRED = object()


def dtype_arg(d, loc, default=None):
    if d is None:
        return default
    if isinstance(d, Var) or is_array(d):
        raise error(loc, "dtype= must be known when compiling", "", E_TYPE)
    try:
        name = np.dtype(d).name
    except TypeError:
        raise error(loc, f"dtype {d!r} is not understood", "", E_TYPE) from None
    if name not in DTYPES and name not in ("complex128", "complex64"):
        raise error(loc, f"dtype {name} is not supported",
                    "use float64, float32, int64, int32, int16, int8, uint64, uint32, uint16, uint8, "
                    "bool, complex128 or complex64", E_TYPE)
    return name


def as_array(tr, v, loc):
    """An array operand: arrays/expressions as they are, tuples via np.array."""
    if is_array(v):
        return v
    if isinstance(v, tuple):
        return array_from(tr, v, None, loc)
    raise error(loc, f"expected an array, got {A._tn(v)}", "pass a NumPy array", E_TYPE)


def _weak_dtype(v, loc=None):
    """The dtype NumPy gives a fill value: a NumPy scalar's own, a Python
    number's default (int64, float64, bool)."""
    from . import npscalars as nps
    if nps.is_np(v):
        return nps.dtype_name(v)
    t = scalar_type(v)
    if t is None:
        raise error(loc, f"a fill value of type {A._tn(v)} is not supported",
                    "fill with a number", E_TYPE)
    return {I64: "int64", F64: "float64", BOOL: "bool"}[t]


def axis_arg(ax, ndim, loc):
    """None -> every axis; int or tuple of ints -> sorted tuple."""
    if ax is None:
        return tuple(range(ndim))
    axes = ax if isinstance(ax, tuple) else (ax,)
    out = tuple(sorted(A.normalize_axis(x, ndim, loc) for x in axes))
    if len(set(out)) != len(out):
        raise error(loc, "duplicate value in 'axis'", "", E_TYPE)
    return out


# --- creation ---------------------------------------------------------------------------------

def fill(tr, arr: Arr, value, loc):
    """np.full/full_like's copyto(casting='unsafe'): a Python float becomes an
    integer element by C's cast (x86: NaN and out of range give the int32 or
    int64 minimum), never an exception; Python ints are range-checked."""
    if not is_array(value) and scalar_type(value) is F64 and arr.dtype in _INT_RANGE:
        fb = tr.fb
        x = value if isinstance(value, Var) else fb.const(float(value), F64)
        value = cast(fb, x, "float64", arr.dtype, loc)
    A.assign(tr, arr, value, loc)
    return arr


def full(tr, shape, value, dtype, loc):
    shape = A.shape_arg(shape, loc)
    if dtype is None:
        dtype = dtype_of(value) if is_array(value) else _weak_dtype(value, loc)
    out = alloc(tr, dtype, shape, loc)
    return fill(tr, out, value, loc)


def array_from(tr, v, dtype, loc):
    if is_array(v):
        return A.copy(tr, v if dtype is None else A.astype_node(v, dtype), loc)
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
            if scalar_type(x) is None:
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
        py = [{I64: 0, F64: 0.0, BOOL: False}[scalar_type(y)] for y in flat]
        dtype = np.result_type(*[np.asarray(y).dtype for y in py]).name if py else "float64"
    out = alloc(tr, dtype, tuple(shape), loc)
    fb = tr.fb
    for k, y in enumerate(flat):
        fb.emit_multi("store", [ic(fb, iadd(fb, out.ptr, k * out.itemsize)),
                                A.scalar_to_dtype(tr, y, dtype, loc)], {"dtype": dtype})
    return out


def arange(tr, args, kwargs, loc):
    b = bind(loc, "arange", args, kwargs, [("start", REQUIRED), ("stop", None), ("step", None),
                                             ("dtype", None)])
    start, stop, step = b["start"], b["stop"], b["step"]
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
            if step == 0:
                raise TraceRaise("ZeroDivisionError", "division by zero")
            k = abs(step)
            d = A.isub(fb, stop, start) if step > 0 else A.isub(fb, start, stop)
            n = A.imax(fb, 0, A.ifloordiv_pos(fb, iadd(fb, d, k - 1), k))
        else:
            fb.raise_if(fb.emit("eq", [step, fb.const(0)]), "ZeroDivisionError",
                        "division by zero", loc)
            pos = fb.emit("gt", [step, fb.const(0)])
            k = fb.emit("select", [pos, step, fb.emit("wneg", [step])])
            d = fb.emit("select", [pos, ic(fb, A.isub(fb, stop, start)),
                                   ic(fb, A.isub(fb, start, stop))])
            n = A.imax(fb, 0, fb.emit("floordiv", [fb.emit("wadd", [d, fb.emit(
                "wsub", [k, fb.const(1)])]), k]))
        out = alloc(tr, dtype, (n,), loc)

        def body(idx, cs):
            v = iadd(fb, start, imul(fb, idx[0], step))
            store(fb, out, idx, cast(fb, ic(fb, v), "int64", dtype))
            return cs
        loop_nest(fb, (n,), [], body)
        return out
    fs = [x if scalar_type(x) is F64 else (float(x) if known(x) else
          fb.emit("convert", [x], {"to": F64})) for x in vals]
    fs = [fb.const(x, F64) if known(x) else x for x in fs]
    fstart, fstop, fstep = fs
    q = fb.emit("fdiv", [fb.emit("sub", [fstop, fstart]), fstep])
    fb.raise_if(fb.emit("eq", [fstep, fb.const(0.0)]), "ZeroDivisionError", "division by zero",
                loc)
    fb.raise_if(fb.emit("not", [fb.emit("isfinite", [q])]), "ValueError",
                "arange: cannot compute length", loc)
    n = fb.emit("ftoi", [fb.emit("ceil", [q])])
    n = A.imax(fb, 0, n)
    out = alloc(tr, dtype, (n,), loc)

    def fbody(idx, cs):
        i = fb.emit("convert", [idx[0]], {"to": F64})
        v = fb.emit("add", [fstart, fb.emit("mul", [i, fstep])])
        store(fb, out, idx, cast(fb, v, "float64", dtype))
        return cs
    loop_nest(fb, (n,), [], fbody)
    return out


def linspace(tr, args, kwargs, loc):
    b = bind(loc, "linspace", args, kwargs, [("start", REQUIRED), ("stop", REQUIRED),
                                               ("num", 50), ("endpoint", True),
                                               ("dtype", None)])
    fb = tr.fb
    num = b["num"]
    if not (type(num) is int or (isinstance(num, Var) and num.type is I64)):
        raise error(loc, "numpy.linspace num= must be an int", "", E_TYPE)
    if known(num) and num < 0:
        raise TraceRaise("ValueError", f"Number of samples, {num}, must be non-negative.")
    if not known(num):
        fb.emit_multi("raise_if_fmt", [fb.emit("lt", [num, fb.const(0)]), num],
                      {"exc": "ValueError", "msg": "Number of samples, {0}, must be "
                       "non-negative."}, loc=loc)
    endpoint = b["endpoint"]
    if type(endpoint) is not bool:
        raise error(loc, "numpy.linspace endpoint= must be a known bool", "", E_TYPE)
    dtype = dtype_arg(b["dtype"], loc, "float64")
    f = [x if scalar_type(x) is F64 else (float(x) if known(x) else
         fb.emit("convert", [x], {"to": F64})) for x in (b["start"], b["stop"])]
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
        store(fb, out, idx, cast(fb, y, "float64", dtype))
        return cs
    loop_nest(fb, (num,), [], body)
    return out


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
    dtype = dtype_arg(b["dtype"], loc, "float64")
    out = full(tr, (n, m), 0, dtype, loc)
    fb = tr.fb
    # the diagonal: rows max(0, -k) .. ; count = max(0, min(n, m - k) - max(0, -k))
    r0 = A.imax(fb, 0, A.isub(fb, 0, k))
    cnt = A.imax(fb, 0, A.isub(fb, A.imin(fb, n, A.isub(fb, m, k)), r0))
    one = A.scalar_to_dtype(tr, 1, dtype, loc)

    def body(idx, cs):
        i = iadd(fb, idx[0], r0)
        store(fb, out, [i, iadd(fb, i, k)], one)
        return cs
    loop_nest(fb, (cnt,), [], body)
    return out


# --- reductions -------------------------------------------------------------------------------

NARROW = ("float32",) + NARROW_INTS  # dtypes computed wider than they are stored
UNSIGNED = tuple(d for d, (_, signed) in INT_BITS.items() if not signed)
_NAMES = {"sum": "add", "prod": "multiply", "min": "minimum", "max": "maximum"}


def _acc_dtype(kind, dt, loc):
    if kind in ("sum", "prod", "cumsum", "cumprod"):
        if dt in UNSIGNED:  # NumPy: unsigned ints accumulate in uint64
            return "uint64"
        if dt in INT_BITS or dt == "bool":
            return "int64"
        return dt
    if kind in ("mean", "var", "std"):
        return "float32" if dt == "float32" else "float64"
    if kind in ("min", "max"):
        return dt
    if kind in ("argmin", "argmax"):
        return "int64"
    return "bool"


def _compute(dt):
    return DTYPES[dt].compute


_INT_RANGE = {d: int_range(d) for d in INT_BITS}


def _init(fb, kind, t, dtype="int64"):
    """The reduction's starting value; for min/max the dtype's own extreme
    (it may be stored in an array of that dtype)."""
    if kind in ("max", "argmax", "min", "argmin") and t is I64:
        lo, hi = _INT_RANGE.get(dtype, _INT_RANGE["int64"])
        return fb.const(lo if kind in ("max", "argmax") else hi, t)
    if kind in ("sum", "mean", "var", "std"):
        return fb.const(0.0 if t is F64 else 0, t)
    if kind == "prod":
        return fb.const(1.0 if t is F64 else 1, t)
    if kind == "any":
        return fb.const(False, BOOL)
    if kind == "all":
        return fb.const(True, BOOL)
    if kind in ("max", "argmax"):
        return fb.const(-math.inf if t is F64 else (-2**63 if t is I64 else False), t)
    return fb.const(math.inf if t is F64 else (2**63 - 1 if t is I64 else True), t)


def _take(fb, kind, r, v):
    """Does `v` replace the running best `r` (max/min: NaN wins, first kept)?"""
    if v.type is BOOL:
        r = fb.emit("convert", [r], {"to": I64})
        v = fb.emit("convert", [v], {"to": I64})
    keep = fb.emit("ge" if kind in ("max", "argmax") else "le", [r, v])
    if r.type is F64:
        keep = fb.emit("or", [keep, fb.emit("isnan", [r])])
    return fb.emit("not", [keep])


def _update(fb, kind, r, v, acc_dt):
    """One accumulation step. float32 sums and products round every step to
    float32, as NumPy's float32 reduction loops do (the pairwise sum is
    separate: `_pairwise_fn`)."""
    if kind in ("sum", "mean", "prod"):
        op = ("add" if kind != "prod" else "mul") if r.type is F64 else (
            "wadd" if kind != "prod" else "wmul")
        r = fb.emit(op, [r, v])
        return fb.emit("f32", [r]) if acc_dt == "float32" else r
    if kind == "any":
        return fb.emit("or", [r, v])
    if kind == "all":
        return fb.emit("and", [r, v])
    return fb.emit("select", [_take(fb, kind, r, v), v, r])


def _elem_in(fb, kind, v, src, acc_dt):
    """An element converted for accumulation."""
    if kind in ("any", "all"):
        return cast(fb, v, src, "bool")
    if kind in ("min", "max", "argmin", "argmax"):
        return v
    # float32 elements are exact in f64; _update rounds each step back to float32
    return cast(fb, v, src, "float64" if acc_dt in ("float32", "float64") else acc_dt)


def _empty_check(tr, kind, n, loc):
    fb = tr.fb
    if kind in ("min", "max"):
        msg = ("zero-size array to reduction operation "
               f"{'maximum' if kind == 'max' else 'minimum'} which has no identity")
    elif kind in ("argmin", "argmax"):
        msg = f"attempt to get {kind} of an empty sequence"
    else:
        return
    z = icmp(fb, "eq", n, 0)
    if z is True:
        raise TraceRaise("ValueError", msg)
    if z is not False:
        fb.raise_if(z, "ValueError", msg, loc)


def _finish_scalar(fb, kind, r, acc_dt, n, ddof=0):
    if kind == "mean":
        q = fb.emit("fdiv", [r, fb.emit("convert", [ic(fb, n)], {"to": F64})])
        return fb.emit("f32", [q]) if acc_dt == "float32" else q
    if acc_dt == "float32" and kind in ("sum", "prod"):
        return fb.emit("f32", [r])
    return r


def reduce(tr, kind, a, axis, keepdims, loc, ddof=0):
    """np.<kind>(a, axis=, keepdims=) for sum prod min max mean var std
    argmin argmax any all. The expression `a` is computed inside the
    reduction loop (fused), never stored."""
    fb = tr.fb
    a = as_array(tr, a, loc)
    if type(keepdims) is not bool:
        raise error(loc, "keepdims= must be a known bool", "", E_TYPE)
    if kind in ("argmin", "argmax") and isinstance(axis, tuple):
        raise error(loc, f"numpy.{kind} takes a single int axis", "", E_TYPE)
    src = a.dtype
    if src == "uint64" and kind in ("min", "max", "argmin", "argmax"):
        raise error(loc, f"numpy.{kind} of a uint64 array is not supported",
                    "convert first, e.g. a.astype(np.float64), or loop with comparisons",
                    E_UNSUPPORTED_CALL)
    acc_dt = _acc_dtype(kind, src, loc)
    axes = axis_arg(axis, a.ndim, loc)
    if kind in ("var", "std"):
        return _variance(tr, kind, a, axis, axes, keepdims, loc, ddof)
    if kind in ("sum", "mean") and src in ("float64", "float32") and hasattr(tr, "mt"):
        r = _pairwise_reduction(tr, kind, a, axes, keepdims, loc)
        if r is not None:
            return r
    if len(axes) == a.ndim and not keepdims:
        return _reduce_all(tr, kind, a, acc_dt, loc)
    if len(axes) == a.ndim and (kind in ("argmin", "argmax") or a.ndim > 1):
        # every axis, keepdims: the scalar in a (1, ..., 1) array
        r = _reduce_all(tr, kind, a, acc_dt, loc)
        dt = {"argmin": "int64", "argmax": "int64", "any": "bool", "all": "bool",
              "min": a.dtype, "max": a.dtype}.get(kind, acc_dt if kind != "mean" else (
                  "float32" if a.dtype == "float32" else "float64"))
        out = alloc(tr, dt, (1,) * a.ndim, loc)
        store(fb, out, [0] * a.ndim, cast(fb, r, {I64: "int64", F64: "float64", BOOL: "bool"}[
            r.type] if dt not in NARROW else dt, dt))
        return out
    return _reduce_axes(tr, kind, a, axes, keepdims, acc_dt, loc)


# --- NumPy's pairwise summation (bit-identical float sums) -----------------------------------

def _pairwise_fn(tr, dtype: str) -> str:
    """The IR function summing n elements of `dtype` at ptr, ptr+stride...
    exactly as NumPy's pairwise_sum does (blocks of 8 accumulators up to 128
    elements, halves above; float32 rounds every addition)."""
    from ..ir import FunctionBuilder
    name = f"__pairwise_sum_{dtype}"
    module = tr.mt.module
    if name in module.functions:
        return name
    fb = FunctionBuilder(name, [I64, I64, I64], [F64], param_hints=["ptr", "n", "stride"])
    fb.loc = tr.fb.loc
    p, n, s = fb.params

    def c(v):
        return fb.const(v, I64 if type(v) is int else F64)

    def rnd(x):
        return fb.emit("f32", [x]) if dtype == "float32" else x

    def add(x, y):
        return rnd(fb.emit("add", [x, y]))

    def at(i):
        return fb.emit("load", [fb.emit("wadd", [p, fb.emit("wmul", [i, s])])], {"dtype": dtype})

    small, mid, big = fb.new_block(), fb.new_block(), fb.new_block()
    blocks = fb.new_block()
    fb.cond_br(fb.emit("lt", [n, c(8)]), small, blocks)
    fb.set_block(blocks)
    fb.cond_br(fb.emit("le", [n, c(128)]), mid, big)
    # n < 8: res = 0.0; res += a[i]
    fb.set_block(small)
    res = loop(fb, n, [c(0.0)], lambda i, cs: [add(cs[0], at(i))])[0]
    fb.ret([res])
    # 8 <= n <= 128: eight accumulators
    fb.set_block(mid)
    r = [at(c(j)) for j in range(8)]
    nblk = fb.emit("wsub", [fb.emit("shr", [n, c(3)]), c(1)])  # full blocks after the first

    def step(q, cs):
        base = fb.emit("wmul", [fb.emit("wadd", [q, c(1)]), c(8)])
        return [add(cs[j], at(fb.emit("wadd", [base, c(j)]))) for j in range(8)]
    r = loop(fb, nblk, r, step)
    res = add(add(add(r[0], r[1]), add(r[2], r[3])), add(add(r[4], r[5]), add(r[6], r[7])))
    start = fb.emit("wsub", [n, fb.emit("and", [n, c(7)])])
    res = loop(fb, fb.emit("and", [n, c(7)]), [res],
               lambda i, cs: [add(cs[0], at(fb.emit("wadd", [start, i])))])[0]
    fb.ret([res])
    # n > 128: halves (the first a multiple of 8)
    fb.set_block(big)
    n2 = fb.emit("shr", [n, c(1)])
    n2 = fb.emit("wsub", [n2, fb.emit("and", [n2, c(7)])])
    x = fb.emit_multi("call", [p, n2, s], {"fn": name, "results": [F64]})[0]
    p2 = fb.emit("wadd", [p, fb.emit("wmul", [n2, s])])
    y = fb.emit_multi("call", [p2, fb.emit("wsub", [n, n2]), s], {"fn": name, "results": [F64]})[0]
    fb.ret([add(x, y)])
    module.add(fb.finish())
    return name


def _pairwise_call(tr, src: Arr, loc):
    """NumPy's pairwise sum of every element of a 1-D or C-contiguous array."""
    fb = tr.fb
    fn = _pairwise_fn(tr, src.dtype)
    n = A.size_of(fb, src)
    stride = strides_of(fb, src)[0] if src.ndim == 1 else 1
    return fb.emit_multi("call", [ic(fb, src.ptr), ic(fb, n), ic(fb, imul(
        fb, stride, DTYPES[src.dtype].size))], {"fn": fn, "results": [F64]}, loc=loc)[0]


def _pairwise_reduction(tr, kind, a, axes, keepdims, loc):
    """sum/mean of a float array over every axis, or over the last axis, with
    NumPy's pairwise summation (so the result is NumPy's to the bit). An
    expression is computed into a temporary first, as NumPy does. Other
    axis sets: None (the sequential reduction)."""
    fb = tr.fb
    nd = a.ndim
    if len(axes) != nd and axes != (nd - 1,):
        return None
    if isinstance(a, Arr) and a.strides is not None and nd > 1:
        # N-d views: NumPy iterates in memory order (for a reduced axis that is
        # not the innermost one, sequentially per output: the fallback does that)
        return None
    def finish(total, count):
        if kind == "mean":
            total = fb.emit("fdiv", [total, fb.emit("convert", [ic(fb, count)], {"to": F64})])
            if a.dtype == "float32":
                total = fb.emit("f32", [total])
        return total

    if len(axes) == nd and isinstance(a, Ew):
        # Below 8 elements NumPy's pairwise sum is a plain loop from 0.0: fused
        # here (no temporary, e.g. np.sum((x[i] - x[j]) ** 2) in a double loop)
        n = A.size_of(fb, a)
        small = icmp(fb, "lt", n, 8)
        if small is not False:
            join = fb.new_block([F64])
            fused, big = fb.new_block(), fb.new_block()
            fb.cond_br(fb.const(small, BOOL) if known(small) else small, fused, big)
            fb.set_block(fused)
            plan = A.Plan(fb, a, a.shape)

            def body(idx, cs):
                v = cast(fb, element(tr, a, idx, plan, loc), a.dtype, "float64")
                s = fb.emit("add", [cs[0], v])
                return [fb.emit("f32", [s]) if a.dtype == "float32" else s]
            fb.br(join, loop_nest(fb, a.shape, [fb.const(0.0)], body))
            fb.set_block(big)
            fb.br(join, [_pairwise_call(tr, materialize(tr, a, loc), loc)])
            fb.set_block(join)
            total = finish(join.params[0], n)
            if not keepdims:
                return total
            out = alloc(tr, a.dtype, (1,) * nd, loc)
            store(fb, out, [0] * nd, total)
            return out
    src = materialize(tr, a, loc)
    fn = _pairwise_fn(tr, src.dtype)
    isz = DTYPES[src.dtype].size

    if len(axes) == nd:
        n = A.size_of(fb, src)
        total = finish(_pairwise_call(tr, src, loc), n)
        if not keepdims:
            return total
        out = alloc(tr, src.dtype, (1,) * nd, loc)
        store(fb, out, [0] * nd, total)
        return out
    # the last axis, one pairwise sum per row
    oshape = src.shape[:-1]
    n = src.shape[-1]
    out = alloc(tr, src.dtype, oshape, loc)
    st = strides_of(fb, src)
    ost = strides_of(fb, out)
    step_b = ic(fb, imul(fb, st[-1], isz))

    def body(idx, cs):
        row = ic(fb, A.address(fb, src, list(idx) + [0], st))
        t = fb.emit_multi("call", [row, ic(fb, n), step_b], {"fn": fn, "results": [F64]},
                          loc=loc)[0]
        store(fb, out, idx, finish(t, n), ost)
        return cs
    loop_nest(fb, oshape, [], body)
    if keepdims:
        return Arr(out.dtype, out.ptr, oshape + (1,), None, out.root)
    return out


def _reduce_all(tr, kind, a, acc_dt, loc):
    fb = tr.fb
    n = A.size_of(fb, a)
    _empty_check(tr, kind, n, loc)
    plan = A.Plan(fb, a, a.shape)
    ct = _compute(a.dtype) if kind in ("min", "max", "argmin", "argmax") else (
        BOOL if kind in ("any", "all") else (F64 if acc_dt in ("float32", "float64") else I64))
    init = [_init(fb, kind, ct, a.dtype)]
    if kind in ("argmin", "argmax"):
        init += [fb.const(0), fb.const(0)]

    def body(idx, cs):
        v = _elem_in(fb, kind, element(tr, a, idx, plan, loc), a.dtype, acc_dt)
        if kind in ("argmin", "argmax"):
            r, best, k = cs
            t = _take(fb, kind, r, v)
            return [fb.emit("select", [t, v, r]), fb.emit("select", [t, k, best]),
                    fb.emit("wadd", [k, fb.const(1)])]
        return [_update(fb, kind, cs[0], v, acc_dt)]
    out = loop_nest(fb, a.shape, init, body)
    if kind in ("argmin", "argmax"):
        return out[1]
    return _finish_scalar(fb, kind, out[0], acc_dt, n)


def _reduce_axes(tr, kind, a, axes, keepdims, acc_dt, loc):
    fb = tr.fb
    kept = [d for d in range(a.ndim) if d not in axes]
    oshape = tuple(a.shape[d] for d in kept)
    nred = A.iprod(fb, [a.shape[d] for d in axes])
    if kind in ("min", "max", "argmin", "argmax"):
        _empty_check(tr, kind, nred, loc)
    ct = _compute(a.dtype) if kind in ("min", "max", "argmin", "argmax") else (
        BOOL if kind in ("any", "all") else (F64 if acc_dt in ("float32", "float64") else I64))
    store_dt = {F64: "float64", I64: "int64", BOOL: "bool"}[ct]
    if kind in ("min", "max") and a.dtype in NARROW:
        store_dt = a.dtype
    elif acc_dt == "uint64":
        store_dt = acc_dt
    acc = alloc(tr, store_dt, oshape, loc)
    ast = strides_of(fb, acc)
    init = _init(fb, kind, ct, a.dtype)
    loop_nest(fb, oshape, [], lambda idx, cs: (store(fb, acc, idx, cast(
        fb, init, {F64: "float64", I64: "int64", BOOL: "bool"}[ct], store_dt), ast), cs)[1])
    best = None
    if kind in ("argmin", "argmax"):
        best = alloc(tr, "int64", oshape, loc)
        loop_nest(fb, oshape, [], lambda idx, cs: (store(fb, best, idx, fb.const(0),
                                                          strides_of(fb, best)), cs)[1])
    plan = A.Plan(fb, a, a.shape)

    def body(idx, cs):
        oidx = [idx[d] for d in kept]
        v = _elem_in(fb, kind, element(tr, a, idx, plan, loc), a.dtype, acc_dt)
        r = A.load(fb, acc, oidx, ast)
        if kind in ("argmin", "argmax"):
            t = _take(fb, kind, r, v)
            store(fb, acc, oidx, fb.emit("select", [t, v, r]), ast)
            bi = A.load(fb, best, oidx)
            store(fb, best, oidx, fb.emit("select", [t, idx[axes[0]], bi]))
            return cs
        store(fb, acc, oidx, cast(fb, _update(fb, kind, r, v, acc_dt),
                                  {F64: "float64", I64: "int64", BOOL: "bool"}[ct]
                                  if store_dt not in NARROW else store_dt,
                                  store_dt), ast)
        return cs
    loop_nest(fb, a.shape, [], body)
    res = best if best is not None else acc
    if kind == "mean":
        res = Ew("divide", (acc, nred), "float64", acc.shape, ("float64", "float64"))
        if acc_dt == "float32":
            res = A.astype_node(res, "float32")
    elif acc_dt == "float32" and kind in ("sum", "prod"):
        res = A.astype_node(res, "float32")
    res = materialize(tr, res, loc)
    if keepdims:
        shape = tuple(1 if d in axes else a.shape[d] for d in range(a.ndim))
        res = Arr(res.dtype, res.ptr, shape, None, res.root)
    return res


def _variance(tr, kind, a, axis, axes, keepdims, loc, ddof):
    fb = tr.fb
    if not (type(ddof) is int or (isinstance(ddof, Var) and ddof.type is I64)):
        raise error(loc, "ddof= must be an int", "", E_TYPE)
    mean = reduce(tr, "mean", a, axis, True, loc)
    if a.dtype == "float32":
        mean_f = mean
    else:
        mean_f = mean
    dev = A.ufunc_node(tr, np.subtract, [A.astype_node(a, "float32" if a.dtype == "float32"
                                                       else "float64"), mean_f], loc)
    sq = A.ufunc_node(tr, np.multiply, [dev, dev], loc)
    s = reduce(tr, "sum", sq, axis, keepdims, loc)
    n = A.iprod(fb, [a.shape[d] for d in axes])
    d = A.isub(fb, n, ddof)
    d = A.imax(fb, d, 0)
    if is_array(s):
        r = A.ufunc_node(tr, np.divide, [s, d], loc)
        if kind == "std":
            r = A.ufunc_node(tr, np.sqrt, [r], loc)
        return materialize(tr, r, loc)
    q = fb.emit("fdiv", [s, fb.emit("convert", [ic(fb, d)], {"to": F64})])
    if kind == "std":
        q = fb.emit("sqrt", [q])
    return fb.emit("f32", [q]) if a.dtype == "float32" else q


def cumulative(tr, kind, a, axis, loc):
    fb = tr.fb
    a = as_array(tr, a, loc)
    acc_dt = _acc_dtype(kind, a.dtype, loc)
    op = "sum" if kind == "cumsum" else "prod"
    if axis is None:
        n = A.size_of(fb, a)
        out = alloc(tr, acc_dt, (n,), loc)
        plan = A.Plan(fb, a, a.shape)
        ct = _compute(acc_dt)

        def body(idx, cs):
            r, k = cs
            v = cast(fb, element(tr, a, idx, plan, loc), a.dtype, acc_dt)
            r = _update(fb, op, r, v, acc_dt)
            if acc_dt == "float32":
                r = fb.emit("f32", [r])
            store(fb, out, [k], r)
            return [r, fb.emit("wadd", [k, fb.const(1)])]
        # a running sum starts from the first element (NumPy's accumulate), so
        # for floats from -0.0, the additive identity: cumsum([-0.0]) is [-0.0]
        init = fb.const(-0.0, F64) if op == "sum" and ct is F64 else _init(fb, op, ct)
        loop_nest(fb, a.shape, [init, fb.const(0)], body)
        return out
    ax = A.normalize_axis(axis, a.ndim, loc)
    out = alloc(tr, acc_dt, a.shape, loc)
    ost = strides_of(fb, out)
    plan = A.Plan(fb, a, a.shape)

    def body2(idx, cs):
        v = cast(fb, element(tr, a, idx, plan, loc), a.dtype, acc_dt)
        first = fb.emit("eq", [idx[ax], fb.const(0)])
        prev_idx = list(idx)
        prev_idx[ax] = fb.emit("select", [first, idx[ax], fb.emit("wsub", [idx[ax],
                                                                           fb.const(1)])])
        p = A.load(fb, out, prev_idx, ost)
        r = _update(fb, op, p, v, acc_dt)
        if acc_dt == "float32":
            r = fb.emit("f32", [r])
        store(fb, out, idx, fb.emit("select", [first, v, r]), ost)
        return cs
    loop_nest(fb, a.shape, [], body2)
    return out


# --- linear algebra -----------------------------------------------------------------------------

def _mm_dtype(a, b, loc):
    return np.result_type(np.dtype(a.dtype), np.dtype(b.dtype)).name


def _not_aligned(fb, a, b, loc):
    """np.dot's core-dimension check: NumPy's message names both shapes."""
    da, db = a.ndim - 1, max(b.ndim - 2, 0)
    k, k2 = a.shape[da], b.shape[db]
    bad = icmp(fb, "ne", k, k2)
    if bad is False:
        return
    args: list = []
    msg = (f"shapes {A._fmt_shape(a.shape, args)} and {A._fmt_shape(b.shape, args)} not "
           f"aligned: {A._fmt_shape((k,), args)[1:-2]} (dim {da}) != "
           f"{A._fmt_shape((k2,), args)[1:-2]} (dim {db})")
    if bad is True and not args:
        raise TraceRaise("ValueError", msg)
    fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                  + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": msg}, loc=loc)


def _core_check(fb, n, m, msg, loc):
    bad = icmp(fb, "ne", n, m)
    if bad is False:
        return
    args = [x for x in (n, m)]
    if bad is True:
        raise TraceRaise("ValueError", msg.format(n, m))
    fb.emit_multi("raise_if_fmt", [bad, ic(fb, n), ic(fb, m)],
                  {"exc": "ValueError", "msg": msg}, loc=loc)


def _batch_check(fb, a, b, ba, bb, n, m, loc):
    """matmul's broadcast of the batch axis, with NumPy's gufunc message."""
    bad = band(fb, icmp(fb, "ne", ba, bb), band(fb, icmp(fb, "ne", ba, 1),
                                                icmp(fb, "ne", bb, 1)))
    if bad is False:
        return
    args: list = []

    def dim(v):
        return A.fmt_dim_once(v, args)

    def shp(dims):
        return "(" + ",".join(dims) + ("," if len(dims) == 1 else "") + ")"
    req = [dim(x) for x in (n, m) if x is not None]
    msg = ("operands could not be broadcast together with remapped shapes "
           f"[original->remapped]: {shp([dim(x) for x in a.shape])}->({dim(ba)},newaxis,newaxis) "
           f"{shp([dim(x) for x in b.shape])}->({dim(bb)},newaxis,newaxis)  and requested "
           f"shape {shp(req)}")
    if bad is True and not args:
        raise TraceRaise("ValueError", msg)
    if len(args) > 8:
        args, msg = [], "operands could not be broadcast together (matmul's batch axis)"
    fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                  + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": msg}, loc=loc)


def matmul(tr, a, b, loc, name="matmul"):
    fb = tr.fb
    a = materialize(tr, as_array(tr, a, loc), loc)
    b = materialize(tr, as_array(tr, b, loc), loc)
    if a.ndim == 0 or b.ndim == 0:
        raise error(loc, "matmul: Input operand does not have enough dimensions", "", E_TYPE)
    dt = _mm_dtype(a, b, loc)
    if name == "dot":
        _not_aligned(fb, a, b, loc)
    if dt == "bool":  # NumPy: OR of ANDs, i.e. the int64 sum of the 0/1 products is not 0
        r = matmul(tr, A.astype_node(a, "int64"), A.astype_node(b, "int64"), loc, name)
        if is_array(r):
            return A.astype_node(r, "bool")
        from . import npscalars as nps  # a 1-D product is a NumPy scalar: np.bool
        v = nps.var_of(fb, r) if nps.is_np(r) else r
        return nps.make("bool", fb.emit("ne", [v, fb.const(0)]) if isinstance(v, Var) else v != 0)
    if (a.ndim > 3 or b.ndim > 3) and name == "matmul":
        from .matmul_nd import matmul_nd
        return matmul_nd(tr, a, b, dt, "matmul: Input operand 1 has a mismatch in its core "
                         "dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {1} "
                         "is different from {0})", loc)
    if a.ndim > 3 or b.ndim > 3:
        raise error(loc, f"{name} of arrays with more than 3 dimensions is not supported", "",
                    E_UNSUPPORTED_CALL)
    if a.ndim == 1 and b.ndim == 1:
        _core_check(fb, a.shape[0], b.shape[0],
                    "matmul: Input operand 1 has a mismatch in its core dimension 0, with "
                    "gufunc signature (n?,k),(k,m?)->(n?,m?) (size {1} is different from {0})"
                    if name == "matmul" else
                    "shapes ({0},) and ({1},) not aligned: {0} (dim 0) != {1} (dim 0)", loc)
        from .npscalars import make
        return make(dt, _dot1(tr, a, b, dt, loc))  # a NumPy scalar of the product's dtype
    a2 = a if a.ndim >= 2 else Arr(a.dtype, a.ptr, (1, a.shape[0]), (0, strides_of(fb, a)[0]),
                                   a.root)
    b2 = b if b.ndim >= 2 else Arr(b.dtype, b.ptr, (b.shape[0], 1), (strides_of(fb, b)[0], 0),
                                   b.root)
    batch = ()
    n, k = a2.shape[-2], a2.shape[-1]
    k2, m = b2.shape[-2], b2.shape[-1]
    _core_check(fb, k, k2, "matmul: Input operand 1 has a mismatch in its core dimension 0, "
                "with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {1} is different from {0})"
                if name == "matmul" else "shapes not aligned: {0} (dim 1) != {1} (dim 0)", loc)
    if a2.ndim == 3 or b2.ndim == 3:  # after the core dimensions, as NumPy checks
        ba = a2.shape[0] if a2.ndim == 3 else 1
        bb = b2.shape[0] if b2.ndim == 3 else 1
        _batch_check(fb, a, b, ba, bb, n if a.ndim > 1 else None, m if b.ndim > 1 else None,
                     loc)
        batch = (isel(fb, icmp(fb, "eq", ba, 1), bb, ba),)
    oshape = batch + (n, m)
    if not batch and dt in ("float64", "float32") and b.ndim == 2:
        from .matmul_kernels import float_matmul  # (n, m); a 1-D a: its row (1, m)
        r = float_matmul(tr, a2, b2, n, k, m, dt, loc, fill)
        return r if a.ndim == 2 else Arr(dt, r.ptr, (m,), None, r.root)
    if not batch and dt in ("float64", "float32") and a.ndim == 2:  # A @ x
        from .matmul_kernels import float_matmul
        r = float_matmul(tr, a2, b2, n, k, 1, dt, loc, fill)
        return Arr(dt, r.ptr, (n,), None, r.root)
    if not batch and a.ndim == 2 and b.ndim == 2:
        return _matmul_blocked(tr, a2, b2, n, k, m, dt, loc)
    if batch and dt in ("float64", "float32") and a.ndim >= 2 and b.ndim >= 2:
        from .matmul_kernels import batched_matmul  # matrix products, batch by batch
        return batched_matmul(tr, a2, b2, batch, n, k, m, dt, loc, fill)
    out = full(tr, oshape, 0, dt, loc)
    ost = strides_of(fb, out)
    ast, bst = strides_of(fb, a2), strides_of(fb, b2)
    ct = _compute(dt)

    def at(x, st, bidx, i, j):
        idx = ([] if x.ndim == 2 else [isel(fb, icmp(fb, "eq", x.shape[0], 1), 0, bidx)]) + \
            [i, j]
        return cast(fb, A.load(fb, x, idx, st), x.dtype, dt)

    def batch_body(bidx_list, cs):
        bidx = bidx_list[0] if bidx_list else 0

        def row(i, cs2):
            def kk(p, cs3):
                av = at(a2, ast, bidx, i, p)

                def col(j, cs4):
                    oidx = ([bidx] if batch else []) + [i, j]
                    o = A.load(fb, out, oidx, ost)
                    bv = at(b2, bst, bidx, p, j)
                    prod = fb.emit("mul" if ct is F64 else "wmul", [av, bv])
                    if dt == "float32":  # the kernels' contract: float32 products
                        prod = fb.emit("f32", [prod])
                    s = fb.emit("add" if ct is F64 else "wadd", [o, prod])
                    store(fb, out, oidx, s if dt in ("float64", "int64") else
                          fb.emit("f32", [s]) if dt == "float32" else fb.emit(
                              "wrap", [s], {"dtype": dt}), ost)
                    return cs4
                loop(fb, m, [], col)
                return cs3
            loop(fb, k, [], kk)
            return cs2
        loop(fb, n, [], row)
        return cs
    loop_nest(fb, batch, [], batch_body)
    res = out
    if a.ndim == 1:  # drop the prepended axis
        res = Arr(dt, out.ptr, oshape[:-2] + (m,), None, out.root)
    elif b.ndim == 1:
        res = Arr(dt, out.ptr, oshape[:-1], None, out.root)
    return res


BLOCK = 4


def _matmul_blocked(tr, a, b, n, k, m, dt, loc):
    """C = A @ B for 2-D operands: 4x4 register blocks of C (16 accumulators
    carried through the k loop: 8 loads per 16 multiply-adds), plain dot
    products for the leftover rows and columns. Sums are in k order
    (NumPy's BLAS may order them differently: last-bit differences)."""
    fb = tr.fb
    out = alloc(tr, dt, (n, m), loc)
    ost, ast, bst = strides_of(fb, out), strides_of(fb, a), strides_of(fb, b)
    ct = _compute(dt)
    add, mul = ("add", "mul") if ct is F64 else ("wadd", "wmul")
    zero = fb.const(0.0 if ct is F64 else 0, ct)

    def fin(s):
        if dt == "float32":
            return fb.emit("f32", [s])
        if dt in NARROW_INTS:
            return fb.emit("wrap", [s], {"dtype": dt})
        return s

    def ld(x, st, i, j):
        return cast(fb, A.load(fb, x, [i, j], st), x.dtype, dt)

    nb = A.ifloordiv_pos(fb, n, BLOCK)
    mb = A.ifloordiv_pos(fb, m, BLOCK)

    def block_row(qi, cs):
        i0 = imul(fb, qi, BLOCK)
        rows = [iadd(fb, i0, r) for r in range(BLOCK)]

        def block_col(qj, cs2):
            j0 = imul(fb, qj, BLOCK)
            cols = [iadd(fb, j0, c) for c in range(BLOCK)]

            def kstep(p, acc):
                av = [ld(a, ast, r, p) for r in rows]
                bv = [ld(b, bst, p, c) for c in cols]
                return [fb.emit(add, [acc[r * BLOCK + c], fb.emit(mul, [av[r], bv[c]])])
                        for r in range(BLOCK) for c in range(BLOCK)]
            acc = loop(fb, k, [zero] * (BLOCK * BLOCK), kstep)
            for r in range(BLOCK):
                for c in range(BLOCK):
                    store(fb, out, [rows[r], cols[c]], fin(acc[r * BLOCK + c]), ost)
            return cs2
        loop(fb, mb, [], block_col)
        return cs
    loop(fb, nb, [], block_row)

    def dot_at(i, j):
        s = loop(fb, k, [zero], lambda p, c: [fb.emit(add, [c[0], fb.emit(
            mul, [ld(a, ast, i, p), ld(b, bst, p, j)])])])[0]
        store(fb, out, [i, j], fin(s), ost)

    m4 = imul(fb, mb, BLOCK)
    n4 = imul(fb, nb, BLOCK)
    # leftover columns of the blocked rows, then every column of the leftover rows
    loop(fb, n4, [], lambda i, cs: (loop(fb, A.isub(fb, m, m4), [], lambda jj, c2: (
        dot_at(i, iadd(fb, m4, jj)), c2)[1]), cs)[1])
    loop(fb, A.isub(fb, n, n4), [], lambda ii, cs: (loop(fb, m, [], lambda j, c2: (
        dot_at(iadd(fb, n4, ii), j), c2)[1]), cs)[1])
    return out


def _dot1(tr, a, b, dt, loc):
    fb = tr.fb
    ct = _compute(dt)
    ast, bst = strides_of(fb, a), strides_of(fb, b)
    if dt in ("float64", "float32"):  # the blocked order of the matmul contract
        from .matmul_kernels import dot_rows

        def row(x, st):
            return (A.ic(fb, A.address(fb, x, [0], st)), imul(fb, st[0], x.itemsize))
        return dot_rows(fb, [row(a, ast)], row(b, bst), a.dtype, b.dtype, a.shape[0], dt)[0]

    def body(idx, cs):
        x = cast(fb, A.load(fb, a, idx, ast), a.dtype, dt)
        y = cast(fb, A.load(fb, b, idx, bst), b.dtype, dt)
        p = fb.emit("mul" if ct is F64 else "wmul", [x, y])
        if dt == "float32":  # the matmul contract: float32 products and sums
            p = fb.emit("f32", [p])
        s = fb.emit("add" if ct is F64 else "wadd", [cs[0], p])
        return [fb.emit("f32", [s]) if dt == "float32" else s]
    r = loop_nest(fb, a.shape, [fb.const(0.0 if ct is F64 else 0, ct)], body)[0]
    return r if dt in ("float64", "float32", "int64") else fb.emit("wrap", [r], {"dtype": dt})


def dot(tr, a, b, loc):
    a, b = as_array(tr, a, loc), as_array(tr, b, loc)
    if a.ndim <= 2 and b.ndim <= 2:
        return matmul(tr, a, b, loc, name="dot")
    raise error(loc, "numpy.dot of arrays with more than 2 dimensions is not supported",
                "use @ (matmul) for batches", E_UNSUPPORTED_CALL)


def vdot(tr, a, b, loc):
    """np.vdot: both operands flattened; NumPy reshapes the second to the
    first's size, hence its reshape message on a length mismatch."""
    fb = tr.fb
    a = ravel(tr, as_array(tr, a, loc), loc)
    b = ravel(tr, as_array(tr, b, loc), loc)
    na, nb = a.shape[0], b.shape[0]
    bad = icmp(fb, "ne", na, nb)
    if bad is not False:
        args: list = []
        msg = (f"cannot reshape array of size {A._fmt_shape((nb,), args)[1:-2]} into shape "
               + A._fmt_shape((na,), args))
        if bad is True and not args:
            raise TraceRaise("ValueError", msg)
        fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                      + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": msg}, loc=loc)
    return dot(tr, a, b, loc)


def trace_(tr, a, loc):
    fb = tr.fb
    a = materialize(tr, as_array(tr, a, loc), loc)
    if a.ndim < 2:
        raise TraceRaise("ValueError", "diag requires an array of at least two dimensions")
    if a.ndim != 2:
        raise error(loc, "numpy.trace is supported for 2-D arrays", "", E_UNSUPPORTED_CALL)
    dt = _acc_dtype("sum", a.dtype, loc)
    n = A.imin(fb, a.shape[0], a.shape[1])
    ct = _compute(dt)
    st = strides_of(fb, a)

    def body(idx, cs):
        v = cast(fb, A.load(fb, a, [idx[0], idx[0]], st), a.dtype, dt)
        return [fb.emit("add" if ct is F64 else "wadd", [cs[0], v])]
    r = loop_nest(fb, (n,), [fb.const(0.0 if ct is F64 else 0, ct)], body)[0]
    r = fb.emit("f32", [r]) if dt == "float32" else r
    return _reduction_scalar("sum", a.dtype, r)


# --- joining ------------------------------------------------------------------------------------

def concatenate(tr, arrs, axis, loc, name="concatenate"):
    fb = tr.fb
    if not isinstance(arrs, tuple) or not arrs:
        raise error(loc, f"numpy.{name} takes a non-empty tuple of arrays", "", E_TYPE)
    arrs = [as_array(tr, x, loc) for x in arrs]
    nd = arrs[0].ndim
    if nd == 0:
        raise TraceRaise("ValueError", "zero-dimensional arrays cannot be concatenated")
    for x in arrs:
        if x.ndim != nd:
            raise TraceRaise("ValueError", "all the input array dimensions except for the "
                             "concatenation axis must match exactly, but along dimension 0, "
                             "the array at index 0 has "
                             f"{nd} dimension(s) and the array at index {arrs.index(x)} has "
                             f"{x.ndim} dimension(s)")
    ax = A.normalize_axis(axis, nd, loc)
    dt = np.result_type(*[np.dtype(x.dtype) for x in arrs]).name
    for i, x in enumerate(arrs[1:], 1):
        for d in range(nd):
            if d != ax:
                _core_check(fb, arrs[0].shape[d], x.shape[d],
                            "all the input array dimensions except for the concatenation axis "
                            f"must match exactly, but along dimension {d}, the array at index "
                            "0 has size {0} and the array at index %d has size {1}" % i, loc)
    total = 0
    for x in arrs:
        total = iadd(fb, total, x.shape[ax])
    shape = list(arrs[0].shape)
    shape[ax] = total
    out = alloc(tr, dt, tuple(shape), loc)
    off = 0
    for x in arrs:
        key = tuple(slice(off, iadd(fb, off, x.shape[ax])) if d == ax else slice(None)
                    for d in range(nd))
        view = A.getitem(tr, out, key, loc)
        A.assign(tr, view, x, loc)
        off = iadd(fb, off, x.shape[ax])
    return out


def stack(tr, arrs, axis, loc):
    if not isinstance(arrs, tuple) or not arrs:
        raise error(loc, "numpy.stack takes a non-empty tuple of arrays", "", E_TYPE)
    arrs = [materialize(tr, as_array(tr, x, loc), loc) for x in arrs]
    nd = arrs[0].ndim
    ax = A.normalize_axis(axis, nd + 1, loc)
    fb = tr.fb
    for i, x in enumerate(arrs[1:], 1):
        if x.ndim != nd:
            raise TraceRaise("ValueError", "all input arrays must have the same shape")
        for d in range(nd):
            bad = icmp(fb, "ne", arrs[0].shape[d], x.shape[d])
            if bad is True:
                raise TraceRaise("ValueError", "all input arrays must have the same shape")
            if bad is not False:
                fb.raise_if(bad, "ValueError", "all input arrays must have the same shape", loc)
    expanded = tuple(A.getitem(tr, x, tuple(None if d == ax else slice(None)
                                            for d in range(nd + 1)), loc) for x in arrs)
    return concatenate(tr, expanded, ax, loc, "stack")


def vstack(tr, arrs, loc):
    if not isinstance(arrs, tuple) or not arrs:
        raise error(loc, "numpy.vstack takes a non-empty tuple of arrays", "", E_TYPE)
    arrs = tuple(materialize(tr, as_array(tr, x, loc), loc) for x in arrs)
    arrs = tuple(A.getitem(tr, x, (None, slice(None)), loc) if x.ndim == 1 else x for x in arrs)
    return concatenate(tr, arrs, 0, loc, "vstack")


def hstack(tr, arrs, loc):
    if not isinstance(arrs, tuple) or not arrs:
        raise error(loc, "numpy.hstack takes a non-empty tuple of arrays", "", E_TYPE)
    arrs = tuple(as_array(tr, x, loc) for x in arrs)
    return concatenate(tr, arrs, 0 if arrs[0].ndim == 1 else 1, loc, "hstack")


# --- dispatch ----------------------------------------------------------------------------------

_REDUCTIONS = {"sum": "sum", "prod": "prod", "min": "min", "max": "max", "amin": "min",
               "amax": "max", "mean": "mean", "std": "std", "var": "var", "argmin": "argmin",
               "argmax": "argmax", "any": "any", "all": "all"}


def _reduction_call(tr, kind, args, kwargs, loc, name):
    params = [("a", REQUIRED), ("axis", None)]
    if kind in ("std", "var"):
        params += [("dtype", None), ("out", None), ("ddof", 0), ("keepdims", False)]
    elif kind in ("sum", "prod", "mean"):
        params += [("dtype", None), ("out", None), ("keepdims", False)]
    else:
        params += [("out", None), ("keepdims", False)]
    b = bind(loc, name, args, kwargs, params)
    if b.get("dtype") is not None or b.get("out") is not None:
        from .ufunc_methods import reduction_dtype_out
        return reduction_dtype_out(tr, kind, b, loc, name)
    r = reduce(tr, kind, b["a"], b["axis"], b["keepdims"], loc, ddof=b.get("ddof", 0))
    if isinstance(r, Var):  # a reduction to one number: the NumPy scalar of its dtype
        return _reduction_scalar(kind, dtype_of(as_array(tr, b["a"], loc)), r)
    return r


def _reduction_scalar(kind, src, r):
    """The NumPy scalar a full reduction of a `src` array gives (sums and
    products of unsigned ints are numpy.uint64: the same i64 bits)."""
    from .npscalars import make
    if kind in ("sum", "prod"):
        dt = _acc_dtype(kind, src, None)
    elif kind in ("mean", "var", "std"):
        dt = "float32" if src == "float32" else "float64"
    elif kind in ("min", "max"):
        dt = src
    elif kind in ("argmin", "argmax"):
        dt = "int64"
    else:
        dt = "bool"
    return make(dt, r)


def _like(tr, name, args, kwargs, loc):
    params = [("a", REQUIRED)] + ([("fill_value", REQUIRED)] if name == "full_like" else []) + \
        [("dtype", None)]
    b = bind(loc, name, args, kwargs, params)
    a = as_array(tr, b["a"], loc)
    dt = dtype_arg(b["dtype"], loc, a.dtype)
    value = {"zeros_like": 0, "ones_like": 1}.get(name, b.get("fill_value"))
    out = alloc(tr, dt, a.shape, loc)
    if name != "empty_like":
        fill(tr, out, value, loc)
    return out


def call(tr, fn, args, kwargs, loc):
    """numpy.<fn>(*args, **kwargs) on trace values."""
    fb = tr.fb
    args = [A.unlist(a) for a in args]
    kwargs = {k: A.unlist(v) for k, v in kwargs.items()}
    name = getattr(fn, "__name__", type(fn).__name__)
    if fn is np.matmul and len(args) == 2 and not kwargs:
        return matmul(tr, args[0], args[1], loc)
    if isinstance(fn, np.ufunc):
        if name not in UFUNCS:
            raise error(loc, f"numpy.{name} is not supported", "see the supported NumPy subset",
                        E_UNSUPPORTED_CALL)
        if kwargs or len(args) == fn.nin + 1:  # out= (or positional out) where= dtype=
            from . import ufunc_methods
            return ufunc_methods.ufunc_call(tr, fn, [A.unlist(a) for a in args], kwargs, loc)
        if len(args) != fn.nin:
            raise error(loc, f"numpy.{name} takes {fn.nin} argument(s) ({len(args)} given); "
                        f"signature: numpy.{name}(" + ", ".join(
                            f"x{i + 1}" for i in range(fn.nin)) + ", /, out=None, *, "
                        "where=True, dtype=None)", "", E_TYPE)
        args = [as_array(tr, a, loc) if isinstance(a, tuple) else a for a in args]
        if not any(is_array(a) for a in args):
            return _scalar_ufunc(tr, fn, args, loc)
        return A.ufunc_node(tr, fn, args, loc)
    if isinstance(fn, type) and issubclass(fn, np.generic):  # np.float64(x)...
        dt = dtype_arg(fn, loc)
        if len(args) != 1 or kwargs:
            raise error(loc, f"numpy.{name}() takes one argument", "", E_TYPE)
        x = args[0]
        if is_array(x):
            return A.astype_node(x, dt)
        from .npscalars import construct
        return construct(fb, dt, x, loc)
    if name in _REDUCTIONS:
        return _reduction_call(tr, _REDUCTIONS[name], args, kwargs, loc, name)
    if name in ("cumsum", "cumprod"):
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("axis", None)])
        return cumulative(tr, name, b["a"], b["axis"], loc)
    if name in ("zeros", "ones", "empty"):
        b = bind(loc, name, args, kwargs, [("shape", REQUIRED), ("dtype", None)])
        dt = dtype_arg(b["dtype"], loc, "float64")
        if name == "empty":
            return alloc(tr, dt, A.shape_arg(b["shape"], loc), loc)
        return full(tr, b["shape"], 0 if name == "zeros" else 1, dt, loc)
    if name == "full":
        b = bind(loc, name, args, kwargs, [("shape", REQUIRED), ("fill_value", REQUIRED),
                                           ("dtype", None)])
        return full(tr, b["shape"], b["fill_value"], dtype_arg(b["dtype"], loc), loc)
    if name in ("zeros_like", "ones_like", "empty_like", "full_like"):
        return _like(tr, name, args, kwargs, loc)
    if name == "arange":
        return arange(tr, args, kwargs, loc)
    if name == "linspace":
        return linspace(tr, args, kwargs, loc)
    if name in ("eye", "identity"):
        return eye(tr, args, kwargs, loc, name)
    if name in ("array", "asarray", "copy", "ascontiguousarray"):
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("dtype", None)])
        dt = dtype_arg(b["dtype"], loc)
        if name in ("asarray", "ascontiguousarray") and is_array(b["a"]) and dt in (
                None, b["a"].dtype):
            a = materialize(tr, b["a"], loc)
            if name == "asarray":
                return a
            from .viewcopy import c_contiguous, view_or_copy  # a view iff C-contiguous
            return view_or_copy(tr, a, c_contiguous(tr.fb, a), a.shape, None, loc)
        return array_from(tr, b["a"], dt, loc)
    if name == "where":
        b = bind(loc, name, args, kwargs, [("condition", REQUIRED), ("x", REQUIRED),
                                           ("y", REQUIRED)])
        c, x, y = [as_array(tr, v, loc) if isinstance(v, tuple) else v
                   for v in (b["condition"], b["x"], b["y"])]
        if not any(is_array(v) for v in (c, x, y)):
            raise error(loc, "numpy.where on scalars is not supported", "use x if c else y",
                        E_UNSUPPORTED_CALL)
        return A.where_node(tr, c, x, y, loc)
    if name == "clip":
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("a_min", REQUIRED),
                                           ("a_max", REQUIRED)])
        return clip(tr, b["a"], b["a_min"], b["a_max"], loc)
    if name in ("round", "around"):
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("decimals", 0)])
        return round_(tr, b["a"], b["decimals"], loc)
    if name == "vdot" and len(args) == 2 and not kwargs:
        return vdot(tr, args[0], args[1], loc)
    if name in ("dot", "inner") and len(args) == 2 and not kwargs:
        if name == "inner":  # NumPy: dot(a, b with its last two axes swapped)
            a, b = as_array(tr, args[0], loc), as_array(tr, args[1], loc)
            if a.ndim > 2 or b.ndim > 2:
                raise error(loc, "numpy.inner is supported for 1-D and 2-D arrays", "",
                            E_UNSUPPORTED_CALL)
            return dot(tr, a, A.transpose(tr, b, None, loc), loc)
        return dot(tr, args[0], args[1], loc)
    if name == "matmul" and len(args) == 2 and not kwargs:
        return matmul(tr, args[0], args[1], loc)
    if name == "outer" and len(args) == 2 and not kwargs:
        a = ravel(tr, as_array(tr, args[0], loc), loc)
        b = ravel(tr, as_array(tr, args[1], loc), loc)
        return A.ufunc_node(tr, np.multiply, [A.getitem(tr, a, (slice(None), None), loc),
                                              A.getitem(tr, b, (None, slice(None)), loc)], loc)
    if name == "trace" and len(args) == 1 and not kwargs:
        return trace_(tr, args[0], loc)
    if name == "concatenate":
        b = bind(loc, name, args, kwargs, [("arrays", REQUIRED), ("axis", 0)])
        return concatenate(tr, b["arrays"], b["axis"], loc)
    if name == "stack":
        b = bind(loc, name, args, kwargs, [("arrays", REQUIRED), ("axis", 0)])
        return stack(tr, b["arrays"], b["axis"], loc)
    if name in ("vstack", "hstack") and len(args) == 1 and not kwargs:
        return (vstack if name == "vstack" else hstack)(tr, args[0], loc)
    if name == "reshape":
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("shape", REQUIRED)])
        return A.reshape(tr, as_array(tr, b["a"], loc), A.shape_arg(b["shape"], loc), loc)
    if name == "transpose":
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("axes", None)])
        return A.transpose(tr, as_array(tr, b["a"], loc), b["axes"], loc)
    if name == "ravel" and len(args) == 1 and not kwargs:
        return ravel(tr, as_array(tr, args[0], loc), loc)
    if name in ("shape", "size", "ndim") and len(args) == 1 and not kwargs:
        return attribute(tr, as_array(tr, args[0], loc), name, loc)
    from . import npfuncs
    r = npfuncs.call(tr, fn, name, args, kwargs, loc)
    if r is not npfuncs.NOT_HERE:
        return r
    raise error(loc, f"{npfuncs.public_name(fn)}() is not supported",
                "see the supported NumPy subset", E_UNSUPPORTED_CALL)


def _scalar_ufunc(tr, fn, args, loc):
    """A NumPy ufunc on scalars (Python or NumPy): a NumPy scalar, computed
    like a 1-element array (npscalars.apply_ufunc)."""
    from .npscalars import apply_ufunc
    return apply_ufunc(tr.fb, fn, args, loc)


def _power_of_ten(n: int) -> float:
    """NumPy's power_of_ten (multiarray/calculation.c): exact up to 1e8, then
    multiplied by 10.0 one step at a time (not 10.0 ** n: they differ in the
    last bit from 1e23 on; inf past the float range)."""
    if n < 9:
        return 10.0 ** n
    r = 1e9
    for _ in range(n - 9):
        r *= 10.0
        if r == math.inf:
            break
    return r


def round_(tr, a, d, loc):
    """np.round(a, decimals) as NumPy's PyArray_Round: floats rint(a * 10**d) /
    10**d (d < 0: rint(a / 10**-d) * 10**-d); integers a copy for d >= 0,
    else the same float64 computation cast back to the integer dtype."""
    if type(d) is not int:
        raise error(loc, "numpy.round decimals= must be an int known when compiling", "",
                    E_TYPE)
    a = as_array(tr, a, loc) if isinstance(a, tuple) else a
    if not is_array(a):
        raise error(loc, "numpy.round of a scalar is not supported", "use round(x, n)",
                    E_UNSUPPORTED_CALL)
    if a.dtype == "bool":  # NumPy: float16 for decimals=0, else a casting TypeError
        if d == 0:
            raise error(loc, "numpy.round of a bool array gives float16, which is not supported",
                        "convert to float first", E_UNSUPPORTED_CALL)
        raise TraceRaise("TypeError", f"Cannot cast ufunc '{'multiply' if d > 0 else 'divide'}' "
                         "output from dtype('float64') to dtype('bool') with casting rule "
                         "'same_kind'")
    if a.dtype not in ("float64", "float32"):
        if d >= 0:
            return A.copy(tr, a, loc)  # NumPy: a new array, never `a` itself
        k = _power_of_ten(-d)
        q = A.ufunc_node(tr, np.rint, [A.ufunc_node(tr, np.divide, [a, k], loc)], loc)
        return A.astype_node(A.ufunc_node(tr, np.multiply, [q, k], loc), a.dtype)
    if d == 0:
        return A.ufunc_node(tr, np.rint, [a], loc)
    k = _power_of_ten(abs(d))
    if d > 0:
        return A.ufunc_node(tr, np.divide, [A.ufunc_node(tr, np.rint, [A.ufunc_node(
            tr, np.multiply, [a, k], loc)], loc), k], loc)
    return A.ufunc_node(tr, np.multiply, [A.ufunc_node(tr, np.rint, [A.ufunc_node(
        tr, np.divide, [a, k], loc)], loc), k], loc)


def _int_clip_bound(fb, v, dtype, side):
    """NumPy's _clip for integer arrays: a Python int bound at or beyond the
    dtype's extreme is dropped (None). A run-time int is clamped to that
    extreme instead, which clips nothing, like None."""
    if scalar_type(v) is not I64 or isinstance(v, bool) or dtype not in _INT_RANGE:
        return v
    lo, hi = _INT_RANGE[dtype]
    edge = lo if side == "min" else hi
    beyond = (lambda x: x <= edge) if side == "min" else (lambda x: x >= edge)
    if known(v):
        return None if beyond(v) else v
    return isel(fb, icmp(fb, "le" if side == "min" else "ge", v, edge), edge, v)


def clip(tr, a, lo, hi, loc):
    """np.clip as NumPy 2's _clip: out-of-range Python int bounds of integer
    arrays dropped, no bound at all a copy (np.positive)."""
    a = as_array(tr, a, loc)
    if a.dtype in _INT_RANGE:
        lo = _int_clip_bound(tr.fb, lo, a.dtype, "min")
        hi = _int_clip_bound(tr.fb, hi, a.dtype, "max")
    if lo is None and hi is None:
        return A.ufunc_node(tr, np.positive, [a], loc)
    r = a
    if lo is not None:
        r = A.ufunc_node(tr, np.maximum, [r, lo], loc)
    if hi is not None:
        r = A.ufunc_node(tr, np.minimum, [r, hi], loc)
    return r


def ravel(tr, a, loc):
    """NumPy's ravel: a view exactly when `a` is C-contiguous (at run time)."""
    from .viewcopy import c_contiguous, view_or_copy
    a = materialize(tr, a, loc)
    return view_or_copy(tr, a, c_contiguous(tr.fb, a), (A.size_of(tr.fb, a),), None, loc)


# --- attributes and methods ---------------------------------------------------------------------

_METHODS = {"sum", "prod", "min", "max", "mean", "std", "var", "argmin", "argmax", "any",
            "all", "cumsum", "cumprod", "dot", "reshape", "ravel", "flatten", "copy", "astype",
            "transpose", "fill", "clip", "round", "item", "tolist"}


def attribute(tr, a, name, loc):
    fb = tr.fb
    if name == "shape":
        return tuple(a.shape)
    if name == "ndim":
        return a.ndim
    if name == "size":
        return A.size_of(fb, a)
    if name == "dtype":
        return np.dtype(a.dtype)
    if name == "T":
        return A.transpose(tr, a, None, loc)
    if name == "itemsize":
        return A._itemsize(a.dtype)
    if name == "nbytes":
        return imul(fb, A.size_of(fb, a), A._itemsize(a.dtype))
    from . import npfuncs
    if name in _METHODS or name in npfuncs.METHODS:
        return ArrayMethod(a, name)
    raise error(loc, f"array attribute {name!r} is not supported",
                "see the supported NumPy subset", E_UNSUPPORTED_CALL)


def call_method(tr, m: ArrayMethod, args, kwargs, loc):
    a, name = m.arr, m.name
    fb = tr.fb
    if name in _REDUCTIONS:
        return _reduction_call(tr, _REDUCTIONS[name], [a] + list(args), kwargs, loc, name)
    if name in ("cumsum", "cumprod"):
        b = bind(loc, name, args, kwargs, [("axis", None)])
        return cumulative(tr, name, a, b["axis"], loc)
    if name == "dot":
        if len(args) != 1 or kwargs:
            raise error(loc, "a.dot(b) takes one argument", "", E_TYPE)
        return dot(tr, a, args[0], loc)
    if name == "reshape":
        if kwargs:
            raise error(loc, "reshape keyword arguments are not supported", "",
                        E_UNSUPPORTED_CALL)
        shape = args[0] if len(args) == 1 and isinstance(args[0], tuple) else tuple(args)
        return A.reshape(tr, a, A.shape_arg(shape, loc), loc)
    if name == "ravel" and not args and not kwargs:
        return ravel(tr, a, loc)
    if name in ("flatten", "copy") and not args and not kwargs:
        c = A.copy(tr, a, loc)
        return c if name == "copy" else Arr(c.dtype, c.ptr, (A.size_of(fb, c),), None, c.root)
    if name == "astype":
        b = bind(loc, name, args, kwargs, [("dtype", REQUIRED)])
        dt = dtype_arg(b["dtype"], loc)
        return A.copy(tr, A.astype_node(a, dt), loc)
    if name == "transpose":
        if kwargs:
            raise error(loc, "transpose keyword arguments are not supported", "",
                        E_UNSUPPORTED_CALL)
        axes = None if not args else (args[0] if len(args) == 1 and isinstance(args[0], tuple)
                                      else tuple(args))
        return A.transpose(tr, a, axes, loc)
    if name == "fill":
        if len(args) != 1 or kwargs:
            raise error(loc, "a.fill(value) takes one argument", "", E_TYPE)
        if isinstance(a, Ew):
            raise error(loc, "fill() on an expression has no effect", "", E_TYPE)
        if is_array(args[0]):
            raise error(loc, "a.fill() takes a number", "", E_TYPE)
        A.assign(tr, a, args[0], loc)
        return None
    if name == "clip":
        b = bind(loc, name, args, kwargs, [("min", None), ("max", None)])
        return clip(tr, a, b["min"], b["max"], loc)
    if name == "round":
        return call(tr, np.round, [a] + list(args), kwargs, loc)
    if name == "tolist" and not args and not kwargs:  # frontend/lists_arrays.py
        from .lists_arrays import tolist
        return tolist(tr, a, loc)
    if name == "item" and not args and not kwargs:
        a = materialize(tr, a, loc)
        fb.raise_if(ic_bool(fb, icmp(fb, "ne", A.size_of(fb, a), 1)), "ValueError",
                    "can only convert an array of size 1 to a Python scalar", loc)
        return A.load(fb, a, [0] * a.ndim)
    from . import npfuncs
    r = npfuncs.call_method(tr, a, name, args, kwargs, loc)
    if r is not npfuncs.NOT_HERE:
        return r
    raise error(loc, f"array method {name}() with these arguments is not supported",
                "see the supported NumPy subset", E_UNSUPPORTED_CALL)
