"""NumPy's reduction iterator for float sums (`sum`, `mean`, and so
`var`/`std`; the float64 sum of the mean of ints) over any set of axes of any
layout, at run time, so the results are NumPy's to the bit.

Place in the pipeline: frontend value semantics, called by npfuncs_reduce's
pairwise reductions; the axis order comes from reduce_order (NumPy's
npyiter_find_best_axis_ordering), the pairwise sum from npfuncs_reduce.

What NumPy (2.3 and later: measured on 2.4 and 2.5) does, and what is built
here: `np.add.reduce` runs a buffered iterator over the operand and the
output (stride 0 along the reduced axes, allocated contiguous over the kept
axes in the iterator's order). Its axes are sorted by the operand's strides
(K order, each axis in increasing index), axes of length 1 dropped, and
neighbours coalesced when both are reduced or both kept and the operand's
strides chain (outer stride = inner stride * inner length; an expression is
first computed into a dense temporary in that order, so its strides always
chain). Then `npyiter_find_buffering_setup` walks the coalesced dims inner
first, with a cost of 1 + the operands needing a buffer (the operand when it
is cast, or once its strides stop chaining; the output once its strides
stop chaining), stopping at the first dim where the output's stride flips
between zero and nonzero (the "outer reduce dim") or once the size reached
the buffer size (8192 elements) while something is buffered; it keeps the
dim minimising cost / min(size, 8192): the core is the product of the dims
inside it, the buffer a multiple of the core (at most 8192 elements when
anything is buffered, else the whole outer dim). Each call of the inner loop
then gets one buffer (or, in the reduce mode, one core) of consecutive
elements in iteration order, never crossing the outer dim:
- when the innermost dim is reduced (output stride 0), the add loop is a
  reduction: `out[o] += pairwise_sum(chunk)`, so the chunking shows in the
  bits; each output starts at 0.0;
- when the innermost dim is kept, the loop is elementwise, `out[o] += x`:
  each output adds its elements one at a time, in iteration order.
The elements are copied into a temporary in iteration order (that is what
NumPy's buffer holds, or the strided run it reads in place), then summed by
one builder, `chunked_fn`: the pairwise sum of each chunk of each segment.
"""
from __future__ import annotations

from ..ir import BOOL, DTYPES, F64, I64, FunctionBuilder
from . import arrays as A
from .arrays import Arr, Ew, alloc, cast, element, ic, loop, loop_nest
from .reduce_order import _sel, axis_order, leaves

BUFSIZE = 8192  # NumPy's default buffer size, in elements


def chunked_fn(tr, dtype: str) -> str:
    """The IR function (ptr, n, stride, seg, chunk, init) -> f64 summing n
    elements of `dtype` at ptr, ptr+stride... as NumPy's reduce loop does:
    from `init`, for each run of `seg` elements (the last may be shorter),
    for each `chunk` elements of it in turn (the last shorter),
    `res += pairwise_sum(chunk)` (float32: every addition rounded). A whole
    contiguous run is seg = chunk = n; NumPy's casting reduction of a
    C-contiguous array is seg = n, chunk = BUFSIZE."""
    from .npfuncs_reduce import _pairwise_fn
    name = f"__chunked_sum_{dtype}"
    module = tr.mt.module
    if name in module.functions:
        return name
    inner = _pairwise_fn(tr, dtype)
    fb = FunctionBuilder(name, [I64, I64, I64, I64, I64, F64], [F64],
                         param_hints=["ptr", "n", "stride", "seg", "chunk", "init"])
    fb.loc = tr.fb.loc
    p, n, s, seg, chunk, init = fb.params

    def c(v):
        return fb.const(v, I64)

    def sel(cond, x, y):
        return fb.emit("select", [cond, x, y])

    one = c(1)
    seg = sel(fb.emit("lt", [seg, one]), one, seg)
    chunk = sel(fb.emit("lt", [chunk, one]), one, chunk)
    nseg = fb.emit("floordiv", [fb.emit("wadd", [n, fb.emit("wsub", [seg, one])]), seg])

    def each_seg(q, cs):
        start = fb.emit("wmul", [q, seg])
        left = fb.emit("wsub", [n, start])
        m = sel(fb.emit("lt", [left, seg]), left, seg)
        nch = fb.emit("floordiv", [fb.emit("wadd", [m, fb.emit("wsub", [chunk, one])]), chunk])

        def each_chunk(j, cs2):
            off = fb.emit("wmul", [j, chunk])
            rest = fb.emit("wsub", [m, off])
            k = sel(fb.emit("lt", [rest, chunk]), rest, chunk)
            at = fb.emit("wadd", [p, fb.emit("wmul", [fb.emit("wadd", [start, off]), s])])
            part = fb.emit_multi("call", [at, k, s], {"fn": inner, "results": [F64]})[0]
            r = fb.emit("add", [cs2[0], part])
            return [fb.emit("f32", [r]) if dtype == "float32" else r]
        return loop(fb, nch, cs, each_chunk)
    fb.ret([loop(fb, nseg, [init], each_seg)[0]])
    module.add(fb.finish())
    return name


