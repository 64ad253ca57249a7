"""frontend/strings.py: a tuple holding numbers known only at run time (an
array's shape) formatted in an f-string, by str() or repr(): CPython's
text, each item's repr ("(3,)", "(2, 4)")."""
import numpy as np
import pytest

import py2wasm


def check_shapes(x, y):
    if x.shape != y.shape:
        raise ValueError(f"shapes differ: {x.shape} vs {y.shape}")
    return 0


def mixed(x, i: int):
    t = (i, x[0], 2.5, (i,), "s")
    return f"{t} {str(x.shape)} {repr(x.shape)}" + str((i,)) + f"{(i, -i)!r}"


@pytest.mark.parametrize("args", [(np.ones(2), np.ones(3)), (np.ones((2, 3)), np.ones((3, 1))),
                                  (np.ones(0), np.ones(1)), (np.ones(2), np.ones(2))])
def test_shape_in_exception_message(args):
    want = None
    try:
        want = check_shapes(*args)
    except ValueError as e:
        with pytest.raises(ValueError) as got:
            py2wasm.compile(check_shapes)(*args)
        assert str(got.value) == str(e)
        return
    assert py2wasm.compile(check_shapes)(*args) == want


def test_tuple_fields_and_str():
    for x, i in ((np.ones(2), 3), (np.full((1,), -0.5), -12)):
        assert py2wasm.compile(mixed)(x, i) == mixed(x, i)
