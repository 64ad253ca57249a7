"""frontend/signature.py (result_annotation) and tracer.py (_numpy_result):
result annotations as scientists write them. A bare `-> np.ndarray`,
`-> list`, `-> dict` carries no element type: the value returned decides.
`-> float` (`complex`, tuples of them) on a function returning NumPy float64
(complex128) scalars returns those scalars, as CPython does (it ignores the
annotation; np.float64 is a float)."""
from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

import py2wasm


def scaled(x: np.ndarray) -> np.ndarray:
    return x * 2.0


def as_list(x: np.ndarray) -> list:
    return [1.5, 2.5]


def as_dict(n: int) -> dict:
    return {n: 2.0}


def first(x: npt.NDArray[np.float64]) -> float:
    return x[0] * 2.0


def accumulate(x) -> float:
    s = 0.0
    for v in x:
        s += v
    return s


def pair(x) -> tuple[float, int]:
    return x[0], 3


def cx(x) -> complex:
    return np.complex128(x[0]) * 2


def python_number(x) -> float:
    return 1  # an int: the annotation converts it, as before


@pytest.mark.parametrize("fn,args", [
    (scaled, (np.arange(3.0),)), (as_list, (np.ones(2),)), (as_dict, (4,)),
    (first, (np.array([1.5, 2.0]),)), (accumulate, (np.array([0.5, 0.25]),)),
    (pair, (np.array([1.5]),)), (cx, (np.array([2.0]),)),
])
def test_result_type_is_cpythons(fn, args):
    got, want = py2wasm.compile(fn)(*args), fn(*args)
    assert type(got) is type(want)
    if isinstance(want, tuple):
        assert [type(g) for g in got] == [type(w) for w in want]
    assert np.all(np.asarray(got == want)) if not isinstance(want, (list, dict)) else got == want


def test_accumulator_of_empty_array_is_the_numpy_scalar():
    # docs/arrays.md: a Python number on one path, the NumPy scalar on another
    got = py2wasm.compile(accumulate)(np.zeros(0))
    assert type(got) is np.float64 and got == 0.0


def test_annotation_still_converts_python_numbers():
    got = py2wasm.compile(python_number)(np.zeros(1))
    assert type(got) is float and got == 1.0
