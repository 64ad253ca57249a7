"""np.random.default_rng(seed) in compiled code (py2wasm/randomlib,
frontend/random_calls.py) against NumPy itself: the same seed gives the
same draws bit for bit (normal draws in the ziggurat's tail: within 1 ulp,
see test_normal_stream), the same result types, the same exceptions and
messages; unsupported forms are located CompileErrors."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm
from py2wasm.errors import CompileError
from py2wasm.randomlib.tables import ZIG_R

SEEDS = (0, 1, 42, 2**63 + 5, 2**100 + 12345)
_COMPILED: dict = {}


def compiled(fn):
    if fn not in _COMPILED:
        _COMPILED[fn] = py2wasm.compile(fn)
    return _COMPILED[fn]


def same(a, b):
    """Bit for bit, with the same Python / NumPy type and dtype."""
    assert type(a) is type(b), (type(a), type(b))
    if isinstance(a, tuple):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            same(x, y)
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape
        assert np.array_equal(a.view(np.uint8), b.view(np.uint8))
    else:
        assert np.asarray(a).tobytes() == np.asarray(b).tobytes(), (a, b)


def _streams(seed):
    def streams(n: int):
        rng = np.random.default_rng(seed)
        a = rng.random(n)
        b = rng.integers(-5, 250, n)
        c = rng.random()
        d = rng.uniform(-2.0, 3.0, n)
        e = rng.integers(0, 2**40, n)
        return a, b, c, d, e, rng.random()
    return streams


STREAMS = {seed: _streams(seed) for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS)
def test_streams_interleaved(seed):
    fn = STREAMS[seed]
    for n in (1, 7, 1000, 100000):
        same(compiled(fn)(n), fn(n))


def test_normal_stream():
    """standard_normal: every draw is NumPy's except, rarely, one beyond the
    ziggurat's tail start r (drawn through log1p, where py2wasm's libm is
    correctly rounded and glibc's, used by NumPy on Linux, is 1 ulp off in
    a few cases): those may differ by 1 ulp."""
    def normals(n: int):
        rng = np.random.default_rng(2026)
        return rng.standard_normal(n), rng.normal(1.5, 2.0, n), rng.normal(), \
            rng.standard_normal()
    for n in (1, 7, 1000):
        same(compiled(normals)(n), normals(n))
    got, want = compiled(normals)(300000), normals(300000)
    for g, w in zip(got[:2], want[:2]):
        assert g.dtype == w.dtype == np.float64
        bad = np.nonzero(g != w)[0]
        assert len(bad) <= 4
        assert np.all(np.abs(w[bad]) > ZIG_R)
        assert np.all(np.abs(g[bad] - w[bad]) <= np.spacing(np.abs(w[bad])))
    same(got[2:], want[2:])


def sizes(n: int, m: int):
    rng = np.random.default_rng(7)
    return (rng.random((n, m)), rng.random((2, 3, 4)), rng.random(0), rng.uniform(size=(m,)),
            rng.integers(3, size=(n, m)), rng.integers(10, 20, size=(1,)),
            rng.standard_normal((m, n)), rng.normal(size=(2, 2)), rng.uniform(5.0, 5.0),
            rng.integers(4), rng.integers(-3, 3, endpoint=True))


def test_sizes_and_types():
    for n, m in ((2, 3), (1, 1), (0, 4), (5, 0)):
        same(compiled(sizes)(n, m), sizes(n, m))


def float32s(n: int):
    rng = np.random.default_rng(99)
    return rng.random(n, dtype=np.float32), rng.random(), rng.random(dtype=np.float32), \
        rng.random((2, n), np.float32), rng.integers(0, 100, n)


def test_float32():
    for n in (1, 7, 1000):
        same(compiled(float32s)(n), float32s(n))


def ranges(low: int, high: int, n: int):
    rng = np.random.default_rng(1234)
    return (rng.integers(low, high, n), rng.integers(low, high), rng.integers(low, high, n),
            rng.integers(low, high, n, endpoint=True), rng.integers(low, high, endpoint=True))


@pytest.mark.parametrize("low,high", [
    (0, 1), (0, 2), (7, 8), (0, 255), (-128, 127), (0, 256), (0, 2**31), (0, 2**32 - 1),
    (0, 2**32), (0, 2**32 + 1), (-2**31, 2**31), (-5, 2**62), (0, 2**62), (-2**62, 2**62),
    (-2**63, 2**63 - 1), (-2**63, 0), (2**63 - 10, 2**63 - 1), (1000, 1001), (-7, -3)])
def test_integer_ranges(low, high):
    for n in (1, 7, 1000):
        same(compiled(ranges)(low, high, n), ranges(low, high, n))


def bad_integers(low: int, high: int, endpoint: bool):
    rng = np.random.default_rng(5)
    return rng.integers(low, high, 3, endpoint=endpoint)


def bad_integers_1(high: int, endpoint: bool):
    rng = np.random.default_rng(5)
    return rng.integers(high, endpoint=endpoint)


def _raises_same(fn, *args):
    try:
        want = fn(*args)
    except Exception as e:  # noqa: BLE001 - compared below
        with pytest.raises(type(e)) as got:
            compiled(fn)(*args)
        assert str(got.value).splitlines()[0] == str(e), (str(got.value), str(e))
        return
    same(compiled(fn)(*args), want)


@pytest.mark.parametrize("low,high", [(5, 5), (5, 4), (0, 0), (0, -1), (-3, -3), (3, -3)])
@pytest.mark.parametrize("endpoint", [False, True])
def test_integer_errors(low, high, endpoint):
    _raises_same(bad_integers, low, high, endpoint)


@pytest.mark.parametrize("high", [0, -1, -5, 1])
@pytest.mark.parametrize("endpoint", [False, True])
def test_integer_errors_one_bound(high, endpoint):
    _raises_same(bad_integers_1, high, endpoint)


def other_errors(k: int, x: float):
    rng = np.random.default_rng(3)
    if k == 0:
        return rng.normal(0.0, x)
    if k == 1:
        return rng.uniform(0.0, x)
    if k == 2:
        return float(rng.random(int(x)).sum())
    if k == 3:
        return float(rng.choice(int(x)))
    return float(rng.choice(np.zeros(int(x))))


@pytest.mark.parametrize("k,x", [(0, -1.0), (0, -0.0), (0, float("nan")), (0, 2.0),
                                 (1, float("inf")), (1, 1e308), (1, float("nan")), (1, -2.0), (1, 0.0), (0, -float("nan")),
                                 (2, -1.0), (2, 3.0), (3, 0.0), (3, -2.0), (3, 5.0),
                                 (4, 0.0), (4, 3.0)])
def test_other_errors(k, x):
    _raises_same(other_errors, k, x)


def _draw(rng, n):
    return rng.random(n) + rng.integers(0, 3, n)


def _walk(rng, steps):
    x = 0
    for _ in range(steps):
        x += 1 if rng.random() < 0.5 else -1
    return x


def helpers(n: int):
    rng = np.random.default_rng(11)
    a = _draw(rng, n)
    w = _walk(rng, n)
    return a, w, rng.random(), _walk(rng, 3)


def test_generator_passed_to_helpers():
    for n in (1, 7, 1000):
        same(compiled(helpers)(n), helpers(n))


def choices(n: int):
    rng = np.random.default_rng(21)
    pool = np.arange(10.0) * 1.5
    a = np.arange(n) * 2
    rng.shuffle(a)
    return (rng.choice(10, 4), rng.choice(n), rng.choice(pool, (2, 3)), rng.choice(pool),
            a, rng.permutation(n), rng.permutation(pool), rng.choice(3, size=(n,)))


def rows(m, n: int):
    rng = np.random.default_rng(n)
    rng.shuffle(m)
    return m, rng.permutation(m), rng.random()


def test_shuffle_permutation_of_rows():
    for shape in ((5, 3), (1, 2), (0, 3), (4, 2, 2)):
        m = np.arange(float(np.prod(shape))).reshape(shape)
        for n in (0, 9):
            got = compiled(rows)(m.copy(), n)
            same(got, rows(m.copy(), n))


def test_choice_shuffle_permutation():
    for n in (1, 2, 7, 1000):
        same(compiled(choices)(n), choices(n))


BIG_SEED = 2**64 + 77  # beyond int64: a global (a literal this large is an int64 overflow)


def monte_carlo(n: int):
    """Estimating pi and a bootstrap mean: draws feeding array code."""
    rng = np.random.default_rng(BIG_SEED)
    xy = rng.random((n, 2))
    inside = np.sum(xy[:, 0] ** 2 + xy[:, 1] ** 2 <= 1.0)
    data = rng.normal(3.0, 0.5, 50)
    means = np.empty(20)
    for b in range(20):
        means[b] = data[rng.integers(0, 50, 50)].mean()
    return 4.0 * inside / n, means


def test_monte_carlo():
    same(compiled(monte_carlo)(10000), monte_carlo(10000))


def run_time_seed(seed: int, n: int):
    rng = np.random.default_rng(seed)
    return rng.random(n), rng.integers(0, 1000, n), rng.standard_normal(), rng.random()


def run_time_seed_np(seed: np.int32, n: int):
    rng = np.random.default_rng(seed)
    return rng.random(n)


@pytest.mark.parametrize("seed", [0, 1, 2, 42, 2**31 - 1, 2**32 - 1, 2**32, 2**32 + 1, 2**40 + 3,
                                  2**62, 2**63 - 1, 12345678901234, -1, -2**63])
def test_run_time_seed(seed):
    """NumPy's SeedSequence hashing of a run-time seed (randomlib/seedseq.py)."""
    _raises_same(run_time_seed, seed, 5)


