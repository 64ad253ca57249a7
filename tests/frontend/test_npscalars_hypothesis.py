"""Hypothesis: random expressions over mixed operands (Python scalars, NumPy
scalars of every supported type, 1-D arrays of every dtype), compiled to
wasm and compared with CPython + NumPy 2 bit for bit: result type, dtype,
value, and the exception (type and message) when NumPy raises."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from tests.frontend.test_npscalars import check

SCALAR_TYPES = [np.float64, np.float32, np.int64, np.int32, np.int16, np.int8, np.uint64,
                np.uint32, np.uint16, np.uint8, np.bool_, float, int, bool]
DTYPES = [np.float64, np.float32, np.int64, np.int32, np.int16, np.int8, np.uint64, np.uint32,
          np.uint16, np.uint8, np.bool_]
OPS = ["+", "-", "*", "/", "//", "%"]
CMPS = ["<", "==", ">="]


@st.composite
def scalar(draw, t):
    if t in (bool, np.bool_):
        return t(draw(st.booleans()))
    if t is float or (t not in (int,) and np.issubdtype(t, np.floating)):
        x = draw(st.one_of(st.floats(-1e3, 1e3, allow_nan=False, width=32),
                           st.sampled_from([0.0, -0.0, 0.5, 3.0, float("inf"), float("nan")])))
        return t(x)
    if t is int:
        return draw(st.integers(-1000, 1000))
    info = np.iinfo(t)
    return t(draw(st.one_of(st.integers(max(info.min, -300), min(info.max, 300)),
                            st.sampled_from([int(info.min), int(info.max), 0, 1]))))


@st.composite
def operand(draw):
    if draw(st.booleans()):
        return draw(scalar(draw(st.sampled_from(SCALAR_TYPES))))
    dt = draw(st.sampled_from(DTYPES))
    return np.array([draw(scalar(dt)) for _ in range(3)], dtype=dt)


@st.composite
def expression(draw, names, depth=0):
    if depth >= 2 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(names + ["2", "1.5", "True", "np.float32(0.25)",
                                             "np.int8(3)", "np.uint16(7)"]))
    kind = draw(st.integers(0, 5))
    a = draw(expression(names, depth + 1))
    if kind == 0:
        return f"(-{a})"
    if kind == 1:
        return f"abs({a})"
    b = draw(expression(names, depth + 1))
    if kind == 2:
        return f"({a} {draw(st.sampled_from(CMPS))} {b})"
    return f"({a} {draw(st.sampled_from(OPS))} {b})"


_FNS: dict = {}


def _function(src):
    fn = _FNS.get(src)
    if fn is None:
        ns = {"np": np}
        exec(compile(f"def f(x, y, z):\n    return {src}\n", f"<expr {len(_FNS)}>", "exec"), ns)
        fn = _FNS[src] = ns["f"]
    return fn


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_mixed_expressions_match_numpy(data):
    src = data.draw(expression(["x", "y", "z"]))
    args = tuple(data.draw(operand()) for _ in range(3))
    check(_function(src), [args])
