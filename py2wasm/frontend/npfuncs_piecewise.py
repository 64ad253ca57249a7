"""`np.piecewise(x, condlist, funclist)` during tracing: conditions are
boolean arrays (a list or tuple; one condition alone too), functions are
numbers or traced functions (lambdas, defs, NumPy ufuncs) called on the
selected elements.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(one `FUNCS.update` line). NumPy's Python (numpy/lib/_function_base_impl.py)
step by step: one function more than conditions adds the "otherwise"
condition (no earlier condition true), `y = zeros_like(x)`, then for each
pair in order `y[cond] = value` or `y[cond] = func(x[cond])` when any
element is selected (so later conditions win, and a function is not called
on an empty selection), with NumPy's casting into x's dtype. Its ValueError
for mismatched counts is raised when compiling (the counts are known).
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .arrays import is_array
from .npfuncs_sort import as_arr
from .values import E_UNSUPPORTED_CALL, TraceRaise, error


def _unsupported(loc, what, hint):
    return error(loc, f"numpy.{what} is not supported", hint, E_UNSUPPORTED_CALL)


def _seq(v):
    if isinstance(v, A.ListLit):
        return list(v.items)
    if type(v) is tuple:
        return list(v)
    return None


def piecewise(tr, args, kwargs, loc):
    from . import nplib
    from .array_indexing import getitem, setitem
    if len(args) != 3 or kwargs:
        raise _unsupported(loc, "piecewise with extra arguments for the functions",
                           "use lambdas that pass them")
    x, condlist, funclist = args
    x = as_arr(tr, A.unlist(x), loc, "x")
    if x.ndim == 0:
        raise _unsupported(loc, "piecewise of a 0-d array", "pass an array")
    conds = _seq(condlist)
    if conds is None or (conds and not all(is_array(c) for c in conds)):
        conds = [condlist]  # NumPy: a single condition array
    funcs = _seq(funclist)
    if funcs is None:
        raise _unsupported(loc, "piecewise with a funclist that is not a list",
                           "pass a list of numbers and functions")
    for c in conds:
        if not is_array(c) or c.dtype != "bool":
            raise _unsupported(loc, "piecewise with a condition that is not a boolean array",
                               "pass comparisons of x, e.g. [x < 0, x >= 0]")
    n, n2 = len(conds), len(funcs)
    if n == n2 - 1:
        other = None
        for c in conds:
            other = c if other is None else nplib.call(tr, np.logical_or, [other, c], {}, loc)
        conds = conds + [nplib.call(tr, np.logical_not, [other], {}, loc) if other is not None
                         else nplib.call(tr, np.ones_like, [x], {"dtype": bool}, loc)]
        n += 1
    elif n != n2:
        raise TraceRaise("ValueError", f"with {n} condition(s), either {n} or {n + 1} functions "
                         "are expected")
    conds = [A.materialize(tr, c, loc) for c in conds]
    y = nplib.call(tr, np.zeros_like, [x], {}, loc)
    from .calls import call_value
    from .npfuncs_create import _when_length
    for cond, func in zip(conds, funcs):
        if not callable(func):
            setitem(tr, y, cond, func, loc)
            continue
        vals = getitem(tr, x, cond, loc)

        def body(func=func, vals=vals, cond=cond):
            setitem(tr, y, cond, call_value(tr, func, [vals], {}, loc), loc)
        _when_length(tr, vals.shape[0], 1, body, loc)
    return y


def FUNCS(REQ):
    return {"piecewise": (None, piecewise)}
