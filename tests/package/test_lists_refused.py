"""What the npm package does not take among list types: lists of complex
arrays and of NumPy complex scalars (py2wasm.compile only) are refused by
the package's signature check with a message naming the parameter, never a
crash of the generator. (Lists of real arrays and of NumPy scalars, nested
too, cross: test_typedlists_node.py.)

Place in the pipeline: tests of the last stage (`package`)."""
from __future__ import annotations

import pytest

from py2wasm.ir.types import ArrayType, ListType, NumpyScalarType, from_json, to_json
from py2wasm.package.signature import UnsupportedSignature, check_type


@pytest.mark.parametrize("t, words", [
    (ListType(NumpyScalarType("complex128")), "lists of numpy.complex128"),
    (ListType(ListType(NumpyScalarType("complex64"))), "lists of numpy.complex64"),
])
def test_lists_of_complex_numpy_scalars_are_refused_with_the_parameter(t, words):
    j = to_json(t)
    assert from_json(j) == t  # the manifest keeps the type
    with pytest.raises(UnsupportedSignature) as e:
        check_type(j, "f(): parameter 'xs'")
    assert words in str(e.value) and "parameter 'xs'" in str(e.value) and \
        "py2wasm.compile" in str(e.value)


@pytest.mark.parametrize("t", [ListType(ArrayType("float64", 1)), ListType(ArrayType("uint64", 3)),
                               ListType(NumpyScalarType("float32")), ListType(NumpyScalarType("bool")),
                               ListType(ListType(ArrayType("int32", 2))),
                               ListType(ListType(ListType(NumpyScalarType("int8"))))])
def test_lists_of_arrays_and_numpy_scalars_cross(t):
    check_type(to_json(t), "f(): parameter 'xs'")


def test_lists_of_complex_arrays_are_refused():
    for t in (ListType(ArrayType("complex128", 1)), ListType(ListType(ArrayType("complex64", 2)))):
        with pytest.raises(UnsupportedSignature, match="complex"):
            check_type(to_json(t), "f(): parameter 'xs'")
