"""The float matrix-product kernels behind `a @ b`, `np.dot`, `np.matmul`
and `np.einsum`'s plain products of 2-D (and matrix-vector) float operands
(issue 15).

Place in the pipeline: frontend (tracer helper). `npfuncs_linalg.matmul` calls
`float_matmul` for float32/float64 products without a batch axis (and per
batch entry for batched ones); it emits plain IR loops shaped so that the
vectorizer turns them into f64x2 (float32: f32x4) lanes on the SIMD targets.

Matrix-matrix products (`_tiled`, the BLIS/GotoBLAS structure): C is an
accumulator of the compute dtype, zero-filled, its rows padded to a
multiple of MR rows and NR columns. For each k-block of KB rows of B and
each panel of JB columns, the panel is packed contiguous (any strides and
dtype of B, converted to the compute dtype) as column tiles of NR columns,
[tile][k][NR] (columns past m repeat column m-1: padding, never stored
into C's real columns); for each group of MR rows of A, their KB-long
sliver is packed as [k][MR][LANES] (each element LANES times: one v128
load gives a lane-splat of it; rows past n repeat row n-1), then for each
column tile the MR x NR sums of the tile are loaded from C, carried through
the k loop
    c[r][u] = c[r][u] + A[i+r, p] * B[p, j+u]     (p increasing)
and stored back. passes/vectorize_rows.py runs those MR * NR sums as
MR * NR / LANES vectors (4 x 4 float64: 8 f64x2 accumulators, 4 x 8
float32: 8 f32x4), B's row of the tile NR / LANES v128 loads, A's element
one v128 load per row: 6 loads and 16 multiply/add pairs per k step, the
accumulators in registers. The loads inside the tile are at constant
offsets of one address (IR load/vload `offset`: wasm's memarg offset), so
the engine addresses them without extra instructions and keeps few
addresses alive across the k loop (the register allocator otherwise spilled
them and reloaded them every iteration).

Matrix-vector products: `A @ x` (one column) is a dot product per row, RV
rows at a time (then pairs, then single rows), in the blocked order of
`dot_rows` with MV_LANES = 4 (float32) / 2 (float64) partial sums per row
(the 1-D dot, npfuncs_linalg._dot1, has LANES = 8 / 4: one row needs more
sums in flight), a k-order tail, a fixed tree; passes/vectorize_rows.py
runs each row's partial sums as one vector with v128 loads: RV
accumulators, one x vector shared by the RV rows, RV concurrent streams
of A (measured: 6 rows of one vector beat 3 rows of two and one row at a
time from 0.25 to 160 MB, benchmarks/RESULTS.md 2026-12-07, "`A @ x` six
rows of one vector").
`x @ A` (known 1..3 rows, `_axpy`) adds the rows of A
scaled by x[p] into y, Q rows per pass over y, in a unit-stride column loop
the vectorizer makes lanes of columns. A column-major matrix (`A.T @ x`,
`x @ A.T`) takes the other orientation's loops, which stream it along its
unit stride (`A.T @ x` as `x @ A`: axpy over rows, k order; `x @ A.T` as
`A @ x`: blocked order).

Summation order (the contract in docs/arrays.md): every element of a
matrix-matrix or axpy-shaped product is 0.0 + A[i,0]*B[0,j] + A[i,1]*B[1,j]
+ ... added in increasing k, each product and sum rounded in the result's
dtype: float64, or float32 for a float32 result (operands widened exactly;
products and sums each rounded to float32, as NumPy's float32 scalar loop
would). The blocking only reorders work between different elements of C,
never the terms of one element, and every vector lane does one element's
own operations, so the scalar (mvp) and SIMD builds give the same bits;
with `fastmath` the multiply-adds may be fused (relaxed-SIMD).
"""
from __future__ import annotations

from ..ir import F64, I64
from . import arrays as A
from .arrays import alloc, cast, iadd, icmp, imul, isel, loop, store, strides_of

