"""NumPy's sorting, searching and order statistics during tracing: `sort
argsort` (functions and methods, `a.sort()` in place), `searchsorted
digitize unique median percentile quantile`.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
Arguments are checked here with NumPy's messages; the loops are the kernels
of `npkernels` (plain Python compiled by the ordinary tracer into their own
IR functions), called on 1-D C-contiguous lanes.

Sorting is stable (NumPy's kind='stable' order for ties; NaN last): see
docs/arrays.md for the one visible difference from NumPy's default kind
(argsort's order among equal keys).
"""
from __future__ import annotations

import numpy as np

from ..ir import BOOL, F64, I64, Var
from . import arrays as A
from . import array_assign, array_shapes
from . import npkernels as K
from . import npscalars
from .arrays import Arr, alloc, ic, icmp, is_array, known, loop_nest, materialize
from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type

_KINDS = (None, "quicksort", "mergesort", "heapsort", "stable")


def kernel(tr, fn, args, loc):
    """Call the npkernels function `fn`. Its scalar results come back as
    Python-level values: an array element a kernel returns is a NumPy scalar
    to the tracer, but the callers here compute with its value (and give
    their own results NumPy's scalar types)."""
    from .calls import call_python
    return _demoted(tr, call_python(tr, fn, list(args), {}, loc), loc)


def _demoted(tr, v, loc):
    if isinstance(v, tuple):
        return tuple(_demoted(tr, x, loc) for x in v)
    return npscalars.demote(v, tr.fb, loc)


def as_arr(tr, v, loc, what="a"):
    if isinstance(v, tuple):
        from .npfuncs_create import array_from
        return array_from(tr, v, None, loc)
    if not is_array(v):
        raise error(loc, f"{what} must be an array here, got {A._tn(v)}", "pass a NumPy array",
                    E_TYPE)
    return materialize(tr, v, loc)


def flat(tr, a, loc) -> Arr:
    """A 1-D C-contiguous array of a's elements (a view when possible)."""
    a = materialize(tr, a, loc, contiguous=True)
    return Arr(a.dtype, a.ptr, (A.size_of(tr.fb, a),), None, a.root)


def row(out: Arr, fb, lane_idx, n) -> Arr:
    """Lane `lane_idx` (indices of the leading axes) of the C-contiguous `out`
    whose last axis has n elements: a 1-D contiguous view."""
    ptr = A.address(fb, out, list(lane_idx) + [0])
    return Arr(out.dtype, ptr, (n,), None, out.root)


def lanes_last(tr, a: Arr, axis, loc):
    """(copy of a with `axis` moved last (C-contiguous, fresh), the
    permutation used). axis None: the flattened copy."""
    if axis is None:
        return array_assign.copy(tr, flat(tr, a, loc), loc), None
    ax = array_shapes.normalize_axis(axis, a.ndim, loc)
    perm = tuple(d for d in range(a.ndim) if d != ax) + (ax,)
    return array_assign.copy(tr, array_shapes.transpose(tr, a, perm, loc), loc), perm


def unperm(tr, out, perm, loc):
    if perm is None:
        return out
    inv = tuple(perm.index(d) for d in range(len(perm)))
    return array_shapes.transpose(tr, out, inv, loc)


def each_lane(tr, out: Arr, body):
    """body(lane indices) for every lane of out's leading axes."""
    loop_nest(tr.fb, out.shape[:-1], [], lambda idx, cs: (body(idx), cs)[1])


def _kind(kind, loc, name):
    if kind not in _KINDS:
        raise error(loc, f"numpy.{name} kind={kind!r} is not supported",
                    "leave kind= out (all kinds give NumPy's sorted values)", E_UNSUPPORTED_CALL)


def sort_lanes(tr, a, axis, loc):
    """(a sorted along axis, with that axis moved last (C-contiguous), the
    permutation); axis None: the sorted flattened array."""
    a = as_arr(tr, a, loc)
    out, perm = lanes_last(tr, a, axis, loc)
    n = out.shape[-1]
    tmp = alloc(tr, out.dtype, (n,), loc)
    each_lane(tr, out, lambda idx: kernel(tr, K.sort_inplace, [row(out, tr.fb, idx, n), tmp],
                                          loc))
    return out, perm


