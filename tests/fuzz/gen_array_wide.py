"""Wider array constructs for `gen_array.ArrayGen` (issue 13, eighth
session: what an outside NumPy fuzzer writes and ours did not): creation
with dtypes (`np.arange` with float starts and steps into every dtype,
`linspace` with `endpoint=`/`dtype=`, 2-D `zeros/ones/full/eye/identity`,
`zeros_like/ones_like/full_like` with `dtype=`), arrays built from run-time
scalars (`np.array([x, y * 2, 3], dtype=...)`), outer broadcasting
(`a[:, None] - b[None, :]`, `np.newaxis`), unary operators (`-a`, `+a`,
`~a`, `abs(a)`), `astype` with Python types and dtype strings, reductions
with `dtype=`, 2-D `reshape(r, -1)` (NumPy's ValueError), slices with a
run-time step (zero: NumPy's ValueError); statements: views stored in
variables and written through (views of views, `.T` of a view, in-place
operators on a view), overlapping in-place operators on one array
(`a[1:] += a[:-1]`, `a[::2] *= a[1::2]`: NumPy's broadcast ValueError when
the lengths differ), ufuncs with `out=` (the array itself or a view),
`a[...] = v` and `a.fill(v)`, and loops over the elements themselves
(`for x in a`, `enumerate`, `zip`, rows of a 2-D array) carrying a NumPy
scalar of the element dtype (`--exclude wide_array` leaves these out).

Result types are NumPy's own (`gen_array.result_type`); what NumPy rejects
for every value is not generated.
"""
from __future__ import annotations

import ast
import copy

import numpy as np

from .gen_scalar import BOOL, FLOAT, INT, L, S, call, const, name
from .gen_array_more import _dt, _np_attr  # noqa: F401 - shared builders
from .program import T

_DT_NAMES = ("float64", "float32", "int64", "int32", "int16", "int8", "uint64", "uint32",
             "uint16", "uint8", "bool")


def _kw(k, v):
    return ast.keyword(k, v)


def _bounded(g, lo, hi):
    """A run-time int in [lo, hi] (lengths stay small)."""
    e = g.expr(INT, 2)
    node = ast.Call(ast.Name("min", L), [ast.Call(ast.Name("max", L), [e, const(lo, INT)], []),
                                          const(hi, INT)], [])
    return T(node, INT)


def _flit(v):
    return const(v, FLOAT) if isinstance(v, float) else const(v, INT)


