"""Random expressions and small programs as Python source, for the
hypothesis suites. Every generated function is type-stable (each variable and
sub-expression has one static type: int, float or bool), so it lies inside the
subset; the generator renders it twice:
- plain: the function py2wasm compiles (written to a real module file, so the
  tracer can read its source);
- checked: the CPython oracle, every int operation wrapped in `_i(...)`
  (support.check_int64), so an intermediate int64 overflow is expected exactly
  where py2wasm must raise OverflowError.
Exponents are small non-negative literals (int ** negative int and negative
float ** fractional float are documented deviations)."""
from __future__ import annotations

import hashlib
import importlib.util
import math
import sys
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from .support import check_int64

INT, FLOAT, BOOL = "int", "float", "bool"
INT_LITS = [0, 1, 2, 3, -1, 7, -13, 100, 2**31, -2**31, 2**62]
FLOAT_LITS = [0.0, -0.0, 1.0, 0.5, -2.25, 3.0, 0.1, 1e300, 1e-300, 1e999, -1e999]

INT64 = st.one_of(st.integers(-1000, 1000),
                  st.sampled_from([0, 1, -1, 2**31, -2**31, 2**62, -2**62, 2**63 - 1, -2**63]),
                  st.integers(-2**63, 2**63 - 1))
FLOATS = st.one_of(st.floats(-100.0, 100.0),
                   st.sampled_from([0.0, -0.0, 1.0, -1.0, 0.5, math.inf, -math.inf, math.nan, 1e308, 5e-324]),
                   st.floats(allow_nan=True, allow_infinity=True))


class E:
    """An expression: its static type and its two renderings."""
    __slots__ = ("ty", "plain", "checked")

    def __init__(self, ty, plain, checked=None):
        self.ty, self.plain, self.checked = ty, plain, plain if checked is None else checked

    def __repr__(self):
        return f"<{self.ty}: {self.plain}>"


def _int_op(plain, checked):
    return E(INT, plain, f"_i({checked})")


def _lit(ty, draw):
    if ty == INT:
        v = draw(st.sampled_from(INT_LITS))
        return E(INT, f"({v!r})")
    v = draw(st.sampled_from(FLOAT_LITS))
    return E(FLOAT, f"({v!r})" if math.isfinite(v) else ("(1e999)" if v > 0 else "(-1e999)"))