def chunked_call(tr, ptr, n, stride_bytes, seg, chunk, init, dtype, loc):
    """A call of `chunked_fn` (operands: known ints or i64 Vars)."""
    fb = tr.fb
    init = init if not isinstance(init, float) else fb.const(init, F64)
    return fb.emit_multi("call", [ic(fb, ptr), ic(fb, n), ic(fb, stride_bytes), ic(fb, seg),
                                  ic(fb, chunk), init],
                         {"fn": chunked_fn(tr, dtype), "results": [F64]}, loc=loc)[0]


def _source(a, cast: bool):
    """The array view whose strides NumPy's reduction iterates (`a` itself,
    or the view a cast reads), or None: an expression, computed densely in
    its K order first."""
    if isinstance(a, Arr):
        return a
    if cast and isinstance(a, Ew) and a.op == "astype" and isinstance(a.args[0], Arr):
        return a.args[0]
    return None


class _Setup:
    """npyiter_find_buffering_setup over the coalesced dims, fed one dim at
    a time (`dim`), every value a known int/bool or a run-time Var; a dim
    counts only where its condition `ev` holds."""

    def __init__(self, fb, cast: bool, dense: bool):
        self.fb = fb
        self.cast = cast
        self.dense = dense  # an expression's dense temporary: its strides chain
        self.k = 0  # dims seen
        self.st = None

    def dim(self, ev, n, s, red):
        fb = self.fb
        sel, bsel = (lambda c, x, y: _sel(fb, c, x, y)), (lambda c, x, y: _bsel(fb, c, x, y))
        first = A.icmp(fb, "eq", self.k, 0)
        c0 = 2 if self.cast else 1
        init = dict(size=n, cost=c0, sin=1, sout=1, ord=0, stop=False, bdim=0, bcost=c0,
                    bsize=n, bcore=1, pn=n, ps=s, pred=red, red0=red)
        if self.st is None:
            new = init
        else:
            o = self.st
            k = self.k
            stop = A.bor(fb, o["stop"], A.bor(fb, A.icmp(fb, "ne", o["ord"], 0), A.band(
                fb, A.icmp(fb, "ge", o["size"], BUFSIZE), A.icmp(fb, "gt", o["cost"], 1))))
            cost, sin, sout, ordim = o["cost"], o["sin"], o["sout"], o["ord"]
            # the operand: single-stride while its strides chain
            at_in = A.icmp(fb, "eq", sin, k)
            chain = self.dense or A.icmp(fb, "eq", A.imul(fb, o["ps"], o["pn"]), s)
            sin = sel(A.band(fb, at_in, chain), A.iadd(fb, sin, 1), sin)
            if not self.cast:
                cost = sel(A.band(fb, at_in, A.bnot(fb, chain)), A.iadd(fb, cost, 1), cost)
            # the output: stride 0 on reduced dims, contiguous on kept ones
            at_out = A.icmp(fb, "eq", sout, k)
            ochain = _beq(fb, o["pred"], red)
            sout = sel(A.band(fb, at_out, ochain), A.iadd(fb, sout, 1), sout)
            cost = sel(A.band(fb, at_out, A.bnot(fb, ochain)), A.iadd(fb, cost, 1), cost)
            checked = A.bnot(fb, A.band(fb, at_out, ochain))
            ordim = sel(A.band(fb, checked, A.bor(fb, red, o["pred"])), k, ordim)
            core = o["size"]
            size = A.imul(fb, core, n)
            limit = A.band(fb, A.icmp(fb, "gt", size, BUFSIZE), A.icmp(fb, "gt", cost, 1))
            bufsize = sel(limit, BUFSIZE, size)
            better = A.icmp(fb, "le", A.imul(fb, cost, o["bsize"]), A.imul(fb, o["bcost"], bufsize))
            step = A.bnot(fb, stop)
            take = A.band(fb, step, better)
            new = dict(size=sel(step, size, o["size"]), cost=sel(step, cost, o["cost"]),
                       sin=sel(step, sin, o["sin"]), sout=sel(step, sout, o["sout"]),
                       ord=sel(step, ordim, o["ord"]), stop=stop,
                       bdim=sel(take, k, o["bdim"]), bcost=sel(take, cost, o["bcost"]),
                       bsize=sel(take, size, o["bsize"]), bcore=sel(take, core, o["bcore"]),
                       pn=n, ps=s, pred=red, red0=o["red0"])
            new = {key: (bsel if key in ("stop", "pred", "red0") else sel)(first, init[key], v)
                   for key, v in new.items()}
        if self.st is not None:
            new = {key: (bsel if key in ("stop", "pred", "red0") else sel)(ev, v, self.st[key])
                   for key, v in new.items()}
        self.st = new
        self.k = sel(ev, A.iadd(fb, self.k, 1), self.k) if self.st is not None else self.k

    def result(self):
        """(pairwise: the innermost dim is reduced, reduce mode, core,
        segment (outer dim times core), buffer size)."""
        fb = self.fb
        o = self.st
        sel = (lambda c, x, y: _sel(fb, c, x, y))
        using = A.band(fb, A.icmp(fb, "ne", o["ord"], 0), A.icmp(fb, "eq", o["bdim"], o["ord"]))
        in_red = A.band(fb, using, A.icmp(fb, "eq", o["sin"], o["bdim"])) \
            if not self.cast else False
        in_buf = True if self.cast else A.icmp(
            fb, "le", A.iadd(fb, o["sin"], sel(in_red, 1, 0)), o["bdim"])
        out_buf = A.icmp(fb, "le", A.iadd(fb, o["sout"], sel(using, 1, 0)), o["bdim"])
        limit = A.band(fb, A.bor(fb, in_buf, out_buf), A.icmp(fb, "gt", o["bsize"], BUFSIZE))
        core = _sel(fb, A.icmp(fb, "lt", o["bcore"], 1), 1, o["bcore"])  # empty arrays
        lim = A.imul(fb, core, _floordiv(fb, BUFSIZE, core))
        return o["red0"], using, core, o["bsize"], sel(limit, lim, o["bsize"])


