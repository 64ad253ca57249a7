"""Unroll-and-jam of reduction nests (passes/jam.py): the textbook matrix and
matrix-vector loops, in several loop orders and index permutations, are
jammed (checked on the IR) and their compiled results equal CPython/NumPy
bit for bit on every target (odd sizes, empty, transposed and strided
operands, float32/float64/int64, NaN, infinities and -0.0); nests the pass
must leave alone (stores to a parameter, loads of the array being written,
an index that can leave its axis, Python int sums) are left alone and
raise what CPython raises, where it raises it."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import py2wasm
from py2wasm.frontend import trace
from py2wasm.ir import F64, I64, verify_module
from py2wasm.ir.types import ArrayType
from py2wasm.passes import PIPELINE, run_passes
from py2wasm.passes.jam import UNROLL, jam_function
from py2wasm.passes.promote import promote_function

TARGETS = ("mvp", "simd", "relaxed-simd")


def matmul(a: py2wasm.f64[:, :], b: py2wasm.f64[:, :]) -> py2wasm.f64[:, :]:
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p), dtype=a.dtype)
    for i in range(n):
        for j in range(p):
            s = 0.0
            for k in range(m):
                s += a[i, k] * b[k, j]
            c[i, j] = s
    return c


def matmul_int(a, b):
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p), dtype=np.int64)
    for i in range(n):
        for j in range(p):
            s = 0
            for k in range(m):
                s += a[i, k] * b[k, j]
            c[i, j] = s
    return c


def matmul_tt(a, b):
    """a.T @ b.T written with permuted indices, j outer, i inner."""
    m, n = a.shape
    p = b.shape[0]
    c = np.zeros((n, p), dtype=a.dtype)
    for j in range(p):
        for i in range(n):
            s = 0.0
            for k in range(m):
                s += a[k, i] * b[j, k]
            c[i, j] = s
    return c


def matmul_init(a, b):
    """Sums starting from a value of i and j (not 0.0), the product on the left."""
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p), dtype=a.dtype)
    for i in range(n):
        for j in range(p):
            s = float(j) * -0.25 + float(i)
            for k in range(m):
                s = s + b[k, j] * a[i, k]
            c[i, j] = s
    return c


def matmul_from(a, b, c0):
    """Sums starting from c0[i, j]: c0's column check depends on j (c0 may
    have fewer columns than b): tested for each group before it runs."""
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p), dtype=a.dtype)
    for i in range(n):
        for j in range(p):
            s = c0[i, j]
            for k in range(m):
                s = s + b[k, j] * a[i, k]
            c[i, j] = s
    return c


def matvec(a, x):
    n, m = a.shape
    y = np.zeros(n, dtype=a.dtype)
    for i in range(n):
        s = 0.0
        for k in range(m):
            s += a[i, k] * x[k]
        y[i] = s
    return y


def vecmat(x, a):
    m, p = a.shape
    y = np.zeros(p, dtype=a.dtype)
    for j in range(p):
        s = 0.0
        for k in range(m):
            s += x[k] * a[k, j]
        y[j] = s
    return y


def strided(a, b):
    """Views made inside: every other row of a, b reversed along its rows."""
    a2 = a[::2, :]
    b2 = b[::-1, :]
    n, m = a2.shape
    p = b2.shape[1]
    c = np.zeros((n, p), dtype=a.dtype)
    for i in range(n):
        for j in range(p):
            s = 0.0
            for k in range(m):
                s += a2[i, k] * b2[k, j]
            c[i, j] = s
    return c


def matmul_acc(a, b):
    """The sum kept in the result's element (passes/promote.py carries it)."""
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p), dtype=a.dtype)
    for i in range(n):
        for j in range(p):
            for k in range(m):
                c[i, j] += a[i, k] * b[k, j]
    return c


def matmul_acc32(a, b):
    """float64 sums stored into float32 elements: every step rounds through
    the array; the carried value is rounded to float32 the same way."""
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p), dtype=np.float32)
    for i in range(n):
        for j in range(p):
            for k in range(m):
                c[i, j] += a[i, k] * b[k, j]
    return c


def acc_checked(a, q: int):
    """The element's column q is checked inside the loop, before the load:
    not carried (the load must not run before the check)."""
    n, m = a.shape
    c = np.zeros((n, 3))
    for i in range(n):
        for k in range(m):
            c[i, q] += a[i, k]
    return c


