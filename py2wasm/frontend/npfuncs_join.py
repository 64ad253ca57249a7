"""Joining NumPy arrays during tracing: `np.concatenate`, `np.stack`,
`np.vstack` and `np.hstack`, with NumPy's shape and dimension errors.

Place in the pipeline: frontend value semantics; nplib.call dispatches the
joining functions here.
"""
from __future__ import annotations

import numpy as np

from . import array_assign, array_indexing, array_shapes
from .arrays import alloc, iadd, icmp, materialize
from .values import E_TYPE, error, TraceRaise
from .npfuncs_create import as_array
from .npfuncs_linalg import _core_check


# --- joining ------------------------------------------------------------------------------------

def concatenate(tr, arrs, axis, loc, name="concatenate"):
    fb = tr.fb
    if not isinstance(arrs, tuple) or not arrs:
        raise error(loc, f"numpy.{name} takes a non-empty tuple of arrays", "", E_TYPE)
    arrs = [as_array(tr, x, loc) for x in arrs]
    nd = arrs[0].ndim
    if nd == 0:
        raise TraceRaise("ValueError", "zero-dimensional arrays cannot be concatenated")
    for x in arrs:
        if x.ndim != nd:
            raise TraceRaise("ValueError", "all the input array dimensions except for the "
                             "concatenation axis must match exactly, but along dimension 0, "
                             "the array at index 0 has "
                             f"{nd} dimension(s) and the array at index {arrs.index(x)} has "
                             f"{x.ndim} dimension(s)")
    ax = array_shapes.normalize_axis(axis, nd, loc)
    dt = np.result_type(*[np.dtype(x.dtype) for x in arrs]).name
    for i, x in enumerate(arrs[1:], 1):
        for d in range(nd):
            if d != ax:
                _core_check(fb, arrs[0].shape[d], x.shape[d],
                            "all the input array dimensions except for the concatenation axis "
                            f"must match exactly, but along dimension {d}, the array at index "
                            "0 has size {0} and the array at index %d has size {1}" % i, loc)
    total = 0
    for x in arrs:
        total = iadd(fb, total, x.shape[ax])
    shape = list(arrs[0].shape)
    shape[ax] = total
    out = alloc(tr, dt, tuple(shape), loc)
    off = 0
    for x in arrs:
        key = tuple(slice(off, iadd(fb, off, x.shape[ax])) if d == ax else slice(None)
                    for d in range(nd))
        view = array_indexing.getitem(tr, out, key, loc)
        array_assign.assign(tr, view, x, loc)
        off = iadd(fb, off, x.shape[ax])
    return out


def stack(tr, arrs, axis, loc):
    if not isinstance(arrs, tuple) or not arrs:
        raise error(loc, "numpy.stack takes a non-empty tuple of arrays", "", E_TYPE)
    arrs = [materialize(tr, as_array(tr, x, loc), loc) for x in arrs]
    nd = arrs[0].ndim
    ax = array_shapes.normalize_axis(axis, nd + 1, loc)
    fb = tr.fb
    for i, x in enumerate(arrs[1:], 1):
        if x.ndim != nd:
            raise TraceRaise("ValueError", "all input arrays must have the same shape")
        for d in range(nd):
            bad = icmp(fb, "ne", arrs[0].shape[d], x.shape[d])
            if bad is True:
                raise TraceRaise("ValueError", "all input arrays must have the same shape")
            if bad is not False:
                fb.raise_if(bad, "ValueError", "all input arrays must have the same shape", loc)
    expanded = tuple(array_indexing.getitem(tr, x, tuple(None if d == ax else slice(None)
                                            for d in range(nd + 1)), loc) for x in arrs)
    return concatenate(tr, expanded, ax, loc, "stack")


def vstack(tr, arrs, loc):
    if not isinstance(arrs, tuple) or not arrs:
        raise error(loc, "numpy.vstack takes a non-empty tuple of arrays", "", E_TYPE)
    arrs = tuple(materialize(tr, as_array(tr, x, loc), loc) for x in arrs)
    arrs = tuple(array_indexing.getitem(tr, x, (None, slice(None)), loc) if x.ndim == 1 else x for x in arrs)
    return concatenate(tr, arrs, 0, loc, "vstack")


def hstack(tr, arrs, loc):
    if not isinstance(arrs, tuple) or not arrs:
        raise error(loc, "numpy.hstack takes a non-empty tuple of arrays", "", E_TYPE)
    arrs = tuple(as_array(tr, x, loc) for x in arrs)
    return concatenate(tr, arrs, 0 if arrs[0].ndim == 1 else 1, loc, "hstack")