def test_run_time_seed_many():
    for seed in range(0, 3000, 7):
        same(compiled(run_time_seed)(seed, 3), run_time_seed(seed, 3))
    for seed in (0, 5, -3, 2**31 - 1):
        _raises_same(run_time_seed_np, np.int32(seed), 4)


INT64_HIGH = 2**63  # bounds beyond int64 as globals (a literal that large overflows int64)
BEYOND = 2**64
BELOW = -2**63 - 1


def int64_bounds(k: int):
    rng = np.random.default_rng(8)
    if k == 0:
        return rng.integers(0, INT64_HIGH, 3)
    if k == 1:
        return rng.integers(-5, INT64_HIGH, 3)
    if k == 2:
        return rng.integers(0, BEYOND, 3)
    if k == 3:
        return rng.integers(BELOW, 0, 3)
    if k == 4:
        return rng.integers(0, INT64_HIGH, 3, endpoint=True)
    return rng.integers(INT64_HIGH, 3, 2)


@pytest.mark.parametrize("k", range(6))
def test_int64_bounds(k):
    _raises_same(int64_bounds, k)


# ---- refused forms: located CompileErrors with a hint --------------------

def no_seed():
    rng = np.random.default_rng()
    return rng.random()


def float_seed(s: float):
    rng = np.random.default_rng(s)
    return rng.random()


