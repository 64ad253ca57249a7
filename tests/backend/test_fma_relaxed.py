"""fma through relaxed SIMD (backend/lower_fma.py): on the relaxed-SIMD
target `math[fn=fma]` uses `f64x2.relaxed_madd` only after a probe showed
the engine computes it fused, else the exact software fma. Both paths and
both targets must give the correctly rounded fma on the hard cases, under
wasmtime with relaxed SIMD deterministic and not; the probe must run on the
engine (not be folded by Binaryen); the exported state global says which
path ran. The IR module is built directly (any Python version); math.fma
itself (Python 3.13) at the end."""
import math
import struct
import sys
from fractions import Fraction

import pytest
import wasmtime

from py2wasm.api import build_module
from py2wasm.backend.lower_fma import FUSED, STATE_GLOBAL, UNFUSED, UNKNOWN
from py2wasm.ir import F64, FunctionBuilder, Module
from py2wasm.ir.types import PySignature

inf, nan = math.inf, math.nan
EPS = 2.0**-52
TINY = 5e-324  # smallest subnormal
HUGE = 1.7976931348623157e308


def fma_module():
    fb = FunctionBuilder("f", [F64, F64, F64], [F64])
    x, y, z = fb.params
    fb.ret([fb.emit("math", [x, y, z], {"fn": "fma"})])
    fn = fb.finish()
    fn.sig = PySignature((("x", F64), ("y", F64), ("z", F64)), F64)
    return Module({"f": fn}, exports=["f"])


def exact_fma(x, y, z):
    """C's fma from exact rational arithmetic (round half to even)."""
    if math.isnan(x) or math.isnan(y) or math.isnan(z):
        return nan
    if math.isinf(x) or math.isinf(y):
        return x * y + z  # the product is exactly inf (or nan for 0 * inf)
    if math.isinf(z):
        return z
    p = Fraction(x) * Fraction(y)
    s = p + Fraction(z)
    if s == 0:
        if p == 0 and z == 0:  # (+-0) + (+-0): -0 only if both are -0
            neg_p = (math.copysign(1, x) * math.copysign(1, y)) < 0
            return -0.0 if neg_p and math.copysign(1, z) < 0 else 0.0
        return 0.0  # exact cancellation rounds to +0
    try:
        return float(s)  # int / int: correctly rounded
    except OverflowError:
        return inf if s > 0 else -inf


def hard_cases():
    c = [
        # double rounding: x*y rounded, then + z rounded, differs from one rounding
        (1 + EPS, 1 + EPS, -(1 + 2 * EPS)),
        (1 + EPS, 1 - EPS, -1.0),
        (1 + 2**-27, 1 - 2**-27, -1.0),
        (0.1, 10.0, -1.0),
        (1 / 3, 3.0, -1.0),
        (2.0**-30 + 1, 2.0**-30 + 1, -(2.0**-29 + 1)),
        (1.0 + 2**-30, 1.0 + 2**-23, 2.0**-80),  # exactly-halfway-looking tie breaks
        (1.0 + 2**-52, 1.0 + 2**-53 * 0 + 2**-52, 2.0**-106),
        (3.0, 1 / 3, -1.0),
        # huge and tiny
        (HUGE, 2.0, -HUGE),  # product overflows, exact result finite
        (HUGE, 1.0 + EPS, 0.0),  # overflow to inf
        (-HUGE, 2.0, HUGE),
        (TINY, 0.5, 0.0),  # underflow to 0 (ties to even)
        (TINY, 0.75, 0.0),
        (TINY, TINY, -0.0),
        (2.0**-1000, 2.0**-60, 2.0**-1070),
        (2.0**-537, 2.0**-537, TINY),
        (2.0**600, 2.0**600, -inf),
        (1e308, 10.0, -inf),
        # inf and nan
        (inf, 0.0, 1.0), (0.0, -inf, 1.0), (inf, 1.0, -inf), (inf, 2.0, inf),
        (nan, 1.0, 1.0), (1.0, nan, 0.0), (1.0, 1.0, nan), (inf, -1.0, 5.0),
        # signed zeros
        (-0.0, 1.0, -0.0), (0.0, -1.0, -0.0), (-0.0, -1.0, -0.0), (0.0, 1.0, -0.0),
        (-0.0, 1.0, 0.0), (1.0, -1.0, 1.0), (-1.0, 1.0, 1.0), (2.0, 3.0, -6.0),
        (5e-324, -5e-324, 0.0), (5e-324, -5e-324, -0.0),
    ]
    return c


