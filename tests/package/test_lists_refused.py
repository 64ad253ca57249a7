"""What the npm package does not take among list types: lists of complex
arrays and of NumPy complex scalars (py2wasm.compile only) are refused by
the package's signature check with a message naming the parameter, never a
crash of the generator; lists of class instances with other than number
attributes or inside another list or a tuple are a located P2W010. (Lists of real arrays and of NumPy scalars, nested
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


def test_lists_of_class_instances_build_refuses_what_cannot_cross(tmp_path):
    """Lists of instances cross py2wasm build (test_instlists_node.py) when
    their attributes are int, float or bool and each list is an argument of
    its own; the rest is a located P2W010 at the def line."""
    import subprocess
    import sys
    src = tmp_path / "lp.py"
    src.write_text("from dataclasses import dataclass\n\n\n@dataclass\nclass P:\n    x: float\n\n\n"
                   "@dataclass\nclass S:\n    x: float\n    s: str\n\n\n"
                   "def named(ps: list[S]) -> float:\n    return ps[0].x\n\n\n"
                   "def nested(pss: list[list[P]]) -> float:\n    return pss[0][0].x\n\n\n"
                   "def inside(t: tuple[list[P], int]) -> float:\n    return t[0][0].x\n\n\n"
                   "def maybe(ps: list[P] | None) -> float:\n    return 0.0 if ps is None else ps[0].x\n")
    for fn, words in [("named", "lp.py:15: error[P2W010]: a list of S instances as parameter "
                                "'ps' of named() needs int, float or bool attributes"),
                      ("nested", "lp.py:19: error[P2W010]: a list of class instances inside a "
                                 "tuple, a list or an Optional cannot enter compiled code yet (parameter 'pss'"),
                      ("inside", "lp.py:23: error[P2W010]: a list of class instances inside a "
                                 "tuple, a list or an Optional cannot enter compiled code yet (parameter 't'"),
                      ("maybe", "lp.py:27: error[P2W010]: a list of class instances inside a "
                                "tuple, a list or an Optional cannot enter compiled code yet "
                                "(parameter 'ps'")]:
        p = subprocess.run([sys.executable, "-m", "py2wasm.cli", "build", str(src), "-o",
                            str(tmp_path / fn), "-f", fn, "-q"], capture_output=True, text=True)
        assert p.returncode == 1 and words in p.stderr, p.stderr
