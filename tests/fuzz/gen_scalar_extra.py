"""More scalar Python for the `scalar` and `py` kinds (a mixin of
gen_scalar.ScalarGen; `--exclude scalar_extra` leaves it out).

What gen_scalar.py generates, widened (seventh session): `divmod` of ints
and floats (indexed, and unpacked `q, r = divmod(a, b)`), two-argument
`pow`, `round(n, ndigits)` of an int (negative ndigits), `math.floor/ceil`
of an int, more `math` functions (`tan asin acos sinh cosh asinh acosh
atanh log2 log10 erf degrees radians math.pow`, their domain and range
errors), `and`/`or` on ints and floats (the operand's value, not a bool),
`not` of numbers, min/max of three operands, tuples indexed at run time
(CPython's IndexError), `in` a tuple, `len` of a tuple, tuple comparisons,
longer chained comparisons, augmented assignments with every operator
(`//= %= **= <<= >>= &= |=`), `while ... else`, `for` over a range with a
negative step and `for ... else` with a `break`, `if/elif/else` chains,
local lambdas (of their argument and constants), module-level constants, and helpers
called with keyword arguments and default parameter values.

Every variable keeps one type; the documented int64 overflow is modelled
as in gen_scalar.py (`_chk`, `_ipow`, `_lshift`, `_r_divmod`).
"""
from __future__ import annotations

import ast

from . import values
from .gen_scalar import BOOL, FLOAT, INT, SCALARS, L, S, call, const, libm_marks, name
from .program import T

# math functions within 1 ulp of CPython's (README): the reference takes
# py2wasm's library value (reference.libm_scalar through `_m_NAME`)
MATH1_MORE = ["tan", "asin", "acos", "sinh", "cosh", "asinh", "acosh", "atanh", "log2",
              "log10", "erf"]
MATH1_EXACT = ["degrees", "radians"]  # a multiplication by CPython's constant
MATH_SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-300, 710.0, -710.0, 1e308, 0.75, 3.5,
                float("inf"), float("-inf"), float("nan")]


