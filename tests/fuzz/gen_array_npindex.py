"""Index and set constructs for `gen_array.ArrayGen` (ninth session, the
npindex family): `np.flatnonzero`, `np.isin` (invert=), `np.union1d
intersect1d setdiff1d setxor1d` (with `return_indices=`), `np.take_along_axis`
over a stable argsort, `m[np.ix_(r, c)]`, `m[np.triu_indices_from(m, k)]` /
`tril`, `np.unravel_index` / `np.ravel_multi_index` (modes) of nonzero
positions, `np.<ufunc>.reduceat`, `np.apply_along_axis` (a NumPy reduction
or a lambda), `np.piecewise` (a number and a lambda); statements: `np.put_along_axis`, writes through `np.ix_`,
`np.diag_indices_from`, `np.triu_indices_from` (`--exclude npindex_array`
leaves these out).

Set results are written `np.union1d(a, b) + 0`: a set holding both 0.0 and
-0.0 keeps whichever NumPy's (unstable, CPU-dependent) sort puts first
(docs/arrays.md), and `+ 0` makes that zero +0.0 on both sides. logspace /
geomspace are not generated: their values are np.power's, within py2wasm's
documented 1 ulp of glibc's pow. Result types are NumPy's own
(`gen_array.result_type`); what NumPy rejects for every value is not
generated, nor what py2wasm refuses (setdiff1d of a signed int with uint64).
"""
from __future__ import annotations

import ast
import copy

import numpy as np

from .gen_array_more import _int_array_lit, _np_attr
from .gen_scalar import BOOL, INT, L, S, const
from .program import T

_SETS = ("union1d", "intersect1d", "setdiff1d", "setxor1d")


def _kw(k, v):
    return ast.keyword(k, v)


def _exact_cmp(ta, tb):
    """py2wasm compares the operands exactly (NumPy does): not a signed int
    with uint64 (whose common type is float64)."""
    ints = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool")
    if ta[1] in ints and tb[1] in ints:
        return np.result_type(ta[1], tb[1]).kind != "f"
    return ta[1] not in ("complex128", "complex64") and tb[1] not in ("complex128", "complex64")


def _call(fname, args, t, keywords=()):
    return T(ast.Call(_np_attr(fname), list(args), list(keywords)), t)


def _stable_argsort(a, ax):
    kws = [_kw("kind", T(ast.Constant("stable"), "str"))]
    if ax is not None:
        kws.append(_kw("axis", const(ax, INT)))
    return _call("argsort", [a], ("arr", "int64", a._t[2]), kws)


