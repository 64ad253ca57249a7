"""Containers and strings: lists, dicts, comprehensions, string values."""


def list_literal(x):
    a = 1
    values = [x, a]  # BAD[P2W003]
    return x


def dict_literal(x):
    d = {x * 1j: x}  # BAD[P2W010]
    return x


def list_comprehension(x):
    t = 0.0
    squares = [i * i for i in range(4)]
    return [s * x * 1j for s in squares]  # BAD[P2W010]


def set_literal(x):
    s = {x * 1j, 1.0j}  # BAD[P2W010]
    return x


def returns_string(x):
    if x > 0:
        return x  # BAD[P2W004]
    return "negative"