def bits(v):
    return "nan" if v != v else struct.pack("<d", v).hex()


def engine(relaxed: bool, deterministic: bool = False):
    config = wasmtime.Config()
    config.wasm_relaxed_simd = relaxed
    config.wasm_simd = True
    if relaxed:
        config.wasm_relaxed_simd_deterministic = deterministic
    return wasmtime.Engine(config)


class Run:
    """One instance of a build under an engine: call f, read/force the state."""

    def __init__(self, wasm: bytes, eng):
        self.store = wasmtime.Store(eng)
        self.inst = wasmtime.Instance(self.store, wasmtime.Module(eng, wasm), [])
        ex = self.inst.exports(self.store)
        self.f = ex["f"]
        self.state = ex.get(STATE_GLOBAL) if hasattr(ex, "get") else _get(ex, STATE_GLOBAL)

    def __call__(self, *args):
        return self.f(self.store, *args)

    def get_state(self):
        return self.state.value(self.store)

    def force(self, v):
        self.state.set_value(self.store, wasmtime.Val.i32(v))


def _get(ex, name):
    try:
        return ex[name]
    except KeyError:
        return None


@pytest.fixture(scope="module")
def builds():
    return {t: build_module(fma_module(), target=t) for t in ("simd", "relaxed-simd")}


def test_manifest_features_and_the_state_export(builds):
    rel, simd = builds["relaxed-simd"], builds["simd"]
    assert "relaxed-simd" in rel.manifest["features"]
    assert "relaxed-simd" not in simd.manifest["features"]
    assert rel.manifest["imports"] == {} and simd.manifest["imports"] == {}
    assert "relaxed" not in simd.wat() and STATE_GLOBAL not in simd.wat()


def test_the_probe_is_not_folded_by_binaryen(builds):
    """After -O3 the probe still reads its mutable global and runs
    relaxed_madd on the engine (Binaryen 116 prints it as relaxed_fma)."""
    wat = builds["relaxed-simd"].wat()
    assert wat.count("relaxed_fma") >= 2  # the probe and the fused path
    assert "(global.get $py2wasm.fma_probe)" in wat
    assert "(global.set $py2wasm.fma_probe" in wat


@pytest.mark.parametrize("deterministic", [False, True], ids=["native", "deterministic"])
def test_relaxed_build_is_exact_on_the_path_the_probe_chose(builds, deterministic):
    run = Run(builds["relaxed-simd"].wasm, engine(True, deterministic))
    assert run.get_state() == UNKNOWN  # probed lazily, on the first fma
    for x, y, z in hard_cases():
        assert bits(run(x, y, z)) == bits(exact_fma(x, y, z)), (x, y, z)
    state = run.get_state()
    assert state in (FUSED, UNFUSED)
    if deterministic:  # wasmtime's deterministic relaxed_madd is the fused fma
        assert state == FUSED
    print(f"relaxed_madd under wasmtime ({'deterministic' if deterministic else 'native'}): "
          f"{'fused: used' if state == FUSED else 'not fused: software fma'}")


@pytest.mark.parametrize("deterministic", [False, True], ids=["native", "deterministic"])
def test_software_path_of_the_relaxed_build_is_exact(builds, deterministic):
    """State forced to 'not fused' before the first call: the probe does not
    run again and the software fma computes every case."""
    run = Run(builds["relaxed-simd"].wasm, engine(True, deterministic))
    run.force(UNFUSED)
    for x, y, z in hard_cases():
        assert bits(run(x, y, z)) == bits(exact_fma(x, y, z)), (x, y, z)
    assert run.get_state() == UNFUSED


