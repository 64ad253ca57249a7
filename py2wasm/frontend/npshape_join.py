"""NumPy's joining and splitting functions beyond `npfuncs_join`:
`column_stack`, `dstack`, `row_stack`, `block` (joins: new arrays) and `split`,
`array_split`, `hsplit`, `vsplit`, `dsplit` (lists of views).

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
The joins make their operands 2-D/3-D views (`npshape_views`) and hand them
to `npfuncs_join.concatenate`. The splits are NumPy's own Python
(lib/_shape_base_impl.py: `divmod`, the division points, one slice per
part) written here with `np.moveaxis` for `swapaxes` and traced like user
code (`calls.call_python` as library code), so the result is a Python list of views
(frontend/lists_ofarrays.py: writes through a part change the array), its
length known at run time, and NumPy's exceptions are raised where NumPy
raises them (`ZeroDivisionError` from `%` with CPython's message included).
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .npshape_views import as_array_value, _int
from .values import E_TYPE, TraceRaise, error


# --- the traced implementations (NumPy's source) ------------------------------------------

def _py_array_split(ary, Nsections, axis):
    Ntotal = ary.shape[axis]
    if Nsections <= 0:
        raise ValueError('number sections must be larger than 0.')
    Neach_section, extras = divmod(Ntotal, Nsections)
    v = np.moveaxis(ary, axis, 0)
    sub_arys = []
    st = 0
    for i in range(Nsections):
        end = st + (Neach_section + 1 if i < extras else Neach_section)
        sub_arys.append(np.moveaxis(v[st:end], 0, axis))
        st = end
    return sub_arys


def _py_split_equal(ary, sections, axis):
    N = ary.shape[axis]
    if N % sections:
        raise ValueError('array split does not result in an equal division')
    return _py_array_split(ary, sections, axis)


def _py_split_at(ary, indices, axis):
    v = np.moveaxis(ary, axis, 0)
    sub_arys = []
    st = 0
    for end in indices:
        sub_arys.append(np.moveaxis(v[st:end], 0, axis))
        st = end
    sub_arys.append(np.moveaxis(v[st:], 0, axis))
    return sub_arys


def _traced(tr, fn, args, loc, name):
    """NumPy's Python traced as library code: known numbers (the axis, a
    known count) stay known inside it, locations are the user's call."""
    from .calls import call_python
    return call_python(tr, fn, args, {}, loc, site=loc, public=f"numpy.{name}")


# --- splits -------------------------------------------------------------------------------

def split(tr, ary, indices_or_sections, axis, loc, name="split"):
    a = as_array_value(tr, ary, loc, "ary")
    if type(axis) is not int:
        raise error(loc, f"an axis must be an int known when compiling, got {A._tn(axis)}",
                    "write the axis as a constant", E_TYPE)
    if not -a.ndim <= axis < a.ndim:
        raise error(loc, f"axis {axis} is out of bounds for array of dimension {a.ndim}",
                    "NumPy raises AxisError here" if a.ndim else
                    "NumPy raises IndexError here (a 0-d array has no axis to split)",
                    E_TYPE)
    ios = A.unlist(indices_or_sections)
    if isinstance(ios, tuple) or A.is_array(ios):
        if A.is_array(ios):
            raise error(loc, f"numpy.{name} with an array of indices is not supported",
                        "pass a tuple or list of ints", E_TYPE)
        idx = tuple(_int(x, loc, "a split index") for x in ios)
        return _traced(tr, _py_split_at, [a, idx, axis % a.ndim], loc, name)
    n = _int(ios, loc, "indices_or_sections")
    impl = _py_array_split if name == "array_split" else _py_split_equal
    return _traced(tr, impl, [a, n, axis % a.ndim], loc, name)


def _split_min(tr, ary, ios, loc, name, nd, axis_of):
    a = as_array_value(tr, ary, loc, "ary")
    if a.ndim < nd:
        raise TraceRaise("ValueError", f"{name} only works on arrays of {nd} or more dimensions")
    return split(tr, a, ios, axis_of(a), loc)


# --- joins --------------------------------------------------------------------------------

def _tuple(tup, loc, name):
    tup = A.unlist(tup)
    if not isinstance(tup, tuple) or not tup:
        raise error(loc, f"numpy.{name} takes a non-empty tuple or list of arrays", "",
                    E_TYPE)
    return tup


def column_stack(tr, tup, loc):
    from .array_indexing import getitem
    from .npfuncs_join import concatenate
    arrs = []
    for v in _tuple(tup, loc, "column_stack"):
        a = as_array_value(tr, v, loc, "tup")
        if a.ndim < 2:  # NumPy: array(a, ndmin=2).T
            a = getitem(tr, a, (slice(None), None) if a.ndim == 1 else (None, None), loc)
        arrs.append(a)
    return concatenate(tr, tuple(arrs), 1, loc)


