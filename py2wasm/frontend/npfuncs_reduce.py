"""NumPy reductions during tracing: sum, prod, min, max, mean, std, var,
argmin/argmax, any/all (fused with the elementwise expression they reduce),
NumPy's pairwise summation for bit-identical float sums, and cumulative
sums/products.

Place in the pipeline: frontend value semantics; nplib.call and array methods
dispatch reductions here; ufunc_methods (`np.add.reduce`) builds on it.
"""
from __future__ import annotations

import math

import numpy as np

from ..ir import BOOL, DTYPES, F64, I64, Var
from ..ir.types import INT_BITS, NARROW_INTS
from . import arrays as A
from . import array_shapes, reduce_iter, reduce_order
from .arrays import (alloc, Arr, cast, element, Ew, ic, icmp, imul, is_array, known, loop,
                     loop_nest, materialize, store, strides_of)
from .values import E_TYPE, E_UNSUPPORTED_CALL, error, TraceRaise
from .npargs import axis_arg
from .npfuncs_create import _INT_RANGE, as_array


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
    if kind == "mean" and acc_dt == "float64" and src != "float64" and hasattr(tr, "mt"):
        # NumPy's mean of ints and bools: umr_sum(a, dtype=float64), the
        # pairwise sum of the converted values, then the division
        r = _pairwise_reduction(tr, kind, A.astype_node(a, "float64"), axes, keepdims, loc,
                                buffered=True)
        if r is not None:
            return r
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


def _pairwise_call(tr, src: Arr, loc, buffered=False):
    """NumPy's pairwise sum of every element of a 1-D or C-contiguous array
    (`buffered`: per BUFSIZE elements, as a reduction that casts)."""
    fb = tr.fb
    n = A.size_of(fb, src)
    stride = strides_of(fb, src)[0] if src.ndim == 1 else 1
    step = imul(fb, stride, DTYPES[src.dtype].size)
    if buffered:  # from 0.0, the pairwise sum of each buffer
        return reduce_iter.chunked_call(tr, src.ptr, n, step, n, reduce_iter.BUFSIZE, 0.0,
                                        src.dtype, loc)
    r = fb.emit_multi("call", [ic(fb, src.ptr), ic(fb, n), ic(fb, step)],
                      {"fn": _pairwise_fn(tr, src.dtype), "results": [F64]}, loc=loc)[0]
    # NumPy adds the run's sum to the output, which starts at 0.0: so a sum
    # of negative zeros is 0.0
    return fb.emit("add", [fb.const(0.0), r])


def _pairwise_reduction(tr, kind, a, axes, keepdims, loc, buffered=False):
    """sum/mean of a float array (or the float64 sum of the mean of ints,
    `buffered`) over any axes, with NumPy's pairwise summation in NumPy's
    order and chunks (so the result is NumPy's to the bit): C-contiguous
    arrays over every axis or the last one directly, everything else through
    NumPy's reduction iterator (frontend/reduce_iter.py). An expression is
    computed into a temporary first, as NumPy does."""
    fb = tr.fb
    nd = a.ndim

    def finish(total, count):
        if kind == "mean":
            total = fb.emit("fdiv", [total, fb.emit("convert", [ic(fb, count)], {"to": F64})])
            if a.dtype == "float32":
                total = fb.emit("f32", [total])
        return total

    korder = reduce_order.needs_korder(a)
    if nd > 1 and not korder and (nd - 1) not in axes and known(a.shape[-1]) and \
            a.shape[-1] != 1:
        # C order with the last axis kept: NumPy's inner loop is elementwise,
        # each output adds its elements one at a time in C order (the
        # sequential reduction, vectorizable across outputs)
        return None
    if nd > 1 and (korder or axes not in (tuple(range(nd)), (nd - 1,))):
        # not C order, or axes other than all or the last: NumPy's reduction
        # iterator (frontend/reduce_iter.py)
        # (an expression: NumPy computes it first into a temporary laid out in
        # its K order, which iter_sum models)
        r = reduce_iter.iter_sum(tr, a, axes, loc, buffered)
        if len(axes) != nd:
            count = A.iprod(fb, [a.shape[d] for d in axes])
            return reduce_iter.finish_axes(tr, kind, r, a.dtype, count, keepdims, a.shape,
                                           axes, loc)
        total = finish(r, A.size_of(fb, a))
        if not keepdims:
            return total
        out = alloc(tr, a.dtype, (1,) * nd, loc)
        store(fb, out, [0] * nd, total)
        return out
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
            fb.br(join, [_pairwise_call(tr, materialize(tr, a, loc), loc, buffered)])
            fb.set_block(join)
            total = finish(join.params[0], n)
            if not keepdims:
                return total
            out = alloc(tr, a.dtype, (1,) * nd, loc)
            store(fb, out, [0] * nd, total)
            return out
    src = materialize(tr, a, loc)
    isz = DTYPES[src.dtype].size

    if len(axes) == nd:
        n = A.size_of(fb, src)
        total = finish(_pairwise_call(tr, src, loc, buffered), n)
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
        if buffered:
            t = reduce_iter.chunked_call(tr, row, n, step_b, n, reduce_iter.BUFSIZE, 0.0,
                                         src.dtype, loc)
        else:
            t = fb.emit_multi("call", [row, ic(fb, n), step_b],
                              {"fn": _pairwise_fn(tr, src.dtype), "results": [F64]},
                              loc=loc)[0]
            t = fb.emit("add", [fb.const(0.0), t])  # the output starts at 0.0
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

    lens, pos = a.shape, (lambda idx: idx)
    if kind == "prod" and acc_dt in ("float64", "float32") and reduce_order.needs_korder(a):
        # NumPy multiplies in its iterator's K order (memory order for a
        # Fortran-ordered or transposed array; negative strides kept)
        w = reduce_iter.Walk(tr, a, tuple(range(a.ndim)))
        lens, pos, plan = w.lens, w.pos, w.plan

    def body(idx, cs):
        v = _elem_in(fb, kind, element(tr, a, pos(idx), plan, loc), a.dtype, acc_dt)
        if kind in ("argmin", "argmax"):
            r, best, k = cs
            t = _take(fb, kind, r, v)
            return [fb.emit("select", [t, v, r]), fb.emit("select", [t, k, best]),
                    fb.emit("wadd", [k, fb.const(1)])]
        return [_update(fb, kind, cs[0], v, acc_dt)]
    out = loop_nest(fb, lens, init, body)
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
        if a.dtype == "float32":  # NumPy's var is a float32 before its sqrt (no double rounding)
            q = fb.emit("f32", [q])
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
    ax = array_shapes.normalize_axis(axis, a.ndim, loc)
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


def number_as_array(tr, v, loc):
    """A number reduced whole (`np.sum(x)`, `np.any(s == 0)` of a NumPy
    scalar): NumPy reduces it as a 0-d array of its dtype, which gives what
    a one-element array of that dtype gives. Other values are left as they are."""
    from . import npscalars
    from .npfuncs_create import array_from
    from .values import scalar_type
    if npscalars.is_np(v):
        dt = npscalars.dtype_name(v)
        if dt not in DTYPES:
            return v
        v = npscalars.demote(v, tr.fb, loc)
    else:
        dt = {BOOL: "bool", I64: "int64", F64: "float64"}.get(scalar_type(v))
        if dt is None:
            return v
    return array_from(tr, (v,), dt, loc)
