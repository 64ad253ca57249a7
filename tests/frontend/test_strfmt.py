"""Formatted values as run-time strings (frontend/strfmt.py): str/repr/f-string
fields of floats, ints, bools and strs with format specs, %-formatting and
str.format, compiled (on every build target) vs CPython with hypothesis over
all doubles (bit patterns: subnormals, +-0, inf, nan, integers, the 1e16
boundary of repr's exponent notation), int64s and texts; the errors CPython
raises; the refused forms as located CompileErrors with their codes."""
from __future__ import annotations

import struct

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from py2wasm.targets import TARGETS
from tests.frontend import strfmt_functions as F
from tests.frontend.test_npscalars import outcome

_compiled: dict = {}


def compiled(fn, target):
    key = (fn, target)
    if key not in _compiled:
        _compiled[key] = py2wasm.compile(fn, target=target)
    return _compiled[key]


def check(fn, target, *args):
    want = outcome(fn, *args)
    got = outcome(compiled(fn, target), *args)
    assert got == want or repr(got) == repr(want), (fn.__name__, args, got, want)  # nan


def _from_bits(b: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", b))[0]


SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 5e-324, -5e-324,
           2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, 1e16,
           9999999999999998.0, 1e16 - 2, 1e-4, 0.0001, 9.999999999999999e-05, 1e-05, 0.1,
           0.5, 1.5, 2.5, 0.125, 0.375, 1e22, 1e23, 123456789012345678.0, 2.0 ** 63,
           9007199254740993.0, 0.30000000000000004, 1 / 3, 2 / 3, 100.0, 1e300 * 10, 0.05,
           0.015, 0.0045, 1.0000000000000002, 4.35, 2675e-3, 1e15, 1e17]
DOUBLES = st.one_of(st.integers(0, 2 ** 64 - 1).map(_from_bits), st.floats(),
                    st.integers(-2 ** 60, 2 ** 60).map(float), st.sampled_from(SPECIAL),
                    st.integers(-330, 308).map(lambda e: float(f"1e{e}")))
INT64 = st.one_of(st.integers(-2 ** 63, 2 ** 63 - 1), st.integers(-1000, 1000),
                  st.sampled_from([0, -1, 2 ** 63 - 1, -2 ** 63, 255, -255, 10 ** 12]))
TEXT = st.text(alphabet="ab 'é\"\\\n\t\x07\U0001F600\u200b\ud800", max_size=6)
HYP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("target", TARGETS)
@HYP
@given(DOUBLES)
def test_float_forms(target, x):
    check(F.float_forms, target, x)


@pytest.mark.parametrize("x", SPECIAL)
def test_float_forms_special(x):
    check(F.float_forms, "relaxed-simd", x)
    check(F.float_wide, "relaxed-simd", x)


@HYP
@given(DOUBLES)
def test_float_wide_precisions(x):
    check(F.float_wide, "mvp", x)


@pytest.mark.parametrize("target", TARGETS)
@HYP
@given(INT64)
def test_int_forms(target, n):
    check(F.int_forms, target, n)


@HYP
@given(DOUBLES.filter(lambda x: x == x and abs(x) < 3e38), st.integers(-2 ** 31, 2 ** 31 - 1))
def test_numpy_scalar_forms(x, n):
    check(F.numpy_forms, "relaxed-simd", x, n)


@pytest.mark.parametrize("b", [True, False])
def test_bool_forms(b):
    check(F.bool_forms, "simd", b)


@HYP
@given(TEXT)
@example("")
@example("it's")
def test_str_forms(s):
    check(F.str_forms, "relaxed-simd", s)


@pytest.mark.parametrize("target", TARGETS)
@HYP
@given(DOUBLES, INT64, TEXT)
def test_percent_forms(target, x, n, s):
    check(F.percent_forms, target, x, n, s)


@HYP
@given(DOUBLES)
def test_percent_of_a_float_as_int(x):
    check(F.percent_of_float_as_int, "relaxed-simd", x)  # int(x)'s digits past int64 too


@pytest.mark.parametrize("target", TARGETS)
@HYP
@given(DOUBLES, INT64, TEXT)
def test_format_method(target, x, n, s):
    check(F.format_method, target, x, n, s)


WIDTHS = st.one_of(st.integers(-3, 40), st.sampled_from([-2 ** 63, 2 ** 63 - 1, 400, -400]))


@pytest.mark.parametrize("target", TARGETS)
@HYP
@given(DOUBLES, WIDTHS, WIDTHS)
def test_run_time_widths_and_precisions(target, x, w, p):
    if max(abs(w), abs(p)) > 10 ** 6:  # CPython would make a string of that size
        got = outcome(compiled(F.runtime_specs, target), x, w, p)
        assert got[0] in ("MemoryError", "ValueError"), got
        return
    check(F.runtime_specs, target, x, w, p)


@HYP
@given(TEXT, st.integers(-3, 30), INT64)
def test_run_time_widths_of_strs_and_ints(s, w, n):
    check(F.runtime_str_specs, "relaxed-simd", s, w, n)


