"""NumPy linear algebra on real arrays during tracing: `@` / `np.matmul`
(1-D, 2-D and batched, with NumPy's shape errors), `np.dot` and `np.vdot`
(`np.trace` is in npshape_views). The kernels are in matmul_kernels.py and
matmul_nd.py; the `numpy.linalg` functions are in linalg_calls.py.

Place in the pipeline: frontend value semantics; nplib.call and the `@`
operator (array_ops.binary) hand matrix products here.
"""
from __future__ import annotations

import numpy as np

from ..ir import F64, Var
from ..ir.types import NARROW_INTS
from . import arrays as A
from . import array_shapes
from .arrays import (alloc, Arr, band, cast, iadd, ic, icmp, imul, is_array, isel, loop, loop_nest,
                     materialize, store, strides_of)
from .values import E_TYPE, E_UNSUPPORTED_CALL, error, TraceRaise
from .npfuncs_create import as_array, fill
from .npfuncs_reduce import _compute
from .array_shapes import ravel


# --- linear algebra -----------------------------------------------------------------------------

def _mm_dtype(a, b, loc):
    return np.result_type(np.dtype(a.dtype), np.dtype(b.dtype)).name


def _not_aligned(fb, a, b, loc):
    """np.dot's core-dimension check: NumPy's message names both shapes."""
    da, db = a.ndim - 1, max(b.ndim - 2, 0)
    k, k2 = a.shape[da], b.shape[db]
    bad = icmp(fb, "ne", k, k2)
    if bad is False:
        return
    args: list = []
    msg = (f"shapes {A._fmt_shape(a.shape, args)} and {A._fmt_shape(b.shape, args)} not "
           f"aligned: {A._fmt_shape((k,), args)[1:-2]} (dim {da}) != "
           f"{A._fmt_shape((k2,), args)[1:-2]} (dim {db})")
    if bad is True and not args:
        raise TraceRaise("ValueError", msg)
    fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                  + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": msg}, loc=loc)


def _core_check(fb, n, m, msg, loc):
    bad = icmp(fb, "ne", n, m)
    if bad is False:
        return
    if bad is True:
        raise TraceRaise("ValueError", msg.format(n, m))
    fb.emit_multi("raise_if_fmt", [bad, ic(fb, n), ic(fb, m)],
                  {"exc": "ValueError", "msg": msg}, loc=loc)


def _batch_check(fb, a, b, ba, bb, n, m, loc):
    """matmul's broadcast of the batch axis, with NumPy's gufunc message."""
    bad = band(fb, icmp(fb, "ne", ba, bb), band(fb, icmp(fb, "ne", ba, 1),
                                                icmp(fb, "ne", bb, 1)))
    if bad is False:
        return
    args: list = []

    def dim(v):
        return array_shapes.fmt_dim_once(v, args)

    def shp(dims):
        return "(" + ",".join(dims) + ("," if len(dims) == 1 else "") + ")"
    req = [dim(x) for x in (n, m) if x is not None]
    msg = ("operands could not be broadcast together with remapped shapes "
           f"[original->remapped]: {shp([dim(x) for x in a.shape])}->({dim(ba)},newaxis,newaxis) "
           f"{shp([dim(x) for x in b.shape])}->({dim(bb)},newaxis,newaxis)  and requested "
           f"shape {shp(req)}")
    if bad is True and not args:
        raise TraceRaise("ValueError", msg)
    if len(args) > 8:
        args, msg = [], "operands could not be broadcast together (matmul's batch axis)"
    fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                  + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": msg}, loc=loc)


