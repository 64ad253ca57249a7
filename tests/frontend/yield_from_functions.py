"""Generator functions with `yield from`, for test_yield_from.py."""


def count(n):
    for i in range(n):
        yield i


def squares(xs):
    for x in xs:
        yield x * x


def chained(n, xs):
    yield from count(n)
    yield -1
    yield from squares(xs)
    yield from range(n, 0, -2)
    yield from (a + b for a, b in zip(xs, xs))


def nested(n):
    for k in range(n):
        yield from chained(k, (1, 2))


def failing(n):
    yield from count(n)
    yield 10 // (n - 3)
