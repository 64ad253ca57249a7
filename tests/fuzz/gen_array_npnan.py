"""NaN-aware NumPy functions for `gen_array.ArrayGen` (frontend/npfuncs_nan.py,
npfuncs_close.py, array_builtins.py): array expressions `np.isclose(a, b,
rtol=, atol=, equal_nan=)`, `np.nan_to_num(a, nan=, posinf=, neginf=)`,
`np.nancumsum/nancumprod` (flattened or along an axis) and the nan*
reductions of 2-D arrays along an axis; scalar expressions `np.nansum
nanprod nanmean nanvar nanstd nanmax nanmin` of whole arrays, `np.nanargmax
nanargmin` (NumPy's "All-NaN slice encountered" and empty-array ValueErrors),
`np.allclose array_equal array_equiv` (a Python bool), and the builtins
`max(a)`, `min(a)` (CPython's empty-sequence ValueError) and
`sum(a, np.float64(0))` over 1-D arrays, `np.cumulative_sum/cumulative_prod`
(`axis=`, `include_initial=`) and `np.finfo(a.dtype).eps` (`--exclude npnan`
leaves these out).

Result types are NumPy's own (`gen_array.result_type`). nanmax/nanmin are
`fmax.reduce`/`fmin.reduce`: their -0.0/+0.0 ties follow docs/arrays.md's
rule (the running result), modelled by `_r_nanmax`/`_r_nanmin`.
"""
from __future__ import annotations

import ast

import numpy as np

from .gen_scalar import BOOL, FLOAT, INT, L, const
from .program import T

_FLOATS = ("float64", "float32")


def _kw(k, v):
    return ast.keyword(k, v)


def _np(fname, args, t, keywords=(), **marks):
    from .gen_array import np_call
    return np_call(fname, args, t, keywords, **marks)


def _pick(g, pred):
    from .gen_scalar import name
    cands = [(n, t) for n, t in g.arrays.items() if pred(t)]
    if not cands:
        return None
    n, t = g.rng.choice(cands)
    return name(n, t)


# -- reference helpers (docs/arrays.md: zero ties keep the running result) ----------------

def _r_nanmax(a, axis=None, keepdims=False):
    from .reference import _first_zero_rule
    return _first_zero_rule(a, np.nanmax(a, axis=axis), axis, True) if not keepdims else \
        np.nanmax(a, axis=axis, keepdims=True)


def _r_nanmin(a, axis=None, keepdims=False):
    from .reference import _first_zero_rule
    return _first_zero_rule(a, np.nanmin(a, axis=axis), axis, True) if not keepdims else \
        np.nanmin(a, axis=axis, keepdims=True)


# -- array expressions ------------------------------------------------------------------------