def matmul(tr, a, b, loc, name="matmul"):
    fb = tr.fb
    a = materialize(tr, as_array(tr, a, loc), loc)
    b = materialize(tr, as_array(tr, b, loc), loc)
    if a.ndim == 0 or b.ndim == 0:
        raise error(loc, "matmul: Input operand does not have enough dimensions", "", E_TYPE)
    dt = _mm_dtype(a, b, loc)
    if name == "dot":
        _not_aligned(fb, a, b, loc)
    if dt == "bool":  # NumPy: OR of ANDs, i.e. the int64 sum of the 0/1 products is not 0
        r = matmul(tr, A.astype_node(a, "int64"), A.astype_node(b, "int64"), loc, name)
        if is_array(r):
            return A.astype_node(r, "bool")
        from . import npscalars as nps  # a 1-D product is a NumPy scalar: np.bool
        v = nps.var_of(fb, r) if nps.is_np(r) else r
        return nps.make("bool", fb.emit("ne", [v, fb.const(0)]) if isinstance(v, Var) else v != 0)
    if (a.ndim > 3 or b.ndim > 3) and name == "matmul":
        from .matmul_nd import matmul_nd
        return matmul_nd(tr, a, b, dt, "matmul: Input operand 1 has a mismatch in its core "
                         "dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {1} "
                         "is different from {0})", loc)
    if a.ndim > 3 or b.ndim > 3:
        raise error(loc, f"{name} of arrays with more than 3 dimensions is not supported", "",
                    E_UNSUPPORTED_CALL)
    if a.ndim == 1 and b.ndim == 1:
        _core_check(fb, a.shape[0], b.shape[0],
                    "matmul: Input operand 1 has a mismatch in its core dimension 0, with "
                    "gufunc signature (n?,k),(k,m?)->(n?,m?) (size {1} is different from {0})"
                    if name == "matmul" else
                    "shapes ({0},) and ({1},) not aligned: {0} (dim 0) != {1} (dim 0)", loc)
        from .npscalars import make
        return make(dt, _dot1(tr, a, b, dt, loc))  # a NumPy scalar of the product's dtype
    a2 = a if a.ndim >= 2 else Arr(a.dtype, a.ptr, (1, a.shape[0]), (0, strides_of(fb, a)[0]),
                                   a.root)
    b2 = b if b.ndim >= 2 else Arr(b.dtype, b.ptr, (b.shape[0], 1), (strides_of(fb, b)[0], 0),
                                   b.root)
    batch = ()
    n, k = a2.shape[-2], a2.shape[-1]
    k2, m = b2.shape[-2], b2.shape[-1]
    _core_check(fb, k, k2, "matmul: Input operand 1 has a mismatch in its core dimension 0, "
                "with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {1} is different from {0})"
                if name == "matmul" else "shapes not aligned: {0} (dim 1) != {1} (dim 0)", loc)
    if a2.ndim == 3 or b2.ndim == 3:  # after the core dimensions, as NumPy checks
        ba = a2.shape[0] if a2.ndim == 3 else 1
        bb = b2.shape[0] if b2.ndim == 3 else 1
        _batch_check(fb, a, b, ba, bb, n if a.ndim > 1 else None, m if b.ndim > 1 else None,
                     loc)
        batch = (isel(fb, icmp(fb, "eq", ba, 1), bb, ba),)
    if not batch and dt in ("float64", "float32") and b.ndim == 2:
        from .matmul_kernels import float_matmul  # (n, m); a 1-D a: its row (1, m)
        r = float_matmul(tr, a2, b2, n, k, m, dt, loc, fill)
        return r if a.ndim == 2 else Arr(dt, r.ptr, (m,), None, r.root)
    if not batch and dt in ("float64", "float32") and a.ndim == 2:  # A @ x
        from .matmul_kernels import float_matmul
        r = float_matmul(tr, a2, b2, n, k, 1, dt, loc, fill)
        return Arr(dt, r.ptr, (n,), None, r.root)
    if not batch and a.ndim == 2 and b.ndim == 2:
        return _matmul_blocked(tr, a2, b2, n, k, m, dt, loc)
    if batch and dt in ("float64", "float32") and a.ndim >= 2 and b.ndim >= 2:
        from .matmul_kernels import batched_matmul  # matrix products, batch by batch
        return batched_matmul(tr, a2, b2, batch, n, k, m, dt, loc, fill)
    from .matmul_nd import product_loops  # integers; a 1-D operand with a batch
    return product_loops(tr, a, b, a2, b2, batch, n, k, m, dt, loc)


BLOCK = 4


