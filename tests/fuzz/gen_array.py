"""Random well-typed NumPy array programs.

Arrays of every supported dtype (float64 float32 int64 int32 int16 int8
uint64 uint32 uint16 uint8 bool), NumPy scalars as arguments,
1-D and 2-D, with edge values (0, -0.0, nan, inf, int extremes) and edge
shapes (empty, length 1); operators and ufuncs with broadcasting and Python
scalars (NEP 50 weak scalars), slices and views (negative strides,
transposes), reductions with and without `axis`, element reads and writes
with indices that may be out of range, in-place updates, slice assignment,
and loops over elements with a carried value, a value stored each
iteration, or both. `gen_array_more.py` adds fancy indexing, sorting,
ufunc methods, NumPy scalars made in the function, complex intermediates,
3-D views and `np.linalg` (its docstring lists them); `gen_array_nprandom.py`
seeded `np.random.default_rng` draws; `gen_array_wide.py`
creation with dtypes, views stored and written through, overlapping
in-place operators, `out=`, loops over the elements themselves.

Result dtypes are NumPy's own: each candidate operation is first tried on
one-element arrays of the operand dtypes, and left out when NumPy rejects it
(a type error the tracer would refuse at compile time). Scalars read from
arrays are marked for the reference's `_s` (py2wasm gives Python scalars).
"""
from __future__ import annotations

import ast
import random
import warnings

import numpy as np

from . import gen_array_extra, gen_array_more, gen_array_npnan, gen_array_npufuncs
from . import gen_array_wide, values
from . import gen_array_npindex
from . import gen_array_nprandom
from . import gen_array_npshape
from . import gen_array_npfft
from . import gen_array_npflat
from .gen_scalar import BOOL, FLOAT, INT, L, Options, S, ScalarGen, call, const, name
from .program import Program, T

DTYPES = ["float64", "float32", "int64", "int32", "uint8", "bool",
          "int16", "int8", "uint64", "uint32", "uint16"]
INT_DTYPES = [d for d in DTYPES if d not in ("float64", "float32", "bool")]
# NumPy scalar argument types per scalar kind (a parameter typed INT may be a numpy.int8...)
NP_SCALARS = {"float": ["float64", "float32"], "int": ["int64", "int32", "int16", "int8",
                                                        "uint64", "uint32", "uint16", "uint8"],
              "bool": ["bool"]}
TRANSCENDENTAL = ["exp", "log", "sin", "cos", "tanh", "arctan", "log1p", "expm1", "sinh",
                  "log2", "log10"]
SIMPLE_UFUNCS = ["sqrt", "abs", "floor", "ceil", "trunc", "rint", "sign", "square",
                 "negative", "isnan", "isinf", "isfinite", "logical_not"]
BINARY_UFUNCS = ["maximum", "minimum", "fmax", "fmin", "hypot", "arctan2", "logical_and",
                 "logical_xor", "power"]


def A(dtype, ndim):
    return ("arr", dtype, ndim)


def is_arr(t):
    return isinstance(t, tuple) and t[0] == "arr"


def scalar_of(dtype):
    return {"float64": FLOAT, "float32": FLOAT, "bool": BOOL}.get(dtype, INT)


_SAMPLE = {INT: 1, FLOAT: 1.0, BOOL: True}
_cache: dict = {}


def result_type(fn, *ts):
    """The type NumPy gives fn(*operands of types ts), or None if NumPy refuses."""
    key = (fn, ts)
    if key in _cache:
        return _cache[key]
    ops = []
    for t in ts:
        ops.append(np.ones((1,) * t[2], dtype=t[1]) if is_arr(t) else _SAMPLE[t])
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            r = fn(*ops)
        if isinstance(r, np.ndarray):
            out = A(r.dtype.name, r.ndim) if r.dtype.name in DTYPES else None
        else:
            out = None
    except Exception:
        out = None
    _cache[key] = out
    return out


_BINOPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
           ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b,
           ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
           ast.Pow: lambda a, b: a ** b, ast.BitAnd: lambda a, b: a & b,
           ast.BitOr: lambda a, b: a | b, ast.BitXor: lambda a, b: a ^ b,
           ast.LShift: lambda a, b: a << b, ast.RShift: lambda a, b: a >> b}
_CMPS = [ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq]


def np_call(fname, args, t, keywords=(), **marks):
    node = ast.Call(ast.Attribute(ast.Name("np", L), fname, L), list(args), list(keywords))
    return T(node, t, **marks)


def method(obj, mname, args, t, keywords=(), **marks):
    node = ast.Call(ast.Attribute(obj, mname, L), list(args), list(keywords))
    node._method = True
    return T(node, t, **marks)


