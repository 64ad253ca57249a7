"""NamedTuples crossing the npm package's boundary as plain JavaScript
objects (tests/package/test_records_node.py)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple


class P3(NamedTuple):
    x: float
    y: float
    z: float = 0.0


class Span(NamedTuple):
    lo: int
    hi: int


def swap(p: P3) -> P3:
    return P3(p.z, p.y, p.x)


def norm(p: P3) -> float:
    return math.sqrt(p.x * p.x + p.y * p.y + p.z * p.z)


def widen(s: Span, k: int) -> Span:
    if k < 0:
        raise ValueError("k must be >= 0")
    return Span(s.lo - k, s.hi + k)


def both(p: P3, s: Span) -> tuple[P3, int]:
    return p._replace(x=p.x * s.hi), s.hi - s.lo


@dataclass
class Vec:
    x: float
    y: float
    n: int = 0


def scale(v: Vec, k: float) -> float:
    v.x *= k
    v.y *= k
    v.n += 1
    return math.sqrt(v.x * v.x + v.y * v.y)


def make(a: float) -> Vec:
    return Vec(a, -a, 7)


def bump(v: Vec) -> Vec:
    v.x += 1.0
    return v


def pair(v: Vec, w: Vec) -> tuple[Vec, float]:
    w.y = v.x
    if v.n < 0:
        raise ValueError("negative count")
    return Vec(v.x + w.x, v.y + w.y, v.n + w.n), w.y
