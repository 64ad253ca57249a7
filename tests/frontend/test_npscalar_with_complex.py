"""frontend/operators.py (_numpy_complex_result): a NumPy real scalar meeting a
Python complex computes as CPython + NumPy do: NumPy's scalar math (a
numpy.complex64 from a float32, with float32 rounding; numpy.complex128 from
the others; np.bool_ from comparisons) unless the complex is on the left of a
np.float64 in `+ - * / ** == !=` (complex's own method: a Python complex)."""
import warnings

import numpy as np
import pytest

import py2wasm


def mix(x, y, i):
    k, s, n = x[0], y[0], i[0]
    z = 0.1 + 0.3j
    return (s * z, z * s, s + z, z - s, s / z, z / s, k * z, z * k, k - z, z / k, n * z,
            z * n, z ** n, k == z, z == k, s != z, k < z, z > s)


@pytest.mark.parametrize("target", ["mvp", "simd"])
@pytest.mark.parametrize("vals", [(3.0, 3.0, 4), (0.1, -2.5, -7), (np.nan, np.inf, 0)])
def test_types_and_values_are_cpythons(vals, target):
    args = (np.array([vals[0]]), np.array([vals[1]], np.float32), np.array([vals[2]], np.int32))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = mix(*args)
        got = py2wasm.compile(mix, target=target)(*args)
    for k, (g, w) in enumerate(zip(got, want)):
        assert type(g) is type(w), (k, g, w)
        if isinstance(w, (complex, np.complexfloating)):
            for gp, wp in ((g.real, w.real), (g.imag, w.imag)):
                assert gp == wp or (np.isnan(gp) and np.isnan(wp)), (k, g, w)
        else:
            assert g == w, (k, g, w)
