"""frontend/npfuncs_pysource.py: NumPy's Python-level functions traced from
the same operations (hanning hamming blackman bartlett, trapezoid, average
with weights, axes, keepdims and returned, unwrap, append, sort_complex of real data, correlate in every
mode and length order, polyfit) compiled vs NumPy: bit for bit, except
correlate (np.convolve's documented rounding) and polyfit (np.linalg.lstsq's)."""
import copy

import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same

def win(n: int):
    return np.hanning(n), np.hamming(n), np.blackman(n), np.bartlett(n)
def trap(y, x):
    return np.trapezoid(y, x), np.trapezoid(y), np.trapezoid(y, dx=0.5)
def trap2(y):
    return np.trapezoid(y, dx=0.1)
def avg(a, w):
    return np.average(a, weights=w), np.average(a)
def avg_axis(a, w0, w1, w2):
    return (np.average(a, axis=0, weights=w0), np.average(a, axis=0),
            np.average(a, axis=-1, weights=w1), np.average(a, axis=0, weights=w2),
            np.average(a, axis=(0, 1), weights=w2), np.average(a, axis=1, weights=w2, keepdims=True))
def avg_returned(a, w0, w1, w2):
    return (np.average(a, axis=0, weights=w0, returned=True), np.average(a, returned=True),
            np.average(a, axis=1, returned=True), np.average(a, weights=w2, returned=True),
            np.average(a, axis=1, weights=w1, returned=True, keepdims=True))
def avg_ints(a, w0, w1, w2):
    b = (a * 10).astype(np.int32)
    return (np.average(b, axis=0, weights=w0), np.average(b, axis=1, returned=True),
            np.average(b.astype(np.float32), axis=0, weights=w0.astype(np.float32)),
            np.average(b > 0, axis=1, weights=(w1 * 4).astype(np.int64)))
def avg_3d(a, w0, w1, w2):
    c = a.reshape(2, -1, a.shape[1])
    return np.average(c, axis=(2, 0), weights=np.ones((c.shape[2], 2)) + w1[:, None])
def avg_bad_axis_weights(a, w0, w1, w2):
    return np.average(a, axis=1, weights=w0)
def avg_bad_no_axis(a, w0, w1, w2):
    return np.average(a, weights=w0)
def avg_zero_weights(a, w0, w1, w2):
    return np.average(a, axis=0, weights=w0 * 0)
def unw(p):
    return np.unwrap(p)
def unw2(p, d: float):
    return np.unwrap(p, discont=d), np.unwrap(p, period=4.0)
def app(x, c: float):
    return np.append(x[0], x[1:] - c * x[:-1]), np.append(x, [1, 2]), np.append(x, 3)
def app2(a, b):
    return np.append(a, b, axis=0)
def sc(a):
    return np.sort_complex(a)
def corr(a, v):
    return np.correlate(a, v, "full"), np.correlate(a, v, "same"), np.correlate(a, v)
def pv(p, x):
    return np.polyval(p, x)


def pv_scalar(p, x: float):
    return np.polyval(p, x)


def pv_list(x):
    return np.polyval([1.5, -2.0, 0.25], x), np.polyval(np.array([2, 3]), x)


def trap_npscalar(y, x):
    return np.trapezoid(y, dx=x[1] - x[0])


def pf(x, y, d: int):
    return np.polyfit(x, y, d)