def creation(g, want_nd):
    """np.arange/linspace/zeros/ones/full/eye/identity/*_like with dtypes."""
    from .gen_array import A, np_call
    r = g.rng
    dt = r.choice(_DT_NAMES)
    k = r.randrange(6)
    if k == 0 and want_nd in (None, 1):
        start = r.choice([0.1, 0.5, -2.5, 1 / 3, 0, -3, 2, 250, 1e10, -0.5, 0.3])
        step = r.choice([0.3, 1.5, 0.7, 1 / 7, 1, 2, 3, -1, -0.45, 0.1, 50])
        count = r.randint(0, 9)
        stop = start + step * count + r.choice([0, 0.5 * step, -0.25 * step]) \
            if isinstance(start, float) or isinstance(step, float) else start + step * count
        args = [_flit(start), _flit(stop), _flit(step)]
        if r.random() < 0.3:  # a run-time start: float(len(...)) or an int
            a = g.arr_leaf()
            args[0] = T(ast.BinOp(_flit(start), ast.Add(), call("len", [a], INT)), INT) \
                if not isinstance(start, float) else \
                T(ast.BinOp(_flit(start), ast.Add(), call("float", [call("len", [a], INT)], FLOAT)), FLOAT)
        if r.random() < 0.3:
            return np_call("arange", args, A("float64" if any(isinstance(v, float) for v in
                                                              (start, stop, step)) else "int64", 1))
        return np_call("arange", args, A(dt, 1), keywords=[_kw("dtype", _dt(dt))])
    if k == 1 and want_nd in (None, 1):
        num = const(r.randint(0, 6), INT) if r.random() < 0.7 else _bounded(g, 0, 7)
        kws = [_kw("endpoint", const(r.random() < 0.5, BOOL))]
        if dt in ("float64", "float32", "int64", "int32", "int8", "uint8") and r.random() < 0.6:
            kws.append(_kw("dtype", _dt(dt)))
        else:
            dt = "float64"
        lo, hi = r.choice([(0.0, 1.0), (-1.0, 2.5), (1, 10), (0.1, 0.7), (-3, 3), (5.0, -5.0)])
        return np_call("linspace", [_flit(lo), _flit(hi), num], A(dt, 1), keywords=kws)
    if k == 2 and want_nd in (None, 2):
        m, n = (const(r.randint(0, 4), INT) if r.random() < 0.7 else _bounded(g, 0, 5)
                for _ in range(2))
        shape = ast.Tuple([m, n], L)
        f = r.choice(["zeros", "ones", "full", "eye", "identity"])
        if f == "full":
            v = r.choice([2.7, -1, 300, 0.5, -0.0, True, 7])
            if isinstance(v, int) and not isinstance(v, bool) and dt not in ("float64", "float32", "bool") \
                    and not np.iinfo(dt).min <= v <= np.iinfo(dt).max:
                v = 1  # NumPy raises at compile time of the reference type: keep it simple
            return np_call("full", [shape, T(ast.Constant(v), BOOL if isinstance(v, bool) else
                                             FLOAT if isinstance(v, float) else INT)],
                           A(dt, 2), keywords=[_kw("dtype", _dt(dt))])
        if f == "eye":
            kws = [_kw("dtype", _dt(dt))]
            if r.random() < 0.5:
                kws.append(_kw("k", const(r.choice([-1, 1, 2, -3]), INT)))
            return np_call("eye", [m, n], A(dt, 2), keywords=kws)
        if f == "identity":
            return np_call("identity", [m], A(dt, 2), keywords=[_kw("dtype", _dt(dt))])
        return np_call(f, [shape], A(dt, 2), keywords=[_kw("dtype", _dt(dt))])
    if k == 3:
        a = g.arr_expr(2, want_nd)
        f = r.choice(["zeros_like", "ones_like", "full_like"])
        args = [a]
        if f == "full_like":
            args.append(T(ast.Constant(r.choice([2.7, -1, 0.5, 7, True])), "lit"))
            v = args[1].value
            if isinstance(v, int) and not isinstance(v, bool) and v < 0 and \
                    (dt.startswith("uint") or (r.random() < 0.5 and a._t[1].startswith("uint"))):
                args[1] = T(ast.Constant(1), INT)
        if r.random() < 0.6:
            return np_call(f, args, A(dt, a._t[2]), keywords=[_kw("dtype", _dt(dt))])
        if f == "full_like" and isinstance(args[1].value, int) and a._t[1].startswith("uint") \
                and args[1].value < 0:
            return None
        return np_call(f, args, a._t)
    if k == 4 and want_nd in (None, 1):  # from run-time scalars
        st = r.choice([INT, FLOAT, BOOL])
        items = [g.expr(st, 2) if r.random() < 0.7 else const(r.choice([0, 1, 3, -1]), INT)
                 for _ in range(r.randint(1, 4))]
        lst = ast.List(items, L)
        if r.random() < 0.5:
            dt2 = r.choice(["float64", "float32", "int64", "int32"] +
                           (["int8", "uint8", "int16"] if st != FLOAT else []))
            return np_call("array", [lst], A(dt2, 1), keywords=[_kw("dtype", _dt(dt2))])
        kinds = {x._t for x in items}
        rdt = "float64" if FLOAT in kinds else "int64" if INT in kinds else "bool"
        return np_call("array", [lst], A(rdt, 1))
    return None


