"""The differential check the array tests share: `fn` compiled for a target
and NumPy's `fn`, each called on its own copy of every argument set, give
the same exception (type and message) or the same results bit for bit
(`tests/corpus/test_science.same`: dtypes, shapes, NaNs, signed zeros),
and leave the arguments the same (writes through views)."""
from __future__ import annotations

import copy

import numpy as np

import py2wasm
from tests.corpus.test_science import outcome, same


def check_like_numpy(fn, arg_sets, target="simd", must_succeed=False):
    c = py2wasm.compile(fn, target=target)
    for args in arg_sets:
        with np.errstate(all="ignore"):
            want = outcome(fn, copy.deepcopy(args))
        got = outcome(c, copy.deepcopy(args))
        if must_succeed:
            assert want[0] == got[0] == "ok", (fn.__name__, args, got[:2], want[:2])
        if want[0] != "ok" or got[0] != "ok":
            assert got[:2] == want[:2], (fn.__name__, args, got[:2], want[:2])
            continue
        d = same(got[1], want[1], 0, 0)
        assert d is None, (fn.__name__, args, d)
        d = same(got[2], want[2], 0, 0, "arguments after the call")
        assert d is None, (fn.__name__, args, d)
