"""The linear-form expansion shared by passes/ranges_linear.py and
passes/licm.py (passes/linear_forms.py): each operation kind, constants on
either side of `*`, the depth limit, the caller's `expandable` veto, and
random expression trees checked against their integer value."""
import random

from py2wasm.ir import I64, Eqn, Var
from py2wasm.passes.linear_forms import linear_form


class Tree:
    def __init__(self):
        self.consts, self.defs = {}, {}

    def const(self, k):
        v = Var(I64)
        self.consts[v.id] = k
        return v

    def op(self, prim, *ins):
        v = Var(I64)
        self.defs[v.id] = Eqn(prim, list(ins), [v], {})
        return v


def value(t, terms, const, env):
    return const + sum(c * env[vid] for vid, (_v, c) in terms.items())


def test_each_kind_and_shared_terms():
    t = Tree()
    i, j = Var(I64), Var(I64)
    # ((i * 8 + j) - (-i)) * 3 - 5  ==  27 i + 3 j - 5
    e = t.op("wsub", t.op("wmul", t.op("wsub", t.op("wadd", t.op("mul", i, t.const(8)), j),
                                       t.op("wneg", i)), t.const(3)), t.const(5))
    terms, const = linear_form(e, t.consts, t.defs, 10, lambda eq: True)
    assert const == -5
    assert {vid: c for vid, (_v, c) in terms.items()} == {i.id: 27, j.id: 3}
    # a constant on the left of *
    terms, const = linear_form(t.op("mul", t.const(-2), j), t.consts, t.defs, 10, lambda eq: True)
    assert const == 0 and terms == {j.id: (j, -2)}


def test_depth_and_veto_keep_values_as_terms():
    t = Tree()
    i, j = Var(I64), Var(I64)
    s = t.op("add", i, j)
    p = t.op("mul", i, j)          # not linear: a term
    e = t.op("sub", s, p)
    terms, const = linear_form(e, t.consts, t.defs, 1, lambda eq: True)
    assert {vid: c for vid, (_v, c) in terms.items()} == {s.id: 1, p.id: -1}
    terms, _ = linear_form(e, t.consts, t.defs, 5, lambda eq: eq.prim != "add")
    assert {vid: c for vid, (_v, c) in terms.items()} == {s.id: 1, p.id: -1}
    terms, _ = linear_form(e, t.consts, t.defs, 5, lambda eq: True)
    assert {vid: c for vid, (_v, c) in terms.items()} == {i.id: 1, j.id: 1, p.id: -1}


def test_random_trees_equal_their_value():
    rnd = random.Random(15)
    for _ in range(300):
        t = Tree()
        leaves = [Var(I64) for _ in range(3)]
        env = {v.id: rnd.randint(-50, 50) for v in leaves}
        vals = {v.id: env[v.id] for v in leaves}
        pool = list(leaves)
        for _ in range(rnd.randint(1, 8)):
            kind = rnd.choice(["add", "wadd", "sub", "wsub", "neg", "wneg", "mul", "wmul", "c"])
            a, b = rnd.choice(pool), rnd.choice(pool)
            if kind == "c":
                k = rnd.randint(-9, 9)
                v = t.const(k)
                vals[v.id] = k
            elif kind in ("neg", "wneg"):
                v = t.op(kind, a)
                vals[v.id] = -vals[a.id]
            elif kind in ("mul", "wmul"):
                k = rnd.randint(-4, 4)
                c = t.const(k)
                vals[c.id] = k
                v = t.op(kind, *((a, c) if rnd.random() < 0.5 else (c, a)))
                vals[v.id] = vals[a.id] * k
            else:
                v = t.op(kind, a, b)
                vals[v.id] = vals[a.id] + vals[b.id] if "add" in kind else vals[a.id] - vals[b.id]
            pool.append(v)
        top = pool[-1]
        terms, const = linear_form(top, t.consts, t.defs, 20, lambda eq: True)
        assert value(t, terms, const, vals) == vals[top.id]
        assert set(terms) <= {v.id for v in leaves}
