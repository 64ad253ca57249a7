"""frontend/ufuncs.py: np.radians, np.degrees, np.deg2rad, np.rad2deg (NumPy's
x * (pi / 180) in the loop's dtype: float64, float32 with the float32
constant; integer inputs as NumPy's float loops) on arrays, Python numbers
and NumPy scalars, bit for bit on every target."""
import numpy as np
import pytest

import py2wasm

R = np.random.default_rng(5)


def angles(a, x: float, i: int):
    return (np.radians(a), np.degrees(a), np.deg2rad(a), np.rad2deg(a), np.radians(x),
            np.degrees(i), np.radians(a[0]))


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("a", [R.normal(size=257) * 400, (R.normal(size=33) * 400).astype(np.float32),
                               np.arange(-5, 6, dtype=np.int16), np.arange(7),
                               np.array([np.inf, -np.inf, np.nan, -0.0, 1e308])])
def test_like_numpy(a, target):
    got = py2wasm.compile(angles, target=target)(a, 12.5, 7)
    want = angles(a, 12.5, 7)
    for g, w in zip(got, want):
        assert type(g) is type(w) and np.asarray(g).dtype == np.asarray(w).dtype
        assert np.array_equal(g, w, equal_nan=True)
        assert np.array_equal(np.signbit(g), np.signbit(w))
