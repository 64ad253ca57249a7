"""NumPy 2's rules at their edges, compiled (py2wasm.compile, wasm) against
NumPy/CPython bit for bit: results (dtype, shape, values, sign of zero),
the caller's arrays after the call, and exceptions by type and message.

Regressions of issue 13 ("Found", items 2-4): copies where NumPy copies
(np.round of ints), accumulations that start from the first element
(cumsum of -0.0), comparisons with out-of-range Python ints (exempt from
NEP 50's OverflowError), np.clip's handling of out-of-range int bounds,
CPython's message for floats too large for a C long, pow(x, e, -2**63),
the linear-algebra helpers' messages, loops over long tuples, Python bools
with arrays, shifts, bool matrix products, np.reciprocal of ints and
np.round with negative decimals (NumPy's power_of_ten)."""
import warnings

import numpy as np
import pytest

import py2wasm


def _run(f, args):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ("ok", f(*args))
    except Exception as e:  # noqa: BLE001 - compared by type and message
        return (type(e).__name__, str(e))


def _same(x, y) -> bool:
    if isinstance(x, np.generic):  # documented: scalars are Python scalars
        x = x.item()
    if isinstance(x, tuple) or isinstance(y, tuple):
        return (isinstance(x, tuple) and isinstance(y, tuple) and len(x) == len(y)
                and all(_same(a, b) for a, b in zip(x, y)))
    if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
        if not (isinstance(x, np.ndarray) and isinstance(y, np.ndarray)):
            return False
        if x.dtype != y.dtype or x.shape != y.shape:
            return False
        if x.dtype.kind == "f":  # bit for bit, the sign of zero and NaN included
            return bool(np.array_equal(x.view(f"u{x.itemsize}"), y.view(f"u{y.itemsize}"))
                        or (np.array_equal(x, y, equal_nan=True)
                            and np.array_equal(np.signbit(x), np.signbit(y))))
        return bool(np.array_equal(x, y))
    if type(x) is not type(y):
        return False
    if isinstance(x, float):
        return (x != x and y != y) or (x == y and np.signbit(x) == np.signbit(y))
    return x == y


_COMPILED: dict = {}


def check(fn, *args):
    """fn compiled and in NumPy on copies of args (with their layout): same
    result or same exception, and the same argument arrays afterwards."""
    g = _COMPILED.get(fn) or _COMPILED.setdefault(fn, py2wasm.compile(fn))
    want_args = [_layout_copy(a) if isinstance(a, np.ndarray) else a for a in args]
    got_args = [_layout_copy(a) if isinstance(a, np.ndarray) else a for a in args]
    want, got = _run(fn, want_args), _run(g, got_args)
    if want[0] != "ok" or got[0] != "ok":
        assert got == want, f"{fn.__name__}{args!r}: compiled {got!r}, NumPy {want!r}"
    else:
        assert _same(want[1], got[1]), f"{fn.__name__}{args!r}: compiled {got[1]!r}, " \
            f"NumPy {want[1]!r}"
    for w, g_ in zip(want_args, got_args):
        if isinstance(w, np.ndarray):
            assert _same(w, g_), f"{fn.__name__}: argument after the call {g_!r}, NumPy {w!r}"
    return got


def _layout_copy(a):
    """A copy of `a` with the same strides pattern (views stay views of a
    private buffer), so both runs see the same layout."""
    if a.flags.c_contiguous or a.flags.f_contiguous:
        return a.copy(order="K")
    base = a.base if isinstance(a.base, np.ndarray) else a
    # rebuild the view over a copied buffer: same offsets, same strides
    buf = np.array(base, copy=True)
    off = (a.__array_interface__["data"][0] - base.__array_interface__["data"][0])
    return np.ndarray(a.shape, a.dtype, buffer=buf, offset=off, strides=a.strides)


# --- item 2: copies, views and accumulations ----------------------------------------------

def round_int_copy(a, d: int):
    r = np.round(a, 2)
    r[0] = 9
    s = np.around(a)
    s[1] = 8
    t = a.round()
    t[2] = 7
    return r, s, t


def round_neg(a):
    return np.round(a, -1), np.round(a, -2), a.round(-19), np.around(a, -400)


