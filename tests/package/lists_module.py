"""Lists as arguments and results, built into an npm package by
tests/package/test_lists_node.py (number[] / boolean[] in JavaScript)."""


def scale(xs: list[float], k: float) -> list[float]:
    """A scaled copy (xs is read only)."""
    return [x * k for x in xs]


def total(xs: list[float]) -> float:
    return sum(xs)


def grow(xs: list[int], n: int) -> int:
    for i in range(n):
        xs.append(i * 3 - 1)
    xs[0] = -xs[0]
    return len(xs)


def drain(xs: list[int], v: int) -> int:
    last = xs.pop()
    xs.remove(v)
    return last


def at(xs: list[float], i: int) -> float:
    return xs[i]


def where(xs: list[float], v: float) -> int:
    return xs.index(v)


def order(xs: list[float]) -> list[float]:
    xs.sort()
    return xs


def flags(xs: list[bool]) -> list[bool]:
    xs.reverse()
    return [not x for x in xs]


def fail_after(xs: list[float], n: int) -> float:
    xs.append(0.5)
    xs.insert(0, -1.5)
    if n > 2:
        raise ValueError(f"n too large: {n}")
    return xs[n]


def pair(xs: list[int], ys: list[int]) -> tuple[int, list[int]]:
    xs.extend(ys)
    return len(xs), [y * 2 for y in ys]


def wide(n: int) -> list[int]:
    return [n, n * 1048576]


def row_sums(g: list[list[float]]) -> list[float]:
    return [sum(row, 0.0) for row in g]


def add_rows(g: list[list[int]], n: int) -> list[list[int]]:
    g[0].append(n)
    g.append([n, n + 1])
    r = g.pop(1) if len(g) > 2 else [0]
    r.append(-1)
    return g


def table(n: int, m: int) -> list[list[int]]:
    return [[i * j for j in range(m)] for i in range(n)]
