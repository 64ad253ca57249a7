"""Lists in instance fields that start empty (`self.xs = []` in __init__)
and are filled by a method: the element type is learned from the later
append (frontend/lists.py, objects.py: the module is traced again with the
field's list type); compiled vs CPython on the results and exceptions."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import py2wasm
from tests.frontend.test_lists_ofarrays import check


class Acc:
    def __init__(self):
        self.xs = []
        self.rows = []
        self.count = 0

    def add(self, v):
        self.xs.append(v)
        self.count += 1
        if v > 1:
            self.rows.append([v, -v])

    def mean(self):
        return sum(self.xs) / len(self.xs)


class Stack:
    def __init__(self):
        self.items = []

    def push(self, a):
        self.items.append(a)

    def pop(self):
        return self.items.pop()

    def __len__(self):
        return len(self.items)


class Graph:
    def __init__(self, n):
        self.adj = [[] for _ in range(n)]
        self.edges = []

    def connect(self, u, v):
        self.adj[u].append(v)
        self.adj[v].append(u)
        self.edges.append((u, v))


def accumulate(n: int):
    a = Acc()
    for i in range(n):
        a.add(i * 0.5)
    return float(sum(a.xs)), a.rows, a.count, a.xs, a.mean() if n else -1.0


def stack_of_ints(n: int):
    s = Stack()
    for i in range(n):
        s.push(i * i)
    out = []
    while len(s):
        out.append(s.pop())
    return out, s.pop()


def stack_of_arrays(n: int):
    s = Stack()
    for i in range(n):
        s.push(np.arange(3.0) * i)
    top = s.pop()
    top[0] = -1.0
    return np.stack(s.items + [top]).sum(), len(s)


def degrees(n: int):
    g = Graph(n)
    for k in range(n - 1):
        g.connect(k, (k * 7 + 3) % n)
    return [len(a) for a in g.adj], g.edges


CASES = [(accumulate, (0,)), (accumulate, (1,)), (accumulate, (5,)),
         (stack_of_ints, (0,)), (stack_of_ints, (4,)),
         (stack_of_arrays, (1,)), (stack_of_arrays, (4,)), (stack_of_arrays, (0,)),
         (degrees, (1,)), (degrees, (6,))]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_lists_filled_by_methods_match_cpython(fn, args):
    check(fn, *args)


def test_a_field_list_never_filled_stays_empty():
    def f(n: int):
        s = Stack()
        return len(s) + n
    assert py2wasm.compile(f)(3) == 3


@dataclasses.dataclass
class Bag:
    items: list[int] = dataclasses.field(default_factory=list)
    weights: list[float] = dataclasses.field(default_factory=list)

    def push(self, v: int) -> int:
        self.items.append(v)
        self.weights.append(v * 0.5)
        return len(self.items)


class Made:
    def __init__(self):
        self.xs = list()


def bag_of(n: int):
    b = Bag()
    for i in range(n):
        b.push(i * 3 - 2)
    m = Made()
    m.xs.append(float(n))
    ys = list()
    ys.append(n > 1)
    return sum(b.items), b.weights, m.xs, ys, list()


# `list()` (a dataclass's `field(default_factory=list)`, `self.xs = list()`,
# `ys = list()`) learns its element type from a later append, as `[]` does
# (was P2W003 "a list whose element type cannot be inferred")
@pytest.mark.parametrize("n", [0, 1, 4])
def test_list_call_learns_its_type(n):
    check(bag_of, n)