RV = 6  # rows of A per group of a matrix-vector product (each MV_LANES[dt] partial sums)
LANES = {"float64": 4, "float32": 8}  # partial sums of a 1-D dot product (blocked order)
MV_LANES = {"float64": 2, "float32": 4}  # ... of each row of `A @ x`: one v128 per row
Q = 7  # rows of A per pass over y in `x @ A`
MR = 4  # rows of a register tile
NRV = 2  # vectors per row of a register tile (NR = NRV * 16 // itemsize columns)
KB = 256  # rows of B per k-block (a packed A sliver: KB * MR * 16 bytes, L1)
JB = 512  # columns of B per panel (KB * JB float64 = 1 MiB: L2)


def _imin(fb, a, b):
    return isel(fb, icmp(fb, "lt", a, b), a, b)


def _blocks(fb, total, size, body):
    """for start in range(0, total, size): body(start, min(size, total - start))."""
    nblk = A.ifloordiv_pos(fb, iadd(fb, total, size - 1), size)

    def step(q, cs):
        s = imul(fb, q, size)
        body(s, _imin(fb, size, A.isub(fb, total, s)))
        return cs
    loop(fb, nblk, [], step)


def float_matmul(tr, a, b, n, k, m, dt, loc, fill, reorient=True):
    """C = a @ b for 2-D float views a (n, k) and b (k, m) of any strides;
    dt is "float64" or "float32" (also the compute dtype). `fill(tr, arr,
    value, loc)` zero-fills. `reorient`: a column-major matrix-vector
    product may take the other orientation's loops (once)."""
    fb = tr.fb
    ast, bst = strides_of(fb, a), strides_of(fb, b)

    # A column-major operand of a matrix-vector product (A.T @ x, x @ A.T):
    # the other orientation's kernel streams it along its unit stride (the
    # same sums in the same order, only the loops are exchanged)
    if reorient and A.known(m) and m == 1 and _unit(ast[0]) and not _unit(ast[1]):
        xt = A.Arr(b.dtype, b.ptr, (1, k), (0, bst[0]), b.root)
        at = A.Arr(a.dtype, a.ptr, (k, n), (ast[1], ast[0]), a.root)
        r = float_matmul(tr, xt, at, 1, k, n, dt, loc, fill, False)
        return A.Arr(dt, r.ptr, (n, 1), None, r.root)
    if reorient and A.known(n) and n == 1 and _unit(bst[0]) and not _unit(bst[1]):
        bt = A.Arr(b.dtype, b.ptr, (m, k), (bst[1], bst[0]), b.root)
        xt = A.Arr(a.dtype, a.ptr, (k, 1), (ast[1], 0), a.root)
        r = float_matmul(tr, bt, xt, m, k, 1, dt, loc, fill, False)
        return A.Arr(dt, r.ptr, (1, m), None, r.root)
    if A.known(m) and m == 1:  # A @ x: dot products of rows, RV rows at a time
        out = alloc(tr, dt, (n, 1), loc)
        ost = strides_of(fb, out)
        asb = imul(fb, ast[1], a.itemsize)  # bytes between columns of A
        xsb = imul(fb, bst[0], b.itemsize)  # ... and between elements of x

        def rows(i0, cnt):
            abase = [_addr(fb, a, ast, iadd(fb, i0, r), 0) for r in range(cnt)]
            sums = dot_rows(fb, [(x, asb) for x in abase], (_addr(fb, b, bst, 0, 0), xsb),
                            a.dtype, b.dtype, k, dt, MV_LANES[dt])
            for r in range(cnt):
                store(fb, out, [iadd(fb, i0, r), 0], sums[r], ost)
        # RV rows per pass (x's loads shared by RV rows, RV concurrent
        # streams of A, RV vector accumulators: no spills), then pairs, then
        # one row; each row's sums are the same whichever group it is in
        _groups(fb, n, rows, RV, size2=2)
        return out
    if A.known(n) and n < MR:  # x @ A (a few known rows): each element of B read once
        return _axpy(tr, a, b, n, k, m, dt, loc, fill)
    return _tiled(tr, a, b, n, k, m, dt, loc, fill)


def _rounder(fb, ct):
    return (lambda v: v) if ct == "float64" else (lambda v: fb.emit("f32", [v]))


