"""The array corpus compiled to wasm and run under wasmtime (backend
lowering of the memory primitives + the runner's array marshaling), against
NumPy; plus the memory model: flat memory over 10,000 calls, growth for
large inputs, MemoryError past the wasm32 limit."""
import numpy as np
import pytest

from tests.arrays import corpus as C
from tests.arrays.test_corpus import CASES
from tests.arrays.wasm_harness import check_wasm, wasm_function


@pytest.mark.parametrize("fn,args,kw", CASES)
def test_corpus_wasm(fn, args, kw):
    check_wasm(fn, *args, **kw)


def test_memory_flat_over_10000_calls():
    x = np.random.rand(64)
    w = wasm_function(C.softmax, [x])
    w(x)
    size = w.memory.data_len(w.store)
    for _ in range(10_000):
        r = w(x)
    assert w.memory.data_len(w.store) == size
    assert np.allclose(r, C.softmax(x), rtol=1e-12)


def grow_temporaries(a, n: int):
    s = 0.0
    for _ in range(n):
        t = a * 2.0  # a new array every iteration (freed when the call returns)
        s += t[0]
    return s


def test_large_input_grows_memory():
    a = np.random.rand(3_000_000)  # 24 MB: memory.grow for the argument
    w = wasm_function(C.ew_pow_scalar, [a])
    assert np.array_equal(w(a), a ** 2)
    w2 = wasm_function(grow_temporaries, [np.zeros(3), 1])
    assert w2(np.ones(1_000_000), 40) == 80.0  # 320 MB of temporaries in one call


def huge(n: int):
    return np.zeros(n).sum()


def test_memory_error_past_wasm32():
    w = wasm_function(huge, [1])
    assert w(10) == 0.0
    with pytest.raises(MemoryError):
        w(2**30)  # 8 GiB
