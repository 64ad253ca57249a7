"""Functions whose exceptions carry run-time values in their messages
(f-strings), built into an npm package by test_strings_node.py."""
import numpy as np


def check_n(n: int, x: float) -> float:
    if n < 0:
        raise ValueError(f"bad n: {n}")
    if x != x:
        raise ValueError(f"x is {x}, n={n:05d}")
    if x > 1e6:
        raise OverflowError(f"x={x:.3f} ({x:.2e}, {x:.1%}) too big for {n}")
    return x * n


def flags(b: bool, y: float) -> float:
    z = np.float32(y)
    if b:
        raise RuntimeError(f"b={b} z={z} z!r={z!r} z!s={z!s} y={y!r:>12} sum={y + 1}")
    if y < 0:
        raise KeyError(f"missing {y}")
    return y


def concat(k: int) -> int:
    if k > 10:
        raise IndexError("index " + str(k) + " is too large, limit " + format(10, "x"))
    return k


def _negative(v):
    if v < 0:
        raise ValueError(f"negative {v}")
    return v


def two_kinds(a: int, b: float) -> float:
    return _negative(a) + _negative(b)


def list_stats(n: int, c: float) -> float:
    xs = [c * k for k in range(n)]
    xs.append(1.5)
    if n > 50:
        raise ValueError(f"n={n} is larger than 50 (list of {len(xs)} items)")
    return sum(x * x for x in xs) + max(xs) + xs[-2 if n else -1]
