"""Hypothesis tests of the array subset against NumPy (IR interpreter on
linear memory, and as wasm for broadcasting, slicing, indexing, assignment): random shapes (0- and 1-length axes included) and dtypes
for broadcasting, random slices and indices (negative, out of bounds), and
reductions over random axes with keepdims."""
import numpy as np
from hypothesis import given, settings, strategies as st

from tests.arrays.harness import check

DTYPES = [np.float64, np.float32, np.int64, np.int32, np.uint8, np.bool_]
SET = settings(max_examples=60, deadline=None)
dims = st.integers(0, 3)


@st.composite
def arrays(draw, shape, dtype):
    n = int(np.prod(shape)) if shape else 1
    if dtype == np.bool_:
        vals = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    elif np.issubdtype(dtype, np.integer):
        lo = 0 if dtype == np.uint8 else -50
        vals = draw(st.lists(st.integers(lo, 100), min_size=n, max_size=n))
    else:
        vals = draw(st.lists(st.floats(-100, 100, allow_nan=False, width=32), min_size=n,
                             max_size=n))
    return np.array(vals, dtype=dtype).reshape(shape)


@st.composite
def broadcast_pair(draw):
    nd = draw(st.integers(1, 3))
    base = [draw(dims) for _ in range(nd)]
    def variant():
        nb = draw(st.integers(1, nd))
        out = []
        for s in base[nd - nb:]:
            out.append(draw(st.sampled_from([s, 1, s, draw(dims)])))
        return tuple(out)
    return variant(), variant()


def bc_arith(a, b):
    return a + b * 2, a - b, a * b


def bc_compare(a, b):
    return a < b, a == b, np.maximum(a, b)


def bc_where(a, b):
    return np.where(a > b, a, b)


@SET
@given(broadcast_pair(), st.sampled_from(DTYPES), st.sampled_from(DTYPES), st.data())
def test_broadcasting(shapes, da, db, data):
    a = data.draw(arrays(shapes[0], da))
    b = data.draw(arrays(shapes[1], db))
    from tests.arrays.wasm_harness import check_wasm
    for fn in (bc_compare, bc_where) + ((bc_arith,) if np.bool_ not in (da, db) else ()):
        check(fn, a, b, rtol=1e-6)
        check_wasm(fn, a, b, rtol=1e-6)


def sl_step1(a, i: int, j: int): return a[i:j], a[i:], a[:j]
def sl_step2(a, i: int, j: int): return a[i:j:2], a[i::2]
def sl_stepm1(a, i: int, j: int): return a[i:j:-1], a[:j:-1], a[i::-1]
def sl_stepm3(a, i: int, j: int): return a[i:j:-3], a[::-3]
def sl_assign(a, i: int, j: int):
    a[i:j] = 7.0
    return a[i:j].sum()


@SET
@given(st.integers(0, 8), st.integers(-10, 10), st.integers(-10, 10))
def test_slices(n, i, j):
    from tests.arrays.wasm_harness import check_wasm
    a = np.arange(n, dtype=np.float64) * 1.5
    for fn in (sl_step1, sl_step2, sl_stepm1, sl_stepm3, sl_assign):
        check(fn, a, i, j)
        check_wasm(fn, a, i, j)


def ix_read(a, i: int): return a[i]
def ix_read2(m, i: int, j: int): return m[i, j] + m[i][j]
def ix_write(a, i: int):
    a[i] = -1.0


@SET
@given(st.integers(0, 6), st.integers(0, 4), st.integers(-9, 9), st.integers(-6, 6))
def test_indexing(n, m, i, j):
    from tests.arrays.wasm_harness import check_wasm
    a = np.arange(n, dtype=np.float64)
    for run in (check, check_wasm):
        run(ix_read, a, i)
        run(ix_write, a, i)
        run(ix_read2, np.arange(n * m, dtype=np.float64).reshape(n, m), i, j)


_RED = {}


def reduction(kind, axis, keepdims):
    key = (kind, axis, keepdims)
    if key not in _RED:
        npf = getattr(np, kind)
        if kind in ("argmin", "argmax"):
            def f(a):
                return npf(a, axis=axis)
        elif kind == "cumsum":
            def f(a):
                return np.cumsum(a, axis=axis)
        else:
            def f(a):
                return npf(a, axis=axis, keepdims=keepdims)
        f.__name__ = f"{kind}_{'all' if axis is None else axis}_{keepdims}".replace(
            "(", "").replace(")", "").replace(", ", "_").replace(",", "").replace("-", "m")
        _RED[key] = f
    return _RED[key]


@st.composite
def reduction_case(draw):
    nd = draw(st.integers(1, 3))
    shape = tuple(draw(st.integers(0, 3)) for _ in range(nd))
    kind = draw(st.sampled_from(["sum", "prod", "min", "max", "mean", "std", "var", "any",
                                 "all", "argmin", "argmax", "cumsum"]))
    if kind in ("argmin", "argmax", "cumsum"):
        axis = draw(st.sampled_from([None] + list(range(-nd, nd))))
        keep = False
    else:
        axis = draw(st.sampled_from([None] + list(range(-nd, nd))
                                    + [tuple(sorted(draw(st.sets(st.integers(0, nd - 1),
                                                                 min_size=1))))]))
        keep = draw(st.booleans())
    return shape, kind, axis, keep


@SET
@given(reduction_case(), st.sampled_from([np.float64, np.float32, np.int64, np.int32]),
       st.data())
def test_reductions(case, dt, data):
    shape, kind, axis, keep = case
    a = data.draw(arrays(shape, dt))
    check(reduction(kind, axis, keep), a, rtol=1e-5 if dt == np.float32 else 1e-9, atol=1e-9)


def as_assign(m, v, i: int, j: int):
    m[i:j] = v
    return m.sum()


def as_inplace(m, v):
    m += v
    m *= 2


@SET
@given(st.integers(0, 4), st.integers(0, 3), st.integers(-5, 5), st.integers(-5, 5),
       st.sampled_from([(), (1,), (2,), (3,), (1, 1), (2, 1), (1, 3), (2, 3), (4, 3)]),
       st.sampled_from([np.float64, np.int32]))
def test_assignment_broadcasting(n, m, i, j, vshape, dt):
    """m[i:j] = v and in-place operators: NumPy's broadcasting rules and its
    'could not broadcast input array from shape' / 'non-broadcastable output
    operand' errors, under the interpreter and as wasm."""
    from tests.arrays.wasm_harness import check_wasm
    a = np.arange(n * m, dtype=np.float64).reshape(n, m)
    v = (np.arange(int(np.prod(vshape)), dtype=dt) + 1).reshape(vshape) if vshape else 7.0
    for run in (check, check_wasm):
        run(as_assign, a, v, i, j)
        if vshape:
            run(as_inplace, a, v)
