"""More of ordinary Python for the `py` kind (a mixin of gen_py.PyGen).

What gen_py.py generates, widened: lists of lists of ints (DP tables: `[[0]
* m for _ in range(n)]`, `t[i][j] = v`, `t[i].append(v)`, rows summed and
measured, `for row in t`), nested comprehensions and comprehensions over
`enumerate`/`zip`/dict items, `+=`/`*=`/`clear`/`del`/slice assignment on lists, `popitem update`
and `max(d, key=...)` on dicts, `pop update clear` and the in-place set
operators, more str methods (`rindex`, `find`/`count`/`startswith` with
bounds, `strip(chars)`, `replace(a, b, count)`, the `is...` classes, `chr`,
`repr`, `format`, `%` and `.format` as values, f-strings with specs and
floats as values, `min`/`max`/`sorted` of a str's characters), generators
feeding `sum min max next` (`default=`, `key=lambda`), the dataclass's
methods (a method with a loop, one returning a new instance, `==`,
`dataclasses.replace/astuple`), and early returns and raises inside loops
over containers, naming the loop variable.

The same rules as gen_py.py: one type per variable, small list elements, no
aliases of lists that a loop iterates, bounded growth (`xs *= k` only
outside loops).
"""
from __future__ import annotations

import ast

from .gen_scalar import BOOL, FLOAT, INT, L, S, call, const, name
from .program import T

LLI = "lli"  # list[list[int]]