@pytest.mark.parametrize("dt", ["int64", "int32", "uint8"])
def test_round_of_ints_is_a_copy_and_takes_negative_decimals(dt):
    a = np.array([15, 25, 5, 250, 14, 255, 0, 1], dtype=dt)
    check(round_int_copy, a, 0)
    check(round_neg, a)
    if dt != "uint8":
        check(round_neg, np.array([-15, -25, 2**30 + 5, -2**31, 95, -95], dtype=dt))
    if dt == "int64":
        check(round_neg, np.array([2**62 + 1, 2**63 - 1, -2**63, 123456789012345678]))


def round_floats(a):
    return (np.round(a, 23), np.round(a, 25), np.round(a, -23), np.round(a, -30),
            np.round(a, 300), np.round(a, 400), np.round(a, -400))


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_round_of_floats_uses_numpys_power_of_ten(dt):
    # 10.0 ** 25 differs from NumPy's 1e9 * 10 * 10 ... in the last bit
    check(round_floats, np.array([1.2345678901234567e-30, 3.3e-25, 7.1e-24, 1.5e30, 123.456,
                                  -0.5, 5e-310], dtype=dt))


def cums(a):
    return np.cumsum(a), np.cumprod(a), a.cumsum(), np.cumsum(a.reshape(1, -1), axis=1)


@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_cumsum_starts_from_the_first_element(dt):
    for xs in ([-0.0, 1.0], [-0.0], [-0.0, -0.0, 2.0], [-0.0, np.nan, 1.0], [1.0, -1.0]):
        check(cums, np.array(xs, dtype=dt))


def clip_copy(a):
    r = np.clip(a, None, None)
    r[0] = 1
    s = a.clip(-1000, 1000)
    s[1] = 2
    return r, s


def test_clip_without_effective_bounds_is_a_copy():
    for dt in ("int64", "int32", "uint8", "float64"):
        check(clip_copy, np.array([5, 6, 7], dtype=dt))


# --- item 3: exceptions ---------------------------------------------------------------------

def cmp_consts(a):
    return (a == -1, a != -1, a < -1, a <= 300, a > 300, a >= -2**40, a == 2**31,
            a < 2**31, -1 < a, 300 >= a, 9223372036854775807 > a, a == -9223372036854775808,
            a != 18446744073709551616, a < 18446744073709551616,
            np.equal(a, -1), np.greater(a, 2**40), np.less_equal(-5, a))


def cmp_runtime(a, k: int):
    return a == k, a != k, a < k, a <= k, a > k, a >= k, k < a, k == a


@pytest.mark.parametrize("dt", ["uint8", "int32", "int64", "bool"])
def test_comparisons_with_out_of_range_python_ints_are_exact(dt):
    a = np.array([0, 1, 255, 7] if dt != "bool" else [True, False, True, False], dtype=dt)
    if dt == "int32":
        a = np.array([0, -5, 2**31 - 1, -2**31], dtype=dt)
    if dt == "int64":
        a = np.array([0, -5, 2**63 - 1, -2**63], dtype=dt)
    check(cmp_consts, a)
    for k in (-1, 0, 7, 255, 256, 300, -2**31 - 1, 2**31, 2**62, -2**63, 2**63 - 1):
        check(cmp_runtime, a, k)


def clip_bounds(a, k: int):
    return (np.clip(a, -2, 300), np.clip(a, 3, 5), a.clip(-2, 5), np.clip(a, None, 2**40),
            np.clip(a, -9223372036854775808, 9223372036854775807), np.clip(a, k, 2**40),
            np.clip(a, -2**40, k),
            np.clip(a, 2.5, 300))


def clip_overflow(a):
    return np.clip(a, 300, 400)


def test_clip_drops_out_of_range_int_bounds_like_numpy():
    for dt in ("uint8", "int32", "int64"):
        a = np.array([0, 1, 7, 255, 100], dtype=dt)
        for k in (-5, 0, 3, 200, 255, 256, 2**40):
            check(clip_bounds, a, k)
        check(clip_overflow, a)  # uint8: OverflowError for 300, as NumPy


def store_float(a, x: float):
    a[0] = x
    return a


def store_slice(a, x: float):
    a[1:] = x
    return a


def store_const_int(a):  # (2**63 itself overflows: py2wasm's ints are 64-bit)
    a[0] = 9223372036854775808
    return a


