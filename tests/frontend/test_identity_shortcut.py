"""CPython's identity shortcut in containment and tuple equality
(frontend/opcodes_operators.op_CONTAINS_OP, operators._tuple_compare): a
traced value is one object, so `x in (.., x, ..)` is True before any `==`
and a NaN finds itself, as in CPython. Distinct values never share
identity here (README, deviations), which the last test pins down."""
import math

import pytest

import py2wasm


def membership(p0, p1):
    return (p0 in (0.5, p0), p0 not in (0.5, p0, 0, 0), p0 in [1.0, p0], p0 in (p1,),
            (p0,) == (p0,), (p0, 1.0) != (p0, 1.0))


def same_object_views(p0):
    z = +p0
    w = float(p0)
    t = (z, 2.0)
    return z in (p0,), w in (p0,), t[0] in t, p0 * 1.0 in (p0,)


def guarded(p0, p1):  # the fuzzer's find: the shortcut decides a branch
    v2 = 4294967296
    if p0 not in (0.894, p0, 0, 0):
        return (0, 0.0)
    v2 //= math.trunc(p0)
    return (v2, p1)


def outcome(fn, args):
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


@pytest.mark.parametrize("fn,args", [
    (membership, (math.nan, 1.0)), (membership, (1.0, 1.0)), (membership, (0.5, math.inf)),
    (same_object_views, (math.nan,)), (same_object_views, (-0.0,)),
    (guarded, (math.nan, 0.0)), (guarded, (7.5, 1.0)), (guarded, (0.0, 1.0)),
])
def test_matches_cpython(fn, args):
    assert outcome(py2wasm.compile(fn), args) == outcome(fn, args)


def test_distinct_values_have_no_identity():
    def f(p0):
        return max(p0, 1.0) in (p0,)  # CPython: max returns p0 itself
    assert f(math.nan) is True
    assert py2wasm.compile(f)(math.nan) is False  # documented in README's deviations