def _lam(arg, body):
    return ast.Lambda(ast.arguments(posonlyargs=[], args=[ast.arg(arg)], vararg=None,
                                    kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body)


class MoreGen:
    # -- lists of lists ------------------------------------------------------------
    def new_lli(self):
        r = self.rng
        k = r.random()
        if k < 0.5:
            return T(ast.ListComp(
                T(ast.BinOp(T(ast.List([self.small_int()], L), "li"), ast.Mult(),
                            const(r.randint(0, 4), INT)), "li"),
                [ast.comprehension(ast.Name("_", S), call("range", [const(r.randint(0, 4), INT)], None),
                                   [], 0)]), LLI)
        return T(ast.List([T(ast.List([self.small_int() for _ in range(r.randint(0, 3))], L), "li")
                           for _ in range(r.randint(1, 3))], L), LLI)

    def e_lli(self, d):
        r = self.rng
        k = r.random()
        xv = self.fresh("x")
        if k < 0.3:  # [[x, -x] for x in xs]
            self.vars[xv] = INT
            row = T(ast.List([name(xv, INT), T(ast.UnaryOp(ast.USub(), name(xv, INT)), INT)], L), "li")
            del self.vars[xv]
            return T(ast.ListComp(row, [ast.comprehension(ast.Name(xv, S), self.leaf("li"), [], 0)]), LLI)
        if k < 0.5:  # [[i] * i for i in range(k)]
            self.vars[xv] = INT
            row = T(ast.BinOp(T(ast.List([name(xv, INT)], L), "li"), ast.Mult(), name(xv, INT)), "li")
            del self.vars[xv]
            return T(ast.ListComp(row, [ast.comprehension(ast.Name(xv, S), call("range", [self.bound(5)], None),
                                                          [], 0)]), LLI)
        if k < 0.65:  # rows copied (no aliases)
            return T(ast.List([self.slice_of(self.leaf("li"), "li") for _ in range(r.randint(1, 3))], L), LLI)
        return self.new_lli()

    def lli_row(self, copy=True):
        """t[i] (a copy: `t[i][:]`, so no variable aliases a row)."""
        row = T(ast.Subscript(self.leaf(LLI), self.index(), L), "li")
        if copy:
            return T(ast.Subscript(row, ast.Slice(None, None, None), L), "li")
        return row

    # -- expressions ---------------------------------------------------------------------
    def more_li(self, d):
        r = self.rng
        k = r.randrange(10)
        xv, yv = self.fresh("x"), self.fresh("y")
        if k == 0:  # [x * y % 97 for x in xs for y in range(k)]
            self.vars[xv] = INT
            self.vars[yv] = INT
            elt = T(ast.BinOp(T(ast.BinOp(name(xv, INT), ast.Mult(), name(yv, INT)), INT), ast.Mod(),
                              const(97, INT)), INT)
            del self.vars[xv], self.vars[yv]
            return T(ast.ListComp(elt, [ast.comprehension(ast.Name(xv, S), self.leaf("li"), [], 0),
                                        ast.comprehension(ast.Name(yv, S),
                                                          call("range", [self.bound(3)], None), [], 0)]), "li")
        if k == 1:  # [i * x % 97 for i, x in enumerate(xs)]
            self.vars[xv] = INT
            self.vars[yv] = INT
            elt = T(ast.BinOp(T(ast.BinOp(name(xv, INT), ast.Mult(), name(yv, INT)), INT), ast.Mod(),
                              const(97, INT)), INT)
            del self.vars[xv], self.vars[yv]
            tgt = ast.Tuple([ast.Name(xv, S), ast.Name(yv, S)], S)
            return T(ast.ListComp(elt, [ast.comprehension(tgt, call("enumerate", [self.leaf("li")], None),
                                                          [], 0)]), "li")
        if k == 2:  # [a - b for a, b in zip(xs, ys)]
            self.vars[xv] = INT
            self.vars[yv] = INT
            elt = T(ast.BinOp(name(xv, INT), r.choice([ast.Sub, ast.Add])(), name(yv, INT)), INT)
            del self.vars[xv], self.vars[yv]
            tgt = ast.Tuple([ast.Name(xv, S), ast.Name(yv, S)], S)
            return T(ast.ListComp(elt, [ast.comprehension(
                tgt, call("zip", [self.leaf("li"), self.leaf("li")], None), [], 0)]), "li")
        if k == 3:
            return call("list", [call("range", [const(r.randint(-3, 3), INT), self.bound(9),
                                                const(r.choice([1, 2, 3, -1]), INT)], None)], "li")
        if k == 4:  # sorted(x * 2 for x in s)
            self.vars[xv] = INT
            elt = T(ast.BinOp(name(xv, INT), ast.Mult(), const(2, INT)), INT)
            del self.vars[xv]
            return call("sorted", [ast.GeneratorExp(elt, [ast.comprehension(
                ast.Name(xv, S), self.leaf(r.choice(["si", "li"])), [], 0)])], "li")
        if k == 5:  # [sum(r) for r in t], [len(r) ...]
            self.cvars[xv] = "li"
            elt = call(r.choice(["sum", "len"]), [name(xv, "li")], INT)
            del self.cvars[xv]
            return T(ast.ListComp(elt, [ast.comprehension(ast.Name(xv, S), self.leaf(LLI), [], 0)]), "li")
        if k == 6:
            return self.lli_row()
        if k == 7:  # [v for k, v in d.items() if k > c]
            self.vars[xv] = INT
            self.vars[yv] = INT
            cond = T(ast.Compare(name(xv, INT), [r.choice([ast.Gt, ast.Lt])()], [self.small_int()]), BOOL)
            del self.vars[xv], self.vars[yv]
            tgt = ast.Tuple([ast.Name(xv, S), ast.Name(yv, S)], S)
            items = T(ast.Call(ast.Attribute(self.leaf("di"), "items", L), [], []), None)
            return T(ast.ListComp(name(yv, INT), [ast.comprehension(tgt, items, [cond], 0)]), "li")
        if k == 8:
            return call("list", [call("gen1", [self.leaf("li")], None)], "li")
        return call("sorted", [self.leaf("li")], "li")

    def more_str(self, d):
        r = self.rng
        k = r.randrange(11)
        if k == 0:
            return T(ast.Call(ast.Attribute(self.leaf("str"), r.choice(["strip", "lstrip", "rstrip"]), L),
                              [const(r.choice(["a", ", ", "-+", "1 ", "cb"]), "str")], []), "str")
        if k == 1:
            return T(ast.Call(ast.Attribute(self.leaf("str"), "replace", L),
                              [const(r.choice(["a", ",", " ", "b"]), "str"),
                               const(r.choice(["", "xy", "-"]), "str"), self.index()], []), "str")
        if k == 2:
            return call("chr", [T(ast.BinOp(const(65, INT), ast.Add(), T(ast.BinOp(
                self.expr(INT, 2), ast.Mod(), const(26, INT)), INT)), INT)], "str")
        if k == 3:
            return call("repr", [self.expr(r.choice(["str", FLOAT, INT]), 2)], "str")
        if k == 4:
            t = r.choice([INT, FLOAT])
            spec = r.choice([">5d", "+d", "x", "03d", ","]) if t == INT else \
                r.choice([".3f", "+.2e", "g", ".1%", "10.4f"])
            return call("format", [self.expr(t, 2), const(spec, "str")], "str")
        if k == 5:
            return self._percent()
        if k == 6:
            return T(ast.Call(ast.Attribute(const("{} {:.2f}", "str"), "format", L),
                              [self.expr(INT, 2), self.expr(FLOAT, 2)], []), "str")
        if k == 7:
            return T(ast.Call(ast.Attribute(const(r.choice(["", "-"]), "str"), "join", L),
                              [call(r.choice(["sorted", "list"]), [self.leaf("str")], "ls")], []), "str")
        if k == 8:
            s = self.leaf("str")
            i = self.index()
            return T(ast.BinOp(T(ast.Subscript(s, ast.Slice(i, None, None), L), "str"), ast.Add(),
                               T(ast.Subscript(s, ast.Slice(None, i, None), L), "str")), "str")
        if k == 9:
            return T(ast.BinOp(call("str", [self.expr(INT, 2)], "str"), ast.Mult(),
                               call("min", [self.expr(INT, 2), const(3, INT)], INT)), "str")
        return self.fstring(d, rich=True)

    def _percent(self):
        r = self.rng
        if r.random() < 0.5:
            return T(ast.BinOp(const("%d|%s", "str"), ast.Mod(),
                               ast.Tuple([self.expr(INT, 2), self.leaf("str")], L)), "str")
        return T(ast.BinOp(const("<%s:%.3f>", "str"), ast.Mod(),
                           ast.Tuple([self.leaf("str"), self.expr(FLOAT, 2)], L)), "str")

    def more_di(self, d):
        r = self.rng
        xv, yv = self.fresh("x"), self.fresh("y")
        if r.random() < 0.5:  # {k: v for k, v in d.items() if v > c}
            self.vars[xv] = INT
            self.vars[yv] = INT
            cond = T(ast.Compare(name(yv, INT), [r.choice([ast.Gt, ast.Lt, ast.NotEq])()],
                                 [self.small_int()]), BOOL)
            val = T(ast.BinOp(name(yv, INT), ast.Add(), name(xv, INT)), INT) if r.random() < 0.5 else name(yv, INT)
            del self.vars[xv], self.vars[yv]
            tgt = ast.Tuple([ast.Name(xv, S), ast.Name(yv, S)], S)
            items = T(ast.Call(ast.Attribute(self.leaf("di"), "items", L), [], []), None)
            return T(ast.DictComp(name(xv, INT), val, [ast.comprehension(tgt, items, [cond], 0)]), "di")
        self.vars[xv] = INT
        self.vars[yv] = INT
        del self.vars[xv], self.vars[yv]
        tgt = ast.Tuple([ast.Name(xv, S), ast.Name(yv, S)], S)
        return T(ast.DictComp(name(yv, INT), name(xv, INT), [ast.comprehension(
            tgt, call("enumerate", [self.leaf("li")], None), [], 0)]), "di")

    def more_si(self, d):
        r = self.rng
        xv = self.fresh("x")
        if r.random() < 0.5:
            self.vars[xv] = INT
            elt = T(ast.BinOp(name(xv, INT), ast.Mod(), const(r.choice([3, 5]), INT)), INT)
            del self.vars[xv]
            return T(ast.SetComp(elt, [ast.comprehension(ast.Name(xv, S), call("range", [self.bound(9)], None),
                                                         [], 0)]), "si")
        return T(ast.BinOp(self.leaf("si"), r.choice([ast.BitOr, ast.BitAnd, ast.Sub, ast.BitXor])(),
                           call("set", [self.leaf("li")], "si")), "si")

    def more_int(self, d):
        r = self.rng
        k = r.randrange(16)
        xv, yv = self.fresh("x"), self.fresh("y")
        if k == 0:
            return self.meth(self.leaf("str"), "rindex", [const(r.choice(["a", "b", ",", " "]), "str")], INT)
        if k == 1:
            m = r.choice(["find", "count", "rfind"])
            args = [const(r.choice(["a", "b", ",", "", "1"]), "str"), self.index()]
            if r.random() < 0.5:
                args.append(self.index())
            return self.meth(self.leaf("str"), m, args, INT)
        if k == 2:  # sum(i * x for i, x in enumerate(xs))
            self.vars[xv] = INT
            self.vars[yv] = INT
            elt = T(ast.BinOp(name(xv, INT), ast.Mult(), name(yv, INT)), INT)
            del self.vars[xv], self.vars[yv]
            tgt = ast.Tuple([ast.Name(xv, S), ast.Name(yv, S)], S)
            src = call("enumerate", [self.leaf("li")], None) if r.random() < 0.5 else \
                call("zip", [self.leaf("li"), self.leaf("li")], None)
            return call("sum", [ast.GeneratorExp(elt, [ast.comprehension(tgt, src, [], 0)])], INT)
        if k == 3:  # min((x for x in xs if x > c), default=d)
            self.vars[xv] = INT
            cond = T(ast.Compare(name(xv, INT), [r.choice([ast.Gt, ast.Lt])()], [self.small_int()]), BOOL)
            del self.vars[xv]
            g = ast.GeneratorExp(name(xv, INT), [ast.comprehension(ast.Name(xv, S), self.leaf("li"), [cond], 0)])
            node = call(r.choice(["min", "max"]), [g], INT)
            if r.random() < 0.7:
                node.keywords = [ast.keyword("default", self.small_int())]
            return node
        if k == 4:  # max(xs, key=lambda v: abs(v - c), default=0)
            self.vars[xv] = INT
            body = call("abs", [T(ast.BinOp(name(xv, INT), ast.Sub(), self.small_int()), INT)], INT)
            del self.vars[xv]
            node = call(r.choice(["min", "max"]), [self.leaf("li")], INT)
            node.keywords = [ast.keyword("key", _lam(xv, body))]
            if r.random() < 0.6:
                node.keywords.append(ast.keyword("default", self.small_int()))
            return node
        if k == 5:
            g = call("gen0", [self.bound(6)], None) if r.random() < 0.5 else \
                call("gen1", [self.leaf("li")], None)
            return call("next", [g, self.small_int()], INT)
        if k == 6:
            node = call(r.choice(["sum", "max", "min"]), [call("gen1", [self.leaf("li")], None)], INT)
            if node.func.id != "sum" and r.random() < 0.7:
                node.keywords = [ast.keyword("default", self.small_int())]
            return node
        if k == 7:  # sum(1 for c in s if c == 'a'), sum(len(w) for w in s.split())
            if r.random() < 0.5:
                cond = T(ast.Compare(name(xv, "str"), [ast.Eq()], [const(r.choice(["a", ",", " "]), "str")]), BOOL)
                g = ast.GeneratorExp(const(1, INT), [ast.comprehension(ast.Name(xv, S), self.leaf("str"), [cond], 0)])
            else:
                g = ast.GeneratorExp(call("len", [name(xv, "str")], INT), [ast.comprehension(
                    ast.Name(xv, S), T(ast.Call(ast.Attribute(self.leaf("str"), "split", L), [], []), "ls"), [], 0)])
            return call("sum", [g], INT)
        if k == 8:
            d_ = self.leaf("di")
            if r.random() < 0.5:
                return call(r.choice(["sum", "max", "min"]),
                            [T(ast.Call(ast.Attribute(d_, "values", L), [], []), None)], INT)
            node = call(r.choice(["max", "min"]), [d_], INT)
            self.vars[xv] = INT
            node.keywords = [ast.keyword("key", _lam(xv, T(ast.Subscript(d_, name(xv, INT), L), INT)))]
            del self.vars[xv]
            return node
        if k == 9:
            cands = self.cnames("di", mutable=True)
            if not cands:
                return None
            return T(ast.Subscript(self.meth(name(r.choice(cands), "di"), "popitem", [], None),
                                   const(r.randint(0, 1), INT), L), INT)
        if k == 10:
            cands = self.cnames("si", mutable=True)
            if not cands:
                return None
            return self.meth(name(r.choice(cands), "si"), "pop", [], INT)
        if k == 11:
            return T(ast.Subscript(self.lli_row(copy=False), self.index(), L), INT)
        if k == 12:
            if r.random() < 0.6:
                return call(r.choice(["len", "sum"]), [self.lli_row(copy=False)], INT)
            return call("len", [self.leaf(LLI)], INT)
        if k == 13:
            p = self.leaf("pt")
            if r.random() < 0.5:
                return self.meth(p, "walk", [self.bound(5)], INT)
            return T(ast.Attribute(self.meth(p, "moved", [self.small_int()], "pt"), "x", L), INT)
        if k == 14:
            src = self.leaf(LLI)
            g = ast.GeneratorExp(call("len", [name(xv, "li")], INT),
                                 [ast.comprehension(ast.Name(xv, S), src, [], 0)])
            node = call("max", [g], INT)
            node.keywords = [ast.keyword("default", const(-1, INT))]
            return node
        return call("sum", [T(ast.Call(ast.Attribute(self.leaf("di"), "keys", L), [], []), None)], INT)

    def more_bool(self, d):
        r = self.rng
        k = r.randrange(5)
        if k == 0:
            m = r.choice(["isdecimal", "isnumeric", "isalnum", "islower", "isupper"])
            return self.meth(self.leaf("str"), m, [], BOOL)
        if k == 1:
            return self.meth(self.leaf("str"), r.choice(["startswith", "endswith"]),
                             [const(r.choice(["a", "b", "", " "]), "str"), self.index()], BOOL)
        if k == 2:
            xv = self.fresh("x")
            m = r.choice(["isdigit", "isspace", "isalpha"])
            g = ast.GeneratorExp(self.meth(name(xv, "str"), m, [], BOOL),
                                 [ast.comprehension(ast.Name(xv, S), self.leaf("str"), [], 0)])
            return call(r.choice(["any", "all"]), [g], BOOL)
        if k == 3:
            p = self.leaf("pt")
            return T(ast.Compare(p, [r.choice([ast.Eq, ast.NotEq])()], [self.new_pt()]), BOOL)
        return T(ast.Compare(self.lli_row(), [ast.Eq()], [self.expr("li", 2)]), BOOL)

    # -- statements ------------------------------------------------------------------
    def more_stmt(self, depth):
        r = self.rng
        k = r.randrange(8)
        if k <= 1:  # t[i][j] = v, t[i][j] += v, t[i].append(v)
            cands = self.cnames(LLI, mutable=True)
            if not cands:
                return None
            row = T(ast.Subscript(name(r.choice(cands), LLI), self.index(), L), "li")
            kk = r.random()
            if kk < 0.4:
                return [ast.Assign([ast.Subscript(row, self.index(), S)], self.small_int())]
            if kk < 0.6:
                return [ast.AugAssign(ast.Subscript(row, self.index(), S), ast.Add(), self.small_int())]
            if kk < 0.85:
                return [ast.Expr(self.meth(row, "append", [self.small_int()], None))]
            return [ast.Expr(self.meth(row, "pop", [], None))]
        if k == 2:  # xs += ..., xs *= k (not in loops: bounded growth), xs.clear()
            t = r.choice(["li", "lf"])
            cands = self.cnames(t, mutable=True)
            if not cands:
                return None
            xs = r.choice(cands)
            kk = r.random()
            if kk < 0.5:
                return [ast.AugAssign(ast.Name(xs, S), ast.Add(), self.expr(t, 2))]
            if kk < 0.65 and not self.loop_depth:
                return [ast.AugAssign(ast.Name(xs, S), ast.Mult(), call("min", [self.bound(3), const(2, INT)], INT))]
            if kk < 0.75:  # del xs[i], del xs[a:b:c]
                tgt = self.index() if r.random() < 0.5 else self.slice_of(name(xs, t), t).slice
                return [ast.Delete([ast.Subscript(name(xs, t), tgt, ast.Del())])]
            if kk < 0.9:  # slice assignment (an extended slice: CPython's ValueError on sizes)
                return [ast.Assign([ast.Subscript(name(xs, t), self.slice_of(name(xs, t), t).slice, S)],
                                   self.expr(t, 2))]
            return [ast.Expr(self.meth(name(xs, t), "clear", [], None))]
        if k == 3:
            cands = self.cnames("si", mutable=True)
            if not cands:
                return None
            s = r.choice(cands)
            kk = r.random()
            if kk < 0.4:
                return [ast.AugAssign(ast.Name(s, S), r.choice([ast.BitOr, ast.BitAnd, ast.Sub, ast.BitXor])(),
                                      self.expr("si", 2))]
            if kk < 0.7:
                return [ast.Expr(self.meth(name(s, "si"), "update", [self.leaf("li")], None))]
            if kk < 0.85:
                return [ast.Expr(self.meth(name(s, "si"), "clear", [], None))]
            return [ast.Expr(self.meth(name(s, "si"), "pop", [], None))]
        if k == 4:
            cands = self.cnames("di", mutable=True)
            if not cands:
                return None
            dv = name(r.choice(cands), "di")
            if r.random() < 0.6:
                return [ast.Expr(self.meth(dv, "update", [self.expr("di", 2)], None))]
            return [ast.Expr(self.meth(dv, "popitem", [], None))]
        if k == 5:
            cands = self.cnames("pt", mutable=True)
            if not cands:
                return None
            p = r.choice(cands)
            if r.random() < 0.5:
                return [ast.Expr(self.meth(name(p, "pt"), "walk", [self.bound(4)], INT))]
            return [ast.Assign([ast.Name(p, S)], self._replace(p))]
        if k == 6:  # a string variable rebuilt from formatted values
            cands = self.cnames("str", mutable=True)
            if not cands:
                return None
            return [ast.AugAssign(ast.Name(r.choice(cands), S), ast.Add(), self.more_str(2))]
        return self.search_loop(depth)

    def _replace(self, p):
        node = call("dataclasses.replace", [name(p, "pt")], "pt")
        node.keywords = [ast.keyword(self.rng.choice(["x", "y"]), None)]
        kw = node.keywords[0]
        kw.value = self.small_int() if kw.arg == "x" else self.small_float()
        return node

    def search_loop(self, depth):
        """for x in xs: if x > c: return x / raise / break: an early exit
        naming the loop variable."""
        r = self.rng
        src = r.choice(["li", "lf", "str"])
        xv = self.fresh("x")
        t = {"li": INT, "lf": FLOAT, "str": "str"}[src]
        it = self.leaf(src)
        if t == "str":
            cond = T(ast.Compare(name(xv, "str"), [r.choice([ast.Eq, ast.Lt])()],
                                 [const(r.choice(["a", ",", "1", " "]), "str")]), BOOL)
        else:
            cond = T(ast.Compare(name(xv, t), [r.choice([ast.Gt, ast.Lt, ast.Eq])()],
                                 [self.small_int() if t == INT else self.small_float()]), BOOL)
        (self.vars if t in (INT, FLOAT) else self.cvars)[xv] = t
        saved = set(self.frozen)
        self.frozen |= set(self.cnames(src))
        self.frozen.add(xv)
        kk = r.random()
        if kk < 0.4 and self.ret_t is not None:
            exit_ = ast.Return(self.expr(self.ret_t, 1))
        elif kk < 0.75:
            exc = r.choice(["ValueError", "IndexError", "RuntimeError"])
            msg = ast.JoinedStr([ast.Constant("found "), ast.FormattedValue(name(xv, t), r.choice([-1, ord("r")]),
                                                                             None)])
            exit_ = ast.Raise(ast.Call(ast.Name(exc, L), [msg], []), None)
        else:
            exit_ = ast.Break()
        self.loop_depth += 1
        body = self.block(depth + 1, r.randint(1, 2))
        self.loop_depth -= 1
        (self.vars if t in (INT, FLOAT) else self.cvars).pop(xv)
        self.frozen = saved
        return [ast.For(ast.Name(xv, S), it, [ast.If(cond, [exit_], [])] + body, [])]
