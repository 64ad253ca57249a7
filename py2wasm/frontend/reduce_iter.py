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
from .reduce_order import _sel, axis_order, leaves, needs_korder

BUFSIZE = 8192  # NumPy's default buffer size, in elements


def chunked_fn(tr, dtype: str) -> str:
    """The IR function (ptr, n, stride, seg, chunk, *init) -> sum summing n
    elements of `dtype` at ptr, ptr+stride... as NumPy's reduce loop does:
    from `init`, for each run of `seg` elements (the last may be shorter),
    for each `chunk` elements of it in turn (the last shorter),
    `res += pairwise_sum(chunk)` (float32 and complex64: every addition
    rounded). A whole contiguous run is seg = chunk = n; NumPy's casting
    reduction of a C-contiguous array is seg = n, chunk = BUFSIZE. Complex
    dtypes: init and result are the (real, imaginary) parts, the pairwise sum
    complex_calls' (NumPy's complex pairwise_sum)."""
    from .complex_arrays import CX_PART
    name = f"__chunked_sum_{dtype}"
    module = tr.mt.module
    if name in module.functions:
        return name
    parts = 2 if dtype in CX_PART else 1
    if parts == 2:
        from .complex_calls import _pairwise_fn
        f32 = CX_PART[dtype] == "float32"
    else:
        from .npfuncs_reduce import _pairwise_fn
        f32 = dtype == "float32"
    inner = _pairwise_fn(tr, dtype)
    fb = FunctionBuilder(name, [I64] * 5 + [F64] * parts, [F64] * parts,
                         param_hints=["ptr", "n", "stride", "seg", "chunk"] + ["init"] * parts)
    fb.loc = tr.fb.loc
    p, n, s, seg, chunk = fb.params[:5]
    init = fb.params[5:]

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
            got = fb.emit_multi("call", [at, k, s], {"fn": inner, "results": [F64] * parts})
            out = []
            for x, y in zip(cs2, got):
                r = fb.emit("add", [x, y])
                out.append(fb.emit("f32", [r]) if f32 else r)
            return out
        return loop(fb, nch, cs, each_chunk)
    fb.ret(loop(fb, nseg, list(init), each_seg))
    module.add(fb.finish())
    return name


def chunked_call(tr, ptr, n, stride_bytes, seg, chunk, init, dtype, loc):
    """A call of `chunked_fn` (operands: known ints or i64 Vars; `init` an
    f64 Var or float, or a list of the parts of a complex value): the f64
    sum, or the list of its parts."""
    fb = tr.fb
    inits = init if isinstance(init, list) else [init]
    inits = [x if not isinstance(x, float) else fb.const(x, F64) for x in inits]
    r = fb.emit_multi("call", [ic(fb, ptr), ic(fb, n), ic(fb, stride_bytes), ic(fb, seg),
                               ic(fb, chunk)] + inits,
                      {"fn": chunked_fn(tr, dtype), "results": [F64] * len(inits)}, loc=loc)
    return list(r) if isinstance(init, list) else r[0]


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


