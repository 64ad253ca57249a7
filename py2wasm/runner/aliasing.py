"""Arguments that share memory: NumPy's aliasing across the wasm ABI.

Place in the pipeline: runner (host side), used by `py2wasm.compile`'s
dispatch (api.py: which specialization), by the array callers
(runner/arrays.py, the generated fast path runner/arraygen.py) and by their
tests. It only looks at NumPy arrays.

The rule (docs/arrays.md, "Aliasing"): argument arrays whose memory may
overlap (`np.may_share_memory`: their byte bounds overlap) form a group. A
group is copied into linear memory ONCE, as the byte range that covers all
its members, and each member is passed as a strided view (address, shape,
strides) into that one copy; after the call the range is copied back once.
So a write through one parameter is seen through the others, exactly as in
NumPy. Such a call uses a specialization compiled for it
(`ArrayType.alias`: the members' group), in which the frontend gives the
members one memory root (its overlap decisions: `a[1:] = b[:-1] + 1`
computes the right side first) and the vectorizer does not assume the
parameters are separate blocks.

The test that decides "no overlap" is cheap: two distinct arrays that own
their data (`base is None`) never overlap; only views pay for
`np.may_share_memory` (a comparison of bounds).
"""
from __future__ import annotations

import ctypes
from typing import Optional, Sequence

import numpy as np

try:
    from numpy.lib.array_utils import byte_bounds
except ImportError:  # pragma: no cover - NumPy < 2
    byte_bounds = np.byte_bounds

may_share_memory = np.may_share_memory
_ndarray = np.ndarray


def overlap(a: np.ndarray, b: np.ndarray) -> bool:
    """Could the memory of arrays a and b overlap? (empty arrays never do)."""
    if a.base is None and b.base is None:
        return a is b and a.size > 0
    return bool(may_share_memory(a, b))


def overlap_groups(args: Sequence) -> Optional[tuple]:
    """Per argument: the index of the first argument of its group of
    top-level arrays whose memory overlaps (directly or through a chain),
    or None (not an array, or an array whose memory is its own); None when
    no two arguments overlap."""
    idx = [i for i, a in enumerate(args) if type(a) is _ndarray or isinstance(a, _ndarray)]
    if len(idx) < 2:
        return None
    parent = {i: i for i in idx}

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i
    found = False
    for x, i in enumerate(idx):
        for j in idx[x + 1:]:
            if overlap(args[i], args[j]):
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
                found = True
    if not found:
        return None
    roots = [find(i) if i in parent else None for i in range(len(args))]
    sizes: dict = {}
    for r in roots:
        if r is not None:
            sizes[r] = sizes.get(r, 0) + 1
    return tuple(r if r is not None and sizes[r] > 1 else None for r in roots)


def array_leaves(v, out: list) -> list:
    if isinstance(v, _ndarray):
        out.append(v)
    elif type(v) is tuple:
        for x in v:
            array_leaves(x, out)
    return out


def check_nested(args: Sequence) -> None:
    """Arrays inside tuple arguments are each copied on their own: refuse a
    call where one of them shares memory with another argument array
    (rather than answer differently from NumPy)."""
    if not any(type(a) is tuple for a in args):
        return
    nested = [x for a in args if type(a) is tuple for x in array_leaves(a, [])]
    if not nested:
        return
    every = array_leaves(tuple(args), [])
    for x in nested:
        for y in every:
            if (x is not y and overlap(x, y)) or (x is y and sum(z is x for z in every) > 1):
                raise ValueError(
                    "an array inside a tuple argument shares memory with another argument "
                    "array; py2wasm passes such arrays as separate copies: pass copies "
                    "(a.copy()) or pass the arrays as separate parameters")


def group_block(members: Sequence[np.ndarray]) -> tuple[int, int]:
    """(low, high) byte addresses of the caller's memory covering every
    member of a group; the members' ranges must chain into one interval
    (they overlap), so the whole range lies inside their shared buffer."""
    spans = sorted(byte_bounds(a) for a in members if a.size)
    if not spans:
        return 0, 0
    lo, hi = spans[0]
    for a, b in spans[1:]:
        if a >= hi:
            raise RuntimeError("the arguments of an aliasing group do not overlap "
                               "(a py2wasm bug: the specialization does not fit these arguments)")
        hi = max(hi, b)
    return lo, hi


def host_bytes(lo: int, hi: int, writeable: bool) -> np.ndarray:
    """A uint8 view of the caller's memory [lo, hi) (no copy)."""
    u8 = np.frombuffer((ctypes.c_ubyte * (hi - lo)).from_address(lo), np.uint8)
    if not writeable:
        u8.flags.writeable = False
    return u8


def member_layout(a: np.ndarray, lo: int) -> tuple[int, tuple]:
    """(byte offset of a[0, ..., 0] from `lo`, strides in elements)."""
    isz = a.itemsize
    if any(s % isz for s in a.strides):
        raise ValueError("an argument array whose strides are not multiples of its item size "
                         "shares memory with another argument: pass a copy")
    return a.__array_interface__["data"][0] - lo, tuple(s // isz for s in a.strides)


def guard_source(names: Sequence[str]) -> str:
    """A Python expression, over argument names bound to arrays, true when
    two of them may share memory (`_alias_overlap` must be `overlap`)."""
    return " or ".join(f"_alias_overlap({a}, {b})" for i, a in enumerate(names)
                       for b in names[i + 1:])
