"""Lists of NamedTuples crossing the npm package's boundary as arrays of
plain JavaScript objects (tests/package/test_ntlists_node.py)."""
from __future__ import annotations

from typing import NamedTuple


class Pt(NamedTuple):
    x: float
    y: float


class Item(NamedTuple):
    name: str
    qty: int
    ok: bool


def mirrored(ps: list[Pt]) -> list[Pt]:
    return [Pt(p.y, p.x) for p in ps]


def add_origin(ps: list[Pt], k: int) -> int:
    for i in range(k):
        ps.append(Pt(0.0, float(i)))
    ps.sort()
    if k > 5:
        raise ValueError("k must be <= 5")
    return len(ps)


def total(items: list[Item]) -> int:
    return sum(it.qty for it in items if it.ok)


def restock(items: list[Item], n: int) -> list[Item]:
    return [Item(it.name + "!", it.qty + n, True) for it in items]


def first(ps: list[Pt]) -> Pt:
    return ps[0]
