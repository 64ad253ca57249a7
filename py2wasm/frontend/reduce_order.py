"""NumPy's order for float sums over every axis of arrays that are not
C-contiguous: K order (memory order), so `f.sum()` of a Fortran-ordered
array, `a.T.sum()`, `m[:, idx].var()` are NumPy's to the bit; and along one
axis of a view (`axis_sum`: pairwise when that axis is innermost in memory,
as `f.sum(axis=0)` of a Fortran-ordered array).

Place in the pipeline: frontend value semantics, used by npfuncs_reduce's
pairwise reductions (`sum`, `mean`, and so `var`/`std`) over every axis.

What NumPy does (measured against NumPy 2.4, tests/frontend/test_reduce_order.py):
a reduction over every axis runs NumPy's iterator in K order. The axes are
sorted by NumPy's `npyiter_find_best_axis_ordering`: an insertion sort, inner
axis first, moving an axis inward past axes whose byte stride is larger in
magnitude, comparing only operands whose strides are both nonzero (axes of
size 1 and broadcast axes have stride 0: ambiguous, skipped); signs are kept
(reductions do not negate strides), so each axis runs in increasing index.
The elements, in that order, are then added as follows:
- an array view whose axes coalesce into one strided run (any dense
  permutation of a contiguous layout: Fortran order, transposes, advanced
  index results; or a 1-D run): ONE pairwise sum of the whole run;
- an elementwise expression: NumPy computes it into a new array laid out in
  its operands' K order (dense; nested operations are temporaries with
  their own layouts: frontend/korder_layout.py), then sums that: one
  pairwise sum;
- otherwise (a view whose axes do not coalesce, e.g. `a[::2, 1:]`; or a
  reduction that casts, like the mean of ints): buffered, the pairwise sum
  of each BUFSIZE-element buffer in turn, added to a running total from 0.0.
  For views larger than one buffer NumPy 2.4's buffer sizes follow rules
  of its own (not modelled: last-bit differences, docs/arrays.md).
The axis order is computed at run time (strides of arguments are run-time
values): the insertion sort is unrolled over the known number of axes with
selects. The elements are copied into a temporary in that order (only for
non-C-contiguous operands; C order keeps the direct path of npfuncs_reduce).
"""
from __future__ import annotations

from ..ir import BOOL, DTYPES, F64, I64
from . import arrays as A
from .arrays import Arr, Ew, alloc, element, ic, loop, loop_nest

BUFSIZE = 8192  # NumPy's default buffer size, in elements


def leaves(v, out=None) -> list:
    """The array views an expression reads."""
    out = [] if out is None else out
    if isinstance(v, Arr):
        if all(x is not v for x in out):
            out.append(v)
    elif isinstance(v, Ew):
        for x in v.args:
            leaves(x, out)
    return out


def needs_korder(a) -> bool:
    """Does NumPy's K order of `a` (over every axis) possibly differ from C
    order? Only when some array it reads has explicit strides."""
    if a.ndim < 2:
        return False
    return any(x.strides is not None and x.ndim > 1 for x in leaves(a))


def _sel(fb, c, x, y):
    if c is True:
        return x
    if c is False:
        return y
    return fb.emit("select", [c, ic(fb, x), ic(fb, y)])


def _bsel(fb, c, x, y):
    """select on bools (Python bools fold)."""
    if c is True:
        return x
    if c is False:
        return y
    if x is True and y is False:
        return c
    return fb.emit("select", [c, _b(fb, x), _b(fb, y)])


def _b(fb, x):
    return fb.const(x, BOOL) if type(x) is bool else x


_and, _or, _not = A.band, A.bor, A.bnot  # known bools fold away


def _abs(fb, x):
    if A.known(x):
        return abs(x)
    return fb.emit("select", [fb.emit("lt", [x, fb.const(0)]),
                              fb.emit("wsub", [fb.const(0), x]), x])


