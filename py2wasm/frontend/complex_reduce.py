"""Reductions and scans of complex arrays along axes: sum, mean, prod
(axis=, keepdims=, negative axes, tuples of axes) and cumsum, cumprod.

Place in the pipeline: frontend value semantics, called by `complex_calls`
(np.sum/np.mean/np.prod/np.cumsum/np.cumprod and the methods) for complex
arrays. The loops are NumPy 2's, in its order, so the results are NumPy's
to the bit:
- NumPy's reduction iterator runs the reduced axes at the end of the array
  (the trailing run of reduced axes, coalesced: C-contiguous data) through
  the reduce loop: `out += pairwise_sum(row)` for add
  (`complex_calls._pairwise_fn`), `out = out * x` one element at a time,
  with the plain product, for multiply;
- when the last axis is kept, the other reduced axes run elementwise: the
  binary loops `out = out + x`, and for multiply NumPy's SIMD product (fused
  multiply-add, as `*` of arrays);
- the output starts from the identity (0+0j, 1+0j: `np.prod` of [inf+0j]
  is inf+nanj, as in NumPy), in C order over the reduced axes;
- mean divides by the count as complex128 (NumPy's true_divide by an intp),
  then casts to the dtype;
- cumsum/cumprod copy the first element and then add, or multiply with the
  plain product (NumPy's accumulate), along the axis (flattened for None).
An N-d strided view runs through NumPy's reduction iterator
(reduce_iter.Walk: its order, its chunks for the pairwise sums).
"""
from __future__ import annotations

from ..ir import F64, Var
from .values import E_TYPE, Cx, error


def _v(fb, x):
    return x if isinstance(x, Var) else fb.const(float(x), F64)


def _vc(fb, z: Cx) -> Cx:
    return Cx(_v(fb, z.re), _v(fb, z.im))


def _all(fb, conds):
    """The conjunction of known bools and i1 Vars (True for none)."""
    from . import arrays as A
    r = True
    for c in conds:
        r = A.band(fb, r, c)
    return r


