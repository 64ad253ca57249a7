"""frontend/arrays.py (settle_return): an array argument rebound to computed
arrays in a loop (`u = u + du`) and returned: the argument on one path (no
iteration), a new array on another; both are returned as a new array, and
the caller's argument keeps its values (or its in-place updates)."""
import copy

import numpy as np
import pytest

import py2wasm


def relax(u, steps: int):
    for _ in range(steps):
        u = u + 0.5 * (np.roll(u, 1) - u)
    return u


def pick(u, v, k: int):
    if k == 0:
        return u, v
    if k == 1:
        return v, u
    u[0] = 9.0
    return u, u * 2


@pytest.mark.parametrize("fn,args", [
    (relax, (np.arange(4.0), 0)), (relax, (np.arange(4.0), 3)),
    (pick, (np.ones(2), np.zeros(2), 0)), (pick, (np.ones(2), np.zeros(2), 1)),
    (pick, (np.ones(2), np.zeros(2), 2)),
])
def test_like_numpy(fn, args):
    a1, a2 = copy.deepcopy(args), copy.deepcopy(args)
    got, want = py2wasm.compile(fn)(*a1), fn(*a2)
    for g, w in zip(got if isinstance(got, tuple) else (got,),
                    want if isinstance(want, tuple) else (want,)):
        assert np.array_equal(g, w) and g.dtype == w.dtype
        assert not any(g is a for a in a1)  # always a new array
    for x, y in zip(a1, a2):
        assert np.array_equal(x, y)