class Walk:
    """NumPy's reduction iteration of `a` over `axes` (module docstring):
    `slots` (axis, length, [byte strides]) inner first; `pairwise` (the
    innermost dim is reduced: each output adds chunks), `group` (the
    consecutive elements of one output in iteration order), `seg` and
    `chunk` (its segments and chunks, as `chunked_fn` takes them),
    `outer_lens` (the loop over groups, outer first), `korder` (NumPy's
    strides of the result over the kept axes)."""

    def __init__(self, tr, a, axes: tuple, casting: bool = False):
        fb = self.fb = tr.fb
        nd = a.ndim
        self.plan = A.Plan(fb, a, a.shape)
        slots = self.slots = axis_order(fb, a, self.plan, needs_korder(a))
        src = _source(a, casting)
        dense = src is None
        k = leaves(a).index(src) if not dense else None
        self.nd, self.axes = nd, axes
        self.kept = [d for d in range(nd) if d not in axes]
        self.oshape = tuple(a.shape[d] for d in self.kept)
        # coalesce (axes of length 1 dropped) and run the buffering setup
        setup = _Setup(fb, casting, dense)
        open_, cur_n, cur_s, cur_red = False, 1, 0, True
        pre, group, lens = True, 1, []
        for ax, n, st in slots:
            s = st[k] if not dense else 0
            red = self.is_red(ax)
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
        self.pairwise, using, core, seg, buf = setup.result()
        self.group = group
        self.seg = _sel(fb, using, core, seg)
        self.chunk = _sel(fb, using, core, buf)
        self.outer_lens = lens[::-1]
        self.lens = [s[1] for s in reversed(slots)]  # every element, outer first
        self.axes_rt = [s[0] for s in reversed(slots)]

    def is_red(self, ax):
        r = False
        for d in self.axes:
            r = A.bor(self.fb, r, A.icmp(self.fb, "eq", ax, d))
        return r

    def pos(self, idx):
        """The index of the element at loop indices `idx` (outer first)."""
        fb = self.fb
        pos = [0] * self.nd
        for d in range(self.nd):
            for ax, j in zip(self.axes_rt, idx):
                pos[d] = A.iadd(fb, pos[d], _sel(fb, A.icmp(fb, "eq", ax, d), j, 0))
        return pos

    def korder(self):
        """NumPy allocates the result contiguous over the kept axes in its
        iteration order (what a later reduction of it sees): its strides."""
        fb = self.fb
        run, kst = 1, {d: 0 for d in self.kept}
        for ax, n, _ in self.slots:
            for d in self.kept:
                kst[d] = A.iadd(fb, kst[d], _sel(fb, A.icmp(fb, "eq", ax, d), run, 0))
            run = A.imul(fb, run, _sel(fb, self.is_red(ax), 1, n))
        return tuple(kst[d] for d in self.kept)

    def branch(self, chunks, elementwise):
        """chunks() where the innermost dim is reduced, else elementwise()."""
        fb = self.fb
        if self.pairwise is True:
            chunks()
        elif self.pairwise is False:
            elementwise()
        else:
            yes, no, join = fb.new_block(), fb.new_block(), fb.new_block()
            fb.cond_br(self.pairwise, yes, no)
            fb.set_block(yes)
            chunks()
            fb.br(join)
            fb.set_block(no)
            elementwise()
            fb.br(join)
            fb.set_block(join)

    def copy(self, tr, a, tmp, loc):
        """The elements of `a` into `tmp` (1-D) in iteration order."""
        fb = self.fb

        def body(idx, cs):
            A.store(fb, tmp, [cs[0]], element(tr, a, self.pos(idx), self.plan, loc), (1,))
            return [fb.emit("wadd", [cs[0], fb.const(1)])]
        loop_nest(fb, self.lens, [fb.const(0)], body)


def iter_sum(tr, a, axes: tuple, loc, casting: bool = False):
    """The float64/float32 sum of `a` (an array view, a cast of one, or an
    expression) over `axes` in NumPy's reduction order (module docstring):
    an f64 Var over every axis, else a float64 Arr of the kept axes (float32
    sums rounded at every step) and the strides of NumPy's layout of the
    result."""
    fb = tr.fb
    dt = a.dtype
    f32 = dt == "float32"
    w = Walk(tr, a, axes, casting)
    acc = alloc(tr, "float64", w.oshape, loc)
    ost = A.strides_of(fb, acc)
    loop_nest(fb, w.oshape, [], lambda idx, cs: (A.store(fb, acc, idx, fb.const(0.0), ost),
                                                  cs)[1])
    isz = DTYPES[dt].size

    def add(x, y):
        r = fb.emit("add", [x, y])
        return fb.emit("f32", [r]) if f32 else r

    def elementwise():
        def body(idx, cs):
            pos = w.pos(idx)
            v = cast(fb, element(tr, a, pos, w.plan, loc), dt, "float64")
            oi = [pos[d] for d in w.kept]
            A.store(fb, acc, oi, add(A.load(fb, acc, oi, ost), v), ost)
            return cs
        loop_nest(fb, w.lens, [], body)

    def chunks():
        if isinstance(a, Arr) and a.strides is None:
            tmp = a  # C-contiguous: iteration order is memory order
        else:
            tmp = alloc(tr, dt, (A.size_of(fb, a),), loc)
            w.copy(tr, a, tmp, loc)

        def each(idx, cs):
            oi = [w.pos(idx)[d] for d in w.kept]
            at = A.iadd(fb, tmp.ptr, A.imul(fb, cs[0], isz))
            r = chunked_call(tr, at, w.group, isz, w.seg, w.chunk, A.load(fb, acc, oi, ost),
                             dt, loc)
            A.store(fb, acc, oi, r, ost)
            return [fb.emit("wadd", [cs[0], ic(fb, w.group)])]
        loop_nest(fb, w.outer_lens, [fb.const(0)], each)

    w.branch(chunks, elementwise)
    if len(axes) == a.ndim:
        return A.load(fb, acc, [], ost)
    return acc, w.korder()


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
