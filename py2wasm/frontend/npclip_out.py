"""`np.clip(a, a_min, a_max, out=o)`: NumPy's clip ufunc with an output
array. The clipped expression (`nplib.clip`, NumPy 2's `_clip` rules) is
checked as NumPy checks a ufunc's `out=` (the output takes part in
broadcasting and must have the broadcast shape: NumPy's "non-broadcastable
output operand" ValueError, at run time when shapes are known only then;
the result dtype must cast to out's under 'same_kind': NumPy's
UFuncTypeError text, a P2W003 as for every ufunc's out=), then written into
`o` (overlap with `a` handled by `array_assign`), and `o` is returned.

Place in the pipeline: frontend value semantics, called by `nplib.call` for
`np.clip(..., out=)`.
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from . import array_assign
from .arrays import Arr, known
from .values import E_TYPE, TraceRaise, error


def clip_out(tr, a, lo, hi, out, loc):
    from .nplib import clip
    if isinstance(out, tuple) and len(out) == 1:
        out = out[0]
    if not isinstance(out, Arr):
        raise error(loc, "numpy.clip out= must be an array", "pass an array", E_TYPE)
    fb = tr.fb
    # NumPy broadcasts the three operands and out together (its message lists four shapes)
    from .npfuncs_create import as_array
    a = as_array(tr, a, loc)
    A.broadcast_shapes(fb, [A.shape_of(x) for x in (a, lo, hi) if x is not None] + [out.shape],
                       loc)
    node = clip(tr, a, lo, hi, loc)
    shape = A.broadcast_shapes(fb, [A.shape_of(node), out.shape], loc)
    bad = len(shape) > out.ndim
    if not bad:
        for s, o in zip(shape[::-1], out.shape[::-1]):
            if s is not o and not (known(s) and known(o) and s == o):
                bad = A.bor(fb, bad, A.icmp(fb, "ne", s, o))
    if bad is not False:
        args: list = []
        msg = ("non-broadcastable output operand with shape " + A._fmt_shape(out.shape, args)
               + " doesn't match the broadcast shape " + A._fmt_shape(shape, args))
        if bad is True and not args:
            raise TraceRaise("ValueError", msg)
        fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                      + [A.ic(fb, x) for x in args], {"exc": "ValueError", "msg": msg}, loc=loc)
    dt = A.dtype_of(node) if A.is_array(node) else out.dtype
    if not np.can_cast(dt, out.dtype, "same_kind"):
        raise error(loc, f"Cannot cast ufunc 'clip' output from dtype('{dt}') to "
                    f"dtype('{out.dtype}') with casting rule 'same_kind'",
                    "NumPy raises UFuncTypeError here; use astype()", E_TYPE)
    array_assign.assign(tr, out, node, loc)
    return out
