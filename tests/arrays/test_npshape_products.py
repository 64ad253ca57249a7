"""frontend/npshape_build.py and npshape_products.py: np.tri, np.tensordot
and np.linalg.multi_dot (2 and 3 arrays, NumPy's cost order chosen at run
time) compiled vs NumPy. Products are compared bit for bit on data whose sums
are exact (small integers, also as floats), where the summation order cannot
matter; NumPy's exceptions by type and message; what is refused is a located
CompileError."""
import numpy as np
import pytest

import py2wasm
from tests.arrays.test_npshape import check

R = np.random.default_rng(11)


def ints(shape, dtype="float64"):
    return R.integers(-6, 7, size=shape).astype(dtype)


def tris(n: int, m: int, k: int):
    return (np.tri(n), np.tri(n, m, k, dtype=np.int32), np.tri(n, m, -1, bool),
            np.tri(3, 2, 1, int), np.tri(n, k=k, dtype=np.uint8), np.tri(2, 3, 0, np.float32))


@pytest.mark.parametrize("n,m,k", [(3, 4, 0), (0, 2, 1), (-1, 3, -2), (4, 2, 5), (5, 5, -9),
                                   (1, 1, 0)])
def test_tri(n, m, k):
    check(tris, (n, m, k))


def tensordots(a, b):
    return np.tensordot(a, b, 1), np.tensordot(a, b, ((1,), (0,))), np.tensordot(a, a, 2)


def tensordot_pairs(a, b):
    return np.tensordot(a, b, axes=([1, 0], [0, 1])), np.tensordot(a, b, axes=(1, 0)), \
        np.tensordot(a, b, 0).shape


def tensordot_dup(a, b):
    return np.tensordot(a, b, ((0, 0), (1, 1)))


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "int32", "uint8"])
def test_tensordot(dtype):
    for a in [ints((2, 3), dtype), np.asfortranarray(ints((3, 3), dtype)),
              ints((6, 8), dtype)[::2, 1::3]]:
        check(tensordots, (a, ints((a.shape[1], 2), dtype)))
    check(tensordots, (ints((2, 3), dtype), ints((2, 3), dtype)))  # shape-mismatch for sum
    check(tensordots, (ints((0, 3), dtype), ints((3, 0), dtype)))
    check(tensordot_pairs, (ints((2, 3, 4), dtype), ints((3, 2, 5), dtype)))
    check(tensordot_pairs, (ints((2, 3, 4), dtype).transpose(1, 0, 2).copy().transpose(1, 0, 2),
                            ints((3, 2, 5), dtype)))
    check(tensordot_dup, (ints((2, 2), dtype), ints((2, 2), dtype)))


def chain3(a, b, c):
    return np.linalg.multi_dot([a, b, c])


def chain2(a, b):
    return np.linalg.multi_dot((a, b))


def chain_vectors(x, b, y):
    return np.linalg.multi_dot([x, b, y]), np.linalg.multi_dot([x, b, b.T]), \
        np.linalg.multi_dot([b, b, y])


def chain1(a):
    return np.linalg.multi_dot([a])


def chain4(a):
    return np.linalg.multi_dot([a, a, a, a])


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "int32"])
def test_multi_dot(dtype):
    # both orders: (AB)C is cheaper for the first, A(BC) for the second
    check(chain3, (ints((2, 30), dtype), ints((30, 3), dtype), ints((3, 40), dtype)))
    check(chain3, (ints((20, 3), dtype), ints((3, 30), dtype), ints((30, 2), dtype)))
    check(chain3, (ints((2, 3), dtype), ints((4, 3), dtype), ints((3, 2), dtype)))  # not aligned
    check(chain3, (ints((2, 2), dtype), ints((2, 2, 2), dtype), ints((2, 2), dtype)))
    check(chain2, (ints((2, 3), dtype), ints((3, 4), dtype)))
    check(chain_vectors, (ints((3,), dtype), ints((3, 3), dtype), ints((3,), dtype)))
    check(chain1, (ints((2, 2), dtype),))


def test_multi_dot_of_four_is_refused():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(chain4)(np.ones((2, 2)))
    assert e.value.line and "order" in e.value.hint
