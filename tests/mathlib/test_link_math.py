"""passes/link_math: math[fn=X] becomes a call of the traced library
function; a module gets only what it uses (tests/mathlib)."""
import math

from py2wasm.frontend import trace
from py2wasm.ir import verify_module
from py2wasm.ir.interpret import interpret
from py2wasm.passes.link_math import PREFIX, link_math, needed_functions


def uses_sin(x: float) -> float:
    return math.sin(x) * 2.0


def uses_several(x: float, y: float) -> float:
    return math.atan2(y, x) + math.log(y) + x % y + math.hypot(x, y)


def no_math(x: float) -> float:
    return x * 2.0 + 1.0


def _prims(m, name):
    return [e for b in m.functions[name].blocks for e in b.eqns]


def test_only_what_is_used():
    m = link_math(trace(uses_sin))
    verify_module(m)
    lib = sorted(n for n in m.functions if n.startswith(PREFIX))
    assert PREFIX + "sin" in lib and PREFIX + "rem_pio2" in lib
    assert PREFIX + "cos" not in lib and PREFIX + "pow" not in lib and PREFIX + "log" not in lib
    calls = [e for e in _prims(m, "uses_sin") if e.prim == "call"]
    assert [e.params["fn"] for e in calls] == [PREFIX + "sin"]
    assert not any(e.prim == "math" for e in _prims(m, "uses_sin"))


def test_float_mod_leaves_fmod_to_the_backend_and_results_match():
    m = trace(uses_several)
    assert needed_functions(m) == ["atan2", "log", "hypot"]  # fmod: backend runtime helper
    m = link_math(m)
    verify_module(m)
    for a in [(3.0, 2.0), (-1.5, 0.25), (1e300, 1e-300)]:
        assert interpret(m, "uses_several", list(a)) == [uses_several(*a)]
    try:
        uses_several(1.0, -1.0)
    except ValueError as e:  # CPython's check around log stays
        msg = str(e)
    try:
        interpret(m, "uses_several", [1.0, -1.0])
        raise AssertionError("no exception")
    except ValueError as e:
        assert str(e) == msg


def test_no_math_no_change_and_idempotent():
    m = trace(no_math)
    assert list(link_math(m).functions) == ["no_math"]
    m2 = link_math(link_math(trace(uses_sin)))
    verify_module(m2)
    assert len(m2.functions) == len(link_math(trace(uses_sin)).functions)


def test_linked_functions_are_copies():
    a = link_math(trace(uses_sin))
    b = link_math(trace(uses_sin))
    assert a.functions[PREFIX + "sin"] is not b.functions[PREFIX + "sin"]


def uses_fmod(x: float, y: float) -> float:
    return math.fmod(x, y) + x % y + x // y


def test_fmod_has_one_implementation_the_backend_helper():
    import py2wasm
    m = link_math(trace(uses_fmod))
    assert not any(n.startswith(PREFIX) for n in m.functions)  # nothing linked for it
    f = py2wasm.compile(uses_fmod)
    for a in [(7.5, 2.0), (-7.5, 2.0), (1e300, 3e-300), (-0.0, 3.0), (5.0, -0.75)]:
        assert f(*a) == uses_fmod(*a)
    assert f.specializations and all(
        s.build.manifest["imports"] == {} for s in f.specializations.values())
    g = py2wasm.compile(uses_fmod, opt="O0")
    assert g(7.5, 2.0) == uses_fmod(7.5, 2.0)
    assert "$py2wasm.fmod" in g.wat() and "__py2wasm_math" not in g.wat()
