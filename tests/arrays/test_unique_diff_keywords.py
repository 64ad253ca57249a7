"""np.unique(return_index=, return_inverse=, return_counts=)
(frontend/npfuncs_sort.py, NumPy's _unique1d over a stable argsort: first
occurrences, NaNs one value, the inverse in the input's shape) and
np.diff(prepend=, append=) (frontend/npfuncs_shape.py: numbers as arrays of
their own dtype, NumPy's concatenation) compiled vs NumPy on every target."""
import numpy as np
import pytest

from tests.arrays.like_numpy import check_like_numpy

UNIQUE_ARGS = [(np.array([3.0, -1.0, 2.0, 2.0, -5.0, 0.5, np.nan, 2.0, np.nan]),),
               (np.array([[2, 1], [2, 7]], dtype=np.int16),), (np.zeros(0),),
               (np.array([True, False, True]),), (np.arange(5.0)[::-1],)]
DIFF_ARGS = [(np.array([3.0, -1.0, 2.0, 2.0]), 2), (np.arange(6, dtype=np.int8).reshape(2, 3), 1),
             (np.array([True, False, False]), 0)]


def unique_inverse(x):
    return np.unique(x, return_inverse=True), np.unique(x, return_index=True)


def unique_all(x):
    return np.unique(x, return_index=True, return_inverse=True, return_counts=True)


def unique_rebuild(x):
    u, inv = np.unique(x, return_inverse=True)
    return u[inv]


def diff_numbers(x, k):
    return (np.diff(x, prepend=0), np.diff(x, append=2.5), np.diff(x, n=2, prepend=1, append=1),
            np.diff(x, n=0, prepend=7))


def diff_arrays(x, k):
    if x.ndim == 2:
        return np.diff(x, prepend=x[..., :1]), np.diff(x, axis=0, append=np.int8(9))
    return np.diff(x, prepend=x[..., :1]), np.diff(x, append=[1, 2])


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", [unique_inverse, unique_all, unique_rebuild], ids=lambda f: f.__name__)
def test_unique_indices_like_numpy(fn, target):
    check_like_numpy(fn, UNIQUE_ARGS, target)


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", [diff_numbers, diff_arrays], ids=lambda f: f.__name__)
def test_diff_prepend_append_like_numpy(fn, target):
    check_like_numpy(fn, DIFF_ARGS, target)
