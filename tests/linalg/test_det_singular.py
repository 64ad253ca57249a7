"""linalg/lu.py (det): a matrix with a zero pivot has determinant +0.0, as
NumPy's (sign 0 times exp(-inf)), whatever the signs of the other pivots and
the number of row swaps (py2wasm gave -0.0 for [[1, 2], [2, 4]])."""
import numpy as np
import pytest

import py2wasm


def det(m):
    return np.linalg.det(m)


@pytest.mark.parametrize("m", [np.array([[1.0, 2.0], [2.0, 4.0]]), np.array([[-1.0, 2.0], [0.0, 0.0]]),
                               np.zeros((3, 3)), np.array([[1.0, 2.0], [2.0, 4.0]], np.float32),
                               np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[2.0, 1.0], [1.0, 3.0]])])
def test_sign_of_zero_like_numpy(m):
    got, want = py2wasm.compile(det)(m), det(m)
    assert type(got) is type(want) and np.signbit(got) == np.signbit(want)
    assert np.isclose(got, want, rtol=1e-14, atol=0)