def dstack(tr, tup, loc):
    from .npfuncs_join import concatenate
    from .npshape_views import _atleast
    arrs = tuple(_atleast(tr, (as_array_value(tr, v, loc, "tup"),), {}, loc, 3)
                 for v in _tuple(tup, loc, "dstack"))
    return concatenate(tr, arrs, 2, loc)


def row_stack(tr, tup, loc):
    from .npfuncs_join import vstack
    from .npshape_views import _atleast
    arrs = tuple(_atleast(tr, (as_array_value(tr, v, loc, "tup"),), {}, loc, 1)
                 for v in _tuple(tup, loc, "row_stack"))
    return vstack(tr, arrs, loc)


def block(tr, arrays, loc):
    """NumPy's block: nested list literals (tuples are NumPy's TypeError), the
    depths checked as `_block_check_depths_match` does, each leaf made
    `ndim`-D (leading axes of length 1), each list concatenated along axis
    -(depth - level)."""
    from .npfuncs_join import concatenate
    leaves: list = []

    def walk(v, index, depth):
        if isinstance(v, tuple) and not isinstance(v, A.ListLit):
            raise TraceRaise("TypeError", f"{index} is a tuple. Only lists can be used to arrange "
                             "blocks, and np.block does not allow implicit conversion from tuple "
                             "to ndarray.")
        if isinstance(v, A.ListLit):
            if not v.items:
                raise TraceRaise("ValueError", f"List at {index} cannot be empty")
            for i, x in enumerate(v.items):
                walk(x, f"{index}[{i}]", depth + 1)
            return
        if leaves and leaves[0][1] != depth:
            raise TraceRaise("ValueError", f"List depths are mismatched. First element was at "
                             f"depth {leaves[0][1]}, but there is an element at depth {depth} "
                             f"({index})")
        leaves.append((index, depth))
    walk(arrays, "arrays", 0)
    depth = leaves[0][1]
    if depth == 0:
        from .array_assign import copy
        return copy(tr, as_array_value(tr, arrays, loc, "arrays"), loc)

    def leaf_arrays(v):
        if isinstance(v, A.ListLit):
            return [x for c in v.items for x in leaf_arrays(c)]
        return [as_array_value(tr, v, loc, "arrays")]
    ndim = max([depth] + [x.ndim for x in leaf_arrays(arrays)])

    def build(v, level):
        if level == depth:
            a = as_array_value(tr, v, loc, "arrays")
            if a.ndim < ndim:
                from .array_indexing import getitem
                a = getitem(tr, a, (None,) * (ndim - a.ndim) + (Ellipsis,), loc)
            return a
        return concatenate(tr, tuple(build(c, level + 1) for c in v.items), -(depth - level),
                           loc, "block")
    return build(arrays, 0)


def FUNCS(REQ):
    out = {
        "block": ([("arrays", REQ)], lambda tr, loc, arrays: block(tr, arrays, loc)),
        "column_stack": ([("tup", REQ)], lambda tr, loc, tup: column_stack(tr, tup, loc)),
        "dstack": ([("tup", REQ)], lambda tr, loc, tup: dstack(tr, tup, loc)),
        "split": ([("ary", REQ), ("indices_or_sections", REQ), ("axis", 0)],
                  lambda tr, loc, ary, indices_or_sections, axis: split(
                      tr, ary, indices_or_sections, axis, loc)),
        "array_split": ([("ary", REQ), ("indices_or_sections", REQ), ("axis", 0)],
                        lambda tr, loc, ary, indices_or_sections, axis: split(
                            tr, ary, indices_or_sections, axis, loc, "array_split")),
        "hsplit": ([("ary", REQ), ("indices_or_sections", REQ)],
                   lambda tr, loc, ary, indices_or_sections: _split_min(
                       tr, ary, indices_or_sections, loc, "hsplit", 1,
                       lambda a: 1 if a.ndim > 1 else 0)),
        "vsplit": ([("ary", REQ), ("indices_or_sections", REQ)],
                   lambda tr, loc, ary, indices_or_sections: _split_min(
                       tr, ary, indices_or_sections, loc, "vsplit", 2, lambda a: 0)),
        "dsplit": ([("ary", REQ), ("indices_or_sections", REQ)],
                   lambda tr, loc, ary, indices_or_sections: _split_min(
                       tr, ary, indices_or_sections, loc, "dsplit", 3, lambda a: 2)),
    }
    if hasattr(np, "row_stack"):  # removed in NumPy 2.5? kept while NumPy has it
        out["row_stack"] = ([("tup", REQ)], lambda tr, loc, tup: row_stack(tr, tup, loc))
    return out
