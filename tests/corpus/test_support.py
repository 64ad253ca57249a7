"""The comparator of the differential suites must be strict: each case here
is a difference that assert_same has to report (and a few it must accept)."""
import math

import pytest

from . import support
from .support import Outcome, _Expect, compare_values

NAN = float("nan")


def _next_up(x, n=1):
    for _ in range(n):
        x = math.nextafter(x, math.inf)
    return x


@pytest.mark.parametrize("expected, actual", [
    (1, True), (True, 1), (1, 1.0), (0.0, -0.0), (-0.0, 0.0), (1.0, _next_up(1.0)), ((1, 2), (1, 2.0)),
    ((1, (2, 3)), (1, (2, 4))), ((1, 2), (1, 2, 3)), (NAN, 1.0), (1.0, NAN), (math.inf, 1.7976931348623157e308),
    (None, 0), (2, 3), (False, True),
])
def test_differences_are_reported(expected, actual):
    assert compare_values(expected, actual) is not None


@pytest.mark.parametrize("expected, actual", [
    (1, 1), (True, True), (0.1 + 0.2, 0.30000000000000004), (NAN, NAN), (-0.0, -0.0), ((1, (2.5, False)), (1, (2.5, False))),
])
def test_equal_values_pass(expected, actual):
    assert compare_values(expected, actual) is None


def test_ulps_tolerance():
    x = 0.7853981633974483
    assert compare_values(x, _next_up(x), ulps=1) is None
    assert compare_values(x, _next_up(x, 2), ulps=1) is not None
    assert compare_values(0.0, -0.0, ulps=1) is not None
    assert compare_values(0.0, 5e-324, ulps=1) is not None       # zero sign/zero-ness stays exact
    assert compare_values(math.inf, 1.7976931348623157e308, ulps=1) is not None
    assert compare_values(NAN, 1.0, ulps=1) is not None


def test_exception_type_and_message():
    exp = _Expect(Outcome(exc=ZeroDivisionError("division by zero")), None)
    assert exp.check(Outcome(exc=ZeroDivisionError("division by zero")), 0) is None
    assert exp.check(Outcome(exc=ZeroDivisionError("float division by zero")), 0) is not None
    assert exp.check(Outcome(exc=ArithmeticError("division by zero")), 0) is not None
    assert exp.check(Outcome(value=0), 0) is not None
    ok = _Expect(Outcome(value=1.5), None)
    assert ok.check(Outcome(exc=ValueError("x")), 0) is not None


def test_int64_overflow_expects_overflow_error():
    exp = _Expect(Outcome(value=2**63), None)
    assert exp.check(Outcome(exc=OverflowError("integer overflow: whatever")), 0) is None
    assert exp.check(Outcome(value=-2**63), 0) is not None          # silent wrap-around
    assert exp.check(Outcome(exc=ValueError("integer overflow")), 0) is not None
    assert _Expect(Outcome(value=(1, -2**63 - 1)), None).exc_type is OverflowError
    assert _Expect(Outcome(value=2**63 - 1), None).exc_type is None


def test_deviation_markers_must_be_real():
    assert _Expect(Outcome(value=0.25), "int_pow_negative").exc_type is ValueError
    with pytest.raises(AssertionError):
        _Expect(Outcome(value=4), "int_pow_negative")      # not a deviation: CPython returns an int
    with pytest.raises(AssertionError):
        _Expect(Outcome(value=1.0), "complex_pow")
    assert _Expect(Outcome(value=1j), "complex_pow").exc_type is ValueError


def test_corpus_bug_exceptions_are_rejected():
    with pytest.raises(AssertionError):
        _Expect(Outcome(exc=TypeError("unsupported operand")), None)
    with pytest.raises(AssertionError):
        _Expect(Outcome(exc=NameError("x")), None)


def _f(a, b):
    return a - b


def test_assert_same_detects_a_wrong_compiled_function(monkeypatch):
    monkeypatch.setattr(support, "ORACLE_ONLY", False)
    monkeypatch.setattr(support, "TRACE_ONLY", False)
    monkeypatch.setitem(support._compiled, _f, lambda a, b: b - a)
    with pytest.raises(AssertionError, match="MISMATCH"):
        support.assert_same(_f, 1.0, 2.0)
    support.assert_same(_f, 1.5, 1.5)   # 0.0 either way: equal
    with pytest.raises(AssertionError, match="MISMATCH"):
        support.assert_same(_f, -0.0, 0.0)   # -0.0 vs 0.0


def test_checked_twin_expects_intermediate_overflow():
    from .scalar import bitwise_shifts, division_modulo
    twin = support.checked_twin(division_modulo.div_identity)
    assert division_modulo.div_identity(-2**63, 7) is True          # CPython: fine
    with pytest.raises(support.Int64Overflow):                      # q * b leaves int64
        twin(-2**63, 7)
    assert twin(17, 5) is True
    exp = _Expect(support.run(twin, (-2**63, 7), {}), None)
    assert exp.exc_type is OverflowError and not exp.exact_message
    with pytest.raises(support.Int64Overflow):
        support.checked_twin(bitwise_shifts.mix_hash)(2**63 - 1)
    assert support.checked_twin(bitwise_shifts.popcount)(255) == 8
