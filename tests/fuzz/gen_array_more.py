"""More array constructs for `gen_array.ArrayGen` (issue 13, the widened
array generator): fancy indexing (integer arrays, `np.nonzero`/`np.where`
results, boolean masks) in reads and writes, `np.sort`/`np.argsort` (stable),
`np.diff`, `cumsum`/`cumprod` along an axis, ufunc methods
(`np.maximum.reduce`, `np.add.accumulate`...), NumPy scalars made in the
function meeting arrays (NEP 50: they are not weak), complex intermediates
(`(a + 1j * b).imag`, `np.conj`, complex64 casts) whose real parts come
back, 3-D views (a new axis, transposes, negative steps) reduced or
flattened back to 1-D/2-D, in-place operators through transposed views and
`a.sort()` in place.

Every candidate's result type is NumPy's own (`gen_array.result_type` on
one-element arrays); what NumPy rejects is not generated.
"""
from __future__ import annotations

import ast
import copy

import numpy as np

from .gen_scalar import FLOAT, INT, L, S, const
from .program import T

_INT_DT = ("int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8")


def _np_attr(*parts):
    node = ast.Name("np", L)
    for p in parts:
        node = ast.Attribute(node, p, L)
    return node


def _dt(dt):
    return T(_np_attr(dt if dt != "bool" else "bool_"), "dt")


def _int_array_lit(g, n):
    """np.array([i, j, ...]): indices near the bounds, sometimes run-time."""
    r = g.rng
    items = [const(r.choice([0, 1, -1, 2, -2, 3, 4]), INT) if r.random() < 0.8 else g.expr(INT, 1)
             for _ in range(n)]
    return T(ast.Call(_np_attr("array"), [ast.List(items, L)], []), ("arr", "int64", 1))


def _cond(g, a):
    """A boolean array of a's shape."""
    r = g.rng
    a = copy.deepcopy(a)  # the node is used twice
    if a._t[1] == "bool":
        return a
    op = r.choice([ast.Gt, ast.Lt, ast.NotEq, ast.GtE])()
    return T(ast.Compare(a, [op], [const(r.choice([0, 1, 2]), INT)]), ("arr", "bool", a._t[2]))


