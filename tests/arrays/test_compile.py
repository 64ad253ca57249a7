"""py2wasm.compile on array functions, end to end (frontend, passes,
backend, wasmtime runner): the issue's softmax and jacobi_2d, one
specialization per dtype/ndim, in-place updates visible to the caller,
NumPy's exception messages, flat memory over 10,000 calls, and `py2wasm
build`'s manifest for annotated array functions."""
import json

import numpy as np
import numpy.typing as npt
import pytest

import py2wasm
from tests.arrays import corpus as C


def softmax(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def jacobi_2d(steps: int, a: py2wasm.f64[:, :], b: py2wasm.f64[:, :]) -> None:
    for _ in range(steps):
        b[1:-1, 1:-1] = 0.2 * (a[1:-1, 1:-1] + a[1:-1, :-2] + a[1:-1, 2:] + a[2:, 1:-1]
                               + a[:-2, 1:-1])
        a[1:-1, 1:-1] = 0.2 * (b[1:-1, 1:-1] + b[1:-1, :-2] + b[1:-1, 2:] + b[2:, 1:-1]
                               + b[:-2, 1:-1])


def test_softmax():
    f = py2wasm.compile(softmax)
    for x in (np.random.rand(10), np.array([1.0]), np.random.rand(1000) * 50):
        got = f(x)
        assert got.dtype == np.float64 and got.shape == x.shape
        assert np.allclose(got, softmax(x), rtol=1e-14)
    with pytest.raises(ValueError, match="zero-size array to reduction operation maximum"):
        f(np.zeros(0))


def test_jacobi_updates_in_place():
    f = py2wasm.compile(jacobi_2d)
    a = np.random.rand(20, 30)
    b = np.random.rand(20, 30)
    a2, b2 = a.copy(), b.copy()
    assert f(5, a, b) is None
    jacobi_2d(5, a2, b2)
    assert np.array_equal(a, a2) and np.array_equal(b, b2)
    # a non-contiguous view is updated in place too
    big = np.random.rand(20, 60)
    va, vb = big[:, ::2], np.random.rand(20, 30)
    ref = big.copy()
    f(2, va, vb)
    jacobi_2d(2, ref[:, ::2], vb.copy())
    assert np.array_equal(big, ref)


def idx(a, i: int):
    return a[i] * 2


def test_specializes_on_dtype_and_ndim():
    f = py2wasm.compile(idx)
    assert f(np.arange(5.0), 1) == 2.0
    assert f(np.arange(5, dtype=np.int32), -1) == 8
    assert np.array_equal(f(np.arange(6.0).reshape(2, 3), 1), [6.0, 8.0, 10.0])
    assert len(f.specializations) == 3
    with pytest.raises(IndexError, match="index 5 is out of bounds for axis 0 with size 5"):
        f(np.arange(5.0), 5)


def test_memory_flat_over_10000_calls():
    f = py2wasm.compile(C.softmax)
    x = np.random.rand(100)
    f(x)
    spec = next(iter(f.specializations.values()))
    mem = spec.instance.instance.exports(spec.instance.store)["memory"]
    size = mem.data_len(spec.instance.store)
    for _ in range(10_000):
        f(x)
    assert mem.data_len(spec.instance.store) == size


def test_build_manifest(tmp_path):
    from py2wasm.frontend import trace_many
    from py2wasm.api import build_module
    m = trace_many([(softmax, None), (jacobi_2d, None)])
    build = build_module(m)
    fns = {f["name"]: f for f in build.manifest["functions"]}
    assert fns["softmax"]["params"][0]["type"] == {"array": "float64", "ndim": 1}
    assert fns["softmax"]["result"] == {"array": "float64", "ndim": 1}
    assert fns["jacobi_2d"]["params"][1]["type"] == {"array": "float64", "ndim": 2}
    json.dumps(build.manifest)
