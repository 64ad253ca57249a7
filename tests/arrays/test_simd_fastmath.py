"""fastmath=True (py2wasm.compile): float reductions in vector accumulators
(reassociated) and `x * y + z` contracted to relaxed-SIMD fused multiply-add
in vector loops on the relaxed-simd target (plain mul + add on simd).

Documented tolerance: a reassociated sum of n terms differs from the
left-to-right one by at most the classic bound 2 * n * eps * sum(|terms|)
(eps = 2**-53 for float64); a contracted a * b + c differs from the unfused
one by at most 1 ulp of a * b plus 1 ulp of the result. Without fastmath the
builds are bit-identical (test_simd_elementwise, test_simd_reductions)."""
import numpy as np
import pytest

import py2wasm

rng = np.random.default_rng(3)
RELAXED_F64X2_MADD = b"\xfd\x87\x02"  # f64x2.relaxed_madd (0xfd 0x107)


def dot(a, b):
    return np.dot(a, b)


def axpy(a, b, c):
    return a * b + c


@pytest.mark.parametrize("target", ["simd", "relaxed-simd"])
def test_dot_within_tolerance(target):
    f = py2wasm.compile(dot, target=target, fastmath=True)
    for n in list(range(18)) + [100, 1001]:
        a, b = rng.standard_normal(n), rng.standard_normal(n)
        got = f(a, b)
        exact = float(sum(np.longdouble(x) * np.longdouble(y) for x, y in zip(a, b)))
        bound = 2 * max(n, 1) * 2.0**-53 * float(np.sum(np.abs(a * b))) + 1e-300
        assert abs(got - exact) <= bound, (n, got, exact)
    spec = f.specialize(np.zeros(4), np.zeros(4))
    feats = spec.build.manifest["features"]
    assert "simd128" in feats
    assert ("relaxed-simd" in feats) == (target == "relaxed-simd")
    assert (RELAXED_F64X2_MADD in spec.build.wasm) == (target == "relaxed-simd")


def test_axpy_contracted_within_an_ulp():
    f = py2wasm.compile(axpy, target="relaxed-simd", fastmath=True)
    for n in range(18):
        a, b, c = (rng.standard_normal(n) for _ in range(3))
        got = f(a, b, c)
        want = a * b + c
        tol = np.spacing(np.abs(a * b)) + np.spacing(np.abs(want))
        assert np.all(np.abs(got - want) <= tol)
    assert RELAXED_F64X2_MADD in f.specialize(*([np.zeros(3)] * 3)).build.wasm


def test_without_fastmath_no_contraction():
    f = py2wasm.compile(axpy, target="relaxed-simd")
    a = rng.standard_normal(9)
    assert np.array_equal(f(a, a, a), a * a + a)
    build = f.specialize(a, a, a).build
    assert build.manifest["features"] == ["simd128"]
    assert RELAXED_F64X2_MADD not in build.wasm


RELAXED_F32X4_MADD = b"\xfd\x85\x02"  # f32x4.relaxed_madd (0xfd 0x105)


def test_float32_axpy_contracted_to_f32x4_madd():
    f = py2wasm.compile(axpy, target="relaxed-simd", fastmath=True)
    for n in range(18):
        a, b, c = (rng.standard_normal(n).astype(np.float32) for _ in range(3))
        got = f(a, b, c)
        want = a * b + c
        assert got.dtype == np.float32
        exact = a.astype(np.float64) * b + c
        tol = np.spacing(np.abs(want)) + np.spacing(np.abs(a * b))
        assert np.all(np.abs(got - want) <= tol), n
        assert np.all(np.abs(got - exact) <= np.abs(want - exact) + tol), n
    wasm = f.specialize(*([np.zeros(3, np.float32)] * 3)).build.wasm
    assert RELAXED_F32X4_MADD in wasm


def user_dot(a, b):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    return s


def test_user_reduction_loop_under_fastmath():
    """A user's loop gets vector accumulators under fastmath (within the sum
    bound), its bounds checks still raise Python's IndexError exactly."""
    f = py2wasm.compile(user_dot, fastmath=True)
    for n in list(range(18)) + [257]:
        a, b = rng.standard_normal(n), rng.standard_normal(n)
        exact = float(sum(np.longdouble(x) * np.longdouble(y) for x, y in zip(a, b)))
        bound = 2 * max(n, 1) * 2.0**-53 * float(np.sum(np.abs(a * b))) + 1e-300
        assert abs(f(a, b) - exact) <= bound
    for na, nb in ((9, 5), (3, 2), (17, 16)):
        with pytest.raises(IndexError) as got:
            f(np.ones(na), np.ones(nb))
        with pytest.raises(IndexError) as want:
            user_dot(np.ones(na), np.ones(nb))
        assert str(got.value) == str(want.value)
    assert RELAXED_F64X2_MADD in f.specialize(np.zeros(2), np.zeros(2)).build.wasm


def test_matmul_under_fastmath():
    f = py2wasm.compile(lambda a, b: a @ b, fastmath=True)
    for s in [(3, 4, 5), (8, 8, 8), (17, 9, 13), (1, 1, 1), (0, 3, 2)]:
        a, b = rng.standard_normal(s[:2]), rng.standard_normal(s[1:])
        got, want = f(a, b), a @ b
        bound = 2 * s[1] * 2.0**-53 * (np.abs(a) @ np.abs(b)) + 1e-300
        assert got.shape == want.shape and np.all(np.abs(got - want) <= 2 * bound)


def weighted(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * i
    return s


def test_weighted_sum_of_the_index_under_fastmath():
    f = py2wasm.compile(weighted, fastmath=True)
    for n in list(range(18)) + [301]:
        a = rng.standard_normal(n)
        exact = float(sum(np.longdouble(x) * k for k, x in enumerate(a)))
        bound = 2 * max(n, 1) * 2.0**-53 * float(np.sum(np.abs(a) * np.arange(n))) + 1e-300
        assert abs(f(a) - exact) <= bound
    assert "simd128" in f.specialize(np.zeros(3)).build.manifest["features"]