def reshaped(g, want_nd):
    """Unary operators, astype with Python types, outer broadcasting,
    reductions with dtype=, 2-D reshape, run-time slice steps."""
    from .gen_array import A, method, np_call, result_type
    r = g.rng
    k = r.randrange(6)
    if k == 0:
        a = g.arr_expr(2, want_nd)
        op = r.choice([ast.USub, ast.UAdd, ast.Invert, "abs"])
        fn = {ast.USub: lambda x: -x, ast.UAdd: lambda x: +x, ast.Invert: lambda x: ~x,
              "abs": abs}[op]
        rt = result_type(fn, a._t)
        if rt is None:
            return None
        if op == "abs":
            return T(ast.Call(ast.Name("abs", L), [a], []), rt)
        return T(ast.UnaryOp(op(), a), rt)
    if k == 1:
        a = g.arr_expr(2, want_nd)
        c = r.choice([("int", "int64"), ("float", "float64"), ("bool", "bool"), ("'float32'", "float32"),
                      ("'int8'", "int8"), ("'uint16'", "uint16"), ("'i4'", "int32"), ("'f8'", "float64")])
        arg = ast.Name(c[0], L) if "'" not in c[0] else ast.Constant(c[0].strip("'"))
        marks = {"refcall": "_r_astype"} if c[1] == "uint32" and a._t[1] in ("float64", "float32") else {}
        return method(a, "astype", [T(arg, "dt")], A(c[1], a._t[2]), **marks)
    if k == 2 and want_nd in (None, 2):
        ones = [(n, t) for n, t in g.arrays.items() if t[2] == 1]
        if not ones:
            return None
        (na, ta), (nb, tb) = r.choice(ones), r.choice(ones)
        op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.BitXor, ast.Lt, ast.Eq])
        newaxis = _np_attr("newaxis") if r.random() < 0.3 else ast.Constant(None)
        x = T(ast.Subscript(name(na, ta), ast.Tuple([ast.Slice(), newaxis], L), L), A(ta[1], 2))
        y = T(ast.Subscript(name(nb, tb), ast.Tuple([copy.deepcopy(newaxis), ast.Slice()], L), L)
              if r.random() < 0.6 else name(nb, tb), A(tb[1], 2))
        if op in (ast.Lt, ast.Eq):
            rt = result_type(lambda p, q: p < q, x._t, y._t)
            return T(ast.Compare(x, [op()], [y]), rt) if rt else None
        from .gen_array import _BINOPS
        rt = result_type(_BINOPS[op], x._t, y._t)
        return T(ast.BinOp(x, op(), y), rt) if rt else None
    if k == 3 and want_nd in (None, 1):
        a = g.arr_expr(2, None)
        m = r.choice(["sum", "prod", "cumsum"])  # cumsum(dtype=): each element cast, in order
        dt = r.choice(["int8", "int64", "float32", "float64", "uint16", "int32"])
        if a._t[2] != 2:
            return None
        rt = result_type(lambda x: getattr(x, m)(axis=0, dtype=dt), a._t)
        if rt is None:
            return None
        marks = {"refcall": "_r_sum"} if m == "sum" and dt in ("float32", "float64") else {}
        if marks:
            return None  # float sums along an axis: the documented summation order
        return method(a, m, [], rt, keywords=[_kw("axis", const(r.choice([0, 1]), INT)),
                                               _kw("dtype", _dt(dt))])
    if k == 4:
        a = g.arr_expr(2, None)
        rows = const(r.choice([1, 2, 3, -1]), INT) if r.random() < 0.7 else _bounded(g, -1, 4)
        if want_nd == 1:
            return None
        return method(a, "reshape", [rows, const(-1, INT)], A(a._t[1], 2))
    if k == 5:
        a = g.arr_expr(2, want_nd)
        step = T(ast.BinOp(g.expr(INT, 1), ast.Mod(), const(r.choice([3, 4]), INT)), INT) \
            if r.random() < 0.5 else _bounded(g, -3, 3)
        if a._t[2] == 1:
            return T(ast.Subscript(a, ast.Slice(None, None, step), L), a._t)
        return T(ast.Subscript(a, ast.Tuple([ast.Slice(None, None, step), ast.Slice()], L), L), a._t)
    return None