def extra_expr(g, d, want_nd):
    from .gen_array import A, result_type
    r = g.rng
    k = r.randrange(5)
    if k == 4:  # cumulative_sum / cumulative_prod (NumPy 2.1+), include_initial=
        a = g.arr_expr(d)
        if a._t[1] == "uint64" or not hasattr(np, "cumulative_sum"):
            return None
        f = r.choice(["cumulative_sum", "cumulative_prod"])
        ax = r.choice([0, -1]) if a._t[2] == 2 or r.random() < 0.5 else None
        kws = [_kw("axis", const(ax, INT))] if ax is not None else []
        if r.random() < 0.5:
            kws.append(_kw("include_initial", const(r.random() < 0.5, BOOL)))
        rt = result_type(lambda x: getattr(np, f)(x, axis=0), a._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        return _np(f, [a], rt, kws)
    if k == 0:  # isclose
        a = g.arr_expr(d, want_nd)
        if a._t[1] not in _FLOATS + ("int64", "int32", "uint8", "bool"):
            return None
        b = g.arr_expr(d, a._t[2]) if r.random() < 0.6 else g.expr(FLOAT, 2)
        if b._t not in (FLOAT, INT) and b._t[1] not in _FLOATS + ("int64", "int32", "uint8",
                                                                   "bool"):
            return None
        kws = []
        if r.random() < 0.5:
            kws.append(_kw("rtol", const(r.choice([0.0, 1e-3, 0.1, 1.0]), FLOAT)))
        if r.random() < 0.5:
            kws.append(_kw("atol", const(r.choice([0.0, 1e-8, 0.5]), FLOAT)))
        if r.random() < 0.5:
            kws.append(_kw("equal_nan", const(r.random() < 0.5, BOOL)))
        rt = result_type(lambda x, y: np.isclose(x, y), a._t, b._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        return _np("isclose", [a, b], rt, kws)
    if k == 1:  # nan_to_num
        a = g.arr_expr(d, want_nd)
        if a._t[1] == "uint64":
            return None
        kws = []
        for kw, vals in (("nan", [0.0, -1.0, 2.5]), ("posinf", [1e300, 7.0, -0.0]),
                         ("neginf", [-1e300, -7.0, 0.0])):
            if r.random() < 0.35:
                kws.append(_kw(kw, const(r.choice(vals), FLOAT)))
        return _np("nan_to_num", [a], a._t, kws)
    if k == 2:  # nancumsum / nancumprod
        a = g.arr_expr(d)
        if a._t[1] == "uint64":
            return None
        f = r.choice(["nancumsum", "nancumprod"])
        kws = []
        if a._t[2] == 2 and r.random() < 0.6:
            kws.append(_kw("axis", const(r.choice([0, 1, -1]), INT)))
        rt = result_type(lambda x: getattr(np, f)(x, **({"axis": 0} if kws else {})), a._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        return _np(f, [a], rt, kws)
    # a nan* reduction of a 2-D array along an axis
    if want_nd not in (None, 1):
        return None
    a = g.arr_expr(d, 2)
    if a._t[2] != 2 or a._t[1] in ("uint64",):
        return None
    f = r.choice(["nansum", "nanmean", "nanvar", "nanstd", "nanmax", "nanmin", "nanprod",
                  "nanmax", "nanmin"])
    ax = r.choice([0, 1, -1])
    kws = [_kw("axis", const(ax, INT))]
    if f in ("nanvar", "nanstd") and r.random() < 0.5:
        kws.append(_kw("ddof", const(1, INT)))
    rt = result_type(lambda x: getattr(np, f)(x, axis=ax), a._t)
    if rt is None or a._t[1] == "uint8" and f in ("nansum", "nanprod"):
        return None
    marks = {"refcall": "_r_" + f} if f in ("nanmax", "nanmin") else {}
    return _np(f, [a], rt, kws, **marks)


# -- scalar expressions -----------------------------------------------------------------------

def extra_scalar(g, t):
    r = g.rng
    if t == FLOAT:
        k = r.randrange(4)
        if k == 3:  # np.finfo(a.dtype).eps: a constant of the float dtype
            a = _pick(g, lambda at: at[1] in _FLOATS)
            if a is None:
                return None
            info = _np("finfo", [T(ast.Attribute(a, "dtype", L), "dt")], "finfo")
            return T(ast.Attribute(info, r.choice(["eps", "tiny", "resolution"]), L), FLOAT,
                     refwrap="_s")
        if k == 0:  # sum(a, np.float64(0)) over a 1-D array: np.float64 whatever the dtype
            a = _pick(g, lambda at: at[2] == 1 and at[1] != "uint64")
            if a is None:
                return None
            start = ast.Call(ast.Attribute(ast.Name("np", L), "float64", L),
                             [const(0, INT)], [])
            start._t = "npf"
            return T(ast.Call(ast.Name("sum", L), [a, start], []), FLOAT, refwrap="_s")
        if k == 1:  # max(a) / min(a) of a 1-D float array
            a = _pick(g, lambda at: at[2] == 1 and at[1] in _FLOATS)
            if a is None:
                return None
            return T(ast.Call(ast.Name(r.choice(["max", "min"]), L), [a], []), FLOAT,
                     refwrap="_s")
        a = _pick(g, lambda at: at[1] in _FLOATS)
        if a is None:
            return None
        f = r.choice(["nansum", "nanmean", "nanvar", "nanstd", "nanmax", "nanmin", "nanprod",
                      "nanmax", "nanmin"])
        if f == "nanprod" and a._t[2] != 1:
            f = "nansum"
        kws = [_kw("ddof", const(1, INT))] if f in ("nanvar", "nanstd") and \
            r.random() < 0.4 else []
        marks = {"refcall": "_r_" + f} if f in ("nanmax", "nanmin") else {}
        return _np(f, [a], FLOAT, kws, refwrap="_s", **marks)
    if t == INT:
        a = _pick(g, lambda at: at[1] in _FLOATS + ("int64",))
        if a is None:
            return None
        f = r.choice(["nanargmax", "nanargmin"] + (["nansum"] if a._t[1] == "int64" else []))
        kws = []
        if f != "nansum" and a._t[2] == 2 and r.random() < 0.3:
            return None  # (an axis gives an array: see extra_expr)
        return _np(f, [a], INT, kws, refwrap="_s")
    if t == BOOL:
        a = _pick(g, lambda at: at[1] != "uint64")
        if a is None:
            return None
        b = _pick(g, lambda bt: bt[2] == a._t[2] and bt[1] != "uint64")
        f = r.choice(["allclose", "array_equal", "array_equiv"])
        kws = []
        if f in ("allclose", "array_equal") and r.random() < 0.5:
            kws.append(_kw("equal_nan", const(r.random() < 0.5, BOOL)))
        return _np(f, [a, b], BOOL, kws)
    return None
