"""Loop versioning (passes/loop_version.py): an innermost loop whose bounds
check compares its index with a limit set before the loop runs without the
check after one test (`B <= L`) and as before otherwise. Compiled code
equals CPython/NumPy on every target, including the shapes where the check
fires (IndexError at the same index, the writes before it done), and the
IR shows one copy of the loop without the check."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import py2wasm
from py2wasm.frontend import trace
from py2wasm.ir import verify_module
from py2wasm.passes import dce, fold, inline, link_math, ranges, version_loops

TARGETS = ("mvp", "simd", "relaxed-simd")


def floyd_warshall(d: py2wasm.f64[:, :]) -> None:
    n = d.shape[0]
    for k in range(n):
        for i in range(n):
            dik = d[i, k]
            for j in range(n):
                t = dik + d[k, j]
                if t < d[i, j]:
                    d[i, j] = t


def copy_rows(a: py2wasm.f64[:, :], b: py2wasm.f64[:, :]) -> None:
    # b's columns are indexed by a's column count: b narrower raises part-way
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            b[i, j] = a[i, j] * 2.0


def copy_1d(a: py2wasm.f64[:], b: py2wasm.f64[:], n: int) -> float:
    # two limits (len(a), len(b)) against one loop bound n; the sum, a value
    # of the loop, is used after it (each copy passes its own to the exit)
    s = 0.0
    for j in range(n):
        s += a[j]
        b[j] = s
    return s


def reduce_used_twice(a: py2wasm.f64[:], b: py2wasm.f64[:]) -> float:
    # the sums of the loop are each used twice after it (one parameter each)
    s = 0.0
    t = 1.0
    for j in range(len(a)):
        s += a[j] * b[j]
        t *= b[j]
    return s * s + t * s - t


def index_used_after(a: py2wasm.f64[:], n: int) -> int:
    # a while loop (tested at its bottom: no header test bounds j): left alone
    j = 0
    while j < n:
        a[j] += 1.0
        j += 1
    return j


def optimized(fn, types=None):
    m = trace(fn, types)
    m = version_loops(dce(ranges(fold(inline(link_math(m))))))
    m = dce(m)
    verify_module(m)
    return m


def index_checks_per_loop(m):
    """(loops with an IndexError check, loops without) over innermost loop headers."""
    from py2wasm.ir.dominators import Dominators
    from py2wasm.passes.licm import _loops
    fn = next(iter(m.functions.values()))
    loops = _loops(fn, Dominators(fn))
    heads = {id(h) for h, _b, _p in loops}
    out = []
    for h, body, _pre in loops:
        if any(x in body for x in heads if x != id(h)):
            continue
        out.append(sum(1 for b in fn.blocks if id(b) in body for e in b.eqns
                       if e.prim == "raise_if_fmt" and e.params.get("exc") == "IndexError"))
    return out


def test_floyd_warshall_inner_loop_has_a_copy_without_checks():
    counts = index_checks_per_loop(optimized(floyd_warshall, None))
    assert 0 in counts and any(c > 0 for c in counts), counts


def test_two_limits_one_guard():
    m = optimized(copy_1d)
    counts = index_checks_per_loop(m)
    assert sorted(counts)[0] == 0 and len(counts) == 2, counts


def test_values_used_twice_after_the_loop():
    counts = index_checks_per_loop(optimized(reduce_used_twice))
    assert sorted(counts)[0] == 0 and len(counts) == 2, counts


def test_bottom_tested_loops_are_left_alone():
    counts = index_checks_per_loop(optimized(index_used_after, None))
    assert counts and all(c > 0 for c in counts), counts


def _outcome(f, *a):
    try:
        return ("ok", f(*a))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e).split(" (")[0])


COMPILED = {}


def compiled(fn, target):
    key = (fn.__name__, target)
    if key not in COMPILED:
        COMPILED[key] = py2wasm.compile(fn, target=target)
    return COMPILED[key]


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=25, deadline=None)
@given(st.integers(0, 7), st.integers(0, 7), st.integers(0, 7), st.integers(0, 2**32 - 1))
def test_compiled_equals_cpython(target, r, c, c2, seed):
    rng = np.random.default_rng(seed)
    d = rng.uniform(1, 9, (r, c))
    d[rng.uniform(size=d.shape) < 0.3] = np.inf
    want_d, got_d = d.copy(), d.copy()
    want, got = _outcome(floyd_warshall, want_d), _outcome(compiled(floyd_warshall, target), got_d)
    assert got == want and np.array_equal(got_d, want_d), (r, c, got, want)

    a, b = rng.uniform(-1, 1, (r, c)), rng.uniform(-1, 1, (r, c2))
    bw, bg = b.copy(), b.copy()
    want, got = _outcome(copy_rows, a, bw), _outcome(compiled(copy_rows, target), a, bg)
    assert got == want and np.array_equal(bg, bw), (r, c, c2, got, want)

    x, y = rng.uniform(-1, 1, c), rng.uniform(-1, 1, c2)
    yw, yg = y.copy(), y.copy()
    want, got = _outcome(copy_1d, x, yw, r), _outcome(compiled(copy_1d, target), x, yg, r)
    assert got == want and np.array_equal(yg, yw), (r, c, c2, got, want)

    want, got = _outcome(reduce_used_twice, x, y), _outcome(compiled(reduce_used_twice, target), x, y)
    assert got == want, (c, c2, got, want)

    xw, xg = x.copy(), x.copy()
    want, got = _outcome(index_used_after, xw, r), _outcome(compiled(index_used_after, target), xg, r)
    assert got == want and np.array_equal(xg, xw), (r, c, got, want)


def test_the_check_fires_at_the_same_index():
    d = np.arange(12.0).reshape(4, 3)   # more rows than columns: j reaches 3
    for target in TARGETS:
        got_d, want_d = d.copy(), d.copy()
        want = _outcome(floyd_warshall, want_d)
        got = _outcome(compiled(floyd_warshall, target), got_d)
        assert want[0] == "IndexError" and got == want and np.array_equal(got_d, want_d)
