"""Boolean masks and integer-array (fancy) indexing of complex arrays:
`z[np.abs(z) > 1]`, `z[[0, 2]]`, `f[np.abs(freqs) > f0] = 0` (the FFT
filter), `z[idx] = w`.

Place in the pipeline: frontend value semantics, called by
`array_indexing.getitem`/`setitem` for a complex array with such a key. A
complex array is its parts' array with one more axis: NumPy's interleaved
memory read as float64 (float32 for complex64) of shape `a.shape + (2,)`.
The key, with a full slice added for that axis, goes to the real indexing
code (frontend/indexing_fancy.py and the mask paths: NumPy's bounds checks,
broadcasting and errors); a result is a fresh C-ordered pair array read
back as complex, a value is cast to a's dtype (a number through
`np.full`) and indexed the same way, so each element moves as its two parts.
"""
from __future__ import annotations

from . import arrays as A
from .complex_arrays import CX_PART


def pairs(tr, a):
    """The parts' view of the complex array `a`: shape a.shape + (2,)."""
    fb = tr.fb
    a = A.materialize(tr, a, None)
    st = A.strides_of(fb, a)
    return A.Arr(CX_PART[a.dtype], a.ptr, tuple(a.shape) + (2,),
                 tuple(A.imul(fb, s, 2) for s in st) + (1,), a.root, readonly=a.readonly)


def _key(key) -> tuple:
    """`key` indexing a's axes, then all of the parts' axis."""
    return (key if isinstance(key, tuple) else (key,)) + (slice(None),)


def getitem(tr, a, key, loc):
    from . import array_assign
    from .array_indexing import getitem as real_getitem
    r = real_getitem(tr, pairs(tr, a), _key(key), loc)
    if r.strides is not None:  # a new C-ordered array of pairs
        r = array_assign.copy(tr, r, loc)
    return A.Arr(a.dtype, r.ptr, tuple(r.shape[:-1]), None, r.root)


def setitem(tr, a, key, value, loc):
    from .array_indexing import _is_mask, _mask_check, mask_value, setitem as real_setitem
    from .npfuncs_create import full
    if _is_mask(key):  # NumPy's checks of a mask and its values (the real path's)
        _mask_check(tr, a, key, loc)
        if A.is_array(value):
            value = mask_value(tr, a, A.materialize(tr, key, loc), value, loc)
    if A.is_array(value):
        v = value if value.dtype == a.dtype else A.astype_node(value, a.dtype)
        v = A.materialize(tr, v, loc)
    else:  # a number, complex or real: one element of a's dtype
        v = full(tr, (1,), value, a.dtype, loc)
    real_setitem(tr, pairs(tr, a), _key(key), pairs(tr, v), loc)
