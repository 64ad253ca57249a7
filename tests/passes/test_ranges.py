"""The range pass (passes/ranges.py): which checks it removes (the IR after
the pass), which it must keep, and that it never changes what a function
computes (reference interpreter before and after the pass, on edge inputs
around the int64 limits)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from py2wasm.frontend import trace
from py2wasm.ir import I64, FunctionBuilder, Module, format_function, verify_module
from py2wasm.ir.interpret import interpret
from py2wasm.ir.memory import Memory
from py2wasm.ir.types import ArrayType
from py2wasm.passes import dce, fold, link_math, ranges
from py2wasm.passes.ranges import FULL, MAX, MIN, FunctionRanges, analyze_module

EDGE = [0, 1, -1, 2, -2, 3, 7, 100, -100, 2**31, -2**31, 2**32, 2**62, -2**62,
        MAX, MAX - 1, MAX - 5, MIN, MIN + 1, MIN + 5, MAX // 3, MIN // 3]


def passes(m):
    m = dce(fold(link_math(m)))
    m = dce(ranges(m))
    verify_module(m)
    return m


def traced(fn, types=None):
    return trace(fn, types or [I64] * fn.__code__.co_argcount)


def prims(m, name):
    return [e.prim for b in m.functions[name].blocks for e in b.eqns]


def outcome(m, name, args, memory=None):
    try:
        return ("ok", interpret(m, name, args, memory=memory))
    except Exception as e:  # noqa: BLE001 - an exception is an outcome
        return (type(e).__name__, str(e))


def same_before_after(fn, arg_lists, types=None):
    before = dce(fold(link_math(traced(fn, types))))
    after = passes(traced(fn, types))
    for args in arg_lists:
        assert outcome(after, fn.__name__, args) == outcome(before, fn.__name__, args), args
    return after


# --- what goes ---------------------------------------------------------------------

def range_sum(n):
    s = 0
    for i in range(n):
        s += i
    return s


def test_range_cursor_increment_becomes_wrapping_but_the_sum_stays_checked():
    m = passes(traced(range_sum))
    p = prims(m, "range_sum")
    assert "wadd" in p  # i + 1 under i < n
    assert p.count("add") == 1  # s += i can overflow: still checked


def next_index(n):
    t = 0
    for i in range(n):
        j = i + 1
        t ^= j
    return t


def test_successor_of_a_range_index_is_wrapping():
    m = passes(traced(next_index))
    assert "add" not in prims(m, "next_index")


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def test_dominating_comparison_proves_n_minus_1_and_n_minus_2():
    m = passes(traced(fib))
    p = prims(m, "fib")
    assert p.count("wsub") == 2 and "sub" not in p
    assert p.count("add") == 1  # the sum of two calls: unknown


def double_index(a):
    t = 0
    for i in range(len(a)):
        t ^= 2 * i + int(a[i])  # a Python int: checked arithmetic (a[i] is numpy.int32)
    return t


def test_index_of_a_1d_array_argument_is_below_2_32():
    m = passes(traced(double_index, [ArrayType("int32", 1)]))
    p = prims(m, "double_index")
    assert "mul" not in p and "add" not in p  # 2*i < 2**33; + an int32 element
    assert "raise_if_fmt" not in p  # a[i] under i < len(a): bounds check proven


def loads(a, b):
    t = 0
    for i in range(len(a)):
        t ^= int(a[i]) * int(b[i]) + int(a[i])
    return t


def test_int32_and_uint8_elements_widened_to_i64_cannot_overflow():
    m = passes(traced(loads, [ArrayType("int32", 1), ArrayType("uint8", 1)]))
    p = prims(m, "loads")
    assert "mul" not in p and "add" not in p
    # b[i] is checked against b's own size, which nothing relates to len(a)
    assert p.count("raise_if_fmt") == 1


def mod_result(k, m):
    return (k % 10) * 3 + (m % 1000) - 7


def test_mod_results_are_bounded():
    m = passes(traced(mod_result))
    p = prims(m, "mod_result")
    assert not {"add", "sub", "mul"} & set(p)


def powers_of_two(x):
    return x % 8 + x // 4 + x % 1 - x // 1


def test_mod_and_floordiv_by_a_power_of_two_are_and_and_shift():
    m = passes(traced(powers_of_two))
    p = prims(m, "powers_of_two")
    assert "mod" not in p and "floordiv" not in p
    assert "and" in p and "shr" in p


def times_three(x):
    return 3 * x + 1


def test_multiplication_by_a_constant_tests_the_operand_range():
    m = passes(traced(times_three))
    p = prims(m, "times_three")
    assert "mul" not in p and "wmul" in p
    assert p.count("raise_if") == 1  # x out of [-(2**63 // 3), MAX // 3]
    assert "add" not in p  # 3*x in [-MAX+1, MAX-1]: + 1 fits


def helper(i, j):
    return (i + j) * (i + j + 1) // 2 + i


def caller(n):
    s = 0
    for i in range(n % 1000):
        for j in range(i):
            s ^= helper(i, j)
    return s


def test_call_site_ranges_flow_into_a_function_that_is_not_exported():
    m = passes(traced(caller))
    assert not {"add", "mul", "floordiv"} & set(prims(m, "helper"))


def test_an_exported_function_keeps_its_checks_whatever_its_callers_pass():
    from py2wasm.frontend import trace_many
    m = trace_many([(caller, [I64]), (helper, [I64, I64])])
    m = passes(m)
    assert {"add", "mul"} <= set(prims(m, "helper"))


# --- what stays ----------------------------------------------------------------------

def square(i):
    return i * i


def test_unbounded_square_keeps_its_check():
    m = passes(traced(square))
    assert "mul" in prims(m, "square")
    assert outcome(m, "square", [2**32]) == ("OverflowError",
                                             "integer overflow: the result does not fit in a "
                                             "64-bit int")
    assert outcome(m, "square", [2**31]) == ("ok", [2**62])


def near_max(start):
    s = 0
    for i in range(start, start + 3):
        s = i + 5
    return s


def test_loop_near_int64_max_still_overflows():
    m = passes(traced(near_max))
    assert outcome(m, "near_max", [MAX - 10]) == ("ok", [MAX - 10 + 2 + 5])
    assert outcome(m, "near_max", [MAX - 6])[0] == "OverflowError"


def index_plus_big(n):
    t = 0
    for i in range(n - 3, n):
        t = i + 2**62
    return t


def test_index_plus_a_big_constant_keeps_a_check():
    m = passes(traced(index_plus_big))
    assert "raise_if" in prims(m, "index_plus_big")
    assert outcome(m, "index_plus_big", [2**62 + 5])[0] == "OverflowError"


def exported_index(a, i):
    return int(a[i]) + 2 * i


def test_an_argument_index_is_still_bounds_checked():
    m = passes(traced(exported_index, [ArrayType("int64", 1), I64]))
    p = prims(m, "exported_index")
    assert "raise_if_fmt" in p and "add" in p


# --- nothing changes -------------------------------------------------------------------

def mixed(x, y):
    t = 0
    if x > 0 and x < 1000:
        t = x * 7 - y % 5
    elif x < -5:
        t = -x + (y // 16) * 4
    else:
        t = y - x
    k = 0
    while k < 3 and t != 0:
        t = t // 2 + k
        k += 1
    return t + k


ALL = [mixed, times_three, powers_of_two, mod_result, square, near_max, fib, next_index,
       index_plus_big]


@pytest.mark.parametrize("fn", ALL, ids=lambda f: f.__name__)
def test_same_outcomes_before_and_after_on_edge_inputs(fn):
    n = fn.__code__.co_argcount
    edge = EDGE if fn not in (fib, next_index) else [0, 1, 2, 5, 20, -3]
    cases = [[a] for a in edge] if n == 1 else [[a, b] for a in edge for b in edge[::3]]
    same_before_after(fn, cases)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(x=st.integers(MIN, MAX), y=st.integers(MIN, MAX))
def test_same_outcomes_before_and_after_on_random_inputs(x, y):
    for fn in (mixed, mod_result):
        same_before_after(fn, [[x, y]])


# --- the analysis is sound where it refines --------------------------------------------

BINARY = ["add", "sub", "mul", "floordiv", "mod", "and", "or", "xor", "shr", "shl",
          "wadd", "wsub", "wmul"]


def guarded(prim, lo1, hi1, lo2, hi2):
    """f(x, y) = prim(x, y) after raise_if(x, y outside [lo, hi])."""
    fb = FunctionBuilder("f", [I64, I64], [I64])
    x, y = fb.params
    for v, lo, hi in ((x, lo1, hi1), (y, lo2, hi2)):
        out = fb.emit("or", [fb.emit("lt", [v, fb.const(lo)]), fb.emit("gt", [v, fb.const(hi)])])
        fb.raise_if(out, "ValueError", "outside")
    r = fb.emit(prim, [x, y])
    fb.ret([r])
    fn = fb.finish()
    return Module({"f": fn}, exports=[]), fn, r


bound = st.integers(MIN, MAX)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(prim=st.sampled_from(BINARY), a=st.tuples(bound, bound), b=st.tuples(bound, bound),
       small=st.booleans(), data=st.data())
def test_every_value_lies_in_its_interval(prim, a, b, small, data):
    """Small ranges: every (x, y) pair; wide ones: the corners and random pairs."""
    if small:
        a = (a[0] % 60 - 30, a[0] % 60 - 30 + a[1] % 20)
        b = (b[0] % 20 - 10, b[0] % 20 - 10 + b[1] % 8)
    (lo1, hi1), (lo2, hi2) = sorted(a), sorted(b)
    m, fn, r = guarded(prim, lo1, hi1, lo2, hi2)
    got = analyze_module(m)["f"].val.get(r.id)
    if small:
        pairs = [(x, y) for x in range(lo1, hi1 + 1) for y in range(lo2, hi2 + 1)]
    else:
        xs = {lo1, hi1, min(lo1 + 1, hi1), max(hi1 - 1, lo1)}
        ys = {lo2, hi2, min(lo2 + 1, hi2), max(hi2 - 1, lo2)}
        pairs = [(x, y) for x in xs for y in ys]
        pairs += [(data.draw(st.integers(lo1, hi1)), data.draw(st.integers(lo2, hi2)))
                  for _ in range(8)]
    for x, y in pairs:
        res = outcome(m, "f", [x, y])
        if res[0] == "ok":
            assert got is not None and got[0] <= res[1][0] <= got[1], (x, y, res, got)


def test_interval_of_a_function_parameter_is_the_whole_int64_range():
    m, fn, _r = guarded("add", 0, 1, 0, 1)
    an = FunctionRanges(fn)
    an.analyze([FULL, FULL])
    assert an.val[fn.params[0].id] == (MIN, MAX)


def test_printed_ir_shows_the_wrapping_op():
    m = passes(traced(next_index))
    assert "wadd" in format_function(m.functions["next_index"])


def arrays_roundtrip(a):
    s = 0
    for i in range(len(a)):
        s += int(a[i]) * 2 + i
    return s


def test_array_function_same_before_and_after():
    t = [ArrayType("int64", 1)]
    before = dce(fold(link_math(traced(arrays_roundtrip, t))))
    after = passes(traced(arrays_roundtrip, t))
    for vals in ([1, 2, 3], [MAX // 2, 1], [MAX // 2 + 1], [MIN // 2 - 1], []):
        outs = []
        for m in (before, after):
            mem = Memory()
            addr = mem.write_bytes(np.array(vals, dtype=np.int64).tobytes())
            outs.append(outcome(m, "arrays_roundtrip", [addr, len(vals)], memory=mem))
        assert outs[0] == outs[1], vals


def test_loop_invariant_block_parameters_become_the_value_they_carry():
    from py2wasm.passes.ranges_params import remove_trivial_params
    m = dce(fold(link_math(traced(double_index, [ArrayType("int32", 1)]))))
    fn = m.functions["double_index"]
    before = sum(len(b.params) for b in fn.blocks[1:])
    removed = remove_trivial_params(fn)
    verify_module(m)
    assert removed >= 2  # the address and the size of `a`, threaded through the loop
    assert sum(len(b.params) for b in fn.blocks[1:]) == before - removed
    mem = Memory()
    addr = mem.write_bytes(np.array([5, -7, 9], dtype=np.int32).tobytes())
    assert interpret(m, "double_index", [addr, 3], memory=mem) == [double_index([5, -7, 9])]


def scaled_index(a):
    t = 0
    for i in range(len(a)):
        t ^= i * 2**33
    return t


def test_the_size_bound_of_a_1d_argument_depends_on_its_itemsize():
    # int64: at most 2**29 elements, i * 2**33 < 2**62; uint8: 2**32 elements
    wide = passes(traced(scaled_index, [ArrayType("int64", 1)]))
    assert "wmul" in prims(wide, "scaled_index") and "raise_if" not in prims(wide, "scaled_index")
    narrow = passes(traced(scaled_index, [ArrayType("uint8", 1)]))
    assert "raise_if" in prims(narrow, "scaled_index")  # i > MAX // 2**33 is possible