def row_sums_and_last_k(a):
    """c[i] += ... carried, with the loop variable read after the loop."""
    n, m = a.shape
    c = np.zeros(n)
    t = 0
    for i in range(n):
        k = -1
        for k in range(m):
            c[i] += a[i, k] * 0.5
        t += k
    return c, t


# --- nests that must stay as written -------------------------------------------------------

def into_param(a, b, c):
    """Stores into a parameter (it may share memory with a or b)."""
    n, m = a.shape
    p = b.shape[1]
    for i in range(n):
        for j in range(p):
            s = 0.0
            for k in range(m):
                s += a[i, k] * b[k, j]
            c[i, j] = s


def reads_output(a, b):
    """Row i reads row i - 1 of the result it writes."""
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p))
    for i in range(n):
        for j in range(p):
            s = 0.0
            for k in range(m):
                s += a[i, k] * b[k, j] + c[i - 1, k % p]
            c[i, j] = s
    return c


def past_columns(a, b, extra: int):
    """j runs past b's columns: IndexError (the check depends on j alone)."""
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p + extra))
    for i in range(n):
        for j in range(p + extra):
            s = 0.0
            for k in range(m):
                s += a[i, k] * b[k, j]
            c[i, j] = s
    return c


def past_rows(a, x, extra: int):
    """i runs past a's rows: IndexError (the check depends on i alone: the
    group that would cross it runs in the original loop)."""
    n, m = a.shape
    y = np.zeros(n + extra)
    for i in range(n + extra):
        s = 0.0
        for k in range(m):
            s += a[i, k] * x[k]
        y[i] = s
    return y


def big_body(a, b):
    """A body of several hundred equations: 8 copies would bloat the code."""
    n, m = a.shape
    p = b.shape[1]
    c = np.zeros((n, p))
    for i in range(n):
        for j in range(p):
            s = 0.0
            for k in range(m):
                s += (a[i, k] * b[k, j] + a[i, k] * 2.0 + b[k, j] * 3.0 + a[i, k] * 4.0
                      + b[k, j] * 5.0 + a[i, k] * 6.0 + b[k, j] * 7.0 + a[i, k] * 8.0
                      + b[k, j] * 9.0 + a[i, k] * 10.0 + b[k, j] * 11.0 + a[i, k] * 12.0
                      + b[k, j] * 13.0 + a[i, k] * 14.0 + b[k, j] * 15.0 + a[i, k] * 16.0
                      + b[k, j] * 17.0 + a[i, k] * 18.0 + b[k, j] * 19.0 + a[i, k] * 20.0
                      + b[k, j] * 21.0 + a[i, k] * 22.0 + b[k, j] * 23.0 + a[i, k] * 24.0
                      + b[k, j] * 25.0 + a[i, k] * 26.0 + b[k, j] * 27.0 + a[i, k] * 28.0
                      + b[k, j] * 29.0 + a[i, k] * 30.0 + b[k, j] * 31.0 + a[i, k] * 32.0)
            c[i, j] = s
    return c


def python_ints(n: int, m: int) -> int:
    t = 0
    for i in range(n):
        s = 0
        for k in range(m):
            s += (i + 3) * (k - 2) * 1000003
        t += s
    return t


def _jammed(fn, types) -> bool:
    mod = trace(fn, types)
    for _name, p in PIPELINE:
        if _name == "jam":
            break
        mod = p(mod)
    promote_function(mod.functions[fn.__name__])
    done = jam_function(mod.functions[fn.__name__])
    verify_module(mod)
    return done


A2, F2, I2 = ArrayType("float64", 2), ArrayType("float32", 2), ArrayType("int64", 2)
A1, F1 = ArrayType("float64", 1), ArrayType("float32", 1)


@pytest.mark.parametrize("fn,types", [
    (matmul, [A2, A2]), (matmul, [F2, F2]), (matmul_int, [I2, I2]), (matmul_tt, [A2, A2]),
    (matmul_init, [A2, A2]), (matvec, [A2, A1]), (matvec, [F2, F1]), (vecmat, [A1, A2]),
    (strided, [A2, A2]), (past_columns, [A2, A2, I64]), (matmul_acc, [A2, A2]),
    (matmul_acc, [F2, F2]), (matmul_acc, [I2, I2]), (matmul_acc32, [A2, A2]),
    (matmul_from, [A2, A2, A2]), (past_rows, [A2, A1, I64])], ids=lambda x: getattr(x, "__name__", ""))
def test_reduction_nests_are_jammed(fn, types):
    # past_columns, past_rows, matmul_from: a bounds check of j alone (b's or
    # c0's columns, a's rows) is tested for the whole group before it runs (the
    # original loop takes over where one could fail)
    assert _jammed(fn, types) is True


