"""numpy.gradient and numpy.vander during tracing: finite differences of
sampled data and tables of powers, as NumPy computes them.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
`gradient(f, dx=1.0, axis=None, edge_order=1)` with one scalar spacing (a
number or NumPy scalar; a Python number stays weak as in NumPy) is
`(f[2:] - f[:-2]) / (2. * dx)` inside and one-sided differences
`(f[1] - f[0]) / dx`, `(f[-1] - f[-2]) / dx` at the ends, per axis (a tuple
for several axes); integer data is converted to float64 first. `vander(x,
N=None, increasing=False)` fills its columns by successive products
(NumPy's `multiply.accumulate`: ((x * x) * x)..., wrapping for integers).
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from . import array_assign, array_indexing, array_shapes
from .arrays import alloc, icmp, is_array, known
from .npfuncs_sort import as_arr
from .values import E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type


def _unsupported(loc, what):
    return error(loc, f"numpy.gradient with {what} is not supported",
                 "one scalar spacing (or none), edge_order=1", E_UNSUPPORTED_CALL)


def gradient(tr, args, kwargs, loc):
    from . import npscalars as nps
    from .operators import binary
    if not args:
        raise error(loc, "numpy.gradient() missing required argument 'f'", "", E_UNSUPPORTED_CALL)
    if set(kwargs) - {"axis", "edge_order"}:
        raise _unsupported(loc, f"keyword {sorted(set(kwargs) - {'axis', 'edge_order'})[0]}=")
    if kwargs.get("edge_order", 1) != 1:
        raise _unsupported(loc, "edge_order other than 1")
    f = as_arr(tr, args[0], loc)
    if len(args) > 2:
        raise _unsupported(loc, "a spacing per axis")
    dx = args[1] if len(args) == 2 else 1.0
    if is_array(dx) or not (scalar_type(dx) is not None or nps.is_np(dx)):
        raise _unsupported(loc, "array spacing")
    if f.dtype in ("bool", "complex128", "complex64"):
        raise _unsupported(loc, f"{f.dtype} data")
    if f.dtype not in ("float64", "float32"):
        f = array_assign.copy(tr, A.astype_node(f, "float64"), loc)
    axis = kwargs.get("axis")
    axes = range(f.ndim) if axis is None else \
        [array_shapes.normalize_axis(ax, f.ndim, loc) for ax in
         (axis if isinstance(axis, tuple) else (axis,))]
    fb = tr.fb
    two_dx = binary(fb, "*", 2.0, dx, loc)
    outs = []
    for ax in axes:
        small = icmp(fb, "lt", f.shape[ax], 2)
        msg = ("Shape of array too small to calculate a numerical gradient, at least "
               "(edge_order + 1) elements are required.")
        if small is True:
            raise TraceRaise("ValueError", msg)
        if small is not False:
            fb.raise_if(small, "ValueError", msg, loc)
        out = alloc(tr, f.dtype, f.shape, loc)

        def view(a, s):
            key = tuple(s if d == ax else slice(None) for d in range(f.ndim))
            return array_indexing.getitem(tr, a, key, loc)

        def quotient(hi, lo, den):
            d = A.ufunc_node(tr, np.subtract, [view(f, hi), view(f, lo)], loc)
            return A.ufunc_node(tr, np.divide, [d, den], loc)
        array_assign.assign(tr, view(out, slice(1, -1)),
                            quotient(slice(2, None), slice(None, -2), two_dx), loc)
        array_assign.assign(tr, view(out, slice(0, 1)), quotient(slice(1, 2), slice(0, 1), dx), loc)
        array_assign.assign(tr, view(out, slice(-1, None)),
                            quotient(slice(-1, None), slice(-2, -1), dx), loc)
        outs.append(out)
    return outs[0] if len(outs) == 1 else tuple(outs)


def vander_fill(x, out, one, increasing):
    """out[i, k] = x[i] ** k by successive products (column N-1-k unless
    increasing); one[0] is 1 in out's dtype."""
    n = out.shape[1]
    for i in range(x.shape[0]):
        p = one[0]
        for k in range(n):
            col = k if increasing else n - 1 - k
            out[i, col] = p
            p = p * x[i]


def vander(tr, x, N, increasing, loc):
    from .npfuncs_sort import kernel
    x = as_arr(tr, x, loc)
    if x.ndim != 1:
        raise TraceRaise("ValueError", "x must be a one-dimensional array or sequence.")
    if x.dtype in ("complex128", "complex64"):
        raise error(loc, "numpy.vander of complex values is not supported", "",
                    E_UNSUPPORTED_CALL)
    if N is None:
        N = x.shape[0]
    if scalar_type(N) is None or not isinstance(increasing, bool):
        raise error(loc, "numpy.vander takes an int N and a bool increasing known when "
                    "compiling", "", E_UNSUPPORTED_CALL)
    dt = np.promote_types(np.dtype(x.dtype), np.int64).name
    if known(N) and N < 0:
        raise TraceRaise("ValueError", "negative dimensions are not allowed")
    if not known(N):
        tr.fb.raise_if(icmp(tr.fb, "lt", N, 0), "ValueError",
                       "negative dimensions are not allowed", loc)
    xs = A.materialize(tr, x, loc, contiguous=True)
    if xs.dtype != dt:
        xs = array_assign.copy(tr, A.astype_node(xs, dt), loc)
    out = alloc(tr, dt, (x.shape[0], N), loc)
    from .npfuncs_create import full
    kernel(tr, vander_fill, [xs, out, full(tr, (1,), 1, dt, loc), increasing], loc)
    return out
