"""Ordinary builtins for the `py` kind (a mixin of gen_py.PyGen, issue 18;
`--exclude py_builtins` leaves it out): `sum min max any all sorted len` of
tuples and ranges, `x in range(a, b, k)`, `enumerate(t, k)`,
`zip(a, b, strict=True)` over lists (CPython's ValueError when their
lengths differ), `min(a, b, key=abs)`, `hash()` of ints, floats and tuples,
`hex oct bin`, `center ljust rjust zfill`, `math.prod` of a list, and
`str()`/f-strings of lists and dicts.
"""
from __future__ import annotations

import ast

from .gen_scalar import BOOL, FLOAT, INT, L, call, const
from .program import T

LI, LF, LS, DI, STR = "li", "lf", "ls", "di", "str"


class BuiltinsPy:
    P_BI = 0.06

    def _bon(self):
        return not self.ex("py_builtins")

    def e_int(self, d):
        if self._bon() and self.rng.random() < self.P_BI:
            return self.b_int(d)
        return super().e_int(d)

    def e_float(self, d):
        if self._bon() and self.rng.random() < self.P_BI:
            return self.b_float(d)
        return super().e_float(d)

    def e_bool(self, d):
        if self._bon() and self.rng.random() < self.P_BI:
            return self.b_bool(d)
        return super().e_bool(d)

    def e_str(self, d):
        if self._bon() and self.rng.random() < self.P_BI:
            return self.b_str(d)
        return super().e_str(d)

    def _tuple(self, t, n=None):
        n = n if n is not None else self.rng.randint(1, 4)
        return T(ast.Tuple([self.expr(t, 2) for _ in range(n)], L), "tuple")

    def _range(self, iterated=False):
        """range(a, b[, k]). An iterated range (summed, min/max-ed) gets its
        ends reduced to [-1000, 1000) (`e % 2000 - 1000`): the CPython
        reference of sum(range(0, ~7e18, 3)) runs for centuries in a C loop
        no signal interrupts. len() and `in` of a range are O(1): any ends."""
        r = self.rng
        args = [self.expr(INT, 2), self.expr(INT, 2)]
        if iterated:
            args = [T(ast.BinOp(T(ast.BinOp(a, ast.Mod(), const(2000, INT)), INT), ast.Sub(),
                                const(1000, INT)), INT) for a in args]
        if r.random() < 0.5:
            args.append(const(r.choice([1, 2, 3, -1, -2]), INT))
        return call("range", args, "range")

    def b_int(self, d):
        r = self.rng
        k = r.randrange(7)
        if k == 0:
            return call(r.choice(["sum", "min", "max"]), [self._tuple(INT)], INT)
        if k == 1:
            f = r.choice(["sum", "len"])
            return call(f, [self._range(iterated=f == "sum")], INT)
        if k == 2:
            node = call(r.choice(["min", "max"]), [self._range(iterated=True)], INT)
            node.keywords = [ast.keyword("default", const(-1, INT))]
            return node
        if k == 3:
            return call("hash", [r.choice([self.expr(INT, 2), self.expr(FLOAT, 2),
                                           self._tuple(r.choice([INT, FLOAT]), 2)])], INT)
        if k == 4:
            node = call(r.choice(["min", "max"]), [self.expr(INT, 2), self.expr(INT, 2)], INT)
            node.keywords = [ast.keyword("key", ast.Name("abs", L))]
            return node
        if k == 5:
            return T(ast.Call(ast.Attribute(ast.Name("math", L), "prod", L), [self.leaf(LI)], []), INT)
        # zip(strict=True) of two lists, consumed by sum(): ValueError when lengths differ
        pair = call("zip", [self.leaf(LI), self.leaf(LI)], "zip")
        pair.keywords = [ast.keyword("strict", const(True, BOOL))]
        comp = ast.ListComp(T(ast.BinOp(ast.Name("p_", L), ast.Mult(), ast.Name("q_", L)), INT),
                            [ast.comprehension(ast.Tuple([ast.Name("p_", ast.Store()),
                                                          ast.Name("q_", ast.Store())], ast.Store()),
                                               pair, [], 0)])
        return call("sum", [T(comp, LI)], INT)

    def b_float(self, d):
        r = self.rng
        if r.random() < 0.5:
            return call(r.choice(["sum", "min", "max"]), [self._tuple(FLOAT)], FLOAT)
        return T(ast.Call(ast.Attribute(ast.Name("math", L), "prod", L), [self.leaf(LF)], []), FLOAT)

    def b_bool(self, d):
        r = self.rng
        if r.random() < 0.5:
            return call(r.choice(["any", "all"]), [self._tuple(r.choice([INT, BOOL]))], BOOL)
        return T(ast.Compare(self.expr(INT, 2), [r.choice([ast.In, ast.NotIn])()], [self._range()]), BOOL)

    def b_str(self, d):
        r = self.rng
        k = r.randrange(4)
        if k == 0:
            return call(r.choice(["hex", "oct", "bin"]), [self.expr(INT, 2)], STR)
        if k == 1:
            m = r.choice(["center", "ljust", "rjust", "zfill"])
            args = [call("min", [self.expr(INT, 2), const(12, INT)], INT)]
            if m != "zfill" and r.random() < 0.5:
                args.append(const(r.choice(["*", "-", " "]), STR))
            return T(ast.Call(ast.Attribute(self.leaf(STR), m, L), args, []), STR)
        if k == 2:
            return call(r.choice(["str", "repr"]), [self.leaf(r.choice([LI, LF, LS, DI]))], STR)
        v = ast.FormattedValue(self.leaf(r.choice([LI, LF, DI])), -1, None)
        return T(ast.JoinedStr([ast.Constant("xs="), v]), STR)