def _axpy(tr, a, b, n, k, m, ct, loc, fill):
    """C = a @ b for a few rows (n known, < MR): C's rows accumulate the rows
    of b scaled by a's elements, Q rows of b per pass over C's row in a
    unit-stride column loop (marked parallel: each iteration its own column
    of a fresh C), which the vectorizer makes lanes of columns; b is read
    where it is, each element once."""
    fb = tr.fb
    ast, bst = strides_of(fb, a), strides_of(fb, b)
    isz = 8 if ct == "float64" else 4
    rnd = _rounder(fb, ct)
    out = alloc(tr, ct, (n, m), loc)  # contiguous
    fill(tr, out, 0.0, loc)
    ost = strides_of(fb, out)
    bsb = imul(fb, bst[1], b.itemsize)  # bytes between columns of b

    for i in range(n):
        def ks(p0, qc):
            av = [cast(fb, A.load(fb, a, [i, iadd(fb, p0, q)], ast), a.dtype, ct)
                  for q in range(qc)]
            # row base addresses hoisted out of the column loop: its body is
            # then one offset plus the loads and the store
            bbase = [_addr(fb, b, bst, iadd(fb, p0, q), 0) for q in range(qc)]
            cbase = _addr(fb, out, ost, i, 0)

            def col(j, cs):
                ob = imul(fb, j, bsb)
                ca = iadd(fb, cbase, imul(fb, j, isz))
                c = fb.emit("load", [ca], {"dtype": ct})
                for q in range(qc):
                    bv = cast(fb, fb.emit("load", [iadd(fb, bbase[q], ob)], {"dtype": b.dtype}),
                              b.dtype, ct)
                    c = rnd(fb.emit("add", [c, rnd(fb.emit("mul", [av[q], bv]))]))
                fb.emit_multi("store", [ca, c], {"dtype": ct})
                return cs
            loop(fb, m, [], col, parallel=True)
        # Q rows per pass over C's row (Cranelift issues a pass's loads
        # ahead of its arithmetic: Q splats of a[i, p], Q loaded vectors of
        # b and C's vector live at once; with 8 that is 17 for 16 vector
        # registers and spills, 7 fit: measured faster at 1-64 MB, fewer
        # rows slower: benchmarks/RESULTS.md 2026-12-07, "`x @ A` seven rows")
        _groups(fb, k, ks, Q)
    return out


def _tiled(tr, a, b, n, k, m, ct, loc, fill):
    """C = a @ b by packed panels and register tiles (the module docstring)."""
    out = alloc(tr, ct, (n, m), loc)  # contiguous
    _tiled_plan(tr, n, k, m, ct, loc, fill)(a, b, out)
    return out


def batched_matmul(tr, a, b, batch, n, k, m, dt, loc, fill):
    """out[t] = a[t] @ b[t] for every index t of the broadcast batch shape
    `batch` (float dt) by the register-tiled kernel: a and b have their own
    batch axes (fewer, right-aligned; an axis of length 1 broadcast) before
    their (n, k) and (k, m) cores; the packing buffers and C's accumulator
    are allocated once for all t. Returns out, contiguous (batch + (n, m))."""
    fb = tr.fb
    batch = tuple(batch)
    out = alloc(tr, dt, batch + (n, m), loc)
    run = _tiled_plan(tr, n, k, m, dt, loc, fill)

    def entry(x, t):  # the 2-D core of x at batch index t
        st = strides_of(fb, x)
        own = x.shape[:-2]
        off = 0
        for s, ss, i in zip(own, st, t[len(t) - len(own):]):
            if not (A.known(s) and s == 1):
                off = iadd(fb, off, imul(fb, isel(fb, icmp(fb, "eq", s, 1), 0, i), ss))
        return A.Arr(x.dtype, iadd(fb, x.ptr, imul(fb, off, x.itemsize)), x.shape[-2:],
                     st[-2:], x.root)
    A.loop_nest(fb, batch, [], lambda t, cs: (run(entry(a, t), entry(b, t), entry(out, t)),
                                              cs)[1])
    return out