def extra_expr(g, d, want_nd):
    r = g.rng
    return creation(g, want_nd) if r.random() < 0.45 else reshaped(g, want_nd)


# -- statements ------------------------------------------------------------------------------

def _slices(r):
    return r.choice([
        (ast.Slice(const(1, INT), None, None), ast.Slice(None, const(-1, INT), None)),
        (ast.Slice(None, const(-1, INT), None), ast.Slice(const(1, INT), None, None)),
        (ast.Slice(None, None, const(2, INT)), ast.Slice(const(1, INT), None, const(2, INT))),
        (ast.Slice(None, None, const(-1, INT)), ast.Slice()),
        (ast.Slice(), ast.Slice(None, None, const(-1, INT))),
        (ast.Slice(const(2, INT), None, None), ast.Slice(None, const(-2, INT), None)),
        (ast.Slice(None, None, const(2, INT)), ast.Slice(None, None, const(-2, INT))),
    ])


def _iop_type(op, t, bt):
    from .gen_array import result_type
    f = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.FloorDiv: np.floor_divide,
         ast.BitXor: np.bitwise_xor, ast.Div: np.divide, ast.Mod: np.remainder}[op]

    def iop(x, y):
        x = x.copy()
        return f(x, y, out=x)
    return result_type(iop, t, bt) == t


def overlap_inplace(g):
    """a[s1] op= a[s2] on one array (NumPy copies the overlapping operand)."""
    r = g.rng
    n = r.choice(list(g.arrays))
    t = g.arrays[n]
    if t[1] == "bool":
        return None
    s1, s2 = _slices(r)
    op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod, ast.Div])
    if not _iop_type(op, t, t):
        op = ast.Add
        if not _iop_type(op, t, t):
            return None
    if t[2] == 2:
        if r.random() < 0.5:
            s1, s2 = ast.Tuple([s1, ast.Slice()], L), ast.Tuple([s2, ast.Slice()], L)
        else:
            a1, a2 = _slices(r)
            s1, s2 = ast.Tuple([s1, a1], L), ast.Tuple([s2, a2], L)
    src = ast.Subscript(ast.Name(n, L), s2, L)
    if r.random() < 0.3:  # a plain assignment of an expression of the overlapping part
        return ast.Assign([ast.Subscript(ast.Name(n, L), s1, S)],
                          ast.BinOp(src, ast.Add(), const(1, INT)) if t[1] != "bool" else src)
    return ast.AugAssign(ast.Subscript(ast.Name(n, L), s1, S), op(), src)