@HYP
@given(DOUBLES, st.integers(-5, 30))
def test_run_time_width_in_a_message(x, w):
    check(F.runtime_spec_message, "relaxed-simd", x, w)


@HYP
@given(DOUBLES, st.integers(0, 5))
def test_messages(x, n):
    check(F.messages, "relaxed-simd", x, n)


@HYP
@given(st.lists(DOUBLES, max_size=6))
def test_accumulated_in_a_loop(xs):
    check(F.loop_accumulate, "relaxed-simd", xs)


@pytest.mark.parametrize("n", [0, 1, 12])
def test_table(n):
    check(F.table, "relaxed-simd", n)


@pytest.mark.parametrize("fn, args", [
    (F.error_spec, ("a",)), (F.error_percent_type, ("a",)), (F.error_percent_count, (3,)),
    (F.error_percent_extra, (3,)), (F.error_float_spec, (1.5,)), (F.error_int_spec, (3,)),
    (F.error_format_index, (1.5,))])
def test_cpython_errors(fn, args):
    want = outcome(fn, *args)
    assert want[0] in ("TypeError", "ValueError", "IndexError")
    assert outcome(compiled(fn, "relaxed-simd"), *args) == want


@pytest.mark.parametrize("fn, args, what", [
    (F.refused_runtime_spec, (1.5, 8), "digits around a field"),
    (F.refused_char, (65,), "'c' format code"),
    (F.refused_mapping, (1,), "on dicts"),
    (F.refused_star, (1, 5), "* width"),
    (F.refused_runtime_template, ("%d", 1), "template known only at run time"),
    (F.refused_attribute, (1.5,), "attribute or index access")])
def test_refused_forms_are_located(fn, args, what):
    with pytest.raises(CompileError) as e:
        py2wasm.compile(fn)(*args)
    text = str(e.value)
    assert what in text and "strfmt_functions.py" in text and e.value.line is not None, text
    assert e.value.code == ("P2W003" if fn is F.refused_mapping else "P2W010"), text


# --- random format specs ------------------------------------------------------------------------

def _random_specs(rng, types, samples, count):
    """`count` specs of every part (fill, align, sign, z, #, 0, width,
    grouping, precision, type) that CPython accepts for all of `samples`."""
    out = []
    while len(out) < count:
        spec = "".join([
            rng.choice(["", "", "*", "0", "é", "x"]) + rng.choice("<>=^") if rng.random() < 0.4
            else "",
            rng.choice(["", "", "+", "-", " "]), rng.choice(["", "", "", "z"]),
            rng.choice(["", "#"]), rng.choice(["", "", "0"]),
            rng.choice(["", "", "1", "7", "12", "31"]), rng.choice(["", "", ",", "_"]),
            rng.choice(["", "", ".0", ".1", ".3", ".12", ".17", ".25"]), rng.choice(types)])
        try:
            for s in samples:
                format(s, spec)
        except (ValueError, TypeError):
            continue
        out.append(spec)
    return out


def _spec_module(tmp_path, name, param, specs):
    body = ", ".join(f"format({param[0]}, {s!r})" for s in specs)
    src = f"def {name}({param[0]}: {param[1]}) -> str:\n    return '|'.join([{body}])\n"
    path = tmp_path / f"{name}.py"
    path.write_text(src)
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return getattr(mod, name)


@pytest.mark.parametrize("seed", range(3))
def test_random_float_specs(tmp_path, seed):
    import random
    rng = random.Random(seed)
    specs = _random_specs(rng, ["", "e", "E", "f", "F", "g", "G", "n", "%"], [1.5, -0.0], 40)
    fn = _spec_module(tmp_path, f"float_specs_{seed}", ("x", "float"), specs)
    c = py2wasm.compile(fn)
    xs = SPECIAL + [_from_bits(rng.getrandbits(64)) for _ in range(150)]
    for x in xs:
        assert repr(c(x)) == repr(fn(x)), (x, specs)


@pytest.mark.parametrize("seed", range(2))
def test_random_int_specs(tmp_path, seed):
    import random
    rng = random.Random(100 + seed)
    specs = _random_specs(rng, ["", "d", "b", "o", "x", "X", "n", "e", "f", "g", "%"], [1, -5],
                          40)
    fn = _spec_module(tmp_path, f"int_specs_{seed}", ("n", "int"), specs)
    c = py2wasm.compile(fn)
    ns = [0, -1, 2 ** 63 - 1, -2 ** 63] + [rng.randint(-2 ** 63, 2 ** 63 - 1) for _ in range(100)]
    for n in ns:
        assert c(n) == fn(n), (n, specs)


def test_random_str_specs(tmp_path):
    import random
    rng = random.Random(7)
    specs = _random_specs(rng, ["", "s"], ["ab"], 30)
    fn = _spec_module(tmp_path, "str_specs", ("s", "str"), specs)
    c = py2wasm.compile(fn)
    for s in ["", "a", "it's é\U0001F600", "\ud800x" * 5]:
        assert c(s) == fn(s), (s, specs)
