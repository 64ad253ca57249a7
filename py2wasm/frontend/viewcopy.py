"""View or copy, decided as NumPy decides it: at run time, from the strides.

Place in the pipeline: frontend value semantics, used by `array_shapes.reshape`
and `nplib` (`ravel`, `np.ascontiguousarray`). NumPy returns a view when the
memory layout allows it and a copy otherwise, and the difference is
observable (writes through the result reach the source, or do not). A
strided view's layout is often known only at run time (`m[i:j, :]` is
contiguous, `m[:, :1]` of a one-row `m` too: axes of size 1 do not count),
so the decision is a run-time flag here, folded when it is known:

- `c_contiguous`: NumPy's C_CONTIGUOUS flag (relaxed strides: every axis of
  size > 1 has the C stride; size <= 1 arrays always are). `ravel` and
  `ascontiguousarray` return a view exactly then.
- `nocopy_reshape`: NumPy's `_attempt_nocopy_reshape` (C order): a reshape
  is a view unless two neighbouring axes of size > 1 that cannot be merged
  (stride[i] != size[j] * stride[j]) are split at a point where the new
  shape has no boundary (no prefix product of the new shape equals the old
  one there). The view's stride for new axis j is the old layout's offset
  of flat index prod(new[j+1:]).
- `view_or_copy`: one `Arr` from a flag: pointer (and strides) selected
  between the view and a C-contiguous copy. The copy's loop runs zero times
  and allocates nothing when the flag holds. The result keeps the source's
  root (it may alias it), so aliasing decisions stay conservative.
"""
from __future__ import annotations

from .arrays import (Arr, Plan, alloc, band, bnot, bor, element, iadd, ic, icmp, imul, iprod,
                     isel, known, loop_nest, store, strides_of)


def _idiv(fb, a, b):
    """a // b for a >= 0, b >= 0 (b == 0 gives 0: only for zero-size arrays)."""
    if known(a) and known(b):
        return a // b if b else 0
    safe = isel(fb, icmp(fb, "eq", b, 0), 1, b)
    return fb.emit("floordiv", [ic(fb, a), ic(fb, safe)])


def _imod(fb, a, b):
    if known(a) and known(b):
        return a % b if b else 0
    safe = isel(fb, icmp(fb, "eq", b, 0), 1, b)
    return fb.emit("mod", [ic(fb, a), ic(fb, safe)])


def c_contiguous(fb, a: Arr):
    """NumPy's C_CONTIGUOUS flag of view `a` (True, False or a bool Var)."""
    if a.strides is None:
        return True
    ok = True
    expect = 1
    for n, s in zip(reversed(a.shape), reversed(a.strides)):
        ok = band(fb, ok, bor(fb, icmp(fb, "le", n, 1), icmp(fb, "eq", s, expect)))
        expect = imul(fb, expect, n)
    # NumPy: an array without elements is contiguous
    return bor(fb, ok, icmp(fb, "eq", iprod(fb, a.shape), 0))


def nocopy_reshape(fb, a: Arr, shape: tuple):
    """(flag, strides of the view for `shape`) as NumPy's C-order reshape."""
    old, st = a.shape, strides_of(fb, a)
    nd = len(old)
    new_prefix = []
    p = 1
    for m in shape:
        p = imul(fb, p, m)
        new_prefix.append(p)
    ok = True
    prefix = 1
    for i in range(nd - 1):
        prefix = imul(fb, prefix, old[i])
        for j in range(i + 1, nd):
            # axes i and j are neighbours once the size-1 axes between are dropped
            between_ones = True
            for k in range(i + 1, j):
                between_ones = band(fb, between_ones, icmp(fb, "eq", old[k], 1))
            if between_ones is False:
                break
            applies = band(fb, between_ones, band(fb, icmp(fb, "ne", old[i], 1),
                                                 icmp(fb, "ne", old[j], 1)))
            if applies is False:
                continue
            merge = icmp(fb, "eq", st[i], imul(fb, old[j], st[j]))
            boundary = False
            for q in new_prefix:
                boundary = bor(fb, boundary, icmp(fb, "eq", q, prefix))
            ok = band(fb, ok, bor(fb, bnot(fb, applies), bor(fb, merge, boundary)))
    ok = bor(fb, ok, icmp(fb, "eq", iprod(fb, old), 0))
    # strides: the old offset of flat index prod(shape[j+1:])
    out = []
    for j in range(len(shape)):
        q = iprod(fb, shape[j + 1:])
        off = 0
        rest = q
        for k in range(nd - 1, -1, -1):
            digit = _imod(fb, rest, old[k]) if k else rest
            rest = _idiv(fb, rest, old[k]) if k else 0
            off = iadd(fb, off, imul(fb, digit, st[k]))
        out.append(off)
    return ok, tuple(out)


def view_or_copy(tr, a: Arr, ok, shape: tuple, view_strides, loc) -> Arr:
    """`a` seen with `shape`: a view with `view_strides` (None: C-contiguous)
    where `ok`, else a C-contiguous copy of `a` reshaped."""
    fb = tr.fb
    if ok is True:
        return Arr(a.dtype, a.ptr, shape, view_strides, a.root, readonly=a.readonly)
    if ok is False:
        out = _copy(tr, a, a.shape, loc)
        return Arr(a.dtype, out.ptr, shape, None, out.root)
    # run time: the copy's loop is empty and its block empty when ok
    cshape = (isel(fb, ok, 0, a.shape[0]),) + tuple(a.shape[1:]) if a.ndim else ()
    out = _copy(tr, a, cshape, loc)
    ptr = isel(fb, ok, a.ptr, out.ptr)
    strides = None
    if view_strides is not None:
        cst = strides_of(fb, Arr(a.dtype, 0, shape))
        strides = tuple(isel(fb, ok, v, c) for v, c in zip(view_strides, cst))
    # a view of a read-only array is read-only, the copy writable: known at run time
    readonly = band(fb, ok, a.readonly) if a.readonly is not False else False
    return Arr(a.dtype, ptr, shape, strides, a.root, readonly=readonly)


def _copy(tr, a: Arr, count_shape, loc) -> Arr:
    """A C-contiguous copy of `a` (the loop runs over `count_shape`, which is
    a.shape or a.shape with 0 first: nothing to copy)."""
    fb = tr.fb
    out = alloc(tr, a.dtype, count_shape, loc)
    out = Arr(a.dtype, out.ptr, a.shape, None, out.root)
    plan = Plan(fb, a, a.shape)
    ost = strides_of(fb, out)

    def body(idx, cs):
        store(fb, out, idx, element(tr, a, idx, plan, loc), ost)
        return cs
    loop_nest(fb, count_shape, [], body, parallel=True)  # a fresh output
    return out
