"""Dicts and sets as parameters and results, through the npm package
(tests/package/test_containers_node.py): JS Maps and Sets; lists of
tuples: arrays of arrays; dataclass instances: plain objects."""
import math
from dataclasses import dataclass


def histogram(xs: list[int]) -> dict[int, int]:
    counts = {}
    for x in xs:
        counts[x] = counts.get(x, 0) + 1
    return counts


def merge_counts(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    for k, v in b.items():
        a[k] = a.get(k, 0) + v
    return a


def normalize(d: dict[int, float]) -> dict[int, float]:
    total = sum(d.values())
    return {k: v / total for k, v in d.items()}


def drop_small(d: dict[int, float], cut: float) -> int:
    small = [k for k, v in d.items() if v < cut]
    for k in small:
        del d[k]
    return len(small)


def lookup(d: dict[int, float], k: int) -> float:
    d[k + 1000] = 0.5
    return d[k]


def seen(s: set[int], xs: list[int]) -> list[int]:
    new = []
    for x in xs:
        if x not in s:
            s.add(x)
            new.append(x)
    return new


def common(a: set[int], b: set[int]) -> set[int]:
    return a & b


def take(s: set[int]) -> int:
    return s.pop() * 2


def spans(d: dict[int, tuple[float, float]]) -> float:
    width = 0.0
    for lo, hi in d.values():
        width += hi - lo
    d[len(d)] = (0.0, width)
    return width


def flags(d: dict[bool, int], on: bool) -> dict[bool, int]:
    d[on] = d.get(on, 0) + 1
    return d


def floats(s: set[float], x: float) -> set[float]:
    s.discard(x)
    return {v * 0.5 for v in s}


def sort_edges(edges: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    edges.sort()
    if edges and edges[0][0] < 0.0:
        raise ValueError("negative weight")
    edges.append((math.inf, -1, -1))
    return edges


def pairs_of(n: int) -> list[tuple[int, bool]]:
    return [(i * i, i % 3 == 0) for i in range(n)]


def weighted(pts: list[tuple[float, float]]) -> float:
    return sum(x * w for x, w in pts)


@dataclass
class Body:
    x: float
    v: float
    n: int


def advance(b: Body, dt: float) -> float:
    b.x += b.v * dt
    b.n += 1
    if b.x > 100.0:
        raise ValueError(f"out of range: {b.x}")
    return b.x


def spawn(x: float) -> Body:
    return Body(x, -x, 0)


def bounce(b: Body) -> Body:
    b.v = -b.v
    return b


def grid_add(g: dict[tuple[int, int], float], i: int, j: int, x: float) -> dict[tuple[int, int], float]:
    g[(i, j)] = g.get((i, j), 0.0) + x
    if i != j and (j, i) in g:
        del g[(j, i)]
    return g


def pair_counts(xs: list[int]) -> dict[tuple[int, int], int]:
    d = {}
    for a, b in zip(xs, xs[1:]):
        d[(a, b)] = d.get((a, b), 0) + 1
    return d


def mirror(cells: set[tuple[int, int]], i: int) -> set[tuple[int, int]]:
    cells.add((i, i))
    cells.discard((0, 1))
    return {(b, a) for a, b in cells}
