"""Random well-typed programs over ordinary Python containers (the `py` kind).

What the README's subset documents for lists, dicts, sets, tuples, small
dataclasses, generators consumed in the function, and run-time strings:

- lists of ints and floats (literals, comprehensions with `if`, `append pop
  insert remove index count sort reverse extend clear copy`, slicing, `in`,
  `+ *`, `sum min max sorted enumerate zip reversed`, item reads and writes
  with indices that may be out of range: CPython's IndexError/ValueError);
- dict[int, int] (counting with `get`, `setdefault`, `d[k]` of a missing
  key: KeyError, `del`, `pop`, iteration over `items()` in insertion order);
- set[int] (`add discard remove`, `| & - ^`, iteration order = CPython's);
- str arguments (len, indexing, slicing, split, join, strip, find, count,
  replace, startswith, `in`, `int()`/`float()` parsing with ValueError),
  f-strings of ints, bools and strs, lists of strs;
- a dataclass with a mutating method, a generator function and generator
  expressions (`sum any list max`), and mixes with arrays (`np.array(xs)`,
  `.tolist()`).

Variables keep one type; list elements stay small (so `sum` cannot overflow
int64 in the middle of a list while CPython's exact result fits); float
lists hold no NaN (sorting a list holding a NaN is a documented deviation);
a container being iterated is never mutated in the loop (appending while
iterating a list would never end).
"""
from __future__ import annotations

import ast
import random

from .gen_py_builtins import BuiltinsPy
from .gen_py_collections import CollectionsPy
from .gen_py_extra import ExtraPy
from .gen_py_try import TryPy
from .gen_py_more import LLI, MoreGen
from .gen_scalar import BOOL, FLOAT, INT, L, S, Options, ScalarGen, call, const, name
from .gen_scalar_extra import ExtraScalar
from .program import Program, T

LI, LF, LS, DI, SI, STR, PT = "li", "lf", "ls", "di", "si", "str", "pt"
CONTAINERS = (LI, LF, LS, DI, SI, STR, PT, LLI)
ELEM = {LI: INT, LF: FLOAT, LS: STR}
ANNOT = {LI: "list[int]", LF: "list[float]", LS: "list[str]", DI: "dict[int, int]",
         SI: "set[int]", STR: "str", LLI: "list[list[int]]"}

LIST_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -3.25, 1e300, -1e300, 5e-324, 0.1,
               float("inf"), float("-inf"), 100.0, 7.0]
STRINGS = ["", "a", "abc", "12", " -3 ", "1_000", "0x1f", "3.5", "-0.0", "inf", "nan",
           "1e400", "a,b,,c", "x y  z", " 42", "7,8,9", "hello world", "--", "+5", "1.5e3",
           "abcabc", "  ", "9" * 20, "AbC dE"]
SUBS = ["", "a", "b", "c", ",", " ", "ab", "1", "-", "z", "bc"]

HELPER_SRC = '''
@dataclasses.dataclass
class Pt:
    x: int
    y: float

    def shift(self, d: int) -> int:
        self.x = (self.x + d) % 1000
        return self.x

    def area(self) -> float:
        return self.x * self.y

    def walk(self, n: int) -> int:
        t = 0
        for i in range(n):
            t += self.shift(i)
        return t

    def moved(self, d: int) -> "Pt":
        return Pt((self.x + d) % 1000, self.y * 0.5)


def gen0(n):
    for i in range(n):
        if i % 3 != 1:
            yield (i * 7) % 11 - 4


def gen1(xs):
    for x in xs:
        if x > 0:
            yield x * 2
'''


