"""The linear-memory layout of an argument array that is not C-contiguous.

Place in the pipeline: runner (host side), used by `runner.arrays` for
parameters of type `ArrayType(..., strided=True)` (py2wasm.compile
specializes on C order or not; `py2wasm build` packages only take
C-contiguous data).

NumPy decides view-or-copy from an array's strides (`reshape`, `ravel`,
`ascontiguousarray`; a transposed Fortran array is C-contiguous), so the
compiled code must see the argument's layout, not a C-ordered copy of it.
Copying the caller's whole buffer would be wasteful (`a[::1000]`), so the
argument is copied into a compact layout with the same *structure*: the
axes keep their order by stride magnitude and their signs, and between
axes neighbouring in that order, a dense step (|stride| equal to the size
times |stride| of the axis below) stays dense while any other step gets a
gap of one element. Every relation NumPy's flags and reshape test
(stride[i] == size[j] * stride[j], unit last stride) is kept, and the
layout is at most a few elements larger than the array. Axes of size 1 get
stride 0 (NumPy ignores their strides). A broadcast axis (stride 0) gets
memory of its own, like any axis (relations between stride-0 axes hold in
both layouts): a read-only argument stays a private copy of its values.
"""
from __future__ import annotations

import numpy as np


def compact_layout(a: np.ndarray) -> tuple[tuple[int, ...], int, int]:
    """(element strides, element offset of a[0, ..., 0] from the block's
    start, block size in elements) of `a`'s compact layout."""
    isz = a.itemsize
    out = [0] * a.ndim
    axes = sorted((k for k in range(a.ndim) if a.shape[k] > 1),
                  key=lambda k: (abs(a.strides[k]), k))
    below_bytes = below_elems = None  # |stride| * size of the previous axis, in both layouts
    for k in axes:
        s = abs(a.strides[k])
        if below_bytes is None:
            e = 1 if s == isz else 2
        else:
            e = below_elems if s == below_bytes else below_elems + 1
        out[k] = e if a.strides[k] > 0 else -e
        below_bytes, below_elems = s * a.shape[k], e * a.shape[k]
    if a.size == 0:
        return tuple(out), 0, 0
    offset = sum((n - 1) * -s for n, s in zip(a.shape, out) if s < 0)
    span = 1 + sum((n - 1) * abs(s) for n, s in zip(a.shape, out))
    return tuple(out), offset, span


def view_in(buf: np.ndarray, addr: int, shape, dtype, strides) -> np.ndarray:
    """The array of `dtype` and `shape` whose element [0, ..., 0] is at byte
    `addr` of the uint8 array `buf`, with element `strides`: the compiled
    code's view of the argument."""
    isz = np.dtype(dtype).itemsize
    return np.ndarray(tuple(shape), dtype=dtype, buffer=buf, offset=addr,
                      strides=tuple(s * isz for s in strides))