def view_chain(g):
    """v = a[sl]; w = v.T / v[sl2]; writes through w and v; both stay names."""
    from .gen_array import A
    r = g.rng
    n = r.choice(list(g.arrays))
    t = g.arrays[n]
    v, w = g.fresh("v"), g.fresh("w")
    s1, s2 = _slices(r)
    if t[2] == 2:
        s1 = ast.Tuple([s1, r.choice([ast.Slice(), ast.Slice(None, None, const(-1, INT))])], L)
    out = [ast.Assign([ast.Name(v, S)], ast.Subscript(ast.Name(n, L), s1, L))]
    if t[2] == 2 and r.random() < 0.5:
        out.append(ast.Assign([ast.Name(w, S)], ast.Attribute(ast.Name(v, L), "T", L)))
        wt = t
    elif t[2] == 2 and r.random() < 0.5:
        out.append(ast.Assign([ast.Name(w, S)], ast.Subscript(ast.Name(v, L), ast.Tuple(
            [ast.Slice(), const(r.choice([0, -1]), INT)], L), L)))
        wt = A(t[1], 1)
    else:
        out.append(ast.Assign([ast.Name(w, S)], ast.Subscript(ast.Name(v, L), s2 if t[2] == 1 else
                                                              ast.Tuple([s2, ast.Slice()], L), L)))
        wt = t
    g.arrays[v], g.arrays[w] = t, wt
    # writes: an element of w, then an in-place operator on v (or w)
    idx = [g.index_expr(w) for _ in range(wt[2])]
    out.append(ast.Assign([ast.Subscript(ast.Name(w, L), idx[0] if wt[2] == 1 else ast.Tuple(idx, L), S)],
                          g.elem_value(wt[1])))
    if t[1] != "bool":
        op = r.choice([ast.Add, ast.Sub, ast.Mult])
        tgt, tt = r.choice([(v, t), (w, wt)])
        b = g.arr_expr(2, tt[2]) if r.random() < 0.5 else g.expr(r.choice([INT, FLOAT]), 2)
        if _iop_type(op, tt, b._t):
            out.append(ast.AugAssign(ast.Name(tgt, S), op(), b))
    return out


def ufunc_out(g):
    """np.add(x, y, out=x) / out=a view of x."""
    r = g.rng
    n = r.choice(list(g.arrays))
    t = g.arrays[n]
    f = r.choice(["add", "subtract", "multiply", "maximum", "minimum", "negative", "abs"])
    target = ast.Name(n, L)
    if r.random() < 0.4 and t[2] == 1:
        target = ast.Subscript(ast.Name(n, L), ast.Slice(None, None, const(-1, INT)), L)
    if f in ("negative", "abs"):
        args = [copy.deepcopy(target) if r.random() < 0.5 else g.arr_expr(2, t[2])]
    else:
        args = [ast.Name(n, L), g.arr_expr(2, t[2]) if r.random() < 0.5 else g.expr(r.choice([INT, FLOAT]), 2)]
    from .gen_array import result_type

    def fn(*xs):
        x = np.ones((1,) * t[2], dtype=t[1])
        return getattr(np, f)(*xs, out=x)
    if result_type(fn, *[getattr(a, "_t", t) for a in args]) != t:
        return None
    if f in ("maximum", "minimum") and t[1] in ("float64", "float32"):
        return None  # -0.0/+0.0 ties: the reference models them only for the return forms
    return ast.Expr(ast.Call(_np_attr(f), args, [_kw("out", target)]))


def fill_stmt(g):
    r = g.rng
    n = r.choice(list(g.arrays))
    t = g.arrays[n]
    v = g.elem_value(t[1])
    if r.random() < 0.5:
        return ast.Expr(ast.Call(ast.Attribute(ast.Name(n, L), "fill", L), [v], []))
    return ast.Assign([ast.Subscript(ast.Name(n, L), ast.Constant(Ellipsis), S)], v)


