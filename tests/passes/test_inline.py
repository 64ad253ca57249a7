"""The inlining pass (passes/inline.py): which calls it inlines (small user
helpers, chains of them, helpers called from loops) and which it keeps
(recursion, big functions, loops, the linked math library, exports), the IR
verifies and computes what it computed before (reference interpreter), and
compiled code still equals CPython, exceptions raised inside an inlined
helper included (message and the note naming the helper's line)."""
import inspect
import math
import random

import pytest

import py2wasm
from py2wasm.frontend import trace, trace_many
from py2wasm.ir import F64, I64, Raise, verify_module
from py2wasm.ir.interpret import interpret
from py2wasm.passes import inline, link_math
from py2wasm.passes.inline import INLINE_MAX, LOOP_INLINE_MAX, has_loop, size


def calls(m, name):
    return [e.params["fn"] for b in m.functions[name].blocks for e in b.eqns
            if e.prim == "call"]


def inlined(fn, types):
    """(traced module, linked copy after inlining); both verify."""
    before = link_math(trace(fn, types))
    verify_module(before)
    after = inline(link_math(trace(fn, types)))
    verify_module(after)
    return before, after


def norm(v):
    """Values compared bit for bit (NaN equals NaN, -0.0 differs from 0.0)."""
    if isinstance(v, float):
        return ("float", v.hex())
    if isinstance(v, (list, tuple)):
        return type(v).__name__, [norm(x) for x in v]
    return v


def same_results(before, after, name, args):
    def run(m):
        try:
            return interpret(m, name, args)
        except Exception as e:  # noqa: BLE001 - compared below
            return type(e), str(e)
    assert norm(run(after)) == norm(run(before))


# --- helpers (module level: the frontend reads their source lines) ----------

def _pair(b1, b2, dt):
    x1, y1, vx1, m1 = b1
    x2, y2, vx2, m2 = b2
    dx = x1 - x2
    d2 = dx * dx + (y1 - y2) * (y1 - y2)
    mag = dt / (d2 * math.sqrt(d2))
    return (x1, y1, vx1 - dx * m2 * mag, m1), (x2, y2, vx2 + dx * m1 * mag, m2)


def pairs(n: int, x: float) -> float:
    a = (x, 1.0, 0.5, 2.0)
    b = (-x, 0.25, -0.5, 3.0)
    for _ in range(n):
        a, b = _pair(a, b, 0.01)
    return a[2] + b[2]


def _sign(x):
    if x > 0:
        return 1.0
    if x < 0:
        return -1.0
    return 0.0


def _clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def _scaled(x, k):
    return _clamp(x * k, -10.0, 10.0) * _sign(x)


def chain(x: float, k: float) -> float:
    return _scaled(x, k) + _scaled(-x, k) + _sign(x - k)


def _ratio(a, b):
    return a // b  # the line the ZeroDivisionError note names


def _shifted(a, b):
    return _ratio(a + 1, b) + 1


def raises(a: int, b: int) -> int:
    return _shifted(a, b) * 2


def _fib(n):
    return n if n < 2 else _fib(n - 1) + _fib(n - 2)


def fib(n: int) -> int:
    return _fib(n)


def _even(n):
    return True if n == 0 else _odd(n - 1)


def _odd(n):
    return False if n == 0 else _even(n - 1)


def parity(n: int) -> bool:
    return _even(n)


def _big(x):  # straight-line, 24 * 4 equations
    x = x * 1.0 + 0.5; x = x * 1.015625 + 1.5; x = x * 1.03125 + 2.5; x = x * 1.046875 + 3.5
    x = x * 1.0625 + 4.5; x = x * 1.078125 + 5.5; x = x * 1.09375 + 6.5; x = x * 1.109375 + 7.5
    x = x * 1.125 + 8.5; x = x * 1.140625 + 9.5; x = x * 1.15625 + 10.5; x = x * 1.171875 + 11.5
    x = x * 1.1875 + 12.5; x = x * 1.203125 + 13.5; x = x * 1.21875 + 14.5; x = x * 1.234375 + 15.5
    x = x * 1.25 + 16.5; x = x * 1.265625 + 17.5; x = x * 1.28125 + 18.5; x = x * 1.296875 + 19.5
    x = x * 1.3125 + 20.5; x = x * 1.328125 + 21.5; x = x * 1.34375 + 22.5; x = x * 1.359375 + 23.5
    return x


