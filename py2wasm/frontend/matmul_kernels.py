"""The float matrix-product kernel behind `a @ b`, `np.dot` and `np.matmul`
of 2-D (and matrix-vector) float operands (issue 15).

Place in the pipeline: frontend (tracer helper). `nplib.matmul` calls
`float_matmul` for float32/float64 products without a batch axis; it emits
plain IR loops shaped so that the vectorizer (passes/vectorize.py) turns the
innermost one into f64x2 lanes on the SIMD targets.

Structure (a loop order chosen for the vectorizer, not a BLIS micro-kernel):
C is an accumulator array of float64, zero-filled. For each k-block of
`KB` rows of B and each column panel of `JB` columns, the panel is packed
contiguous (widened to float64, any strides of B) so it stays in L2; then
for each group of `R` rows of A (4, then single leftover rows) and each
group of `Q` consecutive k (4, then single leftovers), the R*Q scalars of A
are loaded once and an innermost, unit-stride loop over the panel's
columns j does, per row r,
    c = C[i+r, j]; c = c + A[i+r, p] * B[p, j]; c = c + A[i+r, p+1] * B[p+1, j]; ...
    C[i+r, j] = c
(Q loads of B shared by the R rows, R loads and stores of C, R*Q
multiply-adds per column). That loop is marked parallel (every iteration
touches only its own column of C, a fresh allocation), so the vectorizer
makes it f64x2 lanes over j. The row strides of C and of the packed panel
are skewed (64 bytes past a multiple of 512) and the panel is placed 1 KiB
past C modulo 4 KiB: rows 4 KiB apart (n = 512) made every load wait for
the previous row's store (4K aliasing), 2-4x slower.

Summation order (the contract in docs/arrays.md): every element of C is
0.0 + A[i,0]*B[0,j] + A[i,1]*B[1,j] + ... added in increasing k, each
product and sum rounded in the result's dtype: float64, or float32 for a
float32 result (operands widened exactly; float32 products and sums each
rounded to float32, as NumPy's float32 scalar loop would: the column loop
is then all float32 and runs in f32x4 lanes). The blocking only reorders
work between different elements of C, never the terms of one element, so
the scalar (mvp) and SIMD builds give the same bits; with `fastmath` the
vectorizer may fuse the multiply-add (relaxed-SIMD).
`A @ x` (one column) is a dot product per row, RV = 4 rows at a time, in
the blocked order of `dot_rows` (also the 1-D dot's, nplib._dot1): L = 8
(float32) / 4 (float64) partial sums per row, a k-order tail, a fixed tree;
passes/vectorize_rows.py runs the partial sums as lanes with v128 loads
(one partial sum per lane, so every build gives the same bits). A
matrix-vector product whose matrix is column-major (`A.T @ x`, `x @ A.T`)
takes the other orientation's loops, which stream the matrix along its
unit stride (`A.T @ x` as `x @ A`: axpy over rows, k order; `x @ A.T` as
`A @ x`: blocked order).
"""
from __future__ import annotations

from ..ir import F64
from . import arrays as A
from .arrays import alloc, cast, iadd, icmp, imul, isel, loop, store, strides_of