@st.composite
def expr(draw, ty, env, depth):
    """An expression of static type `ty` over the variables in env {type: [names]}."""
    leaves = []
    if env.get(ty):
        leaves.append("var")
    if ty != BOOL:
        leaves.append("lit")
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        kind = draw(st.sampled_from(leaves)) if leaves else "cmp"
        if kind == "var":
            return E(ty, draw(st.sampled_from(env[ty])))
        if kind == "lit":
            return _lit(ty, draw)
    d = depth - 1
    sub = lambda t: expr(t, env, d)  # noqa: E731
    if ty == BOOL:
        kind = draw(st.sampled_from(["cmp", "cmp", "chain", "not", "and", "or"]))
        if kind in ("cmp", "chain"):
            a = draw(sub(draw(st.sampled_from([INT, FLOAT]))))
            b = draw(sub(draw(st.sampled_from([INT, FLOAT]))))
            op = draw(st.sampled_from(["<", "<=", "==", "!=", ">", ">="]))
            if kind == "chain":
                c = draw(sub(draw(st.sampled_from([INT, FLOAT]))))
                op2 = draw(st.sampled_from(["<", "<=", "==", "!=", ">", ">="]))
                return E(BOOL, f"({a.plain} {op} {b.plain} {op2} {c.plain})",
                         f"({a.checked} {op} {b.checked} {op2} {c.checked})")
            return E(BOOL, f"({a.plain} {op} {b.plain})", f"({a.checked} {op} {b.checked})")
        if kind == "not":
            a = draw(sub(BOOL))
            return E(BOOL, f"(not {a.plain})", f"(not {a.checked})")
        a, b = draw(sub(BOOL)), draw(sub(BOOL))
        return E(BOOL, f"({a.plain} {kind} {b.plain})", f"({a.checked} {kind} {b.checked})")

    kinds = ["bin", "bin", "bin", "neg", "abs", "minmax", "cond", "pow", "andor"]
    kinds += ["from_float", "round", "bool_arith"] if ty == INT else ["from_int", "truediv_int"]
    kind = draw(st.sampled_from(kinds))
    if kind == "bin":
        ops = ["+", "-", "*", "//", "%"] + (["/"] if ty == FLOAT else [])
        op = draw(st.sampled_from(ops))
        if ty == INT:
            ta = tb = INT
        elif op == "/":
            ta, tb = draw(st.sampled_from([(FLOAT, FLOAT), (INT, FLOAT), (FLOAT, INT), (INT, INT)]))
        else:
            ta, tb = draw(st.sampled_from([(FLOAT, FLOAT), (INT, FLOAT), (FLOAT, INT)]))
        a, b = draw(sub(ta)), draw(sub(tb))
        p, c = f"({a.plain} {op} {b.plain})", f"({a.checked} {op} {b.checked})"
        return _int_op(p, c) if ty == INT else E(FLOAT, p, c)
    if kind == "truediv_int":
        a, b = draw(sub(INT)), draw(sub(INT))
        return E(FLOAT, f"({a.plain} / {b.plain})", f"({a.checked} / {b.checked})")
    if kind == "neg":
        a = draw(sub(ty))
        return _int_op(f"(-{a.plain})", f"(-{a.checked})") if ty == INT else E(FLOAT, f"(-{a.plain})", f"(-{a.checked})")
    if kind == "abs":
        a = draw(sub(ty))
        p, c = f"abs({a.plain})", f"abs({a.checked})"
        return _int_op(p, c) if ty == INT else E(FLOAT, p, c)
    if kind == "minmax":
        f = draw(st.sampled_from(["min", "max"]))
        a, b = draw(sub(ty)), draw(sub(ty))
        return E(ty, f"{f}({a.plain}, {b.plain})", f"{f}({a.checked}, {b.checked})")
    if kind == "cond":
        a, b, c = draw(sub(ty)), draw(sub(BOOL)), draw(sub(ty))
        return E(ty, f"({a.plain} if {b.plain} else {c.plain})", f"({a.checked} if {b.checked} else {c.checked})")
    if kind == "andor":
        op = draw(st.sampled_from(["and", "or"]))
        a, b = draw(sub(ty)), draw(sub(ty))
        return E(ty, f"({a.plain} {op} {b.plain})", f"({a.checked} {op} {b.checked})")
    if kind == "pow":
        if ty == INT:
            a, n = draw(sub(INT)), draw(st.sampled_from([0, 1, 2, 3]))
            return _int_op(f"({a.plain} ** {n})", f"({a.checked} ** {n})")
        base_t = draw(st.sampled_from([FLOAT, FLOAT, INT]))
        a, n = draw(sub(base_t)), draw(st.sampled_from(["2", "3", "0", "-1", "2.0", "-2.0", "1.0"]))
        if base_t == INT and n in ("2", "3", "0", "-1"):
            n = n + ".0"      # int ** float literal: a float (int ** -1 would be a deviation)
        return E(FLOAT, f"({a.plain} ** {n})", f"({a.checked} ** {n})")
    if kind == "from_float":
        a = draw(sub(FLOAT))
        return _int_op(f"int({a.plain})", f"int({a.checked})")
    if kind == "round":
        a = draw(sub(FLOAT))
        return _int_op(f"round({a.plain})", f"round({a.checked})")
    if kind == "bool_arith":
        a, b = draw(sub(BOOL)), draw(sub(INT))
        op = draw(st.sampled_from(["+", "*", "-"]))
        return _int_op(f"({a.plain} {op} {b.plain})", f"({a.checked} {op} {b.checked})")
    if kind == "from_int":
        a = draw(sub(INT))
        return E(FLOAT, f"float({a.plain})", f"float({a.checked})")
    raise AssertionError(kind)


@st.composite
def signature(draw, min_vars=2, max_vars=3):
    n = draw(st.integers(min_vars, max_vars))
    return [draw(st.sampled_from([INT, FLOAT])) for _ in range(n)]


def env_of(sig):
    env = {INT: [], FLOAT: [], BOOL: []}
    for i, t in enumerate(sig):
        env[t].append(f"x{i}")
    return env


def inputs(sig):
    return st.tuples(*[INT64 if t == INT else FLOATS for t in sig])


def edge_inputs(sig):
    z = tuple(0 if t == INT else 0.0 for t in sig)
    o = tuple(1 if t == INT else -0.0 for t in sig)
    m = tuple(-7 if t == INT else 2.5 for t in sig)
    return [z, o, m]