def big(x: float) -> float:
    return _big(x) + _big(-x)


def _looping(x, n):
    s = 0.0
    i = 0
    while i < n:
        s = s * 0.5 + x * i - 1.0 / (i + 1)
        i += 1
    return s


def looping(x: float, n: int) -> float:
    return _looping(x, n) + _looping(-x, n)


def _sum_to(n):
    s = 0
    for i in range(n):
        s += i
    return s


def tiny_loop(n: int) -> int:
    return _sum_to(n) + _sum_to(n + 1)


def _poly(x):
    return math.sin(x) * x + math.exp(-x)


def libm(x: float) -> float:
    return _poly(x) + _poly(2.0 * x)


def inner(x: float, y: float) -> float:
    return x * y - 1.0


def outer(x: float) -> float:
    return inner(x, 2.0) + inner(-x, 3.0)


def _nothing(x):
    if x > 1e300:
        raise ValueError("too big")


def checks(x: float) -> float:
    _nothing(x)
    _nothing(x * 2.0)
    return x


# --- what is inlined ---------------------------------------------------------

def test_tuple_helper_called_in_a_loop_is_inlined_and_removed():
    before, after = inlined(pairs, [I64, F64])
    assert calls(before, "pairs") == ["_pair"]
    assert calls(after, "pairs") == []
    assert set(after.functions) == {"pairs"}
    rng = random.Random(1)
    for _ in range(20):
        args = [rng.randrange(0, 30), rng.uniform(-5, 5)]
        same_results(before, after, "pairs", args)


def test_nested_helper_chain_collapses_into_the_export():
    before, after = inlined(chain, [F64, F64])
    assert sorted(before.functions) == ["_clamp", "_scaled", "_sign", "chain"]
    assert list(after.functions) == ["chain"] and calls(after, "chain") == []
    rng = random.Random(2)
    for args in [[0.0, 1.0], [-0.0, 2.0], [3.0, 3.0], [math.nan, 1.0], [math.inf, -1.0]] + [
            [rng.uniform(-20, 20), rng.uniform(-3, 3)] for _ in range(40)]:
        same_results(before, after, "chain", args)


def test_raising_helpers_are_inlined_with_their_locations():
    before, after = inlined(raises, [I64, I64])
    assert calls(after, "raises") == []
    line = inspect.getsourcelines(_ratio)[1] + 1
    locs = [e.loc for b in after.functions["raises"].blocks for e in b.eqns
            if e.prim == "floordiv"]
    assert [loc.line for loc in locs] == [line]
    for args in ([7, 2], [-7, 2], [1, 0], [2**63 - 1, 1], [5, -1]):
        same_results(before, after, "raises", args)


def test_helper_without_results_that_raises():
    before, after = inlined(checks, [F64])
    assert calls(after, "checks") == []
    line = inspect.getsourcelines(_nothing)[1] + 2
    raises_ = [b.term for b in after.functions["checks"].blocks if isinstance(b.term, Raise)]
    assert [(t.exc, t.msg, t.loc.line) for t in raises_] == [("ValueError", "too big", line)] * 2
    for x in (1.0, -1.0, 1e301, math.inf, math.nan):
        same_results(before, after, "checks", [x])


def test_tiny_loop_is_inlined():
    before, after = inlined(tiny_loop, [I64])
    assert has_loop(before.functions["_sum_to"])
    assert size(before.functions["_sum_to"]) <= LOOP_INLINE_MAX
    assert calls(after, "tiny_loop") == []
    for n in (0, 1, 5, 100):
        same_results(before, after, "tiny_loop", [n])


# --- what is not -------------------------------------------------------------

def test_recursion_is_not_inlined():
    _, after = inlined(fib, [I64])
    assert calls(after, "fib") == ["_fib"]
    # not into its caller; into itself once (passes/inline.unroll_self_recursion)
    assert calls(after, "_fib") == ["_fib"] * 4
    _, after = inlined(parity, [I64])
    assert calls(after, "parity") == ["_even"]
    assert calls(after, "_even") == ["_odd"] and calls(after, "_odd") == ["_even"]
    assert interpret(after, "parity", [7]) == [False]


