"""frontend/npfuncs_shape.py: integer arguments (`shift`, `repeats`, `reps`,
`k`) may be NumPy integer scalars, as NumPy takes any integer
(`np.roll(a, a.argmax())` was refused); compiled vs NumPy, every target."""
import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same

TARGETS = ["mvp", "simd", "relaxed-simd"]


def np_int_counts(a, m):
    return (np.roll(a, a.argmax()), np.repeat(a, a.argmin()), np.tile(a, np.int8(2)),
            np.triu(m, m.argmax() - 2), np.roll(a, np.int16(-1)))


@pytest.mark.parametrize("target", TARGETS)
def test_numpy_integer_scalars_as_counts(target):
    cf = py2wasm.compile(np_int_counts, target=target)
    for a in (np.array([1.5, -0.0, 2.0, 0.5]), np.array([0.0, 3.0]), np.array([7.0])):
        for m in (np.arange(12.0).reshape(3, 4), np.eye(3)):
            want, got = outcome(np_int_counts, (a, m)), outcome(cf, (a, m))
            assert got[0] == want[0] == "ok" and same(got[1], want[1], 0, 0) is None, (a, m, got, want)
