"""passes/vectorize_math.py: widening the math library's straight-line cores
to f64x2 lanes. The widened cores (interpreted, and compiled to wasm) equal
the scalar cores of py2wasm.libm (run by CPython) bit for bit; functions with
branches or explicit checks are refused; loops over functions without a
vector version stay scalar; the vectorized loop's IR interprets like the
scalar one."""
import math
import random
import struct

import numpy as np
import pytest

import py2wasm
from py2wasm import ir
from py2wasm.ir.interpret import interpret
from py2wasm.ir.types import F64X2
from py2wasm.libm import exp as libexp
from py2wasm.libm import hyperbolic as libhyp
from py2wasm.libm import log as liblog
from py2wasm.passes import vectorize_math as vm
from py2wasm.passes.link_math import PREFIX, library

from tests.backend.util import LOC, check_against_interpreter, module_of

CORES = {"exp": (libexp.exp_core_ok, libexp.exp_core),
         "expm1": (libexp.expm1_core_ok, libexp.expm1_core),
         "log": (liblog.log_core_ok, liblog.log_core),
         "log2": (liblog.log_core_ok, liblog.log2_core),
         "log10": (liblog.log_core_ok, liblog.log10_core),
         "log1p": (liblog.log1p_core_ok, liblog.log1p_core),
         "log1p_core2": (liblog.log1p_core2_ok, liblog.log1p_core2),
         "tanh": (libhyp.tanh_core_ok, libhyp.tanh_core),
         "tanh_core1": (libhyp.tanh_core1_ok, libhyp.tanh_core1),
         "tanh_core3": (libhyp.tanh_core3_ok, libhyp.tanh_core3),
         "tanh_core2": (libhyp.tanh_core2_ok, libhyp.tanh_core2),
         "sinh_core2": (libhyp.sinh_core2_ok, libhyp.sinh_core2),
         "cosh": (libhyp.cosh_core_ok, libhyp.cosh_core)}


def _widened(name: str) -> ir.Module:
    """f(x0, x1) -> (lane 0, lane 1) of the widened library function `name`."""
    fb = ir.FunctionBuilder("f", [ir.F64, ir.F64], [], loc=LOC)
    v = fb.emit("vbuild", list(fb.params), {"vtype": F64X2})
    (r,) = vm.widen(library(), PREFIX + name, fb.block, [v])
    outs = [fb.emit("vextract", [r], {"lane": k}) for k in range(2)]
    fb.fn.result_types = [o.type for o in outs]
    fb.ret(outs)
    return module_of(fb.finish())


def _core_args(name, count, seed):
    rng = random.Random(seed)
    ok = CORES[name][0]
    out = []
    while len(out) < count:
        if name.startswith("log1p"):
            x = rng.choice([rng.uniform(-1.0, 1.0), 2.0 ** rng.uniform(-30, 54),
                            -(2.0 ** rng.uniform(-30, 0))])
        elif name[:4] in ("sinh", "cosh", "tanh"):
            x = rng.uniform(-45.0, 45.0) if rng.random() < 0.5 else rng.uniform(-1.0, 1.0)
        elif name in ("exp", "expm1"):
            x = rng.choice([rng.uniform(-708.0, 709.0),
                            rng.uniform(-1, 1) * 10 ** rng.uniform(-16, 0)])
        else:
            x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(63)))[0]
        if ok(x):
            out.append(x)
    edges = {"exp": [-708.0, 709.0, 5.551115123125783e-17, -5.551115123125783e-17, 1.0, -1.0],
             "log": [2.2250738585072014e-308, 1.7976931348623157e308, 1.0, 0.7071067811865476,
                     1.4142135623730951, 0.9999999999999999, 1.0000000000000002]}
    edges["expm1"] = [9.5367431640625e-07, -9.5367431640625e-07, 37.99999999999999, -37.5]
    edges["log1p"] = [0.4142136573791504 * 0.999999, -0.292893648147583 * 0.9999, 2e-9, -2e-9]
    edges["log1p_core2"] = [0.4142136573791504, -0.292893648147583, -0.9999999999999999,
                            9007199254740991.0, 3.0]
    edges["cosh"] = [3.725290298461914e-09, -0.9999999999999999, 0.5]
    edges["tanh"] = [3.725290298461914e-09, -3.725290298461914e-09, 0.17328679513998632, -0.1]
    edges["tanh_core1"] = [0.1732868, -0.17328680439084, 0.5198603, 0.5, -0.3]
    edges["tanh_core3"] = [0.51986039, -0.5199, 0.9999999999999999, -0.75]
    edges["tanh_core2"] = [1.0, -1.0, 21.999999999999996, -21.5]
    edges["sinh_core2"] = [1.0, -1.0, 40.99999999999999, -40.5, 2.0]
    out += edges.get(name, edges["log"])
    return [(out[k], out[-1 - k]) for k in range(len(out))]


@pytest.mark.parametrize("name", list(CORES))
def test_widened_core_equals_scalar_core(name):
    ok, core = CORES[name]
    m = _widened(name if name[-5:] in ("core1", "core2", "core3") else name + "_core")
    args = _core_args(name, 30, 1)
    for a in args:
        got = interpret(m, "f", list(a))
        assert [struct.pack("<d", g) for g in got] == [struct.pack("<d", core(x)) for x in a], a
    check_against_interpreter(m, args)  # the wasm lowering of the whole core