def test_big_function_is_not_inlined():
    before, after = inlined(big, [F64])
    assert size(before.functions["_big"]) > INLINE_MAX
    assert calls(after, "big") == ["_big", "_big"]


def test_loop_that_is_not_tiny_is_not_inlined():
    before, after = inlined(looping, [F64, I64])
    assert has_loop(before.functions["_looping"])
    assert size(before.functions["_looping"]) > LOOP_INLINE_MAX
    assert calls(after, "looping") == ["_looping", "_looping"]
    same_results(before, after, "looping", [1.5, 10])


def test_math_library_is_not_inlined():
    before, after = inlined(libm, [F64])
    assert calls(after, "libm") == ["__py2wasm_math_sin", "__py2wasm_math_exp"] * 2
    for name, fn in before.functions.items():
        if name.startswith("__py2wasm_math_"):
            assert name in after.functions
            assert size(after.functions[name]) == size(fn)
    for x in (0.0, 1.0, -3.5, 100.0, math.nan):
        same_results(before, after, "libm", [x])


def test_export_called_by_another_export_is_inlined_and_kept():
    m = link_math(trace_many([(outer, [F64]), (inner, [F64, F64])]))
    ref = link_math(trace_many([(outer, [F64]), (inner, [F64, F64])]))
    m = inline(m)
    verify_module(m)
    assert m.exports == ["outer", "inner"] and "inner" in m.functions
    assert calls(m, "outer") == []
    same_results(ref, m, "outer", [1.25])
    same_results(ref, m, "inner", [1.25, -2.0])


def test_pass_runs_in_the_pipeline_at_level_1_only():
    from py2wasm.passes import PIPELINE, run_passes
    assert PIPELINE[0][0] == "inline"
    m0 = run_passes(trace(chain, [F64, F64]), level=0)
    assert calls(m0, "chain")
    m1 = run_passes(trace(chain, [F64, F64]), level=1)
    assert calls(m1, "chain") == []


# --- compiled, against CPython -----------------------------------------------

def outcome(f, *args):
    try:
        return f(*args), None
    except Exception as e:  # noqa: BLE001 - compared below
        return (type(e), str(e)), getattr(e, "__notes__", None)


@pytest.mark.parametrize("fn, gen", [
    (pairs, lambda r: (r.randrange(0, 40), r.uniform(-4, 4))),
    (chain, lambda r: (r.uniform(-20, 20), r.choice([0.0, -1.5, 2.0, r.uniform(-3, 3)]))),
    (tiny_loop, lambda r: (r.randrange(-3, 200),)),
    (libm, lambda r: (r.uniform(-10, 10),)),
    (checks, lambda r: (r.choice([r.uniform(-1, 1), 1e301, -1e305]),)),
])
def test_compiled_equals_cpython(fn, gen):
    c = py2wasm.compile(fn)
    r = random.Random(fn.__name__)
    for _ in range(40):
        args = gen(r)
        got, want = outcome(c, *args), outcome(fn, *args)
        assert norm(got[0]) == norm(want[0]), args


def test_exception_in_inlined_helper_names_the_helpers_line():
    c = py2wasm.compile(raises)
    assert c(7, 2) == raises(7, 2)
    assert "call" not in c.ir  # the IR that runs: both helpers inlined
    line = inspect.getsourcelines(_ratio)[1] + 1
    (got, notes), (want, _) = outcome(c, 3, 0), outcome(raises, 3, 0)
    assert got == want == (ZeroDivisionError, "integer division or modulo by zero")
    # as without the pass (O0 runs no IR pass but link_math): the helper's line
    assert outcome(py2wasm.compile(raises, opt="O0"), 3, 0) == (got, notes)
    assert notes == [f"raised by py2wasm-compiled code at test_inline.py:{line}: "
                     f"return a // b  # the line the ZeroDivisionError note names"]
    (got, notes), (want, _) = outcome(c, 2**63 - 1, 1), outcome(raises, 2**63 - 1, 1)
    assert got[0] is OverflowError and type(want) is int  # py2wasm's documented int64 range
    assert notes and f":{inspect.getsourcelines(_shifted)[1] + 1}:" in notes[0]
    assert c(7, 2) == raises(7, 2) and c(-7, 3) == raises(-7, 3)