class ExtraScalar:
    P_EXTRA = 0.15  # share of expressions and statements from this mixin

    def _xon(self):
        return not self.ex("scalar_extra")

    # -- hooks ------------------------------------------------------------------
    def e_int(self, d):
        if self._xon() and self.rng.random() < self.P_EXTRA:
            node = self.x_int(d)
            if node is not None:
                return node
        return super().e_int(d)

    def e_float(self, d):
        if self._xon() and self.rng.random() < self.P_EXTRA:
            node = self.x_float(d)
            if node is not None:
                return node
        return super().e_float(d)

    def e_bool(self, d):
        if self._xon() and self.rng.random() < self.P_EXTRA:
            node = self.x_bool(d)
            if node is not None:
                return node
        return super().e_bool(d)

    def leaf(self, t):
        consts = getattr(self, "module_consts", {})
        if t in SCALARS and consts and self._xon() and self.rng.random() < 0.08:
            cands = [c for c, ct in consts.items() if ct == t]
            if cands:
                return name(self.rng.choice(cands), t)
        return super().leaf(t)

    def stmt(self, depth):
        if depth < 2 and self._xon() and self.rng.random() < 0.12:
            out = self.x_stmt(depth)
            if out:
                return out
        return super().stmt(depth)

    # -- expressions --------------------------------------------------------------
    def _divmod(self, ta, tb, d):
        a, b = self.expr(ta, d), self.expr(tb, d)
        t = INT if ta == INT and tb == INT else FLOAT
        marks = {"refcall": "_r_divmod"} if t == INT else {}
        return T(ast.Call(ast.Name("divmod", L), [a, b], []), "tuple", **marks), t

    def x_int(self, d):
        r = self.rng
        k = r.randrange(12)
        if k == 0:
            dm, _ = self._divmod(INT, INT, d)
            return T(ast.Subscript(dm, const(r.randint(0, 1), INT), L), INT)
        if k == 1:
            a = self.expr(INT, d)
            e = const(r.choice([0, 1, 2, 3, 7, 62, 63, 64]), INT)
            return call("pow", [a, e], INT, refcall="_ipow")
        if k == 2:
            return call("round", [self.expr(INT, d), const(r.choice([-1, -2, -5, -18, -19, -20, 0, 2]), INT)],
                        INT, refwrap="_chk")
        if k == 3:
            return call("math." + r.choice(["floor", "ceil", "trunc"]), [self.expr(INT, d)], INT)
        if k == 4:
            return T(ast.BoolOp(r.choice([ast.And, ast.Or])(), [self.expr(INT, d), self.expr(INT, d)]), INT)
        if k == 5:
            return call(r.choice(["min", "max"]), [self.expr(INT, d) for _ in range(r.randint(3, 4))], INT)
        if k == 6:
            return self._tuple_index(INT, d)
        if k == 7:  # a tuple item at a run-time index, in a loop's range
            return self._tuple_index(INT, d)
        if k == 8:
            lams = [v for v, (pt, rt) in getattr(self, "lambdas", {}).items() if rt == INT]
            if lams and not self.in_helper:
                lv = r.choice(lams)
                return call(lv, [self.expr(self.lambdas[lv][0], d)], INT)
            return None
        if k == 9:  # an int from a bool and an int
            return T(ast.BinOp(self.expr(BOOL, d), r.choice([ast.Mult, ast.Add, ast.BitAnd])(),
                               self.expr(INT, d)), INT, refwrap="_chk")
        if k == 10:
            return call("len", [T(ast.Tuple([self.expr(r.choice(SCALARS), d)
                                             for _ in range(r.randint(0, 3))], L), "tuple")], INT)
        return call("abs", [self.expr(BOOL, d)], INT)

    def x_float(self, d):
        r = self.rng
        k = r.randrange(10)
        if k == 0:
            ta, tb = r.choice([(FLOAT, FLOAT), (FLOAT, INT), (INT, FLOAT)])
            dm, _ = self._divmod(ta, tb, d)
            return T(ast.Subscript(dm, const(r.randint(0, 1), INT), L), FLOAT)
        if k == 1:
            a, b = self.expr(FLOAT, d), self.expr(r.choice([FLOAT, INT]), d)
            from .gen_scalar import _complex_constant
            if _complex_constant(a, b):
                b = const(2.0, FLOAT)
            return call("pow", [a, b], FLOAT, **libm_marks([a, b], "_ipow"))
        if k in (2, 3):
            f = r.choice(MATH1_MORE + MATH1_EXACT)
            arg = self.expr(FLOAT, d) if r.random() < 0.7 else const(r.choice(MATH_SPECIAL), FLOAT)
            if f in MATH1_EXACT:
                return call("math." + f, [arg], FLOAT)
            return call("math." + f, [arg], FLOAT, **libm_marks([arg], f"_m_{f}"))
        if k == 4:
            args = [self.expr(FLOAT, d), self.expr(FLOAT, d)]
            return call("math.pow", args, FLOAT, **libm_marks(args, "_m_pow"))
        if k == 5:
            return T(ast.BoolOp(r.choice([ast.And, ast.Or])(), [self.expr(FLOAT, d), self.expr(FLOAT, d)]),
                     FLOAT)
        if k == 6:
            return call(r.choice(["min", "max"]), [self.expr(FLOAT, d) for _ in range(3)], FLOAT)
        if k == 7:
            return self._tuple_index(FLOAT, d)
        if k == 8:
            lams = [v for v, (pt, rt) in getattr(self, "lambdas", {}).items() if rt == FLOAT]
            if lams and not self.in_helper:
                lv = r.choice(lams)
                return call(lv, [self.expr(self.lambdas[lv][0], d)], FLOAT)
            return None
        return call("float", [self.expr(BOOL, d)], FLOAT)

    def x_bool(self, d):
        r = self.rng
        k = r.randrange(6)
        ops = [ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq]
        if k == 0:  # a longer chain, int and float mixed
            n = r.randint(3, 4)
            return T(ast.Compare(self.expr(r.choice([INT, FLOAT]), d), [r.choice(ops)() for _ in range(n)],
                                 [self.expr(r.choice([INT, FLOAT]), d) for _ in range(n)]), BOOL)
        if k == 1:
            return T(ast.UnaryOp(ast.Not(), self.expr(r.choice([INT, FLOAT]), d)), BOOL)
        if k == 2:
            t = r.choice([INT, FLOAT])
            items = [self.expr(r.choice([INT, FLOAT]), d) for _ in range(r.randint(0, 4))]
            return T(ast.Compare(self.expr(t, d), [r.choice([ast.In, ast.NotIn])()],
                                 [T(ast.Tuple(items, L), "tuple")]), BOOL)
        if k == 3:
            ts = [r.choice([INT, FLOAT]) for _ in range(2)]
            a = T(ast.Tuple([self.expr(t, d) for t in ts], L), "tuple")
            b = T(ast.Tuple([self.expr(t, d) for t in ts], L), "tuple")
            return T(ast.Compare(a, [r.choice(ops)()], [b]), BOOL)
        if k == 4:
            return T(ast.BoolOp(r.choice([ast.And, ast.Or])(), [self.expr(BOOL, d) for _ in range(3)]), BOOL)
        return T(ast.Compare(self.expr(BOOL, d), [r.choice(ops)()], [self.expr(INT, d)]), BOOL)

    def _tuple_index(self, t, d):
        r = self.rng
        items = [self.expr(t, d) for _ in range(r.randint(1, 4))]
        idx = const(r.choice([0, 1, -1, 2, -3, 4]), INT) if r.random() < 0.5 else self.expr(INT, d)
        return T(ast.Subscript(T(ast.Tuple(items, L), "tuple"), idx, L), t)

    # -- statements -------------------------------------------------------------------
    def _assignable(self, t):
        return [v for v, vt in self.vars.items() if vt == t and not v.startswith(("i", "k", "x", "y"))]

    def x_stmt(self, depth):
        r = self.rng
        k = r.randrange(7)
        if k == 0:  # q, r = divmod(a, b)
            t = r.choice([INT, FLOAT])
            vs = self._assignable(t)
            if len(vs) < 2:
                return None
            q, m = r.sample(vs, 2)
            ta, tb = (INT, INT) if t == INT else r.choice([(FLOAT, FLOAT), (FLOAT, INT), (INT, FLOAT)])
            dm, _ = self._divmod(ta, tb, 1)
            return [ast.Assign([ast.Tuple([ast.Name(q, S), ast.Name(m, S)], S)], dm)]
        if k == 1:  # every augmented operator
            vs = self._assignable(INT)
            if not vs:
                return None
            v = r.choice(vs)
            op = r.choice([ast.FloorDiv, ast.Mod, ast.Pow, ast.LShift, ast.RShift, ast.BitAnd, ast.BitOr])
            if op is ast.Pow:
                node = ast.AugAssign(ast.Name(v, S), op(), const(r.choice([0, 1, 2, 3]), INT))
                node._refcall = "_ipow"
            elif op in (ast.LShift, ast.RShift):
                node = ast.AugAssign(ast.Name(v, S), op(), const(r.choice([0, 1, 5, 63, 64]), INT))
                if op is ast.LShift:
                    node._refcall = "_lshift"
            else:
                node = ast.AugAssign(ast.Name(v, S), op(), self.expr(INT, 1))
                node._refwrap = "_chk"
            return [node]
        if k == 2:
            vs = self._assignable(FLOAT)
            if not vs:
                return None
            v = r.choice(vs)
            op = r.choice([ast.FloorDiv, ast.Mod, ast.Pow, ast.Sub])
            val = self.expr(r.choice([FLOAT, INT]), 1)
            node = ast.AugAssign(ast.Name(v, S), op(), val)
            if op is ast.Pow:
                node._refcall = "_ipow"
            return [node]
        if k == 3:  # while ... else
            kv = self.fresh("k")
            lim = r.randint(0, 5)
            cond = T(ast.Compare(name(kv, INT), [ast.Lt()], [const(lim, INT)]), BOOL)
            inc = ast.AugAssign(ast.Name(kv, S), ast.Add(), const(1, INT))
            inc._keep = cond._keep = True
            self.loop_depth += 1
            body = [inc] + self.block(depth + 1)
            if r.random() < 0.6:
                body.insert(1, ast.If(self.expr(BOOL, 1), [ast.Break()], []))
            self.loop_depth -= 1
            return [ast.Assign([ast.Name(kv, S)], const(0, INT)),
                    ast.While(cond, body, [self.assign()])]
        if k == 4:  # for over a range with a negative step, for ... else
            iv = self.fresh("i")
            start = call("min", [self.expr(INT, 2), const(r.randint(0, 9), INT)], INT)
            stop = const(r.randint(-4, 2), INT)
            step = const(r.choice([-1, -2, -3]), INT)
            self.vars[iv] = INT
            self.loop_depth += 1
            body = self.block(depth + 1)
            if r.random() < 0.5:
                body.insert(0, ast.If(self.expr(BOOL, 1), [ast.Break()], []))
            self.loop_depth -= 1
            del self.vars[iv]
            orelse = [self.assign()] if r.random() < 0.5 else []
            return [ast.For(ast.Name(iv, S), call("range", [start, stop, step], None), body, orelse)]
        if k == 5:  # if / elif / elif / else
            node = ast.If(self.expr(BOOL, 1), self.block(depth + 1, 1), [])
            cur = node
            for _ in range(r.randint(1, 3)):
                nxt = ast.If(self.expr(BOOL, 1), self.block(depth + 1, 1), [])
                cur.orelse = [nxt]
                cur = nxt
            if r.random() < 0.6:
                cur.orelse = self.block(depth + 1, 1)
            return [node]
        # tuple unpacking of three values (a rotation)
        t = r.choice([INT, FLOAT])
        vs = self._assignable(t)
        if len(vs) < 3:
            return None
        a, b, c = r.sample(vs, 3)
        return [ast.Assign([ast.Tuple([ast.Name(a, S), ast.Name(b, S), ast.Name(c, S)], S)],
                           T(ast.Tuple([name(b, t), name(c, t), self.expr(t, 1)], L), "tuple"))]

    # -- functions -------------------------------------------------------------------------
    def x_prologue(self, params):
        """A local lambda of its own argument, literals and module constants
        (a lambda capturing a variable assigned again is refused, P2W001)."""
        r = self.rng
        self.lambdas = {}
        out = []
        if not self._xon() or r.random() > 0.25:
            return out
        lv = self.fresh("lam")
        pt = r.choice([INT, FLOAT])
        rt = pt if r.random() < 0.7 else r.choice([INT, FLOAT])
        saved, saved_c = self.vars, getattr(self, "cvars", None)
        self.vars = {}
        if saved_c is not None:  # no containers inside (their variables may be rebound)
            self.cvars = {}
        self.vars["a"] = pt
        self.in_helper, was = True, self.in_helper
        body = self.expr(rt, 1)
        self.in_helper = was
        self.vars = saved
        if saved_c is not None:
            self.cvars = saved_c
        lam = ast.Lambda(ast.arguments(posonlyargs=[], args=[ast.arg("a")], vararg=None, kwonlyargs=[],
                                       kw_defaults=[], kwarg=None, defaults=[]), body)
        out.append(ast.Assign([ast.Name(lv, S)], lam))
        self.lambdas[lv] = (pt, rt)
        return out

    def x_module_consts(self):
        r = self.rng
        self.module_consts = {}
        out = []
        if not self._xon():
            return out
        for i in range(r.choice([0, 0, 1, 2])):
            t = r.choice([INT, FLOAT])
            cn = f"C{i}"
            v = values.edge_int(r) if t == INT else values.edge_float(r)
            out.append(ast.Assign([ast.Name(cn, S)], const(v, t)))
            self.module_consts[cn] = t
        return out

    def helper_call(self, t, d):
        node = super().helper_call(t, d)
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) \
                or not node.func.id.startswith("g") or not self._xon():
            return node
        defaults = getattr(self, "helper_defaults", {}).get(node.func.id, 0)
        n = len(node.args)
        r = self.rng
        if defaults and r.random() < 0.5:  # leave out defaulted parameters
            node.args = node.args[:n - r.randint(1, defaults)]
            n = len(node.args)
        if n and r.random() < 0.3:  # pass the last ones by keyword
            j = r.randint(0, n - 1)
            node.keywords = [ast.keyword(f"p{i}", a) for i, a in enumerate(node.args) if i >= j]
            node.args = node.args[:j]
        return node

    def x_defaults(self, fdef, ptypes):
        """Default values for the last parameters of helper `fdef`."""
        r = self.rng
        if not self._xon() or r.random() > 0.4:
            return
        nd = r.randint(1, len(ptypes))
        fdef.args.defaults = [self.arg_const(t) for t in ptypes[-nd:]]
        self.helper_defaults = getattr(self, "helper_defaults", {})
        self.helper_defaults[fdef.name] = nd

    def arg_const(self, t):
        if t == INT:
            return const(values.edge_int(self.rng), INT)
        if t == FLOAT:
            return const(values.edge_float(self.rng), FLOAT)
        return const(self.rng.random() < 0.5, BOOL)
