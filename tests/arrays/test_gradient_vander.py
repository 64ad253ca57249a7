"""frontend/npfuncs_gradient.py: numpy.gradient (one scalar spacing or none,
every axis or `axis=`, integer data as float64, float32 kept; NumPy's error
for fewer than 2 samples; other forms are located CompileErrors) and
numpy.vander (successive products, NumPy's dtype, `N=`, `increasing=`),
bit for bit on every target."""
import warnings

import numpy as np
import pytest

import py2wasm

R = np.random.default_rng(11)


def grad_dx(y, dx: float):
    return np.gradient(y, dx)


def grad(y):
    return np.gradient(y)


def grad_axis(m, dx: float):
    return np.gradient(m, dx, axis=1)


def vander_n(x, n: int):
    return np.vander(x, n), np.vander(x, increasing=True)


def vander(x):
    return np.vander(x)


def grad_array_spacing(y, x):
    return np.gradient(y, x)


CASES = [
    (grad_dx, (R.normal(size=10), 0.1)), (grad_dx, (R.normal(size=2), 0.5)),
    (grad_dx, (np.ones(1), 0.5)), (grad_dx, (R.normal(size=7).astype(np.float32), 0.1)),
    (grad_dx, (R.normal(size=9)[::2], 3.0)), (grad, (np.arange(6, dtype=np.int32) ** 2,)),
    (grad, (R.normal(size=(3, 4)),)), (grad_axis, (R.normal(size=(3, 4)), 0.3)),
    (grad, (np.array([1.0, np.inf, 2.0, np.nan]),)),
    (vander_n, (R.normal(size=5), 4)), (vander_n, (np.arange(4, dtype=np.int32), 3)),
    (vander, (np.array([3, 2**40]),)), (vander_n, (R.normal(size=3).astype(np.float32), 0)),
    (vander_n, (np.ones(2), -1)), (vander_n, (np.array([np.nan, np.inf, -0.0]), 3)),
    (vander, (np.array([True, False]),)), (vander, (np.zeros(0),)),
]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn,args", CASES)
def test_like_numpy(fn, args, target):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            want = fn(*args)
        except ValueError as e:
            with pytest.raises(ValueError) as got:
                py2wasm.compile(fn, target=target)(*args)
            assert str(got.value) == str(e)
            return
        got = py2wasm.compile(fn, target=target)(*args)
    ws = want if isinstance(want, tuple) else (want,)
    gs = got if isinstance(got, tuple) else (got,)
    assert len(gs) == len(ws)
    for g, w in zip(gs, ws):
        assert g.dtype == w.dtype and g.shape == w.shape
        assert np.array_equal(g, w, equal_nan=True)


def test_array_spacing_is_a_located_compile_error():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(grad_array_spacing)(np.ones(4), np.arange(4.0))
    assert e.value.line and e.value.hint