@pytest.mark.parametrize("name", ["exp", "expm1", "log", "log1p", "log1p_core2"])
def test_widened_range_predicate(name):
    ok = CORES[name][0]
    m = _widened(name + "_ok" if name.endswith("core2") else name + "_core_ok")
    xs = [math.nan, math.inf, -math.inf, 0.0, -0.0, 5e-324, 1e-310, 2.2250738585072014e-308,
          -1.0, 1.0, 709.0, 709.0000000000001, -708.0, -708.0000000000001, 1e-17, 6e-17, 1e300,
          9.5367431640625e-07, 9.536743164062499e-07, 38.0, 37.99999999999999, -38.0,
          0.4142136573791504, 0.41421365737915035, -0.292893648147583, -0.29289364814758296,
          1.862645149230957e-09, -1.8626451492309568e-09, 9007199254740992.0, -0.5]
    for a in zip(xs, reversed(xs)):
        got = interpret(m, "f", list(a))
        assert [bool(g) for g in got] == [ok(x) for x in a], a  # masks as bools
    check_against_interpreter(m, list(zip(xs, reversed(xs))))


def test_functions_with_branches_or_checks_are_refused():
    lib = library()
    for name in ("exp", "log", "sin", "exp_dd_missing"):
        with pytest.raises((vm.Unwidenable, KeyError)):
            vm.widen(lib, PREFIX + name, ir.Block(0), [ir.Var(F64X2)])
    assert vm.widenable(_call("exp")) and vm.widenable(_call("log10"))
    assert vm.widenable(_call("expm1"))
    assert vm.widenable(_call("log1p"))
    assert vm.widenable(_call("tanh")) and vm.widenable(_call("cosh"))
    assert not vm.widenable(_call("sin")) and not vm.widenable(_call("atan"))
    assert vm.widenable(_call("expf")) and vm.widenable(_call("logf"))
    assert vm.widenable(_call("tanhf")) and vm.widenable(_call("coshf"))
    assert not vm.widenable(_call("sinf")) and not vm.widenable(_call("expm1f"))


def _call(c_name):
    return ir.Eqn("call", [ir.Var(ir.F64)], [ir.Var(ir.F64)],
                  {"fn": PREFIX + c_name, "results": [ir.F64]})


def k_sin(a):
    return np.sin(a)


def k_exp_log(a):
    return np.log(np.exp(a) + 1.0)


def test_loop_without_vector_version_stays_scalar():
    f = py2wasm.compile(k_sin, target="simd")
    a = np.linspace(0, 1, 8)
    f(a)
    assert f.specialize(a).build.manifest["features"] == []


def test_vectorized_ir_interprets_like_scalar_ir():
    """The simd IR (vector loop with the core/fallback split) verifies and
    interprets to the scalar IR's results, through both branches (every
    lane in the core's range; a lane out of it)."""
    from py2wasm.frontend import trace, types_of_values
    from py2wasm.passes import run_passes
    from tests.arrays import harness
    from tests.arrays.harness import run_ir
    for a in (np.linspace(-3, 3, 7), np.array([1.0, 800.0, -1.0, math.nan, 2.0, -0.0])):
        mods = {t: run_passes(trace(k_exp_log, list(types_of_values([a]))), level=1, target=t)
                for t in ("mvp", "simd")}
        vec = mods["simd"]
        ir.verify_module(vec)
        used = {e.prim for f in vec.functions.values() for b in f.blocks for e in b.eqns}
        assert {"vall", "vbitcast", "vftoi", "vitof", "vdiv"} <= used
        out = []
        for mod in (mods["mvp"], vec):
            harness._CACHE.clear()
            harness._CACHE[(k_exp_log, tuple(types_of_values([a])), True)] = mod
            out.append(repr(run_ir(k_exp_log, [a.copy()])[1]))
        harness._CACHE.clear()
        assert out[0] == out[1]


def _python_function(name: str):
    from py2wasm.libm import exp, hyperbolic, log
    from py2wasm.libm.f32 import expf, logf
    for mod in (exp, log, hyperbolic, expf, logf):
        if hasattr(mod, name):
            return getattr(mod, name)
    raise KeyError(name)


@pytest.mark.parametrize("c_name", list(vm.VECTOR_MATH))
def test_every_scalar_function_is_its_cores_then_the_rest(c_name):
    """The contract the vector code relies on: F(x) is core_i(x) for the
    first i with core_ok_i(x) (CPython running the library), on random
    arguments over the whole domain and around each core's range."""
    f = _python_function(c_name)
    cores = [(_python_function(ok), _python_function(c)) for ok, c in vm.VECTOR_MATH[c_name]]
    rng = random.Random(c_name)
    xs = [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(300)]
    xs += [rng.uniform(-50, 50) for _ in range(300)] + [rng.uniform(-1.5, 1.5) for _ in range(300)]
    xs += [rng.uniform(-750, 750) for _ in range(100)]
    if c_name.endswith("f"):  # float32 arguments
        xs = [float(np.float32(x)) for x in xs if abs(x) < 3e38 or not math.isfinite(x)]
    hits = 0
    for x in xs:
        for ok, core in cores:
            if ok(x):
                hits += 1
                assert struct.pack("<d", f(x)) == struct.pack("<d", core(x)), (c_name, x)
                break
    assert hits > 100, hits  # the cores cover the common ranges
