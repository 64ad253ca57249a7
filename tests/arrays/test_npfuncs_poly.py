"""NumPy's polynomial helpers (frontend/npfuncs_poly.py) compiled vs NumPy
on every target, bit for bit: polyder (orders 0 to past the degree),
polyint (m=, k= a number or a list; NumPy's ValueErrors), polyadd, polysub
(either longer), polymul; int and float coefficients."""

import numpy as np
import pytest

from tests.arrays.like_numpy import check_like_numpy

ARGS = [(np.array([1.0, -2.0, 3.0, 0.5]), np.array([2.0, 1.0])), (np.array([3, 1, 2]), np.array([1.5])), (np.array([7.0]), np.array([1, 2, 3, 4]))]
def poly_der(p, q): return np.polyder(p), np.polyder(p, 2), np.polyder(p, 0), np.polyder(p, 5)
def poly_int(p, q): return np.polyint(p), np.polyint(p, 2), np.polyint(p, 1, k=3.0), np.polyint(p, 2, k=[1.0, 2.0]), np.polyint(p, 3, k=2)
def poly_arith(p, q): return np.polyadd(p, q), np.polysub(p, q), np.polysub(q, p), np.polymul(p, q), np.polyadd([1, 2], p)
def poly_bad(p, q): return np.polyder(p, -1)
def poly_badk(p, q): return np.polyint(p, 3, k=[1.0, 2.0])


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", [poly_der, poly_int, poly_arith, poly_bad, poly_badk],
                         ids=lambda f: f.__name__)
def test_polynomial_helpers_like_numpy(fn, target):
    check_like_numpy(fn, ARGS, target)