"""`dst[...] = src` in NumPy's element order when a 1-D destination and a
view source share memory, so what an overlapping copy reads is NumPy's.

Place in the pipeline: frontend value semantics, called by
`array_assign.assign` for setitem (`a[::2] = a[:5]`, `np.copyto`).

What NumPy does (PyArray_AssignArray, raw_array_assign_array): a source
running the opposite way to a 1-D destination (`a[:] = a[::-1]`), like any
overlap into an N-d destination, is copied first. Otherwise no copy: the
iterator makes the destination's stride positive (both arrays flipped
together), then copies backwards when the source starts below the
destination and reaches past its start (`a[2:] = a[:8]` is a memmove),
forwards else, so `a[::2] = a[:5]` reads elements it has already written
(`[0 1 1 3 1 ...]`). Both orders are chosen at run time from the pointers
and strides.
"""
from __future__ import annotations

from .arrays import (Arr, band, cast, element, iadd, icmp, imul, isel, isub, loop, Plan, store,
                     strides_of)


def applies(dest: Arr, value) -> bool:
    """A 1-D destination and a 1-D view of possibly the same memory."""
    return isinstance(value, Arr) and dest.ndim == 1 and value.ndim == 1 and (
        dest.root is None or value.root is None or dest.root == value.root)


def assign(tr, dest: Arr, value: Arr, loc) -> None:
    from .array_assign import copy
    fb = tr.fb
    n = dest.shape[0]
    ds = strides_of(fb, dest)[0]
    vs = isel(fb, icmp(fb, "eq", value.shape[0], 1), 0, strides_of(fb, value)[0])  # broadcast
    opposite = icmp(fb, "lt", imul(fb, ds, vs), 0)
    up = icmp(fb, "ge", ds, 0)
    last = iadd(fb, n, -1)
    k0 = isel(fb, up, 0, last)  # the first element in the destination's memory order
    dp = iadd(fb, dest.ptr, imul(fb, imul(fb, k0, ds), dest.itemsize))
    vp = iadd(fb, value.ptr, imul(fb, imul(fb, k0, vs), value.itemsize))
    vstep = imul(fb, isel(fb, up, vs, isub(fb, 0, vs)), value.itemsize)
    backwards = band(fb, icmp(fb, "lt", vp, dp),
                     icmp(fb, "gt", iadd(fb, vp, imul(fb, n, vstep)), dp))
    dst = strides_of(fb, dest)

    def copy_loop(src, order):
        plan = Plan(fb, src, dest.shape)

        def body(i, cs):
            k = order(i)
            store(fb, dest, [k], cast(fb, element(tr, src, [k], plan, loc), src.dtype,
                                       dest.dtype, loc), dst)
            return cs
        loop(fb, n, [], body)  # not parallel: the order is the point

    def in_place():
        def order(i):
            j = isel(fb, backwards, isub(fb, last, i), i)
            return isel(fb, up, j, isub(fb, last, j))
        copy_loop(value, order)

    def copied():
        copy_loop(copy(tr, value, loc), lambda i: i)

    if opposite is True or opposite is False:
        (copied if opposite else in_place)()
        return
    yes, no, join = fb.new_block(), fb.new_block(), fb.new_block()
    fb.cond_br(opposite, yes, no)
    fb.set_block(yes)
    copied()
    fb.br(join)
    fb.set_block(no)
    in_place()
    fb.br(join)
    fb.set_block(join)
