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
product and sum rounded in float64 (float32 operands are widened exactly;
the float32 result is the float64 sum rounded once). The blocking only
reorders work between different elements of C, never the terms of one
element, so the scalar (mvp) and SIMD builds give the same bits; with
`fastmath` the vectorizer may fuse the multiply-add (relaxed-SIMD).
`A @ x` (one column) is a dot product per row, four rows at a time with
one accumulator each (the same order, more independent chains).
"""
from __future__ import annotations

from ..ir import F64
from . import arrays as A
from .arrays import alloc, cast, iadd, icmp, imul, isel, loop, store, strides_of

R = 4  # rows of A per register group
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


def float_matmul(tr, a, b, n, k, m, dt, loc, fill):
    """C = a @ b for 2-D float views a (n, k) and b (k, m) of any strides;
    dt is "float64" or "float32". `fill(tr, arr, value, loc)` zero-fills."""
    fb = tr.fb
    ast, bst = strides_of(fb, a), strides_of(fb, b)

    def ld(x, st, i, j):
        return cast(fb, A.load(fb, x, [i, j], st), x.dtype, "float64")

    if A.known(m) and m == 1:  # A @ x: dot products of rows, 4 rows at a time
        out = alloc(tr, dt, (n, 1), loc)
        ost = strides_of(fb, out)
        zero = fb.const(0.0, F64)

        asb = imul(fb, ast[1], a.itemsize)  # bytes between columns of A
        xsb = imul(fb, bst[0], b.itemsize)  # ... and between elements of x

        def rows(i0, cnt):
            abase = [_addr(fb, a, ast, iadd(fb, i0, r), 0) for r in range(cnt)]
            xbase = _addr(fb, b, bst, 0, 0)

            def kstep(p, acc):  # row base addresses hoisted: one offset per operand
                oa = imul(fb, p, asb)
                bv = cast(fb, fb.emit("load", [iadd(fb, xbase, imul(fb, p, xsb))],
                                      {"dtype": b.dtype}), b.dtype, "float64")
                return [fb.emit("add", [acc[r], fb.emit("mul", [cast(fb, fb.emit(
                    "load", [iadd(fb, abase[r], oa)], {"dtype": a.dtype}), a.dtype, "float64"),
                    bv])]) for r in range(cnt)]
            acc = loop(fb, k, [zero] * cnt, kstep)
            for r in range(cnt):
                v = acc[r] if dt == "float64" else fb.emit("f32", [acc[r]])
                store(fb, out, [iadd(fb, i0, r), 0], v, ost)
        _groups(fb, n, rows)
        return out

    # Row strides 64 bytes off a multiple of 512 bytes for the accumulator and
    # the packed panel of B: the R rows of C and the Q rows of B one column
    # step touches never share their low 12 address bits (n = 512 float64:
    # rows 4 KiB apart fall into one L1 set and alias 4K-wise).
    mp = _skewed(fb, m)
    whole = alloc(tr, "float64", (n, mp), loc)
    fill(tr, whole, 0.0, loc)
    acc = A.Arr("float64", whole.ptr, (n, m), (mp, 1), whole.root)
    cst = strides_of(fb, acc)
    # a known single row (x @ A) reads each element of B once: packing would
    # only add a copy of B; then the column loop reads B where it is
    packed = not (A.known(n) and n < R)
    bdt = "float64" if packed else b.dtype
    bsb = imul(fb, bst[1], b.itemsize)  # bytes between columns of B
    jbp = _skewed(fb, _imin(fb, JB, m)) if packed else 0
    # B's panel, widened, placed 1 KiB past the accumulator modulo 4 KiB (rows of
    # the same stride in both would otherwise alias 4K-wise row for row)
    kbe = _imin(fb, KB, k)
    raw = alloc(tr, "float64", (iadd(fb, imul(fb, kbe, jbp), 512) if packed else 0,), loc)
    shift = fb.emit("and", [fb.emit("wsub", [fb.emit("wadd", [whole.ptr, fb.const(1024)]),
                                             raw.ptr]), fb.const(4095)])
    pack = A.Arr("float64", fb.emit("wadd", [raw.ptr, shift]), (kbe, jbp), (jbp, 1), raw.root)
    pst = strides_of(fb, pack)

    def kblock(p0, kc):
        def panel(j0, jc):
            def prow(q, cs):  # pack B[p0 + q, j0:j0 + jc] (any strides) contiguous
                loop(fb, jc, [], lambda j, c2: (store(fb, pack, [q, j], ld(
                    b, bst, iadd(fb, p0, q), iadd(fb, j0, j)), pst), c2)[1], parallel=True)
                return cs
            if packed:
                loop(fb, kc, [], prow)

            def rows(i0, rc):
                def ks(q0, qc):
                    av = [[ld(a, ast, iadd(fb, i0, r), iadd(fb, iadd(fb, p0, q0), q))
                           for q in range(qc)] for r in range(rc)]

                    # row base addresses hoisted out of the column loop: its body
                    # is then one offset plus the loads and stores
                    bbase = [_addr(fb, pack, pst, iadd(fb, q0, q), 0) if packed else
                             _addr(fb, b, bst, iadd(fb, iadd(fb, p0, q0), q), j0)
                             for q in range(qc)]
                    cbase = [_addr(fb, acc, cst, iadd(fb, i0, r), j0) for r in range(rc)]

                    def col(j, cs):
                        o = imul(fb, j, 8)
                        ob = o if packed else imul(fb, j, bsb)
                        bv = [cast(fb, fb.emit("load", [iadd(fb, x, ob)], {"dtype": bdt}),
                                   bdt, "float64") for x in bbase]
                        for r in range(rc):
                            ca = iadd(fb, cbase[r], o)
                            c = fb.emit("load", [ca], {"dtype": "float64"})
                            for q in range(qc):
                                c = fb.emit("add", [c, fb.emit("mul", [av[r][q], bv[q]])])
                            fb.emit_multi("store", [ca, c], {"dtype": "float64"})
                        return cs
                    loop(fb, jc, [], col, parallel=True)
                _groups(fb, kc, ks, Q)
            _groups(fb, n, rows)
        _blocks(fb, m, JB, panel)
    _blocks(fb, k, KB, kblock)
    out = alloc(tr, dt, (n, m), loc)  # contiguous; float32 rounded once
    ost = strides_of(fb, out)

    def conv(i, cs):
        def el(j, c2):
            v = A.load(fb, acc, [i, j], cst)
            store(fb, out, [i, j], v if dt == "float64" else fb.emit("f32", [v]), ost)
            return c2
        loop(fb, m, [], el, parallel=True)
        return cs
    loop(fb, n, [], conv)
    return out


def _skewed(fb, w):
    """A row stride (elements) >= w whose byte size is 64 more than a multiple of 512."""
    return iadd(fb, imul(fb, A.ifloordiv_pos(fb, iadd(fb, w, 63), 64), 64), 8)


def _addr(fb, x, st, i, j):
    return A.ic(fb, A.address(fb, x, [i, j], st))


def _groups(fb, total, body, size=R):
    """body(start, size) for the full groups of `size` in range(total), then
    body(start, 1) for each leftover index."""
    ng = A.ifloordiv_pos(fb, total, size)
    loop(fb, ng, [], lambda g, cs: (body(imul(fb, g, size), size), cs)[1])
    done = imul(fb, ng, size)
    loop(fb, A.isub(fb, total, done), [], lambda t, cs: (body(iadd(fb, done, t), 1), cs)[1])
