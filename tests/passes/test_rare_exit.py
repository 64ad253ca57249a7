"""Rare checks as side exits (passes/rare_exit.py): which loops get a fast
copy (a two-operand check reached through repeatable equations) and which
do not (a store, an allocation or a call before the check), and that it
never changes what a function computes, raises or writes: compiled code on
every target against CPython (with the documented int64 OverflowError),
with inputs where the check's first operand holds and the second does not
(the original loop takes over and goes on), where both hold (it raises at
the same iteration), and where neither ever holds."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import py2wasm
from py2wasm.frontend import trace
from py2wasm.ir import I64, CondBr, verify_module
from py2wasm.passes import ifconvert, shared_passes
from py2wasm.passes.rare_exit import split_function
from tests.passes.loop_programs import MAX, MIN, TARGETS, collatz_steps, halve_or_triple

OVF = ("OverflowError", "integer overflow: the result does not fit in a 64-bit int")
BOUND = MAX // 3  # 3 * x + 1 fits int64 iff x <= BOUND (x > 0)
NEAR = sorted({v for b in (BOUND, MIN // 3, 2**62, MAX, MIN) for v in range(b - 4, b + 5)
               if MIN <= v <= MAX})


def scaled_sum(a: py2wasm.i64[:], out: py2wasm.i64[:], k: int) -> int:
    # a load before the check, a store after it: out[i] is written for
    # every element before the one whose product overflows
    s = 0
    for i in range(len(a)):
        v = int(a[i])  # a Python int: checked arithmetic (NumPy's int64 wraps)
        if v > k:
            w = v * 3
        else:
            w = v >> 1
        out[i] = w
        s ^= w
    return s


def store_first(a: py2wasm.i64[:], out: py2wasm.i64[:]) -> int:
    # a store before the check: the iteration cannot start over (left alone)
    s = 0
    for i in range(len(a)):
        out[i] = i
        v = int(a[i])
        if v & 1:
            s = v * 5
        else:
            s = v
    return s


def _model(fn, *a):
    """CPython's outcome, with the OverflowError py2wasm documents where an
    intermediate int leaves int64 (the functions above only multiply by
    3 and 5 in the checked arms)."""
    args = [x.copy() if isinstance(x, np.ndarray) else x for x in a]
    try:
        r = _run_checked(fn, *args)
    except OverflowError:
        return OVF, [x for x in args if isinstance(x, np.ndarray)]
    return ("ok", r), [x for x in args if isinstance(x, np.ndarray)]


def _run_checked(fn, *a):
    if fn is collatz_steps:
        x, steps = a[0], 0
        while x != 1:
            x = x // 2 if x % 2 == 0 else _fit(_fit(3 * x) + 1)
            steps = _fit(steps + 1)
        return steps
    if fn is halve_or_triple:
        x, n = a
        steps = 0
        while n > 0 and x != 1:
            x = x // 2 if x % 2 == 0 else _fit(_fit(3 * x) + 1)
            steps += 1
            n -= 1
        return _fit(_fit(x * 1000) + steps)
    if fn is scaled_sum:
        a_, out, k = a
        s = 0
        for i in range(len(a_)):
            v = int(a_[i])
            w = _fit(v * 3) if v > k else v >> 1
            out[i] = w
            s ^= w
        return s
    if fn is store_first:
        a_, out = a
        s = 0
        for i in range(len(a_)):
            out[i] = i
            v = int(a_[i])
            s = _fit(v * 5) if v & 1 else v
        return s
    raise AssertionError(fn)


def _fit(v):
    if not MIN <= v <= MAX:
        raise OverflowError
    return v


def _compiled(c, *a):
    args = [x.copy() if isinstance(x, np.ndarray) else x for x in a]
    try:
        r = ("ok", c(*args))
    except Exception as e:  # noqa: BLE001
        r = (type(e).__name__, str(e))
    return r, [x for x in args if isinstance(x, np.ndarray)]


def _same(got, want):
    (g, garr), (w, warr) = got, want
    assert g == w
    if g[0] == "ok":  # the arrays written by a call that returned
        for x, y in zip(garr, warr):
            np.testing.assert_array_equal(x, y)


def _split_count(fn, types):
    m = ifconvert(shared_passes(trace(fn, types), 1))
    n = sum(split_function(f) for f in m.functions.values())
    verify_module(m)
    return n, m


def test_collatz_gets_a_fast_copy():
    n, m = _split_count(collatz_steps, [I64])
    assert n == 1
    fn = m.functions["collatz_steps"]
    two = [e for b in fn.blocks for e in b.eqns if e.prim == "raise_if" and len(e.ins) == 2]
    assert len(two) == 1  # only the original loop keeps the check
    exits = [b for b in fn.blocks if isinstance(b.term, CondBr) and not b.eqns]
    assert exits  # the side exit: a block of its own (rotate leaves it alone)


def test_loop_test_before_the_check_is_split():
    # the check comes after the header's `n > 0 and x != 1` (pure)
    assert _split_count(halve_or_triple, [I64, I64])[0] == 1


def test_load_before_the_check_is_split():
    n, _ = _split_count(scaled_sum, [py2wasm.i64[:], py2wasm.i64[:], I64])
    assert n == 2  # both copies loop_version made (with and without the column check)


def test_store_before_the_check_is_left_alone():
    n, _ = _split_count(store_first, [py2wasm.i64[:], py2wasm.i64[:]])
    assert n == 0


@pytest.mark.parametrize("target", TARGETS)
def test_collatz_near_the_bound_every_target(target):
    cs = py2wasm.compile(collatz_steps, target=target)
    for x in [27, 97, 2**62, BOUND * 2, 3 * 2**40 + 1] + [v for v in NEAR if v > 0]:
        _same(_compiled(cs, x), _model(collatz_steps, x))
    cb = py2wasm.compile(halve_or_triple, target=target)
    for x in NEAR + [-1, -5, -17, 27, 97, 0, 1, 2]:
        for n in (1, 2, 3, 70):
            _same(_compiled(cb, x, n), _model(halve_or_triple, x, n))


@pytest.mark.parametrize("target", TARGETS)
def test_arrays_every_target(target):
    c1 = py2wasm.compile(scaled_sum, target=target)
    c2 = py2wasm.compile(store_first, target=target)
    rng = np.random.default_rng(5)
    cases = [np.array(v, dtype=np.int64) for v in (
        [], [1], [BOUND, BOUND + 1], [5, BOUND - 1, BOUND + 1, 7], [-(BOUND + 1), -BOUND, 3],
        [MIN // 3 - 1, 2, 3], list(range(-20, 20)))]
    cases += [rng.integers(-2**62, 2**62, size=n, dtype=np.int64) for n in (1, 9, 33)]
    for a in cases:
        for k in (-5, 0, 10, BOUND - 2, MIN):
            _same(_compiled(c1, a, np.zeros(len(a), np.int64), k),
                  _model(scaled_sum, a, np.zeros(len(a), np.int64), k))
        _same(_compiled(c2, a, np.zeros(len(a), np.int64)), _model(store_first, a, np.zeros(len(a), np.int64)))


@settings(max_examples=60, deadline=None)
@given(st.integers(MIN, MAX), st.integers(0, 200))
def test_bounded_equals_model(x, n):
    _same(_compiled(py2wasm.compile(halve_or_triple), x, n), _model(halve_or_triple, x, n))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 10**6))
def test_collatz_equals_cpython(x):
    _same(_compiled(py2wasm.compile(collatz_steps), x), _model(collatz_steps, x))
