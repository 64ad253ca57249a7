"""float32 arithmetic as wasm's f32 operators (backend/lower_f32.py).

`f32(add|sub|mul|fdiv|sqrt|neg|fabs|abs(...))` of float32-exact operands
(float32 loads, results of `f32`, float32-exact constants, block parameters
fed only by such values) is lowered as one f32 operation, the values live
in f32 locals and their comparisons are made in f32. Checked: every target
equals the reference interpreter (which computes in f64 and rounds) and NumPy's float32 arithmetic, over float32
values with subnormals, infinities, NaNs and signed zeros (NaNs compare as
NaNs: their bits are not promised, docs/arrays.md); operands that are not
float32-exact and compound expressions rounded once keep the f64 lowering;
a float32 loop's wasm has no f64 arithmetic and no demote/promote left.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import ir
from py2wasm.backend import compile_module
from py2wasm.backend.lower_f32 import float32_exact
from py2wasm.ir.interpret import interpret
from py2wasm.ir.memory import Memory
from py2wasm.runner import Instance
from py2wasm.targets import TARGETS

from .util import LOC, key, module_of

F = ir.F64
F32S = st.floats(width=32, allow_nan=True, allow_infinity=True, allow_subnormal=True)
EDGE = [0.0, -0.0, 1.0, -1.0, math.inf, -math.inf, math.nan, 2.0**-149, -2.0**-149,
        2.0**-126, 3.4028234663852886e38, -3.4028234663852886e38, 1.0000001192092896,
        0.3333333432674408, 16777216.0, 16777218.0, 2.0**-75, 1.5, 3.0]


def kernel_module():
    """f(x, y, u, v): x, y stored as float32 and loaded back (float32-exact);
    returns f32 of their sum, difference, product, quotient, sqrt(x), a
    sum with a float32-exact constant, (not fused) f32(u + v) of the
    unrounded f64 parameters and the compound f32(x * y + x) rounded once,
    -x, |y|, their comparisons (with constants too), a loop-carried float32
    chain and that value stored and loaded back."""
    fb = ir.FunctionBuilder("f", [F, F, F, F], [], loc=LOC)
    x0, y0, u, v = fb.params
    a = fb.emit("alloc", [fb.const(16)])
    fb.emit_multi("store", [a, x0], {"dtype": "float32"})
    fb.emit_multi("store", [a, y0], {"dtype": "float32", "offset": 4})
    x = fb.emit("load", [a], {"dtype": "float32"})
    y = fb.emit("load", [a], {"dtype": "float32", "offset": 4})
    r32 = lambda p, *xs: fb.emit("f32", [fb.emit(p, list(xs))])  # noqa: E731
    outs = [r32("add", x, y), r32("sub", x, y), r32("mul", x, y), r32("fdiv", x, y),
            r32("sqrt", x), r32("add", x, fb.const(0.1875)), r32("mul", y, fb.const(0.1)),
            r32("add", u, v), fb.emit("f32", [fb.emit("add", [fb.emit("mul", [x, y]), x])]),
            r32("neg", x), r32("fabs", y), r32("abs", x)]
    outs += [fb.emit(c, [x, y]) for c in ("eq", "ne", "lt", "le", "gt", "ge")]
    outs += [fb.emit("lt", [x, fb.const(0.5)]), fb.emit("ge", [fb.const(-0.0), y]),
             fb.emit("lt", [x, fb.const(0.1)]), fb.emit("lt", [x, u])]  # the last two in f64
    # s = x; three times: s = f32(f32(s * y) + x), carried through a loop's block parameter
    loop, body, done = fb.new_block([F, ir.I64]), fb.new_block(), fb.new_block()
    fb.br(loop, [x, fb.const(0)])
    fb.set_block(loop)
    s, i = loop.params
    fb.cond_br(fb.emit("lt", [i, fb.const(3)]), body, done)
    fb.set_block(body)
    s2 = r32("add", r32("mul", s, y), x)
    fb.br(loop, [s2, fb.emit("wadd", [i, fb.const(1)])])
    fb.set_block(done)
    outs.append(s)
    # stored and loaded back through a float32 array
    fb.emit_multi("store", [a, s], {"dtype": "float32", "offset": 8})
    outs.append(fb.emit("load", [a], {"dtype": "float32", "offset": 8}))
    fb.fn.result_types = [o.type for o in outs]
    fb.ret(outs)
    return module_of(fb.finish())


_INSTANCES = {}


def _instance(target):
    if target not in _INSTANCES:
        m = kernel_module()
        _INSTANCES[target] = (m, Instance(compile_module(m, opt="O3", name="t", target=target)))
    return _INSTANCES[target]


def _check(target, args):
    m, inst = _instance(target)
    want = key(tuple(interpret(m, "f", list(args), memory=Memory())))
    got = key(inst.call("f", list(args)))
    assert got == want, f"{args!r}: wasm {got}, interpreter {want}"


@pytest.mark.parametrize("target", TARGETS)
def test_edge_values_equal_the_interpreter(target):
    for x in EDGE:
        for y in EDGE:
            _check(target, (x, y, x + 2.0**-40, y))


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=150, deadline=None)
@given(x=F32S, y=F32S, u=st.floats(), v=st.floats())
def test_float32_values_equal_the_interpreter(target, x, y, u, v):
    _check(target, (x, y, u, v))


def test_unrounded_operands_are_not_fused():
    """f32(u + v) of f64 values is one rounding of the exact f64 sum: 1 +
    2**-24 + 2**-50 rounds up to 1 + 2**-23; rounding v first (to 2**-24)
    would give a tie, rounded to even: 1."""
    u, v = 1.0, 2.0**-24 + 2.0**-50
    for target in TARGETS:
        _, inst = _instance(target)
        assert inst.call("f", [1.0, 1.0, u, v])[7] == 1.0 + 2.0**-23


def test_float32_exact():
    assert float32_exact(0.1875) and float32_exact(-0.0) and float32_exact(math.inf)
    assert float32_exact(2.0**-149) and not float32_exact(2.0**-150)
    assert not float32_exact(0.1) and not float32_exact(math.nan) and not float32_exact(1e39)


# --- compiled Python vs NumPy ------------------------------------------------

def scalar_ops(a, b):
    x = a[0]
    y = b[0]
    return (x + y, x - y, x * y, x / y, np.sqrt(x), x * np.float32(0.5) + y, -x, abs(y),
            x < y, x == y, x >= np.float32(0.5))


def chain(a, b):
    s = np.float32(1)
    for i in range(a.shape[0]):
        s = s * a[i] + b[i] / (a[i] - b[i] + np.float32(3))
        s = np.sqrt(s * s) - b[i]
    return s


def _bits(r):
    r = np.float32(r)
    return "nan" if np.isnan(r) else int(r.view(np.uint32))


_COMPILED = {}


def _compiled(fn, target):
    if (fn, target) not in _COMPILED:
        _COMPILED[fn, target] = py2wasm.compile(fn, target=target)
    return _COMPILED[fn, target]


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=120, deadline=None)
@given(x=F32S, y=F32S)
def test_scalar_float32_operations_match_numpy(target, x, y):
    a, b = np.array([x], np.float32), np.array([y], np.float32)
    with np.errstate(all="ignore"):
        want = [_bits(r) for r in scalar_ops(a, b)]
    got = [_bits(r) for r in _compiled(scalar_ops, target)(a, b)]
    assert got == want


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=60, deadline=None)
@given(xs=st.lists(st.tuples(F32S, F32S), min_size=0, max_size=12))
def test_float32_loop_matches_numpy(target, xs):
    a = np.array([p for p, _ in xs], np.float32)
    b = np.array([q for _, q in xs], np.float32)
    with np.errstate(all="ignore"):
        want = _bits(chain(a, b))
    assert _bits(_compiled(chain, target)(a, b)) == want


def test_float32_loop_has_no_f64_arithmetic():
    """The float32 chain's wasm computes in f32: no f64 operation, no
    demote, and one promote at most (the returned value)."""
    c = _compiled(chain, "mvp")
    a = np.ones(3, np.float32)
    c(a, a)
    wat = c.wat()
    assert "f32.add" in wat and "f32.div" in wat and "f32.sqrt" in wat
    assert not any(f"f64.{op}" in wat for op in ("add", "sub", "mul", "div", "sqrt"))
    assert "f32.demote_f64" not in wat
    assert wat.count("f64.promote_f32") <= 1



def matvec(a, x):
    return a @ x


@pytest.mark.parametrize("target", [t for t in TARGETS if t != "mvp"])
def test_float32_lanes_leave_vectors_as_f32(target):
    """A float32 matrix-vector product's partial sums leave their f32x4
    lanes (`vextract`) as float32-exact values: the tree of a row's partial
    sums and its k-order tail are f32 additions, no f64 arithmetic nor
    demote/promote pair is left, and the bits equal the mvp build's and the
    contract's order (tests/arrays/test_matmul_kernels.py checks every size)."""
    rng = np.random.default_rng(7)
    for n, k in [(1, 1), (3, 9), (4, 17), (7, 63), (65, 65)]:
        a = rng.standard_normal((n, k)).astype(np.float32)
        x = rng.standard_normal(k).astype(np.float32)
        got = _compiled(matvec, target)(a, x)
        assert got.dtype == np.float32
        want = _compiled(matvec, "mvp")(a, x)
        assert got.view(np.uint32).tolist() == want.view(np.uint32).tolist()
    wat = _compiled(matvec, target).wat()
    assert "f32x4.extract_lane" in wat and "f32.add" in wat
    assert not any(f"f64.{op}" in wat for op in ("add", "mul"))
    assert "f32.demote_f64" not in wat