def _matmul_blocked(tr, a, b, n, k, m, dt, loc):
    """C = A @ B for 2-D operands: 4x4 register blocks of C (16 accumulators
    carried through the k loop: 8 loads per 16 multiply-adds), plain dot
    products for the leftover rows and columns. Sums are in k order
    (NumPy's BLAS may order them differently: last-bit differences)."""
    fb = tr.fb
    out = alloc(tr, dt, (n, m), loc)
    ost, ast, bst = strides_of(fb, out), strides_of(fb, a), strides_of(fb, b)
    ct = _compute(dt)
    add, mul = ("add", "mul") if ct is F64 else ("wadd", "wmul")
    zero = fb.const(0.0 if ct is F64 else 0, ct)

    def fin(s):
        if dt == "float32":
            return fb.emit("f32", [s])
        if dt in NARROW_INTS:
            return fb.emit("wrap", [s], {"dtype": dt})
        return s

    def ld(x, st, i, j):
        return cast(fb, A.load(fb, x, [i, j], st), x.dtype, dt)

    nb = A.ifloordiv_pos(fb, n, BLOCK)
    mb = A.ifloordiv_pos(fb, m, BLOCK)

    def block_row(qi, cs):
        i0 = imul(fb, qi, BLOCK)
        rows = [iadd(fb, i0, r) for r in range(BLOCK)]

        def block_col(qj, cs2):
            j0 = imul(fb, qj, BLOCK)
            cols = [iadd(fb, j0, c) for c in range(BLOCK)]

            def kstep(p, acc):
                av = [ld(a, ast, r, p) for r in rows]
                bv = [ld(b, bst, p, c) for c in cols]
                return [fb.emit(add, [acc[r * BLOCK + c], fb.emit(mul, [av[r], bv[c]])])
                        for r in range(BLOCK) for c in range(BLOCK)]
            acc = loop(fb, k, [zero] * (BLOCK * BLOCK), kstep)
            for r in range(BLOCK):
                for c in range(BLOCK):
                    store(fb, out, [rows[r], cols[c]], fin(acc[r * BLOCK + c]), ost)
            return cs2
        loop(fb, mb, [], block_col)
        return cs
    loop(fb, nb, [], block_row)

    def dot_at(i, j):
        s = loop(fb, k, [zero], lambda p, c: [fb.emit(add, [c[0], fb.emit(
            mul, [ld(a, ast, i, p), ld(b, bst, p, j)])])])[0]
        store(fb, out, [i, j], fin(s), ost)

    m4 = imul(fb, mb, BLOCK)
    n4 = imul(fb, nb, BLOCK)
    # leftover columns of the blocked rows, then every column of the leftover rows
    loop(fb, n4, [], lambda i, cs: (loop(fb, A.isub(fb, m, m4), [], lambda jj, c2: (
        dot_at(i, iadd(fb, m4, jj)), c2)[1]), cs)[1])
    loop(fb, A.isub(fb, n, n4), [], lambda ii, cs: (loop(fb, m, [], lambda j, c2: (
        dot_at(iadd(fb, n4, ii), j), c2)[1]), cs)[1])
    return out


def _dot1(tr, a, b, dt, loc):
    fb = tr.fb
    ct = _compute(dt)
    ast, bst = strides_of(fb, a), strides_of(fb, b)
    if dt in ("float64", "float32"):  # the blocked order of the matmul contract
        from .matmul_kernels import dot_rows

        def row(x, st):
            return (A.ic(fb, A.address(fb, x, [0], st)), imul(fb, st[0], x.itemsize))
        return dot_rows(fb, [row(a, ast)], row(b, bst), a.dtype, b.dtype, a.shape[0], dt)[0]

    def body(idx, cs):
        x = cast(fb, A.load(fb, a, idx, ast), a.dtype, dt)
        y = cast(fb, A.load(fb, b, idx, bst), b.dtype, dt)
        p = fb.emit("mul" if ct is F64 else "wmul", [x, y])
        if dt == "float32":  # the matmul contract: float32 products and sums
            p = fb.emit("f32", [p])
        s = fb.emit("add" if ct is F64 else "wadd", [cs[0], p])
        return [fb.emit("f32", [s]) if dt == "float32" else s]
    r = loop_nest(fb, a.shape, [fb.const(0.0 if ct is F64 else 0, ct)], body)[0]
    return r if dt in ("float64", "float32", "int64") else fb.emit("wrap", [r], {"dtype": dt})


def dot(tr, a, b, loc):
    from . import npscalars as nps
    from .values import scalar_type
    if any(not isinstance(v, (tuple, A.ListLit)) and not is_array(v)
           and (scalar_type(v) is not None or nps.is_np(v)) for v in (a, b)):
        # NumPy: a 0-d operand makes dot a multiply (np.dot(a, 2.0), np.dot(3, 4))
        from .nplib import call
        return call(tr, np.multiply, [a, b], {}, loc)
    a, b = as_array(tr, a, loc), as_array(tr, b, loc)
    if a.ndim <= 2 and b.ndim <= 2:
        return matmul(tr, a, b, loc, name="dot")
    raise error(loc, "numpy.dot of arrays with more than 2 dimensions is not supported",
                "use @ (matmul) for batches", E_UNSUPPORTED_CALL)


def vdot(tr, a, b, loc):
    """np.vdot: both operands flattened; NumPy reshapes the second to the
    first's size, hence its reshape message on a length mismatch."""
    fb = tr.fb
    a = ravel(tr, as_array(tr, a, loc), loc)
    b = ravel(tr, as_array(tr, b, loc), loc)
    na, nb = a.shape[0], b.shape[0]
    bad = icmp(fb, "ne", na, nb)
    if bad is not False:
        args: list = []
        msg = (f"cannot reshape array of size {A._fmt_shape((nb,), args)[1:-2]} into shape "
               + A._fmt_shape((na,), args))
        if bad is True and not args:
            raise TraceRaise("ValueError", msg)
        fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                      + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": msg}, loc=loc)
    return dot(tr, a, b, loc)
