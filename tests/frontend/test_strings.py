"""Strings in exception messages (frontend/strings.py): f-strings, str(),
repr(), format() and `+` of run-time numbers give CPython's exact message,
compiled vs CPython; what cannot be compiled is a located CompileError."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend.test_npscalars import outcome
from tests.frontend.string_functions import (calls_helper, int_and_float_through_one_line, complex_field, concat_type_error,
                                             message_from_a_branch, messages, numpy_scalars,
                                             runtime_spec, too_many_fields, two_arguments,
                                             wrong_spec_type)

FLOATS = [0.0, -0.0, 1.0, -1.5, 0.1, 1 / 3, 2.5, 1e16, 1e15, 123456789.0, 1.5e16, 1e-4, 9.999e-5,
          1e-5, 5e-324, 1.7976931348623157e308, 1e22, -1e-300, math.inf, -math.inf, math.nan,
          0.125, 0.375, 2.675, 1234.5, 9.5, 0.05]
INTS = [0, 1, -1, 7, -42, 1000, 123456789, 2**53 + 1, 2**63 - 1, -2**63]


def _same_outcomes(fn, arg_sets):
    cf = py2wasm.compile(fn)
    for args in arg_sets:
        want = outcome(fn, *args)
        got = outcome(cf, *args)
        assert got == want, (fn.__name__, args, got, want)


def test_fstring_messages_match_cpython():
    _same_outcomes(messages, [(n, x, b) for n in range(10) for x in FLOATS
                              for b in (False, True)])


def test_numpy_scalar_messages_match_cpython():
    _same_outcomes(numpy_scalars, [(n, x) for n in (0, 1, -3, 998) for x in FLOATS])


def test_message_built_across_branches():
    _same_outcomes(message_from_a_branch, [(n, x) for n in (-2, 3) for x in (-1.0, 0.5, 2.0)])


def test_message_raised_in_a_called_function():
    _same_outcomes(calls_helper, [(1.0, 4.0), (-1.2345, 1.0), (1.0, -7.0)])


def test_one_line_traced_for_an_int_and_a_float():
    # one source line, two operand kinds: two exception-table entries
    _same_outcomes(int_and_float_through_one_line, [(-1, 1.0), (1, -2.5), (1, 2.0)])


def test_bad_spec_raises_cpythons_error():
    _same_outcomes(wrong_spec_type, [(1.0,), (-1.0,)])


def test_concat_with_a_number_is_cpythons_type_error():
    _same_outcomes(concat_type_error, [(1,), (-1,)])


# --- refused, with a located CompileError --------------------------------------------------


@pytest.mark.parametrize("fn, args, words", [
    (runtime_spec, (1.0, 3), "format spec computed at run time"),
    (complex_field, (1.0,), "complex"),
    (too_many_fields, (1.0,) * 5, "more than 8 run-time values"),
    (two_arguments, (1.0,), "one message"),
])
def test_refused_with_a_located_error(fn, args, words):
    with pytest.raises(CompileError) as e:
        py2wasm.compile(fn)(*args)
    assert words in str(e.value)
    assert e.value.line is not None and e.value.file.endswith("string_functions.py")


def test_a_value_used_twice_is_one_operand():
    def f(x: float):
        if x > 0:
            raise ValueError(f"{x}{x!r}{x:.1f}{x}{x}{x}{x}{x}{x}{x}")
        return x
    _same_outcomes(f, [(1.5,), (-1.0,)])


# --- hypothesis: format specs over ints and floats --------------------------------------

_FNS: dict = {}


def _spec_function(spec: str, conv: str):
    key = (spec, conv)
    if key not in _FNS:
        ns: dict = {}
        src = (f"def f(x):\n    if x == x:\n        raise ValueError(f'<{{x{conv}:{spec}}}>')\n"
               f"    raise ArithmeticError(f'{{x{conv}:{spec}}}')\n")
        exec(compile(src, f"<spec {len(_FNS)}>", "exec"), ns)
        _FNS[key] = (ns["f"], py2wasm.compile(ns["f"]))
    return _FNS[key]


@st.composite
def format_spec(draw):
    fill_align = draw(st.sampled_from(["", "<", ">", "^", "*>", "0=", "x^"]))
    sign = draw(st.sampled_from(["", "+", "-", " "]))
    alt = draw(st.sampled_from(["", "#"]))
    zero = draw(st.sampled_from(["", "0"]))
    width = draw(st.sampled_from(["", "1", "8", "25"]))
    group = draw(st.sampled_from(["", ",", "_"]))
    prec = draw(st.sampled_from(["", ".0", ".1", ".3", ".17"]))
    typ = draw(st.sampled_from(["", "d", "e", "E", "f", "F", "g", "G", "%", "x", "b", "n"]))
    return fill_align + sign + alt + zero + width + group + prec + typ


@settings(max_examples=60, deadline=None)
@given(format_spec(), st.sampled_from(["", "!r", "!s"]),
       st.one_of(st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=True, allow_infinity=True),
                 st.sampled_from(FLOATS + INTS)))
def test_format_specs_match_cpython(spec, conv, x):
    try:
        fn, cf = _spec_function(spec, conv)
    except CompileError:
        return
    try:
        want = outcome(fn, x)
    except Exception:  # noqa: BLE001
        return
    try:
        got = outcome(cf, x)
    except CompileError as e:
        assert "format spec" in str(e), e  # refused specs say so
        return
    assert got == want, (spec, conv, x)


def _carried_field(n: int, x: float, s: str) -> str:
    # the first field is carried across the chained comparison's jump
    return f"{x:+.2e}: {-1.0 < n < 5!r} {s}" + s


@pytest.mark.parametrize("args", [(2, 2.5, "ab"), (9, -0.0, "")])
def test_fstring_field_carried_across_a_jump(args):
    assert outcome(py2wasm.compile(_carried_field), *args) == outcome(_carried_field, *args)