def axis_order(fb, a, plan):
    """NumPy's iteration order of `a` over every axis: a list of slots, inner
    first, each (axis, length, [byte stride of each leaf]); `axis` and the
    values may be run-time i64 values."""
    nd = a.ndim
    if isinstance(a, Ew):  # NumPy sums a temporary laid out so (dense)
        from .korder_layout import c_strides, layout
        st = layout(fb, a) or c_strides(fb, a.shape)
        return sort_axes(fb, [(d, a.shape[d], [_sel(fb, A.icmp(fb, "eq", a.shape[d], 1), 0,
                                                      st[d])]) for d in range(nd)])
    ops = leaves(a)
    slots = []
    for d in range(nd):
        n = a.shape[d]
        one = A.icmp(fb, "eq", n, 1)
        st = []
        for x in ops:
            _, bst = plan.leaves[id(x)]
            k = d - (nd - x.ndim)
            s = bst[k] if k >= 0 else 0
            st.append(_sel(fb, one, 0, s) if not (A.known(s) and s == 0) else 0)
        slots.append((d, n, st))
    return sort_axes(fb, slots)


def sort_axes(fb, slots):
    """NumPy's npyiter_find_best_axis_ordering: `slots` (axis, length, [byte
    stride of each operand]) in C order, returned inner first in NumPy's
    order; strides 0 (length-1 and broadcast axes) compare as ambiguous."""
    nd = len(slots)
    slots = slots[::-1]  # inner first, as NumPy's axisdata
    for i0 in range(1, nd):
        cur = slots[i0]
        ipos, done = i0, False
        for i1 in range(i0 - 1, -1, -1):
            other = slots[i1]
            ambig, swap = True, False
            for s0, s1 in zip(cur[2], other[2]):
                both = _and(fb, A.icmp(fb, "ne", s0, 0), A.icmp(fb, "ne", s1, 0))
                gt = A.icmp(fb, "gt", _abs(fb, s1), _abs(fb, s0))
                swap = _bsel(fb, both, _bsel(fb, gt, _bsel(fb, ambig, True, swap), False), swap)
                ambig = _bsel(fb, both, False, ambig)
            act = _and(fb, _not(fb, done), _not(fb, ambig))
            ipos = _sel(fb, _and(fb, act, swap), i1, ipos)
            done = _or(fb, done, _and(fb, act, _not(fb, swap)))
        new = []
        for k in range(i0 + 1):
            at = A.icmp(fb, "eq", ipos, k)
            after = A.icmp(fb, "lt", ipos, k)
            prev = slots[k - 1] if k else slots[k]

            def pick(x_at, x_after, x_keep):
                return _sel(fb, at, x_at, _sel(fb, after, x_after, x_keep))
            new.append((pick(cur[0], prev[0], slots[k][0]), pick(cur[1], prev[1], slots[k][1]),
                        [pick(c, p, s) for c, p, s in zip(cur[2], prev[2], slots[k][2])]))
        slots = new + slots[i0 + 1:]
    return slots


def coalesces(fb, slots):
    """Do the slots (one leaf) coalesce into one strided run (NumPy's
    npyiter_coalesce_axes: neighbours merge when either has length 1 or the
    outer stride is the inner stride times the inner length)?"""
    n, s = slots[0][1], slots[0][2][0]
    ok = True
    for _, n1, st in slots[1:]:
        s1 = st[0]
        n_one = A.icmp(fb, "eq", n, 1)
        merge = _or(fb, _or(fb, n_one, A.icmp(fb, "eq", n1, 1)),
                    A.icmp(fb, "eq", A.imul(fb, s, n), s1))
        ok = _and(fb, ok, merge)
        s = _sel(fb, n_one, s1, s)
        n = A.imul(fb, n, n1)
    return ok


