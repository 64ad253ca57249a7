"""np.r_[...] and np.c_[...] (frontend/npfuncs_rc.py) compiled vs NumPy on
every target: arrays, numbers (NumPy's weak Python numbers: an int8 array
with 300 is NumPy's OverflowError), slices as ranges (a complex step: a
number of points), 2-D items, np.c_'s columns and its ValueError for
mismatched rows; a string directive is a located CompileError."""

import numpy as np
import pytest

import py2wasm
from tests.arrays.like_numpy import check_like_numpy

ARGS = [(np.linspace(-2.0, 3.0, 6), np.arange(4, dtype=np.int8), 3),
        (np.zeros(0), np.array([5], dtype=np.int8), 0),
        (np.arange(5.0)[::-2], np.array([-1, 2], dtype=np.int8), -2)]
def rc_r_arrays(x, b, k): return np.r_[x, x[::-1]], np.r_[b, 3], np.r_[x, 2.5, k]
def rc_r_overflow(x, b, k): return np.r_[b, 300]
def rc_r_overflow_rt(x, b, k): return np.r_[b, k * 100]
def rc_r_slices(x, b, k): return np.r_[0:5], np.r_[0:1:5j], np.r_[1:4, 0, 9], np.r_[0:k], np.r_[k:10:2, x]
def rc_r_scalars(x, b, k): return np.r_[1, 2, 3], np.r_[True, 2], np.r_[np.float32(1.5), b], np.r_[x.sum(), 1.0]
def rc_r_2d(x, b, k): return np.r_[np.zeros((2, 2)), np.ones((1, 2))]
def rc_c(x, b, k): return np.c_[x, x * 2], np.c_[np.zeros((x.shape[0], 2)), x], np.c_[1:3, 5:7], np.c_[x, k]
def rc_c_bad(x, b, k): return np.c_[x, b]


FUNCS = [v for k, v in sorted(globals().items()) if k.startswith("rc_")]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", FUNCS, ids=lambda f: f.__name__)
def test_r_and_c_like_numpy(fn, target):
    check_like_numpy(fn, ARGS, target)


def test_a_string_directive_is_refused():
    def f(x):
        return np.r_["0,2", x, x]
    with pytest.raises(py2wasm.CompileError, match="string directive"):
        py2wasm.compile(f)(np.ones(2))
