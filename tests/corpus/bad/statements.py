"""Statements outside the subset: try/except, with."""


def try_except(x):
    y = 0.0
    try:  # BAD[P2W001]
        y = 1.0 / x
    except ZeroDivisionError:  # BAD[P2W001]
        y = 0.0
    return y


def with_statement(x):
    y = x * 2.0
    with x:  # BAD[P2W001]
        y = y + 1.0
    return y
