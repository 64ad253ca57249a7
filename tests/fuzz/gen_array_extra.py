"""Still more array constructs for `gen_array.ArrayGen` (issue 13: the hidden
fuzzers generate what ours did not): np.where with three operands of mixed
kinds (arrays of other dtypes, Python and NumPy scalars of every kind),
np.clip/maximum/minimum/fmax with scalars of another kind, Python int and
float literals near and beyond a dtype's range (NEP 50: an OverflowError for
arithmetic, exact comparisons), integer // and % by arrays holding zeros and
negative values, shifts and bitwise operators on bool/int mixes,
rearranging (roll, flip, tile, repeat, triu/tril, fliplr/flipud), integer
reductions along an axis (argmax/argmin, any/all, count_nonzero), joining
arrays of mixed dtypes (concatenate with an axis, stack, hstack, vstack),
reshape with -1 (a ValueError when the size does not divide), np.unique,
np.searchsorted, np.outer, rows and columns of 2-D arrays by an index
(IndexError messages), `a.item()`, chained comparisons on arrays (NumPy's
truth-value ValueError), boolean masks over the rows of a 2-D array with a
row assigned (broadcasting), while loops over an array, and helper
functions taking an array and returning an array and a scalar (a tuple).

Result types are NumPy's own (`gen_array.result_type` on one-element
arrays); where NumPy raises for a value (a Python int out of a dtype's
range), the type is that of an in-range value of the same kind, and the
reference raises at run time, as py2wasm must.
"""
from __future__ import annotations

import ast
import copy

import numpy as np

from .gen_scalar import BOOL, FLOAT, INT, L, S, const, name
from .program import T

_INT_DT = ("int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8")
# Python scalars near or beyond the dtypes' ranges (NEP 50 weak scalars)
_EDGE_INTS = [-1, 0, 1, 2, 3, 127, 128, 255, 256, 300, -129, -32769, 65536, 2**31, -2**31 - 1,
              2**32, 2**63 - 1, -2**63, 2**63, 2**64 - 1]
_EDGE_FLOATS = [0.5, -0.5, 2.5, -1.5, 1e10, -0.0, 1e300]


def _np_attr(*parts):
    node = ast.Name("np", L)
    for p in parts:
        node = ast.Attribute(node, p, L)
    return node


def _lit(v):
    """A literal (a big int stays a literal: `2**64` would be an int
    expression, which overflows int64 in py2wasm as documented)."""
    if isinstance(v, bool):
        return T(ast.Constant(v), BOOL)
    if isinstance(v, int):
        return const(v, INT)
    return const(v, FLOAT)


def _tame(v):
    """An in-range value of v's kind: the result type where NumPy's answer
    depends on the value (an out-of-range Python int raises)."""
    return True if isinstance(v, bool) else 1 if isinstance(v, int) else 1.0


def _cond(g, a):
    r = g.rng
    a = copy.deepcopy(a)
    if a._t[1] == "bool":
        return a
    op = r.choice([ast.Gt, ast.Lt, ast.NotEq, ast.GtE, ast.Eq])()
    return T(ast.Compare(a, [op], [const(r.choice([0, 1, 2, -1]), INT)]), ("arr", "bool", a._t[2]))


def _scalar_operand(g):
    """(node, sample value for typing): a Python int/float/bool literal at an
    edge, a run-time scalar, or a NumPy scalar made in the function."""
    r = g.rng
    c = r.random()
    if c < 0.35:
        v = r.choice(_EDGE_INTS)
        return _lit(v), v
    if c < 0.5:
        v = r.choice(_EDGE_FLOATS)
        return _lit(v), v
    if c < 0.6:
        v = r.random() < 0.5
        return _lit(v), v
    if c < 0.8:
        t = r.choice([INT, FLOAT, BOOL])
        return g.expr(t, 2), {INT: 1, FLOAT: 1.0, BOOL: True}[t]
    sdt = r.choice(["float32", "float64", "int8", "uint8", "int32", "int64", "uint16", "bool"])
    arg = const(r.choice([0, 1, 3, 100]), INT)
    node = T(ast.Call(_np_attr(sdt if sdt != "bool" else "bool_"), [arg], []), "npscalar")
    return node, np.dtype(sdt).type(1)