def _tiled_plan(tr, n, k, m, ct, loc, fill):
    """The buffers of an (n, k) @ (k, m) product and `run(a, b, out)`, which
    emits the product of views a and b (any strides) into the view out."""
    fb = tr.fb
    isz = 8 if ct == "float64" else 4
    lanes = 16 // isz
    nr, mr = NRV * lanes, MR

    ng = A.ifloordiv_pos(fb, iadd(fb, n, mr - 1), mr)  # row tiles
    mt = A.ifloordiv_pos(fb, iadd(fb, m, nr - 1), nr)  # column tiles
    # C's rows 64 bytes off a multiple of 512 bytes: the MR rows of a tile
    # never share their low 12 address bits (rows 4 KiB apart, n = 512
    # float64, alias 4K-wise: every load waits on the previous row's store)
    mp = _skewed(fb, imul(fb, mt, nr), isz)
    whole = alloc(tr, ct, (imul(fb, ng, mr), mp), loc)
    acc = A.Arr(ct, whole.ptr, (imul(fb, ng, mr), mp), (mp, 1), whole.root)
    cst = strides_of(fb, acc)
    kbe = _imin(fb, KB, k)
    jbe = imul(fb, A.ifloordiv_pos(fb, iadd(fb, _imin(fb, JB, m), nr - 1), nr), nr)
    bpk = alloc(tr, ct, (imul(fb, kbe, jbe),), loc)  # B's panel: [tile][k][nr]
    apk = alloc(tr, ct, (imul(fb, kbe, mr * lanes),), loc)  # A's sliver: [k][mr][lanes]
    nlast, mlast = A.isub(fb, n, 1), A.isub(fb, m, 1)

    def run(a, b, out):
        ast, bst = strides_of(fb, a), strides_of(fb, b)

        def ldc(x, st, i, j):
            return cast(fb, A.load(fb, x, [i, j], st), x.dtype, ct)
        fill(tr, whole, 0.0, loc)

        def kblock(p0, kc):
            def panel(j0, jc):
                jt = A.ifloordiv_pos(fb, iadd(fb, jc, nr - 1), nr)

                def prow(q, cs):  # pack B[p0 + q, j0:j0 + jt*nr]
                    def ptile(t, c2):
                        dst = iadd(fb, bpk.ptr, imul(fb, iadd(fb, imul(fb, t, imul(fb, kc, nr)),
                                                              imul(fb, q, nr)), isz))
                        for u in range(nr):
                            j = _imin(fb, iadd(fb, iadd(fb, j0, imul(fb, t, nr)), u), mlast)
                            _st(fb, dst, u * isz, ldc(b, bst, iadd(fb, p0, q), j), ct)
                        return c2
                    loop(fb, jt, [], ptile)
                    return cs
                loop(fb, kc, [], prow)

                def rowtile(g, cs):
                    i0 = imul(fb, g, mr)

                    def arow(q, c2):  # pack A[i0:i0+mr, p0+q], each element once per lane
                        dst = iadd(fb, apk.ptr, imul(fb, q, mr * lanes * isz))
                        for r in range(mr):
                            x = ldc(a, ast, _imin(fb, iadd(fb, i0, r), nlast), iadd(fb, p0, q))
                            for w in range(lanes):
                                _st(fb, dst, (r * lanes + w) * isz, x, ct)
                        return c2
                    loop(fb, kc, [], arow)
                    _tiles(fb, ct, apk.ptr, bpk.ptr, kc, jt, _addr(fb, acc, cst, i0, j0),
                           imul(fb, mp, isz))
                    return cs
                loop(fb, ng, [], rowtile)
            _blocks(fb, m, JB, panel)
        _blocks(fb, k, KB, kblock)
        ost = strides_of(fb, out)

        def conv(i, cs):
            def el(j, c2):
                store(fb, out, [i, j], A.load(fb, acc, [i, j], cst), ost)
                return c2
            loop(fb, m, [], el, parallel=True)
            return cs
        loop(fb, n, [], conv)
    return run


def _ld(fb, addr, off, ct):
    """The `ct` element `off` >= 0 bytes past `addr` (an element of a live
    array: a memarg offset)."""
    return fb.emit("load", [A.ic(fb, addr)], {"dtype": ct, **({"offset": off} if off else {})})


def _st(fb, addr, off, v, ct):
    fb.emit_multi("store", [A.ic(fb, addr), v], {"dtype": ct, **({"offset": off} if off else {})})