def reduce_axes(tr, kind: str, a, axes: tuple, keepdims: bool, loc):
    """sum / prod / mean of complex array `a` over `axes` (normalized, some
    or all): a complex array (keepdims: the reduced axes kept with size 1)
    or, over every axis without keepdims, a NumPy complex scalar."""
    from . import arrays as A
    from .complex_arrays import C, multiply
    from .complex_calls import _pairwise_fn
    fb = tr.fb
    if type(keepdims) is not bool:
        raise error(loc, "keepdims= must be a known bool", "", E_TYPE)
    dt = a.dtype
    nd = a.ndim
    axes = tuple(sorted(axes))
    view = isinstance(a, A.Arr) and a.strides is not None and nd > 1
    src = A.materialize(tr, a, loc, contiguous=True) if not view and (
        nd != 1 or not isinstance(a, A.Arr)) else a
    c = C(fb, loc, dt)
    kept = [d for d in range(nd) if d not in axes]
    oshape = tuple(src.shape[d] for d in kept)
    op = "prod" if kind == "prod" else "sum"
    ident = Cx(1.0, 0.0) if op == "prod" else Cx(0.0, 0.0)
    out = A.alloc(tr, dt, oshape, loc)
    A.loop_nest(fb, oshape, [], lambda idx, cs: (A.store(fb, out, list(idx), _vc(fb, ident)),
                                                  cs)[1])
    if view:
        _view_reduce(tr, op, a, axes, out, c, loc)
        return _finish(tr, kind, out, src, axes, keepdims, c, loc)

    def reduce_run(t):
        """NumPy's reduce loop on the run of dims t.. (C-contiguous)."""
        m = A.iprod(fb, [src.shape[d] for d in range(t, nd)])
        step = src.itemsize if nd > 1 or src.strides is None else \
            A.imul(fb, A.strides_of(fb, src)[0], src.itemsize)

        def run(idx, cs):
            full = list(idx) + [fb.const(0)] * (nd - t)
            oidx = [full[d] for d in kept]
            row = A.ic(fb, A.address(fb, src, full))
            acc = A.load(fb, out, oidx)
            if op == "sum":
                fn = _pairwise_fn(tr, dt)
                re, im = fb.emit_multi("call", [row, A.ic(fb, m), A.ic(fb, step)],
                                       {"fn": fn, "results": [F64, F64]}, loc=loc)
                acc = Cx(c.add(acc.re, re), c.add(acc.im, im))
            else:
                from .complex_arrays import load_at

                def mul(k, cs2):
                    x = load_at(fb, A.ic(fb, A.iadd(fb, row, A.imul(fb, k, step))), dt)
                    z = multiply(c, Cx(cs2[0], cs2[1]), x, fused=False)
                    return [_v(fb, z.re), _v(fb, z.im)]
                r = A.loop(fb, m, [_v(fb, acc.re), _v(fb, acc.im)], mul)
                acc = Cx(r[0], r[1])
            A.store(fb, out, oidx, _vc(fb, acc))
            return cs
        A.loop_nest(fb, tuple(src.shape[:t]), [], run)

    def elementwise():
        """The binary loops, out = out op x, in C order."""
        def each(idx, cs):
            oidx = [idx[d] for d in kept]
            acc = A.load(fb, out, oidx)
            x = A.load(fb, src, list(idx))
            if op == "sum":
                z = Cx(c.add(acc.re, x.re), c.add(acc.im, x.im))
            else:
                z = multiply(c, acc, x, fused=True)
            A.store(fb, out, oidx, _vc(fb, z))
            return cs
        A.loop_nest(fb, tuple(src.shape), [], each)

    def plan(t):
        if any(d in axes for d in range(t, nd)):
            reduce_run(t)
        else:
            elementwise()

    # NumPy's iterator drops axes of length 1 and coalesces the others: its
    # inner loop is the longest suffix of reduced axes (and kept axes of
    # length 1), chosen here at run time when a length is not known
    cands = [t for t in range(nd + 1) if t == 0 or (t - 1) in kept]
    join = fb.new_block()
    for t in cands:
        cond = _all(fb, [A.icmp(fb, "eq", src.shape[d], 1) for d in kept if d >= t])
        if cond is False:
            continue
        if cond is True:
            plan(t)
            fb.br(join)
            break
        yes, no = fb.new_block(), fb.new_block()
        fb.cond_br(cond, yes, no)
        fb.set_block(yes)
        plan(t)
        fb.br(join)
        fb.set_block(no)
    fb.set_block(join)
    return _finish(tr, kind, out, src, axes, keepdims, c, loc)


def _view_reduce(tr, op, a, axes, out, c, loc):
    """sum / prod of an N-d strided view into `out` (C order over the kept
    axes, holding the identity) in NumPy's reduction order
    (reduce_iter.Walk): where the innermost dim is reduced, the sum adds
    the pairwise sum of each of NumPy's chunks and the product multiplies
    one element at a time with the plain product; where it is kept, the
    binary loops (the product fused)."""
    from . import arrays as A
    from . import reduce_iter
    from .complex_arrays import as_cx, multiply
    fb = tr.fb
    w = reduce_iter.Walk(tr, a, axes)
    dt = a.dtype

    def one_by_one(fused):
        def body(idx, cs):
            pos = w.pos(idx)
            oi = [pos[d] for d in w.kept]
            acc = A.load(fb, out, oi)
            x = as_cx(A.element(tr, a, pos, w.plan, loc))
            if op == "sum":
                z = Cx(c.add(acc.re, x.re), c.add(acc.im, x.im))
            else:
                z = multiply(c, acc, x, fused=fused)
            A.store(fb, out, oi, _vc(fb, z))
            return cs
        A.loop_nest(fb, w.lens, [], body)

    def chunks():
        if op == "prod":
            return one_by_one(False)
        tmp = A.alloc(tr, dt, (A.size_of(fb, a),), loc)
        w.copy(tr, a, tmp, loc)
        isz = tmp.itemsize

        def each(idx, cs):
            oi = [w.pos(idx)[d] for d in w.kept]
            acc = A.load(fb, out, oi)
            at = A.iadd(fb, tmp.ptr, A.imul(fb, cs[0], isz))
            re, im = reduce_iter.chunked_call(tr, at, w.group, isz, w.seg, w.chunk,
                                              [_v(fb, acc.re), _v(fb, acc.im)], dt, loc)
            A.store(fb, out, oi, Cx(re, im))
            return [fb.emit("wadd", [cs[0], A.ic(fb, w.group)])]
        A.loop_nest(fb, w.outer_lens, [fb.const(0)], each)
    w.branch(chunks, lambda: one_by_one(True))


