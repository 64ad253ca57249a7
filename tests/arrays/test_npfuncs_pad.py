"""frontend/npfuncs_pad.py: numpy.pad in modes constant (one value, a pair,
one pair per axis: NumPy's corner order), edge, reflect, symmetric and wrap,
with widths as an int, a pair, `(n,)` or a pair per axis, run-time widths,
widths larger than the axis, empty axes and NumPy's ValueErrors; compiled vs
NumPy on every target, bit for bit. Other modes are located CompileErrors."""
import copy

import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same

R = np.random.default_rng(3)


def _make(mode):
    def widths(a):
        return np.pad(a, 2, mode=mode), np.pad(a, (1, 3), mode), np.pad(a, (7,), mode=mode)

    def per_axis(a):
        return np.pad(a, ((1, 0), (2, 3)), mode=mode)
    widths.__name__, per_axis.__name__ = f"widths_{mode}", f"per_axis_{mode}"
    return widths, per_axis


def constant_pairs(a, b: int):
    return np.pad(a, ((b, 1), (0, b)), constant_values=((5, 6), (7, 8)))


def reflect_runtime(a, b: int):
    return np.pad(a, b, mode="reflect"), np.pad(a, (0, b), "symmetric")


def constant_cast(a):
    return np.pad(a, 1, constant_values=2.7), np.pad(a, ((0, 0), (1, 1)), "edge")


def image_border(img):
    p = np.pad(img, 1, mode="edge")
    return p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:] - 4 * img


def linear_ramp(a):
    return np.pad(a, 1, mode="linear_ramp")


CASES = []
for _mode in ["constant", "edge", "reflect", "symmetric", "wrap"]:
    _w, _p = _make(_mode)
    CASES += [(_w, (R.normal(size=4),)), (_w, (np.arange(1),)), (_w, (np.zeros(0),)),
              (_p, (np.arange(6).reshape(2, 3),)), (_p, (np.zeros((0, 3)),)),
              (_p, (np.arange(12.0).reshape(3, 4)[:, ::2],))]
CASES += [(constant_pairs, (np.arange(6.0).reshape(2, 3), 2)),
          (constant_pairs, (np.arange(6.0).reshape(2, 3), -1)),
          (reflect_runtime, (np.arange(3.0), 5)), (reflect_runtime, (np.arange(3.0), 0)),
          (reflect_runtime, (np.ones(1), 4)),
          (constant_cast, (np.arange(4).reshape(2, 2),)), (constant_cast, (R.random((2, 3)) < 0.5,)),
          (image_border, (R.normal(size=(4, 5)),))]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn,args", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_like_numpy(fn, args, target):
    want = outcome(fn, copy.deepcopy(args))
    got = outcome(py2wasm.compile(fn, target=target), copy.deepcopy(args))
    if want[0] != "ok" or got[0] != "ok":
        assert got[:2] == want[:2]
        return
    assert same(got[1], want[1], 0, 0) is None


def test_other_modes_are_located_compile_errors():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(linear_ramp)(np.ones(3))
    assert e.value.line and e.value.code == "P2W002" and e.value.hint
