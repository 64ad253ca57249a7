"""The float32 library (`py2wasm.libm.f32`, tests/mathlib): on a few thousand
arguments per function (special values first), its Python source, the same
source traced and run by the IR reference interpreter, and its compiled wasm
(NumPy float32 ufuncs under py2wasm.compile) agree bit for bit; every result
is within 1 ulp (float32) of the correctly rounded one, exactly it on the
special values; NumPy's float32 results on this machine are within the ulp
distance it has itself from the correctly rounded value, plus 1."""
import struct
import sys
from pathlib import Path

import numpy as np
import pytest

import py2wasm
from py2wasm.ir.interpret import interpret
from py2wasm.libm.f32 import FUNCTIONS, arity
from py2wasm.libm.f32.accuracy import (NUMPY, arguments32, exact32, numpy32, ours32,
                                       reference32, ulp32)
from py2wasm.passes.link_math import library, library_function

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.mathf import dispatch  # noqa: E402 - the float32 dispatch switch, shared

NAMES = sorted(FUNCTIONS)
N = 3000


def _head(name):
    """How many leading rows of arguments32 are the special values (and
    their neighbours)."""
    return len(arguments32(name, 0, seed=1))


@pytest.fixture(scope="module")
def samples():
    out = {}
    for name in NAMES:
        args = arguments32(name, N, seed=3)
        ref = reference32(name, args)
        ours = ours32(name, args)
        for i in np.nonzero(ulp32(ours, ref))[0]:  # settle double roundings (mpmath)
            e = exact32(name, args[i])
            if e is not None:
                ref[i] = e
        out[name] = (args, ref, ours)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_within_one_ulp_of_correctly_rounded(name, samples):
    args, ref, ours = samples[name]
    d = ulp32(ours, ref)
    worst = int(d.argmax())
    assert d.max() <= 1, (name, args[worst].tolist(), ours[worst], ref[worst])
    assert (d != 0).mean() < 0.02, (name, int((d != 0).sum()))


@pytest.mark.parametrize("name", NAMES)
def test_special_values_exact(name, samples):
    args, ref, ours = samples[name]
    h = _head(name)
    d = ulp32(ours[:h], ref[:h])
    bad = [(args[i].tolist(), ours[i], ref[i]) for i in np.nonzero(d)[0]]
    assert not bad, (name, bad[:5])


@pytest.mark.parametrize("name", NAMES)
def test_against_numpy(name, samples):
    """NumPy's float32 loops (SIMD or libm) are not correctly rounded; ours
    may differ from them by their own error plus ours (<= 1)."""
    args, ref, ours = samples[name]
    npy = numpy32(name, args)
    assert (ulp32(ours, npy) <= ulp32(npy, ref) + 1).all()
    # NaN, infinities and signed zeros: the same classes as NumPy's
    h = _head(name)
    for o, p in zip(ours[:h], npy[:h]):
        assert np.isnan(o) == np.isnan(p) and np.isinf(o) == np.isinf(p), (name, o, p)
        if o == 0 and p == 0:
            assert np.signbit(o) == np.signbit(p), (name, o, p)


def _bits(x):
    return struct.pack("<d", x)


@pytest.mark.parametrize("name", NAMES)
def test_traced_equals_source(name):
    """ir.interpret on the linked library's float32 function (int64 checks
    included) computes what CPython computes running its source."""
    lib = library()
    fn = FUNCTIONS[name]
    args = arguments32(name, 200, seed=5)
    rows = np.concatenate([args[:80], args[-120:]]).astype(np.float64).tolist()
    for a in rows:
        want = fn(*a)
        got = interpret(lib, library_function(name, "float32"), list(a))[0]
        assert _bits(got) == _bits(want) or (got != got and want != want), (name, a)


def _kernel(name):
    k = arity(name)
    ps = ", ".join("ab"[:k])
    ns = {"np": np}
    exec(f"def k_{name}({ps}):\n    return np.{NUMPY[name].__name__}({ps})\n", ns)
    return ns[f"k_{name}"]


@pytest.mark.parametrize("name", NAMES)
def test_compiled_wasm_is_the_library(name, samples):
    """The float32 library compiled to wasm (every function, whether or not
    the ufunc dispatch uses it by default) equals its Python source."""
    args, _, ours = samples[name]
    cf = py2wasm.compile(_kernel(name))
    with dispatch([name]):
        got = cf(*[np.ascontiguousarray(args[:, i]) for i in range(args.shape[1])])
    build = list(cf.specializations.values())[-1].build
    assert build.manifest.get("imports", {}) == {}
    assert got.dtype == np.float32
    assert (ulp32(got, ours) == 0).all(), name


def test_asin_polynomial_bound():
    """invtrigf's fitted R: x + x*R(x*x) is within 2**-45 relative of asin
    on [0, 1/2] (CPython's asin, itself within 2**-52, as the reference)."""
    import math

    from py2wasm.libm.f32.invtrigf import _rf
    worst = 0.0
    for i in range(1, 20001):
        x = 0.5 * i / 20000
        got = x + x * _rf(x * x)
        worst = max(worst, abs(got - math.asin(x)) / math.asin(x))
    assert worst < 2.0 ** -45, math.log2(worst)


def test_expm1_polynomial_bound():
    """expf.py's fitted kernel: r + r**2/2 + r**3*P(r) is within 2**-50
    relative of expm1 on [-ln2/2, ln2/2] (CPython's expm1 as the reference)."""
    import math

    from py2wasm.libm.f32.expf import HALF_LN2, _expm1_poly
    worst = 0.0
    for i in range(-10000, 10001):
        r = HALF_LN2 * i / 10000
        if r != 0.0:
            worst = max(worst, abs(_expm1_poly(r) - math.expm1(r)) / abs(math.expm1(r)))
    assert worst < 2.0 ** -50, math.log2(worst)
