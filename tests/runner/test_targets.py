"""The runner enables exactly the build target's wasm features in wasmtime:
an mvp build runs with SIMD off (a SIMD module is refused there), a simd
build without relaxed SIMD; py2wasm.compile passes target and fastmath
through and checks them."""
import numpy as np
import pytest
import wasmtime

import py2wasm
from py2wasm.backend import Build, binaryen as bn
from py2wasm.runner import engine

from tests.backend.test_targets import _v128_function


def _simd_wasm() -> bytes:
    with bn.Module(simd=True) as m:
        _v128_function(m)
        m.add_function_export("f", "f")
        m.validate()
        return m.emit_binary()


def test_engine_per_target_features():
    wasm = _simd_wasm()
    for target in ("simd", "relaxed-simd"):
        mod = wasmtime.Module(engine(target), wasm)
        inst = wasmtime.Instance(store := wasmtime.Store(engine(target)), mod, [])
        assert inst.exports(store)["f"](store) == 1.5
    with pytest.raises(wasmtime.WasmtimeError):
        wasmtime.Module(engine("mvp"), wasm)
    assert engine("mvp") is engine("mvp")
    assert engine("mvp") is not engine("simd")


def test_instance_uses_the_manifest_target():
    from py2wasm.runner import Instance
    build = Build(wasm=_simd_wasm(), manifest={"functions": [], "exceptions": {}, "imports": {},
                                               "target": "mvp", "features": ["simd128"]})
    with pytest.raises(wasmtime.WasmtimeError):
        Instance(build)


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
def test_compile_targets_run(target):
    f = py2wasm.compile(lambda a, b: a * b + 1.0, target=target)
    a = np.arange(5.0)
    assert np.array_equal(f(a, a), a * a + 1.0)
    spec = f.specialize(a, a)
    assert spec.build.manifest["target"] == target


def test_compile_defaults_and_checks_options():
    f = py2wasm.compile(lambda x: x + 1.0)
    assert f.target == "relaxed-simd" and f.fastmath is False
    with pytest.raises(ValueError, match="target must be one of mvp, simd, relaxed-simd"):
        py2wasm.compile(lambda x: x, target="neon")
    with pytest.raises(TypeError, match="fastmath must be True or False"):
        py2wasm.compile(lambda x: x, fastmath="yes")
    with pytest.raises(ValueError, match="opt must be one of"):
        py2wasm.compile(lambda x: x, opt="O9")


def test_build_module_checks_options():
    from py2wasm.api import build_module
    from py2wasm.frontend import trace
    m = trace(lambda x: x + 1.0)
    assert build_module(m, target="mvp").manifest["target"] == "mvp"
    with pytest.raises(ValueError, match="target must be one of"):
        build_module(m, target="x")
    with pytest.raises(TypeError, match="fastmath"):
        build_module(m, fastmath=1)
