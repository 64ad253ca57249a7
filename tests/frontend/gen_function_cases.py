"""Generator functions used from compiled code (frontend/generators.py, the
state machine), for tests/frontend/test_generator_functions.py."""
from __future__ import annotations

import numpy as np


def squares(n):
    for i in range(n):
        yield i * i


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def pairs(xs):
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            yield xs[i] * xs[j]


def counter(n, step=1):
    i = 0
    while i < n:
        yield i
        i += step


def two_phases(n):
    for i in range(n):
        yield float(i)
    total = 0.0
    for i in range(n):
        total += i
        yield total


def raising(n):
    for i in range(n):
        if i == 3:
            raise ValueError("three")
        yield i


def loops(n: int):
    s = 0
    for v in squares(n):
        s += v
    t = 0
    for k in fib():          # infinite: the consumer breaks
        if k > n:
            break
        t += k
    return s, t, sum(x + 1 for x in squares(n)), any(x > 10 for x in squares(n))


def products(a):
    tot = 0.0
    for p in pairs(a):
        tot += p
    return tot


def nexts(n: int):
    g = counter(n, 2)
    a = next(g, -1)
    b = next(g, -1)
    s = 0
    for v in g:
        s += v
    return a, b, s, next(g, -5)


def stop_iteration(n: int) -> int:
    g = counter(n)
    next(g)
    return next(g)


def consumers(n: int):
    g = counter(n)
    h = counter(n, 3)
    k = counter(n)
    return sum(g), max(h) if n else -1, any(k), sorted(counter(n))[-1] if n else 0


def phases(n: int):
    out = 0.0
    for v in two_phases(n):
        out = out * 0.5 + v
    return out, list(two_phases(n))[-1] if n else 0.0


def generator_raises(n: int) -> int:
    s = 0
    for v in raising(n):
        s += v
    return s


def genexpr_loops(x: float, n: int):
    t = 0.0
    for v in (i * x for i in range(n)):
        t += v
    g = (i * i for i in range(n) if i % 2)
    first = next(g, -1)
    return t, first, sum(g)


def interleaved(n: int):
    a = counter(n)
    b = counter(n, 2)
    s = 0
    for x in a:
        y = next(b, 100)
        s = (s * 3 + x * y) % 1000003
    return s % 1000003


def nested_generators(n: int):
    return sum(v * 2 for v in squares(n)), np.array(list(squares(n)), dtype=np.int64)


# --- generators passed on: pipelines (each generator made once, where CPython makes it) ---

def evens(xs):
    for x in xs:
        if x % 2 == 0:
            yield x


def take(xs, k):
    for x in xs:
        if k <= 0:
            return
        k -= 1
        yield x


def _total(xs):
    s = 0
    for x in xs:
        s += x
    return s


def pipelines(n: int):
    a = sum(x // 2 for x in evens(squares(n)))
    g = squares(n)
    first = next(g, -1)
    b = first * 1000 + sum(evens(g))           # the rest of the same generator
    c = _total(take(evens(squares(n)), 3))     # passed to a plain function
    d = sum(y for y in (x * 2 for x in squares(n)))
    h = squares(n)
    e = len(list(take(h, 2))) * 100 + sum(take(h, 2))  # one generator, two consumers
    s = 0
    for v in take(evens(squares(n)), n):
        s = s * 3 + v
    return a, b, c, d, e, s
