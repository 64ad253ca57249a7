"""`np.piecewise(x, condlist, funclist)` and `np.select(condlist,
choicelist, default)` during tracing. piecewise: conditions are
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
select: NumPy's result type of the choices and the default (Python numbers
weakly), the default cast to it as `np.full` does (C's cast), then the
choices written where their condition holds, the first condition winning:
nested `np.where`s from the last pair; NumPy's ValueError and TypeError for
mismatched lists and non-boolean conditions.
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


def select(tr, loc, condlist, choicelist, default):
    from . import npscalars
    from .values import scalar_type
    conds, choices = _seq(condlist), _seq(choicelist)
    if conds is None or choices is None:
        raise _unsupported(loc, "select of a condlist or choicelist that is not a list",
                           "pass lists of arrays")
    if len(conds) != len(choices):
        raise TraceRaise("ValueError", "list of cases must be same length as list of conditions")
    if not conds:
        raise TraceRaise("ValueError", "select with an empty condition list is not possible")
    kinds = []
    for v in choices + [default]:
        v = A.unlist(v)
        if is_array(v):
            kinds.append(np.dtype(v.dtype))
        elif npscalars.is_np(v):
            kinds.append(np.dtype(npscalars.dtype_name(v)))
        elif not isinstance(v, tuple) and scalar_type(v) is not None:
            kinds.append(_weak(v))  # a Python number: its kind only (NEP 50)
        else:
            raise _unsupported(loc, f"select with a {A._tn(v)} choice",
                               "pass arrays or numbers")
    dt = np.result_type(*kinds).name
    if dt not in A.DTYPES:
        raise _unsupported(loc, f"select with a {dt} result", "")
    for i, c in enumerate(conds):
        if not is_array(c) or c.dtype != "bool":
            raise TraceRaise("TypeError", f"invalid entry {i} in condlist: should be boolean "
                             "ndarray")
    def as_dt(v):  # NumPy broadcasts every choice to an array: a Python number becomes
        v = A.unlist(v)  # its int64/float64/bool array, then cast (C's cast) to dt
        if is_array(v):
            return A.astype_node(v, dt) if v.dtype != dt else v
        if not npscalars.is_np(v):
            v = npscalars.make(_weak_dtype(v), v)
        return npscalars.cast_to(tr.fb, v, dt, loc)
    acc = as_dt(default)
    for c, x in reversed(list(zip(conds, choices))):
        acc = A.where_node(tr, c, as_dt(x), acc, loc)
    return A.astype_node(acc, dt) if acc.dtype != dt else acc


def _weak_dtype(v) -> str:
    from ..ir import BOOL, I64
    from .values import scalar_type
    t = scalar_type(v)
    return "bool" if t is BOOL else "int64" if t is I64 else "float64"


def _weak(v):
    from ..ir import BOOL, I64
    from .values import scalar_type
    t = scalar_type(v)
    return False if t is BOOL else 0 if t is I64 else 0.0


def FUNCS(REQ):
    return {"piecewise": (None, piecewise),
            "select": ([("condlist", REQ), ("choicelist", REQ), ("default", 0)], select)}
