"""numpy.random.Generator over PCG64, as a compiled class.

Place in the pipeline: traced library code (randomlib/__init__.py). An
instance holds the PCG64 state (sh, sl: the 128-bit state's high and low
words; ih, il: the increment's) and the 32-bit buffer (has32, u32); the
methods follow numpy/random/_generator.pyx: the same draws in the same
order, the same result types (a Python float or an np.int64 without size=,
else arrays), the same ValueErrors. Sizes, dtypes and what is refused are
decided at trace time (randomlib/hooks.py).
"""
from __future__ import annotations

import math

import numpy as np

from .bounded import bounded, interval
from .hooks import (float_kind, int_bounds, int_dtype_ok, is_array, refuse, scalar_args,
                    shape_of, zig_tables)
from .pcg64 import U0, U1, next_double, next_float
from .ziggurat import standard_normal as _normal

_HINT = ("supported: random uniform integers standard_normal normal choice shuffle "
         "permutation")


def _count(shape):
    n = 1
    for s in shape:
        if s < 0:
            raise ValueError("negative dimensions are not allowed")
        n = n * s
    return n


def _bounds_u64(low, high, endpoint):
    """NumPy's _rand_int64 checks, then (off, rng) as uint64 words: the
    values are off + [0, rng]."""
    if endpoint:
        bad = low > high
    else:
        bad = low >= high
    if bad:
        if low == 0:
            if endpoint:
                raise ValueError("high < 0")
            raise ValueError("high <= 0")
        if endpoint:
            raise ValueError("low > high")
        raise ValueError("low >= high")
    off = np.int64(low).astype(np.uint64)
    rng = np.int64(high).astype(np.uint64) - off
    if not endpoint:
        rng = rng - U1
    return off, rng