def sort(tr, a, axis, kind, loc):
    _kind(kind, loc, "sort")
    out, perm = sort_lanes(tr, a, axis, loc)
    return unperm(tr, out, perm, loc)


def sort_method(tr, a, axis, kind, loc):
    """a.sort(axis): in place."""
    if not isinstance(a, Arr):
        raise error(loc, "sort() on an expression has no effect", "", E_TYPE)
    A.check_writeable(tr.fb, a, "sort array is read-only", loc)
    array_assign.assign(tr, a, sort(tr, a, axis, kind, loc), loc)
    return None


def argsort(tr, a, axis, kind, loc):
    _kind(kind, loc, "argsort")
    a = as_arr(tr, a, loc)
    keys, perm = lanes_last(tr, a, axis, loc)
    n = keys.shape[-1]
    out = alloc(tr, "int64", keys.shape, loc)
    tmp = alloc(tr, "int64", (n,), loc)
    fb = tr.fb
    each_lane(tr, keys, lambda idx: kernel(
        tr, K.argsort_into, [row(keys, fb, idx, n), row(out, fb, idx, n), tmp], loc))
    return unperm(tr, out, perm, loc)


def _one_d(tr, v, loc, name, what):
    v = as_arr(tr, v, loc, what)
    if v.ndim != 1:
        raise error(loc, f"numpy.{name}: {what} must be 1-D here", "", E_TYPE)
    return materialize(tr, v, loc, contiguous=True)


def _common(tr, a, v, loc):
    """a and v (array or scalar) in their common dtype (NumPy compares them so;
    a Python number is converted with np.asarray first: int64/float64/bool,
    not a weak scalar)."""
    vdt = v.dtype if is_array(v) else A.dtype_of(v) if scalar_type(v) is not None else None
    if vdt is None:
        raise error(loc, f"expected a number or an array, got {A._tn(v)}", "", E_TYPE)
    dt = np.result_type(np.dtype(a.dtype), np.dtype(vdt)).name
    if dt not in ("float64", "float32", "int64", "int32", "uint8", "bool"):
        raise error(loc, f"comparing {a.dtype} with {vdt} computes in {dt}, which is not "
                    "supported", "convert the operands with astype()", E_TYPE)
    if a.dtype != dt:
        a = array_assign.copy(tr, A.astype_node(a, dt), loc)
    if is_array(v) and v.dtype != dt:
        v = A.astype_node(v, dt)
    return a, v


def _per_element(tr, fn, a, v, extra, loc):
    """fn(a, flat v, out, *extra) with int64 out shaped like v; a scalar v
    gives a scalar."""
    fb = tr.fb
    if not is_array(v):
        if scalar_type(v) is None:
            raise error(loc, f"expected a number or an array, got {A._tn(v)}", "", E_TYPE)
        vv = alloc(tr, a.dtype if a.dtype != "bool" else "float64", (1,), loc)
        A.store(fb, vv, [0], array_assign.scalar_to_dtype(tr, v, vv.dtype, loc))
        out = alloc(tr, "int64", (1,), loc)
        kernel(tr, fn, [a, vv, out] + list(extra), loc)
        return npscalars.make("int64", A.load(fb, out, [0]))  # NumPy's intp scalar
    shape = v.shape
    fv = flat(tr, v, loc)
    out = alloc(tr, "int64", fv.shape, loc)
    kernel(tr, fn, [a, fv, out] + list(extra), loc)
    return Arr("int64", out.ptr, shape, None, out.root)


def searchsorted(tr, a, v, side, sorter, loc):
    if sorter is not None:
        raise error(loc, "numpy.searchsorted sorter= is not supported",
                    "sort the array first", E_UNSUPPORTED_CALL)
    if side not in ("left", "right"):
        raise error(loc, f"numpy.searchsorted side= must be 'left' or 'right', got {side!r}",
                    "", E_TYPE)
    a = _one_d(tr, a, loc, "searchsorted", "a")
    v = as_arr(tr, v, loc, "v") if isinstance(v, tuple) else v
    a, v = _common(tr, a, v, loc)
    return _per_element(tr, K.searchsorted_into, a, v, [side == "right"], loc)