@pytest.mark.parametrize("fn,types", [
    (into_param, [A2, A2, A2]), (reads_output, [A2, A2]), (python_ints, [I64, I64]), (acc_checked, [A2, I64]),
    (big_body, [A2, A2])],
    ids=lambda x: getattr(x, "__name__", ""))
def test_nests_left_alone(fn, types):
    assert _jammed(fn, types) is False


def test_jammed_loads_use_offsets_and_lanes():
    """After the vectorizer the jammed k loop of `matmul` loads B's row as
    v128 vectors at constant offsets of one address."""
    mod = run_passes(trace(matmul, [A2, A2]), target="simd")
    fn = mod.functions["matmul"]
    vloads = [e for b in fn.blocks for e in b.eqns if e.prim == "vload"]
    assert len({e.params.get("offset", 0) for e in vloads}) >= UNROLL // 2


def _special(rng, shape, dtype):
    x = rng.standard_normal(shape).astype(dtype)
    if x.size:
        flat = x.reshape(-1)
        pick = rng.integers(0, flat.size, size=max(1, flat.size // 7))
        flat[pick] = rng.choice(np.array([np.nan, np.inf, -np.inf, -0.0, 0.0, 3e38], dtype=dtype),
                                size=pick.size)
    return x


def _outcome(f, *args):
    """The result's bytes (NaNs made one NaN: the sign of a NaN made by
    inf - inf or 0 * inf is the machine's, wasm's differs from x86's, with or
    without this pass), or the exception."""
    try:
        with np.errstate(all="ignore"):
            r = f(*args)
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))
    if isinstance(r, np.ndarray):
        if r.dtype.kind == "f":
            r = np.where(np.isnan(r), np.array(np.nan, r.dtype), r)
        return ("ok", r.dtype.str, r.shape, r.tobytes())
    return ("ok", r)


SIZES = (0, 1, 2, 3, 7, 63, 65)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_matmul_sizes_equal_cpython(target, dtype):
    rng = np.random.default_rng(15)
    f = py2wasm.compile(matmul, target=target)
    shapes = [(n, m, p) for n in SIZES for m in (0, 1, 7, 65) for p in SIZES if n * m * p < 30000]
    for n, m, p in shapes:
        a, b = _special(rng, (n, m), dtype), _special(rng, (m, p), dtype)
        assert _outcome(f, a, b) == _outcome(matmul, a, b), (n, m, p)
    a, b = _special(rng, (9, 257), dtype), _special(rng, (257, 257), dtype)
    assert _outcome(f, a, b) == _outcome(matmul, a, b)


@pytest.mark.parametrize("target", TARGETS)
def test_transposed_and_strided_operands_equal_cpython(target):
    rng = np.random.default_rng(7)
    for dtype in ("float64", "float32"):
        for n, m, p in ((3, 7, 9), (63, 2, 65), (1, 65, 17), (8, 8, 8)):
            a, b = _special(rng, (m, n), dtype), _special(rng, (p, m), dtype)
            assert _outcome(py2wasm.compile(matmul, target=target), a.T, b.T) == \
                _outcome(matmul, a.T, b.T)
            assert _outcome(py2wasm.compile(matmul_tt, target=target), a, b) == \
                _outcome(matmul_tt, a, b)
            assert _outcome(py2wasm.compile(matmul_init, target=target), a.T, b.T) == \
                _outcome(matmul_init, a.T, b.T)
            for q in (p, p - 1):  # c0 with a column too few: IndexError
                c0 = _special(rng, (n, q), dtype)
                assert _outcome(py2wasm.compile(matmul_from, target=target), a.T, b.T, c0) == \
                    _outcome(matmul_from, a.T, b.T, c0)
            big = _special(rng, (2 * n + 1, m), dtype)
            bb = _special(rng, (m, p), dtype)
            assert _outcome(py2wasm.compile(strided, target=target), big, bb) == \
                _outcome(strided, big, bb)
            x = _special(rng, (m,), dtype)
            assert _outcome(py2wasm.compile(matvec, target=target), a.T, x) == \
                _outcome(matvec, a.T, x)
            assert _outcome(py2wasm.compile(vecmat, target=target), x, b.T) == \
                _outcome(vecmat, x, b.T)


