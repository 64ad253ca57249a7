"""Functions holding class instances in lists (tests/frontend/test_lists_objects.py)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class P:
    x: float
    v: float


@dataclass(order=True)
class Q:
    k: int
    w: float


class Node:
    def __init__(self, val: int):
        self.val = val
        self.seen = False
        self.kids = []

    def add(self, t):
        self.kids.append(t)

    def total(self) -> int:
        s = self.val
        for k in self.kids:
            s += k.total()
        return s


class A:
    def __init__(self, v: float):
        self.v = v


def particles(n: int, dt: float) -> float:
    ps = [P(float(i), 1.0 - i) for i in range(n)]
    for _ in range(3):
        for p in ps:
            p.x += p.v * dt
    s = 0.0
    for p in ps:
        s += p.x
    return s


def aliases(n: int) -> tuple[float, float]:
    ps = []
    for i in range(n):
        ps.append(P(float(i), 2.0))
    a = ps[0]
    a.x = 10.0
    ps[1].v = -1.0
    b = ps.pop()
    return ps[0].x + b.x, sum(p.v for p in ps)


def sort_by_key(n: int) -> list[float]:
    ps = [P(float((i * 7) % 5), float(i)) for i in range(n)]
    ps.sort(key=lambda p: p.x)
    best = max(ps, key=lambda p: p.v)
    return [p.v for p in ps] + [best.x]


def ordered(n: int) -> list[int]:
    qs = [Q((i * 3) % 4, float(i)) for i in range(n)]
    qs2 = sorted(qs)
    out = [q.k for q in qs2] + [int(qs == qs2)]
    if qs:
        out += [min(qs).k, max(qs).k]
    return out


def unordered_min(n: int) -> float:
    return min([A(float(i)) for i in range(n)]).v


def unordered_sort(n: int) -> float:
    ps = [A(float(i)) for i in range(n)]
    ps.sort()
    return ps[0].v if ps else -1.0


def dfs(n: int) -> int:
    g = [Node(i) for i in range(n)]
    stack = [g[0]]
    cnt = 0
    while stack:
        nd = stack.pop()
        if nd.seen:
            continue
        nd.seen = True
        cnt += nd.val
        if nd.val + 1 < n:
            stack.append(g[nd.val + 1])
        if nd.val + 2 < n:
            stack.append(g[nd.val + 2])
    return cnt


def tree(n: int) -> int:
    root = Node(1)
    for i in range(n):
        c = Node(i)
        root.add(c)
        c.add(Node(10 * i))
    return root.total()


def membership(n: int) -> tuple[bool, bool, int, int]:
    a = A(1.0)
    ps = [A(1.0), a]
    qs = [P(1.0, 2.0), P(1.0, 3.0)]
    return A(1.0) in ps, P(1.0, float(n)) in qs, ps.index(a), qs.count(P(1.0, float(n)))


def index(n: int) -> float:
    ps = [P(1.0, 2.0), P(3.0, 4.0)]
    return ps[n].x


def returns_list(n: int):
    return [P(1.0, float(n))]
