"""Still more ordinary Python for the `py` kind (a mixin of gen_py.PyGen;
`--exclude py_extra` leaves it out).

What gen_py.py and gen_py_more.py generate, widened (seventh session):
records and small classes beyond the mutable dataclass (`@dataclass(frozen=True)`
with a method returning a new instance and CPython's FrozenInstanceError
when a field is assigned or deleted; a `typing.NamedTuple` with a default, a method,
indexing, `_replace`, unpacking, `==`/`<` against tuples; a plain class with
a class attribute, a `@property` with a setter that raises a formatted
ValueError, a `@classmethod` and a `@staticmethod`), a generator function
with a `while` loop and a bare `return` (`next()` without a default:
StopIteration), dicts and sets of strs made in the function (counting the
words of a split string, `d[s]`/`d.pop(s)` of a missing key: KeyError with
the key's repr, `s2.remove(s)`), `int(s, base)` (CPython's ValueError naming
the base), `ls.index(s)` of a missing str, `sorted`/`sort`/`min`/`max` with
`key=` (lambdas returning tuples, `abs`, `len`) and `reverse=`, the case
methods (`title capitalize swapcase casefold`), and f-strings as values with
more format specs (`>10.3f`, `,.2f`, `_`, `z.1f`, `!r:>8`).
Optional values (issue 18): helpers returning an int or None (`ofind`,
`omin`) narrowed by `is None`/`is not None`/`==`/truthiness/`or`, or used as
an int (CPython's TypeError when None), and a default-None parameter.
"""
from __future__ import annotations

import ast

from .gen_scalar import BOOL, FLOAT, INT, L, S, call, const, name
from .program import T


def copy_node(node):
    """A deep copy of an expression (its tags too), to use it twice."""
    import copy
    return copy.deepcopy(node)

EXTRA_HELPER_SRC = '''
@dataclasses.dataclass(frozen=True)
class Fz:
    x: int
    y: float = 0.5

    def scaled(self, k: int) -> "Fz":
        return Fz(self.x * k % 1000, self.y * k)


class Nt(typing.NamedTuple):
    x: int
    y: float = 1.0

    def total(self) -> float:
        return self.x + self.y


class Acc:
    unit = 2

    def __init__(self, v):
        self._v = v

    @property
    def v(self):
        return self._v * self.unit

    @v.setter
    def v(self, x):
        if x < -20:
            raise ValueError(f"too small: {x:>5}")
        self._v = x

    @classmethod
    def make(cls, n):
        return cls(n % 7)

    @staticmethod
    def sq(x):
        return x * x % 97


def gen2(n):
    k = 0
    while k < n:
        yield k * 3 % 5 - 1
        k += 1
    return


def ofind(xs, t):
    for i, x in enumerate(xs):
        if x == t:
            return i
    return None


def omin(xs):
    best = None
    for x in xs:
        if best is None or x < best:
            best = x
    return best


def oscale(x, k=None):
    if k is None:
        k = 3
    return x * k % 1000
'''

WORDS = ["a", "b", "ab", "", "x y", "it's", "1", "AbC"]


