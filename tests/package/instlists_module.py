"""Lists of class instances (a @dataclass and a plain class) as arguments
and results, for tests/package/test_instlists_node.py."""
from dataclasses import dataclass


@dataclass
class P:
    x: float
    n: int
    on: bool


class Q:
    a: float
    k: int

    def __init__(self, a, k):
        self.a = a
        self.k = k


def step(ps: list[P], dx: float) -> float:
    s = 0.0
    for p in ps:
        p.x += dx
        p.on = not p.on
        s += p.x
    return s


def spawn(n: int) -> list[P]:
    return [P(i * 0.5, i, i % 2 == 0) for i in range(n)]


def grow(ps: list[P]) -> list[P]:
    ps.append(P(9.5, len(ps), True))
    ps.reverse()
    return ps


def pick(ps: list[P], k: int) -> list[P]:
    out = [p for p in ps if p.n > k]
    for p in out:
        p.n -= 1
    return out


def move(ps: list[P], qs: list[P]) -> int:
    if qs:
        ps.append(qs.pop())
    if ps:
        qs.insert(0, ps.pop(0))
    return len(ps) * 10 + len(qs)


def adopt(p: P, ps: list[P]) -> int:
    p.n += 100
    ps.append(p)
    return len(ps)


def by_a(qs: list[Q]) -> float:
    qs.sort(key=lambda q: q.a)
    return qs[0].a if qs else -1.0


def bump(qs: list[Q], lim: int) -> int:
    t = 0
    for q in qs:
        q.k += 1
        t += q.k
        if q.k > lim:
            qs.append(Q(-1.0, t))
            raise ValueError(f"k too big: {q.k}")
    return t


def halves(ps: list[P]) -> tuple:
    return ps[:1], len(ps), ps
