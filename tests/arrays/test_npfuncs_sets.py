"""frontend/npfuncs_sets.py: np.isin (invert=, assume_unique=, NumPy's
method choice), intersect1d (assume_unique=, return_indices=), setdiff1d,
union1d, setxor1d compiled vs NumPy, bit for bit, over dtypes, shapes
(empty, one element, odd, 2-D, strided views), NaN and -0.0 (a set holding
both 0.0 and -0.0 keeps whichever NumPy's unstable sort puts first:
docs/arrays.md; these tests hold one sign of zero per unique-producing
call), and the errors."""
import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same


def isin(a, b):
    return np.isin(a, b), np.isin(a, b, invert=True)


def isin_au(a, b):
    return np.isin(a, b, assume_unique=True), np.isin(a, b, assume_unique=True, invert=True)


def inter(a, b):
    return np.intersect1d(a, b), np.intersect1d(a, b, assume_unique=True)


def inter_i(a, b):
    return np.intersect1d(a, b, return_indices=True)


def inter_au(a, b):
    return np.intersect1d(a, b, assume_unique=True, return_indices=True)


def diff(a, b):
    return np.setdiff1d(a, b), np.setdiff1d(a, b, assume_unique=True)


def uni(a, b):
    return np.union1d(a, b)


def xor(a, b):
    return np.setxor1d(a, b), np.setxor1d(a, b, assume_unique=True)


def isin_scalar(a, x: float):
    # NumPy gives 0-d arrays here, py2wasm NumPy bools (docs/arrays.md)
    return bool(np.isin(x, a)), bool(np.isin(a[0], a))


def isin_list(a):
    return np.isin(a, [1, 3]), np.setdiff1d(a, [2.0])


def mixed(a, b):
    return np.isin(a, b), np.isin(b, a, invert=True), np.intersect1d(a, b), np.union1d(a, b)


def bad_kind(a, b):
    return np.isin(a, b, kind="fast")


FNS = [isin, isin_au, inter, inter_i, inter_au, diff, uni, xor]
R = np.random.default_rng(74)


def _cases():
    out = []
    for dt in ["float64", "float32", "int64", "int32", "uint8", "bool"]:
        for n1, n2 in [(0, 0), (0, 3), (1, 3), (7, 5), (30, 40), (3, 50)]:
            a = R.integers(0, 6, n1).astype(dt)
            b = R.integers(0, 6, n2).astype(dt)
            if dt.startswith("float"):
                a[a == 0] = -0.0
                b[b == 0] = -0.0
                if n1 > 2:
                    a[1] = np.nan
            out.append((dt, a, b))
    out += [
        ("nan", np.array([np.nan, 1.0, np.nan, -0.0]), np.array([-0.0, np.nan, 1.0])),
        ("2d", np.arange(12.0).reshape(3, 4), np.array([2, 5, 40])),
        ("view", np.arange(24).reshape(4, 6)[:, ::2], np.array([2.0, 5.5, 4])),
        ("wide", R.integers(-10**12, 10**12, 40), R.integers(-10**12, 10**12, 60)),
        ("wide_dup", np.repeat(R.integers(-10**12, 10**12, 20), 2), np.repeat(R.integers(-10**12, 10**12, 30), 3)),
        ("mixed", np.arange(-3, 9, dtype=np.int8), np.array([0.5, 2.0, -3.0], dtype=np.float32)),
        ("i8_u8", np.array([-1, 5, 127, 3], dtype=np.int8), np.array([255, 5, 3, 128] * 20, dtype=np.uint8)),
        ("big_u64", np.array([2**63 + 5, 7], dtype=np.uint64), np.array([7, 2**63 + 5, 1] * 20, dtype=np.uint64)),
    ]
    return out


CASES = _cases()


@pytest.mark.parametrize("fn", FNS, ids=lambda f: f.__name__)
def test_like_numpy(fn):
    f = py2wasm.compile(fn, target="simd")
    for name, a, b in CASES:
        want = outcome(fn, (a.copy(), b.copy()))
        got = outcome(f, (a.copy(), b.copy()))
        if want[0] != "ok" or got[0] != "ok":
            assert got[:2] == want[:2], (name, a, b)
            continue
        assert same(got[1], want[1], 0, 0) is None, (name, a, b, got[1], want[1])


@pytest.mark.parametrize("fn,args", [
    (isin_scalar, (np.array([1.0, 2.5, np.nan]), 2.5)),
    (isin_scalar, (np.array([1.0, 2.5, np.nan]), float("nan"))),
    (isin_list, (np.array([1.0, 2.0, 3.0, 2.0]),)),
    (bad_kind, (np.ones(2), np.ones(2))),
    (mixed, (np.array([3, 2**63 + 3, 2**64 - 1, 0], dtype=np.uint64), np.array([-1, 3, -2**63 + 3, 0]))),
    (mixed, (np.array([5, 7], dtype=np.uint64), np.array([], dtype=np.int8))),
    (mixed, (np.array([5, 200], dtype=np.uint64), np.array([-56, 5, 7] * 9, dtype=np.int8))),
], ids=lambda v: getattr(v, "__name__", None))
def test_forms_and_errors(fn, args):
    want = outcome(fn, args)
    got = outcome(py2wasm.compile(fn), args)
    if want[0] != "ok":
        assert got[:2] == want[:2]
    else:
        assert got[0] == "ok" and same(got[1], want[1], 0, 0) is None


def table(a, b):
    return np.isin(a, b, kind="table")


def i64_u64(a, b):
    return np.isin(a, b, assume_unique=True)



@pytest.mark.parametrize("fn,args,text", [
    (table, (np.ones(2), np.ones(2)), "kind='table'"),
    (i64_u64, (np.ones(2, dtype=np.int64), np.ones(2, dtype=np.uint64)), "int64 with uint64"),
])
def test_refused(fn, args, text):
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(fn)(*args)
    assert text in str(e.value) and "hint:" in str(e.value)