R = np.random.default_rng(2)
CASES = [(pv, (np.array([1.0, -2, 3]), np.linspace(-1, 1, 5))), (pv, (np.array([1, 2, 3]), np.arange(4))),
         (pv, (np.array([1.0]), np.arange(3))), (pv_scalar, (np.array([1.0, -2, 3]), 0.5)),
         (pv_list, (np.arange(-2, 3),)), (pv, (np.array([0.5, -0.0]), -np.arange(3))),
         (trap_npscalar, (np.sin(np.linspace(0, 3, 20)), np.linspace(0, 3, 20))),
(win,(0,)),(win,(1,)),(win,(2,)),(win,(7,)),(win,(16,)),(win,(-3,)),
 (trap,(R.normal(size=9),np.cumsum(R.random(9)))),(trap,(np.ones(1),np.ones(1))),(trap,(np.zeros(0),np.zeros(0))),(trap,(np.arange(5),np.arange(5.0))),
 (trap2,(R.normal(size=(3,4)),)),
 (avg,(R.normal(size=7),R.random(7))),(avg,(np.arange(4),np.array([1,2,3,4]))),(avg,(np.ones(3),np.zeros(3))),(avg,(np.ones(3),np.ones(4))),(avg,(R.normal(size=(2,3)),R.random((2,3)))),
 *[(f, (m, m[:, 0] ** 2 + 0.5, np.abs(m).sum(0) + 0.25, np.abs(m) + 0.125))
   for f in (avg_axis, avg_returned, avg_ints, avg_3d, avg_bad_axis_weights, avg_bad_no_axis,
             avg_zero_weights)
   for m in (R.normal(size=(4, 3)), R.normal(size=(6, 2)), np.zeros((0, 3)), R.normal(size=(2, 2)))],
 (unw,(np.angle(np.exp(1j*np.linspace(0,20,30))),)),(unw,(np.array([0.0, np.pi, 0.0, -np.pi, 2*np.pi]),)),(unw,(R.normal(size=(2,8))*4,)),
 (unw2,(R.normal(size=10)*3,1.0)),
 (app,(R.normal(size=6),0.97)),(app2,(np.ones((2,3)),np.zeros((1,3)))),(app2,(np.ones((2,3)),np.zeros((1,2)))),
 (sc,(R.normal(size=5),)),(sc,(np.array([3,1,2],dtype=np.int16),)),
 (corr,(R.normal(size=6),R.normal(size=3))),(corr,(R.normal(size=2),R.normal(size=5))),(corr,(R.normal(size=4),R.normal(size=4))),
 (pf,(np.linspace(0,1,8),np.linspace(0,1,8)**2+0.1,2)),(pf,(np.linspace(0,1,8),np.cos(np.linspace(0,1,8)),3)),(pf,(np.zeros(0),np.zeros(0),1)),
]


@pytest.mark.parametrize("target", ["mvp", "simd"])
@pytest.mark.parametrize("fn,args", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_like_numpy(fn, args, target):
    want = outcome(fn, copy.deepcopy(args))
    got = outcome(py2wasm.compile(fn, target=target), copy.deepcopy(args))
    if want[0] != "ok" or got[0] != "ok":
        assert got[:2] == want[:2]
        return
    rtol = 1e-9 if fn in (pf, corr) else 0
    assert same(got[1], want[1], 2 if fn is win else 0, rtol) is None


@pytest.mark.parametrize("a", [np.array([3 + 1j, 1 - 2j, 1 + 0j, np.nan + 0j, -1j, 1 - 2j]),
                               np.array([2 + 1j, 2 - 1j, -0.0 + 0j], np.complex64),
                               (np.arange(6)[::-1] + 0j).reshape(2, 3)])
def test_sort_complex_of_complex_values(a):
    """a sorted copy, real part then imaginary (NaNs last), the dtype kept
    (np.linalg.eigvals returns complex values in NumPy 2.5)"""
    want, got = sc(a.copy()), py2wasm.compile(sc)(a.copy())
    assert got.dtype == want.dtype and got.shape == want.shape
    assert np.array_equal(got, want, equal_nan=True)


def test_average_errors_name_the_callers_line():
    """NumPy's checks inside np.average raise at the user's call, not in py2wasm's source"""
    c = py2wasm.compile(avg_zero_weights)
    m = np.ones((2, 3))
    with pytest.raises(ZeroDivisionError, match="Weights sum to zero") as e:
        c(m, np.ones(2), np.ones(3), m)
    assert any("test_npfuncs_pysource.py" in n for n in e.value.__notes__), e.value.__notes__
