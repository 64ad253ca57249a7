"""np.round / np.around / a.round with decimals known only at run time and
of numbers (frontend/nplib.py `round_`, `_round_runtime`) compiled vs NumPy
on every target, bit for bit: NumPy's power_of_ten and both of its formulas
(far decimals: inf/0 scales), integer arrays (a copy, or the float64
computation cast back), Python and NumPy scalars rounded as 0-d arrays (not
Python's correctly rounded round)."""

import numpy as np
import pytest

from tests.arrays.like_numpy import check_like_numpy

A = np.array([1.2345, -2.5, 0.5, 1e300, -1e-5, 123456.789, np.nan, 2.675, -0.0])
ARGS = [(A, 2), (A.astype(np.float32), -1), (A, 0), (A, -3), (A, 25), (A, -400), (A, 400),
        (A, 8), (A, 9), (A, 23)]
def rd_rt(a, d): return np.round(a, d), np.around(a, d), a.round(d)
def rd_rt_int(a, d):
    b = np.arange(-30, 30, 7)
    return np.round(b, d), np.round(b.astype(np.int8), d)
def rd_scalar(a, d): return np.round(1.2345, 2), np.round(7, -1), np.round(np.float32(1.2345), 2), np.around(2.5), np.round(np.int8(17), -1), np.round(a[0], d), np.round(float(d) * 1.5)


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", [rd_rt, rd_rt_int, rd_scalar], ids=lambda f: f.__name__)
def test_round_like_numpy(fn, target):
    check_like_numpy(fn, ARGS, target, must_succeed=True)