"""NumPy's memory layout of a new elementwise result (order='K'): ufuncs,
operators, comparisons, `np.where`, `astype`, `np.copy`, `np.array`,
`np.empty_like` and the other `*_like`.

Place in the pipeline: frontend value semantics, used by arrays.materialize
(order "K": `settle`, i.e. a result stored in a variable, passed, returned
from a traced helper or kept across a join) and array_assign.copy. The
layout decides the order of NumPy's later float sums over the result
(frontend/reduce_order.py), so `x = f * 2.0; x.sum()` of a Fortran-ordered
`f` is NumPy's to the bit only when `x` is laid out as NumPy lays it out.

What NumPy does (nditer's allocation of an output with order='K'; NumPy's
sums over such results are compared bit for bit in
tests/arrays/test_korder_layout.py): the result
is one dense block whose axes, inner first, follow the iterator's order:
npyiter_find_best_axis_ordering over the operands' strides (axes of length
1 and broadcast axes have stride 0 and compare as ambiguous;
reduce_order.sort_axes). Each nested operation is a temporary laid out so in
turn, so an operand that is itself an expression takes part with its own
dense layout. All result strides are positive: axes of negative stride are
not flipped in memory (`a[::-1, :] + 1` is C-ordered). A single operand
(`astype`, `np.copy`) sorted so is PyArray_NewLikeArray's order='K'.

Complex results stay C-ordered: complex reductions of non-contiguous N-d
views are refused (complex_reduce), so a K-ordered complex result could not
be summed (docs/arrays.md lists this deviation).

When every array the expression reads is C-ordered (no explicit strides)
or a basic-slicing view of a C-ordered array (`Arr.c_order`: every view
`a[i, j:k:s, ::-1, None]` of a C-contiguous array has strides decreasing in
magnitude over its axes longer than 1, so its K order is C order), the
result is C-ordered and nothing here runs: that code is unchanged.
Otherwise the permutation is computed at run time (strides of arguments
and views are run-time values) and the result carries run-time strides.
"""
from __future__ import annotations

from . import arrays as A
from .arrays import Arr, Ew
from .reduce_order import _sel, sort_axes


def c_strides(fb, shape):
    out, s = [], 1
    for n in reversed(shape):
        out.append(s)
        s = A.imul(fb, s, n)
    return tuple(reversed(out))


def layout(fb, v, memo=None):
    """The element strides NumPy gives the value of `v` (an Arr: its own;
    an Ew: the dense K-order layout of its result), or None for C order."""
    memo = {} if memo is None else memo
    if isinstance(v, Arr):
        return None if v.c_order else v.strides
    if not isinstance(v, Ew):
        return None
    if id(v) in memo:
        return memo[id(v)]
    ops = [x for x in v.args if A.is_array(x)]
    lays = [layout(fb, x, memo) for x in ops]
    if v.ndim < 2 or all(s is None for s in lays):
        r = None
    elif len(ops) == 1 and isinstance(ops[0], Ew) and ops[0].shape == v.shape:
        r = lays[0]  # a dense operand of the same shape: its own order
    else:
        r = dense_korder(fb, v.shape, [(x.shape, s) for x, s in zip(ops, lays)])
    memo[id(v)] = r
    return r


def dense_korder(fb, shape, operands):
    """The element strides of a dense array of `shape` laid out in NumPy's K
    order of `operands` ((shape, element strides or None) each, broadcast
    to `shape`)."""
    nd = len(shape)
    per_op = []
    for oshape, st in operands:
        st = c_strides(fb, oshape) if st is None else st
        pad = nd - len(oshape)
        row = []
        for d in range(nd):
            k = d - pad
            if k < 0:
                row.append(0)
                continue
            one = A.icmp(fb, "eq", oshape[k], 1)
            row.append(_sel(fb, one, 0, st[k]))
        per_op.append(row)
    slots = []
    for d in range(nd):
        one = A.icmp(fb, "eq", shape[d], 1)
        slots.append((d, shape[d], [_sel(fb, one, 0, row[d]) if not (
            A.known(row[d]) and row[d] == 0) else 0 for row in per_op]))
    order = sort_axes(fb, slots)  # inner first
    out = [0] * nd
    run = 1
    for ax, n, _ in order:
        for d in range(nd):
            out[d] = _sel(fb, A.icmp(fb, "eq", ax, d), run, out[d])
        run = A.imul(fb, run, n)
    out = tuple(out)
    if all(A.known(s) for s in out) and out == c_strides(fb, shape):
        return None
    return out


def materialize_k(tr, v, loc):
    """A new array holding the expression `v`, laid out as NumPy lays out
    the result (C order when `v` reads only C-ordered arrays)."""
    fb = tr.fb
    st = None if A._cx(v.dtype) else layout(fb, v)  # complex results: C order (see below)
    if st is None:
        return A.materialize(tr, v, loc)
    out = A.alloc(tr, v.dtype, v.shape, loc)
    out = Arr(out.dtype, out.ptr, out.shape, st, out.root)
    plan = A.Plan(fb, v, v.shape)
    nd = v.ndim

    def nest(inner):
        """The loop nest with axis `inner` innermost (the others in C order):
        the stores run along the unit stride."""
        axes = [d for d in range(nd) if d != inner] + [inner]

        def body(pidx, cs):
            idx = [None] * nd
            for d, i in zip(axes, pidx):
                idx[d] = i
            A.store(fb, out, idx, A.element(tr, v, idx, plan, loc), st)
            return cs
        A.loop_nest(fb, [v.shape[d] for d in axes], [], body, parallel=True)  # fresh, dense

    # the innermost axis in memory: the one of unit stride and length > 1
    # (C order's last axis when no other is)
    conds = [A.band(fb, A.icmp(fb, "eq", st[d], 1), A.icmp(fb, "ne", v.shape[d], 1))
             for d in range(nd - 1)]
    join = fb.new_block()
    for d, c in enumerate(conds):
        if c is False:
            continue
        if c is True:
            nest(d)
            fb.br(join)
            fb.set_block(join)
            return out
        yes, no = fb.new_block(), fb.new_block()
        fb.cond_br(c, yes, no)
        fb.set_block(yes)
        nest(d)
        fb.br(join)
        fb.set_block(no)
    nest(nd - 1)
    fb.br(join)
    fb.set_block(join)
    return out


def alloc_like(tr, dtype, a, loc) -> Arr:
    """A new array of a's shape laid out as NumPy's `np.empty_like(a)`
    (order='K': dense in the memory order of `a`)."""
    fb = tr.fb
    out = A.alloc(tr, dtype, a.shape, loc)
    st = layout(fb, a)
    if st is None or a.ndim < 2 or A._cx(dtype):
        return out
    st = dense_korder(fb, a.shape, [(a.shape, st)])
    return out if st is None else Arr(out.dtype, out.ptr, out.shape, st, out.root)
