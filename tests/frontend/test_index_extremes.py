"""Indices, slice bounds and slice steps at the ends of int64 (opcodes.py's
run-time tuple index, array_indexing.slice_view / slice_length and
indexing_fancy.slice_view_dynamic), compiled vs CPython/NumPy: no
OverflowError from the index arithmetic itself (`i + len` for a negative
index, `span + step - 1` for the length), CPython's clamp of a -2**63 step.
Found by the scalar fuzzer's run-time tuple indices (tests/fuzz/gen_scalar_extra.py)."""
from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm

EXTREMES = [2**63 - 1, -2**63, 2**62 + 1, -2**62 - 1, 2**62, -2**62, 3, -3, 1, -1, 0, 4, -5]

SOURCES = [
    # a tuple at a run-time index (was: OverflowError from i + 2 for i near 2**63)
    "def f(i):\n    return (0.0, 2.0)[i]\n",
    "def f(i):\n    return (1, 2, 3)[i]\n",
    # a run-time step (was: '' for s[::2**63 - 1], CPython 'a')
    "def f(i):\n    s = 'abcde' * (i != 0)\n    return s[::i] if i else s\n",
    "def f(i):\n    return [1, 2, 3, 4][::i] if i else []\n",
    "def f(i):\n    return [1, 2, 3, 4][2::i] if i else []\n",
    "def f(i):\n    return [1, 2, 3, 4][:-2:i] if i else []\n",
    "def f(i):\n    xs = [1, 2, 3, 4]\n    if i:\n        del xs[::i]\n    return xs\n",
    "def f(i):\n    a = np.arange(5.0)\n    return a[1::i].tolist() if i else []\n",
    # a known step near 2**63 (the length's span + step - 1 wrapped)
    "def f(i):\n    xs = [1, 2, 3, 4]\n    return xs[i::9223372036854775807], xs[i::-9223372036854775808]\n",
    "def f(i):\n    s = 'abcd'\n    return s[:i:9223372036854775807], s[:i:-9223372036854775807]\n",
    "def f(i):\n    a = np.arange(4.0)\n    return a[i::4611686018427387905].tolist(), a[i::-9223372036854775808].tolist()\n",
]

_compiled: dict = {}


def _outcome(fn, args):
    try:
        return ("value", fn(*args))
    except Exception as e:
        return ("raise", type(e), str(e))


def _check(src, i):
    if src not in _compiled:
        ns = {"np": np}
        exec(src, ns)
        _compiled[src] = (ns["f"], py2wasm.compile(ns["f"], target="mvp"))
    f, cf = _compiled[src]
    want, got = _outcome(f, (i,)), _outcome(cf, (i,))
    assert got == want, (src, i)


@pytest.mark.parametrize("src", SOURCES)
@pytest.mark.parametrize("i", EXTREMES)
def test_extreme_indices_and_steps(src, i):
    _check(src, i)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SOURCES), st.integers(-2**63, 2**63 - 1))
def test_any_int64_index_or_step(src, i):
    _check(src, i)
