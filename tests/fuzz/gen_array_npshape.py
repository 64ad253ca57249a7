"""Shape and join constructs for `gen_array.ArrayGen` (frontend/npshape_views.py,
npshape_join.py): `np.diagonal` / `a.diagonal(k)` (read-only views),
`np.trace` (offsets, `a.trace()`), `np.atleast_2d`, `np.squeeze(..., axis=)`,
`np.moveaxis`, `np.swapaxes` / `a.swapaxes`, `np.broadcast_to`
(read-only), `np.rot90`, `np.column_stack`, `np.dstack`, `np.delete`, `np.insert`,
`np.trim_zeros`, `np.resize`, `np.tri`, parts of
`np.split` / `np.array_split` / `np.hsplit`; statements: `x, y =
np.array_split(a, 2)` with writes through the parts (they are views of `a`),
and a diagonal or broadcast view stored in a variable (later writes through
it raise NumPy's ValueError). `--exclude npshape` leaves these out.
"""
from __future__ import annotations

import ast

import numpy as np

from .gen_scalar import INT, L, S, const, name
from .program import T


def _tuple(*xs):
    return ast.Tuple(list(xs), L)


def _np(f, args, t, keywords=()):
    from .gen_array import np_call
    return np_call(f, args, t, keywords)


# NumPy's result types, asked with module-level functions (gen_array caches by function)
def _diag(x):
    return np.diagonal(x, 1)


def _col(x, y):
    return np.column_stack((x, y))


def _dst(x, y):
    return np.dstack((x, y))[:, :, 0]


def _bcast(x):
    return np.broadcast_to(x, (2,) + x.shape)


def _plus_trace(x, m):
    return x + np.trace(m, 1)


def extra_expr(g, d, want_nd):
    from .gen_array import A, result_type
    r = g.rng
    k = r.randrange(12)
    if k == 0 and want_nd in (None, 1):  # a diagonal of a 2-D array
        a = g.arr_expr(d, 2)
        if a._t[2] != 2:
            return None
        off = const(r.choice([0, 1, -1, 2, -3]), INT) if r.random() < 0.7 else g.expr(INT, 1)
        if r.random() < 0.5:
            return T(ast.Call(ast.Attribute(a, "diagonal", L), [off], []), A(a._t[1], 1))
        return _np("diagonal", [a, off], A(a._t[1], 1))
    if k == 1 and want_nd in (None, 2):  # atleast_2d: a row view of a 1-D array
        a = g.arr_expr(d, r.choice([1, 2]))
        return _np("atleast_2d", [a], A(a._t[1], 2))
    if k == 2 and want_nd in (None, 1):  # squeeze of a row or column of a 2-D array
        a = g.arr_expr(d, 2)
        if a._t[2] != 2:
            return None
        i = r.choice([0, 1])
        sl = _tuple(ast.Slice(None, const(1, INT), None), ast.Slice()) if i == 0 else \
            _tuple(ast.Slice(), ast.Slice(const(-1, INT), None, None))
        return _np("squeeze", [ast.Subscript(a, sl, L)], A(a._t[1], 1),
                   [ast.keyword("axis", const(i, INT))])
    if k == 3 and want_nd in (None, 2):  # moveaxis / rot90 of a 2-D array
        a = g.arr_expr(d, 2)
        if a._t[2] != 2:
            return None
        u = r.random()
        if u < 0.35:
            return _np("moveaxis", [a, const(r.choice([0, -1]), INT), const(r.choice([1, 0]), INT)],
                       a._t)
        if u < 0.7:  # swapaxes, the function or the method (the same axis twice: a new view)
            ax = [const(r.choice([0, 1, -1, -2]), INT) for _ in range(2)]
            if r.random() < 0.5:
                return T(ast.Call(ast.Attribute(a, "swapaxes", L), ax, []), a._t)
            return _np("swapaxes", [a] + ax, a._t)
        return _np("rot90", [a, const(r.choice([1, 2, 3, -1, 0]), INT)], a._t)
    if k == 7 and want_nd in (None, 1):  # a 1-D array plus the trace of a 2-D one
        a, m = g.arr_expr(d, 1), g.arr_expr(d, 2)
        if a._t[2] != 1 or m._t[2] != 2:
            return None
        rt = result_type(_plus_trace, a._t, m._t)
        if rt is None:
            return None
        off = const(r.choice([0, 1, -1, 2, -5]), INT) if r.random() < 0.7 else g.expr(INT, 1)
        tr = T(ast.Call(ast.Attribute(m, "trace", L), [off], []), m._t) if r.random() < 0.5 \
            else _np("trace", [m, off], m._t)
        return T(ast.BinOp(a, ast.Add(), tr), rt)
    if k == 4 and want_nd in (None, 2):  # broadcast_to (read-only): used in an expression
        a = g.arr_expr(d, 1)
        if a._t[2] != 1:
            return None
        rows = const(r.choice([0, 1, 3]), INT)
        b = _np("broadcast_to", [a, _tuple(rows, ast.Call(ast.Name("len", L), [a], []))],
                A(a._t[1], 2))
        return T(ast.BinOp(b, ast.Mult(), const(1, INT)), result_type(
            lambda x: _bcast(x) * 1, a._t) or A(a._t[1], 2))
    if k == 5 and want_nd in (None, 2):  # column_stack of two 1-D arrays (lengths may differ)
        a, b = g.arr_expr(d, 1), g.arr_expr(d, 1)
        if a._t[2] != 1 or b._t[2] != 1:
            return None
        rt = result_type(_col, a._t, b._t)
        return _np("column_stack", [_tuple(a, b)], rt) if rt else None
    if k == 6 and want_nd in (None, 2):  # dstack of two 2-D arrays, one layer taken
        a, b = g.arr_expr(d, 2), g.arr_expr(d, 2)
        if a._t[2] != 2 or b._t[2] != 2:
            return None
        rt = result_type(_dst, a._t, b._t)
        if rt is None:
            return None
        st = _np("dstack", [_tuple(a, b)], A(rt[1], 3))
        return T(ast.Subscript(st, _tuple(ast.Slice(), ast.Slice(), const(r.choice([0, 1, -1]),
                                                                            INT)), L), rt)
    if k == 9 and want_nd in (None, 1):  # delete (an index maybe out of bounds), trim_zeros
        a = g.arr_expr(d, 1)
        if a._t[2] != 1:
            return None
        if r.random() < 0.3:  # insert one number (an index maybe out of bounds)
            return _np("insert", [a, const(r.choice([0, 1, -1, 4, -7]), INT),
                                  g.elem_value(a._t[1])], a._t)
        if r.random() < 0.5:
            return _np("trim_zeros", [a] + ([ast.Constant(r.choice(["f", "b", "fb"]))]
                                            if r.random() < 0.5 else []), a._t)
        obj = const(r.choice([0, -1, 2, 5]), INT) if r.random() < 0.6 else ast.List(
            [const(r.choice([0, 1, -1, 3]), INT) for _ in range(r.randint(0, 2))], L)
        return _np("delete", [a, obj], a._t)
    if k == 10:  # resize to a run-time length (negative: NumPy's ValueError)
        a = g.arr_expr(d, None)
        n = ast.Call(ast.Name("min", L), [g.expr(INT, 1), const(9, INT)], [])
        if want_nd == 2:
            return _np("resize", [a, _tuple(const(2, INT), n)], A(a._t[1], 2))
        return _np("resize", [a, n], A(a._t[1], 1))
    if k == 11 and want_nd in (None, 2):  # tri of a run-time size
        n = ast.Call(ast.Name("min", L), [g.expr(INT, 1), const(6, INT)], [])
        dt = r.choice(["float64", "int32", "bool", "uint8"])
        return _np("tri", [n, const(r.choice([2, 3]), INT), const(r.choice([0, 1, -1]), INT)],
                   A(dt, 2), [ast.keyword("dtype", ast.Attribute(ast.Name("np", L),
                                                                 dt if dt != "bool" else "bool_", L))])
    # a part of a split (array_split: any count; split: NumPy's ValueError when unequal)
    a = g.arr_expr(d, want_nd)
    f = r.choice(["array_split", "split", "hsplit", "array_split"])
    # a run-time count stays small: NumPy's list of 2**63 parts is a MemoryError without a
    # message (CPython's list), py2wasm's names the arena
    n = const(r.choice([1, 2, 3]), INT) if r.random() < 0.7 else \
        ast.Call(ast.Name("min", L), [ast.Call(ast.Name("max", L), [g.expr(INT, 1), const(1, INT)],
                                               []), const(12, INT)], [])
    kws = []
    if f != "hsplit" and a._t[2] == 2 and r.random() < 0.5:
        kws = [ast.keyword("axis", const(r.choice([1, -1]), INT))]
    part = const(r.choice([0, -1]), INT)
    return T(ast.Subscript(_np(f, [a, n], ("list",), kws), part, L), a._t)


