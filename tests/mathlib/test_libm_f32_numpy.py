"""NumPy float32 ufuncs compiled by py2wasm use the float32 library where
`frontend/ufuncs.F32_LIBM` says so (tests/mathlib): differential tests of
every function through py2wasm.compile (wasm) and through the IR reference
interpreter on the linked module, on lengths 0, 1 and 33, a strided view, a
2-D array and a fused expression, against the expected float32 results
(the float32 library where dispatched, the float64 library rounded to
float32 elsewhere), and the linking itself (passes/link_math)."""
import numpy as np
import pytest

import py2wasm
from py2wasm.frontend import trace, ufuncs
from py2wasm.ir import verify_module
from py2wasm.libm import FUNCTIONS as F64
from py2wasm.libm.f32 import FUNCTIONS, arity
from py2wasm.libm.f32.accuracy import NUMPY, arguments32, ulp32
from py2wasm.passes.link_math import PREFIX, c_name, library_function, link_math, \
    needed_functions
from tests.arrays.harness import run_ir

NAMES = sorted(FUNCTIONS)


def _expected(name, *cols):
    """What a float32 ufunc loop of py2wasm computes, element by element."""
    fn = FUNCTIONS[name] if name in ufuncs.F32_LIBM else F64[name]
    rows = np.stack([c.ravel() for c in cols], axis=1).astype(np.float64).tolist() \
        if cols[0].size else []
    with np.errstate(over="ignore"):
        out = np.array([fn(*r) for r in rows], dtype=np.float64).astype(np.float32)
    return out.reshape(cols[0].shape)


def _kernel(name, tag=""):
    k = arity(name)
    ps = ", ".join("ab"[:k])
    ns = {"np": np}
    exec(f"def k_{name}{tag}({ps}):\n    return np.{NUMPY[name].__name__}({ps})\n", ns)
    return ns[f"k_{name}{tag}"]


def _same(got, want):
    return (got.dtype == np.float32 and got.shape == want.shape
            and (ulp32(got.ravel(), want.ravel()) == 0).all())


def _inputs(name):
    args = arguments32(name, 40, seed=9)
    cols = [np.ascontiguousarray(args[:, i]) for i in range(args.shape[1])]
    return [[c[:0] for c in cols], [c[:1] for c in cols], [c[-33:] for c in cols],
            [c[-66:][::2] for c in cols],  # a strided view
            [c[-32:].reshape(4, 8) for c in cols]]


_COMPILED: dict = {}


def _compiled(name):
    """py2wasm.compile of np.<ufunc>, one per function for the module."""
    if name not in _COMPILED:
        _COMPILED[name] = py2wasm.compile(_kernel(name))
    return _COMPILED[name]


@pytest.mark.parametrize("name", NAMES)
def test_compiled_float32_ufunc(name):
    cf = _compiled(name)
    for cols in _inputs(name):
        got = cf(*cols)
        assert _same(got, _expected(name, *cols)), (name, [c.shape for c in cols])


@pytest.mark.parametrize("name", NAMES)
def test_interpreted_float32_ufunc(name):
    """The IR interpreter on the linked module computes the same."""
    fn = _kernel(name, "_ir")
    for cols in _inputs(name)[1:4]:
        _, (status, got) = run_ir(fn, cols)
        assert status == "ok" and _same(got, _expected(name, *cols)), name


def fused(a, b):
    return np.exp(a) * 0.5 + np.sin(b) / np.hypot(a, b)


def test_fused_float32_expression():
    rng = np.random.default_rng(1)
    a = rng.uniform(-5, 5, 101).astype(np.float32)
    b = rng.uniform(-5, 5, 101).astype(np.float32)
    got = py2wasm.compile(fused)(a, b)
    f32 = np.float32
    e, s, h = _expected("exp", a), _expected("sin", b), _expected("hypot", a, b)
    want = ((e.astype(np.float64) * 0.5).astype(f32).astype(np.float64)
            + (s.astype(np.float64) / h.astype(np.float64)).astype(f32)).astype(f32)
    assert _same(got, want)
    assert (ulp32(got, fused(a, b)) <= 4).all()  # and near NumPy's own float32


def f32_and_f64(a, x):
    return np.sin(a), np.sin(x), np.exp(a)


def _traced(fn, args):
    from py2wasm.frontend import types_of_values
    return trace(fn, types_of_values(args))


def test_link_math_links_the_float32_library():
    a32 = np.ones(3, dtype=np.float32)
    a64 = np.ones(3)
    m = _traced(f32_and_f64, [a32, a64])
    maths = [e.params for f in m.functions.values() for b in f.blocks for e in b.eqns
             if e.prim == "math"]
    assert {"fn": "sin", "dtype": "float32"} in maths and {"fn": "sin"} in maths
    assert sorted(needed_functions(m)) == sorted(
        [c_name(n, "float32") for n in ("sin", "exp")] + ["sin"])
    m = link_math(m)
    verify_module(m)
    lib = sorted(n for n in m.functions if n.startswith(PREFIX))
    assert library_function("sin", "float32") == PREFIX + "sinf"
    assert PREFIX + "sinf" in lib and PREFIX + "expf" in lib and PREFIX + "sin" in lib
    assert PREFIX + "exp" not in lib and PREFIX + "cos" not in lib
    assert sum(n == PREFIX + "rem_pio2" for n in lib) == 1  # shared by sin and sinf
    assert not any(e.prim == "math" for f in m.functions.values() for b in f.blocks
                   for e in b.eqns)


def test_c_names():
    assert c_name("atan2", "float32") == "atan2f" and c_name("atan2") == "atan2"
    assert c_name("asinh", "float32") == "asinhf"
    with pytest.raises(ValueError):
        c_name("fmod", "float32")  # no float32 fmod: ufuncs does not ask for it
    with pytest.raises(ValueError):
        c_name("exp", "float16")
    assert all(n in FUNCTIONS for n in ufuncs.F32_LIBM)


def test_float64_arrays_unchanged():
    """float64 ufuncs keep the float64 library."""
    m = _traced(_kernel("exp", "_64"), [np.ones(2)])
    assert needed_functions(m) == ["exp"]


@pytest.mark.parametrize("name", NAMES)
def test_hypothesis_float32_arrays(name):
    """Any float32 values (NaN, infinities, subnormals included), any length
    up to 20: compiled results equal the expected float32 results and are
    within 1 ulp of the correctly rounded ones."""
    from hypothesis import given
    from hypothesis import strategies as st
    from hypothesis.extra import numpy as hnp

    from py2wasm.libm.f32.accuracy import reference32
    from tests.corpus.hyp_settings import SETTINGS

    k = arity(name)
    elems = st.floats(width=32, allow_nan=True, allow_infinity=True)

    @SETTINGS
    @given(st.integers(0, 20).flatmap(
        lambda n: st.tuples(*[hnp.arrays(np.float32, n, elements=elems)] * k)))
    def check(cols):
        got = _compiled(name)(*cols)
        assert _same(got, _expected(name, *cols))
        if cols[0].size:
            ref = reference32(name, np.stack(cols, axis=1))
            assert (ulp32(got, ref) <= 1).all()

    check()
