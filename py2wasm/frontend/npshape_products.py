"""`np.tensordot` and `np.linalg.multi_dot` during tracing, through the
existing matrix product (`np.dot`: frontend/matmul_kernels.py, which sums
every element in k order).

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(multi_dot is its one `numpy.linalg` name). `tensordot` is NumPy's own steps
(lib `numeric.py`): the summed axes moved to the end of `a` and the front of
`b`, both reshaped to matrices (a view where NumPy's reshape gives one), one
`dot`, the result reshaped; NumPy's `ValueError("shape-mismatch for sum")`
checked at run time. `multi_dot` is NumPy's `linalg.multi_dot` for two and
three arrays: for three, the parenthesisation of least cost
(`_multi_dot_three`, decided at run time from the shapes, so each order is
compiled and one runs), traced as library code. Four or more arrays are a
located CompileError (NumPy's dynamic-programming order would have to run
over a list of arrays of one dtype: write the products in the order wanted).
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from . import array_shapes
from .npshape_views import as_array_value
from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error


# --- tensordot ----------------------------------------------------------------------------

def _axes_list(v, loc):
    v = A.unlist(v)
    items = list(v) if isinstance(v, tuple) else [v]
    for x in items:
        if type(x) is not int:
            raise error(loc, "numpy.tensordot axes must be ints known when compiling",
                        "write the axes as constants", E_TYPE)
    return items


def tensordot(tr, a, b, axes, loc):
    from . import nplib
    fb = tr.fb
    a = as_array_value(tr, a, loc)
    b = as_array_value(tr, b, loc, "b")
    axes = A.unlist(axes)
    if type(axes) is int:
        axes_a, axes_b = list(range(-axes, 0)), list(range(axes))
    elif isinstance(axes, tuple) and len(axes) == 2:
        axes_a, axes_b = _axes_list(axes[0], loc), _axes_list(axes[1], loc)
    else:
        raise error(loc, "numpy.tensordot axes= must be an int or a pair of axis sequences "
                    "known when compiling", "", E_TYPE)
    if len(set(axes_a)) != len(axes_a) or len(set(axes_b)) != len(axes_b):
        raise TraceRaise("ValueError", "duplicate axes are not allowed in tensordot")
    nda, ndb = a.ndim, b.ndim
    for x, nd in [(x, nda) for x in axes_a] + [(x, ndb) for x in axes_b]:
        if not -nd <= x < nd:
            raise error(loc, f"numpy.tensordot axis {x} is out of range for an array of "
                        f"dimension {nd}", "NumPy raises IndexError here", E_TYPE)
    if len(axes_a) != len(axes_b):
        raise TraceRaise("ValueError", "shape-mismatch for sum")
    bad = False
    for x, y in zip(axes_a, axes_b):
        bad = A.bor(fb, bad, A.icmp(fb, "ne", a.shape[x], b.shape[y]))
    if bad is True:
        raise TraceRaise("ValueError", "shape-mismatch for sum")
    if bad is not False:
        fb.raise_if(bad, "ValueError", "shape-mismatch for sum", loc)
    axes_a = [x % nda for x in axes_a]
    axes_b = [x % ndb for x in axes_b]
    notin_a = [k for k in range(nda) if k not in axes_a]
    notin_b = [k for k in range(ndb) if k not in axes_b]
    at = array_shapes.transpose(tr, a, notin_a + axes_a, loc) if nda else a
    bt = array_shapes.transpose(tr, b, axes_b + notin_b, loc) if ndb else b
    n2 = A.iprod(fb, [a.shape[x] for x in axes_a])
    at = array_shapes.reshape(tr, at, (A.iprod(fb, [a.shape[x] for x in notin_a]), n2), loc)
    bt = array_shapes.reshape(tr, bt, (n2, A.iprod(fb, [b.shape[x] for x in notin_b])), loc)
    res = nplib.call(tr, np.dot, [at, bt], {}, loc)
    return array_shapes.reshape(tr, A.materialize(tr, res, loc),
                                tuple(a.shape[x] for x in notin_a) +
                                tuple(b.shape[x] for x in notin_b), loc)


# --- multi_dot ----------------------------------------------------------------------------

def _py_multi_dot_three(A, B, C):
    a0, a1b0 = A.shape
    b1c0, c1 = C.shape
    # cost1 = cost((AB)C) = a0*a1b0*b1c0 + a0*b1c0*c1
    cost1 = a0 * b1c0 * (a1b0 + c1)
    # cost2 = cost(A(BC)) = a1b0*b1c0*c1 + a0*a1b0*c1
    cost2 = a1b0 * c1 * (a0 + b1c0)
    if cost1 < cost2:
        return np.dot(np.dot(A, B), C)
    else:
        return np.dot(A, np.dot(B, C))


def multi_dot(tr, arrays, out, loc):
    from . import nplib
    from .array_indexing import getitem
    from .calls import call_python
    if out is not None:
        raise error(loc, "numpy.linalg.multi_dot with out= is not supported",
                    "assign the result: out[...] = np.linalg.multi_dot(...)", E_UNSUPPORTED_CALL)
    arrays = A.unlist(arrays)
    if not isinstance(arrays, tuple):
        raise error(loc, "numpy.linalg.multi_dot takes a tuple or list of arrays", "", E_TYPE)
    n = len(arrays)
    if n < 2:
        raise TraceRaise("ValueError", "Expecting at least two arrays.")
    if n == 2:
        return nplib.call(tr, np.dot, list(arrays), {}, loc)
    if n > 3:
        raise error(loc, "numpy.linalg.multi_dot of more than three arrays is not supported "
                    "(NumPy chooses their order at run time by dynamic programming)",
                    "write the products in the order you want: (A @ B) @ (C @ D)",
                    E_UNSUPPORTED_CALL)
    arrs = [as_array_value(tr, x, loc, "arrays") for x in arrays]
    first, last = arrs[0].ndim, arrs[-1].ndim
    if first == 1:
        arrs[0] = getitem(tr, arrs[0], (None, slice(None)), loc)
    if last == 1:
        arrs[-1] = getitem(tr, arrs[-1], (slice(None), None), loc)
    for x in arrs:
        if x.ndim != 2:
            raise TraceRaise("LinAlgError", f"{x.ndim}-dimensional array given. Array must be "
                             "two-dimensional")
    r = call_python(tr, _py_multi_dot_three, arrs, {}, loc, site=loc,
                    public="numpy.linalg.multi_dot")
    if first == 1 and last == 1:
        return getitem(tr, r, (0, 0), loc)
    if first == 1 or last == 1:
        return array_shapes.ravel(tr, r, loc)
    return r


def FUNCS(REQ):
    return {
        "tensordot": ([("a", REQ), ("b", REQ), ("axes", 2)],
                      lambda tr, loc, a, b, axes: tensordot(tr, a, b, axes, loc)),
        "multi_dot": ([("arrays", REQ), ("out", None)],
                      lambda tr, loc, arrays, out: multi_dot(tr, arrays, out, loc)),
    }
