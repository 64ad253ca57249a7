"""Functions with generator expressions, compiled by test_generators.py."""
import numpy as np


def consumers(n: int, c: float):
    xs = [c * k for k in range(n)]
    a = sum((x * x for x in xs), 0.0)
    b = any(x > 2.0 for x in xs)
    d = all(1.0 / x > 0.1 for x in xs if x != 0.0)
    e = max(k % 3 for k in range(n + 1))
    f = min(abs(x - 1.0) for x in xs) if xs else -1.0
    g = np.array(list(v + c for v in xs), dtype=np.float64)
    return a, b, d, e, f, g.sum()


def short_circuit(n: int):
    # CPython stops at the first true item: the division by zero after it never runs
    return any(10 // (3 - k) > 4 for k in range(n))


def short_circuit_all(n: int):
    return all(10 // (3 - k) < 4 for k in range(n))


def nested_generator(n: int):
    return sum(i * j for i in range(n) for j in range(i) if (i + j) % 3)


def generator_in_helper(xs0: float, n: int):
    return _norm2([xs0 + k for k in range(n)])


def _norm2(xs):
    return sum((x * x for x in xs), 0.0) ** 0.5


def loop_over_generator(n: int):
    t = 0
    for v in (k * k for k in range(n)):
        t += v
    return t


def over_literal_rows(n: int):
    """Rows written as list literals holding run-time values, iterated by a
    generator expression and comprehensions (frontend/opcodes.py GET_ITER)."""
    a = max((len(x) for x in [[n, 0], [7]]), default=-1)
    b = sum(x[0] * 2 for x in [[n, 0], [7, n]])
    c = [sum(x) for x in [[n, 1], [n, n, n]]]
    return a, b, c


def _positive_doubled(xs):
    for x in xs:
        if x > 0:
            yield x * 2


def next_of_literal_arg(n: int):
    """next() of a generator function called with a list literal (its frame
    layout settles: the list is made where the generator starts)."""
    g = _positive_doubled([n, 4, -1])
    return next(_positive_doubled([42, -50, n]), 1), next(g), next(g, 0), next(g, -9)
