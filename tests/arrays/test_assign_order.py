"""`dst[...] = src` where a 1-D destination and a view source share memory
(frontend/assign_order.py): NumPy copies in place without a temporary unless
the two run opposite ways, backwards when the source starts below the
destination and reaches it, so `a[::2] = a[:5]` reads what it already wrote
(`[0 1 1 3 1 5 3 7 1 9]`). Compiled vs NumPy on every target, run-time
offsets and steps included. Found by the program fuzzer (seed 430000 #1845:
a wrong answer, py2wasm copied the source first)."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm

TARGETS = ("mvp", "simd", "relaxed-simd")


def every_other_from_front(a):
    a[::2] = a[:5]
    return a


def shift_right(a):
    a[2:] = a[:8]
    return a


def shift_left(a):
    a[:8] = a[2:]
    return a


def reverse_into_self(a):
    a[::-1] = a
    return a


def odd_from_front(a):
    a[1::2] = a[:5]
    return a


def backwards_step(a):
    a[::-2] = a[:5]
    return a


def broadcast_one(a):
    a[3:] = a[2:3]
    return a


def stepped_reverse(a):
    a[9::-3] = a[:4]
    return a


def run_time(a, k: int, s: int):
    a[k::s] = a[:len(a[k::s])]
    return a


def column_from_row(m):
    m[:, 0] = m[0, :3]
    return m


CASES = [every_other_from_front, shift_right, shift_left, reverse_into_self, odd_from_front,
         backwards_step, broadcast_one, stepped_reverse]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("fn", CASES)
@pytest.mark.parametrize("dt", [np.int64, np.float32, np.uint8])
def test_overlapping_copy_in_numpy_order(fn, dt, target):
    cf = py2wasm.compile(fn, target=target)
    want, got = fn(np.arange(10, dtype=dt)), cf(np.arange(10, dtype=dt))
    assert got.dtype == want.dtype and got.tolist() == want.tolist()


@pytest.mark.parametrize("target", TARGETS)
def test_run_time_offsets_and_steps(target):
    cf = py2wasm.compile(run_time, target=target)
    for k in range(-9, 10):
        for s in (-3, -2, -1, 1, 2, 3):
            want, got = run_time(np.arange(10), k, s), cf(np.arange(10), k, s)
            assert got.tolist() == want.tolist(), (k, s)


def test_two_dimensional_source_rows():
    cf = py2wasm.compile(column_from_row)
    m = np.arange(9.0).reshape(3, 3)
    assert cf(m.copy()).tolist() == column_from_row(m.copy()).tolist()
