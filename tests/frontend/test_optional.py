"""Optional values (frontend/optionals.py) against CPython: a variable None on
one path and a number, tuple or list on another; functions returning T or
None (their callers narrowing with `is None`, `is not None`, `== None`,
truthiness); `x: float | None = None` / `Optional[int]` parameters and
results; None arguments; CPython's TypeError where a None is used as a
number. Each function is compiled once and checked on many inputs."""
from __future__ import annotations

import dataclasses
import typing
from typing import Optional

from hypothesis import given, settings, strategies as st

import py2wasm


def best_of(xs: list[float]):
    best = None
    for x in xs:
        if best is None or x < best:
            best = x
    return best


def find(xs: list[int], t: int):
    for i, x in enumerate(xs):
        if x == t:
            return i
    return None


def use_find(xs: list[int], a: int, b: int):
    i = find(xs, a)
    j = find(xs, b)
    if i is not None and j is not None and i < j:
        return j - i
    if i is None:
        return -1
    if j == None:  # noqa: E711 - the idiom is tested too
        return -2
    return 0


def add_found(xs: list[int], t: int):
    return find(xs, t) + 1  # TypeError when not found, as in CPython


def compare_best(xs: list[float], y: float):
    return best_of(xs) < y  # '<' between NoneType and float when empty


def neg_best(xs: list[float]):
    return -best_of(xs)


def truthy(x: float):
    y = None
    if x > 1.0:
        y = x - 2.0
    return bool(y), not y, y is None, y == None, y != 3.0  # noqa: E711


def scale(x: float, factor: Optional[float] = None) -> float:
    if factor is None:
        factor = 2.0
    return x * factor


def maybe_sqrt(x: float) -> float | None:
    if x < 0:
        return None
    return x ** 0.5


def bounds(xs: list[int]):
    lo = hi = None
    for x in xs:
        if lo is None or x < lo:
            lo = x
        if hi is None or x > hi:
            hi = x
    return lo, hi


def span(xs: list[int]):
    lo, hi = bounds(xs)
    if lo is None:
        return 0
    return hi - lo


