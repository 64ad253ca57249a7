"""frontend/folding.public_message: a TypeError raised by a Python function
run on tracer values names the Python types they stand for, never the
tracer's own classes."""
import math

import numpy as np
import pytest

import py2wasm


def isqrt_rows(p):
    return math.isqrt(p[0])


INTERNAL = ("'Arr'", "'PyList'", "'Var'", "'Cx'", "'PyStr'", "'NpScalar'")


@pytest.mark.parametrize("fn,args,public", [
    (isqrt_rows, (np.ones((2, 2)),), "'numpy.ndarray'"),
])
def test_type_error_names_public_types(fn, args, public):
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(fn)(*args)
    text = str(e.value)
    assert public in text
    assert not any(name in text for name in INTERNAL), text
    assert "use NumPy's own function" in text  # the hint names NumPy's way


def test_message_rewrite_leaves_other_names():
    from py2wasm.frontend.folding import public_message
    assert public_message("'int' object is not iterable", (3,)) == "'int' object is not iterable"
