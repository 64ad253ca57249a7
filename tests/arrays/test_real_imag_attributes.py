"""`a.real` and `a.imag` of real arrays (frontend/nplib.py `attribute`),
compiled vs NumPy: the array itself (writes through it reach it) and
read-only zeros of its dtype (a write raises NumPy's ValueError)."""

import numpy as np
import pytest

from tests.arrays.like_numpy import check_like_numpy

ARGS = [(np.arange(4.0), 1), (np.arange(6).reshape(2, 3), 2), (np.array([True, False]), 0)]
def ri_ri(a, k): return a.real, a.imag, a.real + a.imag * 2
def ri_real_view(a, k):
    r = a.real
    r[0] = 9
    return a
def ri_imag_ro(a, k):
    i = a.imag
    i[0] = 1
    return a


@pytest.mark.parametrize("fn", [ri_ri, ri_real_view, ri_imag_ro], ids=lambda f: f.__name__)
def test_real_and_imag_of_real_arrays(fn):
    check_like_numpy(fn, ARGS)