def elem_iter_loop(g, depth):
    """for x in a / enumerate(a) / zip(a, b) / rows: a NumPy scalar (or row)
    of the element dtype carried, converted to a Python number after."""
    from .gen_array import scalar_of
    r = g.rng
    n = r.choice(list(g.arrays))
    t = g.arrays[n]
    dt = t[1]
    s, x, i = g.fresh("s"), g.fresh("x"), g.fresh("i")
    st = scalar_of(dt)
    ctor = _np_attr(dt if dt != "bool" else "bool_")
    init = ast.Assign([ast.Name(s, S)], ast.Call(ctor, [const(r.choice([0, 1]), INT)], []))
    if t[2] == 2 and r.random() < 0.5:  # rows: a row accumulated
        acc = g.fresh("r")
        row_t = ("arr", dt, 1)
        body = [ast.Assign([ast.Name(acc, S)], ast.BinOp(ast.Name(acc, L), r.choice(
            [ast.Add, ast.BitXor] if dt not in ("float64", "float32", "bool") else
            [ast.Add] if dt != "bool" else [ast.BitOr])(), ast.Name(x, L)))]
        pre = ast.Assign([ast.Name(acc, S)], ast.Call(ast.Attribute(ast.Subscript(
            ast.Name(n, L), ast.Tuple([const(0, INT), ast.Slice()], L), L), "copy", L), [], []))
        loop = ast.For(ast.Name(x, S), ast.Name(n, L), body, [])
        g.arrays[acc] = row_t
        # an empty 2-D argument has no row 0: NumPy's IndexError, compared too
        return [pre, loop]
    if t[2] == 2:
        it = ast.Call(ast.Attribute(ast.Name(n, L), "ravel", L), [], [])
    else:
        it = ast.Name(n, L)
    if st == BOOL:
        upd = ast.BinOp(ast.Name(s, L), r.choice([ast.BitOr, ast.BitAnd, ast.BitXor])(), ast.Name(x, L))
    elif st == FLOAT:
        upd = r.choice([ast.BinOp(ast.Name(s, L), ast.Add(), ast.Name(x, L)),
                        ast.Call(ast.Name("max", L), [ast.Name(s, L), ast.Name(x, L)], []),
                        ast.BinOp(ast.BinOp(ast.Name(s, L), ast.Mult(), ast.Name(x, L)), ast.Sub(),
                                  ast.Name(x, L))])
    else:
        upd = r.choice([ast.BinOp(ast.Name(s, L), r.choice([ast.Add, ast.Sub, ast.BitXor, ast.Mult])(),
                                  ast.Name(x, L)),
                        ast.Call(ast.Name("min", L), [ast.Name(s, L), ast.Name(x, L)], [])])
    c = r.random()
    body = [ast.Assign([ast.Name(s, S)], upd)]
    if c < 0.3:
        target = ast.Tuple([ast.Name(i, S), ast.Name(x, S)], S)
        it = ast.Call(ast.Name("enumerate", L), [it], [])
        body.insert(0, ast.If(ast.Compare(ast.Name(i, L), [ast.Gt()], [const(r.choice([1, 3]), INT)]),
                              [ast.Break()] if r.random() < 0.5 else [ast.Continue()], []))
    elif c < 0.5:
        same = [m for m, mt in g.arrays.items() if mt[2] == 1 and mt[1] == dt and t[2] == 1]
        if same:
            y = g.fresh("y")
            target = ast.Tuple([ast.Name(x, S), ast.Name(y, S)], S)
            it = ast.Call(ast.Name("zip", L), [it, ast.Name(r.choice(same), L)], [])
            body.append(ast.If(ast.Compare(ast.Name(y, L), [ast.Gt()], [ast.Name(x, L)]),
                               [ast.Assign([ast.Name(s, S)], ast.Name(y, L))], []))
        else:
            target = ast.Name(x, S)
    else:
        target = ast.Name(x, S)
    loop = ast.For(target, it, body, [])
    res = g.fresh("c")
    conv = {FLOAT: "float", INT: "int", BOOL: "bool"}[st]
    g.vars[res] = st
    value = T(ast.Call(ast.Name(conv, L), [ast.Name(s, L)], []), st,
              **({"refwrap": "_chk"} if st == INT else {}))  # int64 (README)
    return [init, loop, ast.Assign([ast.Name(res, S)], value)]


def extra_stmt(g, depth):
    r = g.rng
    k = r.randrange(6)
    if k == 0:
        node = overlap_inplace(g)
        return [node] if node is not None else None
    if k == 1:
        return view_chain(g)
    if k == 2:
        node = ufunc_out(g)
        return [node] if node is not None else None
    if k == 3:
        return [fill_stmt(g)]
    return elem_iter_loop(g, depth)
