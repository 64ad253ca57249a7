"""sum() of a list of floats (frontend/lists_calls._sum) against the running
interpreter: CPython 3.12+ adds floats with Neumaier's compensated summation
(`sum([1.0, 2.0**53, 1.0])` is 2**53 + 2 there, 2**53 on 3.11), so the
compiled sum follows the interpreter doing the compiling; infinities, NaN,
signed zeros and a float start included."""
import math
import random

import py2wasm


def total(xs: list[float]) -> float:
    return sum(xs)


def total_from(xs: list[float], start: float) -> float:
    return sum(xs, start)


def test_float_sums_match_the_interpreter():
    c, c2 = py2wasm.compile(total), py2wasm.compile(total_from)
    assert repr(c([1.0, 2.0 ** 53, 1.0])) == repr(total([1.0, 2.0 ** 53, 1.0]))
    rng = random.Random(5)
    vals = [0.0, -0.0, 1.0, 1e16, -1e16, 2.0 ** 53, 1e308, -1e308, math.inf, -math.inf,
            math.nan, 0.1, 3.3, -7.25, 1e-300]
    for _ in range(300):
        xs = [rng.choice(vals) * rng.choice([1, -1, 0.5]) for _ in range(rng.randint(1, 6))]
        st = rng.choice(vals)
        assert repr(c(xs)) == repr(total(xs)), xs
        assert repr(c2(xs, st)) == repr(total_from(xs, st)), (xs, st)
