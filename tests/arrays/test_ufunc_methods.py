"""Ufunc methods and keywords (frontend/ufunc_methods.py) against NumPy, under
the IR interpreter and as wasm: `outer reduce accumulate at` for binary
ufuncs, `out= where= dtype=` on ufunc calls, `dtype= out=` on reductions,
`a.shape = ...`; hypothesis over ufuncs, shapes, dtypes and axes."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from tests.arrays.harness import check, strided
from tests.arrays.wasm_harness import check_wasm

R = np.random.default_rng(5)


def arr(*shape, dtype=np.float64):
    if dtype == np.bool_:
        return R.integers(0, 2, size=shape).astype(bool)
    if np.issubdtype(dtype, np.integer):
        return R.integers(0 if dtype == np.uint8 else -9, 10, size=shape).astype(dtype)
    return R.normal(size=shape).astype(dtype)


def u_outer(a, b):
    return (np.add.outer(a, b), np.multiply.outer(a, b), np.subtract.outer(b, a),
            np.maximum.outer(a, 0.5), np.less.outer(a, b), np.arctan2.outer(a, a))
def u_outer_int(a, b): return np.add.outer(a, b), np.bitwise_and.outer(a, b), np.power.outer(a, 2)
def u_reduce(a):
    return (np.add.reduce(a), np.add.reduce(a, axis=1), np.multiply.reduce(a, axis=None),
            np.maximum.reduce(a), np.subtract.reduce(a), np.subtract.reduce(a, axis=1, keepdims=True),
            np.hypot.reduce(a, axis=None), np.minimum.reduce(a, axis=-1))
def u_reduce1(a): return np.subtract.reduce(a), np.add.reduce(a), np.maximum.reduce(a)
def u_reduce_bool(a): return np.logical_and.reduce(a), np.logical_or.reduce(a, axis=0), np.logical_xor.reduce(a)
def u_accumulate(a):
    return (np.add.accumulate(a), np.multiply.accumulate(a, axis=1), np.maximum.accumulate(a),
            np.subtract.accumulate(a, axis=1), np.minimum.accumulate(a, axis=-1))
def u_at(a, idx, v): np.add.at(a, idx, v)
def u_at_sub(a, idx): np.subtract.at(a, idx, 1)
def u_at_max(a, idx, v): np.maximum.at(a, idx, v)
def u_at_pair(a, i, j): np.add.at(a, (i, j), 2.5)
def u_out(a, b, o):
    np.add(a, b, out=o)
    return np.multiply(a, 2, out=o, where=a > 0)
def u_out_alias(a): np.sqrt(a, out=a); np.add(a[:-1], a[1:], a[1:])  # positional out
def u_out_bad(a, o): np.add(a, 1, out=o)
def u_dtype(a):
    return (np.add(a, 1, dtype=np.float32), np.sum(a, dtype=np.float32),
            np.sum(a, axis=0, dtype=np.int32), a.mean(dtype=np.float32), a.prod(axis=1, dtype=np.float64))
def u_dtype_narrow(a):  # NumPy casts each element and sums with wrap-around in the dtype
    return (a.sum(dtype=np.int8), np.sum(a, dtype=np.uint16), a.prod(dtype=np.int16),
            np.sum(a, dtype=np.uint32), a.sum(dtype=np.uint8), np.prod(a, dtype=np.int32),
            a.sum(axis=0, dtype=np.int8))
def u_reduction_out(a, o): np.sum(a, axis=0, out=o); return o
def u_reduction_out_max(a, o): return np.max(a, 1, o), a.mean(axis=1, out=o)
def u_shape(a):
    a.shape = (a.size,)
    b = a
    b.shape = (2, -1)
    return a.sum(axis=1), a.shape
def u_shape_view(a):
    v = a[1:]
    v.shape = (-1,)
    return v


CASES = []


def case(fn, *args, **kw):
    CASES.append(pytest.param(fn, args, kw, id=f"{fn.__name__}-{len(CASES)}"))


case(u_outer, arr(3), arr(2, 2))
case(u_outer, arr(0), arr(4))
case(u_outer, strided(arr(3)), arr(1))
case(u_outer_int, arr(4, dtype=np.int64), arr(3, dtype=np.int32))
case(u_outer_int, arr(4, dtype=np.uint8), arr(3, dtype=np.uint8))
for dt in (np.float64, np.float32, np.int64, np.int32):
    case(u_reduce, arr(3, 4, dtype=dt), rtol=1e-12)
    case(u_accumulate, arr(3, 4, dtype=dt))
case(u_reduce, strided(arr(3, 4)), rtol=1e-12)
case(u_reduce1, np.zeros(0))                              # ValueError: no identity
case(u_reduce1, arr(7, dtype=np.uint8))
case(u_reduce1, arr(1))
case(u_reduce_bool, arr(3, 4, dtype=np.bool_))
case(u_accumulate, np.zeros((0, 3)))
case(u_accumulate, np.zeros((3, 0)))
case(u_at, np.zeros(5), np.array([0, 1, 1, 4, 1]), np.arange(5.0))   # repeated: accumulates
case(u_at, np.zeros(5), np.array([0, 7]), 1.0)                       # IndexError
case(u_at, np.zeros(5), np.array([0, -1]), np.arange(3.0))           # ValueError: shape
case(u_at, np.zeros((3, 2)), np.array([0, 0]), np.array([1.0, 2.0]))  # rows
case(u_at, np.zeros(4, dtype=np.int64), np.array([1, 1, 1]), 2)
case(u_at, np.zeros(4, dtype=np.int64), np.array([1]), 2.5)          # same_kind refused (CompileError in NumPy: UFuncTypeError)
case(u_at_sub, np.zeros(4, dtype=np.int32), np.array([3, 3, -1]))
case(u_at_max, arr(5), np.array([0, 0, 2]), np.array([5.0, -1.0, 9.0]))
case(u_at_pair, np.zeros((3, 3)), np.array([0, 0, 2]), np.array([1, 1, 2]))
case(u_out, arr(2, 3), arr(3), np.zeros((2, 3)))
case(u_out, arr(2, 3), arr(3), np.zeros(3))                          # ValueError: out shape
case(u_out, arr(2, 3, dtype=np.int64), arr(3, dtype=np.int64), np.zeros((2, 3)))
case(u_out_alias, np.abs(arr(6)))
case(u_dtype, arr(3, 4, dtype=np.int64))
case(u_dtype, arr(3, 4, dtype=np.uint8))
case(u_dtype_narrow, arr(6, 5, dtype=np.int64) * 40)
case(u_dtype_narrow, np.round(arr(6, 5) * 100))
case(u_reduction_out, arr(3, 4), np.zeros(4))
case(u_reduction_out, arr(3, 4), np.zeros(4, dtype=np.int64))        # unsafe cast, as NumPy
case(u_reduction_out, arr(3, 4), np.zeros((1, 4)))                   # ValueError: ndim
case(u_reduction_out_max, arr(3, 4), np.zeros(3))
case(u_shape, arr(2, 3))
case(u_shape, arr(3, 3))                                             # ValueError: reshape
case(u_shape_view, arr(3, 2))


@pytest.mark.parametrize("fn,args,kw", CASES)
def test_ufunc_methods_ir(fn, args, kw):
    if fn is u_at and args[0].dtype == np.int64 and isinstance(args[2], float):
        from py2wasm.errors import CompileError
        with pytest.raises(CompileError, match="Cannot cast ufunc 'add' output"):
            check(fn, *args, **kw)
        return
    check(fn, *args, **kw)


@pytest.mark.parametrize("fn,args,kw", [c for c in CASES if not (
    c.values[0] is u_at and c.values[1][0].dtype == np.int64 and isinstance(c.values[1][2], float))])
def test_ufunc_methods_wasm(fn, args, kw):
    check_wasm(fn, *args, **kw)


# --- hypothesis ----------------------------------------------------------------------------------

SET = settings(max_examples=30, deadline=None)
BINARY = [np.add, np.subtract, np.multiply, np.maximum, np.minimum, np.hypot, np.arctan2,
          np.fmax, np.fmin]
_FNS = {}


def method_fn(uf, method, axis):
    key = (uf, method, axis)
    if key not in _FNS:
        if method == "reduce":
            def f(a):
                return uf.reduce(a, axis=axis)
        elif method == "accumulate":
            def f(a):
                return uf.accumulate(a, axis=axis)
        else:
            def f(a):
                return uf.outer(a, a[..., ::-1])
        f.__name__ = f"{uf.__name__}_{method}_{'n' if axis is None else axis}"
        _FNS[key] = f
    return _FNS[key]


@SET
@given(st.sampled_from(BINARY), st.sampled_from(["reduce", "accumulate", "outer"]),
       st.integers(1, 4), st.integers(0, 3), st.sampled_from([0, 1, -1, None]),
       st.sampled_from([np.float64, np.float32, np.int64]), st.data())
def test_hypothesis_methods(uf, method, n0, n1, axis, dt, data):
    if dt == np.int64 and uf in (np.hypot, np.arctan2, np.fmax, np.fmin):
        dt = np.float64
    if method == "accumulate" and axis is None:
        axis = 0
    vals = data.draw(st.lists(st.integers(-9, 9), min_size=n0 * n1, max_size=n0 * n1))
    a = (np.array(vals, dtype=np.float64).reshape(n0, n1) / 2).astype(dt)
    fn = method_fn(uf, method, axis)
    check(fn, a, rtol=1e-6)
    check_wasm(fn, a, rtol=1e-6)


def at_fn(a, idx, v): np.add.at(a, idx, v)


@SET
@given(st.integers(1, 6), st.lists(st.integers(-7, 6), min_size=0, max_size=8), st.data())
def test_hypothesis_at(n, idx, data):
    a = np.arange(n, dtype=np.float64)
    i = np.array(idx, dtype=np.int64)
    v = np.array(data.draw(st.lists(st.integers(-5, 5), min_size=len(idx), max_size=len(idx))),
                 dtype=np.float64)
    check(at_fn, a, i, v)
    check_wasm(at_fn, a, i, v)


def u_shape_strided(a):
    v = a[:, :3]
    v.shape = (-1,)
    return v


def test_shape_of_non_contiguous_view():
    check(u_shape_strided, arr(3, 4))     # AttributeError, NumPy's message
    check_wasm(u_shape_strided, arr(3, 4))