def _typed(fn, *ts_or_vals):
    """NumPy's result (dtype, ndim) of fn on one-element arrays of the array
    types and the given scalar samples; None if NumPy refuses."""
    from .gen_array import A, DTYPES, is_arr
    import warnings
    ops = [np.ones((1,) * x[2], dtype=x[1]) if is_arr(x) else x for x in ts_or_vals]
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            res = fn(*ops)
    except Exception:
        return None
    if isinstance(res, np.ndarray) and res.dtype.name in DTYPES and res.ndim > 0:
        return A(res.dtype.name, res.ndim)
    return None


def extra_expr(g, d, want_nd):
    """One of the constructs above as an array expression, or None."""
    from .gen_array import A, method, np_call, _BINOPS
    r = g.rng
    k = r.randrange(16)
    if k == 0:  # np.where with mixed operands
        a = g.arr_expr(d, want_nd)
        c = _cond(g, a)
        ops, samples = [], []
        for _ in range(2):
            if r.random() < 0.5:
                x = g.arr_expr(d, a._t[2])
                ops.append(x)
                samples.append(x._t)
            else:
                x, v = _scalar_operand(g)
                ops.append(x)
                samples.append(_tame(v) if not isinstance(v, np.generic) else v)
        if not any(isinstance(s, tuple) for s in samples) and r.random() < 0.7:
            ops[0], samples[0] = a, a._t
        rt = _typed(lambda cc, x, y: np.where(cc > 0, x, y), c._t, *samples)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        return np_call("where", [c] + ops, rt)
    if k == 1:  # clip / maximum / minimum with scalars of another kind
        a = g.arr_expr(d, want_nd)
        f = r.choice(["clip", "maximum", "minimum", "fmax", "fmin"])
        if f == "clip":
            (lo, lv), (hi, hv) = _scalar_operand(g), _scalar_operand(g)
            if r.random() < 0.2:
                lo, lv = T(ast.Constant(None), "none"), None
            fn = lambda x: np.clip(x, lv if isinstance(lv, np.generic) or lv is None else _tame(lv),  # noqa: E731
                                   hv if isinstance(hv, np.generic) else _tame(hv))
            rt = _typed(fn, a._t)
            args = [a, lo, hi]
        else:
            b, bv = _scalar_operand(g)
            rt = _typed(lambda x: getattr(np, f)(x, bv if isinstance(bv, np.generic) else _tame(bv)),
                        a._t)
            args = [a, b] if r.random() < 0.7 else [b, a]
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        marks = {"refcall": "_r_" + f} if f in ("maximum", "minimum", "fmax", "fmin") else {}
        return np_call(f, args, rt, **marks)
    if k == 2:  # an edge Python number with an operator (NEP 50)
        a = g.arr_expr(d, want_nd)
        v = r.choice(_EDGE_INTS + _EDGE_FLOATS[:3])
        op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod, ast.BitAnd, ast.BitOr])
        cmp = r.random() < 0.35
        if isinstance(v, float) and op in (ast.BitAnd, ast.BitOr):
            op = ast.Add
        swap = r.random() < 0.3
        if cmp:
            cop = r.choice([ast.Lt, ast.GtE, ast.Eq, ast.NotEq])
            rt = _typed(lambda x: x < _tame(v), a._t)
            if rt is None:
                return None
            return T(ast.Compare(_lit(v), [cop()], [a]) if swap else ast.Compare(a, [cop()], [_lit(v)]), rt)
        rt = _typed(lambda x: _BINOPS[op](_tame(v), x) if swap else _BINOPS[op](x, _tame(v)), a._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        if op is ast.Mod and rt[1] in ("float64", "float32"):
            return None
        return T(ast.BinOp(_lit(v), op(), a) if swap else ast.BinOp(a, op(), _lit(v)), rt)
    if k == 3:  # integer // % by arrays with zeros and negatives; shifts; bitwise mixes
        a = g.arr_expr(d, want_nd)
        b = g.arr_expr(d, a._t[2])
        if r.random() < 0.5:  # zeros and negative values in the divisor
            b = T(ast.BinOp(b, ast.Sub(), const(r.choice([1, 2, 5]), INT)),
                  _typed(lambda x: x - 1, b._t) or b._t)
        f = r.choice(["floor_divide", "remainder", "left_shift", "right_shift",
                      "bitwise_and", "bitwise_or", "bitwise_xor"])
        rt = _typed(getattr(np, f), a._t, b._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        if f == "remainder" and rt[1] in ("float64", "float32"):
            return None
        return np_call(f, [a, b], rt)
    if k == 4:  # rearranging
        a = g.arr_expr(d, want_nd)
        t = a._t
        f = r.choice(["roll", "flip", "tile", "repeat", "triu", "tril", "fliplr", "flipud"])
        kws = []
        if f == "roll":
            args = [a, const(r.choice([0, 1, -1, 2, 7, -9]), INT)]
            if t[2] == 2 and r.random() < 0.6:
                kws = [ast.keyword("axis", const(r.choice([0, 1, -1]), INT))]
            rt = t if kws or t[2] == 1 else A(t[1], 2)
        elif f == "flip":
            args = [a]
            if t[2] == 2 and r.random() < 0.6:
                kws = [ast.keyword("axis", const(r.choice([0, 1, -1]), INT))]
            rt = t
        elif f == "tile":
            reps = r.choice([0, 1, 2])
            args, rt = [a, const(reps, INT)], t
            if r.random() < 0.3:
                args = [a, T(ast.Tuple([const(2, INT), const(1, INT)], L), "tuple")]
                rt = A(t[1], 2)
        elif f == "repeat":
            args = [a, const(r.choice([0, 1, 2, 3]), INT)]
            if t[2] == 2 and r.random() < 0.6:
                kws = [ast.keyword("axis", const(r.choice([0, 1, -1]), INT))]
                rt = t
            else:
                rt = A(t[1], 1)
        elif f in ("triu", "tril"):
            if t[2] != 2:
                return None
            args, rt = [a], t
            if r.random() < 0.5:
                kws = [ast.keyword("k", const(r.choice([-1, 1, 2, -5]), INT))]
        else:
            if t[2] != 2:
                return None
            args, rt = [a], t
        if want_nd is not None and rt[2] != want_nd:
            return None
        return np_call(f, args, rt, keywords=kws)
    if k == 5:  # integer reductions along an axis
        a = g.arr_expr(d, 2)
        t = a._t
        if t[2] != 2:
            return None
        f = r.choice(["argmax", "argmin", "any", "all", "count_nonzero"])
        if f in ("argmax", "argmin") and t[1] == "uint64":
            return None  # documented refusal
        ax = r.choice([0, 1, -1])
        kd = f in ("any", "all") and r.random() < 0.4
        rt = _typed(lambda x: getattr(np, f)(x, axis=ax, **({"keepdims": True} if kd else {})), t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        kws = [ast.keyword("axis", const(ax, INT))] + \
            ([ast.keyword("keepdims", const(True, BOOL))] if kd else [])
        if r.random() < 0.5 and f != "count_nonzero":
            return method(a, f, [], rt, keywords=kws)
        return np_call(f, [a], rt, keywords=kws)
    if k == 6:  # joining arrays of mixed dtypes
        a = g.arr_expr(d, None)
        b = g.arr_expr(d, a._t[2])
        f = r.choice(["concatenate", "stack", "hstack", "vstack"])
        kws = []
        ax = None
        if f in ("concatenate", "stack") and r.random() < 0.6:
            ax = r.choice([0, -1, 1]) if a._t[2] == 2 or f == "stack" else 0
            kws = [ast.keyword("axis", const(ax, INT))]
        fn = getattr(np, f)
        rt = _typed(lambda x, y: fn((x, y), **({"axis": ax} if kws else {})), a._t, b._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        seq = ast.Tuple([a, b], L) if r.random() < 0.6 else ast.List([a, b], L)
        return np_call(f, [seq], rt, keywords=kws)
    if k == 7:  # reshape with -1
        a = g.arr_expr(d, None)
        t = a._t
        c = r.choice([1, 2, 3])
        shape = [const(-1, INT), const(c, INT)] if r.random() < 0.5 else [const(c, INT), const(-1, INT)]
        if want_nd == 1:
            return method(a, "reshape", [const(-1, INT)], A(t[1], 1))
        if want_nd not in (None, 2):
            return None
        if r.random() < 0.3:
            return np_call("reshape", [a, T(ast.Tuple(shape, L), "tuple")], A(t[1], 2))
        return method(a, "reshape", shape, A(t[1], 2))
    if k == 8 and want_nd in (None, 1):  # unique, searchsorted
        a = g.arr_expr(d, None)
        t = a._t
        if r.random() < 0.5:
            return np_call("unique", [a], A(t[1], 1))
        if t[1] in ("int8", "int16"):
            return None  # a documented refusal (comparisons computing in int8/int16)
        b = g.arr_expr(d, None)
        srt = np_call("sort", [method(a, "ravel", [], A(t[1], 1))], A(t[1], 1))
        rt = _typed(lambda x, y: np.searchsorted(x.ravel(), y), t, b._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        kws = [ast.keyword("side", T(ast.Constant(r.choice(["left", "right"])), "str"))] \
            if r.random() < 0.4 else []
        return np_call("searchsorted", [srt, b], rt, keywords=kws)
    if k == 9 and want_nd in (None, 2):  # outer products
        a = g.arr_expr(d, None)
        b = g.arr_expr(d, None)
        rt = _typed(np.outer, a._t, b._t)
        if rt is None or rt[1] == "bool" and (a._t[1] != "bool" or b._t[1] != "bool"):
            return None
        return np_call("outer", [a, b], rt)
    if k == 10:  # a row or a column of a 2-D array by an index (IndexError when out of range)
        a = g.arr_expr(d, 2)
        t = a._t
        if t[2] != 2 or want_nd not in (None, 1):
            return None
        i = const(r.choice([0, 1, -1, 2, -3, 4, 7]), INT) if r.random() < 0.7 else g.expr(INT, 2)
        key = i if r.random() < 0.4 else ast.Tuple([ast.Slice(), i], L) if r.random() < 0.5 else \
            ast.Tuple([i, ast.Slice()], L)
        return T(ast.Subscript(a, key, L), A(t[1], 1))
    if k == 11:  # isnan/isinf/signbit masks combined, sign, floor of ints
        a = g.arr_expr(d, want_nd)
        t = a._t
        f = r.choice(["isnan", "isinf", "isfinite", "sign", "floor", "ceil", "trunc",
                      "invert", "logical_not", "abs", "negative", "positive"])
        rt = _typed(getattr(np, f), t)
        if rt is None or rt[1] not in (t[1], "bool") and t[1] != "bool":
            return None
        node = np_call(f, [a], rt)
        if rt[1] == "bool" and r.random() < 0.5:
            other = _cond(g, g.arr_expr(d, t[2]))
            op = r.choice([ast.BitAnd, ast.BitOr, ast.BitXor])
            rt2 = _typed(lambda x, y: x & y, rt, other._t)
            if rt2 is not None and (want_nd is None or rt2[2] == want_nd):
                return T(ast.BinOp(node, op(), other), rt2)
        return node
    if k == 12 and want_nd in (None, 1):  # a helper taking an array
        return _helper_call(g, d)
    if k == 13:  # array ** int array with negative exponents (ValueError), int ** float
        a = g.arr_expr(d, want_nd)
        b = g.arr_expr(d, a._t[2])
        b = T(ast.BinOp(b, ast.Sub(), const(1, INT)), _typed(lambda x: x - 1, b._t) or b._t)
        rt = _typed(lambda x, y: x ** y, a._t, b._t)
        if rt is None or rt[1] in ("float64", "float32") or \
                (want_nd is not None and rt[2] != want_nd):
            return None
        return T(ast.BinOp(a, ast.Pow(), b), rt)
    if k == 14:  # a.astype(...) then arithmetic that may wrap
        a = g.arr_expr(d, want_nd)
        dt = r.choice(list(_INT_DT) + ["bool"])
        x = method(a, "astype", [_np_attr(dt if dt != "bool" else "bool_")], A(dt, a._t[2]))
        op = r.choice([ast.Add, ast.Mult, ast.Sub])
        b = g.arr_expr(d, a._t[2])
        rt = _typed(lambda p, q: _BINOPS[op](p, q), x._t, b._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return None
        if dt == "uint32" and a._t[1] in ("float64", "float32"):
            return None  # documented: float -> uint32 outside [0, 2**32)
        return T(ast.BinOp(x, op(), b), rt)
    if k == 15 and want_nd in (None, 1):  # diff of a mask, cumulative counts
        a = g.arr_expr(d, 1)
        if a._t[2] != 1:
            return None
        c = _cond(g, a)
        return np_call("cumsum", [c], A("int64", 1))
    return None


def _helper_call(g, d):
    """h(x): a helper function over a 1-D array of a given dtype; defined
    once per program (program-level `defs` hold it)."""
    r = g.rng
    cands = [h for h in getattr(g, "arr_helpers", [])]
    if not cands or g.in_helper:
        return None
    hname, pt, rt, kind = r.choice(cands)
    args = [n for n, t in g.arrays.items() if t == pt]
    if not args:
        return None
    call = ast.Call(ast.Name(hname, L), [name(r.choice(args), pt)], [])
    if kind == "tuple":
        idx = r.choice([0, 1]) if rt[1] is not None else 0
        if idx == 1:
            return None
        return T(ast.Subscript(T(call, "tuple"), const(0, INT), L), rt[0])
    return T(call, rt)


def make_helper(g, hname, pt):
    """def h(x): <statements on x> return <array expression> (or a tuple of
    an array and a scalar); registers it in g.arr_helpers."""
    from .gen_array import A
    r = g.rng
    saved = (g.arrays, g.vars, g.loop_depth, g.ret_t)
    g.arrays, g.vars, g.ret_t = {"x": pt}, {}, None
    g.in_helper = True
    body = g.block(1, r.randint(1, 2))
    ret = g.arr_expr(1, 1)
    g.in_helper = False
    if ret._t[2] != 1:
        g.arrays, g.vars, g.loop_depth, g.ret_t = saved
        return None
    kind = "tuple" if r.random() < 0.4 else "arr"
    if kind == "tuple":
        sc = g.expr(FLOAT, 1)
        body.append(ast.Return(ast.Tuple([ret, sc], L)))
        rt = (ret._t, FLOAT)
    else:
        body.append(ast.Return(ret))
        rt = ret._t
    g.arrays, g.vars, g.loop_depth, g.ret_t = saved
    args = ast.arguments(posonlyargs=[], args=[ast.arg("x")], vararg=None, kwonlyargs=[],
                         kw_defaults=[], kwarg=None, defaults=[])
    if not hasattr(g, "arr_helpers"):
        g.arr_helpers = []
    g.arr_helpers.append((hname, pt, rt, kind))
    return ast.FunctionDef(hname, args, body, [], None, lineno=1)


def extra_stmt(g, depth):
    """A while loop over an array, a row mask with a row assigned, a
    helper's tuple unpacked, an element store at an edge index; None if none
    fits."""
    from .gen_array import A
    r = g.rng
    k = r.randrange(4)
    if k == 0:  # while loop with an index
        ones = [(n, t) for n, t in g.arrays.items() if t[2] == 1]
        if not ones:
            return None
        a, at = r.choice(ones)
        iv, s = g.fresh("i"), g.fresh("s")
        st = {"float64": FLOAT, "float32": FLOAT, "bool": BOOL}.get(at[1], INT)
        init = [ast.Assign([ast.Name(iv, S)], const(0, INT)),
                ast.Assign([ast.Name(s, S)], const({INT: 0, FLOAT: 0.0, BOOL: False}[st], st))]
        rd = T(ast.Subscript(name(a, at), name(iv, INT), L), st, refwrap="_s")
        if st == BOOL:
            upd = T(ast.BoolOp(ast.Or(), [name(s, st), rd]), BOOL)
        elif st == INT:
            upd = T(ast.BinOp(name(s, st), ast.BitXor(), rd), INT)
        else:
            upd = T(ast.BinOp(name(s, st), ast.Add(), rd), FLOAT)
        body = [ast.Assign([ast.Name(s, S)], upd)]
        if r.random() < 0.4:
            body.append(ast.If(T(ast.Compare(copy.deepcopy(rd), [ast.Eq()], [const(0, INT)]), BOOL),
                               [ast.Break()], []))
        body.append(ast.AugAssign(ast.Name(iv, S), ast.Add(), const(r.choice([1, 2]), INT)))
        cond = T(ast.Compare(name(iv, INT), [ast.Lt()], [ast.Call(ast.Name("len", L), [name(a, at)], [])]),
                 BOOL)
        g.vars[s] = st
        return init + [ast.While(cond, body, [])]
    if k == 1:  # rows selected by a mask get a row (broadcast) or a number
        twos = [(n, t) for n, t in g.arrays.items() if t[2] == 2 and not n.startswith("x")]
        if not twos:
            return None
        m, mt = r.choice(twos)
        col = T(ast.Subscript(name(m, mt), ast.Tuple([ast.Slice(), const(0, INT)], L), L), A(mt[1], 1))
        mask = _cond(g, col)
        rows = [(n, t) for n, t in g.arrays.items() if t[2] == 1 and
                np.can_cast(t[1], mt[1], "same_kind")]
        if rows and r.random() < 0.6:
            val = name(*r.choice(rows))
        else:
            val = g.elem_value(mt[1])
        return [ast.Assign([ast.Subscript(ast.Name(m, L), mask, S)], val)]
    if k == 2:  # unpack a helper's tuple
        cands = [h for h in getattr(g, "arr_helpers", []) if h[3] == "tuple"]
        if not cands or g.in_helper:
            return None
        hname, pt, rt, _ = r.choice(cands)
        args = [n for n, t in g.arrays.items() if t == pt]
        if not args:
            return None
        v, s = g.fresh("a"), g.fresh("v")
        g.arrays[v] = rt[0]
        g.vars[s] = FLOAT
        return [ast.Assign([ast.Tuple([ast.Name(v, S), ast.Name(s, S)], S)],
                           ast.Call(ast.Name(hname, L), [ast.Name(r.choice(args), L)], []))]
    # an element store or read-modify-write at an edge index of a 2-D array row
    n = r.choice(list(g.arrays))
    t = g.arrays[n]
    i = const(r.choice([-1, 0, -4, 3, 6]), INT)
    key = i if t[2] == 1 else ast.Tuple([i, const(r.choice([0, -1, 2]), INT)], L)
    if t[2] == 2 and r.random() < 0.5:  # a whole row
        return [ast.Assign([ast.Subscript(ast.Name(n, L), i, S)], g.elem_value(t[1]))]
    return [ast.Assign([ast.Subscript(ast.Name(n, L), key, S)], g.elem_value(t[1]))]


def chained_compare(g, t):
    """`lo < a[i] < hi` on scalars, or on a whole array (NumPy's truth-value
    ValueError unless it has one element)."""
    r = g.rng
    if t != BOOL or not g.arrays:
        return None
    n = r.choice(list(g.arrays))
    at = g.arrays[n]
    if at[2] != 1 or r.random() < 0.7:
        return None
    return T(ast.Compare(const(r.choice([-1, 0]), INT), [ast.Lt(), ast.Lt()],
                         [name(n, at), const(r.choice([1, 5]), INT)]), BOOL)