class PyGen(CollectionsPy, BuiltinsPy, TryPy, MoreGen, ExtraPy, ExtraScalar, ScalarGen):
    def __init__(self, rng, opts=None):
        super().__init__(rng, opts)
        self.cvars: dict[str, str] = {}  # container variables: name -> type
        self.frozen: set[str] = set()  # containers iterated by an enclosing loop

    # -- helpers -------------------------------------------------------------------
    def cnames(self, t, mutable=False):
        return [v for v, vt in self.cvars.items() if vt == t and not (mutable and v in self.frozen)]

    def small_int(self, d=2):
        """An int expression in [-50, 50] (list elements, dict keys and values)."""
        r = self.rng
        k = r.random()
        if k < 0.5:
            return const(r.choice([0, 1, -1, 2, 3, 5, -4, 7, 10, 42, -50, 50]), INT)
        if k < 0.7 and self.cnames(LI):
            xs = name(r.choice(self.cnames(LI)), LI)
            return T(ast.BinOp(call("len", [xs], INT), ast.Sub(), const(r.randint(0, 3), INT)), INT)
        e = self.expr(INT, d)
        return T(ast.BinOp(T(ast.BinOp(e, ast.Mod(), const(101, INT)), INT, refwrap="_chk"),
                           ast.Sub(), const(50, INT)), INT)

    def small_float(self, d=2):
        r = self.rng
        if r.random() < 0.6:
            return const(r.choice(LIST_FLOATS), FLOAT)
        return call("float", [self.small_int(d)], FLOAT)

    def finite(self):
        """A finite nonzero constant: inf - inf or inf * 0 would put a NaN in a list."""
        return const(self.rng.choice([0.5, -2.0, 1.5, 3.0, -0.25]), FLOAT)

    def elem(self, t, d=2):
        if t == LI:
            return self.small_int(d)
        if t == LF:
            return self.small_float(d)
        return self.e_str(d)

    def bound(self, hi=8):
        """min(max(e, 0), hi): a small non-negative count."""
        return call("min", [call("max", [self.expr(INT, 2), const(0, INT)], INT),
                            const(self.rng.randint(1, hi), INT)], INT)

    # -- leaves and expressions of container types ----------------------------------------
    def leaf(self, t):
        if t in CONTAINERS:
            cands = self.cnames(t)
            if cands and self.rng.random() < 0.8:
                return name(self.rng.choice(cands), t)
            return getattr(self, "new_" + t)()
        return super().leaf(t)

    def expr(self, t, d=0):
        if t in CONTAINERS:
            if d >= 3 or self.rng.random() < 0.3:
                return self.leaf(t)
            return getattr(self, "e_" + t)(d + 1)
        return super().expr(t, d)

    def new_li(self):
        return T(ast.List([self.small_int() for _ in range(self.rng.randint(0, 5))], L), LI)

    def new_lf(self):
        return T(ast.List([self.small_float() for _ in range(self.rng.randint(0, 5))], L), LF)

    def new_ls(self):
        return T(ast.List([const(self.rng.choice(STRINGS), STR)
                           for _ in range(self.rng.randint(0, 4))], L), LS)

    def new_str(self):
        return const(self.rng.choice(STRINGS), STR)

    def new_di(self, empty=False):
        items = [(self.small_int(), self.small_int())
                 for _ in range(self.rng.randint(0 if empty else 1, 4))]
        return T(ast.Dict([k for k, _ in items], [v for _, v in items]), DI)

    def new_si(self):
        if self.rng.random() < 0.3:
            return call("set", [], SI)
        return T(ast.Set([self.small_int() for _ in range(self.rng.randint(1, 5))]), SI)

    def new_pt(self):
        return call("Pt", [self.small_int(), self.small_float()], PT)

    def _comp(self, elt_fn, src_t, t, d):
        """[elt for x in src if cond] with x bound while elt and cond are made."""
        r = self.rng
        xv = self.fresh("x")
        if src_t == "range":
            it = call("range", [self.bound()], None)
            xt = INT
        else:
            it = self.leaf(src_t)
            xt = ELEM[src_t]
        self.vars[xv] = xt
        elt = elt_fn(xv, xt)
        ifs = [T(ast.Compare(name(xv, xt), [r.choice([ast.Gt, ast.Lt, ast.NotEq])()],
                             [self.small_int() if xt == INT else self.small_float()]), BOOL)] \
            if r.random() < 0.4 and xt != STR else []
        del self.vars[xv]
        gen = ast.comprehension(ast.Name(xv, S), it, ifs, 0)
        return T(ast.ListComp(elt, [gen]), t)

    def e_li(self, d):
        r = self.rng
        if r.random() < 0.2:
            return self.more_li(d)
        k = r.random()
        if k < 0.2:
            def elt(xv, xt):
                if xt == INT:
                    return T(ast.BinOp(T(ast.BinOp(name(xv, INT), r.choice([ast.Mult, ast.Add, ast.Sub])(),
                                                   self.small_int(3)), INT), ast.Mod(),
                                       const(97, INT)), INT)
                return self.small_int(3)
            return self._comp(elt, r.choice(["range", LI]), LI, d)
        if k < 0.3:
            return T(ast.BinOp(self.expr(LI, d), ast.Add(), self.expr(LI, d)), LI)
        if k < 0.36:
            return T(ast.BinOp(self.leaf(LI), ast.Mult(), call("min", [self.expr(INT, d), const(3, INT)], INT)), LI)
        if k < 0.5:
            return self.slice_of(self.leaf(LI), LI)
        if k < 0.6:
            kw = [ast.keyword("reverse", const(True, BOOL))] if r.random() < 0.3 else []
            node = call("sorted", [self.leaf(r.choice([LI, LI, SI, DI]))], LI)
            node.keywords = kw
            return node
        if k < 0.65:
            return call("list", [call("reversed", [self.leaf(LI)], None)], LI)
        if k < 0.7 and not self.ex("py_arrays"):
            # a mix with arrays: int64 arrays of small ints, back to a list
            arr = ast.Call(ast.Attribute(ast.Name("np", L), "array", L), [self.leaf(LI)],
                           [ast.keyword("dtype", ast.Attribute(ast.Name("np", L), "int64", L))])
            op = r.choice(["*", "+", "rev", "sort", "cumsum"])
            if op == "*":
                arr = ast.BinOp(arr, ast.Mult(), const(r.choice([2, -3]), INT))
            elif op == "+":
                arr = ast.BinOp(arr, ast.Add(), self.small_int(3))
            elif op == "rev":
                arr = ast.Subscript(arr, ast.Slice(None, None, const(-1, INT)), L)
            else:
                arr = ast.Call(ast.Attribute(ast.Name("np", L), op, L), [arr], [])
            return T(ast.Call(ast.Attribute(arr, "tolist", L), [], []), LI)
        if k < 0.75:
            return call("list", [call("gen0", [self.bound(9)], None)], LI)
        if k < 0.8:
            d_ = self.leaf(DI)
            return call("list", [T(ast.Call(ast.Attribute(d_, r.choice(["keys", "values"]), L), [], []), None)], LI)
        if k < 0.85:
            return call("list", [self.leaf(SI)], LI)
        if k < 0.9:
            return T(ast.Call(ast.Attribute(self.leaf(LI), "copy", L), [], []), LI)
        if k < 0.95:
            return self._comp(lambda xv, xt: call("len", [name(xv, STR)], INT), LS, LI, d)
        return self.new_li()

    def e_lf(self, d):
        r = self.rng
        k = r.random()
        if k < 0.2:
            def elt(xv, xt):
                if xt == FLOAT:
                    return T(ast.BinOp(name(xv, FLOAT), r.choice([ast.Mult, ast.Add, ast.Sub])(),
                                       self.finite()), FLOAT)
                return T(ast.BinOp(name(xv, INT), ast.Mult(), const(0.5, FLOAT)), FLOAT)
            return self._comp(elt, r.choice(["range", LF, LI]), LF, d)
        if k < 0.3:
            return T(ast.BinOp(self.expr(LF, d), ast.Add(), self.expr(LF, d)), LF)
        if k < 0.45:
            return self.slice_of(self.leaf(LF), LF)
        if k < 0.55:
            node = call("sorted", [self.leaf(LF)], LF)
            if r.random() < 0.3:
                node.keywords = [ast.keyword("reverse", const(True, BOOL))]
            return node
        if k < 0.65 and not self.ex("py_arrays"):
            arr = call("np.array", [self.leaf(LF)], None)
            op = r.choice(["*", "-", "rev", "sort", "cumsum", "sqrt"])
            if op == "*":
                arr = ast.BinOp(arr, ast.Mult(), const(r.choice([0.5, -2.0, 3.0]), FLOAT))
            elif op == "-":
                arr = ast.BinOp(arr, ast.Sub(), self.finite())
            elif op == "rev":
                arr = ast.Subscript(arr, ast.Slice(None, None, const(-1, INT)), L)
            elif op == "sqrt":
                arr = ast.Call(ast.Attribute(ast.Name("np", L), "abs", L), [arr], [])
            else:
                arr = ast.Call(ast.Attribute(ast.Name("np", L), op, L), [arr], [])
            return T(ast.Call(ast.Attribute(arr, "tolist", L), [], []), LF)
        if k < 0.75:
            return self._comp(lambda xv, xt: call("float", [name(xv, INT)], FLOAT), LI, LF, d)
        if k < 0.85:
            return call("list", [call("reversed", [self.leaf(LF)], None)], LF)
        return self.new_lf()

    def e_ls(self, d):
        r = self.rng
        k = r.random()
        s = self.leaf(STR)
        if k < 0.35:
            return T(ast.Call(ast.Attribute(s, "split", L), [], []), LS)
        if k < 0.6:
            args = [const(r.choice([",", " ", "a", "--"]), STR)]
            if r.random() < 0.3:
                args.append(const(r.choice([0, 1, 2]), INT))
            return T(ast.Call(ast.Attribute(s, "split", L), args, []), LS)
        if k < 0.7:
            return call("sorted", [self.leaf(LS)], LS)
        if k < 0.8:
            return self._comp(lambda xv, xt: T(ast.Call(ast.Attribute(name(xv, STR), "strip", L), [], []), STR),
                              LS, LS, d)
        if k < 0.9:
            return T(ast.BinOp(self.leaf(LS), ast.Add(), self.new_ls()), LS)
        return self.new_ls()

    def e_str(self, d):
        r = self.rng
        if r.random() < 0.2:
            return self.more_str(d)
        if self._pon() and r.random() < 0.08:
            return self.x_str(d)
        k = r.random()
        if k < 0.15:
            return self.slice_of(self.leaf(STR), STR)
        if k < 0.25:
            m = r.choice(["strip", "lstrip", "rstrip", "lower", "upper"])
            return T(ast.Call(ast.Attribute(self.leaf(STR), m, L), [], []), STR)
        if k < 0.35:
            return T(ast.BinOp(self.expr(STR, d), ast.Add(), self.expr(STR, d)), STR)
        if k < 0.42:
            return T(ast.BinOp(self.leaf(STR), ast.Mult(), call("min", [self.expr(INT, d), const(3, INT)], INT)), STR)
        if k < 0.52:
            sep = const(r.choice(["", ",", "-", " | "]), STR)
            return T(ast.Call(ast.Attribute(sep, "join", L), [self.leaf(LS)], []), STR)
        if k < 0.6:
            return T(ast.Call(ast.Attribute(self.leaf(STR), "replace", L),
                              [const(r.choice(SUBS[1:]), STR), const(r.choice(SUBS), STR)], []), STR)
        if k < 0.75:
            return self.fstring(d)
        if k < 0.82:
            return call("str", [self.expr(r.choice([INT, BOOL]), d)], STR)
        if k < 0.9:
            s = self.leaf(STR)
            return T(ast.Subscript(s, self.index(), L), STR)  # IndexError: string index out of range
        return self.new_str()

    def fstring(self, d, message=False, rich=False):
        """f-strings of ints, bools and strs formatted plainly as values; with
        `rich` (values) or `message` (exception messages) also specs, `!r` of
        strs and floats (README "Formatting into string values")."""
        r = self.rng
        message = message or rich
        parts = [ast.Constant(r.choice(["", "n=", "<"]))]
        for _ in range(r.randint(1, 3)):
            t = r.choice([INT, INT, BOOL, STR] + ([FLOAT] if message else []))
            spec = None
            if message and t == INT:
                spec = r.choice([None, None, "5d", "x", "+", "03d", ">6"])
            elif message and t == STR:
                spec = r.choice([None, None, ">8", "<4", "^7"])
            elif message and t == FLOAT:
                spec = r.choice([None, ".3f", "+.2e", "g"])
            conv = -1 if spec else r.choice([-1, -1, ord("r")] if message or t != STR else [-1])
            fs = ast.JoinedStr([ast.Constant(spec)]) if spec else None
            parts.append(ast.FormattedValue(self.expr(t, 2), conv, fs))
            parts.append(ast.Constant(r.choice(["", ",", " ", "|"])))
        return T(ast.JoinedStr([p for p in parts if not (isinstance(p, ast.Constant) and p.value == "")]), STR)

    def e_di(self, d):
        r = self.rng
        if r.random() < 0.25:
            return self.more_di(d)
        k = r.random()
        if k < 0.3:
            xv = self.fresh("x")
            self.vars[xv] = INT
            key = T(ast.BinOp(name(xv, INT), ast.Mod(), const(r.choice([3, 5, 7]), INT)), INT)
            val = T(ast.BinOp(name(xv, INT), ast.Mult(), const(2, INT)), INT)
            del self.vars[xv]
            it = self.leaf(LI) if r.random() < 0.6 else call("range", [self.bound()], None)
            return T(ast.DictComp(key, val, [ast.comprehension(ast.Name(xv, S), it, [], 0)]), DI)
        if k < 0.5:
            return call("dict", [self.leaf(DI)], DI)
        if k < 0.6:
            return T(ast.Call(ast.Attribute(self.leaf(DI), "copy", L), [], []), DI)
        return self.new_di()

    def e_si(self, d):
        r = self.rng
        if r.random() < 0.25:
            return self.more_si(d)
        k = r.random()
        if k < 0.3:
            return call("set", [self.leaf(LI)], SI)
        if k < 0.55:
            op = r.choice([ast.BitOr, ast.BitAnd, ast.Sub, ast.BitXor])
            return T(ast.BinOp(self.leaf(SI), op(), self.leaf(SI)), SI)
        if k < 0.7:
            xv = self.fresh("x")
            self.vars[xv] = INT
            elt = T(ast.BinOp(name(xv, INT), ast.Mod(), const(r.choice([4, 6, 9]), INT)), INT)
            del self.vars[xv]
            return T(ast.SetComp(elt, [ast.comprehension(ast.Name(xv, S), self.leaf(LI), [], 0)]), SI)
        if k < 0.8:
            return T(ast.Call(ast.Attribute(self.leaf(SI), "copy", L), [], []), SI)
        return self.new_si()

    def e_pt(self, d):
        return self.new_pt()

    def index(self):
        r = self.rng
        if r.random() < 0.6:
            return const(r.choice([0, 1, -1, 2, -2, 3, 5, -6]), INT)
        return self.expr(INT, 2)

    def slice_of(self, obj, t):
        r = self.rng
        def b():
            return None if r.random() < 0.4 else const(r.choice([0, 1, -1, 2, -2, 4, 10]), INT)
        step = None if r.random() < 0.6 else const(r.choice([1, 2, -1, -2, 3]), INT)
        return T(ast.Subscript(obj, ast.Slice(b(), b(), step), L), t)

    # -- scalar expressions from containers ------------------------------------------
    def e_int(self, d):
        if self.rng.random() < 0.12:
            node = self.more_int(d)
            if node is not None:
                return node
        if self.rng.random() < 0.4:
            node = self.int_from_container(d)
            if node is not None:
                return node
        return super().e_int(d)

    def e_float(self, d):
        if self.rng.random() < 0.3:
            node = self.float_from_container(d)
            if node is not None:
                return node
        return super().e_float(d)

    def e_bool(self, d):
        if self.rng.random() < 0.1:
            return self.more_bool(d)
        if self.rng.random() < 0.35:
            node = self.bool_from_container(d)
            if node is not None:
                return node
        return super().e_bool(d)

    def meth(self, obj, m, args, t, refwrap=None):
        node = T(ast.Call(ast.Attribute(obj, m, L), list(args), []), t)
        if refwrap:
            node._refwrap = refwrap
        return node

    def int_from_container(self, d):
        r = self.rng
        k = r.randrange(16)
        if k == 0:
            return call("len", [self.leaf(r.choice([LI, LF, LS, DI, SI, STR]))], INT)
        if k == 1:
            xs = self.leaf(LI)
            return T(ast.Subscript(xs, self.index(), L), INT)
        if k == 2:
            return call("sum", [self.leaf(r.choice([LI, LI, SI, DI]))], INT, refwrap="_chk")
        if k == 3:
            return call(r.choice(["min", "max"]), [self.leaf(r.choice([LI, LI, SI]))], INT)
        if k == 4:
            return self.meth(self.leaf(LI), r.choice(["index", "count"]), [self.small_int()], INT)
        if k == 5:
            cands = self.cnames(LI, mutable=True)
            if not cands:
                return None
            args = [] if r.random() < 0.5 else [self.index()]
            return self.meth(name(r.choice(cands), LI), "pop", args, INT)
        if k == 6:
            dd = self.leaf(DI)
            if r.random() < 0.5:
                return T(ast.Subscript(dd, self.small_int(), L), INT)  # KeyError
            return self.meth(dd, "get", [self.small_int(), self.small_int()], INT)
        if k == 7:
            s = self.leaf(STR)
            m = r.choice(["find", "count", "index", "rfind"])
            return self.meth(s, m, [const(r.choice(SUBS), STR)], INT)
        if k == 8:
            # ValueError for most strings; int64 (README): OverflowError past it,
            # except for a known string, which the tracer converts with Python
            # itself (py seed 5, programs 5 and 23: CPython's later exception)
            s = self.leaf(STR)
            return call("int", [s], INT, **({} if isinstance(s, ast.Constant) else {"refwrap": "_chk"}))
        if k == 9:
            return call("ord", [T(ast.Subscript(self.leaf(STR), self.index(), L), STR)], INT)
        if k == 10:
            return call("sum", [call("gen0", [self.bound(12)], None)], INT)
        if k == 11:
            xv = self.fresh("x")
            self.vars[xv] = INT
            elt = T(ast.BinOp(name(xv, INT), ast.Mult(), name(xv, INT)), INT)
            ifs = [T(ast.Compare(name(xv, INT), [ast.Gt()], [self.small_int()]), BOOL)] \
                if r.random() < 0.5 else []
            del self.vars[xv]
            g = ast.GeneratorExp(elt, [ast.comprehension(ast.Name(xv, S), self.leaf(LI), ifs, 0)])
            return call(r.choice(["sum", "max", "min"]), [g], INT)
        if k == 12:
            p = self.leaf(PT)
            if r.random() < 0.5:
                return T(ast.Attribute(p, "x", L), INT)
            return self.meth(p, "shift", [self.small_int()], INT)
        if k == 13 and not self.ex("py_arrays"):
            arr = ast.Call(ast.Attribute(ast.Name("np", L), "array", L), [self.leaf(LI)],
                           [ast.keyword("dtype", ast.Attribute(ast.Name("np", L), "int64", L))])
            red = r.choice(["sum", "max", "argmin", "prod"])
            return call("int", [T(ast.Call(ast.Attribute(arr, red, L), [], []), None)], INT)
        if k == 14:
            cands = self.cnames(DI, mutable=True)
            if not cands:
                return None
            m = r.choice(["setdefault", "pop"])
            args = [self.small_int()] + ([self.small_int()] if m == "setdefault" or r.random() < 0.5 else [])
            return self.meth(name(r.choice(cands), DI), m, args, INT)
        return None

    def float_from_container(self, d):
        r = self.rng
        k = r.randrange(7)
        if k == 0:
            return T(ast.Subscript(self.leaf(LF), self.index(), L), FLOAT)
        if k == 1:  # README: 0.0 for an empty list (CPython: the int 0)
            return call("sum", [self.leaf(LF)], FLOAT, refcall="_r_fsum")
        if k == 2:
            return call(r.choice(["min", "max"]), [self.leaf(LF)], FLOAT)
        if k == 3:
            return call("float", [self.leaf(STR)], FLOAT)  # ValueError for most strings
        if k == 4:
            p = self.leaf(PT)
            if r.random() < 0.5:
                return T(ast.Attribute(p, "y", L), FLOAT)
            return self.meth(p, "area", [], FLOAT)
        if k == 5 and not self.ex("py_arrays"):
            arr = call("np.array", [self.leaf(LF)], None)
            red = r.choice(["sum", "max", "mean", "min"])
            return call("float", [T(ast.Call(ast.Attribute(arr, red, L), [], []), None)], FLOAT)
        if k == 6:
            cands = self.cnames(LF, mutable=True)
            if not cands:
                return None
            return self.meth(name(r.choice(cands), LF), "pop", [] if r.random() < 0.6 else [self.index()], FLOAT)
        return None

    def bool_from_container(self, d):
        r = self.rng
        k = r.randrange(7)
        if k == 0:
            t = r.choice([LI, SI, DI])
            return T(ast.Compare(self.small_int(), [r.choice([ast.In, ast.NotIn])()], [self.leaf(t)]), BOOL)
        if k == 1:
            return T(ast.Compare(const(r.choice(SUBS), STR), [ast.In()], [self.leaf(STR)]), BOOL)
        if k == 2:
            m = r.choice(["startswith", "endswith", "isdigit", "isspace", "isalpha"])
            args = [const(r.choice(SUBS), STR)] if m in ("startswith", "endswith") else []
            return self.meth(self.leaf(STR), m, args, BOOL)
        if k == 3:
            t = r.choice([LI, LF, STR, LS])
            # lists: == and != (README); strings: code-point order too
            ops = [ast.Eq, ast.NotEq] + ([ast.Lt, ast.GtE] if t == STR else [])
            return T(ast.Compare(self.leaf(t), [r.choice(ops)()], [self.expr(t, 2)]), BOOL)
        if k == 4:
            xv = self.fresh("x")
            self.vars[xv] = INT
            cond = T(ast.Compare(name(xv, INT), [r.choice([ast.Gt, ast.Lt, ast.Eq])()], [self.small_int()]), BOOL)
            del self.vars[xv]
            g = ast.GeneratorExp(cond, [ast.comprehension(ast.Name(xv, S), self.leaf(LI), [], 0)])
            return call(r.choice(["any", "all"]), [g], BOOL)
        if k == 5:
            return T(ast.Compare(call("len", [self.leaf(r.choice([LI, LS, DI, SI, STR]))], INT),
                                 [ast.Gt()], [const(0, INT)]), BOOL)
        if k == 6:
            return T(ast.Compare(self.small_float(), [ast.In()], [self.leaf(LF)]), BOOL)
        return None

    # -- statements -----------------------------------------------------------------
    def stmt(self, depth):
        r = self.rng
        if depth < 3 and r.random() < 0.45:
            out = self.container_stmt(depth)
            if out:
                return out
        return super().stmt(depth)

    def container_stmt(self, depth):
        r = self.rng
        if r.random() < 0.2:
            out = self.more_stmt(depth)
            if out:
                return out
        k = r.randrange(14)
        if k <= 1:  # a new container variable (or a fresh value for one)
            t = r.choice([LI, LI, LF, LS, DI, SI, STR, STR, PT, LLI])
            olds = self.cnames(t, mutable=True)
            v = r.choice(olds) if olds and r.random() < 0.3 else self.fresh("c")
            value = self.expr(t, 1)
            if isinstance(value, ast.Name):  # no aliases (a loop could then grow what it iterates)
                value = getattr(self, "new_" + t)()
            stmts = [ast.Assign([ast.Name(v, S)], value)]
            if v not in self.cvars:
                if self.loop_depth or depth:  # a name first bound in a loop or branch may be unbound after it
                    return None
                self.cvars[v] = t
            return stmts
        if k <= 4:
            return self.list_mutation()
        if k == 5:
            cands = self.cnames(DI, mutable=True)
            if not cands:
                return None
            dv = name(r.choice(cands), DI)
            kk = r.random()
            if kk < 0.4:
                return [ast.Assign([ast.Subscript(dv, self.small_int(), S)], self.small_int())]
            if kk < 0.6:
                return [ast.AugAssign(ast.Subscript(dv, self.small_int(), S), ast.Add(), self.small_int())]
            if kk < 0.8:
                return [ast.Delete([ast.Subscript(dv, self.small_int(), ast.Del())])]
            return [ast.Expr(self.meth(dv, "clear", [], None))]
        if k == 6:
            cands = self.cnames(SI, mutable=True)
            if not cands:
                return None
            m = r.choice(["add", "add", "discard", "remove"])
            return [ast.Expr(self.meth(name(r.choice(cands), SI), m, [self.small_int()], None))]
        if k == 7:  # counting
            dcs = self.cnames(DI, mutable=True)
            if not dcs:
                return None
            src = r.choice([LI, STR])
            it = self.leaf(src)
            xv = self.fresh("x")
            dv = r.choice(dcs)
            key = name(xv, INT) if src == LI else call("ord", [name(xv, STR)], INT)
            if r.random() < 0.5:
                upd = ast.Assign([ast.Subscript(name(dv, DI), key, S)],
                                 T(ast.BinOp(self.meth(name(dv, DI), "get", [key, const(0, INT)], INT),
                                             ast.Add(), const(1, INT)), INT))
            else:
                upd = ast.If(T(ast.Compare(key, [ast.In()], [name(dv, DI)]), BOOL),
                             [ast.AugAssign(ast.Subscript(name(dv, DI), key, S), ast.Add(), const(1, INT))],
                             [ast.Assign([ast.Subscript(name(dv, DI), key, S)], const(1, INT))])
            return [ast.For(ast.Name(xv, S), it, [upd], [])]
        if k <= 10:
            return self.container_loop(depth)
        if k == 11:
            cands = self.cnames(PT, mutable=True)
            if not cands:
                return None
            p = name(r.choice(cands), PT)
            if r.random() < 0.5:
                return [ast.Assign([ast.Attribute(p, "y", S)], self.expr(FLOAT, 2))]
            return [ast.Expr(self.meth(p, "shift", [self.small_int()], INT))]
        if k == 12:  # a string variable updated
            cands = self.cnames(STR, mutable=True)
            if not cands:
                return None
            v = r.choice(cands)
            return [ast.AugAssign(ast.Name(v, S), ast.Add(), self.e_str(2))]
        # raise with a run-time string in the message
        cands = self.cnames(STR)
        if not cands:
            return None
        s = name(r.choice(cands), STR)
        exc = r.choice(["ValueError", "KeyError", "IndexError"])
        if r.random() < 0.5:
            msg = ast.JoinedStr([ast.Constant("bad "), ast.FormattedValue(
                s, -1 if exc == "KeyError" else r.choice([-1, ord("r")]), None)])
        elif r.random() < 0.5:
            msg = s  # KeyError(s): its str() is repr(s)
        else:  # specs and floats: a message template
            msg = self.fstring(2, message=exc != "KeyError")
        return [ast.If(self.bool_from_container(2) or self.expr(BOOL, 2),
                       [ast.Raise(ast.Call(ast.Name(exc, L), [msg], []), None)], [])]

    def list_mutation(self):
        r = self.rng
        t = r.choice([LI, LI, LF])
        cands = self.cnames(t, mutable=True)
        if not cands:
            return None
        xs = name(r.choice(cands), t)
        k = r.randrange(10)
        if k <= 2:
            return [ast.Expr(self.meth(xs, "append", [self.elem(t)], None))]
        if k == 3:
            return [ast.Expr(self.meth(xs, "insert", [self.index(), self.elem(t)], None))]
        if k == 4:
            return [ast.Expr(self.meth(xs, "remove", [self.elem(t)], None))]
        if k == 5:
            m = r.choice(["sort", "reverse"])
            node = self.meth(xs, m, [], None)
            if m == "sort" and r.random() < 0.3:
                node.keywords = [ast.keyword("reverse", const(True, BOOL))]
            return [ast.Expr(node)]
        if k == 6:
            return [ast.Assign([ast.Subscript(xs, self.index(), S)], self.elem(t))]
        if k == 7:
            return [ast.Expr(self.meth(xs, "extend", [self.expr(t, 2)], None))]
        if k == 8:
            return [ast.AugAssign(ast.Subscript(xs, self.index(), S), ast.Add(),
                                  self.elem(t) if t == LI else self.finite())]
        return [ast.Expr(self.meth(xs, "pop", [] if r.random() < 0.5 else [self.index()], None))]

    def container_loop(self, depth):
        """for over a list, enumerate, zip, a dict's items, a set, a string's
        characters: the iterated containers are not mutated in the body."""
        r = self.rng
        k = r.randrange(7)
        xv, yv = self.fresh("x"), self.fresh("y")
        binds = {}
        if k == 0:
            src = r.choice([LI, LF, LS])
            it, frozen = self.leaf(src), [src]
            target = ast.Name(xv, S)
            binds = {xv: ELEM[src]}
        elif k == 1:
            src = r.choice([LI, LF])
            it, frozen = call("enumerate", [self.leaf(src)], None), [src]
            target = ast.Tuple([ast.Name(xv, S), ast.Name(yv, S)], S)
            binds = {xv: INT, yv: ELEM[src]}
        elif k == 2:
            a, b = r.choice([LI, LF]), r.choice([LI, LF])
            it, frozen = call("zip", [self.leaf(a), self.leaf(b)], None), [a, b]
            target = ast.Tuple([ast.Name(xv, S), ast.Name(yv, S)], S)
            binds = {xv: ELEM[a], yv: ELEM[b]}
        elif k == 3:
            it = T(ast.Call(ast.Attribute(self.leaf(DI), "items", L), [], []), None)
            frozen = [DI]
            target = ast.Tuple([ast.Name(xv, S), ast.Name(yv, S)], S)
            binds = {xv: INT, yv: INT}
        elif k == 4:
            it, frozen = self.leaf(SI), [SI]
            target = ast.Name(xv, S)
            binds = {xv: INT}
        elif k == 5:
            it, frozen = self.leaf(STR), []
            target = ast.Name(xv, S)
            binds = {xv: STR}
        else:  # the rows of a list of lists (each row frozen: the loop variable)
            it, frozen = self.leaf(LLI), [LLI]
            target = ast.Name(xv, S)
            binds = {xv: LI}
        # every container of an iterated type is frozen (a value may be shared)
        saved = set(self.frozen)
        for t in frozen:
            self.frozen |= set(self.cnames(t))
        scal = {v: t for v, t in binds.items() if t in (INT, FLOAT, BOOL)}
        cont = {v: t for v, t in binds.items() if t not in (INT, FLOAT, BOOL)}
        self.vars.update(scal)
        self.cvars.update(cont)
        self.frozen |= set(cont)  # loop variables are not reassigned
        self.loop_depth += 1
        body = self.block(depth + 1)
        self.loop_depth -= 1
        for v in scal:
            del self.vars[v]
        for v in cont:
            del self.cvars[v]
        self.frozen = saved
        return [ast.For(target, it, body, [])]

    # -- the program ------------------------------------------------------------------
    def program(self, label="") -> Program:
        r = self.rng
        helpers = self.x_module_consts() + ast.parse(HELPER_SRC).body + self.extra_helpers()
        # (lists of str are not arguments yet: README)
        ptypes = [r.choice([INT, FLOAT, BOOL, LI, LI, LF, STR, STR, DI, LLI])
                  for _ in range(r.randint(1, 4))]
        params = [f"p{i}" for i in range(len(ptypes))]
        self.vars = {p: t for p, t in zip(params, ptypes) if t in (INT, FLOAT, BOOL)}
        self.cvars = {p: t for p, t in zip(params, ptypes) if t not in (INT, FLOAT, BOOL)}
        body = self.x_prologue(params)
        # at least one scalar variable and one list (the scalar statements need one)
        for t in (INT, r.choice([INT, FLOAT, BOOL])):
            v = self.fresh()
            body.append(ast.Assign([ast.Name(v, S)], self.expr(t, 1)))
            self.vars[v] = t
        for t in r.sample([LI, LF, DI, SI, STR, PT, LLI], r.randint(1, 3)):
            v = self.fresh("c")
            body.append(ast.Assign([ast.Name(v, S)], getattr(self, "new_" + t)()))
            self.cvars[v] = t
        ret = r.choice([INT, FLOAT, BOOL, STR, LI, LF, "tuple", "di", INT, STR, LLI])
        self.ret_t = ret if ret in (INT, FLOAT, BOOL, STR, LI, LF, LLI) else None
        body += self.block(0, r.randint(2, 6))
        if ret == "tuple":
            retv = T(ast.Tuple([self.expr(INT, 1), self.expr(LI, 1), self.expr(STR, 1)], L), "tuple")
        elif ret == "di":
            retv = self.expr(DI, 1)
        else:
            retv = self.expr(ret, 0)
        body.append(ast.Return(retv))
        args = ast.arguments(posonlyargs=[], args=[
            ast.arg(p, ast.parse(ANNOT[t], mode="eval").body if t in ANNOT else None)
            for p, t in zip(params, ptypes)], vararg=None, kwonlyargs=[], kw_defaults=[],
            kwarg=None, defaults=[])
        fdef = ast.FunctionDef("f", args, body, [], None, lineno=1)
        imp = ast.Import([ast.alias("dataclasses")])
        inputs = [tuple(self.arg_value(t) for t in ptypes) for _ in range(3)]
        return Program(ast.Module([imp] + helpers + [fdef], []), inputs, kind="py", label=label)

    def arg_value(self, t):
        r = self.rng
        if t == LI:
            return [r.choice([0, 1, -1, 2, 3, 5, -4, 7, 10, 42, -50]) for _ in range(r.choice([0, 1, 2, 3, 5, 8]))]
        if t == LF:
            return [r.choice(LIST_FLOATS) for _ in range(r.choice([0, 1, 2, 4, 6]))]
        if t == LS:
            return [r.choice(STRINGS) for _ in range(r.choice([0, 1, 3]))]
        if t == STR:
            return r.choice(STRINGS)
        if t == LLI:
            return [[r.choice([0, 1, -1, 2, 5, -7, 42]) for _ in range(r.choice([0, 1, 2, 3]))]
                    for _ in range(r.choice([0, 1, 2, 3]))]
        if t == DI:
            return {r.randint(-5, 10): r.randint(-9, 9) for _ in range(r.choice([0, 1, 3, 5]))}
        return super().arg_value(t)


def generate(rng: random.Random, opts: Options | None = None, label="") -> Program:
    return PyGen(rng, opts).program(label)