def _lam(arg, body):
    return ast.Lambda(ast.arguments(posonlyargs=[], args=[ast.arg(arg)], vararg=None,
                                    kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body)


class ExtraPy:
    P_PY = 0.1

    def _pon(self):
        return not self.ex("py_extra")

    def extra_helpers(self):
        if not self._pon():
            return []
        return [ast.Import([ast.alias("typing")])] + ast.parse(EXTRA_HELPER_SRC).body

    # -- hooks ---------------------------------------------------------------------
    def e_int(self, d):
        if self._pon() and self.rng.random() < self.P_PY:
            node = self.p_int(d)
            if node is not None:
                return node
        return super().e_int(d)

    def e_float(self, d):
        if self._pon() and self.rng.random() < self.P_PY:
            node = self.p_float(d)
            if node is not None:
                return node
        return super().e_float(d)

    def e_bool(self, d):
        if self._pon() and self.rng.random() < self.P_PY:
            node = self.p_bool(d)
            if node is not None:
                return node
        return super().e_bool(d)

    def stmt(self, depth):
        if depth < 3 and self._pon() and self.rng.random() < 0.08:
            out = self.p_stmt(depth)
            if out:
                return out
        return super().stmt(depth)

    # -- values ---------------------------------------------------------------------------
    def _fz(self):
        return call("Fz", [self.small_int()] + ([self.small_float()] if self.rng.random() < 0.6 else []), "fz")

    def _nt(self):
        return call("Nt", [self.small_int()] + ([self.small_float()] if self.rng.random() < 0.6 else []), "nt")

    def _acc(self):
        if self.rng.random() < 0.5:
            return T(ast.Call(ast.Attribute(ast.Name("Acc", L), "make", L), [self.small_int()], []), "acc")
        return call("Acc", [self.small_int()], "acc")

    def _str_dict(self):
        r = self.rng
        keys = r.sample(WORDS, r.randint(1, 4))
        return T(ast.Dict([const(k, "str") for k in keys], [self.small_int() for _ in keys]), "ds")

    def p_int(self, d):
        r = self.rng
        k = r.randrange(18)
        if k >= 14:
            return self._optional_int(k - 14)
        if k == 0:
            return T(ast.Attribute(self._fz(), "x", L), INT)
        if k == 1:
            return T(ast.Attribute(self.meth(self._fz(), "scaled", [self.small_int()], "fz"), "x", L), INT)
        if k == 2:
            nt = self._nt()
            if r.random() < 0.5:
                return T(ast.Subscript(nt, const(r.choice([0, -2]), INT), L), INT)
            rep = T(ast.Call(ast.Attribute(nt, "_replace", L), [], [ast.keyword("x", self.small_int())]), "nt")
            return T(ast.Attribute(rep, "x", L), INT)
        if k == 3:
            return T(ast.Attribute(self._acc(), "v", L), INT)
        if k == 4:
            return T(ast.Call(ast.Attribute(ast.Name("Acc", L), "sq", L), [self.small_int()], []), INT)
        if k == 5:  # StopIteration when the generator is empty
            return call("next", [call("gen2", [self.bound(4)], None)], INT)
        if k == 6:
            return call(r.choice(["sum", "max"]) if r.random() < 0.5 else "sum",
                        [call("gen2", [self.bound(6)], None)], INT)
        if k == 7:  # KeyError('...') with the key's repr
            ds = self._str_dict()
            s = self.leaf("str")
            if r.random() < 0.6:
                return T(ast.Subscript(ds, s, L), INT)
            return self.meth(ds, "get", [s, self.small_int()], INT)
        if k == 8:
            s = self.leaf("str")
            base = const(r.choice([0, 2, 8, 16, 36, 10]), INT)
            marks = {} if isinstance(s, ast.Constant) else {"refwrap": "_chk"}
            return call("int", [s, base], INT, **marks)
        if k == 9:
            return self.meth(self.leaf("ls"), "index", [self.leaf("str")], INT)
        if k == 10:  # min/max with a key and a default
            xs = self.leaf("li")
            xv = self.fresh("x")
            self.vars[xv] = INT
            key = T(ast.Tuple([T(ast.BinOp(name(xv, INT), ast.Mod(), const(3, INT)), INT),
                               T(ast.UnaryOp(ast.USub(), name(xv, INT)), INT)], L), "tuple")
            del self.vars[xv]
            node = call(r.choice(["min", "max"]), [xs], INT)
            node.keywords = [ast.keyword("key", r.choice([_lam(xv, key), ast.Name("abs", L)]))]
            if r.random() < 0.5:
                node.keywords.append(ast.keyword("default", self.small_int()))
            return node
        if k == 11:
            return call("len", [call("max" if r.random() < 0.5 else "min", [self.leaf("ls")], "str")], INT)
        if k == 12:
            sl = call("sorted", [self.leaf("li")], "li")
            xv = self.fresh("x")
            self.vars[xv] = INT
            sl.keywords = [ast.keyword("key", _lam(xv, T(ast.Tuple([
                call("abs", [name(xv, INT)], INT), name(xv, INT)], L), "tuple")))]
            del self.vars[xv]
            if r.random() < 0.5:
                sl.keywords.append(ast.keyword("reverse", const(True, BOOL)))
            return T(ast.Subscript(sl, self.index(), L), INT)
        return call("len", [self._str_dict()], INT)

    def _optional_int(self, k):
        """An int from a helper returning an int or None (Optional values)."""
        r = self.rng
        opt = call("ofind", [self.leaf("li"), self.small_int()], None) if r.random() < 0.5 else \
            call("omin", [self.leaf("li")], None)
        if k == 0:  # narrowed by a test in a conditional expression
            test = r.choice([lambda o: ast.Compare(o, [ast.IsNot()], [ast.Constant(None)]),
                             lambda o: ast.Compare(o, [ast.NotEq()], [ast.Constant(None)]),
                             lambda o: o])
            other = copy_node(opt)
            return T(ast.IfExp(T(test(opt), BOOL), other, self.small_int()), INT)
        if k == 1:  # `or`: a None (or 0) gives the default
            return T(ast.BoolOp(ast.Or(), [opt, self.small_int()]), INT)
        if k == 2:  # used as an int: CPython's TypeError when None
            return T(ast.BinOp(opt, r.choice([ast.Add(), ast.Mult()]), self.small_int()), INT)
        args = [self.small_int()] + ([r.choice([ast.Constant(None), self.small_int()])]
                                     if r.random() < 0.7 else [])
        return call("oscale", args, INT)

    def p_float(self, d):
        r = self.rng
        k = r.randrange(4)
        if k == 0:
            return self.meth(self._nt(), "total", [], FLOAT)
        if k == 1:
            return T(ast.Attribute(self._fz(), "y", L), FLOAT)
        if k == 2:
            return T(ast.Subscript(self._nt(), const(r.choice([1, -1]), INT), L), FLOAT)
        return T(ast.Attribute(self.meth(self._fz(), "scaled", [self.small_int()], "fz"), "y", L), FLOAT)

    def p_bool(self, d):
        r = self.rng
        k = r.randrange(5)
        if k == 0:
            return T(ast.Compare(self._fz(), [r.choice([ast.Eq, ast.NotEq])()], [self._fz()]), BOOL)
        if k == 1:
            return T(ast.Compare(self._nt(), [r.choice([ast.Lt, ast.Eq, ast.GtE])()], [self._nt()]), BOOL)
        if k == 2:
            tup = T(ast.Tuple([self.small_int(), self.small_float()], L), "tuple")
            return T(ast.Compare(self._nt(), [r.choice([ast.Eq, ast.Lt])()], [tup]), BOOL)
        if k == 3:
            return T(ast.Compare(self.leaf("str"), [r.choice([ast.In, ast.NotIn])()], [self._str_dict()]), BOOL)
        s = self.leaf("str")
        return T(ast.Compare(self.meth(s, r.choice(["title", "capitalize", "swapcase", "casefold"]), [], "str"),
                             [ast.Eq()], [self.leaf("str")]), BOOL)

    def x_str(self, d):
        r = self.rng
        k = r.randrange(3)
        if k == 0:
            return self.meth(self.leaf("str"), r.choice(["title", "capitalize", "swapcase", "casefold"]), [], "str")
        if k == 1:
            t = r.choice([INT, FLOAT, "str"])
            spec = {INT: [">8", "_", ",", "+06d", "^9x"], FLOAT: [">10.3f", ",.2f", "_", "z.1f", ".3e", "10g"],
                    "str": ["!r:>8", ">6", "*<5"]}[t]
            sp = r.choice(spec)
            conv = -1
            if sp.startswith("!r:"):
                conv, sp = ord("r"), sp[3:]
            v = ast.FormattedValue(self.expr(t, 2), conv, ast.JoinedStr([ast.Constant(sp)]))
            return T(ast.JoinedStr([ast.Constant(r.choice(["", "v="])), v]), "str")
        sl = call("sorted", [self.leaf("ls")], "ls")
        sl.keywords = [ast.keyword("key", ast.Name("len", L))]
        if r.random() < 0.5:
            sl.keywords.append(ast.keyword("reverse", const(True, BOOL)))
        return T(ast.Call(ast.Attribute(const(",", "str"), "join", L), [sl], []), "str")

    # -- statements ----------------------------------------------------------------------
    def _int_var(self):
        vs = [v for v, t in self.vars.items() if t == INT and not v.startswith(("i", "k", "x", "y"))]
        return self.rng.choice(vs) if vs else None

    def p_stmt(self, depth):
        r = self.rng
        k = r.randrange(6)
        tv = self.fresh("t")
        iv = self._int_var()
        if iv is None:
            return None
        if k == 0:  # assigning or deleting a frozen field: FrozenInstanceError
            field = ast.Attribute(ast.Name(tv, L), r.choice(["x", "y"]), S)
            change = ast.Assign([field], self.small_int()) if r.random() < 0.7 else \
                ast.Delete([ast.Attribute(field.value, field.attr, ast.Del())])
            return [ast.Assign([ast.Name(tv, S)], self._fz()),
                    ast.If(self.expr(BOOL, 2), [change], []),
                    ast.Assign([ast.Name(iv, S)], T(ast.Attribute(name(tv, "fz"), "x", L), INT))]
        if k == 1:  # a property setter that may raise
            return [ast.Assign([ast.Name(tv, S)], self._acc()),
                    ast.Assign([ast.Attribute(ast.Name(tv, L), "v", S)], self.small_int()),
                    ast.Assign([ast.Name(iv, S)], T(ast.Attribute(name(tv, "acc"), "v", L), INT))]
        if k == 2:  # unpacking a NamedTuple
            fvs = [v for v, t in self.vars.items() if t == FLOAT and not v.startswith(("i", "k", "x", "y"))]
            if not fvs:
                return None
            return [ast.Assign([ast.Tuple([ast.Name(iv, S), ast.Name(r.choice(fvs), S)], S)], self._nt())]
        if k == 3:  # counting the words of a string
            wv = self.fresh("w")
            s = self.leaf("str")
            sep = [const(r.choice([",", " ", "a"]), "str")] if r.random() < 0.6 else []
            count = ast.Assign([ast.Subscript(ast.Name(tv, L), ast.Name(wv, L), S)],
                               T(ast.BinOp(self.meth(name(tv, "ds"), "get", [ast.Name(wv, L), const(0, INT)], INT),
                                           ast.Add(), const(1, INT)), INT))
            loop = ast.For(ast.Name(wv, S), self.meth(s, "split", sep, "ls"), [count], [])
            kk = r.random()
            if kk < 0.4:
                val = T(ast.Subscript(name(tv, "ds"), self.leaf("str"), L), INT)
            elif kk < 0.6:
                val = self.meth(name(tv, "ds"), "pop", [self.leaf("str")], INT)
            elif kk < 0.8:
                val = call("max", [T(ast.Call(ast.Attribute(name(tv, "ds"), "values", L), [], []), None)], INT)
                val.keywords = [ast.keyword("default", const(-1, INT))]
            else:
                val = call("len", [name(tv, "ds")], INT)
            return [ast.Assign([ast.Name(tv, S)], ast.Dict([], [])), loop, ast.Assign([ast.Name(iv, S)], val)]
        if k == 4:  # a set of strs: remove (KeyError with the repr)
            items = [const(w, "str") for w in r.sample(WORDS, r.randint(1, 3))]
            m = r.choice(["remove", "discard", "add"])
            return [ast.Assign([ast.Name(tv, S)], ast.Set(items)),
                    ast.Expr(self.meth(name(tv, "ss"), m, [self.leaf("str")], None)),
                    ast.Assign([ast.Name(iv, S)], call("len", [name(tv, "ss")], INT))]
        # list.sort with a key
        cands = self.cnames("li", mutable=True)
        if not cands:
            return None
        node = self.meth(name(r.choice(cands), "li"), "sort", [], None)
        node.keywords = [ast.keyword("key", ast.Name("abs", L))]
        if r.random() < 0.5:
            node.keywords.append(ast.keyword("reverse", const(True, BOOL)))
        return [ast.Expr(node)]