@pytest.mark.parametrize("dt", ["int64", "int32", "uint8"])
def test_float_to_int_stores_raise_numpys_exceptions(dt):
    for x in (2.0**63, -2.0**63 - 4096, 2.0**64, 1e300, -1e300, float("nan"), float("inf"),
              -float("inf"), -2.0**63, 1e10, 300.0, -1.0, 2.5):
        check(store_float, np.zeros(3, dtype=dt), x)
        check(store_slice, np.zeros(3, dtype=dt), x)
    check(store_const_int, np.zeros(3, dtype=dt))


def powmod(x: int, e: int, m: int):
    return pow(x, e, m)


def test_pow_modulo_int64_min_and_exponent_int64_min():
    for x in (0, 1, -1, 2, 3, -3, 2**62, -2**63, 2**63 - 1, 12345678901234567):
        for e in (0, 1, 2, 63, 64, -1, -2, -2**63, 2**63 - 1):
            for m in (-2**63, 2**63 - 1, -5, 7, 2**62):
                check(powmod, x, e, m)


def vdot_(a, b):
    return np.vdot(a, b)


def dot_(a, b):
    return np.dot(a, b)


def inner_(a, b):
    return np.inner(a, b)


def matmul_(a, b):
    return a @ b


@pytest.mark.parametrize("fn", [vdot_, dot_, inner_, matmul_])
def test_linear_algebra_messages_and_bool_products(fn):
    z = np.arange
    shapes = [((3,), (4,)), ((4,), (3,)), ((2, 3), (6,)), ((2, 3), (5,)), ((5,), (2, 3)),
              ((2, 3), (4, 2)), ((2, 3), (4,)), ((3,), (4, 2)), ((2, 3), (3, 2)),
              ((2, 3), (2, 3))]
    for sa, sb in shapes:
        check(fn, z(np.prod(sa), dtype=float).reshape(sa), z(np.prod(sb), dtype=float).reshape(sb))
    r = np.random.default_rng(1)
    for sa, sb in [((5,), (5,)), ((3, 5), (5,)), ((5,), (5, 3)), ((3, 5), (5, 6)),
                   ((7, 9), (9, 5))]:
        check(fn, r.random(sa) > 0.5, r.random(sb) > 0.5)
        check(fn, r.random(sa) > 0.5, r.integers(0, 5, sb))


# --- item 4: refusals inside the subset -----------------------------------------------------

def tuple16(x: float):
    s = 0.0
    for c in (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0,
              15.0, 16.0, 17.0):
        s = s * x + c
    return s


def nested4x4(x: float):
    s = 0.0
    for row in ((1.0, 2.0, 3.0, 4.0), (5.0, 6.0, 7.0, 8.0), (9.0, 10.0, 11.0, 12.0),
                (13.0, 14.0, 15.0, 16.0)):
        for c in row:
            s = s * x + c
    return s


def mixed_tuple(x: float):
    s = 0
    for i, c in enumerate((1, 2.0, True, 3, 4.5, 5, 6, 7, 8.0, 9, 10, 11, 12, 13, 14, 15, 16,
                           17, 18, 19)):
        if i % 3 == 0:
            continue
        s = s + c * x
    return s


def test_loops_over_long_tuples():
    for x in (0.5, -1.25):
        check(tuple16, x)
        check(nested4x4, x)
        check(mixed_tuple, x)


def bool_scalars(a, flag: bool):
    return (a + True, a * flag, flag * a, a - (not flag) if a.dtype != np.bool_ else a,
            a / flag, a == flag, a < flag, np.maximum(a, flag), np.where(a > 0, a, flag))


def bool_bits(a, flag: bool):
    return a ^ flag, flag | a, a & True


def bool_inplace(a, flag: bool):
    a += flag
    a[0] = flag
    return a


@pytest.mark.parametrize("dt", ["float64", "float32", "int64", "int32", "uint8", "bool"])
def test_python_bools_with_arrays(dt):
    a = np.array([1, 0, 3, 200], dtype=dt)
    for flag in (True, False):
        check(bool_scalars, a, flag)
        if dt not in ("float64", "float32"):
            check(bool_bits, a, flag)
        if dt != "bool":
            check(bool_inplace, a, flag)


