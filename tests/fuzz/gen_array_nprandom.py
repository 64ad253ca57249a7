"""Seeded NumPy generators for `gen_array.ArrayGen` (ninth session): draws
from `np.random.default_rng(seed)` feeding the rest of the program.

Expressions: arrays drawn in the shape of an existing array
(`np.random.default_rng(42).random(p0.shape)`, `.uniform(lo, hi, shape)`,
`.integers(lo, hi, shape, endpoint=)`, `.standard_normal(shape)`,
`.normal(loc, scale, shape)`, `.random(shape, dtype=np.float32)`,
`.permutation(len(p0))`, `.choice(k, shape)`, `.choice(p0)` of a 1-D array
indexed by a drawn position); statements: a generator in a variable and a
loop drawing from it (a random walk: `random()` deciding between `normal()`
and `uniform()` steps, or `integers()` / `choice()` summed), leaving a
Python float or int. Seeds are known ints (0, 1, 42, 2**40 + 3...) or
run-time ints (`len(p0) + 7`, an int expression: a negative one raises
NumPy's ValueError on both sides). Bounds are constants or run-time
values, so NumPy's ValueErrors (`low >= high`, `high <= 0`, `scale < 0`)
are compared too (`--exclude nprandom` leaves all of this out).
"""
from __future__ import annotations

import ast

from .gen_scalar import BOOL, FLOAT, INT, L, S, call, const
from .program import T


def _rng(seed):
    f = ast.Attribute(ast.Attribute(ast.Name("np", L), "random", L), "default_rng", L)
    return ast.Call(f, [seed], [])


def _seed(g):
    r = g.rng
    k = r.random()
    if k < 0.6:
        return const(r.choice([0, 1, 2, 7, 42, 12345, 2**32 + 1, 2**40 + 3]), INT)
    if k < 0.85 and g.arrays:
        a = g.arr_leaf()
        return ast.BinOp(call("len", [a], INT), ast.Add(), const(r.randint(0, 50), INT))
    return g.expr(INT, 1)


def _shape(a):
    return ast.Attribute(a, "shape", L)


def _m(obj, name, args, kws=()):
    return ast.Call(ast.Attribute(obj, name, L), list(args), list(kws))


def _fl(v):
    return const(float(v), FLOAT)


def extra_expr(g, d, want_nd):
    from .gen_array import A
    r = g.rng
    a = g.arr_leaf(want_nd)
    nd = a._t[2]
    gen = _rng(_seed(g))
    k = r.randrange(9)
    if k == 0:
        return T(_m(gen, "random", [_shape(a)]), A("float64", nd))
    if k == 1:
        lo = r.choice([0.0, -1.0, 2.5, -1e3])
        hi = lo + r.choice([1.0, 0.5, 10.0, 1e6, 0.0])
        args = [_fl(lo), _fl(hi)] if r.random() < 0.8 else [g.expr(FLOAT, 1), _fl(hi)]
        return T(_m(gen, "uniform", args + [_shape(a)]), A("float64", nd))
    if k == 2:
        lo = r.choice([0, -5, 1, -2**31, 100, -2**62])
        hi = lo + r.choice([1, 2, 10, 255, 2**32, 2**32 + 5, 2**62, 0])
        args = [const(lo, INT), const(hi, INT)] if r.random() < 0.75 else \
            [const(lo, INT), g.expr(INT, 1)]
        kws = [ast.keyword("endpoint", const(r.random() < 0.5, BOOL))] if r.random() < 0.4 else []
        return T(_m(gen, "integers", args + [_shape(a)], kws), A("int64", nd))
    if k == 3:
        return T(_m(gen, "standard_normal", [_shape(a)]), A("float64", nd))
    if k == 4:
        scale = _fl(r.choice([1.0, 0.5, 3.0, 0.0])) if r.random() < 0.85 else g.expr(FLOAT, 1)
        return T(_m(gen, "normal", [_fl(r.choice([0.0, 1.5, -2.0])), scale, _shape(a)]),
                 A("float64", nd))
    if k == 5:
        f32 = ast.keyword("dtype", ast.Attribute(ast.Name("np", L), "float32", L))
        return T(_m(gen, "random", [_shape(a)], [f32]), A("float32", nd))
    if k == 6 and nd == 1:
        return T(_m(gen, "permutation", [call("len", [a], INT)]), A("int64", 1))
    if k == 7:
        return T(_m(gen, "choice", [const(r.choice([1, 3, 10, 1000]), INT), _shape(a)]),
                 A("int64", nd))
    return T(_m(gen, "random", [_shape(a)]), A("float64", nd))


def extra_stmt(g, depth):
    """A generator variable and a loop drawing from it (a random walk)."""
    r = g.rng
    gv, s, i, res = g.fresh("g"), g.fresh("s"), g.fresh("i"), g.fresh("c")
    n = r.choice([0, 1, 5, 20]) if r.random() < 0.7 or not g.arrays else None
    count = const(n, INT) if n is not None else call("len", [g.arr_leaf()], INT)
    init_g = ast.Assign([ast.Name(gv, S)], _rng(_seed(g)))
    G = ast.Name(gv, L)
    if r.random() < 0.5:  # a float walk
        init = ast.Assign([ast.Name(s, S)], _fl(0.0))
        step_up = ast.AugAssign(ast.Name(s, S), ast.Add(), _m(G, "normal", [_fl(0.0), _fl(1.0)]))
        step_dn = ast.AugAssign(ast.Name(s, S), ast.Sub(), _m(G, "uniform", [_fl(0.0), _fl(2.0)]))
        body = [ast.If(ast.Compare(_m(G, "random", []), [ast.Lt()], [_fl(0.5)]), [step_up],
                       [step_dn])]
        st = FLOAT
    else:  # an int walk
        init = ast.Assign([ast.Name(s, S)], const(0, INT))
        if r.random() < 0.5:
            draw = call("int", [T(_m(G, "integers", [const(-3, INT), const(4, INT)]), INT)], INT)
        else:
            draw = _m(G, "choice", [const(r.choice([2, 6]), INT)])
        body = [ast.AugAssign(ast.Name(s, S), ast.Add(), draw)]
        st = INT
    loop = ast.For(ast.Name(i, S), ast.Call(ast.Name("range", L), [count], []), body, [])
    g.vars[res] = st
    return [init_g, init, loop, ast.Assign([ast.Name(res, S)], T(ast.Name(s, L), st))]
