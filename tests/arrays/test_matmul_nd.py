"""`@`/np.matmul on arrays of more than 3 dimensions (frontend/matmul_nd.py)
against NumPy, IR interpreter and wasm: broadcast batch dimensions, 1-D
operands, empty and length-1 axes, every numeric dtype, NumPy's errors;
hypothesis over batch shapes."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from tests.arrays.harness import check, strided
from tests.arrays.wasm_harness import check_wasm

R = np.random.default_rng(11)


def mm(a, b): return a @ b
def mm_np(a, b): return np.matmul(a, b)


SHAPES = [((2, 3, 4, 5), (3, 2, 5, 6)),    # ValueError: batch dims do not broadcast
          ((2, 1, 4, 5), (3, 5, 6)), ((2, 3, 4, 5), (5,)), ((5,), (2, 3, 5, 4)),
          ((2, 3, 4, 5), (2, 3, 4, 5)),    # ValueError: core dimension
          ((1, 2, 3, 4, 5), (2, 1, 5, 2)), ((2, 3, 0, 5), (1, 1, 5, 2)),
          ((2, 1, 3, 4), (1, 5, 4, 2)), ((1, 1, 1, 1), (1, 1, 1, 1)), ((2, 2, 3, 0), (0, 4))]


@pytest.mark.parametrize("run", [check, check_wasm])
@pytest.mark.parametrize("s1,s2", SHAPES)
def test_matmul_4d(run, s1, s2):
    run(mm, R.normal(size=s1), R.normal(size=s2), rtol=1e-12)


@pytest.mark.parametrize("run", [check, check_wasm])
def test_matmul_4d_dtypes_and_views(run):
    run(mm_np, R.integers(0, 5, size=(2, 2, 3, 3)), R.integers(0, 5, size=(2, 3, 3)).astype(np.int32))
    run(mm, R.normal(size=(2, 2, 3, 3)).astype(np.float32), R.normal(size=(3, 2)).astype(np.float32),
        rtol=1e-5)
    run(mm, R.integers(0, 9, size=(2, 1, 2, 2)).astype(np.uint8), R.integers(0, 9, size=(3, 2, 2)).astype(np.uint8))
    run(mm, strided(R.normal(size=(2, 2, 3, 4))), R.normal(size=(4, 2)), rtol=1e-12)


SET = settings(max_examples=30, deadline=None)


@SET
@given(st.lists(st.integers(1, 3), min_size=2, max_size=3), st.integers(0, 3), st.integers(1, 3),
       st.integers(0, 3), st.data())
def test_hypothesis_batch_broadcast(batch, n, k, m, data):
    ba = [data.draw(st.sampled_from([b, 1])) for b in batch]
    bb = [data.draw(st.sampled_from([b, 1])) for b in batch][data.draw(st.integers(0, 1)):]
    a = R.normal(size=tuple(ba) + (n, k))
    b = R.normal(size=tuple(bb) + (k, m))
    check(mm, a, b, rtol=1e-12)
    check_wasm(mm, a, b, rtol=1e-12)


def test_float32_vector_with_batches_keeps_the_kernels_contract():
    """A 1-D float32 operand against a 4-D one runs the i-p-j loops
    (matmul_nd.product_loops); each product and each sum is rounded to
    float32 in order, as the 2-D kernels do: every batch's row is the 2-D
    product of the same operands, bit for bit."""
    import py2wasm
    x = R.normal(size=37).astype(np.float32)
    b = R.normal(size=(2, 3, 37, 5)).astype(np.float32)
    whole = py2wasm.compile(mm)(x, b)
    one = py2wasm.compile(mm)
    for i in range(2):
        for j in range(3):
            assert whole[i, j].tobytes() == one(x, np.ascontiguousarray(b[i, j])).tobytes()
    want = np.zeros(5, np.float32)  # the contract's order, by hand
    for p in range(37):
        want = (want + (x[p] * b[1, 2, p]).astype(np.float32)).astype(np.float32)
    assert whole[1, 2].tobytes() == want.tobytes()
