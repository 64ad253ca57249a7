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


def test_lists_of_class_instances_are_refused_by_build(tmp_path):
    """A list of dataclass instances crosses py2wasm.compile only
    (frontend/lists_objects_abi.py): as a parameter a located P2W010 at the
    def line, as a result the package's one-line signature error."""
    import subprocess
    import sys
    src = tmp_path / "lp.py"
    src.write_text("from dataclasses import dataclass\n\n\n@dataclass\nclass P:\n    x: float\n\n\n"
                   "def step(ps: list[P]) -> float:\n    return ps[0].x\n\n\n"
                   "def spawn(n: int) -> list[P]:\n    return [P(float(i)) for i in range(n)]\n")
    for fn, words in [("step", "lp.py:9: error[P2W010]: a list of P instances as parameter 'ps'"),
                      ("spawn", "spawn(): result: a list of class instances crosses "
                                "py2wasm.compile, not py2wasm build yet")]:
        p = subprocess.run([sys.executable, "-m", "py2wasm.cli", "build", str(src), "-o",
                            str(tmp_path / fn), "-f", fn, "-q"], capture_output=True, text=True)
        assert p.returncode == 1 and words in p.stderr, p.stderr
