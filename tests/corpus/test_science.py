"""The science corpus (tests/corpus/science/*.py): kernels written as
scientists and engineers write them, compiled with `py2wasm.compile` for
every target (mvp, simd, relaxed-simd) and compared with CPython/NumPy:
results (type, dtype, shape; floats bit for bit, NaN matching NaN), the
argument arrays after the call (in-place updates) and exceptions (type and
message). A kernel's `ulps` allows transcendental results that far apart;
`rtol` covers the documented summation orders of matrix products and
np.linalg (docs/arrays.md "Deviations from NumPy")."""
from __future__ import annotations

import copy
import importlib
import math
import struct
import warnings

import numpy as np
import pytest

import py2wasm

MODULES = ["signal_", "stats", "numerics", "physics", "image", "geometry", "ml", "engineering",
           "analysis"]
TARGETS = ["mvp", "simd", "relaxed-simd"]

KERNELS = []
for _m in MODULES:
    KERNELS.extend(importlib.import_module(f"tests.corpus.science.{_m}").CASES)

_COMPILED: dict = {}


def compiled(fn, target):
    key = (fn, target)
    if key not in _COMPILED:
        _COMPILED[key] = py2wasm.compile(fn, target=target)
    return _COMPILED[key]


def _ulps(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return 0 if math.isnan(a) and math.isnan(b) else math.inf
    if a == b:
        return 0 if math.copysign(1, a) == math.copysign(1, b) else math.inf
    if math.isinf(a) or math.isinf(b) or (a < 0) != (b < 0):
        return math.inf

    def key(x):
        return struct.unpack("<q", struct.pack("<d", x))[0]
    return abs(key(abs(a)) - key(abs(b)))


def _ulps32(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or math.isinf(b) or a == b:
        return _ulps(a, b)
    if (a < 0) != (b < 0):
        return math.inf

    def key(x):
        return struct.unpack("<i", struct.pack("<f", x))[0]
    return abs(key(abs(a)) - key(abs(b)))


def _close(g: float, w: float, rtol: float, scale: float) -> bool:
    if math.isnan(g) or math.isnan(w) or math.isinf(g) or math.isinf(w):
        return _ulps(g, w) == 0
    return abs(g - w) <= rtol * max(abs(w), scale)


# A Python number returned on one path and the NumPy scalar of its kind on
# another: the NumPy scalar on every path (docs/arrays.md "Deviations").
_PY_OF = {float: np.float64, int: np.int64, bool: np.bool_, complex: np.complex128}


def same(got, want, ulps, rtol, path="result"):
    """None if equal under the kernel's tolerance, else a description."""
    if type(want) in _PY_OF and type(got) is _PY_OF[type(want)]:
        want = type(got)(want)  # docs/arrays.md: the NumPy scalar on every path
    if type(got) is not type(want):
        return f"{path}: type {type(got).__name__} {got!r}, expected {type(want).__name__} {want!r}"
    if isinstance(want, (tuple, list)):
        if len(got) != len(want):
            return f"{path}: length {len(got)}, expected {len(want)}"
        for i, (g, w) in enumerate(zip(got, want)):
            d = same(g, w, ulps, rtol, f"{path}[{i}]")
            if d:
                return d
        return None
    if isinstance(want, (np.ndarray, np.generic)):
        if got.dtype != want.dtype or np.shape(got) != np.shape(want):
            return f"{path}: {got.dtype}{np.shape(got)}, expected {want.dtype}{np.shape(want)}"
        gs, ws = np.asarray(got).ravel(), np.asarray(want).ravel()
        if want.dtype.kind == "c":
            gs = np.concatenate((gs.real, gs.imag))
            ws = np.concatenate((ws.real, ws.imag))
        single = want.dtype in (np.float32, np.complex64)
        if want.dtype.kind not in "fc":
            if not np.array_equal(gs, ws):
                return f"{path}: {got!r}, expected {want!r}"
            return None
        scale = float(np.max(np.abs(ws[np.isfinite(ws)]))) if ws.size and np.isfinite(ws).any() else 0.0
        for i, (g, w) in enumerate(zip(gs.tolist(), ws.tolist())):
            d = (_ulps32 if single else _ulps)(g, w)
            if d <= ulps or (rtol and _close(g, w, rtol, scale)):
                continue
            return f"{path}: element {i}: {g!r}, expected {w!r} ({d} ulps)\n got {got!r}\n want {want!r}"
        return None
    if isinstance(want, float):
        d = _ulps(got, want)
        if d <= ulps or (rtol and _close(got, want, rtol, abs(want))):
            return None
        return f"{path}: {got!r}, expected {want!r} ({d} ulps)"
    if isinstance(want, complex):
        return same(np.complex128(got), np.complex128(want), ulps, rtol, path)
    if got != want:
        return f"{path}: {got!r}, expected {want!r}"
    return None


def outcome(fn, args):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ("ok", fn(*args), args)
    except Exception as e:  # noqa: BLE001 - compared with CPython's
        return (type(e).__name__, str(e), args)


def params(kernels):
    """One pytest param per kernel, argument set and target."""
    return [pytest.param(k, i, target, id=f"{k.fn.__module__.rsplit('.', 1)[1]}.{k.fn.__name__}"
                         f"-{i}-{target}")
            for k in kernels for i in range(len(k.argsets)) for target in TARGETS]


def check_kernel(kernel, i, target):
    """kernel.argsets[i] compiled for target against CPython/NumPy: results,
    the arguments after the call and exceptions; `refused=` kernels give a
    located CompileError with that code and a hint."""
    args = kernel.argsets[i]
    if kernel.refused:  # outside the documented subset: a located CompileError with a hint
        with pytest.raises(py2wasm.CompileError) as e:
            compiled(kernel.fn, target)(*copy.deepcopy(args))
        assert e.value.code == kernel.refused, str(e.value)
        assert e.value.file == kernel.fn.__code__.co_filename and e.value.line, str(e.value)
        assert e.value.hint, str(e.value)
        return
    want = outcome(kernel.fn, copy.deepcopy(args))
    got = outcome(compiled(kernel.fn, target), copy.deepcopy(args))
    if want[0] != "ok" or got[0] != "ok":
        assert got[:2] == want[:2], f"compiled {got[:2]!r}, CPython {want[:2]!r}"
        return
    d = same(got[1], want[1], kernel.ulps, kernel.rtol)
    assert d is None, d
    d = same(got[2], want[2], kernel.ulps, kernel.rtol, "arguments after the call")
    assert d is None, d


@pytest.mark.parametrize("kernel,i,target", params(KERNELS))
def test_science(kernel, i, target):
    check_kernel(kernel, i, target)


def test_corpus_size():
    assert len({k.fn for k in KERNELS}) >= 40
    assert all(k.argsets for k in KERNELS)
