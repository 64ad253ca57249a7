"""NumPy shape functions that build new arrays during tracing: `np.tri`.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
`tri(N, M, k, dtype)` is NumPy's `greater_equal.outer(arange(N),
arange(-k, M - k))` cast to dtype: one loop nest storing `j - i <= k`
(negative N or M give empty axes, as `arange` does).
"""
from __future__ import annotations

from . import arrays as A
from .arrays import alloc, loop_nest
from .npshape_views import _int


def tri(tr, N, M, k, dtype, like, loc):
    from .npargs import dtype_arg
    from .values import E_TYPE, error
    if like is not None:
        raise error(loc, "numpy.tri with like= is not supported", "", E_TYPE)
    fb = tr.fb
    N = _int(N, loc, "N")
    M = N if M is None else _int(M, loc, "M")
    k = _int(k, loc, "k")
    dt = dtype_arg(dtype, loc, "float64")
    shape = (A.imax(fb, N, 0), A.imax(fb, M, 0))
    out = alloc(tr, dt, shape, loc)

    def body(idx, cs):
        keep = A.icmp(fb, "le", A.isub(fb, idx[1], idx[0]), k)
        A.store(fb, out, idx, A.cast(fb, keep, "bool", dt, loc))
        return cs
    loop_nest(fb, shape, [], body)
    return out


def FUNCS(REQ):
    return {
        "tri": ([("N", REQ), ("M", None), ("k", 0), ("dtype", float), ("like", None)],
                lambda tr, loc, N, M, k, dtype, like: tri(tr, N, M, k, dtype, like, loc)),
    }
