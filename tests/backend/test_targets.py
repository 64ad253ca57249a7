"""Build targets (py2wasm.targets) in the backend: each target enables
exactly its Binaryen features, the manifest records the target and the
features the emitted module actually uses."""
import pytest

from py2wasm import ir
from py2wasm.backend import binaryen as bn
from py2wasm.backend import compile_module
from py2wasm.backend.context import ModuleContext
from py2wasm.backend.manifest import features_used
from py2wasm.frontend import trace
from py2wasm.targets import TARGETS, Target, get_target


def fma(x, y, z):
    return x * y + z


def test_targets_and_get_target():
    assert TARGETS == ("mvp", "simd", "relaxed-simd")
    assert get_target("mvp") == Target("mvp", False, False)
    assert get_target("simd") == Target("simd", True, False)
    assert get_target("relaxed-simd") == Target("relaxed-simd", True, True)
    assert get_target("relaxed-simd").features == ("simd128", "relaxed-simd")
    assert get_target(get_target("simd")).name == "simd"
    with pytest.raises(ValueError, match="target must be one of mvp, simd, relaxed-simd, got 'sse'"):
        get_target("sse")
    with pytest.raises(dataclasses_frozen()):
        get_target("mvp").simd = True


def dataclasses_frozen():
    import dataclasses
    return dataclasses.FrozenInstanceError


def _v128_function(m):
    """f() -> f64: f64x2.extract_lane 0 (f64x2.splat 1.5)."""
    ffi_ = __import__("cffi").FFI()
    ffi_.include(bn.ffi)
    ffi_.cdef("""
    BinaryenExpressionRef BinaryenSIMDExtract(BinaryenModuleRef module, BinaryenOp op,
        BinaryenExpressionRef vec, uint8_t index);
    BinaryenOp BinaryenSplatVecF64x2(void);
    BinaryenOp BinaryenExtractLaneVecF64x2(void);
    """)
    l2 = ffi_.dlopen(bn._library_path())
    splat = m.unary(l2.BinaryenSplatVecF64x2(), m.f64(1.5))
    body = l2.BinaryenSIMDExtract(m.ref, l2.BinaryenExtractLaneVecF64x2(), splat, 0)
    m.add_function("f", [], [bn.f64], [], body)


@pytest.mark.parametrize("simd,ok", [(False, False), (True, True)])
def test_simd_instructions_validate_only_with_simd(simd, ok):
    with bn.Module(simd=simd) as m:
        _v128_function(m)
        if ok:
            m.validate()
            assert features_used(m.emit_text()) == ["simd128"]
        else:
            with pytest.raises(bn.ValidationError):
                m.validate()


def test_features_used_scans_instructions():
    assert features_used("(func $f (result f64) (f64.add (local.get 0) (local.get 1)))") == []
    assert features_used("(local $3 v128)") == ["simd128"]
    assert features_used("(f64x2.add (local.get 0) (local.get 1))") == ["simd128"]
    assert features_used("(i32x4.splat (i32.const 1))") == ["simd128"]
    assert features_used("(f64x2.relaxed_fma (local.get 0) (local.get 1) (local.get 2))") == \
        ["simd128", "relaxed-simd"]


@pytest.mark.parametrize("target", TARGETS)
def test_manifest_records_target_and_used_features(target):
    b = compile_module(trace(fma, [ir.F64] * 3), name="fma", target=target)
    assert b.manifest["target"] == target
    assert b.manifest["features"] == []  # scalar code uses no SIMD on any target


def test_compile_module_refuses_unknown_target():
    with pytest.raises(ValueError, match="target must be one of"):
        compile_module(trace(fma, [ir.F64] * 3), target="avx")


def test_module_context_knows_the_target():
    with bn.Module(simd=True, relaxed=True) as m:
        ctx = ModuleContext(m, target="relaxed-simd")
        assert ctx.target.relaxed and ctx.target.simd
        assert ModuleContext(m).target.name == "simd"