def _finish(tr, kind, out, src, axes, keepdims, c, loc):
    """The mean's division, keepdims, or the scalar of a full reduction."""
    from . import arrays as A
    from .complex_arrays import C, divide
    from .complex_scalars import make
    fb = tr.fb
    dt = out.dtype
    nd = src.ndim
    oshape = out.shape
    count = A.iprod(fb, [src.shape[d] for d in axes])
    if kind == "mean":
        cnt = fb.emit("convert", [A.ic(fb, count)], {"to": F64}) if isinstance(count, Var) \
            else float(count)
        c128 = C(fb, loc, "complex128")

        def div(idx, cs):
            z = divide(c128, A.load(fb, out, list(idx)), Cx(cnt, 0.0))
            A.store(fb, out, list(idx), _vc(fb, Cx(c.r(z.re), c.r(z.im))))
            return cs
        A.loop_nest(fb, oshape, [], div)
    if keepdims:
        shape = tuple(1 if d in axes else src.shape[d] for d in range(nd))
        return A.Arr(dt, out.ptr, shape, None, out.root)
    if not oshape:
        z = A.load(fb, out, [])
        return make(dt, z.re, z.im)
    return out


def cumulative(tr, kind: str, a, axis, loc):
    """np.cumsum / np.cumprod of a complex array (axis None: flattened)."""
    from . import arrays as A
    from . import array_shapes, npfuncs_create
    from .complex_arrays import C, multiply
    fb = tr.fb
    a = npfuncs_create.as_array(tr, a, loc)
    dt = a.dtype
    c = C(fb, loc, dt)
    if axis is None:
        src = A.materialize(tr, a, loc, contiguous=True)
        src = A.Arr(dt, src.ptr, (A.size_of(fb, src),), None, src.root)
        ax = 0
    else:
        src = a
        ax = array_shapes.normalize_axis(axis, a.ndim, loc)
    out = A.alloc(tr, dt, src.shape, loc)
    plan = A.Plan(fb, src, src.shape)

    def body(idx, cs):
        from .complex_arrays import as_cx
        x = as_cx(A.element(tr, src, list(idx), plan, loc))
        first = fb.emit("eq", [A.ic(fb, idx[ax]), fb.const(0)])
        prev = list(idx)
        prev[ax] = fb.emit("select", [first, A.ic(fb, idx[ax]),
                                      fb.emit("wsub", [A.ic(fb, idx[ax]), fb.const(1)])])
        p = A.load(fb, out, prev)
        if kind == "cumsum":
            z = Cx(c.add(p.re, x.re), c.add(p.im, x.im))
        else:
            z = multiply(c, p, x, fused=False)
        z, x = _vc(fb, z), _vc(fb, x)
        A.store(fb, out, list(idx), Cx(fb.emit("select", [first, x.re, z.re]),
                                       fb.emit("select", [first, x.im, z.im])))
        return cs
    A.loop_nest(fb, tuple(src.shape), [], body)
    return out


__all__ = ["reduce_axes", "cumulative"]
