"""The float matrix-product kernel behind `a @ b`, `np.dot` and `np.matmul`
of 2-D (and matrix-vector) float operands (issue 15).

Place in the pipeline: frontend (tracer helper). `nplib.matmul` calls
`float_matmul` for float32/float64 products without a batch axis; it emits
plain IR loops shaped so that the vectorizer (passes/vectorize.py) turns the
innermost one into f64x2 lanes on the SIMD targets.

Structure (a loop order chosen for the vectorizer, not a packed BLIS kernel):
C is an accumulator array of float64, zero-filled. For each k-block of
`KB` rows of B and each column panel of `JB` columns (so the panel of B
stays in L2), for each group of `R` rows of A (4, then single leftover
rows) and each group of `Q` consecutive k (4, then single leftovers), the
R*Q scalars of A are loaded once and an innermost, unit-stride loop over
the panel's columns j does, per row r,
    c = C[i+r, j]; c = c + A[i+r, p] * B[p, j]; c = c + A[i+r, p+1] * B[p+1, j]; ...
    C[i+r, j] = c
(Q loads of B shared by the R rows, R loads and stores of C, R*Q
multiply-adds per column). That loop is marked parallel (every iteration
touches only its own column of C, a fresh allocation), so the vectorizer
makes it f64x2 lanes over j.

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

    acc = alloc(tr, "float64", (n, m), loc)
    fill(tr, acc, 0.0, loc)
    cst = strides_of(fb, acc)
    bsb = imul(fb, bst[1], b.itemsize)  # bytes between columns of B

    def kblock(p0, kc):
        def panel(j0, jc):
            def rows(i0, rc):
                def ks(q0, qc):
                    av = [[ld(a, ast, iadd(fb, i0, r), iadd(fb, iadd(fb, p0, q0), q))
                           for q in range(qc)] for r in range(rc)]

                    # row base addresses hoisted out of the column loop: its body
                    # is then one offset per operand plus the loads and stores
                    bbase = [_addr(fb, b, bst, iadd(fb, iadd(fb, p0, q0), q), j0)
                             for q in range(qc)]
                    cbase = [_addr(fb, acc, cst, iadd(fb, i0, r), j0) for r in range(rc)]

                    def col(j, cs):
                        ob = imul(fb, j, bsb)
                        oc = imul(fb, j, 8)
                        bv = [cast(fb, fb.emit("load", [iadd(fb, x, ob)], {"dtype": b.dtype}),
                                   b.dtype, "float64") for x in bbase]
                        for r in range(rc):
                            ca = iadd(fb, cbase[r], oc)
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
    if dt == "float64":
        return acc
    out = alloc(tr, dt, (n, m), loc)
    ost = strides_of(fb, out)

    def conv(i, cs):
        loop(fb, m, [], lambda j, c2: (store(fb, out, [i, j], fb.emit(
            "f32", [A.load(fb, acc, [i, j], cst)]), ost), c2)[1], parallel=True)
        return cs
    loop(fb, n, [], conv)
    return out


def _addr(fb, x, st, i, j):
    return A.ic(fb, A.address(fb, x, [i, j], st))


def _groups(fb, total, body, size=R):
    """body(start, size) for the full groups of `size` in range(total), then
    body(start, 1) for each leftover index."""
    ng = A.ifloordiv_pos(fb, total, size)
    loop(fb, ng, [], lambda g, cs: (body(imul(fb, g, size), size), cs)[1])
    done = imul(fb, ng, size)
    loop(fb, A.isub(fb, total, done), [], lambda t, cs: (body(iadd(fb, done, t), 1), cs)[1])
