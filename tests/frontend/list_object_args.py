"""Functions taking and returning lists of class instances
(tests/frontend/test_lists_objects_abi.py)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class P:
    x: float
    v: float
    n: int


@dataclass(order=True)
class Q:
    k: int
    w: float


class Body:
    """A plain class with its own order (`__lt__`) and equality."""

    def __init__(self, m: float, tag: int):
        self.m = m
        self.tag = tag

    def __lt__(self, other):
        return self.m < other.m

    def __eq__(self, other):
        return self.tag == other.tag

    def __repr__(self):
        return f"Body({sorted(vars(self).items())!r})"


def step(ps: list[P], dt: float) -> float:
    for p in ps:
        p.x += p.v * dt
        p.n += 1
    ps.append(P(-1.0, 0.0, 0))
    ps.sort(key=lambda p: p.x)
    return ps[0].x


def extremes(qs: list[Q]) -> tuple[Q, Q, int]:
    qs.sort(reverse=True)
    return min(qs), max(qs), qs.index(max(qs))


def by_mass(bs: list[Body], probe: int) -> tuple[list[Body], int, int, bool]:
    bs.sort()
    heavy = sorted(bs, key=lambda b: -b.m)
    b = Body(0.0, probe)
    return heavy, bs.count(b), bs.index(bs[-1]), b in bs


def every_other(ps: list[P]) -> list[P]:
    for p in ps[1::2]:
        p.n = -p.n
    return ps[::2]


def spawn(n: int) -> list[P]:
    return [P(float(i), -0.5 * i, i) for i in range(n)]


def pop_and_return(ps: list[P]) -> list[P]:
    if ps:
        ps.pop(0).x = 7.5
    ps.insert(0, P(0.0, 0.0, len(ps)))
    return ps


def fail_midway(ps: list[P], limit: int) -> int:
    for i, p in enumerate(ps):
        p.n += 100
        if i >= limit:
            ps.reverse()
            raise ValueError(f"stopped at {i}")
    return len(ps)


def grow_attr(bs: list[Body]) -> float:
    s = 0.0
    for b in bs:
        b.m = b.m * 2.0
        s += b.m
    del bs[0].tag
    return s


def move_back(ps: list[P], qs: list[P]) -> int:
    """An instance moved from a later list argument into an earlier one stays
    the caller's object (api._restore_all registers every list first)."""
    ps.append(qs.pop())
    qs[0].x += 1.0
    return len(ps) + len(qs)