def legacy():
    return np.random.rand(3)


def exponential():
    rng = np.random.default_rng(1)
    return rng.exponential(2.0, 3)


def int32s():
    rng = np.random.default_rng(1)
    return rng.integers(0, 5, 3, dtype=np.int32)


def normal32():
    rng = np.random.default_rng(1)
    return rng.standard_normal(3, dtype=np.float32)


def no_replace():
    rng = np.random.default_rng(1)
    return rng.choice(5, 3, replace=False)


def returns_generator():
    rng = np.random.default_rng(1)
    return rng.random(), rng


def takes_generator(rng):
    return rng.random()


def array_bounds(a):
    rng = np.random.default_rng(1)
    return rng.integers(a, 5)


def array_loc(a):
    rng = np.random.default_rng(1)
    return rng.normal(a, 1.0)


def list_size():
    rng = np.random.default_rng(1)
    return rng.random([2, 3])


def choice_of_list():
    rng = np.random.default_rng(1)
    return rng.choice([1, 2, 3])


def shuffle_list():
    rng = np.random.default_rng(1)
    xs = [1, 2, 3]
    rng.shuffle(xs)
    return xs[0]


@pytest.mark.parametrize("fn,args,words", [
    (array_bounds, (np.array([1, 2]),), "Generator.integers() with an array"),
    (array_loc, (np.zeros(2),), "Generator.normal() with an array"),
    (list_size, (), "size=a list"),
    (choice_of_list, (), "Generator.choice() with an array or non-number"),
    (shuffle_list, (), "Generator.shuffle() of anything but an array"),
    (returns_generator, (), "cannot leave compiled code"),
    (takes_generator, (np.random.default_rng(1),), "argument of type Generator"),
    (no_seed, (), "without a seed"),
    (float_seed, (3.0,), "the seed must be an int"),
    (legacy, (), "numpy.random.rand()"),
    (exponential, (), "Generator.exponential()"),
    (int32s, (), "dtype="),
    (normal32, (), "dtype=float32"),
    (no_replace, (), "replace=False"),
])
def test_refused(fn, args, words):
    with pytest.raises(CompileError) as e:
        py2wasm.compile(fn)(*args)
    msg = str(e.value)
    assert words in msg and "test_random_calls.py" in msg and "hint" in msg, msg


def test_library_runs_under_cpython():
    """randomlib is plain Python too (its hooks have CPython bodies): the
    same draws as NumPy without compiling, so it can be read and debugged."""
    import warnings

    from py2wasm.randomlib.generator import make
    from py2wasm.randomlib.seedseq import make_seeded
    from py2wasm.randomlib.tables import seeded_state
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # np.uint64 wrap-around
        for g in (make(*seeded_state(3)), make_seeded(3)):
            ref = np.random.default_rng(3)
            assert np.array_equal(g.standard_normal(200), ref.standard_normal(200))
            assert np.array_equal(g.integers(-7, 2**40, 50), ref.integers(-7, 2**40, 50))
            assert g.random() == ref.random()
