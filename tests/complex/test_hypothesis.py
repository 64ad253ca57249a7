"""Hypothesis: random complex expressions (complex, float, int and bool
operands; + - * / **, unary -, conjugate, .real/.imag, complex(), ==) compiled
vs CPython, on arguments drawn from special values (signed zeros, subnormals,
huge, inf, NaN) and ordinary ones. Everything but abs is exact in CPython's
algorithms, so results are compared bit for bit (NaN matches any NaN)."""
import math

from hypothesis import given, strategies as st

import py2wasm

from tests.corpus.hyp_settings import SETTINGS

from .support import SPECIAL, check_all

VARS = {"z": "complex", "w": "complex", "x": "float", "n": "int"}
components = st.one_of(st.sampled_from(SPECIAL), st.floats(allow_nan=True, allow_infinity=True),
                       st.floats(-10, 10))
complexes = st.builds(complex, components, components)
ints = st.one_of(st.sampled_from([0, 1, -1, 2, 3, -5, 2**53 + 1]), st.integers(-2**63, 2**63 - 1))


def _expr(depth):
    leaf = st.one_of(st.sampled_from(["z", "w", "x", "n", "1j", "(2-0.5j)", "0.0", "-0.0", "3"]))
    if depth == 0:
        return leaf
    sub = _expr(depth - 1)
    return st.one_of(
        leaf,
        st.builds(lambda a, op, b: f"({a} {op} {b})", sub, st.sampled_from("+-*/"), sub),
        st.builds(lambda a, k: f"({a}) ** {k}", sub, st.sampled_from([0, 1, 2, 3, -1, -2, 5])),
        st.builds(lambda a: f"(-{a})", sub),
        st.builds(lambda a: f"complex({a}).conjugate()", sub),
        st.builds(lambda a, b: f"complex(({a}).real, ({b}).imag)", sub, sub),
        st.builds(lambda a, b: f"(1.5 if ({a}) == ({b}) else -2.5)", sub, sub),
    )


def _compile(src):
    ns = {"math": math}
    exec(f"def f(z, w, x, n):\n    return {src}\n", ns)
    return ns["f"]


@SETTINGS
@given(_expr(3), st.lists(st.tuples(complexes, complexes, components, ints), min_size=4,
                          max_size=12))
def test_random_complex_expressions(src, args):
    fn = _compile(src)
    check_all(fn, py2wasm.compile(fn), args)


@SETTINGS
@given(_expr(2), st.lists(st.tuples(complexes, complexes, components, ints), min_size=4,
                          max_size=12))
def test_random_abs_and_truth(src, args):
    ns = {}
    exec(f"def f(z, w, x, n):\n    v = {src}\n    return (abs(v), bool(v), v != z)\n", ns)
    fn = ns["f"]
    check_all(fn, py2wasm.compile(fn), args, ulps=1)