def digitize(tr, x, bins, right, loc):
    if type(right) is not bool:
        raise error(loc, "numpy.digitize right= must be a known bool", "", E_TYPE)
    bins = _one_d(tr, bins, loc, "digitize", "bins")
    x = as_arr(tr, x, loc, "x") if isinstance(x, tuple) else x
    bins, x = _common(tr, bins, x, loc)
    if not is_array(x):
        fb = tr.fb
        vv = alloc(tr, bins.dtype, (1,), loc)
        A.store(fb, vv, [0], array_assign.scalar_to_dtype(tr, x, vv.dtype, loc))
        out = alloc(tr, "int64", (1,), loc)
        kernel(tr, K.digitize_into, [vv, bins, out, right], loc)
        return npscalars.make("int64", A.load(fb, out, [0]))
    shape = x.shape
    fx = flat(tr, x, loc)
    out = alloc(tr, "int64", fx.shape, loc)
    kernel(tr, K.digitize_into, [fx, bins, out, right], loc)
    return Arr("int64", out.ptr, shape, None, out.root)


def unique(tr, a, return_counts, loc, return_index=False, return_inverse=False):
    for v, nm in ((return_counts, "return_counts"), (return_index, "return_index"),
                  (return_inverse, "return_inverse")):
        if type(v) is not bool:
            raise error(loc, f"numpy.unique {nm}= must be a known bool", "", E_TYPE)
    if return_index or return_inverse:
        return _unique_indices(tr, a, return_index, return_inverse, return_counts, loc)
    s = sort(tr, a, None, None, loc)
    n = kernel(tr, K.unique_count, [s], loc)
    out = alloc(tr, s.dtype, (n,), loc)
    counts = alloc(tr, "int64", (n,), loc)
    kernel(tr, K.unique_into, [s, out, counts], loc)
    return (out, counts) if return_counts else out


def _unique_indices(tr, a, return_index, return_inverse, return_counts, loc):
    """np.unique with return_index= / return_inverse=: NumPy's _unique1d over
    a stable argsort (first occurrences; the inverse in a's shape, as NumPy 2)."""
    a = as_arr(tr, a, loc)
    fa = flat(tr, a, loc)
    perm = argsort(tr, fa, -1, None, loc)
    n = kernel(tr, K.unique_perm_count, [fa, perm], loc)
    out = alloc(tr, fa.dtype, (n,), loc)
    index = alloc(tr, "int64", (n,), loc)
    counts = alloc(tr, "int64", (n,), loc)
    inverse = alloc(tr, "int64", fa.shape, loc)
    kernel(tr, K.unique_perm_into, [fa, perm, out, index, inverse, counts], loc)
    r = (out,)
    if return_index:
        r += (index,)
    if return_inverse:
        r += (Arr("int64", inverse.ptr, tuple(a.shape), None, inverse.root),)
    if return_counts:
        r += (counts,)
    return r


# --- order statistics ---------------------------------------------------------------------------

def _f(fb, x):
    return fb.const(float(x), F64) if known(x) else (
        x if x.type is F64 else fb.emit("convert", [x], {"to": F64}))


def _stat_lanes(tr, a, axis, keepdims, loc, name):
    if type(keepdims) is not bool:
        raise error(loc, f"numpy.{name} keepdims= must be a known bool", "", E_TYPE)
    a = as_arr(tr, a, loc)
    if a.dtype == "bool" and name != "median":
        raise error(loc, f"numpy.{name} of a bool array is not supported",
                    "convert it with astype() first", E_TYPE)
    if isinstance(axis, tuple):
        raise error(loc, f"numpy.{name} with a tuple axis is not supported", "", E_TYPE)
    keys, perm = sort_lanes(tr, a, axis, loc)  # sorted lanes, contiguous
    return a, keys, perm