@pytest.mark.parametrize("target", TARGETS)
def test_int64_wraps_like_numpy(target):
    rng = np.random.default_rng(3)
    f = py2wasm.compile(matmul_int, target=target)
    for n, m, p in ((0, 2, 3), (1, 1, 1), (7, 3, 65), (9, 63, 17)):
        a = rng.integers(-2**62, 2**62, (n, m))
        b = rng.integers(-2**40, 2**40, (m, p))
        with np.errstate(over="ignore"):
            assert _outcome(f, a, b) == _outcome(matmul_int, a, b)


@pytest.mark.parametrize("target", TARGETS)
def test_index_errors_where_cpython_raises(target):
    rng = np.random.default_rng(5)
    # a has more columns than b rows: the k check (independent of j) fails
    # inside the jammed nest, at the same k, with the same message
    a, b = rng.standard_normal((5, 12)), rng.standard_normal((9, 13))
    assert _outcome(py2wasm.compile(matmul, target=target), a, b) == _outcome(matmul, a, b)
    assert _outcome(matmul, a, b)[0] == "IndexError"
    a, b = rng.standard_normal((5, 9)), rng.standard_normal((9, 13))
    for extra in (0, 1, 5, 20):
        assert _outcome(py2wasm.compile(past_columns, target=target), a, b, extra) == \
            _outcome(past_columns, a, b, extra)
        x = rng.standard_normal(9)
        assert _outcome(py2wasm.compile(past_rows, target=target), a, x, extra) == \
            _outcome(past_rows, a, x, extra)
        assert _outcome(py2wasm.compile(matvec, target=target), b.T, x) == \
            _outcome(matvec, b.T, x)  # x too short: IndexError at k = 9


@pytest.mark.parametrize("target", TARGETS)
def test_nests_left_alone_equal_cpython(target):
    rng = np.random.default_rng(9)
    a, b = rng.standard_normal((6, 6)), rng.standard_normal((6, 6))
    for args in ((a, b, a), (a, b, b), (a, a, a)):  # the output aliases an input
        want = [x.copy() for x in args]
        got = [x.copy() for x in args]
        if args[2] is args[0]:
            want[2], got[2] = want[0], got[0]
        if args[2] is args[1]:
            want[2], got[2] = want[1], got[1]
        if args[0] is args[1]:
            want[1], got[1] = want[0], got[0]
        into_param(*want)
        py2wasm.compile(into_param, target=target)(*got)
        assert all(x.tobytes() == y.tobytes() for x, y in zip(want, got))
    assert _outcome(py2wasm.compile(reads_output, target=target), a, b) == \
        _outcome(reads_output, a, b)
    assert _outcome(py2wasm.compile(big_body, target=target), a, b) == _outcome(big_body, a, b)
    f = py2wasm.compile(python_ints, target=target)
    for n, m in ((3, 4), (40, 9), (3, 2**40)):
        if n * m < 10**6:
            assert _outcome(f, n, m) == _outcome(python_ints, n, m)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20),
       st.sampled_from(["float64", "float32"]), st.integers(0, 2**32 - 1))
def test_matmul_hypothesis(n, m, p, dtype, seed):
    rng = np.random.default_rng(seed)
    a, b = _special(rng, (n, m), dtype), _special(rng, (m, p), dtype)
    want = _outcome(matmul, a, b)
    got = [py2wasm.compile(matmul, target=target)(a, b) for target in TARGETS]
    for r in got:  # the same bits on every target, NaNs too
        assert r.tobytes() == got[0].tobytes()
    assert _outcome(lambda: got[0]) == want


# --- generated nests: loop orders, index permutations, bounds, updates ---------------------

_NEST = '''
import numpy as np
def f(a, b, m, extra):
    c = np.zeros(({rows}, {cols}), dtype=a.dtype)
    for {o1} in range({r1}):
        for {o2} in range({r2}):
            s = {init}
            for k in range({kb}):
                {update}
            c[i, j] = {store}
    return c
'''


