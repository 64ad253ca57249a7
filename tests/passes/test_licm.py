"""Loop-invariant address arithmetic (passes/licm.py): the row offset of
`d[i, j]` in a loop over `j` is computed before the loop (the IR after the
pass), and compiled loops with every kind of index (row, column, negative,
transposed, a conditional store, loops that run zero times) equal CPython /
NumPy."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import py2wasm
from py2wasm.ir import CondBr, verify_module
from py2wasm.ir.dominators import Dominators
from py2wasm.passes import run_passes
from py2wasm.passes.licm import licm_function


def floyd(d: py2wasm.f64[:, :]) -> None:
    n = d.shape[0]
    for k in range(n):
        for i in range(n):
            dik = d[i, k]
            for j in range(n):
                t = dik + d[k, j]
                if t < d[i, j]:
                    d[i, j] = t


def mixed(a: py2wasm.f64[:, :], b: py2wasm.f64[:, :], m: int) -> float:
    s = 0.0
    for i in range(a.shape[0]):
        for j in range(m):
            s += a[i, j] * b[j, i] - a[i, -j - 1] + a[-i - 1, j]
            if s > 1e3:
                b[j, i] = s * 0.5
    return s


def inner_blocks_with(fn_ir, prims):
    """Equations with a prim in `prims` inside the innermost loops."""
    dom = Dominators(fn_ir)
    preds = {}
    for b in dom.rpo:
        for s in b.successors():
            preds.setdefault(id(s), []).append(b)
    out = []
    for h in dom.rpo:
        back = [p for p in preds.get(id(h), []) if dom.dominates(h, p)]
        if not back:
            continue
        body, stack = {id(h)}, list(back)
        while stack:
            b = stack.pop()
            if id(b) not in body:
                body.add(id(b))
                stack.extend(preds.get(id(b), []))
        out.append((h, body))
    inner = min(out, key=lambda t: len(t[1]))[1]
    return [e for b in dom.rpo if id(b) in inner for e in b.eqns if e.prim in prims]


def test_floyd_row_offsets_leave_the_inner_loop():
    from py2wasm.frontend import trace
    from py2wasm.ir.types import ArrayType
    for target in ("mvp", "simd"):
        mod = run_passes(trace(floyd, [ArrayType("float64", 2)]), target=target)
        verify_module(mod)
        fn = mod.functions["floyd"]
        consts = {e.outs[0].id for b in fn.blocks for e in b.eqns if e.prim == "const"}
        products = [e for e in inner_blocks_with(fn, ("wmul", "mul"))
                    if not any(v.id in consts for v in e.ins)]
        assert products == []  # i * n and k * n are computed before the j loop
        assert inner_blocks_with(fn, ("load",))  # the loop is the j loop


def _outcome(f, *a):
    try:
        return ("ok", f(*a))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 9), st.integers(0, 2**32 - 1))
def test_floyd_equals_cpython(n, seed):
    rng = np.random.default_rng(seed)
    d = rng.uniform(1, 10, (n, n))
    d[rng.uniform(size=(n, n)) < 0.5] = 1e9
    want, got = d.copy(), d.copy()
    floyd(want)
    py2wasm.compile(floyd)(got)
    assert np.array_equal(want, got)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 7), st.integers(0, 7), st.integers(-2, 9), st.integers(0, 2**32 - 1))
def test_mixed_indices_equal_cpython(r, c, m, seed):
    rng = np.random.default_rng(seed)
    a = rng.uniform(-40, 40, (r, c))
    b = rng.uniform(-40, 40, (c, r))
    b1, b2 = b.copy(), b.copy()
    want = _outcome(mixed, a, b1, m)
    got = _outcome(py2wasm.compile(mixed), a, b2, m)
    assert got == want
    assert np.array_equal(b1, b2)


def test_no_change_without_loops():
    from py2wasm.frontend import trace
    from py2wasm.ir import F64

    def f(x: float) -> float:
        return x * 2.0 + 1.0
    mod = trace(f, [F64])
    assert licm_function(mod.functions["f"]) == 0