def _chunked_fn(tr, dtype: str) -> str:
    """The IR function summing n contiguous elements of `dtype` at ptr as
    NumPy's reduction loop does: from 0.0, `res += pairwise_sum(chunk)` for
    each chunk in turn, a chunk being all n elements when `whole` is nonzero,
    else BUFSIZE (float32: every addition rounded)."""
    from ..ir import FunctionBuilder
    from .npfuncs_reduce import _pairwise_fn
    name = f"__chunked_sum_{dtype}"
    module = tr.mt.module
    if name in module.functions:
        return name
    inner = _pairwise_fn(tr, dtype)
    fb = FunctionBuilder(name, [I64, I64, I64], [F64], param_hints=["ptr", "n", "whole"])
    fb.loc = tr.fb.loc
    p, n, whole = fb.params
    c = lambda v: fb.const(v, I64)  # noqa: E731
    isz = c(DTYPES[dtype].size)
    is_whole = fb.emit("ne", [whole, c(0)])
    chunk = fb.emit("select", [is_whole, n, c(BUFSIZE)])
    nchunks = fb.emit("select", [is_whole, fb.emit("select", [fb.emit("gt", [n, c(0)]), c(1),
                                                               c(0)]),
                                 fb.emit("shr", [fb.emit("wadd", [n, c(BUFSIZE - 1)]),
                                                 c(BUFSIZE.bit_length() - 1)])])

    def step(q, cs):
        start = fb.emit("wmul", [q, chunk])
        left = fb.emit("wsub", [n, start])
        k = fb.emit("select", [fb.emit("lt", [left, chunk]), left, chunk])
        at = fb.emit("wadd", [p, fb.emit("wmul", [start, isz])])
        part = fb.emit_multi("call", [at, k, isz], {"fn": inner, "results": [F64]})[0]
        r = fb.emit("add", [cs[0], part])
        return [fb.emit("f32", [r]) if dtype == "float32" else r]
    fb.ret([loop(fb, nchunks, [fb.const(0.0)], step)[0]])
    module.add(fb.finish())
    return name


def korder_sum(tr, a, loc, buffered=False):
    """The sum of every element of the float array or expression `a` in
    NumPy's order and grouping (see the module docstring), as an f64 (float32
    sums rounded at every step). `buffered`: the reduction casts (NumPy
    buffers every element)."""
    fb = tr.fb
    plan = A.Plan(fb, a, a.shape)
    slots = axis_order(fb, a, plan)
    if not isinstance(a, Arr) or buffered:
        return _copied_sum(tr, a, loc, buffered, plan, slots)
    # a dense array (a K-ordered result, a Fortran-ordered argument): its
    # memory from `ptr` is the run in NumPy's order, summed where it lies
    dense, run = True, a.itemsize
    for _, m, st in slots:  # inner first
        dense = _and(fb, dense, _or(fb, A.icmp(fb, "eq", m, 1), A.icmp(fb, "eq", st[0], run)))
        run = A.imul(fb, run, m)
    if dense is False:
        return _copied_sum(tr, a, loc, buffered, plan, slots)
    fn = _chunked_fn(tr, a.dtype)
    n = A.size_of(fb, a)

    def direct():
        return fb.emit_multi("call", [ic(fb, a.ptr), ic(fb, n), fb.const(1)],
                             {"fn": fn, "results": [F64]}, loc=loc)[0]
    if dense is True:
        return direct()
    yes, no, join = fb.new_block(), fb.new_block(), fb.new_block([F64])
    fb.cond_br(dense, yes, no)
    fb.set_block(yes)
    fb.br(join, [direct()])
    fb.set_block(no)
    fb.br(join, [_copied_sum(tr, a, loc, buffered, plan, slots)])
    fb.set_block(join)
    return join.params[0]


