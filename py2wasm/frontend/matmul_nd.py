"""`@` / `np.matmul` on arrays of more than 3 dimensions, during tracing:
NumPy's broadcasting of the batch (leading) dimensions, 1-D operands
promoted and the promoted axis dropped, NumPy's error messages.

Place in the pipeline: frontend value semantics; `npfuncs_linalg.matmul` hands over
operands with more than 3 dimensions (it keeps its blocked 2-D kernel and
its 3-D batched loop). One loop nest over the broadcast batch shape; in it
float matrix products run the register-tiled kernel of
frontend/matmul_kernels.py (`batched_matmul`, the contract's order: each
product and sum rounded in the result's dtype), other products the i-p-j
loops (the sum over p in order).
"""
from __future__ import annotations

from ..ir import F64
from . import arrays as A
from . import array_shapes
from .arrays import Arr, icmp, ic, isel, known, loop, loop_nest, strides_of
from .values import TraceRaise


def _remapped_error(fb, a, b, n, m, loc):
    """NumPy's gufunc message for batch shapes that do not broadcast (run-time
    sizes are message arguments, each once)."""
    args: list = []

    def one(s):
        return array_shapes.fmt_dim_once(s, args)

    def shp(x):
        return "(" + ",".join(one(s) for s in x) + ("," if len(x) == 1 else "") + ")"

    def remap(x):
        return "(" + ",".join(one(s) for s in x.shape[:-2]) + ",newaxis,newaxis)"
    msg = ("operands could not be broadcast together with remapped shapes "
           "[original->remapped]: " + shp(a.shape) + "->" + remap(a) + " " + shp(b.shape) +
           "->" + remap(b) + "  and requested shape " + shp((n, m)))
    return msg, args


def matmul_nd(tr, a: Arr, b: Arr, dt: str, core_msg: str, loc):
    fb = tr.fb
    a2 = a if a.ndim >= 2 else Arr(a.dtype, a.ptr, (1, a.shape[0]), (0, strides_of(fb, a)[0]),
                                   a.root)
    b2 = b if b.ndim >= 2 else Arr(b.dtype, b.ptr, (b.shape[0], 1), (strides_of(fb, b)[0], 0),
                                   b.root)
    n, k = a2.shape[-2], a2.shape[-1]
    k2, m = b2.shape[-2], b2.shape[-1]
    ba, bb = a2.shape[:-2], b2.shape[:-2]
    nb = max(len(ba), len(bb))
    pa = (1,) * (nb - len(ba)) + tuple(ba)
    pb = (1,) * (nb - len(bb)) + tuple(bb)
    # batch broadcasting first (NumPy's order), then the core dimension
    bad = False
    batch = []
    for x, y in zip(pa, pb):
        if known(x) and x == 1:
            batch.append(y)
            continue
        if known(y) and y == 1:
            batch.append(x)
            continue
        bad = A.bor(fb, bad, A.band(fb, A.band(fb, icmp(fb, "ne", x, y), icmp(fb, "ne", x, 1)),
                                    icmp(fb, "ne", y, 1)))
        batch.append(isel(fb, icmp(fb, "eq", x, 1), y, x))
    if bad is not False:
        msg, args = _remapped_error(fb, a2, b2, n, m, loc)
        if bad is True and not args:
            raise TraceRaise("ValueError", msg)
        if len(args) > 8:
            args, msg = [], "operands could not be broadcast together with remapped shapes"
        fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                      + [ic(fb, x) for x in args], {"exc": "ValueError", "msg": msg}, loc=loc)
    bad = icmp(fb, "ne", k, k2)
    if bad is True:
        raise TraceRaise("ValueError", core_msg.format(k, k2))
    if bad is not False:
        fb.emit_multi("raise_if_fmt", [bad, ic(fb, k), ic(fb, k2)],
                      {"exc": "ValueError", "msg": core_msg}, loc=loc)
    batch = tuple(batch)
    if dt in ("float64", "float32") and a.ndim >= 2 and b.ndim >= 2:
        from .matmul_kernels import batched_matmul  # matrix products, batch by batch
        from .npfuncs_create import fill
        return batched_matmul(tr, a2, b2, batch, n, k, m, dt, loc, fill)
    return product_loops(tr, a, b, a2, b2, batch, n, k, m, dt, loc)


def product_loops(tr, a: Arr, b: Arr, a2: Arr, b2: Arr, batch: tuple, n, k, m, dt: str, loc):
    """`a @ b` by i-p-j loops over the broadcast `batch` shape (checked
    before), the sum over p in order, each product and sum rounded in the
    result's dtype `dt` (the kernels' contract): for the products the
    kernels do not take (integers, a 1-D operand with batches). `a2`, `b2`
    are `a`, `b` with a 1-D operand promoted to 2-D (a row or a column)."""
    from .npfuncs_create import full
    from .npfuncs_reduce import _compute
    fb = tr.fb
    nb = len(batch)
    out = full(tr, batch + (n, m), 0, dt, loc)
    ost = strides_of(fb, out)
    ast, bst = strides_of(fb, a2), strides_of(fb, b2)
    ct = _compute(dt)

    def at(x, st, bidx, i, j):
        own = x.shape[:-2]
        lead = nb - len(own)
        idx = [isel(fb, icmp(fb, "eq", s, 1), 0, bi) if not (known(s) and s == 1) else 0
               for s, bi in zip(own, bidx[lead:])]
        return A.cast(fb, A.load(fb, x, [ic(fb, v) for v in idx] + [i, j], st), x.dtype, dt)

    def rnd(s):
        if dt in ("float64", "int64"):
            return s
        return fb.emit("f32", [s]) if dt == "float32" else fb.emit("wrap", [s], {"dtype": dt})

    def batch_body(bidx, cs):
        def row(i, cs2):
            def kk(p, cs3):
                av = at(a2, ast, bidx, i, p)

                def col(j, cs4):
                    oidx = list(bidx) + [i, j]
                    o = A.load(fb, out, oidx, ost)
                    bv = at(b2, bst, bidx, p, j)
                    prod = fb.emit("mul" if ct is F64 else "wmul", [av, bv])
                    if dt == "float32":  # the kernels' contract: float32 products
                        prod = fb.emit("f32", [prod])
                    A.store(fb, out, oidx, rnd(fb.emit("add" if ct is F64 else "wadd",
                                                       [o, prod])), ost)
                    return cs4
                loop(fb, m, [], col)
                return cs3
            loop(fb, k, [], kk)
            return cs2
        loop(fb, n, [], row)
        return cs
    loop_nest(fb, batch, [], batch_body)
    shape = batch + (n, m)
    if a.ndim == 1:
        shape = batch + (m,)
    elif b.ndim == 1:
        shape = batch + (n,)
    return Arr(dt, out.ptr, shape, None, out.root)
