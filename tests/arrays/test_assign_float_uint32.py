"""frontend/array_assign.py, scalar_to_dtype: a Python float stored into a
uint32 array goes through an unsigned C long long, so [2**63, 2**64) is
NumPy's out-of-bounds OverflowError naming the integer (was the C long
message; found through np.arange(1e19, ..., dtype=np.uint32)); compiled vs
NumPy, every target, also through np.arange's first elements."""
import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same

TARGETS = ["mvp", "simd", "relaxed-simd"]
VALUES = [1e19, 1e20, -1e19, 2.0**63, 2.0**64, -2.0**63, 5e9, 3.7, -1.0, float("nan"),
          float("inf"), 1.8446744073709550e19, 4294967295.5]


def store_u32(x: float):
    a = np.zeros(2, dtype=np.uint32)
    a[0] = x
    return a


def arange_u32(x: float):
    return np.arange(x, x + 5000.0, 2000.0, dtype=np.uint32)


@pytest.mark.parametrize("target", TARGETS)
def test_float_into_uint32(target):
    for fn in (store_u32, arange_u32):
        cf = py2wasm.compile(fn, target=target)
        for x in VALUES:
            want, got = outcome(fn, (x,)), outcome(cf, (x,))
            if want[0] != "ok":
                assert got[:2] == want[:2], (fn.__name__, x, got, want)
            else:
                assert got[0] == "ok" and same(got[1], want[1], 0, 0) is None, (fn.__name__, x, got, want)