def shifts(a, k: int):
    return a << k, a >> k, np.left_shift(a, 3), np.right_shift(a, 1), 5 << a[:0]


def shifts_arr(a, c):
    return a << c, a >> c, c << a


def shift_inplace(a, k: int):
    a <<= k
    a >>= 1
    return a


@pytest.mark.parametrize("dt", ["int64", "int32", "uint8"])
def test_shifts(dt):
    a = {"int64": np.array([1, -8, 2**62, -1, 5, -2**63, 2**63 - 1]),
         "int32": np.array([1, -8, 2**30, -1, 5, -2**31, 2**31 - 1], np.int32),
         "uint8": np.array([1, 200, 255, 7, 0, 128, 3], np.uint8)}[dt]
    for k in (0, 1, 7, 8, 31, 32, 63, 64, 100, -1, -64):
        check(shifts, a, k)
        check(shift_inplace, a, k)
    for c in (np.array([0, 1, 7, 8, 31, 32, 63]), -np.array([0, 1, 7, 8, 31, 32, 63]),
              np.array([0, 1, 7, 8, 31, 32, 63], np.uint8)):
        check(shifts_arr, a, c)


def reciprocal_(a):
    return np.reciprocal(a)


def test_reciprocal_of_ints():
    for dt in ("int64", "int32", "uint8"):
        check(reciprocal_, np.array([0, 1, 2, 3, 100, 255], dtype=dt))
    for dt in ("int64", "int32"):
        check(reciprocal_, np.array([0, -1, -2, 1, -2**31], dtype=dt))


# --- item 2: view or copy, as NumPy decides it at run time -------------------------------------

_VIEWS = ["m", "m[1:]", "m[:, 1:]", "m[:1]", "m[:, :1]", "m[::2]", "m[:, ::2]", "m.T", "m[::-1]",
          "m[:, ::-1]", "m[1:2]", "m[:, 1:2]", "m[None]", "m[:, None]", "m[0]", "m[:, 0]",
          "m[1:3, 1:3]", "m.T[::2]"]
_RESHAPES = ["v.reshape(-1)", "v.reshape(-1, 1)", "v.reshape(1, -1)", "v.reshape(2, -1)",
             "v.reshape(-1, 2)", "v.reshape(v.shape)", "v.reshape(v.shape[0], -1)",
             "v.ravel()", "np.ravel(v)", "np.ascontiguousarray(v)", "v.flatten()"]


def _view_fn(view):
    """For each expression, on a fresh copy of `m`: writes through the result
    and then to the source; what each sees tells a view from a copy."""
    lines = ["def f(m):"]
    outs = []
    for i, expr in enumerate(_RESHAPES):
        lines += [f"    m{i} = m.copy()", f"    v = {view.replace('m', f'm{i}')}",
                  f"    r{i} = {expr}", f"    r{i}.reshape(-1)[0] = 99.0",
                  f"    m{i}[-1, -1] = -7.0"]
        outs += [f"r{i}", f"m{i}"]
    lines.append(f"    return {', '.join(outs)}")
    ns = {"np": np}
    exec(compile("\n".join(lines) + "\n", f"<view {view}>", "exec"), ns)  # noqa: S102
    return ns["f"]


@pytest.mark.parametrize("view", _VIEWS)
def test_reshape_ravel_ascontiguousarray_view_or_copy(view):
    f = _view_fn(view)
    for shape in [(2, 4), (4, 4), (1, 4), (3, 1), (1, 1), (4, 6)]:
        check(f, np.arange(float(np.prod(shape))).reshape(shape))


def reshape_runtime(a, p: int, q: int):
    return a.reshape(p, q), a.reshape(-1, q), a.reshape(p, -1, 1)


def test_reshape_messages_as_numpy():
    # NumPy drops a leading -1 from the shape it prints: "(2)" for (-1, 2)
    for size in (0, 1, 3, 6):
        for p, q in [(6, 1), (2, 3), (4, 2), (0, 3), (3, 0), (0, 0), (1, 6)]:
            check(reshape_runtime, np.zeros(size), p, q)


def size1_ascontiguous(a):
    v = np.ascontiguousarray(a[::2])
    v[0] = 5.0  # a one-element view is contiguous: NumPy returns it itself
    return a