def _floordiv(fb, a, b):
    if A.known(a) and A.known(b):
        return a // b
    return fb.emit("floordiv", [ic(fb, a), ic(fb, b)])


def _beq(fb, x, y):
    if A.known(x) and A.known(y):
        return x == y
    return A.bnot(fb, _bxor(fb, x, y))


def _bxor(fb, x, y):
    return A.bor(fb, A.band(fb, x, A.bnot(fb, y)), A.band(fb, A.bnot(fb, x), y))


def _bsel(fb, c, x, y):
    if c is True:
        return x
    if c is False:
        return y
    if A.known(x) and A.known(y):
        if x == y:
            return x
        return c if x else A.bnot(fb, c)
    return fb.emit("select", [c, fb.const(x, BOOL) if type(x) is bool else x,
                              fb.const(y, BOOL) if type(y) is bool else y])


def iter_sum(tr, a, axes: tuple, loc, casting: bool = False):
    """The float64/float32 sum of `a` (an array view, a cast of one, or an
    expression) over `axes` in NumPy's reduction order (module docstring):
    an f64 Var over every axis, else a float64 Arr of the kept axes (float32
    sums rounded at every step) and the strides of NumPy's layout of the
    result."""
    fb = tr.fb
    nd = a.ndim
    dt = a.dtype
    f32 = dt == "float32"
    plan = A.Plan(fb, a, a.shape)
    slots = axis_order(fb, a, plan)  # inner first: (axis, length, [byte strides])
    src = _source(a, casting)
    dense = src is None
    if not dense:
        k = leaves(a).index(src)
    kept = [d for d in range(nd) if d not in axes]
    oshape = tuple(a.shape[d] for d in kept)
    acc = alloc(tr, "float64", oshape, loc)
    ost = A.strides_of(fb, acc)
    loop_nest(fb, oshape, [], lambda idx, cs: (A.store(fb, acc, idx, fb.const(0.0), ost), cs)[1])

    def is_red(ax):
        r = False
        for d in axes:
            r = A.bor(fb, r, A.icmp(fb, "eq", ax, d))
        return r
    # coalesce (axes of length 1 dropped) and run the buffering setup
    setup = _Setup(fb, casting, dense)
    open_, cur_n, cur_s, cur_red = False, 1, 0, True
    pre, group, lens = True, 1, []
    for ax, n, st in slots:
        s = st[k] if not dense else 0
        red = is_red(ax)
        real = A.icmp(fb, "ne", n, 1)
        merge = A.band(fb, open_, _beq(fb, cur_red, red))
        if not dense:
            merge = A.band(fb, merge, A.icmp(fb, "eq", A.imul(fb, cur_s, cur_n), s))
        new_dim = A.band(fb, real, A.bnot(fb, merge))
        setup.dim(A.band(fb, new_dim, open_), cur_n, cur_s, cur_red)
        grow = A.band(fb, real, merge)
        cur_n = _sel(fb, new_dim, n, _sel(fb, grow, A.imul(fb, cur_n, n), cur_n))
        if not dense:
            cur_s = _sel(fb, new_dim, s, cur_s)
        cur_red = _bsel(fb, new_dim, red, cur_red)
        open_ = A.bor(fb, open_, real)
        # the reduced prefix: each output's run of consecutive elements
        pre = A.band(fb, pre, A.bor(fb, A.bnot(fb, real), red))
        group = A.imul(fb, group, _sel(fb, pre, n, 1))
        lens.append(_sel(fb, pre, 1, n))
    setup.dim(True, cur_n, cur_s, cur_red)
    pairwise, using, core, seg, buf = setup.result()
    seg = _sel(fb, using, core, seg)
    chunk = _sel(fb, using, core, buf)
    outer_lens = lens[::-1]
    axes_rt = [s[0] for s in reversed(slots)]  # outer first
    isz = DTYPES[dt].size

    def out_index(idx):
        pos = {}
        for d in kept:
            i = 0
            for ax, j in zip(axes_rt, idx):
                i = A.iadd(fb, i, _sel(fb, A.icmp(fb, "eq", ax, d), j, 0))
            pos[d] = i
        return [pos[d] for d in kept]

    def add(x, y):
        r = fb.emit("add", [x, y])
        return fb.emit("f32", [r]) if f32 else r

    def elementwise():
        def body(idx, cs):
            pos = [0] * nd
            for d in range(nd):
                for ax, j in zip(axes_rt, idx):
                    pos[d] = A.iadd(fb, pos[d], _sel(fb, A.icmp(fb, "eq", ax, d), j, 0))
            v = cast(fb, element(tr, a, pos, plan, loc), dt, "float64")
            oi = [pos[d] for d in kept]
            A.store(fb, acc, oi, add(A.load(fb, acc, oi, ost), v), ost)
            return cs
        loop_nest(fb, [s[1] for s in reversed(slots)], [], body)

    def chunks():
        n = A.size_of(fb, a)
        tmp = alloc(tr, dt, (n,), loc)

        def copy(idx, cs):
            pos = [0] * nd
            for d in range(nd):
                for ax, j in zip(axes_rt, idx):
                    pos[d] = A.iadd(fb, pos[d], _sel(fb, A.icmp(fb, "eq", ax, d), j, 0))
            A.store(fb, tmp, [cs[0]], element(tr, a, pos, plan, loc), (1,))
            return [fb.emit("wadd", [cs[0], fb.const(1)])]
        loop_nest(fb, [s[1] for s in reversed(slots)], [fb.const(0)], copy)

        def each(idx, cs):
            oi = out_index(idx)
            at = A.iadd(fb, tmp.ptr, A.imul(fb, cs[0], isz))
            r = chunked_call(tr, at, group, isz, seg, chunk, A.load(fb, acc, oi, ost), dt, loc)
            A.store(fb, acc, oi, r, ost)
            return [fb.emit("wadd", [cs[0], ic(fb, group)])]
        loop_nest(fb, outer_lens, [fb.const(0)], each)

    if pairwise is True:
        chunks()
    elif pairwise is False:
        elementwise()
    else:
        yes, no, join = fb.new_block(), fb.new_block(), fb.new_block()
        fb.cond_br(pairwise, yes, no)
        fb.set_block(yes)
        chunks()
        fb.br(join)
        fb.set_block(no)
        elementwise()
        fb.br(join)
        fb.set_block(join)
    if len(axes) == nd:
        return A.load(fb, acc, [], ost)
    # NumPy allocates the result contiguous over the kept axes in its
    # iteration order (what a later reduction of it sees)
    run, kst = 1, {d: 0 for d in kept}
    for ax, n, _ in slots:
        for d in kept:
            kst[d] = A.iadd(fb, kst[d], _sel(fb, A.icmp(fb, "eq", ax, d), run, 0))
        run = A.imul(fb, run, _sel(fb, is_red(ax), 1, n))
    return acc, tuple(kst[d] for d in kept)


def finish_axes(tr, kind, res, dtype: str, count, keepdims: bool, shape, axes, loc):
    """The result array of a sum/mean over `axes` from `iter_sum`'s float64
    accumulators and the strides NumPy lays it out with (`res`): the mean
    divides by `count`; float32 results rounded."""
    fb = tr.fb
    acc, ost = res
    out = alloc(tr, dtype, acc.shape, loc)
    ast = A.strides_of(fb, acc)
    cnt = fb.emit("convert", [ic(fb, count)], {"to": F64}) if kind == "mean" else None

    def body(idx, cs):
        v = A.load(fb, acc, idx, ast)
        if kind == "mean":
            v = fb.emit("fdiv", [v, cnt])
        A.store(fb, out, idx, fb.emit("f32", [v]) if dtype == "float32" else v, ost)
        return cs
    loop_nest(fb, acc.shape, [], body)
    if keepdims:
        kept = iter(ost)
        return Arr(dtype, out.ptr, tuple(1 if d in axes else shape[d] for d in range(len(shape))),
                   tuple(0 if d in axes else next(kept) for d in range(len(shape))), out.root)
    return Arr(dtype, out.ptr, out.shape, tuple(ost), out.root)
