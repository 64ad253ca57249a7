"""A helper whose body is outside the subset; called from attributes_calls.py."""


def helper(x):
    y = x * 3.0
    print(y)  # BAD[P2W006]
    return y
