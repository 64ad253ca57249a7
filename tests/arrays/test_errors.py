"""Array code outside the supported subset: a located CompileError naming the
function, argument or construct (never a wrong answer); and the array
annotations of py2wasm build."""
import numpy as np
import numpy.typing as npt
import pytest

import py2wasm
from py2wasm import CompileError
from py2wasm.frontend import param_types_from_annotations, trace, types_of_values
from py2wasm.ir import ArrayType
from py2wasm.ir.types import from_json, to_json


def unsupported_fn(a): return np.fft.hfft(a)
def unsupported_ufunc(a): return np.bitwise_count(a)
def unsupported_kw(a): return np.sum(a, initial=1.0)
def fancy(a): return a[[]]
def float_index(a): return a[1.5]
def builtin_sum(a): return sum(a)
def bad_axis(a): return a.sum(axis=2)
def bool_index(a): return a[True]
def inplace_cast(a): a += 1.5
def sqrt_uint8(a): return np.sqrt(a)
def bad_attr(a): return a.flags


CASES = [
    (unsupported_fn, [np.zeros(3)], "numpy.fft.hfft() is not supported"),
    (unsupported_ufunc, [np.zeros(3)], "numpy.bitwise_count is not supported"),
    (unsupported_kw, [np.zeros(3)], "numpy.sum of a float array with initial= is not supported"),
    (fancy, [np.zeros(3)], "indexing with an empty list is not supported"),
    (float_index, [np.zeros(3)], "an array index of type float"),
    (builtin_sum, [np.zeros(3)], "returns numpy.float64 here but int elsewhere"),  # int 0 if empty
    (bad_axis, [np.zeros((2, 2))], "axis 2 is out of bounds for array of dimension 2"),
    (bool_index, [np.zeros(3)], "an array index of type bool is not supported"),
    (inplace_cast, [np.zeros(3, dtype=np.int64)], "Cannot cast ufunc 'add' output from "
     "dtype('float64') to dtype('int64')"),
    (sqrt_uint8, [np.zeros(3, dtype=np.uint8)], "computes in float16"),
    (bad_attr, [np.zeros(3)], "array attribute 'flags' is not supported"),
]


@pytest.mark.parametrize("fn,args,words", CASES, ids=[c[0].__name__ for c in CASES])
def test_compile_error(fn, args, words):
    with pytest.raises(CompileError) as info:
        trace(fn, types_of_values(args))
    e = info.value
    assert words in str(e)
    assert e.file.endswith("test_errors.py")
    assert e.line == fn.__code__.co_firstlineno


def test_unsupported_dtype_argument():
    with pytest.raises(CompileError, match="arrays of dtype float16 are not supported"):
        types_of_values([np.zeros(3, dtype=np.float16)])
    with pytest.raises(CompileError, match="arrays of dtype complex256 are not supported"):
        types_of_values([np.zeros(3, dtype=np.clongdouble)])


def annotated(a: py2wasm.f64[:, :], b: npt.NDArray[np.int32], c: py2wasm.u8[:, :, :],
              n: int) -> float:
    return a.sum() + b.sum() + c.sum() + n


def test_annotations():
    types = param_types_from_annotations(annotated)
    assert types[:3] == [ArrayType("float64", 2), ArrayType("int32", 1), ArrayType("uint8", 3)]
    m = trace(annotated)
    sig = m.functions["annotated"].sig
    assert [p.type.name for p in m.functions["annotated"].params] == ["i64"] * 10
    assert str(sig).startswith("(a: ndarray[float64, 2-D], b: ndarray[int32, 1-D]")
    assert to_json(ArrayType("float32", 2)) == {"array": "float32", "ndim": 2}
    assert from_json({"array": "float32", "ndim": 2}) == ArrayType("float32", 2)
    with pytest.raises(TypeError):
        py2wasm.f64[1:2]


def returns_2d(a: py2wasm.f64[:]) -> npt.NDArray[np.float64]:
    return a[:, None] * a[None, :]


def test_ndarray_result_annotation_takes_the_returned_ndim():
    m = trace(returns_2d)
    assert m.functions["returns_2d"].sig.result == ArrayType("float64", 2)


def list_add(a):
    xs = [a]
    return xs + xs


def list_append(a):
    xs = [1.0]
    xs.append(2.0)
    return a


def list_mixed(a):
    xs = [a, a.astype(np.int32)]
    return xs + xs


def test_lists_of_arrays_hold_one_dtype():
    # lists of arrays: frontend/lists_ofarrays.py; one dtype and ndim per list
    trace(list_add, types_of_values([np.zeros(2)]))
    with pytest.raises(CompileError, match="a list mixing ndarray.float64, 1-D. and ndarray"):
        trace(list_mixed, types_of_values([np.zeros(2)]))


def test_lists_of_numbers_compile():
    trace(list_append, types_of_values([np.zeros(2)]))


def zeros_no_shape(a): return np.zeros()
def sqrt_two(a): return np.sqrt(a, a, a)
def sort_too_many(a): return np.sort(a, 0, None, None, 1)
def linalg_tensorsolve(a): return np.linalg.tensorsolve(a, a)
def fft_name(a): return np.fft.ihfft(a)


@pytest.mark.parametrize("fn,words", [
    (zeros_no_shape, "numpy.zeros() missing argument 'shape'; signature: numpy.zeros(shape, dtype=None)"),
    (sqrt_two, "numpy.sqrt takes 1 argument(s) (3 given); signature: numpy.sqrt(x1, /, out=None"),
    (sort_too_many, "signature: sort(a, axis=-1, kind=None)"),
    (linalg_tensorsolve, "numpy.linalg.tensorsolve() is not supported"),
    (fft_name, "numpy.fft.ihfft() is not supported"),
])
def test_messages_name_public_functions_and_signatures(fn, words):
    with pytest.raises(CompileError) as info:
        trace(fn, types_of_values([np.zeros(3)]))
    assert words in str(info.value)
