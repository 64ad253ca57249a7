"""Functions using sets, for tests/frontend/test_sets.py: each is run by
CPython and compiled; results show the iteration order."""
from __future__ import annotations

import numpy as np

def basics(n: int):
    s = set()
    for i in range(n):
        s.add((i * 37) % 23 - 5)
    out = []
    for x in s:
        out.append(x)
    return len(s), np.array(out, dtype=np.int64), 3 in s, -100 in s
def dedup(a):
    s = set()
    for i in range(a.shape[0]):
        s.add(int(a[i]))
    r = []
    for x in s:
        r.append(x)
    return np.array(r, dtype=np.int64)
def ops(n: int):
    a = {i * 3 for i in range(n)}
    b = {i * 5 for i in range(n)}
    r = []
    for x in a | b: r.append(x)
    for x in a & b: r.append(x)
    for x in a - b: r.append(x)
    for x in a ^ b: r.append(x)
    a.discard(3)
    if n > 2: a.remove(6)
    p = a.pop() if a else -1
    r.append(p)
    for x in a: r.append(x)
    return np.array(r, dtype=np.int64)
def big(n: int):
    s = {0}
    for i in range(n):
        s.add(i * 2654435761 % 1000003 - 500000)
        if i % 3 == 0:
            s.discard((i // 2) * 2654435761 % 1000003 - 500000)
    r = []
    for x in s: r.append(x)
    return np.array(r, dtype=np.int64)
def tup(n: int):
    s = set()
    for i in range(n):
        s.add((i % 4, -i % 3))
    r = []
    for a, b in s:
        r.append(a * 10 + b)
    return np.array(r, dtype=np.int64)
def const_in(x: int) -> bool:
    return x in {1, 5, 9}
def literal(x: int):
    s = {x, 3, 1, x + 100}
    r = []
    for v in s: r.append(v)
    return np.array(r, dtype=np.int64), sorted(s)[0]


def remove_missing(x: int) -> int:
    s = {1, 2}
    s.remove(x)
    return len(s)


def remove_from_empty(x: int) -> int:
    s = set()  # element type unknown while tracing: KeyError(x) of the run-time x
    s.remove(x * 3)
    return len(s)


def pop_empty(n: int) -> int:
    s = {7}
    for _ in range(n):
        s.pop()
    return s.pop()


def changed_size(n: int) -> int:
    s = {1, 2, 3}
    for x in s:
        if n:
            s.add(x + 10)
    return len(s)


def inplace(n: int):
    a = {i for i in range(n)}
    b = {i * 2 for i in range(n)}
    a |= {100, 101}
    a -= b
    a ^= {1, 3, 200}
    a &= {i for i in range(0, 300, 3)} | {1}
    r = []
    for x in a:
        r.append(x)
    return np.array(r, dtype=np.int64), len(a)


def copies(n: int):
    a = set()
    for i in range(n):
        a.add(i * 7919 % 1009)
    for i in range(0, n, 3):
        a.discard(i * 7919 % 1009)
    b = a.copy()
    c = set(a)
    b.add(-1)
    d = set([3, 1, 2, 3] + [n])
    r = []
    for s in (b, c, d):
        for x in s:
            r.append(x)
    return np.array(r, dtype=np.int64)


def run_ops(ops):
    """add / discard / pop / iterate, from an int array of (op, value)."""
    s = {0}
    trace = 0
    for j in range(0, ops.shape[0] - 1, 2):
        op = ops[j] % 4
        v = int(ops[j + 1])
        if op == 0:
            s.add(v)
        elif op == 1:
            s.discard(v)
        elif op == 2:
            if s:
                trace = (trace * 31 + s.pop() % 1000003) % 1000003  # (no int64 overflow)
        else:
            for x in s:
                trace = (trace * 7 + x % 1000003) % 1000003
    r = []
    for x in s:
        r.append(x)
    return trace, np.array(r, dtype=np.int64)


def float_set(a):
    s = set()
    for i in range(a.shape[0]):
        s.add(float(a[i]))
    s.discard(0.5)
    r = []
    for x in s:
        r.append(x)
    return np.array(r, dtype=np.float64), 1.5 in s, len(s)
