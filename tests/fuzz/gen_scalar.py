"""Random well-typed scalar programs: int/float/bool arithmetic (// % ** on
edge values, shifts, bitwise), comparisons, math functions, if/while/for
range, break/continue, early returns, calls to helper functions.

Every variable keeps one type (py2wasm refuses a type that changes between
paths, P2W004: documented), loops are bounded, and each node is tagged with
its type (program.T) and with the documented deviations that apply to it.
"""
from __future__ import annotations

import ast
import copy
import random

from . import values
from .program import Program, T

INT, FLOAT, BOOL = "int", "float", "bool"
SCALARS = (INT, FLOAT, BOOL)
L = ast.Load()
S = ast.Store()


def name(n, t):
    return T(ast.Name(n, L), t)


def const(v, t):
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        node = ast.parse(values.float_lit(v), mode="eval").body
        return T(node, t)
    if isinstance(v, (int, float)) and not isinstance(v, bool) and (v < 0 or (v == 0 and str(v).startswith("-"))):
        return T(ast.UnaryOp(ast.USub(), T(ast.Constant(-v), t)), t)
    return T(ast.Constant(v), t)


def is_lit(node) -> bool:
    """A literal (`2.5`, `-3`, `math.inf`): the tracer folds operations on
    literals with CPython itself (its libm), not with py2wasm's library."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp):
        return is_lit(node.operand)
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "math"


def libm_marks(args, name):
    return {} if all(is_lit(a) for a in args) else {"refcall": name}


def _complex_constant(a, b) -> bool:
    """a ** b of two constant expressions that CPython folds into a complex."""
    from .program import _constant
    if not (_constant(a) and _constant(b)):
        return False
    expr = ast.Expression(ast.BinOp(copy.deepcopy(a), ast.Pow(), copy.deepcopy(b)))
    try:
        return isinstance(eval(compile(ast.fix_missing_locations(expr), "<c>", "eval"), {}), complex)
    except Exception:
        return False


def call(fname, args, t, **marks):
    if "." in fname:
        mod, attr = fname.split(".")
        func = ast.Attribute(ast.Name(mod, L), attr, L)
    else:
        func = ast.Name(fname, L)
    return T(ast.Call(func, list(args), []), t, **marks)


class Options:
    """Generator switches. `exclude` names constructs to leave out (see
    docs/fuzzing.md: bugs owned by other branches, until fixed)."""

    def __init__(self, exclude=()):
        self.exclude = set(exclude)


class ScalarGen:
    MATH1_F = ["sqrt", "fabs", "exp", "log", "sin", "cos", "atan", "tanh", "log1p", "expm1"]
    TRANSCENDENTAL = {"exp", "log", "sin", "cos", "atan", "tanh", "log1p", "expm1", "atan2",
                      "hypot"}

    def __init__(self, rng: random.Random, opts: Options | None = None):
        self.rng = rng
        self.opts = opts or Options()
        self.vars: dict[str, str] = {}
        self.helpers: list[tuple[str, list[str], str]] = []
        self.loop_depth = 0
        self.n = 0
        self.ret_t = INT
        self.in_helper = False

    def ex(self, what):
        return what in self.opts.exclude

    def fresh(self, prefix="v"):
        self.n += 1
        return f"{prefix}{self.n}"

    # -- expressions ----------------------------------------------------------
    def leaf(self, t):
        r = self.rng
        cands = [v for v, vt in self.vars.items() if vt == t]
        if cands and r.random() < 0.75:
            return name(r.choice(cands), t)
        if t == INT:
            return const(values.edge_int(r), INT)
        if t == FLOAT:
            return const(values.edge_float(r), FLOAT)
        return const(r.random() < 0.5, BOOL)

    def expr(self, t, d=0):
        r = self.rng
        if d >= 3 or r.random() < 0.25:
            return self.leaf(t)
        return getattr(self, "e_" + t)(d + 1)

    def e_int(self, d):
        r = self.rng
        k = r.random()
        if k < 0.45:
            op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod, ast.Pow,
                           ast.BitAnd, ast.BitOr, ast.BitXor, ast.LShift, ast.RShift])
            a = self.expr(INT, d)
            if op is ast.Pow:
                # a negative exponent known when tracing gives a float (as in
                # CPython), a run-time one raises ValueError (documented): the
                # tracer's knowledge cannot be predicted here, so exponents
                # are never negative
                if r.random() < 0.7:
                    b = const(r.choice([0, 1, 2, 3, 5, 7, 63, 64]), INT)
                else:
                    b = T(ast.BinOp(self.expr(INT, d), ast.BitAnd(), const(127, INT)), INT)
                return T(ast.BinOp(a, op(), b), INT, refcall="_ipow")
            if op in (ast.LShift, ast.RShift):
                b = const(r.choice([0, 1, 3, 31, 62, 63, 64, 100]), INT) if r.random() < 0.7 else self.expr(INT, d)
                if op is ast.LShift:
                    return T(ast.BinOp(a, op(), b), INT, refcall="_lshift")
                return T(ast.BinOp(a, op(), b), INT)
            b = self.expr(INT, d)
            return T(ast.BinOp(a, op(), b), INT, refwrap="_chk")
        if k < 0.55:
            op = r.choice([ast.USub, ast.Invert])
            return T(ast.UnaryOp(op(), self.expr(INT, d)), INT, refwrap="_chk")
        if k < 0.62:
            f = r.choice(["int", "round", "math.floor", "math.ceil", "math.trunc"])
            return call(f, [self.expr(FLOAT, d)], INT, refwrap="_chk")
        if k < 0.68:
            return call("abs", [self.expr(INT, d)], INT, refwrap="_chk")
        if k < 0.74:
            return call(r.choice(["min", "max"]), [self.expr(INT, d), self.expr(INT, d)], INT)
        if k < 0.78:
            return call("int", [self.expr(BOOL, d)], INT)
        if k < 0.82:
            a, b = self.expr(BOOL, d), self.expr(BOOL, d)
            return T(ast.BinOp(a, r.choice([ast.Add, ast.Sub, ast.Mult])(), b), INT)
        if k < 0.86 and "pow3" not in self.opts.exclude:
            m = r.choice([1, 2, 7, 97, -5, 1000000007, 2**62, 2**63 - 1]
                         + ([] if self.ex("pow_min_modulus") else [-2**63]))
            e = T(ast.BinOp(self.expr(INT, d), ast.BitAnd(), const(255, INT)), INT)
            return call("pow", [self.expr(INT, d), e, const(m, INT)], INT)
        if k < 0.93:
            return self.ifexp(INT, d)
        return self.helper_call(INT, d)

    def e_float(self, d):
        r = self.rng
        k = r.random()
        if k < 0.45:
            op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow])
            ta, tb = r.choice([(FLOAT, FLOAT), (FLOAT, FLOAT), (FLOAT, INT), (INT, FLOAT)])
            a, b = self.expr(ta, d), self.expr(tb, d)
            if op is ast.Pow:
                if _complex_constant(a, b):
                    # CPython's compiler folds it into a complex: not a float.
                    # With a NumPy float64 it would meet the documented
                    # deviation (a Python complex, not NumPy's complex128)
                    b = const(2.0, FLOAT)
                return T(ast.BinOp(a, op(), b), FLOAT, **libm_marks([a, b], "_ipow"))
            return T(ast.BinOp(a, op(), b), FLOAT)
        if k < 0.5:
            a, b = self.expr(INT, d), self.expr(INT, d)
            return T(ast.BinOp(a, ast.Div(), b), FLOAT)
        if k < 0.56:
            return T(ast.UnaryOp(r.choice([ast.USub, ast.UAdd])(), self.expr(FLOAT, d)), FLOAT)
        if k < 0.62:
            return call("float", [self.expr(INT, d)], FLOAT)
        if k < 0.7:
            f = r.choice(self.MATH1_F)
            if f in self.TRANSCENDENTAL:
                arg = self.expr(FLOAT, d)
                return T(ast.Call(ast.Attribute(ast.Name("math", L), f, L), [arg], []),
                         FLOAT, **libm_marks([arg], f"_m_{f}"))
            return call("math." + f, [self.expr(FLOAT, d)], FLOAT)
        if k < 0.74:
            f = r.choice(["copysign", "atan2", "hypot", "fmod"])
            args = [self.expr(FLOAT, d), self.expr(FLOAT, d)]
            if f in self.TRANSCENDENTAL:
                return T(ast.Call(ast.Attribute(ast.Name("math", L), f, L), args, []),
                         FLOAT, **libm_marks(args, f"_m_{f}"))
            return call("math." + f, args, FLOAT)
        if k < 0.8:
            return call(r.choice(["min", "max"]), [self.expr(FLOAT, d), self.expr(FLOAT, d)], FLOAT)
        if k < 0.84:
            return call("abs", [self.expr(FLOAT, d)], FLOAT)
        if k < 0.92:
            return self.ifexp(FLOAT, d)
        return self.helper_call(FLOAT, d)

    def e_bool(self, d):
        r = self.rng
        k = r.random()
        if k < 0.45:
            ta = r.choice([INT, FLOAT, INT, FLOAT, BOOL])
            tb = ta if ta == BOOL else r.choice([INT, FLOAT])
            ops = [ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq]
            if r.random() < 0.15:
                return T(ast.Compare(self.expr(ta, d), [r.choice(ops)(), r.choice(ops)()],
                                     [self.expr(tb, d), self.expr(r.choice([INT, FLOAT]) if ta != BOOL else BOOL, d)]), BOOL)
            return T(ast.Compare(self.expr(ta, d), [r.choice(ops)()], [self.expr(tb, d)]), BOOL)
        if k < 0.55:
            return T(ast.UnaryOp(ast.Not(), self.expr(BOOL, d)), BOOL)
        if k < 0.7:
            return T(ast.BoolOp(r.choice([ast.And, ast.Or])(), [self.expr(BOOL, d), self.expr(BOOL, d)]), BOOL)
        if k < 0.8:
            return call("math." + r.choice(["isnan", "isinf", "isfinite"]), [self.expr(FLOAT, d)], BOOL)
        if k < 0.88:
            return call("bool", [self.expr(r.choice([INT, FLOAT]), d)], BOOL)
        if k < 0.94:
            return self.ifexp(BOOL, d)
        return self.helper_call(BOOL, d)

    def ifexp(self, t, d):
        return T(ast.IfExp(self.expr(BOOL, d), self.expr(t, d), self.expr(t, d)), t)

    def helper_call(self, t, d):
        cands = [h for h in self.helpers if h[2] == t]
        if not cands or self.in_helper:
            return self.leaf(t)
        hname, ptypes, _ = self.rng.choice(cands)
        return call(hname, [self.expr(pt, d) for pt in ptypes], t)

    # -- statements -------------------------------------------------------------
    def assign(self):
        v = self.rng.choice(list(self.vars))
        t = self.vars[v]
        r = self.rng
        if t != BOOL and r.random() < 0.4:
            if t == INT:
                op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod, ast.BitXor])
                val = self.expr(INT, 1)
                node = ast.AugAssign(ast.Name(v, S), op(), val)
                node._refwrap = "_chk"
                return node
            op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.Div])
            return ast.AugAssign(ast.Name(v, S), op(), self.expr(r.choice([FLOAT, INT]), 1))
        return ast.Assign([ast.Name(v, S)], self.expr(t))

    def block(self, depth, n=None):
        r = self.rng
        n = n or r.randint(1, 3)
        out = []
        for _ in range(n):
            out.extend(self.stmt(depth))
        return out or [ast.Pass()]

    def stmt(self, depth):
        r = self.rng
        if depth < 2 and r.random() < 0.1 and not self.ex("extra_stmts"):
            out = self.extra_stmt(depth)
            if out:
                return out
        k = r.random()
        if depth >= 2 or k < 0.45:
            return [self.assign()]
        if k < 0.6:
            node = ast.If(self.expr(BOOL), self.block(depth + 1), [])
            if r.random() < 0.5:
                node.orelse = self.block(depth + 1)
            return [node]
        if k < 0.72:
            iv = self.fresh("i")
            bound = r.choice([const(r.randint(0, 6), INT),
                              ast.Call(ast.Name("min", L), [
                                  ast.Call(ast.Name("max", L), [self.expr(INT, 2), const(0, INT)], []),
                                  const(r.randint(1, 8), INT)], [])])
            args = [bound]
            if r.random() < 0.2:
                args = [const(r.randint(-2, 2), INT), bound]
            self.vars[iv] = INT
            self.loop_depth += 1
            body = self.block(depth + 1)
            self.loop_depth -= 1
            del self.vars[iv]
            orelse = [self.assign()] if r.random() < 0.2 else []  # for ... else
            return [ast.For(ast.Name(iv, S), ast.Call(ast.Name("range", L), args, []), body, orelse)]
        if k < 0.75 and r.random() < 0.35:
            iv = self.fresh("x")
            t = r.choice([INT, FLOAT])
            n = r.randint(1, 15 if self.ex("long_tuple_loop") else 20)
            items = [const(values.edge_int(r) if t == INT else values.edge_float(r), t) for _ in range(n)]
            self.vars[iv] = t
            self.loop_depth += 1
            body = self.block(depth + 1)
            self.loop_depth -= 1
            del self.vars[iv]
            return [ast.For(ast.Name(iv, S), ast.Tuple(items, L), body, [])]
        if k < 0.8:
            kv = self.fresh("k")
            lim = r.randint(1, 6)
            self.loop_depth += 1
            cond = T(ast.Compare(name(kv, INT), [ast.Lt()], [const(lim, INT)]), BOOL)
            if r.random() < 0.6:
                cond = T(ast.BoolOp(ast.And(), [cond, self.expr(BOOL, 1)]), BOOL)
            inc = ast.AugAssign(ast.Name(kv, S), ast.Add(), const(1, INT))
            inc._keep = cond._keep = True  # the shrinker keeps the loop bounded
            body = [inc] + self.block(depth + 1)
            self.loop_depth -= 1
            return [ast.Assign([ast.Name(kv, S)], const(0, INT)), ast.While(cond, body, [])]
        if k < 0.88 and self.loop_depth:
            return [ast.If(self.expr(BOOL, 1), [r.choice([ast.Break, ast.Continue])()], [])]
        if self.ret_t is None:  # f returns arrays: no early returns
            return [self.assign()]
        return [ast.If(self.expr(BOOL, 1), [ast.Return(self.expr(self.ret_t, 1))], [])]

    def extra_stmt(self, depth):
        """raise with a formatted message, assert, tuple assignment (swaps)."""
        r = self.rng
        # not in helpers: a helper whose condition is known while tracing
        # raises on every path, is typed None and its caller refused (P2W003)
        k = r.random() if not self.in_helper else 1.0
        if k < 0.4:
            exc = r.choice(["ValueError", "ZeroDivisionError", "IndexError", "OverflowError",
                            "RuntimeError"])
            body = [ast.Raise(ast.Call(ast.Name(exc, L), [self.message()], []), None)]
            return [ast.If(self.expr(BOOL, 1), body, [])]
        if k < 0.6:
            return [ast.Assert(self.expr(BOOL, 1), self.message() if r.random() < 0.7 else None)]
        by_t = {}
        for v, t in self.vars.items():
            if not v.startswith(("i", "k")):  # loop counters stay as they are
                by_t.setdefault(t, []).append(v)
        pairs = [vs for vs in by_t.values() if len(vs) >= 2]
        if not pairs:
            return None
        a, b = r.sample(r.choice(pairs), 2)
        t = self.vars[a]
        if r.random() < 0.5:
            vals = [name(b, t), name(a, t)]  # a swap
        else:
            vals = [self.expr(t, 1), self.expr(t, 1)]
        return [ast.Assign([ast.Tuple([ast.Name(a, S), ast.Name(b, S)], S)],
                           ast.Tuple(vals, L))]

    SPECS = {INT: [None, None, "5d", "#x", "+"], FLOAT: [None, None, ".3f", "+.2e", "g"],
             BOOL: [None]}

    def message(self):
        """An exception message: a literal or an f-string of run-time values
        (with conversions and format specs, CPython's text)."""
        r = self.rng
        if r.random() < 0.25:
            return ast.Constant(r.choice(["bad value", "n must be positive", ""]))
        parts = [ast.Constant(r.choice(["bad ", "x = ", ""]))]
        for j in range(r.randint(1, 2)):
            t = r.choice(SCALARS)
            v = self.expr(t, 2)
            spec = r.choice(self.SPECS[t])
            conv = r.choice([-1, -1, ord("r")]) if spec is None else -1
            fs = ast.JoinedStr([ast.Constant(spec)]) if spec else None
            parts.append(ast.FormattedValue(v, conv, fs))
            if j == 0:
                parts.append(ast.Constant(r.choice([", ", " and ", ": "])))
        return ast.JoinedStr([p for p in parts if not (isinstance(p, ast.Constant) and p.value == "")])

    def recursive_helper(self, fname):
        """def r(n, x): bounded self-recursion (depth <= 12 whatever n is)."""
        r = self.rng
        t = r.choice([INT, FLOAT])
        self.vars = {"n": INT, "x": t}
        self.in_helper = True
        base = T(ast.BoolOp(ast.Or(), [
            T(ast.Compare(name("n", INT), [ast.LtE()], [const(0, INT)]), BOOL),
            T(ast.Compare(name("n", INT), [ast.Gt()], [const(12, INT)]), BOOL)]), BOOL)
        rec = call(fname, [T(ast.BinOp(name("n", INT), ast.Sub(), const(1, INT)), INT),
                           self.expr(t, 2)], t)
        if t == INT:
            step = T(ast.BinOp(rec, r.choice([ast.Add, ast.Sub, ast.BitXor])(), self.expr(INT, 2)),
                     INT, refwrap="_chk")
        else:
            step = T(ast.BinOp(rec, r.choice([ast.Add, ast.Sub, ast.Mult])(), self.expr(FLOAT, 2)),
                     FLOAT)
        # x may be a NumPy scalar (array programs: numpy.float32, numpy.int8...),
        # so `x / n` and `-3.1` differ in type; both paths return the Python
        # kind (`float(...)`/`int(...)`), one result type, while the NumPy
        # arithmetic inside stays (else a correct P2W009 refusal)
        conv = "float" if t == FLOAT else "int"
        marks = {"refwrap": "_chk"} if t == INT else {}
        body = [ast.If(base, [ast.Return(call(conv, [self.expr(t, 1)], t, **marks))], []),
                ast.Return(call(conv, [step], t, **marks))]
        self.in_helper = False
        args = ast.arguments(posonlyargs=[], args=[ast.arg("n"), ast.arg("x")], vararg=None,
                             kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
        return ast.FunctionDef(fname, args, body, [], None, lineno=1), [INT, t], t

    # -- functions --------------------------------------------------------------
    def function(self, fname, ptypes, ret_t, nstmts):
        params = [f"p{i}" for i in range(len(ptypes))]
        self.vars = dict(zip(params, ptypes))
        self.ret_t = ret_t
        body = []
        if not self.in_helper and hasattr(self, "x_prologue"):  # gen_scalar_extra: local lambdas
            body += self.x_prologue(params)
        for _ in range(self.rng.randint(0, 3)):
            v = self.fresh()
            t = self.rng.choice(SCALARS)
            body.append(ast.Assign([ast.Name(v, S)], self.expr(t, 1)))
            self.vars[v] = t
        body += self.block(0, nstmts)
        body.append(ast.Return(self.expr(ret_t)))
        args = ast.arguments(posonlyargs=[], args=[ast.arg(p) for p in params], vararg=None,
                             kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
        return ast.FunctionDef(fname, args, body, [], None, lineno=1)

    def program(self, label="") -> Program:
        r = self.rng
        defs = self.x_module_consts() if hasattr(self, "x_module_consts") else []
        for i in range(r.choice([0, 0, 1, 2])):
            ptypes = [r.choice(SCALARS) for _ in range(r.randint(1, 3))]
            ret = r.choice(SCALARS)
            self.in_helper = True
            defs.append(self.function(f"g{i}", ptypes, ret, r.randint(1, 3)))
            self.in_helper = False
            if hasattr(self, "x_defaults"):  # gen_scalar_extra: default parameter values
                self.x_defaults(defs[-1], ptypes)
            self.helpers.append((f"g{i}", ptypes, ret))
        if r.random() < 0.2 and not self.ex("recursion"):
            fdef, ptypes, ret = self.recursive_helper("r0")
            defs.append(fdef)
            self.helpers.append(("r0", ptypes, ret))
        ptypes = [r.choice([INT, INT, FLOAT, FLOAT, BOOL]) for _ in range(r.randint(1, 4))]
        ret = r.choice([INT, FLOAT, BOOL, "tuple"])
        if ret == "tuple":
            ret = INT
            fdef = self.function("f", ptypes, ret, r.randint(2, 6))
            last = fdef.body[-1]
            last.value = T(ast.Tuple([last.value, self.expr(FLOAT)], L), "tuple")
            for node in ast.walk(fdef):  # every return of f is a pair
                if isinstance(node, ast.Return) and node is not last:
                    node.value = T(ast.Tuple([node.value, self.expr(FLOAT, 2)], L), "tuple")
        else:
            fdef = self.function("f", ptypes, ret, r.randint(2, 6))
        defs.append(fdef)
        inputs = [tuple(self.arg_value(t) for t in ptypes) for _ in range(3)]
        return Program(ast.Module(defs, []), inputs, kind="scalar", label=label)

    def arg_value(self, t):
        if t == INT:
            return values.edge_int(self.rng)
        if t == FLOAT:
            return values.edge_float(self.rng)
        return self.rng.random() < 0.5


def generate(rng: random.Random, opts: Options | None = None, label="") -> Program:
    from .gen_scalar_extra import ExtraScalar

    class Gen(ExtraScalar, ScalarGen):
        pass
    return Gen(rng, opts).program(label)