def test_simd_build_uses_the_software_fma_exactly(builds):
    run = Run(builds["simd"].wasm, engine(False))
    assert run.state is None
    for x, y, z in hard_cases():
        assert bits(run(x, y, z)) == bits(exact_fma(x, y, z)), (x, y, z)


def test_random_arguments_both_targets(builds):
    import random
    rnd = random.Random(20261126)
    runs = [Run(builds["relaxed-simd"].wasm, engine(True)), Run(builds["simd"].wasm, engine(False))]
    for _ in range(3000):
        x = rnd.uniform(-2, 2) * 2.0**rnd.randint(-60, 60)
        y = rnd.uniform(-2, 2) * 2.0**rnd.randint(-60, 60)
        z = -x * y * (1 + rnd.choice([0, EPS, -EPS, 2**-30])) if rnd.random() < 0.5 else \
            rnd.uniform(-2, 2) * 2.0**rnd.randint(-120, 120)
        want = bits(exact_fma(x, y, z))
        for run in runs:
            assert bits(run(x, y, z)) == want, (x, y, z)


def test_reference_is_cpython_math_fma_where_it_exists():
    if not hasattr(math, "fma"):
        pytest.skip("math.fma: Python 3.13+")
    for x, y, z in hard_cases():
        try:
            want = math.fma(x, y, z)
        except (ValueError, OverflowError):
            continue  # CPython raises where C returns nan/inf
        assert bits(exact_fma(x, y, z)) == bits(want), (x, y, z)


@pytest.mark.skipif(sys.version_info < (3, 13), reason="math.fma is new in Python 3.13")
@pytest.mark.parametrize("target", ["simd", "relaxed-simd"])
def test_math_fma_compiled_for_both_targets_equals_cpython(target):
    import py2wasm

    def f(x: float, y: float, z: float) -> float:
        return math.fma(x, y, z)

    g = py2wasm.compile(f, target=target)
    for x, y, z in hard_cases():
        try:
            want = ("ok", bits(math.fma(x, y, z)))
        except (ValueError, OverflowError) as e:
            want = (type(e).__name__, str(e))
        try:
            got = ("ok", bits(g(x, y, z)))
        except (ValueError, OverflowError) as e:
            got = (type(e).__name__, str(e))
        assert got == want, (x, y, z)
    (spec,) = g.specializations.values()
    assert ("relaxed-simd" in spec.build.manifest["features"]) == (target == "relaxed-simd")


@pytest.mark.skipif(sys.version_info < (3, 13), reason="math.fma is new in Python 3.13")
@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
def test_math_fma_in_an_array_loop_is_exact_on_every_target(target):
    import numpy as np

    import py2wasm

    def f(a, b, c):
        out = np.empty(len(a))
        for i in range(len(a)):
            out[i] = math.fma(a[i], b[i], c[i])
        return out

    rng = np.random.default_rng(3)
    a, b = rng.standard_normal(101), rng.standard_normal(101)
    c = -a * b  # the exact product's rounding error: 0 without fusion
    want = np.array([math.fma(x, y, z) for x, y, z in zip(a, b, c)])
    got = py2wasm.compile(f, target=target)(a.copy(), b.copy(), c.copy())
    assert np.array_equal(got.view(np.int64), want.view(np.int64))
    assert np.count_nonzero(want) > 90


@pytest.mark.parametrize("opt", ["O0", "Os"])
def test_relaxed_build_at_other_opt_levels(opt):
    build = build_module(fma_module(), target="relaxed-simd", opt=opt)
    run = Run(build.wasm, engine(True))
    for x, y, z in hard_cases():
        assert bits(run(x, y, z)) == bits(exact_fma(x, y, z)), (x, y, z)
    assert run.get_state() in (FUSED, UNFUSED)