def _tiles(fb, ct, ap, bp, kc, jt, c, cs):
    """For each of jt column tiles t: C[0:MR, t*NR:(t+1)*NR] (at address c,
    rows cs bytes apart) += the packed A sliver ([q][MR][LANES] at ap) @ the
    packed B tile t ([q][NR] at bp + t*kc*NR), the MR * NR sums carried
    through the k loop (vectorized across them by passes/vectorize_rows.py)."""
    isz = 8 if ct == "float64" else 4
    lanes = 16 // isz
    nr, mr = NRV * lanes, MR
    rnd = _rounder(fb, ct)

    def tile(t, c2):
        cb = [iadd(fb, iadd(fb, c, imul(fb, t, nr * isz)), imul(fb, r, cs)) for r in range(mr)]
        init = [_ld(fb, cb[r], u * isz, ct) for r in range(mr) for u in range(nr)]
        bt = iadd(fb, bp, imul(fb, t, imul(fb, kc, nr * isz)))

        def kstep(q, acc):
            ab = iadd(fb, ap, imul(fb, q, mr * lanes * isz))
            bb = iadd(fb, bt, imul(fb, q, nr * isz))
            # lane w of row r's A vector: the copy w of A[i+r, p] (all equal)
            av = [[_ld(fb, ab, (r * lanes + w) * isz, ct) for w in range(lanes)]
                  for r in range(mr)]
            bv = [_ld(fb, bb, u * isz, ct) for u in range(nr)]
            return [rnd(fb.emit("add", [acc[r * nr + u],
                                        rnd(fb.emit("mul", [av[r][u % lanes], bv[u]]))]))
                    for r in range(mr) for u in range(nr)]
        res = loop(fb, kc, init, kstep)
        for r in range(mr):
            for u in range(nr):
                _st(fb, cb[r], u * isz, res[r * nr + u], ct)
        return c2
    loop(fb, jt, [], tile)


