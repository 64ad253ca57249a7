"""Slice assignment whose shape mismatch is known while tracing only after
folding (frontend/arrays.py, assign): NumPy's ValueError, not an internal
AttributeError (found by the program fuzzer: a keepdims reduction's known
length-1 axis against an 8-element value)."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm


def assign_into_reduction(p0):
    a1 = p0.min(axis=1, keepdims=True)
    a1[::2, :] = np.zeros(8, dtype=np.int32)
    return a1


@pytest.mark.parametrize("shape", [(1, 1), (3, 2), (8, 1)])
def test_known_mismatch_raises_numpys_value_error(shape):
    a = np.arange(np.prod(shape), dtype=np.float32).reshape(shape)
    try:
        want = ("value", assign_into_reduction(a.copy()))
    except ValueError as e:
        want = ("raise", str(e))
    cf = py2wasm.compile(assign_into_reduction)
    try:
        got = ("value", cf(a.copy()))
    except ValueError as e:
        got = ("raise", str(e).splitlines()[0])
    if want[0] == "value":
        assert got[0] == "value" and np.array_equal(got[1], want[1]) \
            and got[1].dtype == want[1].dtype
    else:
        assert got == want


# NumPy's setitem drops a value's leading axes of length 1 beyond the
# destination's rank (and names the shape left in its message); a ufunc's
# out= does not. Shapes are run-time (arguments) or known (made inside).
LEAD_SOURCES = {
    "slice": "def f(a, v):\n    a[::-1] = v\n    return a\n",
    "all": "def f(a, v):\n    a[:] = v * 2\n    return a\n",
    "ellipsis": "def f(a, v):\n    a[...] = v\n    return a\n",
    "row": "def f(m, v):\n    m[1] = v\n    return m\n",
    "rows": "def f(m, v):\n    m[::-1, 1:] = v\n    return m\n",
    "fancy": "def f(a, v):\n    a[np.array([1, 0])] = v\n    return a\n",
    "mask": "def f(a, v):\n    a[a > 0] = v\n    return a\n",
    "full": "def f(a, v):\n    return np.full(a.shape, v)\n",
    "inplace_out": "def f(a, v):\n    a += v\n    return a\n",
    "ufunc_out": "def f(a, v):\n    np.add(v, 1.0, out=a)\n    return a\n",
    "known": "def f(a, v):\n    w = np.ones((1, 1, 2))\n    a[:2] = w\n    return a\n",
    "element": "def f(a, v):\n    a[0] = v\n    return a\n",
}
LEAD_VALUES = [(1, 2), (1, 1, 2), (1, 1), (2, 2), (1, 2, 2), (2, 1, 2), (1, 3), (1, 1, 3), (3, 1, 1),
               (0, 2), (1, 0), (1,), (2,)]


def _outcome(fn, a, v):
    try:
        r = fn(a, v)
        return ("value", r.dtype.str, r.shape, r.tolist(), a.tolist())
    except (ValueError, TypeError) as e:
        return (type(e).__name__, str(e).splitlines()[0].split(" (at ")[0])


@pytest.mark.parametrize("name", sorted(LEAD_SOURCES))
def test_leading_unit_axes_of_the_value(name):
    ns = {"np": np}
    exec(compile(LEAD_SOURCES[name], "<lead>", "exec"), ns)
    cf = py2wasm.compile(ns["f"])
    for dshape in [(2,), (2, 2)] if name not in ("row", "rows") else [(2, 2), (2, 3)]:
        for vshape in LEAD_VALUES:
            a = np.arange(1.0, 1.0 + np.prod(dshape)).reshape(dshape)
            v = np.arange(5.0, 5.0 + np.prod(vshape)).reshape(vshape)
            want = _outcome(ns["f"], a.copy(), v)
            assert _outcome(cf, a.copy(), v) == want, (dshape, vshape)
