"""A CompileError raised while tracing library code (py2wasm's traced
kernels, NumPy's or the standard library's Python) is located at the user's
call that reached it (frontend/calls.py `_at_call`), never at a line of
py2wasm or NumPy; errors in the user's own helper functions keep their own
line. Found by the program fuzzer: `np.minimum.reduceat` of a uint64 array
was refused at a line of py2wasm/frontend/ufunc_reduceat.py."""
import inspect

import numpy as np
import pytest

import py2wasm


def reduceat_u64(a):
    return np.minimum.reduceat(a, np.array([0, 2]))


def helper(x):
    return open(x)  # refused here, in the user's helper


def calls_helper(x):
    return helper(x)


def _line_of(fn, text):
    src, first = inspect.getsourcelines(fn)
    return first + next(i for i, line in enumerate(src) if text in line)


def test_library_refusal_located_at_the_users_call():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(reduceat_u64)(np.array([1, 2, 3], dtype=np.uint64))
    err = e.value
    assert err.file == __file__ and err.line == _line_of(reduceat_u64, "reduceat(")
    assert "uint64" in err.construct and err.hint
    assert "py2wasm/frontend" not in str(err)


def test_user_helper_keeps_its_own_line():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(calls_helper)(1.0)
    assert e.value.file == __file__ and e.value.line == _line_of(helper, "open(")