def extra_stmt(g, depth):
    """Split parts or a read-only view stored in variables and written."""
    from .gen_array import A
    r = g.rng
    n = r.choice(list(g.arrays))
    t = g.arrays[n]
    if r.random() < 0.7:
        x, y = g.fresh("v"), g.fresh("v")
        kws = [ast.keyword("axis", const(1, INT))] if t[2] == 2 and r.random() < 0.5 else []
        out = [ast.Assign([ast.Tuple([ast.Name(x, S), ast.Name(y, S)], S)],
                          ast.Call(ast.Attribute(ast.Name("np", L), "array_split", L),
                                   [name(n, t), const(2, INT)], kws))]
        g.arrays[x], g.arrays[y] = t, t
        tgt = r.choice([x, y])
        idx = [g.index_expr(tgt) for _ in range(t[2])]
        out.append(ast.Assign([ast.Subscript(ast.Name(tgt, L), idx[0] if t[2] == 1 else
                                             ast.Tuple(idx, L), S)], g.elem_value(t[1])))
        return out
    v = g.fresh("v")
    if t[2] == 2:
        val = ast.Call(ast.Attribute(ast.Name(n, L), "diagonal", L), [], [])
        g.arrays[v] = A(t[1], 1)
    else:
        val = ast.Call(ast.Attribute(ast.Name("np", L), "broadcast_to", L),
                       [name(n, t), _tuple(const(2, INT), ast.Call(ast.Name("len", L),
                                                                 [name(n, t)], []))], [])
        g.arrays[v] = A(t[1], 2)
    out = [ast.Assign([ast.Name(v, S)], val)]
    if r.random() < 0.3:  # NumPy: assignment destination is read-only
        vt = g.arrays[v]
        idx = [g.index_expr(v) for _ in range(vt[2])]
        out.append(ast.Assign([ast.Subscript(ast.Name(v, L), idx[0] if vt[2] == 1 else
                                             ast.Tuple(idx, L), S)], g.elem_value(t[1])))
    return out
