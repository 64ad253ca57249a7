"""frontend/npfuncs_lexsort.py: numpy.lexsort (a tuple or list of 1-D keys,
the last primary; one 1-D key) on every target against NumPy: ties, NaN
last, bool/float32/int keys, empty keys, the sort of points by x then y, and
NumPy's exceptions (keys of different lengths, no keys)."""
import numpy as np
import pytest

import py2wasm

R = np.random.default_rng(77)


def two(a, b):
    return np.lexsort((a, b))


def three(a, b, c):
    return np.lexsort([a, b, c])


def one(a):
    return np.lexsort((a,))


def by_x_then_y(pts):
    return pts[np.lexsort((pts[:, 1], pts[:, 0]))]


def no_keys(a):
    return np.lexsort(())


CASES = [
    (two, (np.array([2, 0, 1, 0]), np.array([1, 1, 0, 0]))),
    (two, (R.integers(0, 3, 40), R.integers(0, 3, 40))),
    (two, (np.array([1.0, np.nan, 0.0, np.nan, -0.0]), np.array([1, 1, 0, 1, 0]))),
    (two, (R.normal(size=9).astype(np.float32), R.integers(0, 2, 9).astype(bool))),
    (two, (np.zeros(0), np.zeros(0, dtype=np.int32))),
    (two, (np.ones(2), np.ones(3))),
    (three, (R.integers(0, 3, 60), R.integers(0, 3, 60), R.integers(0, 2, 60))),
    (one, (np.array([3, 1, 2, 1]),)),
    (by_x_then_y, (R.integers(0, 4, (15, 2)).astype(float),)),
    (by_x_then_y, (R.integers(0, 4, (15, 2)).astype(float)[::2],)),
    (no_keys, (np.ones(2),)),
]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn,args", CASES)
def test_lexsort_like_numpy(fn, args, target):
    try:
        want = fn(*args)
    except (ValueError, TypeError) as e:
        with pytest.raises(type(e)) as got:
            py2wasm.compile(fn, target=target)(*args)
        assert str(got.value) == str(e)
        return
    got = py2wasm.compile(fn, target=target)(*args)
    assert got.dtype == want.dtype and np.array_equal(got, want, equal_nan=True)


def test_two_d_keys_are_a_located_compile_error():
    def rows(m):
        return np.lexsort(m)
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(rows)(np.ones((2, 3)))
    assert e.value.line and e.value.hint