R = 4  # rows of A per register group
RV = 4  # rows of A per group of a matrix-vector product (each LANES[dt] partial sums)
LANES = {"float64": 4, "float32": 8}  # partial sums per dot product (blocked order)
Q = 4  # k steps per pass over the C rows
KB = 256  # rows of B per k-block
JB = 512  # columns of B per panel (KB * JB float64 = 1 MiB at most: L2)


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
    dt is "float64" or "float32". `fill(tr, arr, value, loc)` zero-fills.
    `reorient`: a column-major matrix-vector product may take the other
    orientation's loops (once)."""
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
    # float32 products are computed in float32 (each product and sum rounded
    # to float32): the column loop is then all float32 and vectorizes to
    # f32x4 lanes; float64 ones in float64 (f64x2)
    ct = dt
    isz = 8 if ct == "float64" else 4

    def rnd(v):
        return v if ct == "float64" else fb.emit("f32", [v])

    def ldc(x, st, i, j):
        return cast(fb, A.load(fb, x, [i, j], st), x.dtype, ct)

    if A.known(m) and m == 1:  # A @ x: dot products of rows, RV rows at a time
        out = alloc(tr, dt, (n, 1), loc)
        ost = strides_of(fb, out)
        asb = imul(fb, ast[1], a.itemsize)  # bytes between columns of A
        xsb = imul(fb, bst[0], b.itemsize)  # ... and between elements of x

        def rows(i0, cnt):
            abase = [_addr(fb, a, ast, iadd(fb, i0, r), 0) for r in range(cnt)]
            sums = dot_rows(fb, [(x, asb) for x in abase], (_addr(fb, b, bst, 0, 0), xsb),
                            a.dtype, b.dtype, k, ct)
            for r in range(cnt):
                store(fb, out, [iadd(fb, i0, r), 0], sums[r], ost)
        _groups(fb, n, rows, RV)
        return out

    # Row strides 64 bytes off a multiple of 512 bytes for the accumulator and
    # the packed panel of B: the R rows of C and the Q rows of B one column
    # step touches never share their low 12 address bits (n = 512 float64:
    # rows 4 KiB apart fall into one L1 set and alias 4K-wise).
    mp = _skewed(fb, m, isz)
    whole = alloc(tr, ct, (n, mp), loc)
    fill(tr, whole, 0.0, loc)
    acc = A.Arr(ct, whole.ptr, (n, m), (mp, 1), whole.root)
    cst = strides_of(fb, acc)
    # a known single row (x @ A) reads each element of B once: packing would
    # only add a copy of B; then the column loop reads B where it is
    packed = not (A.known(n) and n < R)
    bdt = ct if packed else b.dtype
    bsb = imul(fb, bst[1], b.itemsize)  # bytes between columns of B
    jbp = _skewed(fb, _imin(fb, JB, m), isz) if packed else 0
    # B's panel, in the compute dtype, placed 1 KiB past the accumulator modulo
    # 4 KiB (rows of the same stride in both would otherwise alias 4K-wise row for row)
    kbe = _imin(fb, KB, k)
    raw = alloc(tr, ct, (iadd(fb, imul(fb, kbe, jbp), 4096 // isz) if packed else 0,), loc)
    shift = fb.emit("and", [fb.emit("wsub", [fb.emit("wadd", [whole.ptr, fb.const(1024)]),
                                             raw.ptr]), fb.const(4095)])
    pack = A.Arr(ct, fb.emit("wadd", [raw.ptr, shift]), (kbe, jbp), (jbp, 1), raw.root)
    pst = strides_of(fb, pack)

    def kblock(p0, kc):
        def panel(j0, jc):
            def prow(q, cs):  # pack B[p0 + q, j0:j0 + jc] (any strides) contiguous
                loop(fb, jc, [], lambda j, c2: (store(fb, pack, [q, j], ldc(
                    b, bst, iadd(fb, p0, q), iadd(fb, j0, j)), pst), c2)[1], parallel=True)
                return cs
            if packed:
                loop(fb, kc, [], prow)

            def rows(i0, rc):
                def ks(q0, qc):
                    av = [[ldc(a, ast, iadd(fb, i0, r), iadd(fb, iadd(fb, p0, q0), q))
                           for q in range(qc)] for r in range(rc)]

                    # row base addresses hoisted out of the column loop: its body
                    # is then one offset plus the loads and stores
                    bbase = [_addr(fb, pack, pst, iadd(fb, q0, q), 0) if packed else
                             _addr(fb, b, bst, iadd(fb, iadd(fb, p0, q0), q), j0)
                             for q in range(qc)]
                    cbase = [_addr(fb, acc, cst, iadd(fb, i0, r), j0) for r in range(rc)]

                    def col(j, cs):
                        o = imul(fb, j, isz)
                        ob = o if packed else imul(fb, j, bsb)
                        bv = [cast(fb, fb.emit("load", [iadd(fb, x, ob)], {"dtype": bdt}),
                                   bdt, ct) for x in bbase]
                        for r in range(rc):
                            ca = iadd(fb, cbase[r], o)
                            c = fb.emit("load", [ca], {"dtype": ct})
                            for q in range(qc):
                                c = rnd(fb.emit("add", [c, rnd(fb.emit("mul", [av[r][q],
                                                                              bv[q]]))]))
                            fb.emit_multi("store", [ca, c], {"dtype": ct})
                        return cs
                    loop(fb, jc, [], col, parallel=True)
                _groups(fb, kc, ks, Q)
            _groups(fb, n, rows)
        _blocks(fb, m, JB, panel)
    _blocks(fb, k, KB, kblock)
    out = alloc(tr, dt, (n, m), loc)  # contiguous
    ost = strides_of(fb, out)

    def conv(i, cs):
        def el(j, c2):
            store(fb, out, [i, j], A.load(fb, acc, [i, j], cst), ost)
            return c2
        loop(fb, m, [], el, parallel=True)
        return cs
    loop(fb, n, [], conv)
    return out


def _skewed(fb, w, isz=8):
    """A row stride (elements of `isz` bytes) >= w whose byte size is 64 more
    than a multiple of 512."""
    per = 512 // isz
    return iadd(fb, imul(fb, A.ifloordiv_pos(fb, iadd(fb, w, per - 1), per), per), 64 // isz)


def _unit(s):
    return A.known(s) and s == 1


def _addr(fb, x, st, i, j):
    return A.ic(fb, A.address(fb, x, [i, j], st))


def _groups(fb, total, body, size=R):
    """body(start, size) for the full groups of `size` in range(total), then
    body(start, 1) for each leftover index."""
    ng = A.ifloordiv_pos(fb, total, size)
    loop(fb, ng, [], lambda g, cs: (body(imul(fb, g, size), size), cs)[1])
    done = imul(fb, ng, size)
    loop(fb, A.isub(fb, total, done), [], lambda t, cs: (body(iadd(fb, done, t), 1), cs)[1])


def dot_rows(fb, rows, x, adt, xdt, k, ct):
    """The dot products of k elements of each of `rows` (a list of (address
    of element 0, bytes between elements)) with x (the same), in the blocked
    order of the contract (docs/arrays.md), computed in `ct` (float64 or
    float32: each product and sum rounded to float32); returns one sum per row.

    Order: L = LANES[ct] partial sums per row; for q < k // L, partial sum j
    adds the product of element q*L + j (in increasing q, starting from 0.0);
    the leftover k % L products are added in increasing k to a tail sum
    starting from 0.0; the result is tree(partials) + tail, where tree halves
    the list until one is left: [s[j] + s[j + L/2] for j < L/2] (L = 4:
    (s0 + s2) + (s1 + s3)). The block loop carries len(rows) * L sums of one
    shape, which passes/vectorize_rows.py runs as lanes (each lane one partial
    sum, so every build computes the same bits); with unit strides known at
    trace time the L elements of a row sit at constant offsets of one address,
    so the lanes of a vector are one v128 load."""
    L = LANES[ct]
    rnd = (lambda v: v) if ct == "float64" else (lambda v: fb.emit("f32", [v]))
    zero = fb.const(0.0, F64)
    nr = len(rows)

    def term(addr, dtype, j, step):
        return cast(fb, fb.emit("load", [iadd(fb, addr, imul(fb, j, step))], {"dtype": dtype}),
                    dtype, ct)

    def mac(acc, u, v):
        return rnd(fb.emit("add", [acc, rnd(fb.emit("mul", [u, v]))]))

    nblk = A.ifloordiv_pos(fb, k, L)

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