def extra_expr(g, d, want_nd):
    from .gen_array import A, result_type
    r = g.rng
    k = r.randrange(11)
    if k == 10:  # piecewise: a number and a lambda (NumPy casts into x's dtype)
        a = g.arr_expr(d, want_nd)
        if a._t[1] in ("complex128", "complex64"):
            return None
        c = const(r.choice([0, 1, 2]), INT)
        f = ast.parse("lambda v: v * 2", mode="eval").body
        cond = T(ast.Compare(copy.deepcopy(a), [ast.Gt()], [c]), ("arr", "bool", a._t[2]))
        v = const(r.choice([0, 3, 1]), INT)
        fl = [T(f, "fn"), v] if r.random() < 0.5 else [v, T(f, "fn")]
        return _call("piecewise", [a, ast.List([cond], L), ast.List(fl, L)], a._t)
    if k == 8 and want_nd in (None, 1):  # ufunc.reduceat
        a = g.arr_expr(d, 1)
        uf = r.choice(["add", "maximum", "minimum", "multiply", "fmax"])
        if a._t[2] != 1 or a._t[1] in ("complex128", "complex64"):
            return None
        rt = result_type(lambda x: getattr(np, uf).reduceat(x, [0]), a._t)
        if rt is None:
            return None
        node = ast.Call(ast.Attribute(_np_attr(uf), "reduceat", L),
                        [a, _int_array_lit(g, r.randint(1, 4))], [])
        return T(node, rt)
    if k == 9:  # apply_along_axis of a reduction or a lambda
        a = g.arr_leaf(2)
        if a._t[2] != 2 or a._t[1] in ("complex128", "complex64"):
            return None
        ax = r.choice([0, 1, -1])
        fn = r.choice(["sum", "max", "mean", "lambda"])
        if fn == "lambda":
            f = ast.parse("lambda v: v[0] - v[-1]", mode="eval").body
            rt = result_type(lambda x: np.apply_along_axis(lambda v: v[0] - v[-1], ax, x), a._t)
        else:
            f = _np_attr(fn)
            rt = result_type(lambda x: np.apply_along_axis(getattr(np, fn), ax, x), a._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        return _call("apply_along_axis", [T(f, "fn"), const(ax, INT), a], rt)
    if k == 0 and want_nd in (None, 1):
        a = g.arr_expr(d, None)
        if a._t[1] in ("complex128", "complex64"):
            return None
        return _call("flatnonzero", [a], A("int64", 1))
    if k == 1:
        a = g.arr_expr(d, want_nd)
        b = g.arr_expr(d, None) if r.random() < 0.7 else T(ast.List(
            [const(r.choice([0, 1, 2, -1, 3]), INT) for _ in range(r.randint(0, 3))], L), A("int64", 1))
        if a._t[1] in ("complex128", "complex64") or b._t[1] in ("complex128", "complex64"):
            return None
        kws = [_kw("invert", const(True, BOOL))] if r.random() < 0.4 else []
        return _call("isin", [a, b], A("bool", a._t[2]), kws)
    if k == 2 and want_nd in (None, 1):
        a = g.arr_expr(d, None)
        b = g.arr_expr(d, None)
        fn = r.choice(_SETS)
        if fn == "setdiff1d" and not _exact_cmp(a._t, b._t):
            return None
        if fn == "intersect1d" and r.random() < 0.6:
            j = r.choice([1, 2])
            node = _call(fn, [a, b], "tuple", [_kw("return_indices", const(True, BOOL))])
            return T(ast.Subscript(node, const(j, INT), L), A("int64", 1))
        rt = result_type(lambda x, y: getattr(np, fn)(x, y) + 0, a._t, b._t)
        if rt is None:
            return None
        return T(ast.BinOp(_call(fn, [a, b], "set"), ast.Add(), const(0, INT)), rt)
    if k == 3:
        a = g.arr_expr(d, want_nd)
        if a._t[1] in ("complex128", "complex64"):
            return None
        ax = r.choice([0, -1]) if a._t[2] == 1 else r.choice([0, 1, -1])
        a2 = copy.deepcopy(a)
        return _call("take_along_axis", [a, _stable_argsort(a2, ax)], a._t,
                     [_kw("axis", const(ax, INT))])
    if k == 4:
        a = g.arr_expr(d, want_nd)
        keys = [_int_array_lit(g, r.randint(1, 3)) for _ in range(a._t[2])]
        return T(ast.Subscript(a, _call("ix_", keys, "idx"), L), a._t)
    if k == 5 and want_nd in (None, 1):
        a = g.arr_leaf(2)
        if a._t[2] != 2:
            return None
        fn = r.choice(["triu_indices_from", "tril_indices_from"])
        kws = [_kw("k", const(r.choice([-1, 1, 2]), INT))] if r.random() < 0.5 else []
        return T(ast.Subscript(a, _call(fn, [copy.deepcopy(a)], "idx", kws), L), A(a._t[1], 1))
    if k == 6 and want_nd in (None, 1):
        a = g.arr_expr(d, None)
        shape = ast.Tuple([const(v, INT) for v in r.choice([(2, 3), (3, 2, 2), (7,)])], L)
        pos = _call("flatnonzero", [a], A("int64", 1))
        kws = [_kw("order", T(ast.Constant("F"), "str"))] if r.random() < 0.3 else []
        j = r.randrange(len(shape.elts))
        return T(ast.Subscript(_call("unravel_index", [pos, shape], "tuple", kws), const(j, INT), L),
                 A("int64", 1))
    if k == 7 and want_nd in (None, 1):
        a = g.arr_expr(d, None)
        b = g.arr_expr(d, None)
        pa = _call("flatnonzero", [a], A("int64", 1))
        pb = _call("flatnonzero", [b], A("int64", 1))
        mode = r.choice(["raise", "wrap", "clip"])
        kws = [_kw("mode", T(ast.Constant(mode), "str"))] if mode != "raise" or r.random() < 0.3 else []
        return _call("ravel_multi_index", [ast.Tuple([pa, pb], L),
                                           ast.Tuple([const(3, INT), const(4, INT)], L)],
                     A("int64", 1), kws)
    return None


def _value_for(g, t, inplace):
    """A scalar or array expression to store into (or add to, `inplace`) an
    array of type t; None when NumPy refuses it for every value."""
    from .gen_array import result_type
    r = g.rng
    if r.random() < 0.6:
        return const(r.choice([0, 1, 7, 2] if t[1].startswith("uint") else [0, 1, 7, -1, 2]), INT)
    b = g.arr_expr(2, 1)
    if b._t[1] in ("complex128", "complex64"):
        return None
    if not inplace:
        return b

    def iadd(x, y):
        x = x.copy()
        return np.add(x, y, out=x)
    return b if result_type(iadd, t, b._t) == t else None


def extra_stmt(g, depth):
    r = g.rng
    n = r.choice(list(g.arrays))
    t = g.arrays[n]
    if t[1] in ("complex128", "complex64"):
        return None
    tgt = T(ast.Name(n, L), t)
    k = r.randrange(4)
    inplace = k == 1 and r.random() < 0.5 and t[1] != "bool"
    v = _value_for(g, t, inplace)
    if v is None:
        return None
    if k == 0:
        ax = r.choice([0, -1]) if t[2] == 1 else r.choice([0, 1, -1])
        idx = _stable_argsort(T(ast.Name(n, L), t), ax)
        if r.random() < 0.5:
            idx = T(ast.Subscript(idx, ast.Slice(None, const(1, INT), None), L), idx._t) \
                if t[2] == 1 else idx
        return [ast.Expr(_call("put_along_axis", [tgt, idx, v, const(ax, INT)], None))]
    if k == 1:
        keys = [_int_array_lit(g, r.randint(1, 3)) for _ in range(t[2])]
        target = ast.Subscript(ast.Name(n, L), _call("ix_", keys, "idx"), S)
        if inplace:
            return [ast.AugAssign(target, ast.Add(), v)]
        return [ast.Assign([target], v)]
    if t[2] != 2:
        return None
    if k == 2:
        key = _call("diag_indices_from", [T(ast.Name(n, L), t)], "idx")
    else:
        fn = r.choice(["triu_indices_from", "tril_indices_from"])
        key = _call(fn, [T(ast.Name(n, L), t), const(r.choice([0, 1, -1]), INT)], "idx")
    return [ast.Assign([ast.Subscript(ast.Name(n, L), key, S)], v)]