def depth(n: int):  # recursive, None or an int
    if n <= 0:
        return None
    d = depth(n // 2)
    return 1 if d is None else d + 1


def first_neg_pair(xs: list[float]):
    for i in range(len(xs) - 1):
        if xs[i] < 0 and xs[i + 1] < 0:
            return (i, xs[i] + xs[i + 1])
    return None


def evens(xs: list[int]):
    out = None
    for x in xs:
        if x % 2 == 0:
            if out is None:
                out = []
            out.append(x)
    return len(out) if out is not None else -1


class Node:
    def __init__(self, v):
        self.v = v


def first_big(xs: list[int], t: int):
    for x in xs:
        if x > t:
            return Node(x)
    return None


def use_node(xs: list[int], t: int):
    n = first_big(xs, t)
    return -1 if n is None else n.v


def maybe_list(n: int):
    if n < 0:
        return None
    return [i * i for i in range(n)]


def maybe_str(s: str):
    if not s:
        return None
    return s.upper() + "!"


def maybe_arr(a, k: int):
    if k < 0:
        return None
    return a * k


def either_or(xs: list[int], t: int):
    i = None
    for j, x in enumerate(xs):
        if x == t:
            i = j
    return (i or 100) + 1


def nth_or_len(xs: list[float], k: int | None = None):
    if k is None:
        return float(len(xs))
    return xs[k]


@dataclasses.dataclass
class P:
    x: float
    n: int


class NT(typing.NamedTuple):
    x: float
    n: int


def make_p(x: float):
    if x < 0:
        return None
    return P(x, 2)


def make_nt(x: float):
    if x < 0:
        return None
    return NT(x, 2)


def bump(p: P, k: int):
    if k < 0:
        return None
    p.n += k
    return p


_C: dict = {}


def run(fn, *args):
    c = _C.get(fn) or _C.setdefault(fn, py2wasm.compile(fn))
    out = []
    for f in (fn, c):
        try:
            r = f(*args)
            out.append(("ok", type(r), r))
        except TypeError as e:
            out.append(("TypeError", str(e)))
    assert out[0] == out[1], (fn.__name__, args, out)
    return out[0]


ints = st.lists(st.integers(-5, 5), max_size=8)
floats = st.lists(st.floats(-10, 10, allow_nan=False), max_size=8)


@settings(max_examples=60, deadline=None)
@given(floats, st.floats(-10, 10, allow_nan=False))
def test_best_and_uses(xs, y):
    run(best_of, xs)
    run(compare_best, xs, y)
    run(neg_best, xs)
    run(first_neg_pair, xs)


@settings(max_examples=60, deadline=None)
@given(ints, st.integers(-5, 5), st.integers(-5, 5))
def test_find_and_narrowing(xs, a, b):
    run(find, xs, a)
    run(use_find, xs, a, b)
    run(add_found, xs, a)
    run(bounds, xs)
    run(span, xs)
    run(evens, xs)
    run(use_node, xs, a)
    run(either_or, xs, a)


def test_results_of_other_types():
    """T | None of a list, a str, an array (py2wasm.compile's runner reads
    T only when the flag says a value came back)."""
    import numpy as np
    for n in (-1, 0, 4):
        run(maybe_list, n)
    for s in ("", "ab", "é😀"):
        run(maybe_str, s)
    c = py2wasm.compile(maybe_arr)
    a = np.arange(4.0)
    assert c(a, -1) is None
    assert np.array_equal(c(a, 3), a * 3)


def test_truthiness_and_equality():
    for x in (0.0, 1.5, 2.0, 5.0, -3.0):
        run(truthy, x)


def test_optional_parameters_and_results():
    assert run(scale, 3.0) == ("ok", float, 6.0)
    assert run(scale, 3.0, None) == ("ok", float, 6.0)
    assert run(scale, 3.0, 0.5) == ("ok", float, 1.5)
    for x in (-1.0, 0.0, 4.0):
        run(maybe_sqrt, x)
    for n in (0, 1, 5, 64):
        run(depth, n)


def test_records_and_instances():
    """T | None of a dataclass instance, a NamedTuple, and an instance
    argument returned on one path (the caller's own object, updated)."""
    for x in (-1.0, 1.5):
        run(make_p, x)
        run(make_nt, x)
    c = py2wasm.compile(bump)
    p = P(1.0, 1)
    assert c(p, -1) is None and p == P(1.0, 1)
    assert c(p, 2) is p and p == P(1.0, 3)


def test_signature_types():
    from py2wasm.frontend import param_types_from_annotations
    from py2wasm.ir.types import F64, OptionalType, flatten, from_json, to_json
    assert param_types_from_annotations(scale) == [F64, OptionalType(F64)]
    t = OptionalType(F64)
    assert from_json(to_json(t)) == t and [x.name for x in flatten(t)] == ["bool", "f64"]
    sig = py2wasm.compile(maybe_sqrt)
    sig(1.0)
    assert "float | None" in str(sig.ir)


def test_exported_optional_parameter_is_split_at_entry():
    """An exported `float | None` parameter (as `py2wasm build` sees it):
    one version of the body for None, one for a float."""
    from py2wasm.frontend import param_types_from_annotations, trace
    from py2wasm.api import build_module
    from py2wasm.runner import Instance
    build = build_module(trace(scale, param_types_from_annotations(scale)), name="scale")
    inst = Instance(build)
    assert inst.call("scale", (3.0, None)) == 6.0
    assert inst.call("scale", (3.0, 0.25)) == 0.75
    types = param_types_from_annotations(nth_or_len)  # with a list: the runner's array path
    inst = Instance(build_module(trace(nth_or_len, types), name="nth_or_len"))
    assert inst.call("nth_or_len", ([1.5, 2.5], None)) == 2.0
    assert inst.call("nth_or_len", ([1.5, 2.5], -1)) == 2.5


def test_other_unions_are_refused():
    import pytest

    def two(x: int | float):
        return x
    from py2wasm.frontend import param_types_from_annotations
    with pytest.raises(py2wasm.CompileError) as e:
        param_types_from_annotations(two)
    assert e.value.code == "P2W008"