def _copied_sum(tr, a, loc, buffered, plan, slots):
    """korder_sum through a temporary holding the elements in NumPy's order."""
    fb = tr.fb
    nd = a.ndim
    n = A.size_of(fb, a)
    tmp = alloc(tr, a.dtype, (n,), loc)
    outer = [s[1] for s in reversed(slots)]  # outer first
    axes = [s[0] for s in reversed(slots)]

    def body(idx, cs):
        k = cs[0]
        pos = []
        for d in range(nd):
            i = 0
            for ax, j in zip(axes, idx):
                i = A.iadd(fb, i, _sel(fb, A.icmp(fb, "eq", ax, d), j, 0))
            pos.append(i)
        v = element(tr, a, pos, plan, loc)
        A.store(fb, tmp, [k], v, (1,))
        return [fb.emit("wadd", [k, fb.const(1)])]
    loop_nest(fb, outer, [fb.const(0)], body)
    if buffered:
        whole = False
    elif isinstance(a, Arr):
        whole = coalesces(fb, slots)
    else:
        whole = True
    whole = fb.emit("convert", [_b(fb, whole)], {"to": I64})
    fn = _chunked_fn(tr, a.dtype)
    return fb.emit_multi("call", [ic(fb, tmp.ptr), ic(fb, n), whole],
                         {"fn": fn, "results": [F64]}, loc=loc)[0]


def axis_sum(tr, kind, a: Arr, k: int, keepdims: bool, loc, sequential):
    """sum/mean of the float view `a` along its axis k as NumPy's iterator
    does: when k is the innermost axis of NumPy's order (the smallest
    stride, e.g. axis 0 of a Fortran-ordered array), one pairwise sum per
    output element along k; otherwise, the inner loop runs over kept axes and
    each output adds its elements one at a time, in increasing index: that
    is `sequential()` (npfuncs_reduce's reduction along axes, an array of
    the kept axes)."""
    from .npfuncs_reduce import _pairwise_fn
    fb = tr.fb
    nd = a.ndim
    st = A.strides_of(fb, a)
    isz = DTYPES[a.dtype].size
    slots = []
    for d in range(nd):
        one = A.icmp(fb, "eq", a.shape[d], 1)
        slots.append((d, a.shape[d], [_sel(fb, one, 0, A.imul(fb, st[d], isz))]))
    innermost = -1  # the innermost axis of length > 1 (NumPy drops the others)
    for ax, m, _ in reversed(sort_axes(fb, slots)):
        innermost = _sel(fb, A.icmp(fb, "ne", m, 1), ax, innermost)
    inner = A.icmp(fb, "eq", innermost, k)
    kept = [d for d in range(nd) if d != k]
    oshape = tuple(a.shape[d] for d in kept)
    n = a.shape[k]
    out = alloc(tr, a.dtype, oshape, loc)
    ost = A.strides_of(fb, out)
    f32 = a.dtype == "float32"

    def finish(total):
        if kind == "mean":
            total = fb.emit("fdiv", [total, fb.emit("convert", [ic(fb, n)], {"to": F64})])
        return fb.emit("f32", [total]) if f32 else total

    def full(idx):
        pos = list(idx)
        pos.insert(k, 0)
        return pos

    def pairwise(idx, cs):
        row = ic(fb, A.address(fb, a, full(idx), st))
        t = fb.emit_multi("call", [row, ic(fb, n), ic(fb, A.imul(fb, st[k], isz))],
                          {"fn": _pairwise_fn(tr, a.dtype), "results": [F64]}, loc=loc)[0]
        t = fb.emit("add", [fb.const(0.0), t])  # the output starts at 0.0
        A.store(fb, out, idx, finish(t), ost)
        return cs

    def other():
        r = sequential()
        rst = A.strides_of(fb, r)
        loop_nest(fb, oshape, [], lambda idx, cs: (A.store(
            fb, out, idx, A.load(fb, r, idx, rst), ost), cs)[1])
    if inner is False:
        r = sequential()
        return Arr(r.dtype, r.ptr, tuple(1 if d == k else a.shape[d] for d in range(nd)),
                   None, r.root) if keepdims else r
    if inner is True:
        loop_nest(fb, oshape, [], pairwise)
    else:
        yes, no, join = fb.new_block(), fb.new_block(), fb.new_block()
        fb.cond_br(inner, yes, no)
        fb.set_block(yes)
        loop_nest(fb, oshape, [], pairwise)
        fb.br(join)
        fb.set_block(no)
        other()
        fb.br(join)
        fb.set_block(join)
    if keepdims:
        return Arr(out.dtype, out.ptr, tuple(1 if d == k else a.shape[d] for d in range(nd)),
                   None, out.root)
    return out
