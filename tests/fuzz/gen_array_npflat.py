"""Weighted averages and the flat view for `gen_array.ArrayGen` (twelfth
session; frontend/npfuncs_pysource.py `average`, frontend/array_flat.py,
npfuncs_indices.item): `np.average(m, axis=, weights=w)` of a 2-D array
(w's length maybe not the axis's: NumPy's ValueError; a zero sum:
ZeroDivisionError) and `np.average(w)`, `a * m.flat[i]` (a NumPy scalar),
`a + m.item(i)` (a Python number; i maybe out of bounds: NumPy's IndexError
"out of bounds for size"), `a.flat[i::k]` (a copy). `--exclude npflat`
leaves these out.
"""
from __future__ import annotations

import ast

import numpy as np

from .gen_scalar import INT, L, const
from .program import T


def _np(f, args, t, keywords=()):
    from .gen_array import np_call
    return np_call(f, args, t, keywords)


# NumPy's result types, asked with module-level functions (gen_array caches by function)
def _average0(x, w):
    return np.average(x, axis=0, weights=w)


def _average1(x, w):
    return np.average(x, axis=-1, weights=w)


def _average_whole(x, w):
    return x + np.average(w)


def _times_flat(x, m):
    return x * m.flat[0]


def _plus_item(x, m):
    return x + m.item(0)


def _flat_and_item(g, d, r):
    """`a * m.flat[i]` (a NumPy scalar) or `a + m.item(i)` (a Python number):
    i maybe out of bounds."""
    from .gen_array import result_type
    a, m = g.arr_expr(d, 1), g.arr_expr(d, 2)
    if a._t[2] != 1 or m._t[2] != 2:
        return None
    i = const(r.choice([0, 1, -1, 5, -7]), INT) if r.random() < 0.7 else g.expr(INT, 1)
    if r.random() < 0.5:
        rt = result_type(_times_flat, a._t, m._t)
        el = ast.Subscript(ast.Attribute(m, "flat", L), i, L)
        return T(ast.BinOp(a, ast.Mult(), el), rt) if rt else None
    rt = result_type(_plus_item, a._t, m._t)
    el = ast.Call(ast.Attribute(m, "item", L), [i], [])
    return T(ast.BinOp(a, ast.Add(), el), rt) if rt else None


def _average(g, d, r):
    """np.average of a 2-D array along an axis, weighted by a 1-D array
    (its length maybe not the axis's: NumPy's ValueError; a zero sum:
    ZeroDivisionError), or a 1-D array plus a whole average."""
    from .gen_array import result_type
    a, w = g.arr_expr(d, 2), g.arr_expr(d, 1)
    if a._t[2] != 2 or w._t[2] != 1:
        return None
    u = r.random()
    if u < 0.2:
        x = g.arr_expr(d, 1)
        if x._t[2] != 1:
            return None
        rt = result_type(_average_whole, x._t, w._t)
        return T(ast.BinOp(x, ast.Add(), _np("average", [w], w._t)), rt) if rt else None
    fn, ax = (_average0, 0) if u < 0.6 else (_average1, -1)
    rt = result_type(fn, a._t, w._t)
    if rt is None:
        return None
    kws = [ast.keyword("axis", const(ax, INT)), ast.keyword("weights", w)]
    return _np("average", [a], rt, kws)


def extra_expr(g, d, want_nd):
    from .gen_array import A
    r = g.rng
    if want_nd not in (None, 1):
        return None
    u = r.random()
    if u < 0.4:
        return _average(g, d, r)
    if u < 0.75:
        return _flat_and_item(g, d, r)
    a = g.arr_expr(d, None)  # a flat slice: a copy
    sl = ast.Slice(const(r.choice([0, 1, -3]), INT) if r.random() < 0.7 else g.expr(INT, 1),
                   None, const(r.choice([1, 2, -1]), INT) if r.random() < 0.5 else None)
    return T(ast.Subscript(ast.Attribute(a, "flat", L), sl, L), A(a._t[1], 1))
