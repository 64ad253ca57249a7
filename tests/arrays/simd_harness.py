"""Differential harness for vectorized kernels: compile one function for the
mvp target (scalar code) and the SIMD targets, run each on the same
arguments, and require identical results bit for bit (NaN-aware, -0.0
distinct) and identical argument updates, and NumPy's result (bit-exact
unless `tol`)."""
from __future__ import annotations

import re
import struct

import numpy as np

import py2wasm


def bits(x):
    """A comparable form: arrays by dtype, shape and bytes with NaNs
    canonical; floats by their bits (all NaNs equal)."""
    if isinstance(x, np.ndarray):
        y = np.array(x, copy=True)
        if y.dtype.kind == "f":
            y[np.isnan(y)] = np.nan
        return ("array", y.dtype.str, y.shape, y.tobytes())
    if isinstance(x, tuple):
        return tuple(bits(v) for v in x)
    if isinstance(x, float):
        return ("float", "nan" if x != x else struct.pack("<d", x))
    if isinstance(x, np.floating):  # NumPy scalars: py2wasm returns Python scalars
        return bits(float(x))
    if isinstance(x, np.bool_):
        return bits(bool(x))
    if isinstance(x, np.integer):
        return bits(int(x))
    return (type(x).__name__, x)


def outcome(f, args):
    args = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args]
    try:
        r = f(*args)
    except Exception as e:  # noqa: BLE001 - compared between builds
        return (type(e).__name__, str(e)), [bits(a) for a in args]
    return ("ok", bits(r)), [bits(a) for a in args]


class Builds:
    """One function compiled for every target (and fastmath if asked)."""

    def __init__(self, fn, fastmath=False):
        self.fn = fn
        self.mvp = py2wasm.compile(fn, target="mvp")
        self.simd = py2wasm.compile(fn, target="simd", fastmath=fastmath)
        self.relaxed = py2wasm.compile(fn, target="relaxed-simd", fastmath=fastmath)

    def check(self, *args, numpy=True):
        """The SIMD builds equal the mvp build (and NumPy unless numpy=False)."""
        want = outcome(self.mvp, args)
        for f in (self.simd, self.relaxed):
            got = outcome(f, args)
            assert got == want, (self.fn, [getattr(a, "shape", a) for a in args], got, want)
        if numpy:
            ref = outcome(self.fn, args)
            assert ref == want, (self.fn, [getattr(a, "shape", a) for a in args], want, ref)

    def features(self, *args) -> dict:
        return {name: f.specialize(*args).build.manifest["features"]
                for name, f in (("mvp", self.mvp), ("simd", self.simd),
                                ("relaxed", self.relaxed))}

    def assert_vectorized(self, *args, relaxed=False):
        feats = self.features(*args)
        assert feats["mvp"] == []
        assert "simd128" in feats["simd"], feats
        assert "simd128" in feats["relaxed"], feats
        if relaxed:
            assert "relaxed-simd" in feats["relaxed"], feats
        wat = self.simd.specialize(*args).wat()
        assert re.search(r"\b(v128|f64x2|i64x2|f32x4)\.", wat), "no vector instruction"
        return wat


def values(rng, n, dtype, special=True):
    """n values of dtype with NaNs, infinities, signed zeros mixed in."""
    if np.dtype(dtype).kind == "f":
        x = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)
        if special and n:
            pool = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-310, -5e-324, 1e308])
            k = rng.integers(0, max(1, n // 3) + 1)
            x[rng.integers(0, n, k)] = pool[rng.integers(0, len(pool), k)]
        return x.astype(dtype)
    return rng.integers(-2**40, 2**40, n).astype(dtype)