def extra_expr(g, d, want_nd, k=None):
    """One of the constructs above as an array expression, or None."""
    from .gen_array import A, method, np_call, result_type
    r = g.rng
    k = r.randrange(10) if k is None else k
    if k == 0:  # fancy reads with an integer array
        a = g.arr_expr(d, want_nd)
        t = a._t
        idx = _int_array_lit(g, r.randint(1, 3))
        if t[2] == 1 or r.random() < 0.5:
            return T(ast.Subscript(a, idx, L), t)  # 1-D: elements; 2-D: rows
        return T(ast.Subscript(a, ast.Tuple([ast.Slice(), idx], L), L), t)
    if k == 1 and want_nd in (None, 1):  # nonzero / where results as indices
        a = g.arr_expr(d, None)
        fn = r.choice(["nonzero", "where"])
        if r.random() < 0.3 and a._t[2] == 1:
            return T(ast.Subscript(np_call(fn, [_cond(g, a)], "idx"), const(0, INT), L), A("int64", 1))
        return T(ast.Subscript(a, np_call(fn, [_cond(g, a)], "idx"), L), A(a._t[1], 1))
    if k == 2:  # sorting (stable: ties keep their order, -0.0 and 0.0 too)
        a = g.arr_expr(d, want_nd)
        t = a._t
        fn = r.choice(["sort", "argsort"])
        # NumPy's default kind may order ties otherwise: py2wasm's sort is
        # stable (docs/arrays.md), modelled by the reference's stable kind
        default = r.random() < 0.5
        kws = [] if default else [ast.keyword("kind", T(ast.Constant("stable"), "str"))]
        nd = t[2]
        if t[2] == 2 and r.random() < 0.6:
            ax = r.choice([0, 1, -1, None])
            kws.append(ast.keyword("axis", T(ast.Constant(ax), "axis")))
            if ax is None:
                nd = 1
        if want_nd is not None and nd != want_nd:
            return None
        if t[1] in ("complex128", "complex64"):
            return None
        marks = {"refcall": "_r_stable_" + fn} if default else {}
        return np_call(fn, [a], A(t[1] if fn == "sort" else "int64", nd), keywords=kws, **marks)
    if k == 3:  # diff, cumulative sums along an axis
        a = g.arr_expr(d, want_nd)
        t = a._t
        fn = r.choice(["diff", "cumsum", "cumprod"])
        kws = []
        ax = None
        if t[2] == 2:
            ax = r.choice([0, 1, -1])
            kws = [ast.keyword("axis", const(ax, INT))]
        elif fn == "diff" and r.random() < 0.3:
            kws = [ast.keyword("n", const(r.choice([0, 2]), INT))]
        if fn == "diff":
            n = kws[0].value.value if kws and kws[0].arg == "n" else 1
            rt = result_type(lambda x: np.diff(x, n=n, axis=-1 if ax is None else ax), t)
        else:
            rt = result_type(lambda x: getattr(np, fn)(x, axis=ax), t)
        if rt is None or (want_nd is not None and rt[2] != want_nd) or t[1] == "uint8" and fn != "diff":
            return None
        return np_call(fn, [a], rt, keywords=kws)
    if k == 4:  # ufunc methods
        a = g.arr_expr(d, None)
        t = a._t
        kind = r.choice(["reduce", "accumulate"]) if t[2] == 2 else "accumulate"  # 1-D: arrays
        ufs = ["maximum", "minimum", "add", "multiply"] if t[1] in _INT_DT else \
            ["add", "maximum", "minimum"] if t[1] in ("float64", "float32") else ["logical_or", "logical_and"]
        uf = r.choice(ufs)
        if t[1] in ("float64", "float32") and (kind == "accumulate" and uf != "add"):
            uf = "add"
        ax = r.choice([0, -1]) if t[2] == 2 else 0
        rt = result_type(lambda x: getattr(getattr(np, uf), kind)(x, axis=ax), t)
        if rt is None or (want_nd is not None and rt[2] != want_nd) or rt[2] == 0:
            return None
        marks = {}
        if kind == "reduce" and t[1] in ("float64", "float32"):
            marks = {"refcall": {"add": "_r_sum", "maximum": "_r_max", "minimum": "_r_min"}[uf]}
        node = ast.Call(_np_attr(uf, kind), [a], [ast.keyword("axis", const(ax, INT))])
        return T(node, rt, **marks)
    if k == 5:  # a NumPy scalar made in the function meets an array (not weak)
        a = g.arr_expr(d, want_nd)
        t = a._t
        sdt = r.choice(["float32", "float64", "int8", "uint8", "int32", "int64", "uint16", "bool"])
        if sdt == "bool":
            arg = g.expr(r.choice([INT, FLOAT]), 1)
        elif sdt.startswith("float"):
            arg = g.expr(FLOAT, 1) if r.random() < 0.5 else const(r.choice([0.5, -1.5, 3.0, 1e30]), FLOAT)
        else:
            arg = const(r.choice([0, 1, 2, 7, 100, -1, -3]) if not sdt.startswith("u")
                        else r.choice([0, 1, 3, 200]), INT)
        sc = T(ast.Call(_np_attr(sdt if sdt != "bool" else "bool_"), [arg], []), "npscalar")
        op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.BitAnd])
        one = np.dtype(sdt).type(1)
        from .gen_array import _BINOPS
        swap = r.random() < 0.4
        rt = result_type(lambda x: _BINOPS[op](one, x) if swap else _BINOPS[op](x, one), t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        if op is ast.Mod and rt[1] in ("float64", "float32"):
            return None
        return T(ast.BinOp(sc, op(), a) if swap else ast.BinOp(a, op(), sc), rt)
    if k == 6:  # complex intermediates, real parts back
        a = g.arr_expr(d, want_nd)
        t = a._t
        if t[1] not in ("float64", "float32", "int32", "int16", "int8", "uint8", "bool"):
            return None
        b = g.arr_expr(d, t[2]) if r.random() < 0.5 else g.expr(FLOAT, 1)
        c = r.random()
        if c < 0.3:
            z = T(ast.BinOp(a, ast.Add(), T(ast.BinOp(T(ast.Constant(1j), "cx"), ast.Mult(), b), "z")), "z")
        elif c < 0.6:
            cd = r.choice(["complex128", "complex64"])
            z = method(a, "astype", [_dt(cd)], "z")
            z = T(ast.BinOp(z, r.choice([ast.Mult, ast.Add, ast.Sub])(), b), "z")
        else:
            w = complex(r.choice([0.5, -1.0, 2.0, 0.0]), r.choice([1.0, -0.5, 0.0]))
            wn = T(ast.Constant(w), "cx")
            if r.random() < 0.5:  # a complex scalar computed at run time
                wn = T(ast.Call(ast.Name("complex", L), [g.expr(FLOAT, 1), const(w.imag, FLOAT)], []),
                       "cx")
            z = T(ast.BinOp(a, r.choice([ast.Mult, ast.Add, ast.Div])(), wn), "z")
        if r.random() < 0.3:
            z = np_call("conj", [z], "z")
        u = r.random()  # complex masks, triangles, repeats, variances (twelfth session)
        if u < 0.1:
            z = T(ast.Subscript(z, T(ast.Compare(np_call("abs", [z], t), [ast.Gt()],
                                                 [const(r.choice([0.5, 1.0, 2.0]), FLOAT)]),
                                     A("bool", t[2])), L), "z")
        elif u < 0.16 and t[2] == 2:
            z = np_call(r.choice(["triu", "tril"]), [z, const(r.choice([0, 1, -1]), INT)], "z")
        elif u < 0.22:
            z = np_call("repeat", [z, const(r.choice([1, 2]), INT)], "z")
        elif u < 0.3:
            kws = [ast.keyword("axis", const(r.choice([0, -1]), INT))] if r.random() < 0.7 else []
            if r.random() < 0.3:
                kws.append(ast.keyword("ddof", const(1, INT)))
            z = np_call(r.choice(["var", "std"]), [z], "z", kws)
        part = r.choice(["real", "imag"])
        src = ast.unparse(z)
        try:
            ns = {"np": np}
            names = {}
            for n, at in g.arrays.items():
                names[n] = np.ones((1,) * at[2], dtype=at[1])
            for n, vt in g.vars.items():
                names[n] = {INT: 1, FLOAT: 1.0}.get(vt, True)
            import warnings
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                v = getattr(eval(src, ns, names), part)
        except Exception:
            return None
        if not isinstance(v, np.ndarray) or v.dtype.name not in ("float64", "float32") or \
                (want_nd is not None and v.ndim != want_nd) or v.ndim == 0:
            return None
        return T(ast.Attribute(z, part, L), A(v.dtype.name, v.ndim))
    if k == 7:  # 3-D views: a new axis, a transpose, negative steps, back to 1-D/2-D
        a = g.arr_expr(d, 2)
        t = a._t
        if t[2] != 2:
            return None
        none = T(ast.Constant(None), "none")
        key = [none, ast.Slice(), ast.Slice()] if r.random() < 0.5 else [ast.Slice(), none, ast.Slice()]
        x = T(ast.Subscript(a, ast.Tuple(key, L), L), A(t[1], 3))
        perm = r.choice([(2, 0, 1), (1, 2, 0), (0, 2, 1), (2, 1, 0)])
        x = np_call("transpose", [x, T(ast.Tuple([const(p, INT) for p in perm], L), "tuple")], A(t[1], 3))
        sl = [r.choice([ast.Slice(), ast.Slice(None, None, const(-1, INT)),
                        ast.Slice(const(1, INT), None, None), ast.Slice(None, None, const(-2, INT))])
              for _ in range(3)]
        x = T(ast.Subscript(x, ast.Tuple(sl, L), L), A(t[1], 3))
        if want_nd in (None, 1) and r.random() < 0.5:
            return method(x, r.choice(["ravel", "flatten"]), [], A(t[1], 1))
        if want_nd == 1:
            return None
        m = r.choice(["max", "min", "any", "sum"])
        ax = r.choice([0, 1, 2])
        rt = result_type(lambda y: getattr(np, m)(y, axis=ax), A(t[1], 3))
        if rt is None or rt[2] != 2 or (m == "sum" and t[1] in ("float64", "float32")):
            m, rt = "any", A("bool", 2)
        marks = {"refcall": "_r_" + m} if m in ("max", "min") else {}
        return method(x, m, [], rt, keywords=[ast.keyword("axis", const(ax, INT))], **marks)
    if k == 8:  # np.where with a scalar branch of a NumPy scalar type
        a = g.arr_expr(d, want_nd)
        t = a._t
        c = _cond(g, a)
        one = np.dtype(t[1]).type(0) if t[1] != "bool" else np.bool_(False)
        rt = result_type(lambda x, y: np.where(x > 0, y, one), t, t)
        if rt is None:
            return None
        s = T(ast.Call(_np_attr(t[1] if t[1] != "bool" else "bool_"), [const(0, INT)], []), "npscalar")
        return np_call("where", [c, a, s] if r.random() < 0.5 else [c, s, a], rt)
    if k == 9:  # np.linalg on a finite matrix (values within +-50, square or not)
        a = g.arr_expr(d, 2)
        t = a._t
        if t[2] != 2:
            return None
        dt = "float32" if t[1] == "float32" else "float64"
        fin = np_call("where", [np_call("isfinite", [a], A("bool", 2)), a, const(0.0, FLOAT)],
                      A(dt, 2))
        m = np_call("clip", [fin, const(-50.0, FLOAT), const(50.0, FLOAT)], A(dt, 2))
        fn = r.choice(["det", "inv", "solve", "norm", "matrix_power"])
        args, rt = [m], A(dt, 2)
        if fn == "det":  # a stack of one matrix: a 1-D result
            args = [T(ast.Subscript(m, ast.Tuple([T(ast.Constant(None), "none"), ast.Slice(),
                                                  ast.Slice()], L), L), A(dt, 3))]
            rt = A(dt, 1)
        elif fn == "solve":
            b = T(ast.Subscript(copy.deepcopy(m), ast.Tuple([ast.Slice(), const(r.choice([0, -1]), INT)], L),
                                L), A(dt, 1))
            args, rt = [m, b], A(dt, 1)
        elif fn == "norm":
            args = [T(ast.Subscript(m, ast.Tuple([T(ast.Constant(None), "none"), ast.Slice(),
                                                  ast.Slice()], L), L), A(dt, 3))]
            node = ast.Call(_np_attr("linalg", "norm"), args, [ast.keyword("axis", const(-1, INT))])
            return T(node, A(dt, 2), refcall="_r_linalg_norm_axis")
        elif fn == "matrix_power":
            args = [m, const(r.choice([0, 1, 2, 3, -1]), INT)]
        if want_nd is not None and rt[2] != want_nd:
            return None
        return T(ast.Call(_np_attr("linalg", fn), args, []), rt, refcall="_r_linalg_" + fn)
    return None


def extra_stmt(g):
    """A write through fancy indexing or a mask, an in-place operator through a
    transposed view, or an in-place sort; None if none fits."""
    from .gen_array import A, method, result_type
    r = g.rng
    n = r.choice(list(g.arrays))
    t = g.arrays[n]
    k = r.randrange(5)
    tgt_arr = T(ast.Name(n, L), t)
    if k == 0:  # integer-array index
        idx = _int_array_lit(g, r.randint(1, 3))
        key = idx if t[2] == 1 else (ast.Tuple([idx, const(r.choice([0, -1]), INT)], L)
                                     if r.random() < 0.5 else idx)
    elif k == 1:  # nonzero / where result
        key = T(ast.Call(_np_attr(r.choice(["nonzero", "where"])), [_cond(g, tgt_arr)], []), "idx")
    elif k == 2:  # a boolean mask
        key = _cond(g, T(ast.Name(n, L), t))
    elif k == 3 and t[2] == 2:  # in-place through a transposed view
        op = r.choice([ast.Add, ast.Sub, ast.Mult])
        b = g.arr_expr(2, 1) if r.random() < 0.5 else g.expr(r.choice([INT, FLOAT]), 2)

        def iop(x, y):
            x = x.copy()
            return {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply}[op](x, y, out=x)
        if result_type(iop, t, b._t) != t:
            return None
        view = ast.Subscript(ast.Attribute(ast.Name(n, L), "T", L),
                             r.choice([ast.Slice(None, None, const(-1, INT)), ast.Slice(const(1, INT), None, None),
                                       ast.Tuple([ast.Slice(None, None, const(-1, INT)),
                                                  ast.Slice(None, None, const(-2, INT))], L)]), S)
        return ast.AugAssign(view, op(), b)
    elif k == 4 and t[1] not in ("complex128", "complex64"):  # in-place sort
        default = r.random() < 0.5  # the default kind: modelled as stable (above)
        kws = [] if default else [ast.keyword("kind", T(ast.Constant("stable"), "str"))]
        if t[2] == 2:
            kws.append(ast.keyword("axis", const(r.choice([0, -1]), INT)))
        marks = {"refcall": "_r_stable_sort_inplace"} if default else {}
        return ast.Expr(method(ast.Name(n, L), "sort", [], None, keywords=kws, **marks))
    else:
        return None
    target = ast.Subscript(ast.Name(n, L), key, S)
    if r.random() < 0.25 and t[1] != "bool" and k == 0:
        op = r.choice([ast.Add, ast.Sub, ast.Mult])
        b = g.expr(r.choice([INT, FLOAT]), 1)

        def aop(x, y):
            x = x.copy()
            return {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply}[op](x, y, out=x)
        if result_type(aop, t, b._t) != t:
            return None
        return ast.AugAssign(target, op(), b)
    if r.random() < 0.6 or k == 1:
        return ast.Assign([target], g.elem_value(t[1]))
    # one value per selected element, or a length-1 array: from the same array
    src = T(ast.Subscript(ast.Name(n, L), key, L), A(t[1], 1)) if k == 2 else \
        T(ast.Subscript(ast.Name(n, L), ast.Slice(None, const(1, INT), None), L), t)
    return ast.Assign([target], src)