class Generator:
    def __init__(self, sh, sl, ih, il):
        self.sh = sh
        self.sl = sl
        self.ih = ih
        self.il = il
        self.has32 = False
        self.u32 = U0

    def random(self, size=None, dtype=np.float64, out=None):
        if out is not None:
            refuse("Generator.random(out=...) is not supported", "use the returned array")
        kind = float_kind(dtype, "random", True)
        shape = shape_of(size, "random")
        if shape is None:
            if kind is np.float32:
                return next_float(self)
            return next_double(self)
        n = _count(shape)
        if kind is np.float32:
            out32 = np.empty(n, dtype=np.float32)
            for i in range(n):
                out32[i] = next_float(self)
            return out32.reshape(shape)
        res = np.empty(n)
        for i in range(n):
            res[i] = next_double(self)
        return res.reshape(shape)

    def uniform(self, low=0.0, high=1.0, size=None):
        scalar_args("uniform", low, high)
        lo = float(low)
        span = float(high) - lo
        if not math.isfinite(span):
            raise OverflowError("high - low range exceeds valid bounds")
        if span < 0.0:
            raise ValueError("high - low < 0")
        shape = shape_of(size, "uniform")
        if shape is None:
            return lo + span * next_double(self)
        n = _count(shape)
        res = np.empty(n)
        for i in range(n):
            res[i] = lo + span * next_double(self)
        return res.reshape(shape)

    def integers(self, low, high=None, size=None, dtype=np.int64, endpoint=False):
        int_dtype_ok(dtype, "integers")
        if high is None:
            high = low
            low = 0
        scalar_args("integers", low, high)
        code, low, high, endpoint = int_bounds(low, high, endpoint)
        if code == 1:
            raise ValueError("low is out of bounds for int64")
        if code == 2:
            raise ValueError("high is out of bounds for int64")
        if code == 3:
            if endpoint:
                raise ValueError("low > high")
            raise ValueError("low >= high")
        shape = shape_of(size, "integers")
        if shape is not None:
            n = _count(shape)
            if n == 0:
                return np.empty(n, dtype=np.int64).reshape(shape)
        off, rng = _bounds_u64(int(low), int(high), endpoint)
        if shape is None:
            return (off + bounded(self, rng)).astype(np.int64)
        res = np.empty(n, dtype=np.int64)
        for i in range(n):
            res[i] = (off + bounded(self, rng)).astype(np.int64)
        return res.reshape(shape)

    def standard_normal(self, size=None, dtype=np.float64, out=None):
        if out is not None:
            refuse("Generator.standard_normal(out=...) is not supported",
                   "use the returned array")
        float_kind(dtype, "standard_normal", False)
        zig_tables()
        shape = shape_of(size, "standard_normal")
        if shape is None:
            return _normal(self)
        n = _count(shape)
        res = np.empty(n)
        for i in range(n):
            res[i] = _normal(self)
        return res.reshape(shape)

    def normal(self, loc=0.0, scale=1.0, size=None):
        scalar_args("normal", loc, scale)
        mu = float(loc)
        sigma = float(scale)
        if sigma == sigma and math.copysign(1.0, sigma) < 0.0:  # not NaN, sign bit set
            raise ValueError("scale < 0")
        zig_tables()
        shape = shape_of(size, "normal")
        if shape is None:
            return mu + sigma * _normal(self)
        n = _count(shape)
        res = np.empty(n)
        for i in range(n):
            res[i] = mu + sigma * _normal(self)
        return res.reshape(shape)

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True):
        if not replace:
            refuse("Generator.choice(replace=False) is not supported",
                   "use rng.permutation(n)[:k] (a different stream from NumPy's)")
        if p is not None:
            refuse("Generator.choice(p=...) is not supported",
                   "draw u = rng.random() and search the cumulative sums")
        if axis != 0:
            refuse("Generator.choice(axis=...) is not supported",
                   "choose indices: a[:, rng.integers(0, a.shape[1], size)]")
        shape = shape_of(size, "choice")
        n = 1
        if shape is not None:
            n = _count(shape)
        if is_array(a):
            if a.ndim != 1:
                refuse("Generator.choice() of an array with more than one dimension is "
                       "not supported", "choose row indices: rng.integers(0, len(a), size)")
            pop = a.shape[0]
            if pop == 0 and n != 0:
                raise ValueError("a cannot be empty unless no samples are taken")
            return a[self.integers(0, pop, size)]
        scalar_args("choice", a)
        pop = int(a)
        if pop <= 0 and n != 0:
            raise ValueError("a must be a positive integer unless no samples are taken")
        if shape is None:
            return int(self.integers(0, pop))  # NumPy gives a Python int here
        return self.integers(0, pop, size)

    def shuffle(self, x, axis=0):
        if axis != 0 or not is_array(x):
            refuse("Generator.shuffle() of anything but an array along axis 0 is not "
                   "supported", "shuffle an array: np.array(xs), then rng.shuffle(a)")
        if x.ndim != 1:  # NumPy swaps rows exactly as it swaps the items of arange(n)
            x[...] = x[self.permutation(x.shape[0])]
            return
        n = x.shape[0]
        for k in range(n - 1):
            i = n - 1 - k
            j = int(interval(self, np.int64(i).astype(np.uint64)))
            t = x[i]
            x[i] = x[j]
            x[j] = t

    def permutation(self, x, axis=0):
        if axis != 0:
            refuse("Generator.permutation(axis=...) is not supported",
                   "transpose the array so that the axis comes first")
        if is_array(x):
            if x.ndim != 1:
                return x[self.permutation(x.shape[0])]
            arr = x.copy()
        else:
            arr = np.arange(int(x))
        self.shuffle(arr)
        return arr


def _unsupported(name):
    def method(self, a=None, b=None, c=None, d=None, size=None, dtype=None, out=None):
        refuse(f"Generator.{name}() is not supported", _HINT)
    method.__name__ = name
    return method


for _name in ("standard_exponential", "exponential", "gamma", "standard_gamma", "beta",
              "binomial", "poisson", "lognormal", "laplace", "logistic", "geometric",
              "chisquare", "standard_t", "standard_cauchy", "vonmises", "weibull", "pareto",
              "power", "rayleigh", "triangular", "wald", "zipf", "multinomial", "dirichlet",
              "multivariate_normal", "hypergeometric", "negative_binomial", "noncentral_chisquare",
              "noncentral_f", "f", "gumbel", "logseries", "bytes", "spawn",
              "permuted", "multivariate_hypergeometric"):
    setattr(Generator, _name, _unsupported(_name))


def make(sh, sl, ih, il):
    return Generator(sh, sl, ih, il)