def test_ascontiguousarray_of_one_element_view_is_the_view():
    for n in (1, 2, 3, 4):
        check(size1_ascontiguous, np.arange(float(n)))


_ARG_FUNCS = [
    "def f(m):\n    r = m.reshape(-1)\n    m[0, 0] = 99.0\n    r[1] = 7.0\n    return r",
    "def f(m):\n    r = m.ravel()\n    r[0] = 5.0\n    return m.sum()",
    "def f(m):\n    r = m.T.reshape(-1)\n    r[0] = 5.0\n    return r",
    "def f(m):\n    r = np.ascontiguousarray(m.T)\n    r[0, 0] = 5.0\n    return m",
    "def f(m):\n    r = m[:, 0].reshape(-1)\n    r[0] = 5.0\n    return m",
    "def f(m):\n    m += 1.0\n    m[1:, :] = m[:-1, :] * 2.0\n    return m.sum(axis=0), m.sum(axis=1)",
    "def f(m):\n    for row in m:\n        row[0] = row.sum()\n    return m",
    "def f(m):\n    return m @ m.T, m.max(), m.argmax(), m.cumsum()",
]
_LAYOUTS = {
    "fortran": lambda: np.asfortranarray(np.arange(12.0).reshape(3, 4)),
    "column_step": lambda: np.arange(24.0).reshape(3, 8)[:, ::2],
    "reversed": lambda: np.arange(12.0).reshape(3, 4)[::-1, ::-1],
    "transposed": lambda: np.arange(12.0).reshape(4, 3).T,
    "row_step": lambda: np.arange(24.0).reshape(6, 4)[::2],
    "one_row": lambda: np.arange(12.0).reshape(3, 4)[1:2, ::2],
    "one_column": lambda: np.arange(12.0).reshape(3, 4)[:, 1:2],
}


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
def test_arguments_keep_their_layout(layout):
    """A non-C-contiguous argument is passed with its strides (a compact
    copy of the same structure): reshape/ravel of a Fortran array copy, of
    its transpose view, writes reach the caller's array exactly as in NumPy."""
    for i, src in enumerate(_ARG_FUNCS):
        ns = {"np": np}
        exec(compile(src, f"<arg {i}>", "exec"), ns)  # noqa: S102 - test programs
        check(ns["f"], _LAYOUTS[layout]())


def read_only(m):
    return m.reshape(-1).sum(), m.T.ravel()


def test_broadcast_argument_is_read():
    check(read_only, np.broadcast_to(np.arange(4.0), (3, 4)))


def mask_store(a, x: float):
    a[a >= 0] = x
    return a


def fill_method(a, x: float):
    a.fill(x)
    return a


def store_2d(a, x: float):
    a[0, 1] = x
    a[1] = x
    return a


def full_int(x: float):  # copyto(casting='unsafe'): C's cast, no exception
    return (np.full(3, x, dtype=np.int64), np.full(3, x, dtype=np.int32),
            np.full_like(np.zeros(2, np.uint8), x))


def test_float_stores_everywhere():
    for x in (2.0**63, -2.0**63 - 4096, 1e300, float("nan"), float("inf"), 3.7, -1.5, 1e10):
        for dt in ("int64", "int32", "uint8"):
            check(mask_store, np.zeros(3, dt), x)
            check(fill_method, np.zeros(3, dt), x)
            check(store_2d, np.zeros((2, 2), dt), x)
        check(full_int, x)


def powers(a):
    return a ** 1, a ** 3, a ** 0.5, a ** 1.0


def test_scalar_powers_of_bool_and_int_arrays():
    check(powers, np.array([True, False, True]))
    check(powers, np.array([1, 2, 0], np.uint8))
    check(powers, np.array([1, 2, 0], np.int32))


def trace_(a):
    return np.trace(a)


def test_batched_matmul_and_trace_messages():
    for sa, sb in [((3, 2, 3), (2, 3, 2)), ((3, 2, 3), (3, 3, 2)), ((1, 2, 3), (4, 3, 2)),
                   ((3, 2, 3), (2, 3)), ((3,), (2, 3, 2)), ((2, 2, 3), (3,))]:
        check(matmul_, np.ones(sa), np.ones(sb))
    check(trace_, np.zeros(3))
    check(trace_, np.arange(6.0).reshape(2, 3))
