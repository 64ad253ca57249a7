"""NumPy's iteration order for reductions over arrays that are not
C-contiguous: K order (memory order), so `f.sum()` of a Fortran-ordered
array, `a.T.sum()`, `m[:, idx].var()` follow NumPy's order.

Place in the pipeline: frontend value semantics, used by reduce_iter
(NumPy's reduction iterator: coalescing, buffering, chunks) and
fancy_layout.

What NumPy does (tests/frontend/test_reduce_order.py): a reduction runs
NumPy's iterator in K order. The axes are sorted by NumPy's
`npyiter_find_best_axis_ordering`: an insertion sort, inner axis first,
moving an axis inward past axes whose byte stride is larger in magnitude,
comparing only operands whose strides are both nonzero (axes of size 1 and
broadcast axes have stride 0: ambiguous, skipped); signs are kept
(reductions do not negate strides), so each axis runs in increasing index.
The axis order is computed at run time (strides of arguments are run-time
values): the insertion sort is unrolled over the known number of axes with
selects.
"""
from __future__ import annotations

from ..ir import BOOL
from . import arrays as A
from .arrays import Arr, Ew, ic


def leaves(v, out=None) -> list:
    """The array views an expression reads."""
    out = [] if out is None else out
    if isinstance(v, Arr):
        if all(x is not v for x in out):
            out.append(v)
    elif isinstance(v, Ew):
        for x in v.args:
            leaves(x, out)
    return out


def needs_korder(a) -> bool:
    """Does NumPy's K order of `a` (over every axis) possibly differ from C
    order? Only when some array it reads has explicit strides."""
    if a.ndim < 2:
        return False
    return any(x.strides is not None and x.ndim > 1 for x in leaves(a))


def _sel(fb, c, x, y):
    if c is True:
        return x
    if c is False:
        return y
    return fb.emit("select", [c, ic(fb, x), ic(fb, y)])


def _bsel(fb, c, x, y):
    """select on bools (Python bools fold)."""
    if c is True:
        return x
    if c is False:
        return y
    if x is True and y is False:
        return c
    return fb.emit("select", [c, _b(fb, x), _b(fb, y)])


def _b(fb, x):
    return fb.const(x, BOOL) if type(x) is bool else x


_and, _or, _not = A.band, A.bor, A.bnot  # known bools fold away


def _abs(fb, x):
    if A.known(x):
        return abs(x)
    return fb.emit("select", [fb.emit("lt", [x, fb.const(0)]),
                              fb.emit("wsub", [fb.const(0), x]), x])


def axis_order(fb, a, plan, sort=True):
    """NumPy's iteration order of `a` over every axis: a list of slots, inner
    first, each (axis, length, [byte stride of each leaf]); `axis` and the
    values may be run-time i64 values. `sort=False`: C order (NumPy's for
    C-ordered operands: `needs_korder` false), the axes known."""
    nd = a.ndim
    if isinstance(a, Ew):  # NumPy sums a temporary laid out so (dense)
        from .korder_layout import c_strides, layout
        st = layout(fb, a) or c_strides(fb, a.shape)
        return sort_axes(fb, [(d, a.shape[d], [_sel(fb, A.icmp(fb, "eq", a.shape[d], 1), 0,
                                                      st[d])]) for d in range(nd)])
    ops = leaves(a)
    slots = []
    for d in range(nd):
        n = a.shape[d]
        one = A.icmp(fb, "eq", n, 1)
        st = []
        for x in ops:
            _, bst = plan.leaves[id(x)]
            k = d - (nd - x.ndim)
            s = bst[k] if k >= 0 else 0
            st.append(_sel(fb, one, 0, s) if not (A.known(s) and s == 0) else 0)
        slots.append((d, n, st))
    return sort_axes(fb, slots) if sort else slots[::-1]


def sort_axes(fb, slots):
    """NumPy's npyiter_find_best_axis_ordering: `slots` (axis, length, [byte
    stride of each operand]) in C order, returned inner first in NumPy's
    order; strides 0 (length-1 and broadcast axes) compare as ambiguous."""
    nd = len(slots)
    slots = slots[::-1]  # inner first, as NumPy's axisdata
    for i0 in range(1, nd):
        cur = slots[i0]
        ipos, done = i0, False
        for i1 in range(i0 - 1, -1, -1):
            other = slots[i1]
            ambig, swap = True, False
            for s0, s1 in zip(cur[2], other[2]):
                both = _and(fb, A.icmp(fb, "ne", s0, 0), A.icmp(fb, "ne", s1, 0))
                gt = A.icmp(fb, "gt", _abs(fb, s1), _abs(fb, s0))
                swap = _bsel(fb, both, _bsel(fb, gt, _bsel(fb, ambig, True, swap), False), swap)
                ambig = _bsel(fb, both, False, ambig)
            act = _and(fb, _not(fb, done), _not(fb, ambig))
            ipos = _sel(fb, _and(fb, act, swap), i1, ipos)
            done = _or(fb, done, _and(fb, act, _not(fb, swap)))
        new = []
        for k in range(i0 + 1):
            at = A.icmp(fb, "eq", ipos, k)
            after = A.icmp(fb, "lt", ipos, k)
            prev = slots[k - 1] if k else slots[k]

            def pick(x_at, x_after, x_keep):
                return _sel(fb, at, x_at, _sel(fb, after, x_after, x_keep))
            new.append((pick(cur[0], prev[0], slots[k][0]), pick(cur[1], prev[1], slots[k][1]),
                        [pick(c, p, s) for c, p, s in zip(cur[2], prev[2], slots[k][2])]))
        slots = new + slots[i0 + 1:]
    return slots
