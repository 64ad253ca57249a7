"""frontend/intmethods.py: `n.bit_length()` and `n.bit_count()` of run-time
ints and bools (and known ones), every int64 magnitude, -2**63 included,
against CPython on mvp and simd."""
import random

import pytest

import py2wasm


def bits(n: int, b: bool):
    return n.bit_length(), n.bit_count(), b.bit_length(), b.bit_count(), (5).bit_length()


def fft_bits(n: int) -> int:
    k = n.bit_length() - 1
    if n == 0 or (1 << k) != n:
        raise ValueError(f"length must be a power of two, got {n}")
    return k


VALUES = ([0, 1, -1, 2, 3, 4, 7, 8, 255, 256, -256, 2**31, 2**32 - 1, 2**62, 2**63 - 1, -2**63,
           -2**63 + 1] + [1 << k for k in range(63)] + [-(1 << k) for k in range(64)]
          + [random.Random(7).randrange(-2**63, 2**63) for _ in range(50)])


@pytest.mark.parametrize("target", ["mvp", "simd"])
def test_like_cpython(target):
    c = py2wasm.compile(bits, target=target)
    for v in VALUES:
        for b in (True, False):
            assert c(v, b) == bits(v, b), v


@pytest.mark.parametrize("n", [1, 2, 16, 6, 0, 1024, 1000])
def test_power_of_two_check(n):
    try:
        want = fft_bits(n)
    except ValueError as e:
        with pytest.raises(ValueError) as got:
            py2wasm.compile(fft_bits)(n)
        assert str(got.value) == str(e)
        return
    assert py2wasm.compile(fft_bits)(n) == want
