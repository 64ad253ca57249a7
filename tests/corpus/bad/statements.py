"""Statements outside the subset: except of a class compiled code cannot raise, with."""


class OwnError(Exception):
    pass


def try_except(x):
    y = 0.0
    try:
        y = 1.0 / x
    except OwnError:  # BAD[P2W010]
        y = 0.0
    return y


def with_statement(x):
    y = x * 2.0
    with x:  # BAD[P2W001]
        y = y + 1.0
    return y
