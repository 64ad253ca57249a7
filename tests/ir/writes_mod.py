"""Functions for tests/ir/test_writes.py: which array parameters each writes."""
import numpy as np

import py2wasm


def reads(a: py2wasm.f64[:], b: py2wasm.f64[:]) -> float:
    return np.sum(a) + b[0]


def writes_second(a: py2wasm.f64[:], out: py2wasm.f64[:]) -> None:
    for i in range(len(a)):
        out[i] = a[i] * 2.0


def writes_through_view(a: py2wasm.f64[:], b: py2wasm.f64[:]) -> float:
    v = a[1:]
    v[0] = 5.0
    return b[0]


def _fill(x: py2wasm.f64[:], k: float) -> None:
    x[:] = k


def writes_in_callee(a: py2wasm.f64[:], b: py2wasm.f64[:]) -> float:
    _fill(b, 1.0)
    return a[0]


def returns_new(a: py2wasm.f64[:]) -> py2wasm.f64[:]:
    out = a * 2.0
    out[0] = 1.0
    return out


def fill_2d(m: py2wasm.f64[:, :], v: py2wasm.f64[:]) -> None:
    m[0, :] = v


def picks(a: py2wasm.f64[:], b: py2wasm.f64[:], first: bool) -> None:
    x = a if first else b
    x[0] = 0.0


def _rec(a: py2wasm.f64[:], n: int) -> float:
    if n == 0:
        return a[0]
    return _rec(a, n - 1)


def recursive_read(a: py2wasm.f64[:], n: int) -> float:
    return _rec(a, n)


def writes_through_list(a: py2wasm.f64[:, :], b: py2wasm.f64[:]) -> float:
    rows = [a[i] for i in range(a.shape[0])]  # a's address goes into memory: it escapes
    rows[0][0] = b[0]
    return b[0]