class ArrayGen(ScalarGen):
    def __init__(self, rng, opts=None):
        super().__init__(rng, opts)
        self.arrays: dict[str, tuple] = {}  # name -> type
        self.shape_of: dict[str, str] = {}  # name -> "full" | "row" | "col" | "free"

    def ex(self, what):
        return what in self.opts.exclude

    # -- scalar leaves may come from arrays --------------------------------------
    def leaf(self, t):
        r = self.rng
        if t == BOOL and r.random() < 0.05 and not self.ex("extra_array"):
            node = gen_array_extra.chained_compare(self, t)
            if node is not None:
                return node
        if self.arrays and r.random() < 0.05 and not self.ex("npnan"):  # gen_array_npnan's
            node = gen_array_npnan.extra_scalar(self, t)
            if node is not None:
                return node
        if self.arrays and r.random() < 0.3:
            node = self.array_scalar(t)
            if node is not None:
                return node
        if t != BOOL and r.random() < 0.05 and not self.ex("numpy_scalar_ctor"):
            # a NumPy scalar made in the function: np.int8(300) raises NumPy's
            # OverflowError, np.int8(np.int64(300)) wraps, np.float32(1e300) is inf
            dt = r.choice(NP_SCALARS["int" if t == INT else "float"])
            return np_call(dt, [super().leaf(t)], t)
        return super().leaf(t)

    def array_scalar(self, t):
        r = self.rng
        names = list(self.arrays)
        a = r.choice(names)
        at = self.arrays[a]
        dt, nd = at[1], at[2]
        k = r.random()
        if t == INT and k < 0.25:
            if r.random() < 0.5:
                return call("len", [name(a, at)], INT)
            return T(ast.Subscript(T(ast.Attribute(name(a, at), "shape", L), "shape"),
                                   const(r.randrange(nd), INT), L), INT)
        if k < 0.3 and nd == 1 and dt in ("float64", "int64") and scalar_of(dt) == t:
            b = [n for n, bt in self.arrays.items() if bt == at]
            f = r.choice(["dot", "vdot", "inner"])
            if f == "vdot" and self.ex("vdot"):
                f = "dot"
            return np_call(f, [name(a, at), name(r.choice(b), at)], t, refwrap="_s",
                           refcall="_r_" + f if dt == "float64" else None)
        if k < 0.6 and scalar_of(dt) == t:
            idx = [self.index_expr(a) for _ in range(nd)]
            sl = idx[0] if nd == 1 else T(ast.Tuple(idx, L), "idx")
            return T(ast.Subscript(name(a, at), sl, L), t, refwrap="_s")
        # reductions
        red = []
        if t == FLOAT and dt in ("float64", "float32"):
            red = ["sum", "max", "min", "mean", "prod"] + ([] if self.ex("var_std") else ["var", "std"])
        elif t == FLOAT:
            red = ["mean"] + ([] if self.ex("var_std") else ["var", "std"])
        elif t == INT and dt == "uint64":  # max/argmax of uint64: a documented refusal
            red = ["sum", "prod"]
        elif t == INT and dt in INT_DTYPES + ["bool"]:
            red = ["sum", "argmax", "argmin"] + (["max", "min", "prod"] if dt != "bool" else [])
        elif t == INT:
            red = ["argmax", "argmin"]
        elif t == BOOL:
            red = ["any", "all"] + (["max", "min"] if dt == "bool" else [])
        if not red:
            return None
        m = r.choice(red)
        ref = {"sum": "_r_sum", "mean": "_r_mean", "max": "_r_max", "min": "_r_min"}.get(m)
        marks = {"refwrap": "_s"}
        if ref:
            marks["refcall"] = ref
        if r.random() < 0.5:
            return method(name(a, at), m, [], t, **marks)
        return np_call(m if m not in ("max", "min") else r.choice([m, "a" + m]), [name(a, at)], t,
                       **marks) if not marks.get("refcall") else method(name(a, at), m, [], t, **marks)

    def index_expr(self, a):
        r = self.rng
        if r.random() < 0.5:
            return const(r.choice([0, 1, -1, 2, -2, 3, 5]), INT)
        return self.expr(INT, 2)

    # -- array expressions -----------------------------------------------------------
    def arr_leaf(self, want_nd=None):
        cands = [(n, t) for n, t in self.arrays.items() if want_nd is None or t[2] == want_nd]
        if not cands:
            cands = list(self.arrays.items())
        n, t = self.rng.choice(cands)
        return name(n, t)

    def arr_expr(self, d=0, want_nd=None):
        r = self.rng
        if d >= 3 or r.random() < 0.3:
            return self.arr_leaf(want_nd)
        d += 1
        if r.random() < 0.15 and not self.ex("extra_array"):  # gen_array_extra's constructs
            node = gen_array_extra.extra_expr(self, d, want_nd)
            if node is not None:
                return node
        if r.random() < 0.1 and not self.ex("wide_array"):  # gen_array_wide's constructs
            node = gen_array_wide.extra_expr(self, d, want_nd)
            if node is not None:
                return node
        if r.random() < 0.06 and not self.ex("npufuncs"):  # gen_array_npufuncs's ufuncs
            node = gen_array_npufuncs.extra_expr(self, d, want_nd)
            if node is not None:
                return node
        if r.random() < 0.1 and not self.ex("npindex_array"):  # gen_array_npindex's
            node = gen_array_npindex.extra_expr(self, d, want_nd)
            if node is not None:
                return node
        if r.random() < 0.08 and not self.ex("npnan"):  # gen_array_npnan's constructs
            node = gen_array_npnan.extra_expr(self, d, want_nd)
            if node is not None:
                return node
        if r.random() < 0.05 and not self.ex("nprandom"):  # seeded generators' draws
            return gen_array_nprandom.extra_expr(self, d, want_nd)
        if r.random() < 0.08 and not self.ex("npshape"):  # gen_array_npshape's constructs
            node = gen_array_npshape.extra_expr(self, d, want_nd)
            if node is not None:
                return node
        if r.random() < 0.04 and not self.ex("npflat"):  # average, a.flat, a.item(i)
            node = gen_array_npflat.extra_expr(self, d, want_nd)
            if node is not None:
                return node
        if r.random() < 0.03 and not self.ex("npfft"):  # gen_array_npfft's np.fft
            node = gen_array_npfft.extra_expr(self, d, want_nd)
            if node is not None:
                return node
        if r.random() < 0.25:
            node = self.arr_extra(d, want_nd)
            if node is not None:
                return node
        k = r.random()
        if k < 0.35:
            return self.arr_binop(d, want_nd)
        if k < 0.45:
            a = self.arr_expr(d, want_nd)
            op = r.choice(_CMPS)
            other = self.arr_expr(d, a._t[2]) if r.random() < 0.5 else self.expr(
                r.choice([INT, FLOAT]), 2)
            if not is_arr(getattr(other, "_t", None)) and self.ex("cmp_out_of_range") and \
                    a._t[1] in ("uint8", "int32") and other._t == INT:
                other = const(r.choice([0, 1, 7, 100]), INT)
            rt = result_type(lambda x, y: x < y, a._t, other._t)
            if rt is None:
                return a
            return T(ast.Compare(a, [op()], [other]), rt)
        if k < 0.55:
            a = self.arr_expr(d, want_nd)
            f = r.choice(SIMPLE_UFUNCS + TRANSCENDENTAL)
            if f in TRANSCENDENTAL and a._t[1] not in ("float64", "float32"):
                f = "abs"
            rt = result_type(getattr(np, f), a._t)
            if rt is None:
                return a
            marks = {"refcall": "_np_" + f} if f in TRANSCENDENTAL else {}
            return np_call(f, [a], rt, **marks)
        if k < 0.62:
            a = self.arr_expr(d, want_nd)
            f = r.choice(BINARY_UFUNCS)
            b = self.arr_expr(d, a._t[2]) if r.random() < 0.6 else self.expr(
                r.choice([INT, FLOAT]), 2)
            if f == "power" and self.ex("int_power"):
                return a
            rt = result_type(getattr(np, f), a._t, b._t)
            if rt is None:
                return a
            marks = {}
            if f in ("maximum", "minimum", "fmax", "fmin"):
                marks = {"refcall": "_r_" + f}
            elif f in ("hypot", "arctan2") or (f == "power" and rt[1] in ("float64", "float32")):
                marks = {"refcall": "_np_" + f}
            return np_call(f, [a, b], rt, **marks)
        if k < 0.7:
            c = self.arr_expr(d, want_nd)
            if c._t[1] != "bool":
                c = T(ast.Compare(c, [ast.Gt()], [const(0, INT)]), A("bool", c._t[2]))
            x = self.arr_expr(d, c._t[2])
            y = self.arr_expr(d, c._t[2]) if r.random() < 0.5 else self.expr(
                scalar_of(x._t[1]) if x._t[1] != "bool" else INT, 2)
            rt = result_type(np.where, c._t, x._t, y._t)
            if rt is None:
                return x
            return np_call("where", [c, x, y], rt)
        if k < 0.85:
            return self.view(d, want_nd)
        if k < 0.9:
            a = self.arr_expr(d, want_nd)
            dt = r.choice(DTYPES)
            marks = {"refcall": "_r_astype"} if dt == "uint32" and a._t[1] in ("float64", "float32") else {}
            return method(a, "astype", [T(ast.Attribute(ast.Name("np", L), dt if dt != "bool" else "bool_", L), "dt")],
                          A(dt, a._t[2]), **marks)
        if k < 0.94:
            a = self.arr_expr(d, want_nd)
            if a._t[1] in ("float64", "float32", "int64", "int32"):
                lo, hi = sorted([r.choice([-2, 0, 1, 3]), r.choice([0, 2, 5, 100])])
                return np_call("clip", [a, const(lo, INT), const(hi, INT)],
                               result_type(lambda x: np.clip(x, lo, hi), a._t) or a._t)
            return a
        if k < 0.97 and not self.ex("axis_reduction"):
            a = self.arr_expr(d, 2)
            if a._t[2] == 2 and (want_nd in (None, 1)):
                m = r.choice(["sum", "max", "min", "mean", "any", "prod"])
                if a._t[1] == "uint8" and m in ("sum", "prod"):
                    m = "max"
                ax = r.choice([0, 1, -1])
                f = {"sum": np.sum, "max": np.max, "min": np.min, "mean": np.mean,
                     "any": np.any, "prod": np.prod}[m]
                rt = result_type(lambda x: f(x, axis=ax), a._t)
                if rt is None:
                    return a
                marks = {}
                if m in ("sum", "mean", "max", "min"):
                    marks = {"refcall": "_r_" + m}
                return method(a, m, [], rt, keywords=[ast.keyword("axis", const(ax, INT))], **marks)
            return a
        # matrix products
        a = self.arr_leaf(want_nd)
        b = self.arr_leaf()
        if (a._t[1] == "bool" or b._t[1] == "bool") and self.ex("bool_matmul"):
            return a
        rt = result_type(lambda x, y: x @ y, a._t, b._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return a
        return T(ast.BinOp(a, ast.MatMult(), b), rt, refcall="_r_matmul")

    def arr_extra(self, d, want_nd):
        """Creation, reshaping, cumulative sums, rounding, joining, masks."""
        r = self.rng
        k = r.randrange(12 if self.ex("more_array") else 20)
        if k >= 12:  # fancy indexing, sorting, ufunc methods, complex, 3-D views...
            return gen_array_more.extra_expr(self, d, want_nd)
        if k == 0:  # creation
            n = self.expr(INT, 2) if r.random() < 0.3 else const(r.randint(0, 5), INT)
            n = ast.Call(ast.Name("min", L), [ast.Call(ast.Name("max", L), [n, const(0, INT)], []),
                                              const(8, INT)], [])
            n._t = INT
            dt = r.choice(DTYPES)
            dtn = T(ast.Attribute(ast.Name("np", L), dt if dt != "bool" else "bool_", L), "dt")
            c = r.randrange(5)
            if c == 0:
                return np_call("zeros", [n], A(dt, 1), keywords=[ast.keyword("dtype", dtn)])
            if c == 1:
                return np_call("ones", [n], A(dt, 1), keywords=[ast.keyword("dtype", dtn)])
            if c == 2:
                return np_call("arange", [n], A("int64", 1))
            if c == 3:
                v = self.expr(FLOAT, 2)
                return np_call("full", [n, v], A("float64", 1))
            return np_call("linspace", [const(r.choice([0.0, -1.0]), FLOAT), const(r.choice([1.0, 2.5]), FLOAT),
                                        n], A("float64", 1))
        a = self.arr_expr(d, None)
        t = a._t
        if k == 1:  # reshape / ravel / flatten: a 1-D copy or view
            if want_nd not in (None, 1):
                return None
            m = r.choice(["ravel", "flatten", "reshape"])
            if m in ("ravel", "reshape") and self.ex("reshape"):
                m = "flatten"
            return method(a, m, [const(-1, INT)] if m == "reshape" else [], A(t[1], 1))
        if k == 2 and not self.ex("cumsum"):
            if t[1] in ("uint8",) or want_nd not in (None, 1):
                return None
            m = r.choice(["cumsum", "cumprod"])
            rt = result_type(lambda x: getattr(np, m)(x), t)
            return np_call(m, [a], rt) if rt else None
        if k == 3:
            if t[1] in ("float64", "float32"):
                dec = r.choice([0, 1, 2, -1]) if not self.ex("round_negative") else r.choice([0, 1, 2])
                return np_call("round", [a, const(dec, INT)], t)
            if self.ex("round_int"):
                return None
            return np_call("round", [a, const(r.choice([0, 2, -1]), INT)], t)
        if k == 4 and not self.ex("ascontiguousarray"):
            return np_call("ascontiguousarray", [a], t)
        if k == 5:
            return method(a, "copy", [], t)
        if k == 6 and (want_nd in (None, 1)) and t[2] == 1:  # joining
            b = self.arr_expr(d, 1)
            rt = result_type(lambda x, y: np.concatenate((x, y)), t, b._t)
            if rt is None:
                return None
            return np_call("concatenate", [ast.Tuple([a, b], L)], rt)
        if k == 7 and want_nd in (None, 1):  # a boolean mask: a new 1-D array
            cond = T(ast.Compare(a, [r.choice(_CMPS)()], [const(r.choice([0, 1]), INT)]), A("bool", t[2]))
            return T(ast.Subscript(a, cond, L), A(t[1], 1))
        if k == 8 and t[1] in ("float64", "float32", "int64", "int32"):
            f = "reciprocal"
            if t[1] not in ("float64", "float32") and self.ex("int_reciprocal"):
                return None
            return np_call(f, [a], t)
        if k == 9 and t[2] == 2 and want_nd in (None, 2):  # keepdims / tuple axis
            m = r.choice(["sum", "max", "min", "any", "all", "prod"])
            if t[1] == "uint8" and m in ("sum", "prod"):
                m = "max"
            ax = r.choice([0, 1])
            f = getattr(np, m)
            rt = result_type(lambda x: f(x, axis=ax, keepdims=True), t)
            if rt is None:
                return None
            marks = {"refcall": "_r_" + m} if m in ("sum", "max", "min") else {}
            if marks:
                return method(a, m, [], rt, keywords=[ast.keyword("axis", const(ax, INT)),
                                                      ast.keyword("keepdims", const(True, BOOL))],
                              refcall="_r_" + m + "_kd")
            return method(a, m, [], rt, keywords=[ast.keyword("axis", const(ax, INT)),
                                                  ast.keyword("keepdims", const(True, BOOL))])
        if k == 10 and t[1] == "uint8" and not self.ex("cmp_out_of_range"):
            return np_call("clip", [a, const(-2, INT), const(300, INT)], t)
        if k == 11 and t[2] == 2 and want_nd in (None, 2):
            return np_call("transpose", [a], t)
        return None

    def arr_binop(self, d, want_nd):
        r = self.rng
        a = self.arr_expr(d, want_nd)
        op = r.choice(list(_BINOPS))
        if op in (ast.LShift, ast.RShift) and self.ex("array_shift"):
            op = ast.Add
        if r.random() < 0.55:
            b = self.arr_expr(d, a._t[2] if r.random() < 0.8 else None)
        else:
            st = r.choice([INT, FLOAT, INT, FLOAT, BOOL])
            if st == BOOL and self.ex("bool_scalar_array"):
                st = INT
            b = self.expr(st, 2)
        if r.random() < 0.2 and not is_arr(b._t):
            a, b = b, a
        rt = result_type(_BINOPS[op], a._t, b._t)
        if rt is None or (want_nd is not None and rt[2] != want_nd):
            return a if is_arr(a._t) else b
        if op is ast.Pow and rt[1] in ("float64", "float32"):  # py2wasm's library values
            return T(ast.BinOp(a, op(), b), rt, refcall="_r_pow_op")
        return T(ast.BinOp(a, op(), b), rt)

    def view(self, d, want_nd):
        r = self.rng
        a = self.arr_expr(d, want_nd)
        nd = a._t[2]
        dt = a._t[1]

        def sl():
            c = r.random()
            if c < 0.2:
                return ast.Slice(None, None, const(-1, INT))
            if c < 0.4:
                return ast.Slice(const(r.choice([1, 2, -1]), INT), None, None)
            if c < 0.55:
                return ast.Slice(None, const(r.choice([-1, 1, 2, 3]), INT), None)
            if c < 0.7:
                return ast.Slice(None, None, const(r.choice([2, 3, -2]), INT))
            if c < 0.85:
                return ast.Slice(self.expr(INT, 2), None, None)
            return ast.Slice(const(r.choice([-1, 3]), INT), const(0, INT), const(-1, INT))
        if nd == 1:
            return T(ast.Subscript(a, sl(), L), a._t)
        c = r.random()
        if c < 0.3:
            return T(ast.Attribute(a, "T", L), a._t)
        if c < 0.5 and want_nd in (None, 1):
            idx = ast.Tuple([self.index_expr("?"), ast.Slice()], L) if r.random() < 0.5 else \
                ast.Tuple([ast.Slice(), self.index_expr("?")], L)
            return T(ast.Subscript(a, idx, L), A(dt, 1))
        return T(ast.Subscript(a, ast.Tuple([sl(), sl()], L), L), a._t)

    # -- statements ------------------------------------------------------------------
    def assign(self):
        if not self.vars or self.rng.random() < 0.3:
            return self.arr_assign()
        return super().assign()

    def block(self, depth, n=None):
        """Names first bound inside a nested block are not used after it."""
        if depth == 0:
            return super().block(depth, n)
        arrays, vars_ = dict(self.arrays), dict(self.vars)
        out = super().block(depth, n)
        self.arrays, self.vars = arrays, vars_
        return out

    def stmt(self, depth):
        r = self.rng
        k = r.random()
        if depth >= 2 or k < 0.2:
            return super().stmt(depth) if r.random() < 0.4 else [self.arr_assign()]
        if k < 0.45:
            return self.elem_loop(depth)
        if k < 0.55:
            return [self.inplace()]
        if k < 0.65:
            return [self.elem_store()]
        if k < 0.72:
            return [self.slice_store()]
        if k < 0.77 and not self.ex("view_inplace"):
            node = self.view_inplace()
            if node is not None:
                return [node]
        if k < 0.8 and not self.ex("extra_array") and r.random() < 0.5:
            nodes = gen_array_extra.extra_stmt(self, depth)
            if nodes is not None:
                return nodes
        if k < 0.85 and not self.ex("wide_array") and r.random() < 0.6:
            nodes = gen_array_wide.extra_stmt(self, depth)
            if nodes is not None:
                return nodes
        if k < 0.85 and not self.ex("npindex_array") and r.random() < 0.3:
            nodes = gen_array_npindex.extra_stmt(self, depth)
            if nodes is not None:
                return nodes
        if k < 0.85 and not self.ex("nprandom") and r.random() < 0.08:
            return gen_array_nprandom.extra_stmt(self, depth)
        if k < 0.85 and not self.ex("more_array"):
            node = gen_array_more.extra_stmt(self)
            if node is not None:
                return [node]
        if not self.ex("npshape") and r.random() < 0.15:
            return gen_array_npshape.extra_stmt(self, depth)
        return super().stmt(depth)

    def view_inplace(self):
        """An augmented assignment through a view: `p0[::-1] += x`,
        `m[1:, ::2] *= a`, `m[:, 0] -= 1` (writes reach the argument)."""
        r = self.rng
        n = r.choice(list(self.arrays))
        t = self.arrays[n]
        sl = lambda: r.choice([ast.Slice(None, None, const(-1, INT)), ast.Slice(const(1, INT), None, None),
                               ast.Slice(None, None, const(2, INT)), ast.Slice(None, const(-1, INT), None),
                               ast.Slice(const(-1, INT), None, const(-2, INT))])
        if t[2] == 1:
            idx, vt = sl(), t
        elif r.random() < 0.5:
            idx, vt = ast.Tuple([sl(), sl()], L), t
        else:
            idx = ast.Tuple([ast.Slice(), const(r.choice([0, -1]), INT)], L)
            vt = A(t[1], 1)
        op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.BitXor, ast.Div])
        b = self.arr_expr(2, vt[2]) if r.random() < 0.5 else self.expr(r.choice([INT, FLOAT]), 2)

        def iop(x, y):
            x = x.copy()
            return {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply,
                    ast.FloorDiv: np.floor_divide, ast.BitXor: np.bitwise_xor,
                    ast.Div: np.divide}[op](x, y, out=x)
        if result_type(iop, vt, b._t) != vt:
            return None
        return ast.AugAssign(ast.Subscript(ast.Name(n, L), idx, S), op(), b)

    def arr_assign(self):
        r = self.rng
        e = self.arr_expr(1)
        v = self.fresh("a")
        # a new name (type stable); an existing one if the type matches
        same = [n for n, t in self.arrays.items() if t == e._t and not n.startswith("p")]
        if same and r.random() < 0.5:
            v = r.choice(same)
        if r.random() < 0.2:
            e = method(e, "copy", [], e._t)
        self.arrays[v] = e._t
        return ast.Assign([ast.Name(v, S)], e)

    def inplace(self):
        r = self.rng
        n = r.choice(list(self.arrays))
        t = self.arrays[n]
        op = r.choice([ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.BitOr, ast.Div])
        b = self.arr_expr(2, t[2]) if r.random() < 0.6 else self.expr(r.choice([INT, FLOAT]), 2)
        fn = _BINOPS[op]

        def iop(x, y):
            x = x.copy()
            return {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply,
                    ast.FloorDiv: np.floor_divide, ast.BitOr: np.bitwise_or,
                    ast.Div: np.divide}[op](x, y, out=x)
        rt = result_type(iop, t, b._t)
        if rt != t:
            return ast.AugAssign(ast.Name(n, S), ast.Add(), const(0, INT)) if t[1] != "bool" else ast.Pass()
        del fn
        return ast.AugAssign(ast.Name(n, S), op(), b)

    def elem_value(self, dt):
        st = scalar_of(dt)
        if st == INT and not self.ex("float_to_int_store") and self.rng.random() < 0.15:
            return self.expr(FLOAT, 1)
        return self.expr(st, 1)

    def elem_store(self):
        r = self.rng
        n = r.choice(list(self.arrays))
        t = self.arrays[n]
        idx = [self.index_expr(n) for _ in range(t[2])]
        sl = idx[0] if t[2] == 1 else ast.Tuple(idx, L)
        tgt = ast.Subscript(ast.Name(n, L), sl, S)
        if r.random() < 0.3 and t[1] != "bool":
            node = ast.AugAssign(tgt, r.choice([ast.Add, ast.Sub, ast.Mult])(), self.elem_value(t[1]))
            node._refread = "_s"
            if scalar_of(t[1]) == INT:
                node._refwrap = "_chk"
            return node
        return ast.Assign([tgt], self.elem_value(t[1]))

    def slice_store(self):
        r = self.rng
        n = r.choice(list(self.arrays))
        t = self.arrays[n]
        if t[2] == 1:
            sl = r.choice([ast.Slice(const(1, INT), None, None), ast.Slice(None, None, const(2, INT)),
                           ast.Slice(None, None, const(-1, INT)), ast.Slice()])
        else:
            sl = ast.Tuple([ast.Slice(None, None, const(r.choice([1, -1, 2]), INT)), ast.Slice()], L)
        tgt = ast.Subscript(ast.Name(n, L), sl, S)
        if r.random() < 0.5:
            return ast.Assign([tgt], self.elem_value(t[1]))
        src = self.arr_expr(2, 1 if r.random() < 0.5 else t[2])
        rt = result_type(lambda x, y: np.add(x, y * 0, out=x.copy(), casting="same_kind") if False else
                         np.copyto(np.empty_like(x), y, casting="same_kind"), t, src._t)
        return ast.Assign([tgt], src if src._t[1] == t[1] or self._castable(src._t[1], t[1])
                          else self.elem_value(t[1]))

    @staticmethod
    def _castable(src, dst):
        return np.can_cast(src, dst, casting="same_kind")

    def elem_loop(self, depth):
        """for i in range(len(a)): carried scalar and/or a value stored each iteration."""
        r = self.rng
        ones = [(n, t) for n, t in self.arrays.items() if t[2] == 1]
        if not ones:
            return [self.arr_assign()]
        a, at = r.choice(ones)
        dt = at[1]
        st = scalar_of(dt)
        iv = self.fresh("i")
        s = self.fresh("s")
        out = self.fresh("o")
        body = []
        stmts = [ast.Assign([ast.Name(s, S)], const({INT: 0, FLOAT: 0.0, BOOL: False}[st], st))]
        self.vars[s] = st
        self.vars[iv] = INT
        carried = r.random() < 0.7
        stored = r.random() < 0.6
        if carried and stored and self.ex("carried_store"):
            stored = False
        rd = T(ast.Subscript(name(a, at), name(iv, INT), L), st, refwrap="_s")
        if r.random() < 0.2:
            rd = T(ast.Subscript(name(a, at), T(ast.BinOp(name(iv, INT), ast.Add(), const(1, INT)), INT), L),
                   st, refwrap="_s")
        if carried:
            if st == FLOAT:
                upd = r.choice([
                    T(ast.BinOp(name(s, st), ast.Add(), rd), FLOAT),
                    T(ast.BinOp(T(ast.BinOp(name(s, st), ast.Mult(), const(r.choice([0.5, -1.0, 2.0]), FLOAT)), FLOAT),
                                ast.Add(), rd), FLOAT),
                    call("max", [name(s, st), rd], FLOAT)])
            elif st == INT:
                upd = T(ast.BinOp(name(s, st), r.choice([ast.Add, ast.Sub, ast.BitXor])(), rd), INT, refwrap="_chk")
            else:
                upd = T(ast.BoolOp(r.choice([ast.And, ast.Or])(), [name(s, st), rd]), BOOL)
            body.append(ast.Assign([ast.Name(s, S)], upd))
        if stored:
            stmts.insert(0, ast.Assign([ast.Name(out, S)], np_call("zeros_like", [name(a, at)], at)))
            val = name(s, st) if carried else self.expr(st, 2)
            if not carried:
                val = rd if r.random() < 0.5 else val
            body.append(ast.Assign([ast.Subscript(ast.Name(out, L), name(iv, INT), S)], val))
        self.loop_depth += 1
        if r.random() < 0.4:
            body += self.block(depth + 1, 1)
        self.loop_depth -= 1
        del self.vars[iv]
        if stored:
            self.arrays[out] = at
        bound = call("len", [name(a, at)], INT) if r.random() < 0.5 else \
            T(ast.Subscript(T(ast.Attribute(name(a, at), "shape", L), "shape"), const(0, INT), L), INT)
        if r.random() < 0.15:  # backwards
            rng_call = ast.Call(ast.Name("range", L), [T(ast.BinOp(bound, ast.Sub(), const(1, INT)), INT),
                                                       const(-1, INT), const(-1, INT)], [])
        else:
            rng_call = ast.Call(ast.Name("range", L), [bound], [])
        stmts.append(ast.For(ast.Name(iv, S), rng_call, body or [ast.Pass()], []))
        return stmts

    # -- functions -------------------------------------------------------------------
    def program(self, label="") -> Program:
        r = self.rng
        nd = r.choice([1, 1, 2])
        narr = r.randint(1, 3)
        atypes, patterns = [], []
        for i in range(narr):
            dt = r.choice(DTYPES)
            pnd = nd if (i == 0 or r.random() < 0.7) else 1
            atypes.append(A(dt, pnd))
            patterns.append("full" if pnd == nd else "row")
        stypes = [r.choice([INT, FLOAT, BOOL]) for _ in range(r.randint(0, 2))]
        # some scalar parameters are NumPy scalars (numpy.int8, numpy.float32...)
        np_types = [r.choice(NP_SCALARS[{INT: "int", FLOAT: "float", BOOL: "bool"}[t]])
                    if r.random() < 0.3 and not self.ex("numpy_scalar_args") else None
                    for t in stypes]
        params = [f"p{i}" for i in range(narr + len(stypes))]
        defs = []
        if r.random() < 0.1 and not self.ex("recursion"):
            hdef, hp, hr = self.recursive_helper("r0")
            defs.append(hdef)
            self.helpers.append(("r0", hp, hr))
        ones = [t for t in atypes if t[2] == 1]
        if ones and r.random() < 0.2 and not self.ex("extra_array"):
            made = gen_array_extra.make_helper(self, "h0", r.choice(ones))
            if made is not None:
                defs.append(made)
        self.vars = {p: t for p, t in zip(params[narr:], stypes)}
        self.arrays = {p: t for p, t in zip(params[:narr], atypes)}
        ret = r.choice(["arr", "arr", INT, FLOAT, BOOL, "tuple"])
        self.ret_t = ret if ret in (INT, FLOAT, BOOL) else None
        body = self.block(0, r.randint(1, 5))
        if ret == "arr":
            retv = self.arr_expr(1)
        elif ret == "tuple":
            retv = T(ast.Tuple([self.arr_expr(1), self.expr(FLOAT, 1)], L), "tuple")
        else:
            retv = self.expr(ret, 0)
        body.append(ast.Return(retv))
        args = ast.arguments(posonlyargs=[], args=[ast.arg(p) for p in params], vararg=None,
                             kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
        fdef = ast.FunctionDef("f", args, body, [], None, lineno=1)
        inputs = []
        for _ in range(3):
            m, n = r.choice([0, 1, 1, 2, 3, 4, 5, 7]), r.choice([0, 1, 2, 3, 4, 6])
            if r.random() < 0.5:
                m = n
            args_v = []
            for t, pat in zip(atypes, patterns):
                shape = (n,) if t[2] == 1 else (m, n)
                v = self.array_value(t[1], shape)
                if r.random() < 0.15:  # a non-contiguous argument (copied in and back)
                    v = np.asfortranarray(v) if v.ndim == 2 else np.repeat(v, 2)[::2]
                args_v.append(v)
            args_v += [self.arg_value(t) if npt is None else self.np_arg_value(t, npt)
                       for t, npt in zip(stypes, np_types)]
            inputs.append(tuple(args_v))
        return Program(ast.Module(defs + [fdef], []), inputs, kind="array", label=label)

    def np_arg_value(self, t, dtype):
        """A NumPy scalar argument: an edge value of the kind, brought into
        the dtype's range (else a random value of the dtype)."""
        v = self.arg_value(t)
        if dtype in INT_DTYPES:
            info = np.iinfo(dtype)
            if not int(info.min) <= v <= int(info.max):
                v = self.rng.choice([int(info.min), int(info.max), 0, 1,
                                     self.rng.randint(int(info.min), int(info.max))])
        with np.errstate(all="ignore"):
            return np.dtype(dtype).type(v)

    def array_value(self, dt, shape):
        r = self.rng
        size = int(np.prod(shape))
        if dt == "bool":
            return np.array([r.random() < 0.5 for _ in range(size)], dtype=bool).reshape(shape)
        if dt in ("float64", "float32"):
            vals = [values.edge_float(r) if r.random() < 0.5 else float(r.randint(-5, 5)) for _ in range(size)]
            with np.errstate(all="ignore"):
                return np.array(vals, dtype=np.float64).astype(dt).reshape(shape)
        info = np.iinfo(dt)
        vals = []
        for _ in range(size):
            c = r.random()
            if c < 0.6:
                v = r.randint(-5, 9)
            elif c < 0.8:
                v = r.choice([int(info.min), int(info.max), int(info.max) - 1, int(info.min) + 1])
            else:
                v = r.randint(int(info.min), int(info.max))
            vals.append(min(max(v, int(info.min)), int(info.max)))
        return np.array(vals, dtype=dt).reshape(shape)


def generate(rng: random.Random, opts: Options | None = None, label="") -> Program:
    return ArrayGen(rng, opts).program(label)
