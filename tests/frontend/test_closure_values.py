"""frontend/state.py (_is_made_closure): a lambda made in compiled code that
captures run-time values is a trace value whose leaves are the captured
values, so it can be passed to a helper that calls it (a root finder, an
integrator, an `apply` loop); before, the helper's IR used the caller's
values (an IRVerificationError: "call uses undefined Var")."""
import math

import numpy as np
import pytest

import py2wasm


def bisect(f, lo: float, hi: float) -> float:
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if f(lo) * f(mid) <= 0:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


def kepler(M: float, e: float) -> float:
    return bisect(lambda E: E - e * math.sin(E) - M, 0.0, 2 * math.pi)


def apply_all(f, a):
    out = np.empty_like(a)
    for i in range(len(a)):
        out[i] = f(a[i])
    return out


def two_lambdas(a, s: float):
    return apply_all(lambda x: x * s + 1, a), apply_all(lambda x: x - s, a)


def call_once(f, x: float) -> float:
    return f(x)


def nested(a: float, b: float) -> float:
    return call_once(lambda x: call_once(lambda y: y * a, x) + b, 2.0)


@pytest.mark.parametrize("fn,args", [
    (kepler, (1.0, 0.3)), (kepler, (4.0, 0.9)), (two_lambdas, (np.arange(4.0), 2.5)),
    (nested, (3.0, -1.5)),
])
def test_like_cpython(fn, args):
    got, want = py2wasm.compile(fn)(*args), fn(*args)
    if isinstance(want, tuple):
        assert all(np.array_equal(g, w) for g, w in zip(got, want))
    else:
        assert got == want and type(got) is type(want)