def _skewed(fb, w, isz=8):
    """A row stride (elements of `isz` bytes) >= w whose byte size is 64 more
    than a multiple of 512."""
    per = 512 // isz
    return iadd(fb, imul(fb, A.ifloordiv_pos(fb, iadd(fb, w, per - 1), per), per), 64 // isz)


def _unit(s):
    return A.known(s) and s == 1


def _addr(fb, x, st, i, j):
    return A.ic(fb, A.address(fb, x, [i, j], st))


def _groups(fb, total, body, size, ng=None, size2=None):
    """body(start, size) for the first `ng` (default: all full) groups of
    `size` in range(total), then (if size2) body(start, size2) for the full
    groups of size2 after them, then body(start, 1) for each index left."""
    if ng is None:
        ng = A.ifloordiv_pos(fb, total, size)
    loop(fb, ng, [], lambda g, cs: (body(imul(fb, g, size), size), cs)[1])
    done = imul(fb, ng, size)
    if size2:
        d0 = done
        ng2 = A.ifloordiv_pos(fb, A.isub(fb, total, d0), size2)
        loop(fb, ng2, [], lambda g, cs: (body(iadd(fb, d0, imul(fb, g, size2)), size2), cs)[1])
        done = iadd(fb, d0, imul(fb, ng2, size2))
    loop(fb, A.isub(fb, total, done), [], lambda t, cs: (body(iadd(fb, done, t), 1), cs)[1])


def _address_loop(fb, start, stop, step, carried, body):
    """for q in range(start, stop, step) (start <= stop, step > 0 a known
    int; q an address): carried = body(q, carried). Returns the final
    carried. The loop has `loop`'s shape with the index stepping by `step`
    (passes/loop_shape.match_loop: only the accumulator-lane vectorizer,
    passes/vectorize_rows.py, takes such loops)."""
    types = [c.type for c in carried]
    header = fb.new_block([I64] + types)
    inner = fb.new_block()
    exit_ = fb.new_block(types)
    fb.br(header, [start] + list(carried))
    fb.set_block(header)
    q, *cs = header.params
    fb.cond_br(fb.emit("lt", [q, stop]), inner, exit_, [], cs)
    fb.set_block(inner)
    new = body(q, cs)
    fb.br(header, [fb.emit("wadd", [q, fb.const(step)])] + list(new))
    fb.set_block(exit_)
    return list(exit_.params)


def dot_rows(fb, rows, x, adt, xdt, k, ct, lanes=None):
    """The dot products of k elements of each of `rows` (a list of (address
    of element 0, bytes between elements)) with x (the same), in the blocked
    order of the contract (docs/arrays.md), computed in `ct` (float64 or
    float32: each product and sum rounded to float32); returns one sum per row.

    Order: L = `lanes` (default LANES[ct]) partial sums per row; for
    q < k // L, partial sum j adds the product of element q*L + j (in
    increasing q, starting from 0.0);
    the leftover k % L products are added in increasing k to a tail sum
    starting from 0.0; the result is tree(partials) + tail, where tree halves
    the list until one is left: [s[j] + s[j + L/2] for j < L/2] (L = 4:
    (s0 + s2) + (s1 + s3)). The block loop carries len(rows) * L sums of one
    shape, which passes/vectorize_rows.py runs as lanes (each lane one partial
    sum, so every build computes the same bits); with unit strides known at
    trace time the L elements of a row sit at constant offsets of one address,
    so the lanes of a vector are one v128 load."""
    L = lanes or LANES[ct]
    rnd = (lambda v: v) if ct == "float64" else (lambda v: fb.emit("f32", [v]))
    zero = fb.const(0.0, F64)
    nr = len(rows)

    def term(addr, dtype, j, step):
        off = imul(fb, j, step)
        if A.known(off) and off >= 0:  # a constant distance: the load's memarg offset
            return cast(fb, _ld(fb, addr, off, dtype), dtype, ct)
        return cast(fb, fb.emit("load", [iadd(fb, addr, off)], {"dtype": dtype}), dtype, ct)

    def mac(acc, u, v):
        return rnd(fb.emit("add", [acc, rnd(fb.emit("mul", [u, v]))]))

    nblk = A.ifloordiv_pos(fb, k, L)
    xs = x[1]
    if A.known(xs) and xs > 0 and all(A.known(st) and st == xs for _, st in rows):
        # every operand steps by the same known number of bytes: the loop
        # index is x's block address itself (step L * xs bytes) and each
        # row's block is at a fixed distance from it, so an iteration's
        # address arithmetic is one add per row (no index scaling, no
        # separate counter; measured 5-8% faster, benchmarks/RESULTS.md
        # "matrix-vector: what bounds it")
        x0 = A.ic(fb, x[0])
        dist = [A.isub(fb, A.ic(fb, base), x0) for base, _ in rows]

        def block_at(xa, acc):
            xv = [term(xa, xdt, j, xs) for j in range(L)]
            ra = [iadd(fb, xa, d) for d in dist]  # one address per row: its L loads at offsets
            return [mac(acc[r * L + j], term(ra[r], adt, j, xs), xv[j])
                    for r in range(nr) for j in range(L)]
        part = _address_loop(fb, x0, iadd(fb, x0, imul(fb, nblk, L * xs)), L * xs,
                             [zero] * (nr * L), block_at)
    else:
        def block(q, acc):
            qa = [iadd(fb, base, imul(fb, q, imul(fb, st, L))) for base, st in rows]
            xa = iadd(fb, x[0], imul(fb, q, imul(fb, x[1], L)))
            xv = [term(xa, xdt, j, x[1]) for j in range(L)]
            return [mac(acc[r * L + j], term(qa[r], adt, j, rows[r][1]), xv[j])
                    for r in range(nr) for j in range(L)]
        part = loop(fb, nblk, [zero] * (nr * L), block)
    done = imul(fb, nblk, L)

    def tail(t, acc):
        p = iadd(fb, done, t)
        xv = term(x[0], xdt, p, x[1])
        return [mac(acc[r], term(rows[r][0], adt, p, rows[r][1]), xv) for r in range(nr)]
    tails = loop(fb, A.isub(fb, k, done), [zero] * nr, tail)
    out = []
    for r in range(nr):
        s = part[r * L:(r + 1) * L]
        while len(s) > 1:
            h = len(s) // 2
            s = [rnd(fb.emit("add", [s[j], s[j + h]])) for j in range(h)]
        out.append(rnd(fb.emit("add", [s[0], tails[r]])))
    return out
