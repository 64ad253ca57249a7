"""Functions using dicts, for tests/frontend/test_dicts.py: each is run by
CPython and compiled."""
from __future__ import annotations

import collections

import numpy as np


def counting(n: int, m: int) -> tuple:
    d = {}
    for i in range(n):
        k = (i * 7) % m
        d[k] = d.get(k, 0) + 1
    s = 0
    for k, v in d.items():
        s = (s * 31 + k * v) % 1000003
    return len(d), s, d[0] if 0 in d else -1, list(d)[-1] if d else -1


def memo_fib(n: int) -> int:
    memo = {0: 0, 1: 1}
    for i in range(2, n + 1):
        memo[i] = memo[i - 1] + memo[i - 2]
    return memo[n]


def key_error(k: int) -> float:
    d = {1: 1.5, 2: 2.5, -3: 0.25}
    del d[1]
    return d[k]


def float_keys(x: float) -> tuple:
    d = {0.0: 1, 1.5: 2}
    d[x] = 3
    return len(d), d.get(-0.0, -1), d[x], x in d


def tuple_keys(n: int) -> tuple:
    g = {}
    for i in range(n):
        key = (i % 3, i % 2)
        g[key] = g.get(key, 0.0) + i * 0.5
    return len(g), g.get((0, 0), -1.0), sum(g.values()), max(g.values()) if g else 0.0


def tuple_key_error(a: int, b: int) -> float:
    d = {(1, 2): 0.5}
    return d[(a, b)]


def defaultdicts(n: int) -> tuple:
    c = collections.defaultdict(int)
    f = collections.defaultdict(float)
    for i in range(n):
        c[i % 4] += i
        f[i % 3] += 0.5
    return c[0], c[3], len(c), f[1], len(f)


def counters(n: int) -> tuple:
    c = collections.Counter()
    for i in range(n):
        c[i % 5] += 1
    return c[2], c[99], len(c)


def changed_size(n: int) -> int:
    d = {1: 1, 2: 2}
    for k in d:
        if n > 0:
            d[k + 10] = 1
    return len(d)


def pops(n: int) -> tuple:
    d = {i: i * i for i in range(n)}
    a = d.pop(2, -1)
    b = d.popitem() if d else (0, 0)
    d.setdefault(100, 5)
    c = d.setdefault(0, 7)
    return a, b, len(d), list(d)[0] if d else -1, d.get(7, 0), c


def pop_missing(n: int) -> int:
    d = {1: 10}
    return d.pop(n)


def pop_missing_from_empty(n: int) -> int:
    d = {}  # key type unknown while tracing: the run-time key's repr is made by the raise
    return d.pop(n * 2 - 1)


def popitem_empty(n: int) -> tuple:
    d = {1: 1.0}
    for _ in range(n):
        d.popitem()
    return d.popitem()


def get_none(k: int) -> float:
    d = {1: 2.5}
    v = d.get(k)
    if v is None:
        return -1.0
    return v


def views(n: int) -> tuple:
    d = {}
    for i in range(n):
        d[n - i] = float(i)
    ks = 0
    for k in d.keys():
        ks = ks * 3 + k
    vs = 0.0
    for v in d.values():
        vs = vs * 0.5 + v
    return ks, vs, sorted(d)[:2] == [1, 2] if n >= 2 else True, len(d.items()), 3 in d.keys()


def copies_and_updates(n: int) -> tuple:
    a = {i: i + 0.5 for i in range(n)}
    b = a.copy()
    b[0] = -1.0
    c = dict(b)
    c.update({100: 1.0, 0: 2.0})
    a.clear()
    return len(a), len(b), b.get(0, 9.0), len(c), c[0], list(c)[-1]


def delete_reinsert(n: int) -> tuple:
    d = {}
    for i in range(n):
        d[i] = i
    for i in range(0, n, 2):
        del d[i]
    for i in range(0, n, 4):
        d[i] = -i
    return np.array(list(d)[:6], dtype=np.int64), len(d), sum(d.values())


def grow_many(n: int) -> int:
    d = {}
    for i in range(n):
        d[i * 2654435761 % 1000003] = i
    t = 0
    for k in d:
        t = (t * 1000003 + k) % 998244353
    return t + len(d)


def bool_keys(a: bool) -> tuple:
    d = {True: 1, False: 0}
    d[a] = 5
    return d[True], d[False], len(d)


class Acc:
    def __init__(self):
        self.total = 0


def dict_of_instances(n: int) -> int:
    d = {0: Acc()}
    for i in range(n):
        if i % 3 not in d:
            d[i % 3] = Acc()
        d[i % 3].total += i
    return d[0].total + 10 * len(d)


def helper_mutates(d, k):
    d[k] = d.get(k, 0) + 1


def dict_in_helper(n: int) -> tuple:
    d = {-1: 0}
    for i in range(n):
        helper_mutates(d, i % 4)
    return len(d), d.get(3, 0)


def run_ops(ops) -> tuple:
    """A sequence of dict operations from an int array: (op, key, value)."""
    d = {}
    trace = 0
    for j in range(0, ops.shape[0] - 2, 3):
        op = ops[j] % 6
        k = int(ops[j + 1] % 8)
        v = float(ops[j + 2])
        if op == 0:
            d[k] = v
        elif op == 1:
            trace = trace * 7 + int(d.get(k, -1.0)) % 1000
        elif op == 2:
            if k in d:
                del d[k]
        elif op == 3:
            trace = trace * 7 + int(d.pop(k, 2.0)) % 1000
        elif op == 4:
            trace = trace * 7 + int(d.setdefault(k, v)) % 1000
        else:
            s = 0
            for kk in d:
                s = s * 5 + kk
            trace = (trace + s) % 1000003
        trace = trace % 1000003
    return trace, len(d), np.array(list(d), dtype=np.int64)
