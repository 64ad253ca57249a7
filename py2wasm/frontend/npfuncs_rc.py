"""`np.r_[...]` and `np.c_[...]` during tracing: NumPy's AxisConcatenator
(numpy/lib/_index_tricks_impl.py) step by step. Each item becomes an array:
a slice `a:b:s` is `np.arange(a, b, s)` (a complex step `5j` is a number of
points: `np.linspace(a, b, num=5)`), a number one element, an array itself
(np.c_: a 1-D one as a column); the result dtype is NumPy's result_type of
the arrays' dtypes and the numbers (Python numbers weakly, NEP 50, so
`np.r_[int8_array, 300]` raises NumPy's OverflowError); then one
concatenation, along the first axis (np.r_) or the last (np.c_, of at least
2-D items). String directives (`np.r_['0,2', ...]`) are refused.

Place in the pipeline: frontend value semantics, reached from
opcodes_subscripts (a subscript of the known `np.r_`/`np.c_` objects); the
arrays come from nplib's arange/linspace, npfuncs_create.array_from and
npfuncs_join.concatenate.
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from . import npscalars
from .values import E_UNSUPPORTED_CALL, error, scalar_type
from ..ir import BOOL, F64, I64


def is_concatenator(v) -> bool:
    """np.r_ or np.c_ (their classes, NumPy 2's module path)."""
    try:
        from numpy.lib._index_tricks_impl import CClass, RClass
    except ImportError:  # pragma: no cover - NumPy < 2
        return False
    return type(v) in (RClass, CClass)


_WEAK = {I64: 0, F64: 0.0, BOOL: False}  # a Python number's kind for result_type


def _name(v) -> str:
    from numpy.lib._index_tricks_impl import CClass
    return "np.c_" if type(v) is CClass else "np.r_"


def _range(tr, s: slice, loc, what):
    from . import nplib
    start = 0 if s.start is None else s.start
    step = 1 if s.step is None else s.step
    for x in (start, s.stop, step):
        if type(x) is complex:
            continue
        if A.is_array(x) or (scalar_type(x) is None and not npscalars.is_np(x)):
            raise error(loc, f"{what}: a slice bound of type {A._tn(x)} is not supported",
                        "use numbers", E_UNSUPPORTED_CALL)
    if type(start) is complex or type(s.stop) is complex:
        raise error(loc, f"{what}: complex slice bounds are not supported", "", E_UNSUPPORTED_CALL)
    if type(step) is complex:  # a number of points, the end included
        return nplib.call(tr, np.linspace, [start, s.stop], {"num": int(abs(step))}, loc)
    return nplib.call(tr, np.arange, [start, s.stop, step], {}, loc)


def getitem(tr, conc, key, loc):
    from .npfuncs_create import array_from
    from .npfuncs_join import concatenate
    what = _name(conc)
    if conc.matrix or conc.axis not in (0, -1):  # np.r_ / np.c_ only
        raise error(loc, f"{what} of this kind is not supported", "", E_UNSUPPORTED_CALL)
    items = key if isinstance(key, tuple) else (key,)
    objs, kinds = [], []  # an array, or a number to become one element
    for item in items:
        if isinstance(item, slice):
            a = _range(tr, item, loc, what)
            objs.append(a)
            kinds.append(np.dtype(a.dtype))
        elif isinstance(item, str):
            raise error(loc, f"{what} with a string directive is not supported",
                        "use np.concatenate / np.stack with axis=", E_UNSUPPORTED_CALL)
        elif npscalars.is_np(item):
            objs.append(item)
            kinds.append(np.dtype(npscalars.dtype_name(item)))
        elif not A.is_array(item) and scalar_type(item) in _WEAK:
            objs.append(item)
            kinds.append(_WEAK[scalar_type(item)])
        elif A.is_array(item) and item.dtype in A.DTYPES:
            a = A.materialize(tr, item, loc)
            objs.append(a)
            kinds.append(np.dtype(a.dtype))
        else:
            raise error(loc, f"{what} of a {A._tn(item)} is not supported",
                        "pass arrays, numbers and slices", E_UNSUPPORTED_CALL)
    if not objs:
        raise error(loc, f"{what}[()] is not supported", "", E_UNSUPPORTED_CALL)
    final = np.result_type(*kinds).name
    if final not in A.DTYPES:
        raise error(loc, f"{what} with a {final} result is not supported", "", E_UNSUPPORTED_CALL)
    column = conc.axis == -1  # np.c_: ndmin=2, a 1-D item (or a range) as a column
    arrs = []
    for x in objs:
        if A.is_array(x):
            if x.dtype != final:
                x = A.materialize(tr, A.astype_node(x, final), loc)
        else:
            x = array_from(tr, (npscalars.demote(x, tr.fb, loc),), final, loc)
        if column and x.ndim == 1:
            from .array_shapes import reshape
            x = reshape(tr, x, (-1, 1), loc)
        arrs.append(x)
    return concatenate(tr, tuple(arrs), conc.axis, loc, name=what[3:])
