"""Annotations of lists of NumPy arrays and of NumPy scalars (what
`py2wasm build` reads): `list[npt.NDArray[np.float64]]` also with NumPy >=
2.3, where `npt.NDArray` is a type alias (its subscript's origin is the
alias, whose `__value__` is the ndarray type): 3.12/3.13 with NumPy 2.5
refused it as "a list needs its element type".

Place in the pipeline: tests of the frontend (frontend/signature.py).
"""
from __future__ import annotations

import types
import typing

import numpy as np
import numpy.typing as npt
import pytest

import py2wasm
from py2wasm.frontend.signature import annotation_type
from py2wasm.ir.types import ArrayType, ListType, NumpyScalarType


def _fn(xs):
    return xs


class _Alias:
    """What NumPy >= 2.3 makes of npt.NDArray: a type alias of an ndarray type."""
    __value__ = np.ndarray[typing.Any, np.dtype[typing.Any]]


@pytest.mark.parametrize("ann, want", [
    (list[npt.NDArray[np.float64]], ListType(ArrayType("float64", 1))),
    (list[types.GenericAlias(_Alias, (np.int32,))], ListType(ArrayType("int32", 1))),
    (list[list[npt.NDArray[np.uint8]]], ListType(ListType(ArrayType("uint8", 1)))),
    (list[py2wasm.f32[:, :]], ListType(ArrayType("float32", 2))),
    (list[np.int16], ListType(NumpyScalarType("int16"))),
    (list[list[np.float32]], ListType(ListType(NumpyScalarType("float32")))),
])
def test_list_annotations_of_arrays_and_numpy_scalars(ann, want):
    assert annotation_type(ann, _fn, "parameter 'xs'") == want


def test_an_alias_of_an_ndarray_type_is_an_array_annotation():
    assert annotation_type(types.GenericAlias(_Alias, (np.float32,)), _fn, "parameter 'a'") == \
        ArrayType("float32", 1)
