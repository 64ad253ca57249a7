"""NumPy's memory layout of an advanced-index result (`m[:, idx]`).

Place in the pipeline: frontend value semantics, used by
indexing_fancy.getitem. The layout decides the order of NumPy's later
whole-array sums (frontend/reduce_order.py), so `m[:, idx].var()` is
NumPy's to the bit only when the result is laid out as NumPy lays it out.

NumPy (mapping.c, measured against NumPy 2.4 in
tests/frontend/test_fancy_layout.py) allocates the result as one dense
block whose outermost axes are the broadcast index dimensions B (in C
order), followed by the remaining ("subspace") axes of the indexed view in
K order: sorted by the magnitude of the view's strides
(npyiter_find_best_axis_ordering, frontend/reduce_order.sort_axes), all
result strides positive. The result's axes are then `rest[:pos] + B +
rest[pos:]`, so `m[:, idx]` of a C-ordered `m` is Fortran-like and `f[idx]`
of a Fortran-ordered `f` is not C-ordered. `np.take` is C-ordered.
"""
from __future__ import annotations

from . import arrays as A
from .reduce_order import _sel, sort_axes


def result_strides(fb, view, rest_dims, bshape, pos):
    """The element strides of the result of shape rest[:pos] + B + rest[pos:]
    in NumPy's layout, or None when that is C order."""
    rest_n = [view.shape[d] for d in rest_dims]
    if not rest_n or (pos == 0 and view.strides is None):
        return None
    rest_st = [None] * len(rest_n)
    if view.strides is None:  # C order of the rest
        s = 1
        for k in range(len(rest_n) - 1, -1, -1):
            rest_st[k] = s
            s = A.imul(fb, s, rest_n[k])
    else:
        vst = A.strides_of(fb, view)
        slots = []
        for k, d in enumerate(rest_dims):
            one = A.icmp(fb, "eq", rest_n[k], 1)
            slots.append((k, rest_n[k], [_sel(fb, one, 0, vst[d])]))
        order = sort_axes(fb, slots)  # inner first
        run = 1
        for ax, n, _ in order:
            for k in range(len(rest_n)):
                here = A.icmp(fb, "eq", ax, k)
                rest_st[k] = _sel(fb, here, run, rest_st[k]) if rest_st[k] is not None else \
                    _sel(fb, here, run, 0)
            run = A.imul(fb, run, n)
    r = A.iprod(fb, rest_n)
    b_st = []
    s = r
    for n in reversed(bshape):
        b_st.append(s)
        s = A.imul(fb, s, n)
    b_st.reverse()
    return tuple(rest_st[:pos]) + tuple(b_st) + tuple(rest_st[pos:])
