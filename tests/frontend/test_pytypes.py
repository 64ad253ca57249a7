"""isinstance() and type() of trace values (frontend/pytypes.py) and
np.dtype / np.issubdtype / np.result_type of known dtypes (frontend/nplib.py),
compiled vs CPython/NumPy: arrays, NumPy scalars (also array elements),
run-time ints, floats and bools, strings, lists, tuples, None, instances;
the answer is known when compiling, so only the branch it picks is traced
(the other may hold code that would not compile for this type)."""
from dataclasses import dataclass

import numpy as np
import pytest

import py2wasm


@dataclass
class Pt:
    x: float


def kinds(a, k: int, x: float, b: bool):
    return (isinstance(a, np.ndarray), isinstance(k, int), isinstance(x, float),
            isinstance(a[0], np.floating), isinstance(k, (int, float)), isinstance(a[0], float),
            isinstance(b, int), isinstance(b, bool), isinstance(k, bool), isinstance(x, (list, tuple)),
            isinstance(a[0], np.float32), isinstance(a.sum(), np.generic), isinstance(None, int),
            isinstance("s", str), isinstance([k], list), isinstance((k, x), tuple),
            isinstance(Pt(x), Pt), isinstance(np.int8(k % 100), np.integer))


def types(a, k: int, x: float, b: bool):
    return (type(k) is int, type(a[0]) is np.float32, type(x) == float, type(a) is np.ndarray,
            type(b) is bool, type(a[0]) is type(a[1]), type(k)(x))


def polymorphic(v):
    if isinstance(v, np.ndarray):  # the other branch is never traced for an array
        return v.sum()
    return v + 1


def dtypes(a, k: int, x: float, b: bool):
    return (np.dtype(np.float32).itemsize, np.dtype("int16").name, a.astype(np.dtype(np.float64)),
            np.dtype(a.dtype) == a.dtype, a.dtype.kind, np.issubdtype(a.dtype, np.floating),
            np.issubdtype(np.int8, np.integer), np.result_type(np.int8, np.float32).name,
            np.result_type(a.dtype, 1.0) == np.float32)


ARGS = [(np.array([1.5, -2.0], dtype=np.float32), 7, 2.5, True),
        (np.array([0.0, 3.0], dtype=np.float32), -1, -0.0, False)]


@pytest.mark.parametrize("fn", [kinds, types, dtypes], ids=lambda f: f.__name__)
def test_isinstance_type_and_dtypes_like_cpython(fn):
    c = py2wasm.compile(fn)
    for args in ARGS:
        want, got = fn(*args), c(*args)
        assert repr(got) == repr(want), (fn.__name__, got, want)


def test_isinstance_picks_the_branch_when_compiling():
    c = py2wasm.compile(polymorphic)
    assert repr(c(np.arange(4.0))) == repr(polymorphic(np.arange(4.0)))
    assert c(2.5) == 3.5 and c(4) == 5


def test_isinstance_of_a_non_type_is_a_located_error():
    def f(k: int):
        return isinstance(k, 3)
    with pytest.raises(py2wasm.CompileError, match="isinstance") as e:
        py2wasm.compile(f)(1)
    assert e.value.line is not None