# ------------------------------------------------------------ small programs
@st.composite
def program_body(draw, sig, n_int=2, n_float=2):
    """Statements over params x0.. and locals i0.. (int), f0.. (float).
    Returns (plain lines, checked lines, return expression names)."""
    env = env_of(sig)
    ints = [f"i{k}" for k in range(n_int)]
    floats = [f"f{k}" for k in range(n_float)]
    plain, checked = [], []

    def emit(indent, p, c=None):
        plain.append("    " * indent + p)
        checked.append("    " * indent + (p if c is None else c))

    for v in ints:
        e = draw(expr(INT, env, 2))
        emit(1, f"{v} = {e.plain}", f"{v} = {e.checked}")
    env[INT] = env[INT] + ints
    for v in floats:
        e = draw(expr(FLOAT, env, 2))
        emit(1, f"{v} = {e.plain}", f"{v} = {e.checked}")
    env[FLOAT] = env[FLOAT] + floats
    counter = [0]

    def block(indent, depth, in_loop):
        n = draw(st.integers(1, 3))
        for _ in range(n):
            kinds = ["assign", "aug", "aug"]
            if depth > 0:
                kinds += ["if", "for", "while"]
            if in_loop:
                kinds += ["break", "continue"]
            kind = draw(st.sampled_from(kinds))
            if kind == "assign":
                t = draw(st.sampled_from([INT, FLOAT]))
                v = draw(st.sampled_from(ints if t == INT else floats))
                e = draw(expr(t, env, 2))
                emit(indent, f"{v} = {e.plain}", f"{v} = {e.checked}")
            elif kind == "aug":
                t = draw(st.sampled_from([INT, FLOAT]))
                v = draw(st.sampled_from(ints if t == INT else floats))
                op = draw(st.sampled_from(["+", "-", "*"] + (["//", "%"] if t == INT else ["/"])))
                e = draw(expr(t, env, 1))
                c = f"{v} = _i({v} {op} {e.checked})" if t == INT else f"{v} = {v} {op} {e.checked}"
                emit(indent, f"{v} {op}= {e.plain}", c)
            elif kind == "if":
                b = draw(expr(BOOL, env, 1))
                emit(indent, f"if {b.plain}:", f"if {b.checked}:")
                block(indent + 1, depth - 1, in_loop)
                if draw(st.booleans()):
                    emit(indent, "else:")
                    block(indent + 1, depth - 1, in_loop)
            elif kind == "for":
                k = f"k{counter[0]}"
                counter[0] += 1
                form = draw(st.sampled_from(["lit", "lit3", "expr"]))
                if form == "lit":
                    r = f"range({draw(st.integers(0, 5))})"
                    rc = r
                elif form == "lit3":
                    step = draw(st.sampled_from([-3, -2, -1, 1, 2, 3]))
                    a, b = draw(st.integers(-6, 6)), draw(st.integers(-6, 6))
                    r = rc = f"range({a}, {b}, {step})"
                else:
                    e = draw(expr(INT, env, 1))
                    r, rc = f"range({e.plain} % 5)", f"range(_i({e.checked} % 5))"
                emit(indent, f"for {k} in {r}:", f"for {k} in {rc}:")
                env[INT] = env[INT] + [k]
                block(indent + 1, depth - 1, True)
                env[INT] = env[INT][:-1]
                if draw(st.integers(0, 3)) == 0:
                    emit(indent, "else:")
                    block(indent + 1, depth - 1, in_loop)
            elif kind == "while":
                w = f"w{counter[0]}"
                counter[0] += 1
                b = draw(expr(BOOL, env, 1))
                emit(indent, f"{w} = 0")
                bound = draw(st.integers(0, 4))
                emit(indent, f"while {w} < {bound} and {b.plain}:", f"while {w} < {bound} and {b.checked}:")
                emit(indent + 1, f"{w} += 1")
                block(indent + 1, depth - 1, True)
            elif kind in ("break", "continue"):
                b = draw(expr(BOOL, env, 1))
                emit(indent, f"if {b.plain}:", f"if {b.checked}:")
                emit(indent + 1, kind)

    block(1, 2, False)
    ret = draw(st.sampled_from(["tuple", "int", "float"]))
    names = {"tuple": f"({ints[0]}, {floats[0]}, {ints[-1]})", "int": ints[0], "float": floats[-1]}[ret]
    emit(1, f"return {names}")
    return plain, checked


# ------------------------------------------------------------ module files
_DIR = Path(tempfile.mkdtemp(prefix="py2wasm-corpus-gen-"))
_CACHE: dict[str, tuple] = {}


def load(params: list[str], plain_body: list[str], checked_body: list[str]):
    """Write `def f(params)` (plain) and `def f_checked(params)` (oracle) into
    a fresh module file, import it and return (f, f_checked, source). The same
    source always gives the same function objects (so compiled versions are
    reused while hypothesis replays or shrinks)."""
    sig = ", ".join(params)
    src = (f"def f({sig}):\n" + "\n".join(plain_body) + "\n\n\n"
           f"def f_checked({sig}):\n" + "\n".join(checked_body) + "\n")
    hit = _CACHE.get(src)
    if hit:
        return hit
    name = "py2wasm_gen_" + hashlib.sha1(src.encode()).hexdigest()[:16]
    path = _DIR / f"{name}.py"
    path.write_text(src)
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    mod._i = check_int64
    _CACHE[src] = (mod.f, mod.f_checked, src)
    return _CACHE[src]
