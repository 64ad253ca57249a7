"""py2wasm.compile's per-type dispatch (api.CompiledFunction._use_fast_class):
calls with the argument types of a compiled specialization skip the general
path, and every other call still takes it (keywords, other types, other
arities, arrays of another dtype or ndim), with `.ir` naming the
specialization used last."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm


def mix(x, y):
    return x * 2 + y


def total(a):
    return np.sum(a)


def test_scalar_calls_switch_between_specializations():
    f = py2wasm.compile(mix)
    assert f(1.5, 2.0) == 5.0
    assert type(f).__call__ is not py2wasm.api.CompiledFunction.__call__  # the fast class
    assert f(3, 4) == 10 and type(f(3, 4)) is int
    assert "i64" in f.ir
    assert f(1.5, 2.0) == 5.0 and "f64" in f.ir  # back to the float version
    assert f(x=1.0, y=1.0) == 3.0  # keywords: the general path
    assert f(True, 1) == 3
    with pytest.raises(TypeError):
        f(1.0)
    with pytest.raises(TypeError):
        f(1.0, 2.0, 3.0)
    assert isinstance(f, py2wasm.api.CompiledFunction) and repr(f).startswith("<py2wasm compiled")
    assert len(f.specializations) == 3


def test_array_calls_check_dtype_and_ndim():
    f = py2wasm.compile(total)
    assert f(np.arange(4.0)) == 6.0
    assert f(np.arange(4.0)) == 6.0
    assert f(np.arange(4, dtype=np.int32)) == 6  # another dtype: compiled anew
    assert f(np.ones((2, 3))) == 6.0  # another ndim
    assert f(np.arange(4.0)[::2]) == 2.0  # a strided view: its own (strided) specialization
    assert len(f.specializations) == 4
    assert f(np.arange(4.0)) == 6.0 and f(np.arange(6.0)[::2]) == 6.0  # each its own path