def _keep(tr, out, a, axis, keepdims, loc):
    if not keepdims:
        return out
    if not is_array(out):
        r = alloc(tr, npscalars.dtype_name(out), (1,) * a.ndim, loc)
        A.store(tr.fb, r, [0] * a.ndim, npscalars.var_of(tr.fb, out))
        return r
    if axis is None:
        shape = (1,) * a.ndim
    else:
        ax = array_shapes.normalize_axis(axis, a.ndim, loc)
        shape = tuple(out.shape[:ax]) + (1,) + tuple(out.shape[ax:])
    return array_shapes.reshape(tr, out, shape, loc)


def _result(tr, keys, res_dt, compute, loc):
    """compute(lane ptr view, fb) -> value for each lane: a scalar when there
    is one lane (axis None) else an array of the lanes' shape."""
    fb = tr.fb
    n = keys.shape[-1]
    if keys.ndim == 1:  # NumPy's scalar of the result dtype
        return npscalars.make(res_dt, compute(keys))
    out = alloc(tr, res_dt, keys.shape[:-1], loc)

    def body(idx, cs):
        A.store(fb, out, idx, compute(row(keys, fb, idx, n)))
        return cs
    loop_nest(fb, keys.shape[:-1], [], body)
    return out


def _nan_last(fb, lane: Arr, n):
    """Has the sorted lane a NaN (then it is last)? False for an empty lane.
    None for integer lanes; else (the flag, the last element)."""
    if lane.dtype not in A.FLOATS:
        return None
    last = A.load(fb, lane, [A.imax(fb, A.isub(fb, n, 1), 0)])
    return fb.emit("and", [fb.emit("ne", [last, last]), ic(fb, icmp(fb, "gt", n, 0))
                           if not known(icmp(fb, "gt", n, 0))
                           else fb.const(bool(icmp(fb, "gt", n, 0)))]), last


def _pick_nan(fb, lane: Arr, n, r, dt):
    """r, or the lane's NaN if it has one: NumPy returns the data's NaN (its
    sign included), not a new one."""
    nan = _nan_last(fb, lane, n)
    if nan is None:
        return r
    flag, last = nan
    return fb.emit("select", [flag, A.cast(fb, last, lane.dtype, dt), r])


# NumPy's median of an empty lane is the mean of nothing, 0.0/0.0: the CPU's
# default NaN (sign bit set on x86), like inf - inf in CPython
_MEAN_OF_NOTHING = float("inf") - float("inf")


def median(tr, a, axis, keepdims, loc):
    fb = tr.fb
    a0, keys, perm = _stat_lanes(tr, a, axis, keepdims, loc, "median")
    dt = "float32" if keys.dtype == "float32" else "float64"
    n = keys.shape[-1]

    def rnd(x):
        return fb.emit("f32", [x]) if dt == "float32" else x

    def compute(lane):
        # NumPy: the mean of the middle element(s); NaN if the lane has a NaN
        # (an empty lane is NaN too, with NumPy's RuntimeWarning); an empty
        # lane is never read
        empty = icmp(fb, "eq", n, 0)
        if empty is True:
            return fb.const(_MEAN_OF_NOTHING)
        if empty is False:
            return middle(lane)
        full, join = fb.new_block(), fb.new_block([F64])
        fb.cond_br(empty, join, full, [fb.const(_MEAN_OF_NOTHING)], [])
        fb.set_block(full)
        fb.br(join, [middle(lane)])
        fb.set_block(join)
        return join.params[0]

    def middle(lane):
        h = A.ifloordiv_pos(fb, n, 2)
        odd = icmp(fb, "ne", A.isub(fb, n, A.imul(fb, h, 2)), 0)
        hi = A.cast(fb, A.load(fb, lane, [A.imin(fb, h, A.imax(fb, A.isub(fb, n, 1), 0))]),
                    keys.dtype, dt)
        lo = A.cast(fb, A.load(fb, lane, [A.imax(fb, A.isub(fb, h, 1), 0)]), keys.dtype, dt)
        two = rnd(fb.emit("fdiv", [rnd(fb.emit("add", [lo, hi])), fb.const(2.0)]))
        r = fb.emit("select", [ic_b(fb, odd), hi, two])
        return _pick_nan(fb, lane, n, r, dt)
    out = _result(tr, keys, dt, compute, loc)
    return _keep(tr, out, a0, axis, keepdims, loc)


