"""NumPy scalars (frontend/npscalars.py) compiled to wasm against CPython +
NumPy 2, bit for bit: every operator on every pair of scalar types (NumPy's
ten, Python's three), constructors, builtins, array elements, promotion by
NEP 50, wrap-around, division by zero, float32 rounding, and the types of
the results."""
from __future__ import annotations

import math
import re
import struct
import warnings

import numpy as np
import pytest

import py2wasm
from py2wasm import CompileError

NP_TYPES = [np.float64, np.float32, np.int64, np.int32, np.int16, np.int8, np.uint64,
            np.uint32, np.uint16, np.uint8, np.bool_]
PY_TYPES = [float, int, bool]
ALL_TYPES = NP_TYPES + PY_TYPES

FLOATS = [0.0, -0.0, 1.5, -2.5, 3.0, 7.0, 0.1, 1e300, -1e-300, math.inf, -math.inf, math.nan]
INTS = [0, 1, -1, 2, 3, -7, 7, 100, -100, 127, -128, 255, 300, 32767, -32768, 65535, 2**31 - 1,
        -2**31, 2**32 - 1, 2**40, 2**63 - 1, -2**63, 2**63, 2**64 - 1]


def samples(t, limit=None):
    """Values of scalar type t (NumPy ones within their range)."""
    if t in (bool, np.bool_):
        out = [t(False), t(True)]
    elif t is float or (t in NP_TYPES and np.issubdtype(t, np.floating)):
        with np.errstate(over="ignore"):
            out = [t(x) for x in FLOATS]
    else:
        if t is int:
            out = [0, 1, -1, 7, -7, 300, 2**40, 2**63 - 1, -2**63]
        else:
            info = np.iinfo(t)
            out = [t(x) for x in INTS if info.min <= x <= info.max]
    return out[:limit] if limit else out


def outcome(fn, *args):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                return ("ok", fn(*args))
    except CompileError:
        raise
    except Exception as e:  # noqa: BLE001 - compared with the compiled outcome
        return (type(e).__name__, str(e))