@st.composite
def nests(draw):
    dtype = draw(st.sampled_from(["float64", "float32", "int64"]))
    ta, tb = draw(st.booleans()), draw(st.booleans())
    x = "a[k, i]" if ta else "a[i, k]"
    y = "b[j, k]" if tb else "b[k, j]"
    rows = "a.shape[1]" if ta else "a.shape[0]"
    cols = "b.shape[0]" if tb else "b.shape[1]"
    ka = "a.shape[0]" if ta else "a.shape[1]"
    kb = draw(st.sampled_from([ka, "m"]))  # m may run past an operand's k axis
    colsx = draw(st.sampled_from([cols, cols + " + extra"]))  # extra may run past b
    order = draw(st.booleans())
    o1, o2, r1, r2 = ("i", "j", rows, colsx) if order else ("j", "i", colsx, rows)
    if dtype == "int64":
        init = draw(st.sampled_from(["0", "i", "j - 3"]))
        update = draw(st.sampled_from(["s += {x} * {y}", "s = s - {x} * {y}",
                                       "s = {x} * {y} + s", "s += {x} * {y} + k"]))
        store = draw(st.sampled_from(["s", "s * 3"]))
    else:
        init = draw(st.sampled_from(["0.0", "-0.0", "float(j) * 0.5", "1e308"]))
        update = draw(st.sampled_from(["s += {x} * {y}", "s = s - {x} * {y}",
                                       "s = {x} * {y} + s", "s += {x} * {y} * 0.5",
                                       "s = s * 0.5 + {x}"]))
        store = draw(st.sampled_from(["s", "s * 2.0", "-s"]))
    src = _NEST.format(rows=rows, cols=colsx, o1=o1, o2=o2, r1=r1, r2=r2, init=init, kb=kb,
                       update=update.format(x=x, y=y), store=store)
    if draw(st.booleans()):  # the sum kept in c[i, j] itself (passes/promote.py)
        import re
        lines = src.split("\n")
        src = "\n".join(re.sub(r"\bs\b", "c[i, j]", ln) if ln.strip().startswith(("s ", "s=")) or
                        "range(" not in ln and re.search(r"\bs\b", ln) else ln for ln in lines)
    n, mm, p = draw(st.integers(0, 11)), draw(st.integers(0, 9)), draw(st.integers(0, 19))
    shape_a = (mm, n) if ta else (n, mm)
    shape_b = (p, mm) if tb else (mm, p)
    m = draw(st.integers(0, 11))
    extra = draw(st.integers(0, 2))
    return src, dtype, shape_a, shape_b, m, extra


_loaded = {}


def _load(src):
    import linecache
    if src not in _loaded:
        name = f"<jam-nest-{len(_loaded)}>"
        linecache.cache[name] = (len(src), None, src.splitlines(True), name)
        ns = {}
        exec(compile(src, name, "exec"), ns)
        _loaded[src] = ns["f"]
    return _loaded[src]


@settings(max_examples=60, deadline=None)
@given(nests(), st.sampled_from(TARGETS), st.integers(0, 2**32 - 1))
def test_generated_nests_equal_cpython(nest, target, seed):
    src, dtype, shape_a, shape_b, m, extra = nest
    f = _load(src)
    rng = np.random.default_rng(seed)
    if dtype == "int64":
        a, b = rng.integers(-50, 50, shape_a), rng.integers(-50, 50, shape_b)
    else:
        a, b = _special(rng, shape_a, dtype), _special(rng, shape_b, dtype)
    assert _outcome(py2wasm.compile(f, target=target), a, b, m, extra) == \
        _outcome(f, a, b, m, extra), src


@pytest.mark.parametrize("target", TARGETS)
def test_elements_carried_equal_cpython(target):
    rng = np.random.default_rng(11)
    for n, m, p in ((0, 3, 2), (3, 0, 9), (1, 1, 1), (7, 9, 17), (9, 63, 65)):
        for dt in ("float64", "float32"):
            a, b = _special(rng, (n, m), dt), _special(rng, (m, p), dt)
            assert _outcome(py2wasm.compile(matmul_acc, target=target), a, b) == \
                _outcome(matmul_acc, a, b)
        a, b = _special(rng, (n, m), "float64"), _special(rng, (m, p), "float64")
        assert _outcome(py2wasm.compile(matmul_acc32, target=target), a, b) == \
            _outcome(matmul_acc32, a, b)
        ai, bi = rng.integers(-99, 99, (n, m)), rng.integers(-99, 99, (m, p))
        assert _outcome(py2wasm.compile(matmul_acc, target=target), ai, bi) == \
            _outcome(matmul_acc, ai, bi)
    a = rng.standard_normal((4, 5))
    for q in (-4, -1, 0, 2, 3, 100):
        assert _outcome(py2wasm.compile(acc_checked, target=target), a, q) == \
            _outcome(acc_checked, a, q)
    for shape in ((0, 3), (3, 0), (5, 7), (9, 1)):
        a = _special(rng, shape, "float64")
        got = py2wasm.compile(row_sums_and_last_k, target=target)(a)
        want = row_sums_and_last_k(a)
        assert _outcome(lambda: got[0]) == _outcome(lambda: want[0]) and got[1] == want[1]