def ic_b(fb, v):
    return v if isinstance(v, Var) else fb.const(bool(v))


def _q_kind(tr, q, loc, name):
    """(q as an array or None for one weak Python number, q's dtype or None
    when weak). A list/tuple is NumPy's array of it; a NumPy scalar is a 0-d
    q of its dtype (not weak)."""
    q = A.unlist(q)
    if isinstance(q, tuple) or is_array(q):
        qa = as_arr(tr, q, loc, "q")
        if qa.dtype not in A.FLOATS and qa.dtype not in A.INTS and qa.dtype != "bool":
            raise error(loc, f"numpy.{name} q of dtype {qa.dtype} is not supported", "", E_TYPE)
        return qa, qa.dtype
    if npscalars.is_np(q):
        return q, npscalars.dtype_name(q)
    if scalar_type(q) is None:
        raise error(loc, f"numpy.{name} q must be a number or a sequence of numbers, got "
                    f"{A._tn(q)}", "", E_TYPE)
    return q, None


def quantile(tr, a, q, axis, method, keepdims, loc, name):
    """NumPy's method='linear' (Hyndman and Fan's 7th) with NumPy's dtypes:
    a weak Python q computes in the data's float dtype; an array q (or a
    NumPy scalar) of dtype G interpolates with a gamma of dtype G and gives
    result_type(data, G); numpy.quantile with an integer/bool q takes
    elements (no interpolation) and keeps the data's dtype. Several
    quantiles: the q axes first in the result, as NumPy."""
    fb = tr.fb

    def rnd_to(dt, x):
        """x (F64) rounded to float32 when dt is float32."""
        return fb.emit("f32", [x]) if dt == "float32" else x
    if method != "linear":
        raise error(loc, f"numpy.{name} method={method!r} is not supported",
                    "use the default method='linear'", E_UNSUPPORTED_CALL)
    q, qdt = _q_kind(tr, q, loc, name)
    weak = qdt is None
    qint = (scalar_type(q) in (I64, BOOL)) if weak else (qdt in A.INTS or qdt == "bool")
    take = name == "quantile" and qint        # integer virtual indexes: no interpolation
    if weak or qint:
        gdt = "float64"                       # gamma's dtype (weak: a Python float)
    else:
        gdt = qdt
    a0, keys, perm = _stat_lanes(tr, a, axis, keepdims, loc, name)
    D = keys.dtype
    if take:
        R = D
    elif weak:
        R = "float32" if D == "float32" else "float64"
    else:
        R = np.result_type(np.dtype(D), np.dtype(gdt)).name
    n = keys.shape[-1]
    several = is_array(q)
    qflat = flat(tr, q, loc) if several else None
    nq = qflat.shape[0] if several else 1

    def q_value(qi):
        """The quantile (percentile / 100) as an F64 holding a value of gdt."""
        if several:
            v = A.cast(fb, A.load(fb, qflat, [qi]), qdt, "float64")
        elif weak:
            v = _f(fb, q)
        else:
            v = A.cast(fb, npscalars.var_of(fb, q), qdt, "float64")
        if name == "percentile":
            v = rnd_to(gdt, fb.emit("fdiv", [v, fb.const(100.0)]))
        return v

    # NumPy checks every q before it looks at the data
    msg = "Percentiles must be in the range [0, 100]" if name == "percentile" else \
        "Quantiles must be in the range [0, 1]"

    def check(qi):
        qf = q_value(qi)
        ok = fb.emit("and", [fb.emit("ge", [qf, fb.const(0.0)]),
                             fb.emit("le", [qf, fb.const(1.0)])])
        fb.raise_if(fb.emit("not", [ok]), "ValueError", msg, loc)
    if several:
        loop_nest(fb, (nq,), [], lambda idx, cs: (check(idx[0]), cs)[1])
    else:
        check(None)
    # NumPy's error for an empty lane (its partition asks for index -1 too
    # when the data may hold NaN, i.e. for floats)
    first = -1 if D in A.FLOATS else 0
    if known(n) and n == 0:
        raise TraceRaise("IndexError", f"index {first} is out of bounds for axis 0 with size 0")
    if not known(n):
        fb.emit_multi("raise_if_fmt", [fb.emit("eq", [n, fb.const(0)]), fb.const(first)],
                      {"exc": "IndexError", "msg": "index {0} is out of bounds for axis 0 "
                       "with size 0"}, loc=loc)

    def params(qi):
        """(previous index, next index, gamma) of one quantile."""
        qf = q_value(qi)
        last = ic(fb, A.isub(fb, n, 1))
        if take:  # q is 0 or 1 (checked): the first or the last element
            pi = fb.emit("select", [fb.emit("ge", [qf, fb.const(1.0)]), last, fb.const(0)])
            return pi, pi, None
        nm1 = _f(fb, A.isub(fb, n, 1))
        vi = rnd_to(gdt, fb.emit("mul", [nm1, qf]))            # (n - 1) * q
        prev = fb.emit("floor", [vi])
        above = fb.emit("ge", [vi, nm1])
        prev_f = fb.emit("select", [above, fb.const(-1.0), prev])
        gamma = rnd_to(gdt, fb.emit("sub", [vi, prev_f]))
        prev_i = fb.emit("ftoi", [prev])
        pi = fb.emit("select", [above, last, prev_i])
        ni = fb.emit("select", [above, last, fb.emit("wadd", [prev_i, fb.const(1)])])
        return pi, ni, gamma

    def compute(lane, pr):
        pi, ni, gamma = pr
        av = A.load(fb, lane, [pi])
        if take:
            r = av
        else:
            bv = A.load(fb, lane, [ni])
            # NumPy's _lerp: diff = b - a in the data's dtype, the rest in R
            if D in A.FLOATS:
                diff = rnd_to(D, fb.emit("sub", [bv, av]))
            else:
                diff = A.cast(fb, fb.emit("wsub", [bv, av]) if D == "int64" else
                              fb.emit("sub", [bv, av]), "int64", "float64")
                av, bv = A.cast(fb, av, D, "float64"), A.cast(fb, bv, D, "float64")
            if weak:  # a Python float gamma meets the data's dtype
                t, omt = rnd_to(R, gamma), rnd_to(R, fb.emit("sub", [fb.const(1.0), gamma]))
            else:
                t, omt = gamma, rnd_to(gdt, fb.emit("sub", [fb.const(1.0), gamma]))
            lo = rnd_to(R, fb.emit("add", [av, rnd_to(R, fb.emit("mul", [diff, t]))]))
            hi = rnd_to(R, fb.emit("sub", [bv, rnd_to(R, fb.emit("mul", [diff, omt]))]))
            r = fb.emit("select", [fb.emit("ge", [gamma, fb.const(0.5)]), hi, lo])
        return _pick_nan(fb, lane, n, r, R)
    if not several:
        pr = params(None)
        out = _result(tr, keys, R, lambda lane: compute(lane, pr), loc)
        return _keep(tr, out, a0, axis, keepdims, loc)
    lanes = tuple(keys.shape[:-1])
    out = alloc(tr, R, (nq,) + lanes, loc)

    def per_q(qidx, cs):
        pr = params(qidx[0])

        def per_lane(idx, cs2):
            A.store(fb, out, [qidx[0]] + list(idx), compute(row(keys, fb, idx, n), pr))
            return cs2
        loop_nest(fb, lanes, [], per_lane)
        return cs
    loop_nest(fb, (nq,), [], per_q)
    if keepdims:
        if axis is None:
            lanes = (1,) * a0.ndim
        else:
            ax = array_shapes.normalize_axis(axis, a0.ndim, loc)
            lanes = lanes[:ax] + (1,) + lanes[ax:]
    return array_shapes.reshape(tr, out, tuple(q.shape) + lanes, loc)