def same_value(a, b, ulps=0) -> bool:
    """Same type and same value, bit for bit (any NaN equals any NaN;
    `ulps`: floats may differ by that many units in the last place)."""
    if isinstance(a, tuple) or isinstance(b, tuple):
        return type(a) is type(b) and len(a) == len(b) and all(
            same_value(x, y, ulps) for x, y in zip(a, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and all(
            same_value(x, y, ulps) for x, y in zip(a.reshape(-1), b.reshape(-1)))
    if isinstance(a, (float, np.floating)):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        fmt, ifmt = ("<f", "<i") if type(a) is np.float32 else ("<d", "<q")
        if ulps and math.copysign(1, a) == math.copysign(1, b):
            ia = struct.unpack(ifmt, struct.pack(fmt, a))[0]
            ib = struct.unpack(ifmt, struct.pack(fmt, b))[0]
            return abs(ia - ib) <= ulps
        return struct.pack(fmt, a) == struct.pack(fmt, b)
    return a == b


def same(got, want, ulps=0) -> bool:
    if got[0] != want[0]:
        return False
    if got[0] == "ok":
        return same_value(got[1], want[1], ulps)
    return got[1] == want[1]


def check(fn, arg_sets, ulps=0):
    """Compile fn and compare with CPython on every argument tuple. A
    TypeError from CPython means a CompileError, or the same TypeError at run
    time (NumPy's type errors for operand types it rejects)."""
    cf = py2wasm.compile(fn)
    for args in arg_sets:
        pargs = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        cargs = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        want = outcome(fn, *pargs)
        if want[0] == "TypeError":  # a located refusal, or NumPy's TypeError at run time
            try:
                got = outcome(cf, *cargs)
            except CompileError:
                return
            assert same(got, want), f"{fn.__name__}{args!r}: compiled {got!r}, CPython {want!r}"
            continue
        got = outcome(cf, *cargs)
        assert same(got, want, ulps), \
            f"{fn.__name__}{args!r}: compiled {got!r}, CPython {want!r}"
        assert same_value(tuple(cargs), tuple(pargs)), f"{fn.__name__}{args!r}: arguments after"


def arith(x, y):
    return (x + y, x - y, x * y, x / y, x < y, x <= y, x == y, x != y, x > y, x >= y)


def divmod_ops(x, y):
    return (x // y, x % y)


def power(x, y):
    return x ** y


def _pairs(tx, ty, limit=8):
    return [(x, y) for x in samples(tx, limit) for y in samples(ty, limit)]


@pytest.mark.parametrize("tx", ALL_TYPES, ids=lambda t: t.__name__)
@pytest.mark.parametrize("ty", ALL_TYPES, ids=lambda t: t.__name__)
def test_operators_on_every_pair_of_types(tx, ty):
    if tx in PY_TYPES and ty in PY_TYPES:
        pytest.skip("Python scalars alone: tests/frontend/test_semantics.py")
    pairs = _pairs(tx, ty)
    check(arith, pairs)
    if not (tx in (bool, np.bool_) and ty in (bool, np.bool_)):
        check(divmod_ops, pairs)


@pytest.mark.parametrize("tx", NP_TYPES + [int, float], ids=lambda t: t.__name__)
@pytest.mark.parametrize("ty", [np.float64, np.float32, np.int64, np.int8, np.uint16,
                                np.int32, int, float], ids=lambda t: t.__name__)
def test_power(tx, ty):
    if tx in PY_TYPES and ty in PY_TYPES:
        pytest.skip("Python scalars alone")
    small = [(x, y) for x, y in _pairs(tx, ty, 12)
             if not isinstance(y, (int, np.integer)) or -3 <= int(y) <= 70]
    check(power, small, ulps=1)  # pow: within 1 ulp, like math.pow (README)


def unary_ops(x):
    return (-x, +x, abs(x), not x, x == x)


@pytest.mark.parametrize("t", [t for t in NP_TYPES if t is not np.bool_],
                         ids=lambda t: t.__name__)
def test_unary(t):
    check(unary_ops, [(x,) for x in samples(t)])


def invert(x):
    return ~x


@pytest.mark.parametrize("t", [np.int64, np.int32, np.int16, np.int8, np.uint64, np.uint32,
                               np.uint16, np.uint8, np.bool_], ids=lambda t: t.__name__)
def test_invert_and_bitwise(t):
    check(invert, [(x,) for x in samples(t)])

    def bits(x, y):
        return (x & y, x | y, x ^ y)
    check(bits, _pairs(t, t) + ([(x, 3) for x in samples(t)] if t is not np.bool_ else []))


# --- constructors --------------------------------------------------------------------------

def _ctor(t):
    def make(x):
        return t(x)
    make.__name__ = f"make_{t.__name__}"
    return make


@pytest.mark.parametrize("t", NP_TYPES, ids=lambda t: t.__name__)
@pytest.mark.parametrize("src", ALL_TYPES, ids=lambda t: t.__name__)
def test_constructors(t, src):
    """np.int8(300) raises OverflowError, np.int8(np.int64(300)) wraps,
    np.float32(x) rounds, np.int64(nan) raises ValueError..."""
    vals = samples(src)
    if src is np.float64 or src is float:  # C casts of huge floats to ints differ by platform
        if np.issubdtype(t, np.integer) and src in NP_TYPES:
            vals = [v for v in vals if math.isfinite(v) and abs(v) < 2**31]
    fn = _ctor(t)
    cf = py2wasm.compile(fn)
    for v in vals:
        want = outcome(fn, v)
        got = outcome(cf, v)
        assert same(got, want), f"{t.__name__}({v!r}): compiled {got!r}, NumPy {want!r}"


def test_constructor_in_code_nep50():
    def f(x, s):
        return (x * np.float32(s)), np.float32(s) * 2.0, np.int8(3) + np.int16(4), \
            np.int64(5) + np.uint32(1), np.uint8(200) + np.int8(1)
    check(f, [(1.5, 0.1), (-2.0, 1e30), (3.0, -0.0)])


def test_weak_python_int_out_of_bounds():
    def f(x, n):
        return x + n
    check(f, [(np.int8(1), 300), (np.int8(1), 126), (np.uint8(3), -1), (np.uint16(3), 65535),
              (np.int32(1), 2**31), (np.uint32(1), 2**32 - 2)])

    def g(x, n):
        return x < n, x == n
    check(g, [(np.int8(1), 300), (np.uint8(3), -1), (np.int16(5), 5)])


def test_wraparound_and_division_by_zero():
    def f(x, y):
        return x + y, x * y, x - y, x // y, x % y, x / y, -x
    check(f, [(np.int8(100), np.int8(100)), (np.int64(2**62), np.int64(4)),
              (np.int8(-128), np.int8(-1)), (np.uint8(3), np.uint8(0)),
              (np.int64(-2**63), np.int64(-1)), (np.int64(7), np.int64(0))])
    check(f, [(np.float64(1.0), np.float64(0.0)), (np.float32(-1.5), np.float32(0.0)),
              (np.float64(0.0), np.float64(0.0)), (np.float32(3e38), np.float32(10.0))])


def test_float32_rounds_every_step():
    def f(x, y, z):
        return (x * y + z) / y - x
    vals = [np.float32(v) for v in (0.1, 1 / 3, 7.3, 1e-8, 16777217.0)]
    check(f, [(a, b, c) for a in vals for b in vals for c in vals[:2]])

    def g(x):
        s = np.float32(0)
        for i in range(10):
            s += x * i
        return s
    check(g, [(np.float32(0.1),), (np.float32(1e-7),)])


# --- results, returns and annotations -------------------------------------------------------

@pytest.mark.parametrize("t", NP_TYPES, ids=lambda t: t.__name__)
def test_identity_returns_the_numpy_type(t):
    def ident(x):
        return x
    cf = py2wasm.compile(ident)
    for v in samples(t):
        r = cf(v)
        assert type(r) is t and same_value(r, v)


def test_python_and_numpy_paths_unify_to_numpy():
    def f(a):
        s = 0.0
        for i in range(a.shape[0]):
            s += a[i]
        return s
    cf = py2wasm.compile(f)
    a = np.arange(5.0) / 3
    assert same_value(cf(a), f(a))
    r = cf(np.zeros(0))
    assert type(r) is np.float64 and r == 0.0  # CPython: float 0.0 (documented)


def test_float_accumulator_of_float32_is_located_error():
    def f(a):
        s = 0.0
        for i in range(a.shape[0]):
            s += a[i]
        return s
    with pytest.raises(CompileError) as e:
        py2wasm.compile(f)(np.ones(3, np.float32))
    assert "np.float32(0)" in e.value.hint and e.value.line is not None


def test_array_elements_are_numpy_scalars():
    def f(a, i):
        return a[i] * 2.0, a[i] + 1, a.sum(), a[i] * np.float32(3)
    for dt in (np.float64, np.float32, np.int64, np.int32, np.int16, np.int8, np.uint64,
               np.uint32, np.uint16, np.uint8):
        a = (np.arange(6) * 7 % 11).astype(dt)
        check(f, [(a, 0), (a, 5), (a, -1), (a, 9)])
    big = np.array([2**64 - 1, 2**63, 3], dtype=np.uint64)
    check(f, [(big, 0), (big, 1)])


def test_numpy_ufuncs_on_scalars_give_numpy_scalars():
    def f(x, y):
        return np.sqrt(x), np.maximum(x, y), np.exp(y), np.floor(x), np.abs(-x)
    check(f, ulps=1, arg_sets=[(np.float32(2.0), np.float32(0.5)), (2.0, 0.5), (np.float64(9.0), 1.0),
              (np.float32(-0.0), np.float32(3.0))])


def test_builtins_see_python_values():
    import math as m

    def f(x, n):
        t = 0.0
        for i in range(n):
            t += float(x) * i
        return t, int(x), float(x), bool(x), m.sqrt(abs(float(x))), round(x)
    check(f, [(np.float32(2.5), np.int64(3)), (np.float64(-7.25), np.int16(2)),
              (np.float32(0.1), np.uint8(4))])

    def g(a, i):
        return a[np.int64(i)], a[np.uint8(i):], min(a[0], a[1]), max(a[0], a[1], a[2])
    a = np.array([3.0, -1.0, 2.0])
    check(g, [(a, 0), (a, 2)])


def test_numpy_scalars_into_arrays():
    def f(a, x):
        a[0] = x
        a[1:] = x * 2
        return a * x
    for dt in (np.float32, np.int16, np.uint8, np.float64):
        check(f, [(np.zeros(3, dt), np.float64(300.7)), (np.zeros(3, dt), np.int64(-3)),
                  (np.zeros(3, dt), np.float32(1.5))])


def test_annotations_build_signature():
    from py2wasm.frontend import param_types_from_annotations, trace
    from py2wasm.ir.types import NumpyScalarType

    def f(x: np.float32, n: np.int16) -> np.float32:
        return x * n

    assert param_types_from_annotations(f) == [NumpyScalarType("float32"),
                                               NumpyScalarType("int16")]
    m = trace(f)
    assert str(m.functions["f"].sig) == "(x: numpy.float32, n: numpy.int16) -> numpy.float32"

    def g(x: np.floating) -> float:
        return x
    with pytest.raises(CompileError) as e:
        param_types_from_annotations(g)
    assert e.value.line is not None and "np.float32" in e.value.hint


def test_unsupported_argument_is_located():
    def f(x):
        return x
    for bad in (np.longdouble(3), np.float16(1), [1.0, 2], b"s"):  # (a str is a str argument)
        with pytest.raises(CompileError) as e:
            py2wasm.compile(f)(bad)
        err = e.value
        assert err.code == "P2W010" and err.line == f.__code__.co_firstlineno
        assert err.file == __file__ and err.hint and "'x'" in str(err)


def test_attributes_and_methods():
    def f(a, i, t):
        x = a[i]
        return x.item(), x.real, x.imag, x.astype(np.int16), t[a.astype(np.int64)[i]], \
            x.conjugate(), x.dtype.itemsize, np.float32(2.5).astype(np.uint8)
    for dt in (np.float64, np.float32, np.int8, np.uint16):
        a = np.array([2, 0, 1, 1], dtype=dt)
        check(f, [(a, 0, (1.5, 2.5, 3.5)), (a, 2, (1.5, 2.5, 3.5))])

    def g(x):
        return x.tolist(), x.astype(np.float32), x.real * 2
    check(g, [(np.int32(-7),), (np.float64(1e300),), (np.uint8(200),), (np.bool_(True),)])


def test_unsigned_reductions_accumulate_in_uint64():
    def f(a):
        return a.sum(), a.sum(axis=0), a.sum(axis=1, keepdims=True), a.prod(axis=0), \
            np.cumsum(a), a.cumsum(axis=1), a.mean(), np.sum(a, keepdims=True)
    for dt in (np.uint8, np.uint16, np.uint32, np.uint64):
        a = (np.arange(12).reshape(3, 4) * 37 + 200).astype(dt)
        check(f, [(a,), (np.zeros((0, 2), dtype=dt),)])
    big = np.array([[2**64 - 1, 2**63], [5, 2**63 + 1]], dtype=np.uint64)
    check(f, [(big,)])


def test_min_max_with_python_numbers_of_the_same_kind():
    def relu(a):
        out = np.zeros_like(a)
        for i in range(a.shape[0]):
            out[i] = max(a[i], 0.0)
        return out, min(a[0], 1.0, a[1])
    cf = py2wasm.compile(relu)
    for a in (np.array([-1.5, 2.0, 0.0]), np.array([3.0, -0.0, 7.0])):
        got, want = cf(a.copy()), relu(a.copy())
        assert same_value(got[0], want[0])
        # documented: numpy.float64 on every path (CPython: float when 1.0 is the least)
        assert type(got[1]) is np.float64 and got[1] == want[1]

    def mixed(a):  # numpy.float32 or float, by value: one result type is needed
        return max(a[0], 0.0)
    with pytest.raises(CompileError) as e:
        py2wasm.compile(mixed)(np.ones(2, np.float32))
    assert {"float", "numpy.float32"} <= set(re.findall(r"returns (\S+) here but (\S+) elsewhere",
                                                   e.value.construct)[0])


@pytest.mark.parametrize("t", [np.int64, np.int32, np.int16, np.int8, np.uint64, np.uint32,
                               np.uint16, np.uint8], ids=lambda t: t.__name__)
def test_shifts_like_numpy(t):
    """Counts outside [0, bits) give 0 (or -1 for >> of a negative); << wraps;
    >> is logical for unsigned dtypes."""
    def shifts(x, y):
        return x << y, x >> y, x << 3, x >> 1
    info = np.iinfo(t)
    counts = [t(c) for c in (0, 1, 7, 8, 15, 31, 32, 63, 64, 70, -1) if info.min <= c <= info.max]
    check(shifts, [(x, c) for x in samples(t) for c in counts])

    def arr(a, k):
        b = a.copy()
        b >>= 2
        return a << k, a >> k, b, (a >> 8).astype(np.uint8) if a.dtype.itemsize > 1 else a
    a = np.array([x for x in samples(t)], dtype=t)
    check(arr, [(a, t(3)), (a, 9), (a, t(0))])
